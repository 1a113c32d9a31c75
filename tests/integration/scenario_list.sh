#!/bin/sh
# One scenario list (guest/include/uapi/fl_scenarios.h): the README's table is
# the one `make readme` makes from it, and init, built from the same list,
# carries every scenario `faultline list` names. Runs no guest.
. "$(dirname "$0")/tap.inc"

docs/scenarios.sh "$FL" >"$out/want"
sed -n '/^<!-- scenarios: /,/^<!-- \/scenarios -->/p' README.md | sed '1d;$d' >"$out/have"
diff "$out/want" "$out/have" | sed 's/^/# /'
ok "$(cmp -s "$out/want" "$out/have"; echo $?)" "the README's scenario table is fl_scenarios.h's (run \`make readme\`)"

"$FL" list | awk '$1 != "tour" { print $1 }' >"$out/names"
missing=$(while read -r name; do
	grep -qaF "$name" "$B/guest/user/init.elf" || echo "$name"
done <"$out/names")
[ -n "$missing" ] && echo "# init lacks: $missing"
ok "$([ -s "$out/names" ] && [ -z "$missing" ]; echo $?)" "init knows every scenario faultline list names ($(wc -l <"$out/names"))"
done_testing
