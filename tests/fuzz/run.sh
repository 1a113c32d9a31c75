#!/bin/sh
# `make test`'s run of the libFuzzer harnesses, in TAP: for each, one line for
# its seed corpus (every file once) and one for a bounded run from it
# (FUZZ_RUNS inputs, seed 1, so it does the same work every time; no time
# limit is involved). Usage: [B=BUILD_DIR] run.sh [NAME...], every harness
# by default; tests/run calls it with none.
set -u
b=${B:-build}
[ $# -gt 0 ] || set -- $(ls tests/fuzz/fuzz_*.c | sed 's|.*/fuzz_||; s|\.c$||')
n=0 bad=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
runs=${FUZZ_RUNS:-20000}
for f in "$@"; do
	bin=$b/fuzz/fuzz_$f corpus=tests/fuzz/corpus/$f
	n=$((n + 1))
	if "$bin" -artifact_prefix="$tmp/" "$corpus"/* >"$tmp/log" 2>&1; then
		echo "ok $n - fuzz $f: corpus of $(ls "$corpus" | wc -l) inputs"
	else
		tail -n 30 "$tmp/log" | sed 's/^/# /'
		echo "not ok $n - fuzz $f: corpus"
		bad=1
	fi
	n=$((n + 1))
	mkdir -p "$tmp/$f"
	# The first directory takes new inputs, so the tree's corpus stays as it is.
	if "$bin" -seed=1 -runs="$runs" -print_final_stats=1 -artifact_prefix="$tmp/" \
		"$tmp/$f" "$corpus" >"$tmp/log" 2>&1; then
		x=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tmp/log")
		echo "ok $n - fuzz $f: $x runs"
	else
		tail -n 30 "$tmp/log" | sed 's/^/# /'
		echo "not ok $n - fuzz $f: $runs runs from seed 1"
		bad=1
	fi
done
echo "1..$n"
exit $bad
