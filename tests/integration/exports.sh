#!/bin/sh
# The exports: `faults --format qemu` read by the same awk that reads QEMU's
# own -d int log (qemulog.inc), compared with that log for the uaccess
# scenario under TCG; `export --format chrome-json` checked with python3's
# json module against the database's rows.
. "$(dirname "$0")/tap.inc"
. "$(dirname "$0")/qemulog.inc"

db=$out/x.db
log=$out/qemu.log

# --format qemu's bad uses: exit 2 with the usage.
fl faults --db "$db" --format html
ok "$(is "$rc/$(grep -c '^usage: faultline faults' "$out/stderr")" 2/1)" "faults --format html exits 2 with the usage"
fl faults --db "$db" --format qemu --json
ok "$(is "$rc/$(grep -c '^usage: faultline faults' "$out/stderr")" 2/1)" "--format qemu with --json exits 2"
fl extable --db "$db" --format qemu
ok "$(is $rc 2)" "extable has no --format"
fl faults --db "$out/missing.db" --format qemu
ok "$(is "$rc/$(wc -l < "$out/stderr")" 1/1)" "a missing database exits 1 with one line"

qemu=${FAULTLINE_QEMU:-qemu-system-x86_64}
if ! command -v "$qemu" >/dev/null 2>&1; then
	skip "faults --format qemu against QEMU's log" "no $qemu"
else
	fl run --accel tcg --db "$db" --qemu-log "$log" --scenario uaccess
	ok "$(is $rc 0)" "uaccess under tcg with --qemu-log exits 0"
	fl faults --db "$db" --format qemu
	ok "$(is $rc 0)" "faults --format qemu exits 0"
	cp "$out/stdout" "$out/ours.log"
	nf=$(q "SELECT count(*) FROM faults WHERE run_id = (SELECT max(id) FROM runs)")
	ok "$(is "$(grep -cE '^ *[0-9]+: v=' "$out/ours.log")" "$nf")" "one delivery line per fault ($nf)"
	# Every line is one of QEMU's two forms, every field where QEMU has it.
	form='^(check_exception old: 0xffffffff new 0x[0-9a-f]+| *[0-9]+: v=[0-9a-f]{2} e=[0-9a-f]{4} i=0 cpl=[0-3] IP=[0-9a-f]{4}:[0-9a-f]{16} pc=[0-9a-f]{16} SP=[0-9a-f]{4}:[0-9a-f]{16} (CR2|EAX)=[0-9a-f]{16})$'
	ok "$(is "$(grep -vcE "$form" "$out/ours.log")" 0)" "every line has QEMU's form"
	grep -E '^ *[0-9]+: v=(0e|00) ' "$log" > "$out/theirs.pfde"
	ok "$(is "$(grep -vcE "$form" "$out/theirs.pfde")/$( [ -s "$out/theirs.pfde" ]; echo $?)" 0/0)" \
		"the form is QEMU's: its own #PF/#DE lines match it"
	qemu_faults "$out/ours.log" > "$out/ours"
	qemu_faults "$log" > "$out/theirs"
	ok "$(is "$(grep -c '^??' "$out/ours")" 0)" "QEMU's log reader takes our lines without doubt"
	ok "$( [ -s "$out/ours" ]; echo $?)" "and finds the faults in them"
	cmp -s "$out/ours" "$out/theirs"
	ok $? "vector, error code, CPL, EIP and CR2 equal QEMU's own log, in order"
	diff "$out/ours" "$out/theirs" | head -5 | sed 's/^/# /'
fi

# export --format chrome-json. Bad uses first: exit 2 with the usage, or 1
# with one line, and -o untouched when the database is wrong.
check() { python3 "$(dirname "$0")/chrome_trace.py" "$@" >"$out/check" 2>&1; c=$?; cat "$out/check" >&2; echo $c; }
for args in "" "--format html" "--format chrome-json --run 0" "--format chrome-json --run x" \
	    "--format chrome-json extra" "--format chrome-json --bogus" "--format chrome-json -o"; do
	# shellcheck disable=SC2086
	fl export --db "$db" $args
	ok "$(is "$rc/$(grep -c '^usage: faultline export' "$out/stderr")" 2/1)" "export $args: exits 2 with the usage"
done
fl export --format chrome-json --db "$out/missing.db" -o "$out/t0.json"
ok "$(is "$rc/$(wc -l < "$out/stderr")/$( [ -e "$out/t0.json" ]; echo $?)" 1/1/1)" \
	"a missing database: exit 1, one line, no file"
"$FL" export --format chrome-json --db "$db" >/dev/full 2>"$out/stderr"
ok "$(is "$?/$(wc -l < "$out/stderr")" 1/1)" "export >/dev/full exits 1 with one line"
fl export --format chrome-json --db "$db" -o /dev/full
ok "$(is "$rc/$(wc -l < "$out/stderr")" 1/1)" "export -o /dev/full exits 1 with one line"
fl export --format chrome-json --db "$db" -o "$out/nodir/t.json"
ok "$(is "$rc/$(wc -l < "$out/stderr")" 1/1)" "export -o into a missing directory exits 1 with one line"

