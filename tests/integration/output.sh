#!/bin/sh
# Output from database text (issue 9), on databases made with the sqlite3 tool
# from schema.sql: text that would drive a terminal is shown as visible
# escapes in the table and the replay; a huge cell is cut, not padded into
# every row; output that ends in an error does not pass for complete; and a
# write error (>/dev/full) fails every command. No KVM needed.
. "$(dirname "$0")/tap.inc"

db=$out/o.db
sqlite3 "$db" < "$(dirname "$0")/../../schema.sql"
# evil: ESC, C1 CSI (U+009B), RLO (U+202E), a backslash, LRI (U+2066).
sqlite3 "$db" <<'SQL'
CREATE TEMP VIEW e AS SELECT CAST(X'611b62c29b63e280ae645c65e281a666' AS TEXT) AS evil;
INSERT INTO runs (id, started_at, ended_at, status, exit_code, scenario, kernel_path, emulated,
		  fault_count) VALUES
	(1, '2024-05-01T10:00:00.000Z', '2024-05-01T10:00:01.000Z', 'completed', 0, 'tour',
	 '(built-in)', 1, 1);
INSERT INTO faults (run_id, seq, ts_ns, tsc, vector, cr2, eip, eip_symbol, error_code, cpl,
		    lookup, entry_index, fixup, fixup_symbol, handler, owner, outcome,
		    resume_eip, eax_after, edx_after, mismatch)
	SELECT 1, 1, 1000, 5, 14, 0xbad0, 0xc0101234, evil, 0, 0, 'found', 1, 0xc0108000, evil,
	       'ex_handler_default', 'kernel', 'fixup', 0xc0108000, 0xfffffff2, 0, 0 FROM e;
INSERT INTO fault_steps (run_id, fault_seq, step_idx, milestone, eip, eip_symbol, insn, changed)
	SELECT 1, 1, 0, 1, 0xc0101234, evil, evil, evil FROM e;
SQL
clean='a\x1bb\u009bc\u202ed\e\u2066f'

# bytes FILE: its bytes as " xx xx ... " for grep -F of a byte sequence.
bytes() { printf ' %s ' "$(od -An -v -tx1 "$1" | tr -s ' \n' '  ')"; }
# raw FILE: 0 if it holds ESC, C1 CSI, RLO or LRI as they are.
raw() { bytes "$1" | grep -qE ' 1b | c2 9b | e2 80 ae | e2 81 a6 '; echo $?; }

fl faults --db "$db"
ok "$(is "$(raw "$out/stdout")" 1)" "the table writes no ESC, C1 or bidi control"
ok "$(has "  $clean  " stdout)" "it shows them as visible escapes"
fl replay --db "$db" --all
ok "$(is "$rc/$(raw "$out/stdout")" 0/1)" "replay writes no ESC, C1 or bidi control"
printf 'Run 1, fault 1: #PF at 0xc0101234 <%s>, cr2 0x0000bad0 (kernel read, not present);'\
' lookup found, fixup %s; outcome fixup\n' "$clean" "$clean" > "$out/expected"
head -n 1 "$out/stdout" | cmp -s - "$out/expected"
ok $? "the replay's summary line is exactly as expected, escapes and all"
ok "$(is "$(grep -cF "0xc0101234  $clean" "$out/stdout")" 1)" "and so is its step"
fl replay --db "$db" --milestones
ok "$(is "$rc/$(raw "$out/stdout")/$(grep -cF "$clean" "$out/stdout")" 0/1/2)" \
	"replay --milestones too"
fl query --db "$db" --sql "SELECT eip_symbol FROM faults" --json
ok "$(has '"a\u001bb\u009bc\u202ed\\e\u2066f"' stdout)" "JSON escapes C1 and bidi controls too"

# CSV is exact into a file, but sanitized on a terminal (script(1) gives one).
fl query --db "$db" --sql "SELECT eip_symbol FROM faults" --csv
ok "$(is "$(raw "$out/stdout")" 0)" "CSV into a file is the exact text"
if command -v script > /dev/null; then
	printf 'exec "%s" query --db "%s" --sql "SELECT eip_symbol FROM faults" --csv\n' "$FL" "$db" \
		> "$out/tty.sh"
	script -qc "sh $out/tty.sh" /dev/null > "$out/stdout" 2>&1
	ok "$(is "$(raw "$out/stdout")" 1)" "CSV on a terminal writes no ESC, C1 or bidi control"
	ok "$(has "$clean" stdout)" "it shows them escaped"
