#!/bin/sh
# Circles: no file leans on another that leans back on it, directly or round
# a longer loop. Within a program (the guest kernel, the guest's user
# programs, the host's faultline) file A depends on file B when A's object
# uses a symbol B's object defines (nm); a source depends on every header of
# this tree it includes. Each circle, a set of files that all reach one
# another, is printed with the edges inside it. Reads the sources and the
# build tree, runs nothing.
. "$(dirname "$0")/tap.inc"

# objects DIR SRCDIR: "OBJECT SOURCE" for each object under DIR whose source
# (SRCDIR, then the object's path below DIR, .c or .S) exists: a source that
# was moved or removed leaves its old object behind.
objects() {
	find "$1" -name '*.o' | LC_ALL=C sort | while read -r o; do
		rel=${o#"$1"/}
		for s in "$2${rel%.o}.c" "$2${rel%.o}.S"; do
			[ -f "$s" ] && echo "$o $s"
		done
	done
}

# uses LIST: "A B SYMBOL" for each symbol that the object of source A uses
# and the object of source B (another file) defines; LIST holds objects()
# lines. A symbol defined twice (main, in each user program) counts for both.
uses() {
	{
		cut -d' ' -f1 "$1" | xargs nm -A -g --defined-only | sed 's/^/D /'
		cut -d' ' -f1 "$1" | xargs nm -A -u | sed 's/^/U /'
	} | awk 'FNR == NR { src[$1] = $2; next }
		{ f = $2; sub(/:.*/, "", f) }
		$1 == "D" { def[$NF] = def[$NF] " " src[f] }
		$1 == "U" { use[++n] = src[f] " " $NF }
		END {
			for (i = 1; i <= n; i++) {
				split(use[i], u, " ")
				k = split(def[u[2]], d, " ")
				for (j = 1; j <= k; j++)
					if (d[j] != u[1])
						print u[1], d[j], u[2]
			}
		}' "$1" -
}

# includes: "FILE HEADER" for each #include of a header of this tree, found
# the way the compiler looks: a quoted name beside the file first, then the
# -I directories of the Makefile (host and guest alike).
includes() {
	find guest vmm tracer viz -name '*.[chS]' | LC_ALL=C sort >"$out/sources"
	# shellcheck disable=SC2046 # the paths have no spaces
	awk 'BEGIN { n = split("guest/include guest/include/uapi vmm tracer viz guest/tools", dirs, " ") }
		FNR == NR { have[$0]; next }
		/^[ \t]*#[ \t]*include[ \t]*["<]/ {
			h = $0; sub(/^[^"<]*["<]/, "", h); sub(/[">].*/, "", h)
			here = FILENAME; sub(/\/[^\/]*$/, "", here)
			if (index($0, "\"") && (here "/" h) in have) { print FILENAME, here "/" h; next }
			for (i = 1; i <= n; i++)
				if ((dirs[i] "/" h) in have) { print FILENAME, dirs[i] "/" h; next }
		}' "$out/sources" $(cat "$out/sources")
}

# circles EDGES DESCRIPTION: every circle among the EDGES ("FROM TO WHY"
# lines) as TAP comments, one test that passes if there is none.
circles() {
	awk -f "$(dirname "$0")/circles.awk" "$1" | LC_ALL=C sort | awk -F '\t' '
		$2 == 0 { if ($1 != rep) { rep = $1; members = "" } members = members " " $3; next }
		$1 != shown { print "# circle:" members; shown = $1 }
		{ print "#   " $3 }' >"$out/circles"
	cat "$out/circles"
	ok "$([ ! -s "$out/circles" ]; echo $?)" "$2"
}

objects "$B/guest" guest/ | grep -v ' guest/\(user\|modules\)/' >"$out/kernel"
ok "$(is "$(grep -c ' guest/mm/fault\.c$' "$out/kernel")" 1)" "the scan sees the guest kernel's objects"
uses "$out/kernel" >"$out/kernel.edges"
circles "$out/kernel.edges" "no call circles between the guest kernel's files"

objects "$B/guest" guest/ | grep ' guest/\(user\|lib\)/' >"$out/user"
uses "$out/user" >"$out/user.edges"
circles "$out/user.edges" "no call circles between the files of the guest's user programs"

objects "$B/host" "" >"$out/host"
ok "$(is "$(grep -c ' tracer/main\.c$' "$out/host")" 1)" "the scan sees the host's objects"
uses "$out/host" >"$out/host.edges"
circles "$out/host.edges" "no call circles between the host's files"

# The same uses between the host's folders lean one way only: the commands
# (tracer/) use vmm/, viz/ and the guest's search and tree code that bench
# times natively; none of those uses another folder.
awk '{ a = $1; b = $2; sub(/\/.*/, "", a); sub(/\/.*/, "", b); if (a != b) print a, b, $1 "->" $2 ":" $3 }' \
	"$out/host.edges" >"$out/folders.edges"
ok "$(is "$(cut -d' ' -f1,2 "$out/folders.edges" | LC_ALL=C sort -u | tr '\n' ',')" "tracer guest,tracer viz,tracer vmm,")" \
	"the host's folders: tracer uses guest, viz and vmm; they use no other folder"
circles "$out/folders.edges" "no circles between the host's folders"

includes | awk '{ print $1, $2, "#include" }' >"$out/includes"
ok "$(is "$(grep -c '^guest/mm/fault\.c guest/include/kernel/mm\.h' "$out/includes")" 1)" \
	"the scan sees the sources' includes"
circles "$out/includes" "no include circles between headers"
done_testing
