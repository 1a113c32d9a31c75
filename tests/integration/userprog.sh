#!/bin/sh
# The README's example: hello.c built with the one faultline-cc command the
# README shows, from a directory of its own, and run with --program.
. "$(dirname "$0")/tap.inc"

build_line='build/faultline-cc hello.c -o hello.elf'
grep -qxF -- "$build_line" README.md
ok $? "the README builds its example with one command: $build_line"

# A user's directory: the README's hello.c, and build/ where make left
# faultline-cc.
mkdir "$out/user" && ln -s "$(cd "$B" && pwd)" "$out/user/build"
sed -n '/^\/\* hello.c \*\/$/,/^```$/p' README.md | sed '$d' >"$out/user/hello.c"
ok "$(grep -q 'int main' "$out/user/hello.c"; echo $?)" "the README shows hello.c"
(cd "$out/user" && eval "$build_line") >"$out/cc.log" 2>&1
ok $? "that command builds it"
ok "$(is "$(cat "$out/cc.log")" "")" "without a warning"

# run_hello: run the program on $engine.
run_hello() {
	fl run --accel "$engine" --program "$out/user/hello.elf" -- a "b c"
	ok "$(is $rc 2)" "the program's exit status becomes faultline's"
	ok "$(has 'hello from init, 2 words on the command line' stdout)" "argv reaches main"
}

for_engines run_hello
done_testing
