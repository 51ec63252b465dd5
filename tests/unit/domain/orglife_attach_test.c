/* orglife_attach_test.c: attach_sniff reads a file's kind from its bytes: PDF, PNG and JPEG by
 * their signatures, a .docx as a zip holding [Content_Types].xml and a file under word/; a
 * spreadsheet, a zip without the content-types part, a bare word/ folder, a truncated zip, a
 * program, HTML and too few bytes are none of them, whatever they would be named. */
#include "tap.h"
#include <zip.h>
#include "domain/orglife/orglife_attach.h"

/* A zip of the named entries (each holding its own name) in a malloc'd buffer. */
static unsigned char *zip_of(const char *const *names, size_t n, size_t *len_out)
{
    char path[] = "/tmp/attach-test-XXXXXX";
    int fd = mkstemp(path), err = 0;
    zip_t *z;
    unsigned char *buf;
    FILE *f;
    long len;

    ASSERT(fd >= 0);
    close(fd);
    z = zip_open(path, ZIP_TRUNCATE, &err);
    ASSERT(z);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *s = zip_source_buffer(z, names[i], strlen(names[i]), 0);
        ASSERT(s && zip_file_add(z, names[i], s, ZIP_FL_OVERWRITE) >= 0);
    }
    ASSERT(zip_close(z) == 0);
    f = fopen(path, "rb");
    ASSERT(f);
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)len);
    ASSERT(buf && fread(buf, 1, (size_t)len, f) == (size_t)len);
    fclose(f);
    unlink(path);
    *len_out = (size_t)len;
    return buf;
}

static const char *sniff_zip(const char *const *names, size_t n, size_t cut)
{
    size_t len;
    unsigned char *b = zip_of(names, n, &len);
    const char *kind = attach_sniff(b, cut && cut < len ? cut : len);

    free(b);
    return kind;
}

static void test_signatures(void)
{
    CHECK_STR(attach_sniff("%PDF-1.7\n", 9), "pdf");
    CHECK_STR(attach_sniff("\x89PNG\r\n\x1a\n\0\0", 10), "png");
    CHECK_STR(attach_sniff("\xff\xd8\xff\xe0\0\x10JFIF", 10), "jpeg");
    CHECK(attach_sniff("%PDF", 4) == NULL);
    CHECK(attach_sniff("MZ\x90\0\3\0\0\0", 8) == NULL);
    CHECK(attach_sniff("<!DOCTYPE html><script>", 23) == NULL);
    CHECK(attach_sniff(" %PDF-1.7", 9) == NULL);
    CHECK(attach_sniff("", 0) == NULL);
}

static void test_office_zips(void)
{
    static const char *const docx[] = { "[Content_Types].xml", "_rels/.rels", "word/document.xml" };
    static const char *const xlsx[] = { "[Content_Types].xml", "xl/workbook.xml" };
    static const char *const no_types[] = { "word/document.xml" };
    static const char *const bare_folder[] = { "[Content_Types].xml", "word/" };

    CHECK_STR(sniff_zip(docx, ARRAY_LEN(docx), 0), "docx");
    CHECK(sniff_zip(xlsx, ARRAY_LEN(xlsx), 0) == NULL);
    CHECK(sniff_zip(no_types, ARRAY_LEN(no_types), 0) == NULL);
    CHECK(sniff_zip(bare_folder, ARRAY_LEN(bare_folder), 0) == NULL);
    CHECK(sniff_zip(docx, ARRAY_LEN(docx), 60) == NULL); /* truncated: no central directory */
}

TAP_MAIN("domain/orglife_attach", TEST(test_signatures), TEST(test_office_zips))
