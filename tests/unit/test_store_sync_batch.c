/*
 * test_store_sync_batch.c: changes of another device applied in groups
 * (store_sync_batch_begin/end, as `cxo sync` does): each still whole or
 * not at all, each recorded, a refused one leaving the rest, and a group
 * rolled back leaving nothing.
 */
#include "cxo/journal.h"
#include "store_test.h"

TestSuite(store_sync_batch, .init = tdir_setup, .fini = tdir_teardown);

/* laptop.db holding client acme, its history not to be handed out, and
 * desktop.db a copy of it; both devices of one folder. */
static void two_devices(struct store **a, struct store **b, struct client *acme)
{
	char pa[128], pb[128];
	tpath(pa, sizeof pa, "laptop.db");
	tpath(pb, sizeof pb, "desktop.db");
	struct store *st = open_ok(pa, STORE_WRITE);
	add_client(st, "acme", acme);
	store_close(st);
	raw_exec(pa, "UPDATE journal SET out_seq = -seq");
	size_t n;
	char *bytes = slurp(pa, &n);
	FILE *fp = fopen(pb, "wb");
	cr_assert_not_null(fp);
	cr_assert_eq(fwrite(bytes, 1, n, fp), n);
	cr_assert_eq(fclose(fp), 0);
	cr_assert_eq(chmod(pb, 0600), 0);
	free(bytes);
	*a = open_ok(pa, STORE_WRITE);
	*b = open_ok(pb, STORE_WRITE);
	cr_assert_eq(store_sync_set(*a, "laptop", "/sync"), 0, "%s", store_error(*a));
	cr_assert_eq(store_sync_set(*b, "desktop", "/sync"), 0, "%s", store_error(*b));
}

/* n notes written on st, handed out into ch[0..n). */
static void notes_out(struct store *st, const struct client *c, int n, struct sync_change *ch)
{
	for (int i = 0; i < n; i++) {
		struct note note;
		memset(&note, 0, sizeof note);
		memcpy(note.client_id, c->id, sizeof note.client_id);
		char text[40];
		snprintf(text, sizeof text, "note %d", i);
		note.text = text;
		cr_assert_eq(store_note_add(st, &note), 0, "%s", store_error(st));
	}
	for (int i = 0; i < n; i++) {
		bool found = false;
		cr_assert_eq(store_sync_next_out(st, &ch[i], &found), 0, "%s", store_error(st));
		cr_assert(found);
		cr_assert_eq(store_sync_sent(st, ch[i].journal_seq, ch[i].seq), 0);
	}
}

static long long count(struct store *st, const char *path_name, const char *sql)
{
	(void)st;
	char path[128];
	tpath(path, sizeof path, path_name);
	sqlite3 *db;
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_stmt *s;
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK, "%s", sql);
	cr_assert_eq(sqlite3_step(s), SQLITE_ROW);
	long long v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

Test(store_sync_batch, each_change_whole_and_recorded_a_refused_one_leaves_the_rest)
{
	struct store *a, *b;
	struct client acme;
	two_devices(&a, &b, &acme);
	struct sync_change ch[4];
	notes_out(a, &acme, 4, ch);

	cr_assert_eq(store_sync_batch_begin(b), 0, "%s", store_error(b));
	struct sync_apply_result r;
	cr_assert_eq(
	        store_sync_apply(b, "laptop", ch[0].seq, ch[0].hlc, ch[0].data, ch[0].size, &r), 0,
	        "%s", store_error(b));
	/* Out of order: refused, nothing of it applied, the group goes on. */
	cr_assert_eq(
	        store_sync_apply(b, "laptop", ch[2].seq, ch[2].hlc, ch[2].data, ch[2].size, &r),
	        EX_TEMPFAIL);
	/* Unreadable: refused the same way. */
	char junk[40];
	memset(junk, 0x5a, sizeof junk);
	cr_assert_eq(store_sync_apply(b, "laptop", ch[1].seq, ch[1].hlc, junk, sizeof junk, &r),
	             EX_DATAERR);
	for (int i = 1; i < 4; i++)
		cr_assert_eq(store_sync_apply(b, "laptop", ch[i].seq, ch[i].hlc, ch[i].data,
		                              ch[i].size, &r),
		             0, "%d: %s", i, store_error(b));
	/* Another write while the group is open is refused, not mixed in. */
	cr_assert_eq(store_sync_batch_begin(b), EX_SOFTWARE);
	cr_assert_eq(store_sync_batch_end(b, 0), 0, "%s", store_error(b));
	store_close(b);

	cr_assert_eq(count(NULL, "desktop.db", "SELECT count(*) FROM notes"), 4);
	cr_assert_eq(
	        count(NULL, "desktop.db",
	              "SELECT count(*) FROM journal WHERE kind = 'sync' AND device = 'laptop'"),
	        4, "one journal entry a change");
	cr_assert_eq(count(NULL, "desktop.db",
	                   "SELECT count(DISTINCT device_seq) FROM journal WHERE kind = 'sync'"),
	             4);
	cr_assert_eq(count(NULL, "desktop.db",
	                   "SELECT applied_seq FROM sync_peers WHERE device = 'laptop'"),
	             ch[3].seq);
	cr_assert_eq(count(NULL, "desktop.db", "SELECT count(*) FROM sync_applying"), 0);
	for (int i = 0; i < 4; i++)
		sync_change_free(&ch[i]);
	store_close(a);
}

