#!/bin/sh
# A user program built exactly as the README says, run with --program.
. "$(dirname "$0")/tap.inc"

CFLAGS="-m32 -ffreestanding -fno-pic -fno-pie -fno-stack-protector -fno-builtin -O2 -Iguest/include -Iguest/include/uapi"
gcc $CFLAGS -c tests/fixtures/hello.c -o "$out/hello.o" &&
ld -m elf_i386 -T guest/user/user.ld -o "$out/hello.elf" \
	"$B/guest/user/crt0.o" "$B/guest/user/ulib.o" "$B/guest/lib/string.o" "$B/guest/lib/vsprintf.o" "$out/hello.o"
ok $? "the README's build commands link a program"

# run_hello: run the program on $engine.
run_hello() {
	fl run --accel "$engine" --program "$out/hello.elf" --scenario boot
	ok "$(is $rc 42)" "the program's exit status becomes faultline's"
	ok "$(has 'hello from init, 1 words on the command line' stdout)" "argv reaches main"
}

for_engines run_hello
done_testing
