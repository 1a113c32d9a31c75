#!/bin/sh
# What --steps records for a replay besides the steps: the register file
# (step_regs) and the exception-table entries the guest's search read
# (extable_probes), checked against the steps themselves, the faults' own
# rows and the tables as loaded.
. "$(dirname "$0")/tap.inc"

# fold REG STEP-ROW: SQL for the register named by the SQL expression REG at
# the fault_steps row aliased STEP-ROW, folded from step_regs (its last row
# at or before that step).
fold() {
	echo "(select sr.value from step_regs sr where sr.run_id = $2.run_id and sr.fault_seq = $2.fault_seq
		and sr.reg = $1 and sr.step_idx <= $2.step_idx order by sr.step_idx desc limit 1)"
}

# registers RUN: the register file of every stepped fault of run RUN.
registers() {
	ok "$(is "$(q "select count(distinct fault_seq) || ' ' || count(*) || ' ' || sum(reg = 'cr2')
		from step_regs where run_id = $1 and step_idx = 0")" "$2 $(($2 * 13)) 0")" \
		"run $1: step 0 has the 13 registers of the access (no CR2 before the fault)"
	ok "$(is "$(q "select count(*) from fault_steps s where run_id = $1 and s.eip is not $(fold "'eip'" s)")" 0)" \
		"run $1: EIP folded from step_regs is every step's eip"
	ok "$(is "$(q "select count(*) from fault_steps s where run_id = $1 and milestone = 5
		and s.changed is not printf('eax=0x%x', $(fold "'eax'" s))")" 0)" \
		"run $1: EAX folded up to milestone 5 is what fault_steps.changed says the lookup returned"
	ok "$(is "$(q "select count(*) from fault_steps s join faults f on f.run_id = s.run_id
		and f.seq = s.fault_seq where s.run_id = $1 and s.milestone = 2 and f.cr2 is not $(fold "'cr2'" s)")" 0)" \
		"run $1: CR2 at the exception is the fault's cr2"
	ok "$(is "$(q "select count(*) from step_regs r join fault_steps s on s.run_id = r.run_id
		and s.fault_seq = r.fault_seq and s.step_idx = r.step_idx - 1
		where r.run_id = $1 and r.value = $(fold r.reg s)")" 0)" \
		"run $1: a later step has rows only for registers that changed"
}

# windows RUN: each table's probes, in order, as a binary search over [lo, hi)
# of its n entries walks them: every index inside the window the previous
# results left, a match only last, and no more than ceil(log2(n + 1)) probes.
windows() {
	q "select p.fault_seq, p.owner, (select count(*) from extable_entries e where e.run_id = p.run_id
		and e.owner = p.owner), p.idx, p.result from extable_probes p where p.run_id = $1
		order by p.fault_seq, p.probe" | awk -F'|' '
		function check_count() { if (key != "" && 2 ^ (count - 1) > n) bad = bad " too many in " key }
		$1 "/" $2 != key { check_count(); key = $1 "/" $2; lo = 0; n = $3; hi = n; count = 0; done = 0 }
		{ count++
		  if (done || $4 < lo || $4 >= hi) bad = bad " " key ":" $4
		  if ($5 == "below") lo = $4 + 1; else if ($5 == "above") hi = $4; else done = 1 }
		END { check_count(); if (bad != "") print "bad:" bad; exit bad != "" }'
}

# probes_checked RUN SEARCHES: the probes of run RUN, SEARCHES = the stepped
# faults that searched the tables.
probes_checked() {
	ok "$(is "$(q "select count(distinct fault_seq) from extable_probes where run_id = $1 and owner = 'kernel'")" "$2")" \
		"run $1: every search probed the kernel's table"
	windows "$1" > "$out/windows"
	ok $? "run $1: each table's probes are a binary search path, within the table, at most ceil(log2(n + 1))"
	ok "$(is "$(q "select count(*) from extable_probes p left join extable_entries e on e.run_id = p.run_id
		and e.owner = p.owner and e.idx = p.idx where p.run_id = $1 and p.insn is not e.insn")" 0)" \
		"run $1: each probe's insn, read from guest memory, is the loaded entry's"
	ok "$(is "$(q "select count(*) from extable_probes p join fault_steps s on s.run_id = p.run_id
		and s.fault_seq = p.fault_seq and s.step_idx = p.step_idx where p.run_id = $1
		and s.insn like '%ptr [%' and s.step_idx >= (select step_idx from fault_steps m
		where m.run_id = s.run_id and m.fault_seq = s.fault_seq and m.milestone = 4)
		and s.step_idx < (select step_idx from fault_steps m where m.run_id = s.run_id
		and m.fault_seq = s.fault_seq and m.milestone = 5)")" \
		"$(q "select count(*) from extable_probes where run_id = $1")")" \
		"run $1: every probe is a memory read stepped between milestones 4 and 5"
}

