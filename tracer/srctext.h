/*
 * The text of the source lines a replay shows, copied into the database so
 * that a copied database replays with its source elsewhere. The file names
 * come from a guest image's DWARF, which may be anyone's, so only source
 * files (.c, .h, .S) that really lie in the source tree faultline was built
 * from (FL_SOURCE_DIR, given by the Makefile) are read: the kernel, module
 * and programs this checkout builds.
 */
#ifndef TRACER_SRCTEXT_H
#define TRACER_SRCTEXT_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

#define SRCTEXT_CONTEXT 2	/* lines stored before and after each one named */
#define SRCTEXT_FILE_MAX (1u << 20)
#define SRCTEXT_LINE_MAX 1024	/* bytes kept of a longer line */

/* The file read last, kept: consecutive steps are mostly in one file. */
struct srctext {
	char path[1024];	/* "" when nothing is loaded */
	char *text;		/* its bytes, NULL if it could not be read */
	size_t len;
	uint32_t stored;	/* the line stored last from it, 0 if none */
};

/* Store file's line (and SRCTEXT_CONTEXT lines around it) for run, reading
 * dir/file if it lies under root. A file that is absent, outside root or not
 * a source file stores nothing: 0. -1 only when the database refuses a row
 * (db_error says why). */
int srctext_store(struct srctext *c, struct db *db, int64_t run, const char *root,
		  const char *dir, const char *file, uint32_t line);
void srctext_free(struct srctext *c);

#endif
