/* write_sqlite.c: the five tables in an SQLite database with keys and indexes, filled in batches of
 * whole articles, one transaction each. */
#include "internal.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* Articles per transaction: large enough that commits cost little, small enough that an
 * interrupted run loses little (the open batch is rolled back, whole articles only). */
#define S_BATCH 500

/* Bumped when a table or column changes; a database of another version is refused. The
 * columns, their types, NOT NULL and keys follow schema/datapackage.json, and the pipeline
 * tests hold the two to each other. */
#define S_SCHEMA_VERSION "2"

static const char S_schema[] =
    "CREATE TABLE IF NOT EXISTS newsrec_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
    "INSERT OR IGNORE INTO newsrec_meta VALUES ('schema_version', '" S_SCHEMA_VERSION "');\n"
    "INSERT OR IGNORE INTO newsrec_meta VALUES ('created_by', 'newsrec " NR_VERSION "');\n"
    "CREATE TABLE IF NOT EXISTS articles (\n"
    "  article_id TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT, dateline TEXT,\n"
    "  published TEXT,"
    "  encoding TEXT NOT NULL, chars INTEGER NOT NULL, words INTEGER NOT NULL,\n"
    "  sentences INTEGER NOT NULL, paragraphs INTEGER NOT NULL, warnings TEXT);\n"
    "CREATE TABLE IF NOT EXISTS actors (\n"
    "  article_id TEXT NOT NULL REFERENCES articles, actor_id TEXT PRIMARY KEY,\n"
    "  kind TEXT NOT NULL, name TEXT NOT NULL, key TEXT NOT NULL, title TEXT, aliases TEXT,\n"
    "  mentions INTEGER NOT NULL, code TEXT, country TEXT);\n"
    "CREATE TABLE IF NOT EXISTS mentions (\n"
    "  article_id TEXT NOT NULL REFERENCES articles, actor_id TEXT NOT NULL REFERENCES actors,\n"
    "  start INTEGER NOT NULL, \"end\" INTEGER NOT NULL, text TEXT NOT NULL, form TEXT NOT NULL,\n"
    "  sentence INTEGER NOT NULL, PRIMARY KEY (actor_id, start, \"end\"));\n"
    "CREATE TABLE IF NOT EXISTS statements (\n"
    "  article_id TEXT NOT NULL REFERENCES articles, statement_id TEXT PRIMARY KEY,\n"
    "  actor_id TEXT REFERENCES actors, speaker_name TEXT, speaker_text TEXT,\n"
    "  kind TEXT NOT NULL, cue TEXT, cue_lemma TEXT, text TEXT NOT NULL,\n"
    "  start INTEGER NOT NULL, \"end\" INTEGER NOT NULL, paragraph INTEGER NOT NULL,\n"
    "  sentence INTEGER NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS events (\n"
    "  article_id TEXT NOT NULL REFERENCES articles, event_id TEXT PRIMARY KEY,\n"
    "  type TEXT NOT NULL, cameo TEXT NOT NULL, quad_class INTEGER NOT NULL, goldstein REAL,\n"
    "  trigger TEXT NOT NULL, lemma TEXT NOT NULL, agent_id TEXT REFERENCES actors,\n"
    "  agent_name TEXT, agent_code TEXT, target_id TEXT REFERENCES actors, target_name TEXT,\n"
    "  target_code TEXT,\n"
    "  location_id TEXT REFERENCES actors, location_name TEXT, date TEXT, date_precision TEXT,\n"
    "  date_text TEXT, negated INTEGER NOT NULL CHECK (negated IN (0, 1)),\n"
    "  lead INTEGER NOT NULL CHECK (lead IN (0, 1)),\n"
    "  statement_id TEXT REFERENCES statements, sentence INTEGER NOT NULL,\n"
    "  start INTEGER NOT NULL, \"end\" INTEGER NOT NULL);\n"
    "CREATE INDEX IF NOT EXISTS actors_article ON actors (article_id);\n"
    "CREATE INDEX IF NOT EXISTS mentions_article ON mentions (article_id);\n"
    "CREATE INDEX IF NOT EXISTS statements_article ON statements (article_id);\n"
    "CREATE INDEX IF NOT EXISTS statements_actor ON statements (actor_id);\n"
    "CREATE INDEX IF NOT EXISTS events_article ON events (article_id);\n"
    "CREATE INDEX IF NOT EXISTS events_agent ON events (agent_id);\n"
    "CREATE INDEX IF NOT EXISTS events_target ON events (target_id);\n"
    "CREATE INDEX IF NOT EXISTS events_location ON events (location_id);\n"
    "CREATE INDEX IF NOT EXISTS events_statement ON events (statement_id);\n";

