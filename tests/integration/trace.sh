#!/bin/sh
# Tracing into SQLite: per-scenario fault counts and outcomes, symbols checked
# against the kernel's own symbol table, the shadow lookup against the stored
# table, the eight steps, SIGINT, and bad database paths.
. "$(dirname "$0")/tap.inc"

# uaccess_trace: the uaccess run, checked row by row, on $engine.
uaccess_trace() {
	fl run --accel "$engine" --scenario uaccess --db "$db"
	ok "$(is $rc 0)" "traced uaccess run exits 0"
	ok "$(is "$(q "select status || ' ' || fault_count || ' ' || round(exits_per_fault * fault_count) from runs where id = 1")" "completed 17 48.0")" "run row: completed, 17 faults, 2 debug exits each plus one per fixup"
	ok "$(is "$(q "select group_concat(outcome || '=' || n, ' ') from (select outcome, count(*) n from faults group by outcome order by outcome)")" "fixup=14 resolved=3")" "uaccess: 14 fixups, 3 resolved"
	ok "$(is "$(q "select count(*) from faults where outcome = 'fixup' and lookup = 'found'")" 14)" "every fixup had a shadow lookup hit"
	ok "$(is "$(q "select count(*) from faults f join extable_entries e on e.run_id = f.run_id and e.owner = f.owner and e.idx = f.entry_index where f.outcome = 'fixup' and f.fixup = e.fixup and f.resume_eip = e.fixup")" 14)" "fixup = the table entry's fixup = where execution resumed"
	ok "$(is "$(q "select count(*) from faults where cr2 = 0 and eip_symbol like 'get_case+%'")" 1)" "the NULL get_user has cr2 0 in get_case"
	ok "$(is "$(q "select count(*) from faults where cr2 = 16 and eip_symbol like 'get_user_elsewhere+%'")" 1)" "the .init.text access has cr2 0x10"
	ok "$(is "$(q "select count(*) from faults where eip_symbol like 'get_case+%' and outcome = 'fixup' and edx_after = 4294967282")" 2)" "after get_user's fixup ran: -EFAULT in its error register (EDX here)"
	ok "$(is "$(q "select count(*) from unexplained_faults")" 0)" "nothing unexplained"

	# eip_symbol against the kernel's symbol table, read independently with nm.
	q "select printf('%08x', eip) || ' ' || eip_symbol from faults where cpl = 0" > "$out/eips"
	nm -n "$B/guest/kernel.elf" | awk '$2 ~ /^[tT]$/' > "$out/nm"
	awk 'NR == FNR { a[NR] = $1; s[NR] = $3; n = NR; next }
		{ best = ""; for (i = 1; i <= n; i++) if (a[i] <= $1) best = s[i];
		  split($2, f, "+"); if (f[1] != best) { print "mismatch", $0, best; bad = 1 } }
		END { exit bad }' "$out/nm" "$out/eips"
	ok $? "each kernel fault's eip_symbol is the function nm says holds it"
}

# scenario_traces: runs 2 to 7, one scenario each, on $engine.
scenario_traces() {
	fl run --accel "$engine" --scenario divide --db "$db"
	ok "$(is "$(q "select vector || ' ' || handler || ' ' || outcome from faults where run_id = 2 and cpl = 0")" "0 ex_handler_fault fixup")" "kernel #DE: ex_handler_fault, fixup"
	ok "$(is "$(q "select vector || ' ' || lookup || ' ' || outcome from faults where run_id = 2 and cpl = 3")" "0 not_applicable killed")" "user #DE: killed"

	fl run --accel "$engine" --scenario vmalloc --db "$db"
	ok "$(is "$(q "select printf('%x', cr2) || ' ' || lookup || ' ' || outcome from faults where run_id = 3")" "f0000000 none resolved")" "vmalloc fault resolved without the table"

	fl run --accel "$engine" --scenario module --db "$db"
	ok "$(is "$(q "select owner || ' ' || outcome from faults where run_id = 4")" "fltest fixup")" "module fault found in the module's table"

	fl run --accel "$engine" --scenario oops --db "$db"
	ok "$(is $rc 100)" "oops run exits 100"
	ok "$(is "$(q "select status from runs where id = 5")" guest_failed)" "oops run status guest_failed"
	ok "$(is "$(q "select lookup || ' ' || outcome || ' ' || printf('%x', cr2) from faults where run_id = 5")" "none oops c")" "oops row: no entry, cr2 0xc"

	fl run --accel "$engine" --scenario module-gone --db "$db"
	ok "$(is "$(q "select outcome || ' ' || mismatch from faults where run_id = 6")" "oops 1")" "an unregistered module table shows as a shadow/guest disagreement"

	fl run --accel "$engine" --scenario user-faults --db "$db"
	ok "$(is "$(q "select group_concat(outcome, ',') from faults where run_id = 7")" "killed,killed")" "user-faults: two kills"
}

