#!/bin/sh
# QEMU as the oracle: under TCG, QEMU's own exception log (`--qemu-log`, its
# `-d int`) is a record of every #PF and #DE that comes from outside our code.
# For every scenario of `faultline list` and for the badptr and usercalls
# programs, the faults table must equal the #PF (v=0e) and #DE (v=00)
# exceptions of that log, one to one and in order: vector, error code, CPL,
# EIP and CR2 (CR2 for #PF only; the table's is NULL for #DE).
. "$(dirname "$0")/tap.inc"

qemu=${FAULTLINE_QEMU:-qemu-system-x86_64}
if ! command -v "$qemu" >/dev/null 2>&1; then
	skip "QEMU's exception log against the faults table" "no $qemu"
	done_testing
	exit 0
fi

db=$out/oracle.db
log=$out/qemu.log

# The latest run's faults, one line each, in the canonical form the log is
# turned into below.
table_faults() {
	q "SELECT printf('v=%02x e=%04x cpl=%d eip=%08x cr2=%s', vector, error_code, cpl, eip,
			 CASE WHEN cr2 IS NULL THEN '-' ELSE printf('%08x', cr2) END)
	   FROM faults WHERE run_id = (SELECT max(id) FROM runs) ORDER BY seq"
}

# QEMU's log, as this QEMU writes it: each delivery of an exception or
# interrupt is one line
#      N: v=VV e=EEEE i=I cpl=C IP=CS:RIP pc=... SP=SS:RSP CR2=... (or EAX=...)
# followed by a register dump; N counts deliveries from 0. IP is CS:offset,
# the offset being the EIP the CPU pushes (the faulting instruction for #PF
# and #DE); e= is the error code pushed (0000 for #DE, which pushes none).
# QEMU prints 64-bit fields, compared here as the table's 32-bit values (a
# non-zero upper half stays in and cannot match). An exception the
# CPU raises (and only that: not INT n, not an external interrupt) is first
# announced by "check_exception old: 0xOLD new 0xVEC", which is where QEMU
# turns it into a #DF if it came while another was being delivered.
# Out of that, one line per #PF and #DE in the table's form. What is left out,
# and why:
# - i=1, software interrupts (INT n, INT3, INTO): instructions, not
#   exceptions; they push no error code and never set CR2. The kernel issues
#   none on vector 0 or 14 and its gates there refuse CPL3 (#GP). Were one to
#   reach trap_entry_0/14 anyway, the tracer would record a row the log has
#   no line for, so leaving them out cannot hide a fault the tracer missed.
# - other vectors (#DB, #UD, #GP, #DF, ...): they cannot be a #PF or a #DE,
#   and the tracer does not watch them. A #PF or #DE that the CPU turned into a
#   #DF (check_exception says new 0xe or 0x0, the delivery says v=08) is not
#   left out: it becomes a "??" line, as does anything that makes this reading
#   unsure (a #PF/#DE raised but never delivered, a v=00/v=0e delivery that was
#   not raised as an exception, such as an external interrupt on that vector,
#   or a gap in QEMU's count). A "??" line never matches the table, so the
#   test fails there and says why.
qemu_faults() {
	awk '
	function hex8(s) {	# a 64-bit QEMU hex field as the table prints a 32-bit value
		sub(/^0+/, "", s)
		s = sprintf("%8s", s)
		gsub(/ /, "0", s)
		return s
	}
	function pfde(v) { return v == "00" || v == "0e" }
	function unsure(why) { print "?? " why " (QEMU log line " FNR ")" }
	/^check_exception old: / {
		if (pfde(raised))
			unsure("vector " raised " raised but never delivered")
		raised = $NF
		sub(/^0x/, "", raised)
		if (length(raised) < 2)
			raised = "0" raised
		next
	}
	/^ *[0-9]+: v=/ {
		split("", f)
		for (j = 2; j <= NF; j++)
			if ((k = index($j, "=")))
				f[substr($j, 1, k - 1)] = substr($j, k + 1)
		if ($1 != count ":")
			unsure("QEMU counted " $1 " where " count " was next")
		count++
		exc = raised
		raised = ""
		v = f["v"]
		if (f["i"] == "1") {	# software interrupt
			if (exc != "")
				unsure("vector " exc " raised, then a software interrupt")
			next
		}
		if (exc == "") {	# external interrupt, NMI
			if (pfde(v))
				unsure("a delivery on vector " v " that is not an exception")
			next
		}
		if (exc != v && (pfde(exc) || pfde(v)))
			unsure("vector " exc " raised, vector " v " delivered")
		if (!pfde(v))
			next
		n = split(f["IP"], ip, ":")
		cr2 = "-"
		if (v == "0e")
			cr2 = ("CR2" in f) ? hex8(f["CR2"]) : "?"
		print "v=" v, "e=" f["e"], "cpl=" f["cpl"], "eip=" (n == 2 ? hex8(ip[2]) : "?"), "cr2=" cr2
	}
	END {
		if (pfde(raised))
			unsure("vector " raised " raised but never delivered")
	}' count=0 "$1"
}

