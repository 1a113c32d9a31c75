/* The tracer's database writer: prepared statements, rows batched into
 * transactions that commit every DB_BATCH_ROWS rows and at the caller's safe
 * points. The row writers are in db_rows.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "db_impl.h"

static const char *const sql[NR_ST] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_RUN_BEGIN] = "INSERT INTO runs (scenario, program, kernel_path, kernel_sha256,"
			 " engine, engine_version, emulated, tsc_khz, cmdline) VALUES (?,?,?,?,?,?,?,?,?)",
	[ST_RUN_END] = "UPDATE runs SET ended_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),"
		       " status = ?, exit_code = ?, fault_count = ?, exits = ?,"
		       " exits_per_fault = ?, error = ? WHERE id = ?",
	[ST_FAULT] = "INSERT INTO faults (lookup, entry_index, fixup, fixup_symbol, handler,"
		     " owner, outcome, resume_eip, eax_after, edx_after, mismatch,"
		     " note, observed_index, observed_owner, frame_eax_after, frame_edx_after,"
		     " run_id, seq, ts_ns, tsc, vector, cr2, eip, eip_symbol, error_code, cpl,"
		     " walk_level, walk_reason, frame_addr, frame_eip_before, frame_eax_before,"
		     " frame_edx_before) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
		     "?,?,?,?,?,?)",
	[ST_FAULT_UPDATE] = "UPDATE faults SET lookup = ?, entry_index = ?, fixup = ?,"
			    " fixup_symbol = ?, handler = ?, owner = ?, outcome = ?,"
			    " resume_eip = ?, eax_after = ?, edx_after = ?,"
			    " mismatch = ?, note = ?, observed_index = ?, observed_owner = ?,"
			    " frame_eax_after = ?, frame_edx_after = ?"
			    " WHERE run_id = ? AND seq = ?",
	[ST_CONSOLE] = "INSERT INTO console (run_id, ts_ns, line) VALUES (?,?,?)",
	[ST_EXTABLE] = "INSERT INTO extable_entries (run_id, owner, idx, insn, fixup, handler,"
		       " insn_symbol, fixup_symbol) VALUES (?,?,?,?,?,?,?,?)",
	[ST_STEP] = "INSERT INTO fault_steps (run_id, fault_seq, step_idx, milestone, eip,"
		    " eip_symbol, insn, changed, src_file, src_line) VALUES (?,?,?,?,?,?,?,?,?,?)",
	[ST_STEP_REG] = "INSERT INTO step_regs (run_id, fault_seq, step_idx, reg, value)"
			" VALUES (?,?,?,?,?)",
	/* The same line is named by many steps and faults: the first copy stays. */
	[ST_SOURCE] = "INSERT OR IGNORE INTO source_lines (run_id, file, line, text)"
		      " VALUES (?,?,?,?)",
	[ST_PROBE] = "INSERT INTO extable_probes (run_id, fault_seq, probe, step_idx, owner, idx,"
		     " insn, result) VALUES (?,?,?,?,?,?,?,?)",
	[ST_WALK] = "INSERT INTO fault_walk (run_id, fault_seq, level, entry_addr, entry_value)"
		    " VALUES (?,?,?,?,?)",
	[ST_BENCH] = "INSERT INTO bench (run_id, case_name, parameter, measure, value, unit,"
		     " repetitions) VALUES (?,?,?,?,?,?,?)",
};

int db_fail(struct db *db)
{
	snprintf(db->err, sizeof(db->err), "%s: %s", db->path, sqlite3_errmsg(db->h));
	return -1;
}

/* The bindings are cleared after each row so that a NULL left unbound never
 * repeats the previous row's value. */
int db_step(struct db *db, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db);
}

int db_flush(struct db *db)
{
	if (sqlite3_get_autocommit(db->h))
		return 0;
	db->pending = 0;
	return db_step(db, db->st[ST_COMMIT]);
}