# steps_and_replay: run 8, one fault single-stepped, and its replay, on $engine.
steps_and_replay() {
	fl run --accel "$engine" --scenario module --steps=1 --db "$db"
	ok "$(is "$(q "select group_concat(milestone, '') from fault_steps where run_id = 8 and milestone is not null order by step_idx")" 12345678)" "--steps: milestones 1..8 in order for a get_user fault"
	ok "$(is "$(q "select count(distinct fault_seq) from fault_steps where run_id = 8")" 1)" "--steps=1 steps only the first fault"
	ok "$(is "$(q "select changed like '%=0xfffffff2%' from fault_steps where run_id = 8 and milestone = 8")" 1)" "milestone 8 shows -EFAULT in a register"
	ok "$(is "$(q "select insn || ' / ' || changed from fault_steps where run_id = 8 and milestone = 7")" "mov ebx, 0xfffffff2 / ebx=0xfffffff2")" "milestone 7: the fixup's first instruction and what it changed"
	ok "$(is "$(q "select count(*) from fault_steps where run_id = 8 and (insn is null or insn = '?')")" 0)" "every step is disassembled"
	ok "$(is "$(q "select changed != 'eax=0x0' from fault_steps where run_id = 8 and milestone = 5")" 1)" "milestone 5: the lookup returned an entry"

	fl replay --db "$db" --run 8 --all --milestones
	ok "$(is $rc 0)" "replay of the stepped fault exits 0"
	ok "$(is "$(grep -o '^== step [0-9]' "$out/stdout" | tr -d '\n')" "== step 1== step 2== step 3== step 4== step 5== step 6== step 7== step 8")" "replay announces the eight steps in order"
	ok "$(has 'mov ebx, 0xfffffff2' stdout)" "replay shows the fixup's instruction"
	fl replay --db "$db" --run 8 --html "$out/replay.html"
	ok "$(is $rc 0)" "replay --html exits 0"
	ok "$(is "$(grep -cE '^\[[0-9]+,[1-8],' "$out/replay.html")" 8)" "the page's data has the eight steps"
	cp "$db" "$out/evil.db"
	sqlite3 "$out/evil.db" "update fault_steps set eip_symbol = '<script>alert(1)</script>' where run_id = 8 and step_idx = 0"
	fl replay --db "$out/evil.db" --run 8 --html "$out/evil.html"
	ok "$(is "$(grep -c '<script>alert' "$out/evil.html")/$(grep -cF '\u003cscript\u003ealert' "$out/evil.html")" 0/1)" "text from the database is escaped in the page"
	fl replay --db "$db" --run 1
	ok "$(is $rc 1)" "replay of a run without steps exits 1"
	ok "$(has 'no stepped fault' stderr)" "and says how to record one"
}

# signal_when_spinning SIG: run the looping program, send SIG once it says it
# spins (its faults are recorded by then); $rc is faultline's status.
signal_when_spinning() {
	rm -f "$out/fifo"
	mkfifo "$out/fifo"
	"$FL" run --accel "$engine" --program "$B/guest/user/loop.elf" --db "$db" --timeout 0 >"$out/fifo" 2>"$out/stderr" &
	pid=$!
	while IFS= read -r line; do
		case "$line" in "loop: spinning forever") kill -"$1" $pid ;; esac
	done <"$out/fifo"
	wait $pid
	rc=$?
}

# signals: runs 9 and 10, SIGINT and SIGKILL, on $engine.
signals() {
	signal_when_spinning INT
	ok "$(is $rc 130)" "SIGINT exits 130"
	ok "$(is "$(q "select status || ' ' || (fault_count >= 4) from runs where id = 9")" "interrupted 1")" "status interrupted, the loop's faults kept"
	ok "$(is "$(q "pragma integrity_check")" ok)" "database intact"

	# SIGKILL: no chance to clean up, yet what was committed is intact.
	signal_when_spinning KILL
	ok "$(is $rc 137)" "SIGKILL kills faultline"
	ok "$(is "$(q "pragma integrity_check")" ok)" "after SIGKILL the database passes integrity_check"
	ok "$(is "$(q "select count(*) >= 4 from faults where run_id = 10 and outcome = 'resolved'")" 1)" "faults committed before the kill are there"
}

# traced_runs: everything above on $engine, into a database of its own so
# that the run ids are the same on every engine.
traced_runs() {
	db="$out/t-$engine.db"
	uaccess_trace
	scenario_traces
	steps_and_replay
	signals
}

for_engines traced_runs

# Bad database paths are refused before any engine is opened: once is enough.
fl run --db /nonexistent/dir/x.db --scenario boot
ok "$(is $rc 6)" "unwritable database path exits 6"
ok "$(has '/nonexistent/dir/x.db' stderr)" "the error names the path"
sqlite3 "$out/foreign.db" "create table t(x); insert into t values (1);"
fl run --db "$out/foreign.db" --scenario boot
ok "$(is $rc 6)" "another application's SQLite file is refused"
ok "$(is "$(wc -c < "$out/stdout")" 0)" "before the guest starts"
head -c 4096 /dev/urandom > "$out/random.db"
fl run --db "$out/random.db" --scenario boot
ok "$(is $rc 6)" "a random file is refused"

done_testing