Test(store_sync_batch, a_group_rolled_back_leaves_nothing)
{
	struct store *a, *b;
	struct client acme;
	two_devices(&a, &b, &acme);
	struct sync_change ch[3];
	notes_out(a, &acme, 3, ch);
	long long journal_before = count(NULL, "desktop.db", "SELECT count(*) FROM journal");

	cr_assert_eq(store_sync_batch_begin(b), 0, "%s", store_error(b));
	struct sync_apply_result r;
	for (int i = 0; i < 3; i++)
		cr_assert_eq(store_sync_apply(b, "laptop", ch[i].seq, ch[i].hlc, ch[i].data,
		                              ch[i].size, &r),
		             0, "%s", store_error(b));
	cr_assert_eq(store_sync_batch_end(b, EX_IOERR), EX_IOERR);
	/* The handle works on: the next run applies them again. */
	long long applied = -1;
	cr_assert_eq(store_sync_peer(b, "laptop", &applied), 0);
	cr_assert_eq(applied, 0);
	cr_assert_eq(
	        store_sync_apply(b, "laptop", ch[0].seq, ch[0].hlc, ch[0].data, ch[0].size, &r), 0,
	        "%s", store_error(b));
	store_close(b);
	cr_assert_eq(count(NULL, "desktop.db", "SELECT count(*) FROM notes"), 1);
	cr_assert_eq(count(NULL, "desktop.db", "SELECT count(*) FROM journal"), journal_before + 1);
	for (int i = 0; i < 3; i++)
		sync_change_free(&ch[i]);
	store_close(a);
}

Test(store_sync_batch, a_key_clash_inside_a_group_is_moved_aside_as_a_change_of_its_own)
{
	struct store *a, *b;
	struct client acme;
	two_devices(&a, &b, &acme);
	struct client ca, cb;
	add_client(a, "globex", &ca); /* the same key, made on both */
	add_client(b, "globex", &cb);
	struct sync_change ch;
	bool found = false;
	cr_assert_eq(store_sync_next_out(a, &ch, &found), 0, "%s", store_error(a));
	cr_assert(found);

	cr_assert_eq(store_sync_batch_begin(b), 0, "%s", store_error(b));
	struct sync_apply_result r;
	cr_assert_eq(store_sync_apply(b, "laptop", ch.seq, ch.hlc, ch.data, ch.size, &r), 0, "%s",
	             store_error(b));
	cr_assert_eq(store_sync_batch_end(b, 0), 0, "%s", store_error(b));
	store_close(b);
	/* The move is this device's own change, to be handed out. */
	cr_assert_eq(count(NULL, "desktop.db",
	                   "SELECT count(*) FROM journal WHERE kind = 'change' AND device IS NULL"
	                   " AND summary LIKE 'moved client globex aside%'"),
	             1);
	cr_assert_eq(count(NULL, "desktop.db", "SELECT count(*) FROM clients WHERE key = 'globex'"),
	             1);
	cr_assert_eq(count(NULL, "desktop.db", "SELECT count(*) FROM clients"), 3);
	client_free(&ca);
	client_free(&cb);
	sync_change_free(&ch);
	store_close(a);
}
