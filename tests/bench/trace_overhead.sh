#!/bin/sh
# Tracing overhead: wall time of a fault-heavy scenario traced and untraced,
# alternated in one invocation, medians and their ratio; and the debug exits
# per traced fault the run recorded. Not part of make test (it times).
# usage: tests/bench/trace_overhead.sh [SCENARIO [ROUNDS [ENGINE]]]  (ENGINE: auto, kvm, tcg)
set -eu
B=${B:-build}
scenario=${1:-demand}
rounds=${2:-11}
engine=${3:-auto}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
wall() { # wall ARGS...: seconds for one run
	start=$(date +%s.%N)
	"$B/faultline" run --accel "$engine" --scenario "$scenario" --db "$dir/t.db" "$@" >/dev/null 2>&1
	end=$(date +%s.%N)
	awk -v a="$start" -v b="$end" 'BEGIN { print b - a }'
}
i=0
while [ $i -lt "$rounds" ]; do
	wall >>"$dir/traced"
	wall --no-trace >>"$dir/untraced"
	i=$((i + 1))
done
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
t=$(median "$dir/traced")
u=$(median "$dir/untraced")
echo "scenario $scenario on $engine, $rounds rounds each, alternating"
awk -v t="$t" -v u="$u" 'BEGIN { printf "traced   %.4f s (median)\nuntraced %.4f s (median)\nratio    %.3f\n", t, u, t / u }'
sqlite3 "$dir/t.db" "select 'faults per traced run ' || fault_count || ', debug exits per fault ' || exits_per_fault from runs where status = 'completed' and fault_count > 0 limit 1"
