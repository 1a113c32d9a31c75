#!/bin/sh
# The query commands (faults, extable, query) on a database made with the
# sqlite3 tool from schema.sql: tables, CSV, JSON, hostile text, bad files
# and bad options. No KVM needed.
. "$(dirname "$0")/tap.inc"

db=$out/f.db
sqlite3 "$db" < "$(dirname "$0")/../../schema.sql"
fl faults --db "$db"
ok "$(is $rc 1)" "a database without runs exits 1"
ok "$(has 'no runs recorded' stderr)" "and says so"

sqlite3 "$db" <<'SQL'
INSERT INTO runs (id, started_at, ended_at, status, exit_code, scenario, kernel_path, emulated,
		  fault_count) VALUES
	(1, '2024-05-01T10:00:00.000Z', '2024-05-01T10:00:01.000Z', 'completed', 0, 'boot',
	 '(built-in)', 1, 1),
	(2, '2024-05-01T11:00:00.000Z', '2024-05-01T11:00:02.000Z', 'guest_failed', 3, 'tour',
	 '(built-in)', 1, 5);
INSERT INTO faults (run_id, seq, ts_ns, tsc, vector, cr2, eip, eip_symbol, error_code, cpl,
		    lookup, entry_index, fixup, fixup_symbol, handler, owner, outcome,
		    resume_eip, eax_after, edx_after, mismatch) VALUES
	(1, 1, 1000, 5, 14, 0x1000, 0xc0105555, 'boot_probe+0x2', 0, 0, 'none', NULL, NULL,
	 NULL, NULL, NULL, 'resolved', 0xc0105555, 0, 0, 0),
	(2, 1, 1500000, 10, 14, 0xbad0, 0xc0101234, 'get_user_4+0x3', 0, 0, 'found', 1,
	 0xc0108000, '.fixup+0x0', 'ex_handler_default', 'kernel', 'fixup', 0xc0108000,
	 0xfffffff2, 0, 0),
	(2, 2, 2500000, 20, 14, 0xbad4, 0xc0101234, 'get_user_4+0x3', 0, 0, 'found', 1,
	 0xc0108000, '.fixup+0x0', 'ex_handler_default', 'kernel', 'fixup', 0xc0108000,
	 0xfffffff2, 0, 0),
	(2, 3, 3000000, 30, 14, 0x400000, 0xc0102000, 'copy_page+0x10', 2, 0, 'none', NULL,
	 NULL, NULL, NULL, NULL, 'resolved', 0xc0102000, 0, 0, 0),
	(2, 4, 4000000, 40, 0, NULL, 0x08048010, 'main+0x10', 0, 3, 'not_applicable', NULL,
	 NULL, NULL, NULL, NULL, 'killed', 0xc0100500, 0, 0, 0),
	(2, 5, 5000000, 50, 14, 0, 0xc0103000, 'do_oops+0x1', 0, 0, 'found', 2, 0xc0108010,
	 '.fixup+0x10', 'ex_handler_default', 'kernel', 'oops', NULL, NULL, NULL, 0);
UPDATE faults SET walk_level = 1, walk_reason = 'not_present' WHERE run_id = 2 AND seq = 1;
UPDATE faults SET walk_level = 2, walk_reason = 'supervisor' WHERE run_id = 2 AND seq = 2;
UPDATE faults SET walk_reason = 'allowed' WHERE run_id = 2 AND seq = 3;
INSERT INTO extable_entries (run_id, owner, idx, insn, fixup, handler, insn_symbol,
			     fixup_symbol) VALUES
	(2, 'kernel', 2, 0xc0103000, 0xc0108010, 0, 'do_oops+0x1', '.fixup+0x10'),
	(2, 'kernel', 1, 0xc0101234, 0xc0108000, 1, 'get_user_4+0x3', '.fixup+0x0'),
	(2, 'kernel', 0, 0xc0100100, 0xc0108020, 0, 'put_user_4+0x2', '.fixup+0x20');
INSERT INTO console (run_id, ts_ns, line) VALUES
	(2, 100, 'say "hi", world'),
	(2, 200, CAST(X'1b5b324a41ff42' AS TEXT));
SQL
sum=$(md5sum < "$db")