# Hostile text: a database made by hand, its strings full of what JSON and
# a terminal must not take raw.
hdb=$out/hostile.db
sqlite3 "$hdb" < "$(dirname "$0")/../../schema.sql"
sqlite3 "$hdb" <<'SQL'
INSERT INTO runs (id, started_at, status, scenario, kernel_path, emulated) VALUES
	(7, '2024-05-01T10:00:00.000Z', 'completed', 'a"b\c' || char(10) || char(0x202e), 'k', 1);
INSERT INTO faults (run_id, seq, ts_ns, vector, cr2, eip, eip_symbol, error_code, cpl, lookup,
		    outcome, mismatch) VALUES
	(7, 1, 1500, 14, 0xbad0, 0xc0101234, CAST(X'225c0a1bff7f' AS TEXT), 2, 0, 'none', 'oops', 0),
	(7, 2, 1900, 0, NULL, 0x08048010, NULL, 0, 3, 'not_applicable', 'killed', 0);
INSERT INTO fault_steps (run_id, fault_seq, step_idx, milestone, eip, insn, changed) VALUES
	(7, 1, 0, 1, 0xc0101234, 'mov', '(faulted)'), (7, 1, 3, NULL, 0xc0100000, 'nop', ''),
	(7, 1, 9, 2, 0xc0100120, 'push 0xe', '"</script>');
INSERT INTO console (run_id, ts_ns, line) VALUES (7, 100, CAST(X'1b5b324a41ff42220a' AS TEXT));
SQL
fl export --format chrome-json --db "$hdb" --run 7
ok "$(is $rc 0)" "export of a hand-made database exits 0"
ok "$(check "$out/stdout" "$hdb" 7)" "its trace: valid JSON, counts, nesting"
ok "$(is "$(tr -d '\n' < "$out/stdout" | LC_ALL=C grep -c "$(printf '[\001-\011\013-\037\177]')")" 0)" \
	"no raw control byte in the trace"
ok "$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))["traceEvents"]
names = {e["args"]["name"] for e in d if e["name"] == "process_name"}
syms = {e["args"]["symbol"] for e in d if e.get("cat") == "fault"}
lines = {e["name"] for e in d if e["ph"] == "i"}
sys.exit(not (names == {"run 7: a\"b\\c\n\u202e (?, completed)"} and "\"\\\n\x1b\ufffd\x7f" in syms
	      and lines == {"\x1b[2JA\ufffdB\"\n"}))' "$out/stdout"; echo $?)" \
	"database text round-trips escaped (invalid UTF-8 as U+FFFD)"
fl export --format chrome-json --db "$hdb" --run 8
ok "$(is "$rc/$(wc -l < "$out/stderr")" 1/1)" "a missing run exits 1 with one line"

# A database whose faults are an endless view: --max-time stops the export.
ldb=$out/loop.db
sqlite3 "$ldb" < "$(dirname "$0")/../../schema.sql"
sqlite3 "$ldb" "INSERT INTO runs (id, started_at, status, kernel_path, emulated)
	VALUES (1, 'x', 'completed', 'k', 1);
	DROP TABLE fault_steps; DROP TABLE faults; CREATE VIEW faults AS
	WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)
	SELECT 1 AS run_id, n AS seq, 0 AS ts_ns, 14 AS vector, 0 AS cpl, 0 AS cr2, 0 AS eip,
	       '' AS eip_symbol, '' AS lookup, 0 AS fixup, '' AS fixup_symbol, '' AS outcome,
	       0 AS error_code FROM r WHERE n < 0;
	CREATE TABLE fault_steps (run_id, fault_seq, step_idx, milestone, eip, eip_symbol, insn, changed);"
fl export --format chrome-json --db "$ldb" --max-time 0.2
ok "$(is "$rc/$(wc -l < "$out/stderr")/$(has 'stopped after --max-time 0.2 s' stderr)" 1/1/0)" \
	"an endless view stops the export: exit 1, one line naming --max-time"
fl export --format chrome-json --db "$ldb" --max-time 0
ok "$(is $rc 2)" "--max-time 0 is a bad value"

# A real run with stepped faults, beside the uaccess run above if QEMU ran
# it: every run a process.
fl run --db "$db" --scenario uaccess --steps=2
ok "$(is $rc 0)" "uaccess --steps=2 exits 0"
fl export --format chrome-json --db "$db" -o "$out/t.json"
ok "$(is "$rc/$(wc -c < "$out/stdout")" 0/0)" "export -o writes the file, nothing on stdout"
ok "$(check "$out/t.json" "$db")" "every run's trace: valid JSON, counts equal the rows, milestones inside their faults"
ok "$(is "$(q "SELECT count(*) > 0 FROM fault_steps WHERE milestone IS NOT NULL")" 1)" "with milestones to nest"
last=$(q "SELECT max(id) FROM runs")
fl export --format chrome-json --db "$db" --run "$last"
ok "$(check "$out/stdout" "$db" "$last")" "--run $last: only that run"
done_testing
