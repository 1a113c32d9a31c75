#include "images.h"

#define IMAGE(n) extern const uint8_t image_##n[], image_##n##_end[]
IMAGE(kernel);
IMAGE(init);
IMAGE(divzero);
IMAGE(segv);
IMAGE(loop);
IMAGE(fltest);

static const struct {
	const char *name;
	const uint8_t *start, *end;
} table[] = {
	{ "kernel", image_kernel, image_kernel_end },
	{ "init", image_init, image_init_end },
	{ "divzero", image_divzero, image_divzero_end },
	{ "segv", image_segv, image_segv_end },
	{ "loop", image_loop, image_loop_end },
	{ "fltest", image_fltest, image_fltest_end },
};

#define NR_IMAGES (sizeof(table) / sizeof(table[0]))
static struct guest_file images[NR_IMAGES];

static const struct guest_file *all(void)
{
	for (size_t i = 0; i < NR_IMAGES; i++)
		images[i] = (struct guest_file){ table[i].name, table[i].start,
					    (size_t)(table[i].end - table[i].start) };
	return images;
}

const struct guest_file *builtin_kernel(void)
{
	return &all()[0];
}

const struct guest_file *builtin_programs(size_t *n)
{
	*n = NR_IMAGES - 2;
	return &all()[1];
}

const struct guest_file *builtin_module(void)
{
	return &all()[NR_IMAGES - 1];
}
