/* dev_material_demo.c: the demo's documents (dev_material.h): for the demo applicants made by
 * dev_demo.c (this hook runs after it), one small generated one-page PDF for each document the
 * steps they reached call for, dated the day of the producing step, with a few left out so the
 * page's reminders and the 材料归档清单's gaps have something to show. The PDFs say in plain
 * ASCII that they are fictional demo files. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/audit/audit.h"
#include "domain/demo/demo.h"
#include "domain/dev/dev_int.h"
#include "domain/dev/dev_material.h"

/* A one-page A4 PDF (Helvetica, no fonts embedded) with two lines of text, its cross-reference
 * table at the right offsets. Text is ASCII without parentheses or backslashes. */
static void demo_pdf(struct buf *b, const char *line1, const char *line2)
{
    size_t off[6];
    char content[200];
    int clen =
        snprintf(content, sizeof(content),
                 "BT /F1 20 Tf 72 760 Td (%s) Tj 0 -30 Td /F1 12 Tf (%s) Tj ET", line1, line2);

    buf_puts(b, "%PDF-1.4\n");
    off[1] = b->len;
    buf_puts(b, "1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n");
    off[2] = b->len;
    buf_puts(b, "2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n");
    off[3] = b->len;
    buf_puts(b, "3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
                "/Resources<</Font<</F1 5 0 R>>>>>> endobj\n");
    off[4] = b->len;
    buf_printf(b, "4 0 obj <</Length %d>> stream\n%s\nendstream endobj\n", clen, content);
    off[5] = b->len;
    buf_puts(b, "5 0 obj <</Type/Font/Subtype/Type1/BaseFont/Helvetica>> endobj\n");
    size_t xref = b->len;
    buf_puts(b, "xref\n0 6\n0000000000 65535 f \n");
    for (int i = 1; i <= 5; i++)
        buf_printf(b, "%010zu 00000 n \n", off[i]);
    buf_printf(b, "trailer <</Size 6/Root 1 0 R>>\nstartxref\n%zu\n%%%%EOF\n", xref);
}

/* The date of the first recorded step `step` (or of the latest below it; the application's
 * date at worst). */
static const char *step_date(const struct dev_step_view *s, int64_t n, int64_t step)
{
    const char *d = n ? s[0].done_on : NULL;

    for (int64_t i = 0; i < n; i++)
        if (s[i].step <= step)
            d = s[i].done_on;
    for (int64_t i = 0; i < n; i++)
        if (s[i].step == step)
            return s[i].done_on;
    return d;
}

static int demo_case(const struct demo_ctx *ctx, int64_t id, int64_t k, struct arena *a,
                     struct err *err)
{
    struct dev_step_view *s = NULL;
    struct dev_doc_need need[DEV_DOC_NEEDS_MAX];
    int64_t ns = 0, top = 0, doc_id;
    size_t nn;

    if (dev_store_steps(ctx->c, id, NULL, a, &s, &ns, err) < 0)
        return -1;
    for (int64_t i = 0; i < ns; i++)
        top = s[i].step > top ? s[i].step : top;
    nn = dev_doc_needs(top, NULL, 0, need);
    for (size_t i = 0; i < nn; i++) {
        struct buf b;
        struct dev_doc_new row;
        char sha[65];

        /* Leave one in five out (never the application), for the reminders to show. */
        if (!need[i].due || (i && (k + (int64_t)i) % 5 == 4))
            continue;
        buf_init(&b, a, 4096);
        demo_pdf(&b, "Demo document - fictional",
                 arena_printf(a, "applicant %" PRId64 ", %s, %s", id, need[i].kind,
                              step_date(s, ns, need[i].from)));
        audit_digest(b.p, b.len, sha);
        row = (struct dev_doc_new){
            id,
            need[i].from,
            need[i].kind,
            step_date(s, ns, need[i].from),
            !strcmp(need[i].kind, "volunteer") ? arena_printf(a, "DEMO-%06" PRId64, 100 + id)
                                               : NULL,
            NULL,
            arena_printf(a, "%s（演示）.pdf", DEV_DOC_KIND_LABELS[i < 7 ? i : 7]),
            "pdf",
            "application/pdf",
            sha,
            b.p,
            b.len
        };
        if (dev_doc_store_insert(ctx->c, &row, 0, ctx->now, &doc_id, err) < 0)
            return -1;
    }
    return 0;
}

static int dev_doc_demo_run(const struct demo_ctx *ctx, struct err *err)
{
    struct arena a;
    int64_t *ids, n;
    int rc = -1;

    arena_init(&a, 1 << 16);
    if (dev_doc_store_demo_cases(ctx->c, 12, &a, &ids, &n, err) < 0)
        goto out;
    for (int64_t k = 0; k < n; k++)
        if (demo_case(ctx, ids[k], k, &a, err) < 0)
            goto out;
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

const struct demo_hook DEV_DOC_DEMO = { "dev_doc", DEMO_PHASE_DONE, dev_doc_demo_run };
