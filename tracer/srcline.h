/*
 * Source lines for the replay: which C (or assembly) line an address of a
 * guest image is, from the image's DWARF line table (libdw), and the text of
 * that line where the build tree that compiled the image is present.
 */
#ifndef TRACER_SRCLINE_H
#define TRACER_SRCLINE_H

#include <stddef.h>
#include <stdint.h>

#include <elfutils/libdw.h>

#define SRC_PATH_MAX 160	/* as fault_steps.src_file holds it */
#define SRC_DIR_MAX 512		/* a build directory */

struct srcline {
	Dwarf *dw;		/* NULL: the image has no line table */
};

/* Read elf's DWARF, if it has any (it stays the caller's and must outlive
 * s). An image without DWARF simply has no lines: this cannot fail. */
void srcline_open(struct srcline *s, Elf *elf);
void srcline_close(struct srcline *s);

/* addr's line: the file as the compiler named it relative to its build
 * directory (e.g. "guest/mm/fault.c") into file, the build directory into
 * dir (cut to SRC_PATH_MAX and SRC_DIR_MAX bytes), the line number into
 * *line. 0, or -1 if the table has no line for addr. */
int srcline_find(const struct srcline *s, uint64_t addr, char file[SRC_PATH_MAX],
		 char dir[SRC_DIR_MAX], uint32_t *line);

#endif