struct nr_sqlite {
    nr_cells cells; /* first: the table layout calls back with this */
    sqlite3 *db;
    sqlite3_stmt *insert[NR_T_COUNT], *exists;
    sqlite3_stmt *row; /* the insert being filled */
    int col, rc;       /* the next parameter; the first failure */
    size_t in_batch;   /* articles added since the open transaction began */
    bool open;         /* a transaction is open */
    char message[256]; /* what failed, when rc is not SQLITE_OK */
};

static void S_note(nr_sqlite *w, int rc)
{
    if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW || w->rc != SQLITE_OK)
        return;
    w->rc = rc;
    snprintf(w->message, sizeof w->message, "%s", sqlite3_errmsg(w->db));
}

static void S_text(nr_cells *c, const char *s, size_t n)
{
    nr_sqlite *w = (nr_sqlite *)c;
    int k = ++w->col;
    /* transient: a joined cell's buffer is reused for the next one */
    S_note(w, s ? sqlite3_bind_text64(w->row, k, s, n, SQLITE_TRANSIENT, SQLITE_UTF8)
                : sqlite3_bind_null(w->row, k));
}

static void S_number(nr_cells *c, long long v)
{
    nr_sqlite *w = (nr_sqlite *)c;
    S_note(w, sqlite3_bind_int64(w->row, ++w->col, v));
}

static void S_boolean(nr_cells *c, bool v)
{
    nr_sqlite *w = (nr_sqlite *)c;
    S_note(w, sqlite3_bind_int(w->row, ++w->col, v));
}

static void S_decimal(nr_cells *c, double v)
{
    nr_sqlite *w = (nr_sqlite *)c;
    S_note(w, sqlite3_bind_double(w->row, ++w->col, v));
}

static void S_end(nr_cells *c)
{
    nr_sqlite *w = (nr_sqlite *)c;
    if (w->rc == SQLITE_OK)
        S_note(w, sqlite3_step(w->row));
    sqlite3_reset(w->row);
    w->col = 0;
}

static void S_fail(nr_error *err, int rc, const char *what)
{
    if (!err)
        return;
    err->status = rc == SQLITE_NOMEM ? NR_ENOMEM : NR_EIO;
    snprintf(err->message, sizeof err->message, "%s", what);
}

static int S_exec(nr_sqlite *w, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(w->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK && w->rc == SQLITE_OK) {
        w->rc = rc;
        snprintf(w->message, sizeof w->message, "%s", msg ? msg : sqlite3_errstr(rc));
    }
    sqlite3_free(msg);
    return rc;
}

/* The schema version of a database that already has one, which must be ours. */
static bool S_same_version(nr_sqlite *w)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        w->db, "SELECT value FROM newsrec_meta WHERE key = 'schema_version'", -1, &st, NULL);
    bool same = true;
    if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        if (!v || strcmp(v, S_SCHEMA_VERSION) != 0) {
            snprintf(w->message, sizeof w->message,
                     "the database has newsrec schema version %s; this newsrec writes version %s",
                     v ? v : "(none)", S_SCHEMA_VERSION);
            w->rc = SQLITE_MISMATCH;
            same = false;
        }
    }
    sqlite3_finalize(st); /* no newsrec_meta yet: a new database */
    return same;
}

