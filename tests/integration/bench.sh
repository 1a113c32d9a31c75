#!/bin/sh
# faultline bench: every case lands in the bench table with its units, the
# instruction count of a fixed sequence is what its disassembly says, and
# --out writes the plots and the summary. No speed is asserted.
. "$(dirname "$0")/tap.inc"

fl bench --reps 0
ok "$(is $rc 2)" "--reps 0 is refused"
fl bench extra
ok "$(is $rc 2)" "a stray argument is refused"

# bench_cases: one quick bench on $engine, each case stored with its units.
bench_cases() {
	fl bench --accel "$engine" --quick --reps 1 --db "$db" --out "$out/report-$engine"
	ok "$(is $rc 0)" "bench --quick --reps 1 exits 0"
	for c in load_plain get_user_valid verify_area_valid get_user_invalid verify_area_invalid \
		access_ok_kernel copy_from_user verify_area_copy extable_search_hit extable_search_miss \
		fault_breakdown; do
		ok "$(is "$(q "select count(*) > 0 from bench where case_name = '$c' and measure = 'instructions' and value > 0")" 1)" "$c: instruction count stored"
	done
	ok "$(is "$(q "select count(*) from bench where measure = 'cycles' and unit != 'cycles' or measure = 'host_ns' and unit != 'ns' or measure = 'instructions' and unit != 'instructions'")" 0)" "every measure has its unit"
	ok "$(is "$(q "select group_concat(parameter, ' ') from (select distinct parameter from bench where case_name = 'verify_area_valid' and measure = 'instructions' order by rowid)")" "vmas=1,first vmas=1,middle vmas=1,last vmas=16,first vmas=16,middle vmas=16,last vmas=256,first vmas=256,middle vmas=256,last")" "verify_area_valid at 1, 16, 256 areas, target first, middle, last"
	ok "$(is "$(q "select count(*) from bench where case_name like 'extable_search_%' and measure = 'host_ns'")" 4)" "native timings of the searches"
	ok "$(is "$(q "select count(*) from bench where case_name = 'verify_area_valid' and measure = 'host_ns'")" 9)" "native timings of the tree lookups"
	ok "$(is "$(q "select count(*) from bench where case_name = 'fault_breakdown'")" 6)" "fault_breakdown has six phases"
	ok "$(is "$(q "select (select value from bench where case_name = 'get_user_invalid' and measure = 'instructions') = (select sum(value) from bench where case_name = 'fault_breakdown')")" 1)" "the phases add up to the whole fault"
	ok "$(is "$(q "select value <= 5 from bench where case_name = 'extable_search_hit' and parameter = 'entries=16' and measure = 'probes'")" 1)" "16 entries: at most 5 probes"
}

# bench_report: the fixed sequence's count and what --out wrote: the same
# bench's database, stdout and report.
bench_report() {
	set -- $(nm -S "$B/guest/kernel.elf" | awk '$4 == "bench_fixed_sequence" { print $1, $2 }')
	want=$(objdump -d --no-show-raw-insn --start-address=0x$1 --stop-address=$(printf '0x%x' $((0x$1 + 0x$2))) \
		"$B/guest/kernel.elf" | grep -c "^ *[0-9a-f]*:$(printf '\t')")
	ok "$(is "$(q "select cast(value as int) from bench where case_name = 'fixed_sequence' and measure = 'instructions'")" "$want")" "fixed sequence: $want instructions, as the disassembly says"

	for f in vmas.svg extable.svg summary.md; do
		test -s "$out/report-$engine/$f"
		ok $? "--out wrote $f"
	done
	python3 -c 'import sys, xml.dom.minidom as m; [m.parse(f) for f in sys.argv[1:]]' "$out/report-$engine/vmas.svg" "$out/report-$engine/extable.svg"
	ok $? "the plots are well-formed SVG"
	ok "$(has 'a valid get_user takes 10 to 12 instructions: ours' stdout)" "the seeds' claims are printed"
	ok "$(has '| get_user_valid |' "report-$engine/summary.md")" "the summary has the table"
}

# bench_on_engine: the bench on $engine, into a database of its own.
bench_on_engine() {
	db="$out/b-$engine.db"
	bench_cases
	bench_report
}

for_engines bench_on_engine
done_testing
