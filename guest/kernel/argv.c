/*
 * argv for a new program, in the two forms of fl_abi.h ("Command line").
 * Both come from outside the kernel (a user's spawn, the VMM's command
 * line), so a word too many or a malformed quote is refused: a program
 * never runs with arguments silently cut short.
 */
#include <kernel/argv.h>
#include <kernel/string.h>

static int add_byte(struct uargs *a, char c)
{
	if (a->len == sizeof(a->buf))
		return -E2BIG;
	a->buf[a->len++] = c;
	return 0;
}

/* Ends the word being added. */
static int end_word(struct uargs *a)
{
	if (a->argc == ARGV_MAX)
		return -E2BIG;
	a->argc++;
	return add_byte(a, '\0');
}

static int add_word(struct uargs *a, const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (add_byte(a, w[i]))
			return -E2BIG;
	return end_word(a);
}

int argv_words(struct uargs *a, const char *prog, const char *line)
{
	a->argc = a->len = 0;
	int err = add_word(a, prog, strlen(prog));
	for (const char *p = line; !err && *p;) {
		while (*p == ' ')
			p++;
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		if (p > w)
			err = add_word(a, w, (size_t)(p - w));
	}
	return err;
}

/* The quoted argument at *pp, unescaped; *pp moves past its closing quote. */
static int quoted_word(struct uargs *a, const char **pp)
{
	const char *p = *pp;
	if (*p++ != '"')
		return -EINVAL;
	for (; *p != '"'; p++) {
		if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
			p++;
		else if (*p == '\\' || !*p)
			return -EINVAL;
		if (add_byte(a, *p))
			return -E2BIG;
	}
	*pp = p + 1;
	return end_word(a);
}

int argv_quoted(struct uargs *a, const char *prog, const char *line)
{
	a->argc = a->len = 0;
	int err = add_word(a, prog, strlen(prog));
	for (const char *p = line; !err;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		err = quoted_word(a, &p);
		/* "a""b" would otherwise read as two arguments. */
		if (!err && *p && *p != ' ')
			err = -EINVAL;
	}
	return err;
}

const char *argv_find_word(const char *line, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = line; *p;) {
		while (*p == ' ')
			p++;
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		if ((size_t)(p - w) == n && !strncmp(w, word, n))
			return p;
	}
	return NULL;
}

const char *argv_after_separator(const char *line)
{
	return argv_find_word(line, FL_ARGS_SEP);
}
