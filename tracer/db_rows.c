/* The tracer's rows: faults, console lines, exception tables, steps and
 * benchmark figures, each joining the writer's open batch (db.c). */
#include <math.h>
#include <stdio.h>

#include "db.h"
#include "db_impl.h"

static int add(struct db *db, sqlite3_stmt *st)
{
	return db_step(db, st) ? -1 : db_row_count(db);
}

static void bind_fault_late(sqlite3_stmt *st, const struct fault_record *f)
{
	db_bind_str(st, 1, f->lookup, STR_MAX);
	if (f->entry_index >= 0)
		sqlite3_bind_int64(st, 2, f->entry_index);
	if (f->fixup)
		sqlite3_bind_int64(st, 3, f->fixup);
	DB_BIND_ARRAY(st, 4, f->fixup_symbol);
	db_bind_str(st, 5, f->handler, STR_MAX);
	db_bind_str(st, 6, f->owner, STR_MAX);
	db_bind_str(st, 7, f->outcome, STR_MAX);
	if (f->resume_eip) {	/* 0: nothing resumed (oops, killed) or not yet known */
		sqlite3_bind_int64(st, 8, f->resume_eip);
		sqlite3_bind_int64(st, 9, f->eax_after);
		sqlite3_bind_int64(st, 10, f->edx_after);
	}
	sqlite3_bind_int(st, 11, f->mismatch != 0);
	DB_BIND_ARRAY(st, 12, f->note);
	if (f->observed_index >= 0)
		sqlite3_bind_int64(st, 13, f->observed_index);
	db_bind_str(st, 14, f->observed_owner, STR_MAX);
	if (f->has_frame_after) {
		sqlite3_bind_int64(st, 15, f->frame_eax_after);
		sqlite3_bind_int64(st, 16, f->frame_edx_after);
	}
}

/* What is known at the entry: the page walk's verdict and the frame. */
static void bind_fault_entry(sqlite3_stmt *st, int k, const struct fault_record *f)
{
	if (f->walk_level)
		sqlite3_bind_int(st, k, f->walk_level);
	db_bind_str(st, k + 1, f->walk_reason, STR_MAX);
	if (f->has_frame) {
		sqlite3_bind_int64(st, k + 2, f->frame_addr);
		sqlite3_bind_int64(st, k + 3, f->frame_eip_before);
		sqlite3_bind_int64(st, k + 4, f->frame_eax_before);
		sqlite3_bind_int64(st, k + 5, f->frame_edx_before);
	}
}

int db_add_fault(struct db *db, int64_t run_id, const struct fault_record *f)
{
	sqlite3_stmt *st = db->st[ST_FAULT];
	const int k = FAULT_LATE_COLS;
	if (db_row_begin(db))
		return -1;
	bind_fault_late(st, f);
	sqlite3_bind_int64(st, k + 1, run_id);
	db_bind_u64(st, k + 2, f->seq);
	db_bind_u64(st, k + 3, f->ts_ns);
	if (f->has_tsc)
		db_bind_u64(st, k + 4, f->tsc);
	sqlite3_bind_int64(st, k + 5, f->vector);
	if (f->vector == 14)	/* only a page fault sets CR2 */
		sqlite3_bind_int64(st, k + 6, f->cr2);
	sqlite3_bind_int64(st, k + 7, f->eip);
	DB_BIND_ARRAY(st, k + 8, f->eip_symbol);
	sqlite3_bind_int64(st, k + 9, f->error_code);
	sqlite3_bind_int64(st, k + 10, f->cpl);
	bind_fault_entry(st, k + 11, f);
	return add(db, st);
}

int db_update_fault(struct db *db, int64_t run_id, const struct fault_record *f)
{
	sqlite3_stmt *st = db->st[ST_FAULT_UPDATE];
	if (db_row_begin(db))
		return -1;
	bind_fault_late(st, f);
	sqlite3_bind_int64(st, FAULT_LATE_COLS + 1, run_id);
	db_bind_u64(st, FAULT_LATE_COLS + 2, f->seq);
	if (db_step(db, st))
		return -1;
	if (sqlite3_changes(db->h) != 1) {
		snprintf(db->err, sizeof(db->err), "%s: run %lld has no fault %llu", db->path,
			 (long long)run_id, (unsigned long long)f->seq);
		return -1;
	}
	return db_row_count(db);
}

int db_add_console(struct db *db, int64_t run_id, uint64_t ts_ns, const char *line, size_t len)
{
	sqlite3_stmt *st = db->st[ST_CONSOLE];
	if (len > (size_t)STR_MAX * 16) {
		snprintf(db->err, sizeof(db->err), "%s: a console line of %zu bytes is too long",
			 db->path, len);
		return -1;
	}
	if (db_row_begin(db))
		return -1;
	sqlite3_bind_int64(st, 1, run_id);
	db_bind_u64(st, 2, ts_ns);
	sqlite3_bind_text(st, 3, len ? line : "", (int)len, SQLITE_STATIC);
	return add(db, st);
}