fl faults --db "$db"
ok "$(is $rc 0)" "faults exits 0"
ok "$(has 'get_user_4+0x3' stdout)" "faults shows the latest run"
ok "$(is "$(grep -c 'boot_probe' "$out/stdout")" 0)" "and only that run"
ok "$(has 'kernel write, not present' stdout)" "the error code is spelled out"
ok "$(is "$(head -n 1 "$out/stdout" | awk '{print $1, $2, $3}')" "seq t_ms exception")" \
	"the table has a header"
ok "$(is "$(wc -l < "$out/stdout")" 7)" "a header, a rule and five faults"
ok "$(is "$(head -n 1 "$out/stdout" | awk '{print $8, $9, $10}')" "access refused_by lookup")" \
	"refused_by follows access"
ok "$(is "$(grep -cE 'not present +PTE not present +found' "$out/stdout")" 1)" \
	"refused_by names the level and the reason"
ok "$(is "$(grep -c 'PDE supervisor' "$out/stdout")/$(grep -c 'tables allow it' "$out/stdout")" 1/1)" \
	"for every reason, and says when the tables allow the access"

fl faults --db "$db" --run 1
ok "$(has 'boot_probe+0x2' stdout)" "--run 1 shows run 1"
FAULTLINE_DB=$db fl faults --run 1
ok "$(has '0xc0105555' stdout)" "FAULTLINE_DB names the default database"

fl query by-function --db "$db"
cat > "$out/expected" <<'TXT'
function    outcome   faults
----------  --------  ------
get_user_4  fixup          2
copy_page   resolved       1
do_oops     oops           1
main        killed         1
TXT
diff "$out/expected" "$out/stdout" >&2
ok $? "by-function is an aligned table, numbers on the right"

fl extable --db "$db"
ok "$(is $rc 0)" "extable exits 0"
ok "$(is "$(sed -n 3p "$out/stdout" | awk '{print $1, $2, $3, $4}')" \
	"0 0xc0100100 0xc0108020 ex_handler_default")" "extable starts at the lowest insn"
ok "$(is "$(sed -n 4p "$out/stdout" | awk '{print $4, $5}')" \
	"ex_handler_fault get_user_4+0x3")" "with handler names and symbols"
ok "$(has 'this run: 3 entries, 36 bytes (12 bytes each: insn, fixup, handler); kernel 3, modules 0' stdout)" \
	"extable ends with the run's table size"
ok "$(has 'Linux 2.1.8 __ex_table: 696 entries, 0x15c0 = 5,568 bytes (8 bytes each: insn, fixup)' stdout)" \
	"beside the seed's"
fl extable --db "$db" --csv
ok "$(is "$(wc -l < "$out/stdout")/$(grep -c 'Linux 2.1.8' "$out/stdout")" 4/0)" "extable --csv: a header and 3 rows, no summary"
fl extable --db "$db" --json
ok "$(python3 -c 'import json,sys; sys.exit(len(json.load(open(sys.argv[1]))) != 3)' "$out/stdout"; echo $?)" \
	"extable --json: the 3 rows, nothing after"

fl query unexplained --db "$db"
ok "$(has 'an oops although the table has a fixup' stdout)" "unexplained gives the reason"
ok "$(is "$(wc -l < "$out/stdout")" 3)" "for the one unexplained fault"

fl query --list
ok "$(is $rc 0)" "query --list exits 0"
for q in timeline by-function unexplained runs extable console; do
	ok "$(has "$q" stdout)" "query --list names $q"
done
fl query runs --db "$db"
ok "$(has 'guest_failed' stdout)" "query runs lists the runs"

fl query console --db "$db" --csv
printf 't_ms,line\r\n0.000,"say ""hi"", world"\r\n' > "$out/expected"
head -c "$(wc -c < "$out/expected")" "$out/stdout" | cmp -s - "$out/expected"
ok $? "CSV quotes and doubles quotes, lines end in CRLF"

fl query console --db "$db"
ok "$(is "$(grep -c "$(printf '\033')" "$out/stdout")" 0)" "the table shows no raw escape byte"
ok "$(has '\x1b[2JA\xffB' stdout)" "control bytes and invalid UTF-8 show as \\xHH escapes"

