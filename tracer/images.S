/* The guest images the build made, embedded so `faultline` runs from anywhere.
 * Assembled with -I$(B)/guest; see tracer/images.h. */
.macro IMAGE name, file
	.section .rodata
	.balign 16
	.globl image_\name, image_\name\()_end
image_\name:
	.incbin "\file"
image_\name\()_end:
.endm

	IMAGE kernel, "kernel.elf"
	IMAGE init, "user/init.elf"
	IMAGE divzero, "user/divzero.elf"
	IMAGE segv, "user/segv.elf"
	IMAGE loop, "user/loop.elf"
	IMAGE fltest, "modules/fltest.elf"
	.section .note.GNU-stack, "", @progbits
