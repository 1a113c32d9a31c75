/*
 * The source line of each stepped instruction (fault_steps.src_file and
 * src_line), from the kernel's and the module's DWARF, and the text of those
 * lines into source_lines. User programs' lines are not looked up: several
 * programs share the same user addresses.
 */
#ifndef TRACER_STEPSRC_H
#define TRACER_STEPSRC_H

#include <stdint.h>

#include "db.h"
#include "elf_image.h"
#include "record.h"
#include "srcline.h"
#include "srctext.h"

struct stepsrc {
	struct srcline images[2];	/* kernel, module */
	struct srctext text;
};

/* The images must outlive s; module may be NULL. */
void stepsrc_open(struct stepsrc *s, const struct elf_image *kernel,
		  const struct elf_image *module);
/* r->src_file and r->src_line for r->eip, and the lines' text stored. 0, or
 * -1 when the database refused a row (db_error says why). */
int stepsrc_fill(struct stepsrc *s, struct db *db, int64_t run, struct step_row *r);
void stepsrc_close(struct stepsrc *s);

#endif
