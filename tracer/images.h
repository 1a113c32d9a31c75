/* Guest images built into the faultline binary (tracer/images.S). */
#ifndef TRACER_IMAGES_H
#define TRACER_IMAGES_H

#include <stddef.h>
#include <stdint.h>

struct image {
	const char *name;
	const uint8_t *data;
	size_t len;
};

const struct image *builtin_kernel(void);
/* The built-in user programs: init first. */
const struct image *builtin_programs(size_t *n);
/* The kernel module (fltest). */
const struct image *builtin_module(void);

#endif
