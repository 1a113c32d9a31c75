/* Source lines for --steps: the first image whose line table knows the
 * address names it. */
#include "stepsrc.h"


void stepsrc_open(struct stepsrc *s, const struct elf_image *kernel,
		  const struct elf_image *module)
{
	*s = (struct stepsrc){ .text.path = "" };
	srcline_open(&s->images[0], elf_image_elf(kernel));
	srcline_open(&s->images[1], module ? elf_image_elf(module) : NULL);
}

int stepsrc_fill(struct stepsrc *s, struct db *db, int64_t run, struct step_row *r)
{
	char dir[SRC_DIR_MAX];
	for (size_t i = 0; i < 2; i++)
		if (!srcline_find(&s->images[i], r->eip, r->src_file, dir, &r->src_line))
			return srctext_store(&s->text, db, run, FL_SOURCE_DIR, dir, r->src_file,
					     r->src_line);
	r->src_file[0] = '\0';
	r->src_line = 0;
	return 0;
}

void stepsrc_close(struct stepsrc *s)
{
	for (size_t i = 0; i < 2; i++)
		srcline_close(&s->images[i]);
	srctext_free(&s->text);
}
