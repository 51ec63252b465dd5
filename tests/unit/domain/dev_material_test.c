/* dev_material_test.c: dev_doc_needs, the documents a case calls for: none due but the
 * application at step 1; the 培养考察材料 due from step 6, the 政审材料 from step 10 (to be on
 * file before step 12), the 入党志愿书 from 14, the 转正申请书 from 22; counted per kind against
 * the documents on file; and the 入党志愿书 number found among them. */
#include "tap.h"
#include "domain/dev/dev_material.h"

static const struct dev_doc_need *need_of(const struct dev_doc_need *n, size_t k, const char *kind)
{
    for (size_t i = 0; i < k; i++)
        if (!strcmp(n[i].kind, kind))
            return &n[i];
    return NULL;
}

static void test_needs(void)
{
    struct dev_doc_need n[DEV_DOC_NEEDS_MAX];
    struct dev_doc_view docs[3] = { { .kind = "report" },
                                    { .kind = "report" },
                                    { .kind = "volunteer", .number = "No.7" } };
    size_t k = dev_doc_needs(1, NULL, 0, n);

    CHECK(k == 7);
    CHECK(need_of(n, k, "application")->due);
    CHECK(!need_of(n, k, "report")->due);
    k = dev_doc_needs(11, docs, 3, n);
    CHECK(need_of(n, k, "report")->due && need_of(n, k, "report")->have == 2);
    CHECK(need_of(n, k, "polreview")->due && need_of(n, k, "polreview")->have == 0);
    CHECK(need_of(n, k, "polreview")->before == 12);
    CHECK(!need_of(n, k, "volunteer")->due && need_of(n, k, "volunteer")->have == 1);
    CHECK(!need_of(n, k, "conversion")->due);
    k = dev_doc_needs(22, docs, 3, n);
    CHECK(need_of(n, k, "conversion")->due && need_of(n, k, "conversion")->archived);
    CHECK(need_of(n, k, "other") == NULL);
    CHECK_STR(dev_doc_number(docs, 3), "No.7");
    CHECK(dev_doc_number(docs, 2) == NULL);
}

TAP_MAIN("domain/dev_material", TEST(test_needs))