else
	skip "CSV on a terminal writes no ESC, C1 or bidi control" "no script(1)"
	skip "it shows them escaped" "no script(1)"
fi

# Error lines quote names from the database or --sql: sanitized too.
fl query --db "$db" --sql "SELECT * FROM \"$(printf '\033')]0;pwned$(printf '\007')\""
ok "$(is "$rc/$(raw "$out/stderr")" 1/1)" "an error line writes no ESC"
ok "$(has 'no such table: \x1b]0;pwned\x07' stderr)" "it shows it escaped"

# One huge cell among many rows: cut with a mark, not padded into every row.
sqlite3 "$db" <<'SQL'
INSERT INTO runs (id, started_at, status, scenario, kernel_path, emulated) VALUES
	(2, '2024-05-01T11:00:00.000Z', 'completed', 'tour', '(built-in)', 1);
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 200)
INSERT INTO faults (run_id, seq, ts_ns, tsc, vector, eip, eip_symbol, error_code, cpl, lookup,
		    outcome, mismatch)
	SELECT 2, i, i, i, 14, 0xc0100000, iif(i = 100, printf('%.*c', 1000000, 'x'), 'f'), 0,
	       0, 'none', 'resolved', 0 FROM s;
SQL
fl faults --db "$db" --run 2
ok "$(is "$rc/$(wc -l < "$out/stdout")" 0/202)" "a 1 MB cell: the table has all 200 rows"
ok "$(is "$(awk 'length > 400' "$out/stdout" | wc -l)" 0)" "and no line is long"
ok "$(has 'xxxx… ' stdout)" "the cell is cut with a visible …"

# Widths come from the first rows (4,096 cells); a wider cell after them
# widens its column from there on, whole.
fl query --db "$db" --sql "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c
	WHERE x < 5000) SELECT iif(x = 5000, 'bbbbbb', 'a') AS c, 'z' AS d FROM c"
ok "$(is "$rc/$(sed -n 3p "$out/stdout")/$(tail -n 1 "$out/stdout")" '0/a  z/bbbbbb  z')" \
	"a wider cell after the first rows is shown whole"

# A query that fails on its fourth row (integer overflow in abs).
fails="WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 9)
	SELECT x, iif(x = 4, abs(-9223372036854775807 - 1), x) AS y FROM c"
for fmt in json csv; do
	fl query --db "$db" --sql "$fails" --$fmt
	ok "$(is "$rc/$(wc -l < "$out/stderr")" 1/1)" "--$fmt failing part-way exits 1, one line"
	ok "$(has 'integer overflow' stderr)" "--$fmt: and says why"
done
if command -v python3 > /dev/null; then
	fl query --db "$db" --sql "$fails" --json
	python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$out/stdout" 2>/dev/null
	ok "$(is $? 1)" "JSON that ended in an error does not parse"
	fl query --db "$db" --sql "$fails" --csv
	python3 -c 'import csv, sys; list(csv.reader(open(sys.argv[1], newline=""), strict=True))' \
		"$out/stdout" 2>/dev/null
	ok "$(is $? 1)" "CSV that ended in an error does not parse"
else
	skip "JSON that ended in an error does not parse" "no python3"
	skip "CSV that ended in an error does not parse" "no python3"
fi
fl query --db "$db" --sql "$fails" --json
ok "$(is "$(tail -n 1 "$out/stdout")" ' {"x": 3, "y": 3}')" "JSON ends at the last good row, no ]"
fl query --db "$db" --sql "$fails" --csv
ok "$(hasre '^"faultline: incomplete output: integer overflow$' stdout)" \
	"CSV ends in an unterminated quoted field that says why"

# Every command checks its writes: stdout on /dev/full.
full() { # full DESCRIPTION ARGS...
	d=$1; shift
	"$FL" "$@" >/dev/full 2>"$out/stderr"
	ok "$(is "$?/$(wc -l < "$out/stderr")" 1/1)" "$d >/dev/full exits 1 with one line"
}
full replay replay --db "$db" --all
full "replay --milestones" replay --db "$db" --milestones
full "query --list" query --list
full faults faults --db "$db"
full "faults --csv" faults --db "$db" --csv
full "faults --json" faults --db "$db" --json
full extable extable --db "$db"
full list list
full --help --help
full "replay --help" replay --help
fl replay --db "$db" --html /dev/full
ok "$(is "$rc/$(wc -l < "$out/stderr")" 1/1)" "replay --html /dev/full exits 1 with one line"
done_testing