int db_add_extable(struct db *db, int64_t run_id, const struct extable_row *e)
{
	sqlite3_stmt *st = db->st[ST_EXTABLE];
	if (db_row_begin(db))
		return -1;
	sqlite3_bind_int64(st, 1, run_id);
	db_bind_str(st, 2, e->owner, STR_MAX);
	sqlite3_bind_int64(st, 3, e->idx);
	sqlite3_bind_int64(st, 4, e->insn);
	sqlite3_bind_int64(st, 5, e->fixup);
	sqlite3_bind_int64(st, 6, e->handler);
	DB_BIND_ARRAY(st, 7, e->insn_symbol);
	DB_BIND_ARRAY(st, 8, e->fixup_symbol);
	return add(db, st);
}

int db_add_step(struct db *db, int64_t run_id, const struct step_row *s)
{
	sqlite3_stmt *st = db->st[ST_STEP];
	if (db_row_begin(db))
		return -1;
	sqlite3_bind_int64(st, 1, run_id);
	db_bind_u64(st, 2, s->fault_seq);
	sqlite3_bind_int64(st, 3, s->step_idx);
	if (s->milestone)
		sqlite3_bind_int(st, 4, s->milestone);
	sqlite3_bind_int64(st, 5, s->eip);
	DB_BIND_ARRAY(st, 6, s->eip_symbol);
	DB_BIND_ARRAY(st, 7, s->insn);
	DB_BIND_ARRAY(st, 8, s->changed);
	DB_BIND_ARRAY(st, 9, s->src_file);
	if (s->src_file[0] && s->src_line)
		sqlite3_bind_int64(st, 10, s->src_line);
	return add(db, st);
}

int db_add_step_reg(struct db *db, int64_t run_id, const struct step_reg_row *r)
{
	sqlite3_stmt *st = db->st[ST_STEP_REG];
	if (db_row_begin(db))
		return -1;
	sqlite3_bind_int64(st, 1, run_id);
	db_bind_u64(st, 2, r->fault_seq);
	sqlite3_bind_int64(st, 3, r->step_idx);
	db_bind_str(st, 4, r->reg, STR_MAX);
	sqlite3_bind_int64(st, 5, r->value);
	return add(db, st);
}

int db_add_source_line(struct db *db, int64_t run_id, const char *file, uint32_t line,
		       const char *text, size_t len)
{
	sqlite3_stmt *st = db->st[ST_SOURCE];
	if (len > STR_MAX) {
		snprintf(db->err, sizeof(db->err), "%s: source line %s:%u of %zu bytes is too long",
			 db->path, file, line, len);
		return -1;
	}
	if (db_row_begin(db))
		return -1;
	sqlite3_bind_int64(st, 1, run_id);
	db_bind_str(st, 2, file, STR_MAX);
	sqlite3_bind_int64(st, 3, line);
	sqlite3_bind_text(st, 4, len ? text : "", (int)len, SQLITE_STATIC);
	return add(db, st);
}

int db_add_probe(struct db *db, int64_t run_id, const struct probe_row *p)
{
	sqlite3_stmt *st = db->st[ST_PROBE];
	if (db_row_begin(db))
		return -1;
	sqlite3_bind_int64(st, 1, run_id);
	db_bind_u64(st, 2, p->fault_seq);
	sqlite3_bind_int64(st, 3, p->probe);
	sqlite3_bind_int64(st, 4, p->step_idx);
	db_bind_str(st, 5, p->owner, STR_MAX);
	sqlite3_bind_int64(st, 6, p->idx);
	sqlite3_bind_int64(st, 7, p->insn);
	db_bind_str(st, 8, p->result, STR_MAX);
	return add(db, st);
}

int db_add_walk(struct db *db, int64_t run_id, const struct walk_row *w)
{
	sqlite3_stmt *st = db->st[ST_WALK];
	if (db_row_begin(db))
		return -1;
	sqlite3_bind_int64(st, 1, run_id);
	db_bind_u64(st, 2, w->fault_seq);
	sqlite3_bind_int(st, 3, w->level);
	db_bind_u64(st, 4, w->entry_addr);
	db_bind_u64(st, 5, w->entry_value);
	return add(db, st);
}

int db_add_bench(struct db *db, int64_t run_id, const struct bench_row *b)
{
	sqlite3_stmt *st = db->st[ST_BENCH];
	if (db_row_begin(db))
		return -1;
	sqlite3_bind_int64(st, 1, run_id);
	db_bind_str(st, 2, b->case_name, STR_MAX);
	db_bind_str(st, 3, b->parameter, STR_MAX);
	db_bind_str(st, 4, b->measure, STR_MAX);
	if (isfinite(b->value))
		sqlite3_bind_double(st, 5, b->value);
	db_bind_str(st, 6, b->unit, STR_MAX);
	db_bind_u64(st, 7, b->repetitions);
	return add(db, st);
}