fl query console --db "$db" --json
ok "$(has '\u001b[2JA\ufffdB' stdout)" "JSON escapes control bytes and replaces invalid UTF-8"
if command -v python3 > /dev/null; then
	python3 -m json.tool "$out/stdout" > /dev/null
	ok $? "console JSON with hostile bytes is valid JSON"
	fl query timeline --db "$db" --json
	python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))
assert len(r) == 5 and r[0]["eip"] == "0xc0101234" and r[0]["seq"] == 1
assert r[4]["resume_eip"] is None and r[3]["cr2"] is None
assert r[0]["refused_by"] == "PTE not present" and r[3]["refused_by"] is None' "$out/stdout"
	ok $? "timeline JSON: objects with numbers, strings and null"
	fl faults --db "$db" --run 1 --json
	python3 -c 'import json, sys; assert len(json.load(open(sys.argv[1]))) == 1' "$out/stdout"
	ok $? "faults takes --json too"
else
	for d in "console JSON is valid" "timeline JSON" "faults takes --json"; do
		skip "$d" "no python3"
	done
fi

fl query --db "$db" --sql "SELECT count(*) AS n FROM faults WHERE run_id = :run" --csv
ok "$(is "$(tr -d '\r' < "$out/stdout" | tail -n 1)" 5)" "--sql runs a query, :run is the latest run"
fl query --db "$db" --sql "SELECT 'a' || char(10) || 'b' AS s, NULL AS n" --json
ok "$(is "$(cat "$out/stdout")" '[
 {"s": "a\nb", "n": null}
]')" "JSON escapes newlines and writes null"
fl query --db "$db" --sql "DELETE FROM runs"
ok "$(is $rc 1)" "--sql refuses a statement that writes"
fl query --db "$db" --sql "SELECT 1; SELECT 2"
ok "$(is $rc 1)" "--sql refuses two statements"
fl query --db "$db" --sql "SELEC 1"
ok "$(is $rc 1)" "an SQL error exits 1"
ok "$(is "$(wc -l < "$out/stderr")" 1)" "with one line"
fl query --db "$db" --sql "ATTACH '$out/x.db' AS x"
ok "$(is $rc 1)" "--sql cannot attach another file"
ok "$(is "$(md5sum < "$db")" "$sum")" "queries leave the database file unchanged"

fl faults --db "$db" --run 9
ok "$(is $rc 1)" "a missing run exits 1"
ok "$(has 'no run 9' stderr)" "and names it"
fl faults --db "$out/none.db"
ok "$(is $rc 1)" "a missing database exits 1"
ok "$(has "$out/none.db" stderr)" "and names the path"
ok "$(is "$(wc -l < "$out/stderr")" 1)" "in one line"
test ! -e "$out/none.db"
ok $? "and is not created"
sqlite3 "$out/other.db" "CREATE TABLE t (x); INSERT INTO t VALUES (1);"
fl faults --db "$out/other.db"
ok "$(is $rc 1)" "another application's database exits 1"
ok "$(has 'not a faultline database' stderr)" "and says why"
head -c 2048 /dev/zero | tr '\0' 'x' > "$out/junk.db"
fl query runs --db "$out/junk.db"
ok "$(is $rc 1)" "a file that is not SQLite exits 1"

fl faults --db "$db" --run abc
ok "$(is $rc 2)" "--run abc exits 2"
fl faults --db "$db" --run 0
ok "$(is $rc 2)" "--run 0 exits 2"
fl faults --db "$db" --sql "SELECT 1"
ok "$(is $rc 2)" "faults has no --sql"
fl faults --db "$db" extra
ok "$(is $rc 2)" "a stray argument exits 2"
fl query --db "$db"
ok "$(is $rc 2)" "query without a NAME exits 2"
fl query nosuch --db "$db"
ok "$(is $rc 2)" "an unknown query exits 2"
ok "$(has 'unknown query "nosuch"' stderr)" "and is named"
fl query runs --sql "SELECT 1" --db "$db"
ok "$(is $rc 2)" "a NAME and --sql together exit 2"
fl query runs --csv --json --db "$db"
ok "$(is $rc 2)" "--csv with --json exits 2"
fl faults --help
ok "$(has '--run N' stdout)" "faults --help lists its options"

ok "$(is "$(sqlite3 "$db" 'PRAGMA integrity_check')" ok)" "the database passes integrity_check"
done_testing
