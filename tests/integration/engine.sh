#!/bin/sh
# The tcg engine's host side: QEMU's private directory (guest RAM, gdb
# socket) in /dev/shm is gone once QEMU has started, whether the run ends
# normally, on SIGINT or on SIGKILL; QEMU dies with faultline; the run row
# names the engine. Runs on every machine: QEMU TCG needs no /dev/kvm.
. "$(dirname "$0")/tap.inc"
db="$out/e.db"

# shm_dirs: QEMU directories in /dev/shm, sorted, one a line.
shm_dirs() { ls -d /dev/shm/faultline-* 2>/dev/null | sort; }

# run_and_list: a tcg run (uaccess: it has faults) between two listings of
# /dev/shm; $rc is its status.
run_and_list() {
	shm_dirs >"$out/shm.before"
	fl run --accel tcg --scenario uaccess --db "$db"
	shm_dirs >"$out/shm.after"
}

# private_shm: rerun this script's run_and_list with a fresh tmpfs on
# /dev/shm, so that another faultline running on the machine (another test
# suite, say) cannot put its short-lived directory into the listings.
# Needs root and unshare; otherwise the machine's /dev/shm is listed.
private_shm() {
	if can_unshare; then
		unshare -m sh -c 'mount -t tmpfs -o mode=1777 none /dev/shm &&
			ls -d /dev/shm/faultline-* 2>/dev/null >"$1/shm.before"
			"$2" run --accel tcg --scenario uaccess --db "$3" >"$1/stdout" 2>"$1/stderr"
			rc=$?
			ls -d /dev/shm/faultline-* 2>/dev/null >"$1/shm.after"
			exit $rc' sh "$out" "$FL" "$db"
		rc=$?
	else
		run_and_list
	fi
}

# qemu_child PID: the QEMU process faultline PID started (its only child).
qemu_child() {
	for c in $(pgrep -P "$1"); do
		case "$(cat "/proc/$c/comm" 2>/dev/null)" in qemu*) echo "$c" ;; esac
	done
}

# qemu_dir QEMU: the private directory QEMU was given (its RAM's mem-path).
qemu_dir() {
	tr '\0' '\n' <"/proc/$1/cmdline" | sed -n 's|.*mem-path=\(.*\)/ram.*|\1|p'
}

# dead PID: 0 once PID has exited. It is not a child of this shell, so it
# cannot be waited for: PR_SET_PDEATHSIG sends SIGKILL as faultline dies, but
# the kill takes effect asynchronously. A pidfd becomes readable when the
# process exits; the 60 s bound is a guard against a hang, not a measure.
dead() {
	[ -n "$1" ] || return 1
	python3 -c 'import os, select, sys
try:
    fd = os.pidfd_open(int(sys.argv[1]))
except ProcessLookupError:
    sys.exit(0)
sys.exit(0 if select.select([fd], [], [], 60)[0] else 1)' "$1"
}

# spin_then SIG: run the endless program under tcg with its console in a
# fifo; once it says it spins (QEMU is up by then), note its QEMU ($qemu)
# and QEMU's directory ($qdir), then send faultline SIG. $rc is its status.
spin_then() {
	rm -f "$out/fifo"
	mkfifo "$out/fifo"
	"$FL" run --accel tcg --program "$B/guest/user/loop.elf" --db "$db" --timeout 0 \
		>"$out/fifo" 2>"$out/stderr" &
	pid=$!
	while IFS= read -r line; do
		case "$line" in "loop: spinning forever")
			qemu=$(qemu_child $pid)
			qdir=$(qemu_dir "$qemu" 2>/dev/null)
			kill -"$1" $pid ;;
		esac
	done <"$out/fifo"
	wait $pid
	rc=$?
}

# finished_run: a run that completes leaves no directory behind.
finished_run() {
	private_shm
	ok "$(is $rc 0)" "a tcg run exits 0"
	cmp -s "$out/shm.before" "$out/shm.after"
	ok $? "no /dev/shm/faultline-* directory is left after the run"
	ok "$(is "$(q "select engine from runs order by id desc limit 1")" tcg)" "runs.engine is tcg"
	ok "$(is "$(q "select substr(engine_version, 1, 5) = 'QEMU ' from runs order by id desc limit 1")" 1)" \
		"runs.engine_version starts with 'QEMU ' ($(q "select engine_version from runs order by id desc limit 1"))"
	ok "$(is "$(q "select count(*) > 0 and count(tsc) = 0 from faults")" 1)" \
		"faults.tsc is NULL under tcg (the gdbstub reads no MSR)"
}

# interrupted_run: SIGINT ends a tcg run with 130 and QEMU with it.
interrupted_run() {
	spin_then INT
	ok "$(is $rc 130)" "SIGINT to a tcg run exits 130"
	test -n "$qemu" && test -n "$qdir"
	ok $? "the run had a QEMU child ($qemu) with a private directory ($qdir)"
	test ! -e "/proc/$qemu"
	ok $? "faultline reaped its QEMU on SIGINT"
	test ! -e "$qdir"
	ok $? "QEMU's directory is gone"
	ok "$(is "$(q "select status from runs order by id desc limit 1")" interrupted)" "the run is recorded as interrupted"
}

# killed_run: SIGKILL gives faultline no chance to clean up, yet QEMU dies
# with it (PR_SET_PDEATHSIG) and its directory was removed long before.
killed_run() {
	spin_then KILL
	ok "$(is $rc 137)" "SIGKILL kills faultline"
	test -n "$qemu" && test -n "$qdir"
	ok $? "the run had a QEMU child ($qemu) with a private directory ($qdir)"
	dead "$qemu"
	ok $? "QEMU dies with faultline"
	test ! -e "$qdir"
	ok $? "QEMU's directory is gone"
}

finished_run
interrupted_run
killed_run
done_testing
