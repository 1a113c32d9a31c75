#!/bin/sh
# Out of memory inside a system call: a short count through the exception
# table, the process killed through verify_area, the kernel alive either way.
. "$(dirname "$0")/tap.inc"

oom() {
	# Untraced: thousands of demand-paging faults would only slow it down.
	fl run --accel "$engine" --program "$B/fixtures/oom.elf" --mem 8 --no-trace
	ok "$(is $rc 137)" "init killed by SIGKILL: faultline exits 128+9"
	ok "$(has 'oom: exception table: read = short' stdout)" "through the exception table, a short read"
	ok "$(has 'init[1]: out of memory' stdout)" "through verify_area, the kernel says out of memory"
	ok "$(has 'init[1]: killed by SIGKILL' stdout)" "and kills the process"
	ok "$(has 'kernel: init exited with status 137, halting' stdout)" "the kernel carries on"
}
for_engines oom
done_testing
