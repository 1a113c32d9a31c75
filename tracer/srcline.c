/*
 * Address to file:line through libdw. The compiler names a unit's files with
 * absolute paths under its build directory (DW_AT_comp_dir); the database
 * keeps them relative to it, so a replay reads "guest/mm/fault.c" whichever
 * checkout built the kernel.
 */
#include "srcline.h"

#include <dwarf.h>
#include <stdio.h>
#include <string.h>

void srcline_open(struct srcline *s, Elf *elf)
{
	s->dw = elf ? dwarf_begin_elf(elf, DWARF_C_READ, NULL) : NULL;
}

void srcline_close(struct srcline *s)
{
	if (s->dw)
		dwarf_end(s->dw);
	s->dw = NULL;
}

/* path without dir's prefix, if it lies under dir. */
static const char *relative(const char *path, const char *dir)
{
	size_t n = dir ? strlen(dir) : 0;
	if (n && !strncmp(path, dir, n) && path[n] == '/')
		return path + n + 1;
	return path;
}

int srcline_find(const struct srcline *s, uint64_t addr, char file[SRC_PATH_MAX],
		 char dir[SRC_DIR_MAX], uint32_t *line)
{
	Dwarf_Die cu;
	Dwarf_Attribute at;
	int n;
	if (!s->dw || !dwarf_addrdie(s->dw, addr, &cu))
		return -1;
	Dwarf_Line *l = dwarf_getsrc_die(&cu, addr);
	const char *path = l ? dwarf_linesrc(l, NULL, NULL) : NULL;
	if (!path || dwarf_lineno(l, &n) || n <= 0)
		return -1;
	const char *comp = dwarf_formstring(dwarf_attr(&cu, DW_AT_comp_dir, &at));
	snprintf(file, SRC_PATH_MAX, "%s", relative(path, comp));
	snprintf(dir, SRC_DIR_MAX, "%s", comp ? comp : "");
	*line = (uint32_t)n;
	return 0;
}
