#!/bin/sh
# faultline-cc's command line, `faultline run --program FILE -- ARGS` as
# argv, and several --program, the first spawning the others by file name.
. "$(dirname "$0")/tap.inc"

CC=$B/faultline-cc

# cc ARGS...: run faultline-cc, output in $out/cc.log, status in $rc.
cc() {
	"$CC" "$@" >"$out/cc.log" 2>&1
	rc=$?
}

cc tests/fixtures/printargs.c -o "$out/printargs.elf"
ok "$rc" "faultline-cc builds one source"
cc -O0 -g tests/fixtures/spawner.c tests/fixtures/report.c -o "$out/spawner.elf"
ok "$rc" "faultline-cc builds two sources into one program, passing -O0 -g"

cc
ok "$(is $rc 2)" "faultline-cc without a source exits 2"
ok "$(grep -q '^usage: faultline-cc' "$out/cc.log"; echo $?)" "with its usage"
cc tests/fixtures/printargs.c -o
ok "$(is $rc 2)" "-o without a file name exits 2"
cc tests/fixtures/printargs.c
ok "$(is $rc 2)" "no -o exits 2"
cc -fpic tests/fixtures/printargs.c -o "$out/x.elf"
ok "$(is $rc 2)" "an option it does not pass on exits 2"
cc "$out/missing.c" -o "$out/x.elf"
ok "$(is $rc 6)" "a source that cannot be read exits 6"
printf 'int main(void) { return }\n' >"$out/broken.c"
cc "$out/broken.c" -o "$out/broken.elf"
ok "$(is $rc 6)" "a C syntax error exits 6"
ok "$(grep -q 'error:' "$out/cc.log" && [ ! -e "$out/broken.elf" ]; echo $?)" \
	"with the compiler's message, and no output file"
printf 'int f(void);\nint main(void) { return f(); }\n' >"$out/undef.c"
cc "$out/undef.c" -o "$out/undef.elf"
ok "$(is $rc 6)" "an undefined function (a link error) exits 6"

run_args() {
	fl run --accel "$engine" --program "$out/printargs.elf" -- a "b c" "" 'q"\'
	ok "$(is $rc 5)" "-- a \"b c\" \"\" 'q\"\\': argc 5"
	printf '%s\n' 'argv[0]=<init>' 'argv[1]=<a>' 'argv[2]=<b c>' 'argv[3]=<>' 'argv[4]=<q"\>' >"$out/want"
	grep '^argv' "$out/stdout" >"$out/got"
	ok "$(cmp -s "$out/want" "$out/got"; echo $?)" "argv is init and the arguments, exactly"

	# The guest's console goes through the terminal sanitizer: C1 CSI and RLO
	# (run refuses control characters in arguments, so no ESC here).
	fl run --accel "$engine" --program "$out/printargs.elf" -- "$(printf 'a\302\233b\342\200\256c')"
	ok "$(is "$rc/$(grep -c "$(printf '\302\233\|\342\200\256')" "$out/stdout")" 2/0)" \
		"a console line writes no C1 or bidi control"
	ok "$(has 'argv[1]=<a\u009bb\u202ec>' stdout)" "it shows them as \\u009b and \\u202e"

	fl run --accel "$engine" --program "$out/printargs.elf" --
	ok "$(is $rc 1)" "-- and nothing: argv is init alone"
	fl run --accel "$engine" --program "$out/printargs.elf" --scenario boot
	ok "$(is $rc 2)" "no --: argv is init and the command line's words"
	ok "$(has 'argv[1]=<scenario=boot>' stdout)" "scenario=boot among them"
}

run_spawn() {
	fl run --accel "$engine" --program "$out/spawner.elf" --program "$out/printargs.elf" \
		-- nothere printargs.elf
	ok "$(is $rc 3)" "init spawns the second --program by file name and exits with its status"
	ok "$(has 'spawned nothere: status -2' stdout)" "a name not given: -ENOENT"
	for line in 'argv[0]=<printargs.elf>' 'argv[2]=<y>' 'spawned printargs.elf: status 3'; do
		ok "$(has "$line" stdout)" "the child gets its name and words, init its status: $line"
	done
}

for_engines run_args
for_engines run_spawn

# refused ARGS...: faultline run refuses the command line before it boots.
refused() {
	fl run "$@"
	[ "$rc" = 2 ] && [ "$(wc -l <"$out/stderr")" -ge 1 ] && [ ! -s "$out/stdout" ]
}

long=abcdefghijklmnopqrstuvwx.elf
cp "$out/printargs.elf" "$out/$long"
refused --program "$out/spawner.elf" --program "$out/$long"
ok $? "a name longer than 23 characters exits 2"
ok "$(has "$long" stderr)" "naming the file"
mkdir "$out/d1" "$out/d2"
cp "$out/printargs.elf" "$out/d1/p.elf" && cp "$out/printargs.elf" "$out/d2/p.elf"
refused --program "$out/spawner.elf" --program "$out/d1/p.elf" --program "$out/d2/p.elf"
ok $? "two programs of one basename exit 2"
ok "$(has 'two programs named "p.elf"' stderr)" "saying so"
ctl=$(printf 'a\tb.elf')
cp "$out/printargs.elf" "$out/$ctl"
refused --program "$out/spawner.elf" --program "$out/$ctl"
ok $? "a name with a control character exits 2"
cp "$out/printargs.elf" "$out/segv"
refused --program "$out/spawner.elf" --program "$out/segv"
ok $? "a built-in program's name exits 2"
set --
for i in 2 3 4 5 6 7 8 9 10 11 12 13; do
	cp "$out/printargs.elf" "$out/p$i.elf"
	set -- "$@" --program "$out/p$i.elf"
done
refused --program "$out/spawner.elf" "$@"
ok $? "13 programs exit 2"
ok "$(has 'at most 12' stderr)" "saying how many fit"
twelve() {
	set --
	for i in 2 3 4 5 6 7 8 9 10 11 12; do
		set -- "$@" --program "$out/p$i.elf"
	done
	fl run --accel "$engine" --no-trace --program "$out/spawner.elf" "$@" -- p12.elf
	ok "$(is $rc 3)" "12 programs fit: init spawns the last of them"
}
for_engines twelve

refused --program "$out/printargs.elf" -- 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 \
	21 22 23 24 25 26 27 28 29 30 31 32 33
ok $? "33 arguments exit 2"
word=$(printf '%01100d' 0)
refused --program "$out/printargs.elf" -- "$word"
ok $? "arguments longer than the kernel command line exit 2"
ok "$(has 'do not fit in the kernel command line' stderr)" "saying so"
refused --program "$out/printargs.elf" -- "$(printf 'a\nb')"
ok $? "an argument with a control character exits 2"
refused -- a
ok $? "arguments without --program exit 2"
refused --program "$out/printargs.elf" stray
ok $? "a stray word without -- still exits 2"
fl run --program "$out/spawner.elf" --program tests/fixtures/printargs.c
ok "$(is $rc 6)" "a second program that is not an ELF executable exits 6"
done_testing