int db_row_begin(struct db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		return 0;
	return db_step(db, db->st[ST_BEGIN]);
}

int db_row_count(struct db *db)
{
	return ++db->pending >= DB_BATCH_ROWS ? db_flush(db) : 0;
}

/* Bound SQLITE_STATIC: every statement runs before its caller's data goes. */
void db_bind_str(sqlite3_stmt *st, int i, const char *s, size_t max)
{
	size_t n = s ? strnlen(s, max) : 0;
	if (n)
		sqlite3_bind_text(st, i, s, (int)n, SQLITE_STATIC);
}

void db_bind_u64(sqlite3_stmt *st, int i, uint64_t v)
{
	sqlite3_bind_int64(st, i, (sqlite3_int64)v);
}

int db_open(struct db **out, const char *path, char *err, size_t errlen)
{
	struct db *db = calloc(1, sizeof(*db));
	*out = NULL;
	if (!db) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	if (db_file_open(&db->h, path, 1, err, errlen)) {
		free(db);
		return -1;
	}
	snprintf(db->path, sizeof(db->path), "%s", path);
	for (int i = 0; i < NR_ST; i++) {
		if (sqlite3_prepare_v3(db->h, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &db->st[i],
				       NULL) != SQLITE_OK) {
			snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(db->h));
			db_close(db);
			return -1;
		}
	}
	*out = db;
	return 0;
}

int db_run_begin(struct db *db, const struct run_info *r, int64_t *run_id)
{
	sqlite3_stmt *st = db->st[ST_RUN_BEGIN];
	if (db_flush(db))
		return -1;
	db_bind_str(st, 1, r->scenario, STR_MAX);
	db_bind_str(st, 2, r->program, STR_MAX);
	sqlite3_bind_text(st, 3, r->kernel_path ? r->kernel_path : "(built-in)", -1, SQLITE_STATIC);
	DB_BIND_ARRAY(st, 4, r->kernel_sha256);
	db_bind_str(st, 5, r->engine, STR_MAX);
	db_bind_str(st, 6, r->engine_version, STR_MAX);
	sqlite3_bind_int(st, 7, r->emulated != 0);
	if (r->tsc_khz)
		sqlite3_bind_int64(st, 8, r->tsc_khz);
	db_bind_str(st, 9, r->cmdline, STR_MAX);
	if (db_step(db, st))	/* outside a batch, so it commits now */
		return -1;
	*run_id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

int db_run_end(struct db *db, int64_t run_id, const struct run_end *e)
{
	sqlite3_stmt *st = db->st[ST_RUN_END];
	if (db_row_begin(db))
		return -1;
	db_bind_str(st, 1, e->status, STR_MAX);
	sqlite3_bind_int(st, 2, e->exit_code);
	db_bind_u64(st, 3, e->fault_count);
	db_bind_u64(st, 4, e->exits);
	if (e->fault_count && isfinite(e->exits_per_fault))
		sqlite3_bind_double(st, 5, e->exits_per_fault);
	db_bind_str(st, 6, e->error, STR_MAX);
	sqlite3_bind_int64(st, 7, run_id);
	if (db_step(db, st))
		return -1;
	if (sqlite3_changes(db->h) != 1) {
		snprintf(db->err, sizeof(db->err), "%s: no run %lld", db->path, (long long)run_id);
		return -1;
	}
	return db_flush(db);
}

void db_close(struct db *db)
{
	if (!db)
		return;
	db_flush(db);
	for (int i = 0; i < NR_ST; i++)
		sqlite3_finalize(db->st[i]);
	/* At rest the file leaves WAL, which readers could only use if they
	 * could create its -shm file next to it: read access is then enough. It
	 * fails, harmlessly, while another connection has the file open. */
	sqlite3_exec(db->h, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
	sqlite3_close(db->h);
	free(db);
}

const char *db_error(const struct db *db)
{
	return db->err;
}
