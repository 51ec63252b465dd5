/* upload_test.c: upload_check, the checks both orglife's attachments and dev's documents run:
 * the name kept without folders, invisible characters and blanks at the ends, an empty name
 * named after the kind; a name with a direction override, not UTF-8, or over 200 characters,
 * an empty file, an unknown kind and one byte over the ceiling refused on /file with the
 * caller's word (附件, 材料) in the size message. */
#include "tap.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/upload.h"

static const char PDF[] = "%PDF-1.4\n%%EOF\n";

static void test_names(void)
{
    struct arena a;
    struct upload_file f;
    struct err e = { 0 };

    arena_init(&a, 4096);
    CHECK(upload_check("C:\\扫描\\入党申请书.pdf", PDF, sizeof(PDF) - 1, 1024, "材料", &a, &f,
                       &e) == 0);
    CHECK_STR(f.file_name, "入党申请书.pdf");
    CHECK_STR(f.kind, "pdf");
    CHECK_STR(f.content_type, "application/pdf");
    CHECK(upload_check("  思想\xe2\x80\x8b汇报.pdf\t", PDF, sizeof(PDF) - 1, 1024, "材料", &a, &f,
                       &e) == 0);
    CHECK_STR(f.file_name, "思想汇报.pdf");
    CHECK(upload_check(NULL, "\xff\xd8\xff\xe0", 4, 1024, "材料", &a, &f, &e) == 0);
    CHECK_STR(f.file_name, "材料.jpg");
    CHECK(upload_check("a/", PDF, sizeof(PDF) - 1, 1024, "附件", &a, &f, &e) == 0);
    CHECK_STR(f.file_name, "附件.pdf");
    arena_release(&a);
}

static void test_refusals(void)
{
    struct arena a;
    struct upload_file f;
    struct err e;
    char long_name[700];

    arena_init(&a, 4096);
    e = (struct err){ 0 };
    CHECK(upload_check("申请书\xe2\x80\xae"
                       "fdp.exe",
                       PDF, sizeof(PDF) - 1, 1024, "材料", &a, &f, &e) < 0);
    CHECK(e.code == E_INVALID && !strcmp(e.field, "/file") && strstr(e.msg, "文件名"));
    e = (struct err){ 0 };
    CHECK(upload_check("\xc3\x28.pdf", PDF, sizeof(PDF) - 1, 1024, "材料", &a, &f, &e) < 0);
    CHECK(e.code == E_INVALID && strstr(e.msg, "UTF-8"));
    memset(long_name, 'a', 201);
    memcpy(long_name + 201, ".pdf", 5);
    e = (struct err){ 0 };
    CHECK(upload_check(long_name, PDF, sizeof(PDF) - 1, 1024, "材料", &a, &f, &e) < 0);
    CHECK(e.code == E_INVALID && strstr(e.msg, "过长"));
    e = (struct err){ 0 };
    CHECK(upload_check("空.pdf", "", 0, 1024, "材料", &a, &f, &e) < 0);
    CHECK(e.code == E_INVALID && strstr(e.msg, "空"));
    e = (struct err){ 0 };
    CHECK(upload_check("a.pdf", "MZ\x90\0", 4, 1024, "材料", &a, &f, &e) < 0);
    CHECK(e.code == E_INVALID && strstr(e.msg, "按文件内容识别"));
    e = (struct err){ 0 };
    CHECK(upload_check("a.pdf", PDF, 16, 15, "材料", &a, &f, &e) < 0);
    CHECK(e.code == E_LIMIT && !strcmp(e.field, "/file") && strstr(e.msg, "材料不能超过"));
    e = (struct err){ 0 };
    CHECK(upload_check("a.pdf", PDF, 15, 15, "材料", &a, &f, &e) == 0);
    arena_release(&a);
}

TAP_MAIN("core/upload", TEST(test_names), TEST(test_refusals))
