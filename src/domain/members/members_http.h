/* members_http.h: the routes of the members area (list, create, view with audited reveal,
 * change, history). Import and export routes live with src/io's module; the router prefers
 * their literal /api/members/export over /api/members/{id} whatever the order. */
#pragma once

struct json_writer;
struct member_view;

struct module;
extern const struct module MEMBERS_MODULE;

/* The area's demo hooks (members_demo.c): 党员联系卡 for the street's volunteers, and each
 * branch's members spread over its 党小组; and their SQL (members_demo_store.c). */
struct db_conn;
struct demo_hook;
struct err;
extern const struct demo_hook MEMBERS_DEMO_CARDS;
extern const struct demo_hook MEMBERS_DEMO_GROUPS;
int members_store_demo_cards(struct db_conn *c, int64_t now, struct err *err);
int members_store_demo_groups(struct db_conn *c, int64_t now, struct err *err);

/* The member JSON of the contract (id, org_id, org_name, name, gender, …, tags[]); shared
 * with other areas that show members. v should be masked already. */
void member_view_write(struct json_writer *w, const struct member_view *v);