# first_diff A B: the first line where the two sequences differ.
first_diff() {
	awk 'FILENAME == ARGV[1] { a[FNR] = $0; na = FNR; next }
	     { b[FNR] = $0; nb = FNR }
	     END {
		for (i = 1; i <= na || i <= nb; i++)
			if (!(i in a) || !(i in b) || a[i] != b[i]) {
				printf "# first difference at fault %d (%d in the table, %d in QEMU'"'"'s log)\n", i, na, nb
				printf "#   faults table: %s\n", (i in a) ? a[i] : "(no more faults)"
				printf "#   QEMU log:     %s\n", (i in b) ? b[i] : "(no more exceptions)"
				exit
			}
	     }' "$1" "$2"
}

# oracle NAME FAULTS STATUS ARGS...: run faultline under TCG with ARGS, check
# it exits with STATUS, and compare. FAULTS is "some" if the run must fault,
# "none" if it must not.
oracle() {
	name=$1 want=$2 status=$3
	shift 3
	rm -f "$log"
	fl run --accel tcg --db "$db" --qemu-log "$log" "$@"
	run=$(q "SELECT status || ' ' || exit_code || ' ' || engine || ' ' ||
			(fault_count = (SELECT count(*) FROM faults WHERE run_id = runs.id))
		 FROM runs WHERE id = (SELECT max(id) FROM runs)")
	case $status in
	0) end="completed 0 tcg 1" ;;
	*) end="guest_failed $status tcg 1" ;;
	esac
	# runs: status, exit_code, engine, and whether fault_count counts the rows
	ok "$(is "$rc $run" "$status $end")" "$name: exits $status, the run says '$end'"
	if [ "$rc $run" != "$status $end" ]; then
		echo "# got exit $rc, the run says '$run'"
		sed 's/^/# /' "$out/stderr"
	fi
	table_faults >"$out/table"
	if [ -f "$log" ]; then qemu_faults "$log" >"$out/qemu"; else echo "?? no QEMU log" >"$out/qemu"; fi
	cmp -s "$out/table" "$out/qemu"
	ok $? "$name: the faults table is QEMU's #PF/#DE list ($(wc -l <"$out/table") faults, $(wc -l <"$out/qemu") in the log)"
	first_diff "$out/table" "$out/qemu"
	nf=$(wc -l <"$out/table")
	if [ "$want" = some ]; then
		ok "$( [ "$nf" -gt 0 ]; echo $?)" "$name: it faults ($nf faults)"
	else
		ok "$(is "$nf" 0)" "$name: it takes no fault ($nf faults)"
	fi
}

scenarios=$("$FL" list | awk '{ print $1 }')
ok "$( [ -n "$scenarios" ]; echo $?)" "faultline list names the scenarios"
for s in $scenarios; do
	case $s in
	boot) oracle "$s" none 0 --scenario "$s" ;;	# boots and greets, no fault
	race | module-gone | oops) oracle "$s" some 100 --scenario "$s" ;;	# end in an oops
	*) oracle "$s" some 0 --scenario "$s" ;;
	esac
done

# Exit status 0: the program's own, so every case passed.
oracle badptr some 0 --program "$B/fixtures/badptr.elf"
ok "$(hasre '^badptr: [0-9]+ cases, 0 failed$' stdout)" "badptr: every case passed"
if grep -q '^badptr: FAIL' "$out/stdout"; then grep '^badptr: FAIL' "$out/stdout" | sed 's/^/# /'; fi
oracle usercalls some 0 --program "$B/fixtures/usercalls.elf"
ok "$(hasre '^usercalls: [0-9]+ cases, 0 failed$' stdout)" "usercalls: every case passed"
done_testing
