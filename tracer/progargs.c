/* Programs and arguments for `faultline run`, refused on the command line
 * (exit 2) when the kernel could not honour them exactly. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "images.h"
#include "progargs.h"

const char *program_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static int is_control(char c)
{
	return (unsigned char)c < 0x20 || c == 0x7f;
}

static int has_control(const char *s)
{
	for (; *s; s++)
		if (is_control(*s))
			return 1;
	return 0;
}

/* The built-in program or module called name, or NULL. */
static const char *builtin_named(const char *name)
{
	size_t n;
	const struct guest_file *progs = builtin_programs(&n);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(progs[i].name, name))
			return progs[i].name;
	return strcmp(builtin_module()->name, name) ? NULL : builtin_module()->name;
}

static int check_name(const char *const *paths, unsigned i)
{
	const char *name = program_name(paths[i]);
	/* Shown in the kernel's messages, so no control characters either. */
	if (!*name || strlen(name) >= FL_MOD_NAME || has_control(name)) {
		fl_error("--program %s: the file name must be 1 to %d printable characters, to spawn it by",
			 paths[i], FL_MOD_NAME - 1);
		return 2;
	}
	if (builtin_named(name)) {
		fl_error("--program %s: \"%s\" is the name of a built-in program", paths[i], name);
		return 2;
	}
	for (unsigned j = 1; j < i; j++)
		if (!strcmp(program_name(paths[j]), name)) {
			fl_error("--program %s and %s: two programs named \"%s\"", paths[j], paths[i],
				 name);
			return 2;
		}
	return 0;
}

int check_programs(const char *const *paths, unsigned n)
{
	size_t nb;
	builtin_programs(&nb);
	/* The first program takes the built-in init's place; the module stays. */
	unsigned room = FL_MAX_MODS - (unsigned)nb;
	if (n > room) {
		fl_error("%u programs: at most %u fit beside the built-in ones", n, room);
		return 2;
	}
	/* The first runs as init, so only the others are known by their names. */
	for (unsigned i = 1; i < n; i++)
		if (check_name(paths, i))
			return 2;
	return 0;
}

/* Appends s to out, which has used *len of size bytes; -1 if it does not fit. */
static int append(char *out, size_t size, size_t *len, const char *s, size_t n)
{
	if (n >= size - *len)
		return -1;
	memcpy(out + *len, s, n);
	*len += n;
	out[*len] = '\0';
	return 0;
}

/* One argument, quoted and escaped; 0, 1 for a control character, -1 if too long. */
static int append_quoted(char *out, size_t size, size_t *len, const char *arg)
{
	int rc = append(out, size, len, " \"", 2);
	for (const char *p = arg; !rc && *p; p++) {
		if (is_control(*p))
			return 1;
		if (*p == '"' || *p == '\\')
			rc = append(out, size, len, "\\", 1);
		if (!rc)
			rc = append(out, size, len, p, 1);
	}
	return rc ? rc : append(out, size, len, "\"", 1);
}

int encode_args(char *out, const char *scenario, char *const *args, int n)
{
	char line[FL_CMDLINE_MAX + 1];
	size_t len = 0;
	if (n > FL_MAX_ARGS) {
		fl_error("%d arguments after --: at most %d", n, FL_MAX_ARGS);
		return 2;
	}
	int rc = append(out, sizeof(line), &len, FL_ARGS_SEP, strlen(FL_ARGS_SEP));
	for (int i = 0; !rc && i < n; i++)
		if ((rc = append_quoted(out, sizeof(line), &len, args[i])) > 0) {
			fl_error("argument %d after -- holds a control character", i + 1);
			return 2;
		}
	if (rc || kernel_cmdline(line, scenario, out)) {
		fl_error("the arguments after -- do not fit in the kernel command line (%u bytes)",
			 FL_CMDLINE_MAX);
		return 2;
	}
	return 0;
}

static int has_word(const char *s, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = s; (p = strstr(p, word)) != NULL; p += n)
		if ((p == s || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return 1;
	return 0;
}

int append_words(char *out, const char *scenario, const char *words, const char *extra)
{
	char line[FL_CMDLINE_MAX + 1];
	if (has_control(words) || has_word(words, FL_ARGS_SEP)) {
		fl_error("--append: the kernel's words may hold neither control characters nor"
			 " a \"%s\" (use -- after the options for init's arguments)", FL_ARGS_SEP);
		return 2;
	}
	int n = snprintf(out, FL_CMDLINE_MAX + 1, "%s%s%s", words, extra ? " " : "",
			 extra ? extra : "");
	if (n < 0 || n > (int)FL_CMDLINE_MAX || kernel_cmdline(line, scenario, out)) {
		fl_error("--append: the kernel command line would be longer than %u bytes",
			 FL_CMDLINE_MAX);
		return 2;
	}
	return 0;
}

int kernel_cmdline(char *out, const char *scenario, const char *extra)
{
	int n = snprintf(out, FL_CMDLINE_MAX + 1, "scenario=%s%s%s", scenario, extra ? " " : "",
			 extra ? extra : "");
	return n < 0 || n > (int)FL_CMDLINE_MAX ? -1 : 0;
}
