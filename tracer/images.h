/* Guest images built into the faultline binary (tracer/images.S). */
#ifndef TRACER_IMAGES_H
#define TRACER_IMAGES_H

#include <stddef.h>
#include <stdint.h>

/* A guest ELF file as bytes, built in or read from a file the user named;
 * opened with elf_image_open where its contents are needed. */
struct guest_file {
	const char *name;
	const uint8_t *data;
	size_t len;
};

const struct guest_file *builtin_kernel(void);
/* The built-in user programs: init first. */
const struct guest_file *builtin_programs(size_t *n);
/* The kernel module (fltest). */
const struct guest_file *builtin_module(void);

#endif
