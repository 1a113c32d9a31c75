#!/bin/sh
# Hostile and awkward database files for the reading commands: a view that
# never ends, a WAL-mode file in a directory we cannot write, and the
# fts3_tokenizer() function. No guest needed.
. "$(dirname "$0")/tap.inc"

schema=$(dirname "$0")/../../schema.sql
run1="INSERT INTO runs (id, started_at, status, kernel_path, emulated) VALUES (1, 'x', 'completed', 'k', 1);"

# A view that recurses forever (an endless CTE that yields no row): without a
# time limit faults and query never return.
db=$out/loop.db
sqlite3 "$db" < "$schema"
sqlite3 "$db" "$run1 DROP VIEW fault_timeline; CREATE VIEW fault_timeline AS
	WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)
	SELECT 1 AS run_id, n AS seq, 0 AS t_ms, 0 AS exception, 0 AS cpl, 0 AS eip,
	       '' AS eip_symbol, 0 AS cr2, '' AS access, '' AS refused_by, '' AS lookup, 0 AS fixup,
	       '' AS fixup_symbol, '' AS outcome, 0 AS resume_eip, 0 AS eax_after,
	       0 AS edx_after, '' AS note FROM r WHERE n < 0;"
fl faults --db "$db" --max-time 0.2
ok "$(is $rc 1)" "faults on an endless view stops with exit 1"
ok "$(has 'stopped after --max-time 0.2 s' stderr)" "and says the time limit stopped it"
ok "$(is "$(wc -l < "$out/stderr")" 1)" "in one line"
fl query --db "$db" --max-time 0.2 timeline --csv
ok "$(is $rc 1)" "query on it stops too"
fl query --db "$db" --max-time 0.2 --sql 'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r WHERE n < 0'
ok "$(is $rc 1)" "so does an endless --sql"
ok "$(has 'stopped after --max-time' stderr)" "with the same message"
fl faults --db "$db" --max-time 0
ok "$(is $rc 2)" "--max-time 0 is a bad value"

# fts3_tokenizer(): the two-argument form installs a tokenizer from a pointer,
# the one-argument form returns one (a heap address). Both are refused.
db=$out/f.db
sqlite3 "$db" < "$schema"
sqlite3 "$db" "$run1"
fl query --db "$db" --sql "SELECT fts3_tokenizer('simple')"
ok "$(is $rc 1)" "fts3_tokenizer(NAME) is refused"
ok "$(has 'not authorized' stderr)" "by the authorizer"
fl query --db "$db" --sql "SELECT fts3_tokenizer('x', fts3_tokenizer('simple'))"
ok "$(is $rc 1)" "fts3_tokenizer(NAME, PTR) is refused"
sqlite3 "$db" "DROP VIEW faults_by_function; CREATE VIEW faults_by_function AS
	SELECT 1 AS run_id, hex(fts3_tokenizer('simple')) AS function, '' AS outcome, 1 AS faults;"
fl query --db "$db" by-function
ok "$(is $rc 1)" "and so is a view of the file calling it"

# WAL mode in a directory we cannot write (SQLite would create the -shm
# there). Read as a user that is not root: root may write anywhere.
as_user() { if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi; }
flu() { as_user "$FL" "$@" >"$out/stdout" 2>"$out/stderr"; rc=$?; }
chmod 755 "$out"
for d in clean live nowal; do mkdir "$out/$d"; done
# clean: WAL mode, no -wal or -shm left (SQLite removes them on close).
sqlite3 "$out/clean/w.db" < "$schema"
sqlite3 "$out/clean/w.db" "PRAGMA journal_mode=WAL; $run1" >/dev/null
# live, nowal: copied while a connection is open and the data is only in the
# -wal, as a killed run leaves them; nowal lacks the -shm, as a copy of the
# two files would.
sqlite3 "$out/src.db" < "$schema"
sqlite3 "$out/src.db" "PRAGMA journal_mode=WAL" "PRAGMA wal_autocheckpoint=0" "$run1" \
	".shell cp $out/src.db $out/src.db-wal $out/src.db-shm $out/live/" \
	".shell cp $out/src.db $out/src.db-wal $out/nowal/" >/dev/null
for d in live nowal; do for f in "$out/$d"/src.db*; do mv "$f" "$out/$d/w.db${f##*src.db}"; done; done
chmod -R a+rX "$out/clean" "$out/live" "$out/nowal"
chmod 555 "$out/clean" "$out/live" "$out/nowal"
for d in clean live; do
	flu query --db "$out/$d/w.db" runs --csv
	ok "$(is $rc 0)" "$d WAL file in a read-only directory: query reads it"
	ok "$(has '1,x,,completed' stdout)" "$d: and finds the run"
	flu faults --db "$out/$d/w.db"
	ok "$(is $rc 0)" "$d: faults reads it"
done
flu query --db "$out/nowal/w.db" runs
ok "$(is $rc 1)" "a -wal without its -shm in a read-only directory cannot be read"
ok "$(has 'w.db-wal holds data' stderr)" "and faultline says why"
chmod 755 "$out/clean" "$out/live" "$out/nowal"

done_testing