static bool S_prepare(nr_sqlite *w)
{
    for (int t = 0; t < NR_T_COUNT; t++) {
        nr_buf sql;
        nr_buf_init(&sql);
        nr_buf_printf(&sql, "INSERT INTO %s VALUES (", nr_table_name((nr_table)t));
        const char *const *cols = nr_table_columns((nr_table)t);
        for (size_t k = 0; cols[k]; k++)
            nr_buf_puts(&sql, k ? ", ?" : "?");
        nr_buf_puts(&sql, ")");
        nr_buf_putc(&sql, '\0');
        int rc = sql.failed ? SQLITE_NOMEM
                            : sqlite3_prepare_v2(w->db, sql.data, -1, &w->insert[t], NULL);
        nr_buf_free(&sql);
        S_note(w, rc);
    }
    S_note(w, sqlite3_prepare_v2(w->db, "SELECT 1 FROM articles WHERE article_id = ?", -1,
                                 &w->exists, NULL));
    return w->rc == SQLITE_OK;
}

nr_sqlite *nr_sqlite_open(const char *path, nr_error *err)
{
    nr_sqlite *w = calloc(1, sizeof *w);
    if (!w) {
        S_fail(err, SQLITE_NOMEM, "out of memory");
        return NULL;
    }
    w->cells = (nr_cells){S_text, S_number, S_boolean, S_decimal, S_end, false};
    int rc = sqlite3_open_v2(path, &w->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        S_fail(err, rc, w->db ? sqlite3_errmsg(w->db) : sqlite3_errstr(rc));
        nr_sqlite_discard(w);
        return NULL;
    }
    sqlite3_extended_result_codes(w->db, 1);
    /* Another process holding the file gets a few seconds before the run gives up. */
    sqlite3_busy_timeout(w->db, 5000);
    if (S_exec(w, "PRAGMA foreign_keys = ON") == SQLITE_OK && S_same_version(w) &&
        S_exec(w, "BEGIN IMMEDIATE") == SQLITE_OK && S_exec(w, S_schema) == SQLITE_OK &&
        S_exec(w, "COMMIT") == SQLITE_OK && S_prepare(w))
        return w;
    S_fail(err, w->rc, w->message);
    nr_sqlite_discard(w);
    return NULL;
}

/* Whether the article is in the database from an earlier run. */
static int S_exists(nr_sqlite *w, const char *id)
{
    sqlite3_bind_text(w->exists, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(w->exists);
    sqlite3_reset(w->exists);
    S_note(w, rc);
    return rc == SQLITE_ROW;
}

int nr_sqlite_add(nr_sqlite *w, const nr_article *a, nr_error *err)
{
    if (w->rc == SQLITE_OK && !w->open && S_exec(w, "BEGIN IMMEDIATE") == SQLITE_OK)
        w->open = true;
    if (w->rc == SQLITE_OK && S_exists(w, a->id))
        return 0;
    /* Each article is all or nothing, even when a row of it fails in the middle of a batch. */
    S_exec(w, "SAVEPOINT article");
    for (int t = 0; t < NR_T_COUNT && w->rc == SQLITE_OK; t++) {
        w->row = w->insert[t];
        w->col = 0;
        nr_table_rows(&w->cells, (nr_table)t, a);
        if (w->cells.failed)
            S_note(w, SQLITE_NOMEM);
    }
    if (w->rc != SQLITE_OK) {
        S_fail(err, w->rc, w->message);
        return -1;
    }
    S_exec(w, "RELEASE article");
    if (++w->in_batch == S_BATCH && S_exec(w, "COMMIT") == SQLITE_OK) {
        w->open = false;
        w->in_batch = 0;
    }
    if (w->rc != SQLITE_OK) {
        S_fail(err, w->rc, w->message);
        return -1;
    }
    return 1;
}

int nr_sqlite_close(nr_sqlite *w, nr_error *err)
{
    if (w->rc == SQLITE_OK && w->open)
        S_exec(w, "COMMIT");
    int rc = w->rc;
    if (rc != SQLITE_OK)
        S_fail(err, rc, w->message);
    nr_sqlite_discard(w);
    return rc == SQLITE_OK ? 0 : -1;
}

void nr_sqlite_discard(nr_sqlite *w)
{
    if (!w)
        return;
    for (int t = 0; t < NR_T_COUNT; t++)
        sqlite3_finalize(w->insert[t]);
    sqlite3_finalize(w->exists);
    /* closing with a transaction open rolls it back: the database keeps whole batches only */
    sqlite3_close(w->db);
    free(w);
}