# sources RUN: each milestone's line, from the kernel's DWARF, and its text,
# from the build tree, against the source files themselves.
sources() {
	ok "$(is "$(q "select group_concat(distinct milestone || '=' || src_file) from (select * from fault_steps
		where run_id = $1 and milestone in (2, 3, 4, 6) order by milestone)")" \
		"2=guest/arch/entry.S,3=guest/mm/fault.c,4=guest/kernel/extable.c,6=guest/arch/trap_return.S")" \
		"run $1: the trap stub, do_page_fault, search_exception_table and the iretq have their files"
	q "select distinct s.src_file, s.src_line, l.text from fault_steps s join source_lines l on
		l.run_id = s.run_id and l.file = s.src_file and l.line = s.src_line where s.run_id = $1" >"$out/lines"
	bad=$(while IFS='|' read -r file line text; do
		[ "$(sed -n "${line}p" "$file")" = "$text" ] || echo "$file:$line"
	done <"$out/lines")
	ok "$(is "$bad" "")" "run $1: the stored text of each of the $(wc -l <"$out/lines") lines named is the file's"
	ok "$(is "$(q "select count(*) from fault_steps s where run_id = $1 and src_file is not null and not exists
		(select 1 from source_lines l where l.run_id = s.run_id and l.file = s.src_file and l.line = s.src_line)")" 0)" \
		"run $1: every line a step names has its text"
}

replay_data() {
	db="$out/r-$engine.db"
	fl run --accel "$engine" --scenario uaccess --steps=3 --db "$db"
	ok "$(is $rc 0)" "uaccess --steps=3 exits 0"
	registers 1 3
	sources 1
	ok "$(is "$(q "select count(*) from faults f where run_id = 1 and outcome = 'fixup' and exists
		(select 1 from fault_steps s where s.run_id = 1 and s.fault_seq = f.seq)
		and ((select eip from fault_steps s where s.run_id = 1 and s.fault_seq = f.seq and milestone = 7)
			is not f.resume_eip
		or (select count(*) from fault_steps s where s.run_id = 1 and s.fault_seq = f.seq and milestone = 8) <> 1)")" 0)" \
		"uaccess: each stepped fixup has step 7 where the guest resumed, and one step 8"
	probes_checked 1 2
	ok "$(is "$(q "select count(*) from faults f where run_id = 1 and seq <= 3 and lookup = 'found'
		and (select result || ' ' || idx from extable_probes p where p.run_id = 1 and p.fault_seq = f.seq
		order by probe desc limit 1) = 'match ' || entry_index")" 2)" \
		"uaccess: both found lookups end with a match on the predicted entry"

	fl run --accel "$engine" --scenario module --steps=1 --db "$db"
	ok "$(is $rc 0)" "module --steps=1 exits 0"
	registers 2 1
	probes_checked 2 1
	ok "$(is "$(q "select count(*) from extable_probes where run_id = 2 and owner = 'kernel' and result = 'match'")" 0)" \
		"module: the kernel's table misses"
	ok "$(is "$(q "select max(probe) from extable_probes where run_id = 2 and owner = 'kernel'")" \
		"$(q "select min(probe) - 1 from extable_probes where run_id = 2 and owner = 'fltest'")")" \
		"module: then the search goes on in the module's table"
	ok "$(is "$(q "select result || ' ' || idx from extable_probes where run_id = 2 order by probe desc limit 1")" \
		"match $(q "select entry_index from faults where run_id = 2 and seq = 1")")" \
		"module: and ends with a match on the predicted entry"

	fl run --accel "$engine" --scenario module-gone --steps=1 --db "$db"
	ok "$(is "$(q "select outcome from faults where run_id = 3 and seq = 1")" oops)" "module-gone: the stepped fault oopses"
	probes_checked 3 1
	ok "$(is "$(q "select count(*) from extable_probes where run_id = 3 and (owner != 'kernel' or result = 'match')")" 0)" \
		"module-gone: the kernel's table misses and no module table is searched"
}

for_engines replay_data

done_testing
