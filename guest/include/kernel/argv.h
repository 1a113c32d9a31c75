/* A new program's argv, gathered before its address space exists. */
#ifndef KERNEL_ARGV_H
#define KERNEL_ARGV_H

#include <kernel/kernel.h>

#define ARGV_MAX (FL_MAX_ARGS + 1)	/* the program's name, then its arguments */

/* The strings of argv, each NUL-terminated, one after the other: at most a
 * module name and a whole command line, each with its NUL, so a kmalloc
 * can hold it. */
struct uargs {
	uint32_t argc;
	uint32_t len;		/* bytes of buf in use */
	char buf[FL_MOD_NAME + FL_CMDLINE_MAX + 1];
};

/* prog, then the words of line separated by spaces. 0, or -E2BIG. */
int argv_words(struct uargs *a, const char *prog, const char *line);
/* prog, then the quoted arguments of line (fl_abi.h, "Command line").
 * 0, -E2BIG, or -EINVAL if line is not in that form. */
int argv_quoted(struct uargs *a, const char *prog, const char *line);
/* What follows the first space-separated word of line equal to word, or
 * NULL if it has none. */
const char *argv_find_word(const char *line, const char *word);
/* What follows the FL_ARGS_SEP word of line, or NULL if it has none. */
const char *argv_after_separator(const char *line);

#endif
