/* Source text into source_lines, one file cached at a time. */
#include "srctext.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_source_name(const char *file)
{
	const char *dot = strrchr(file, '.');
	if (file[0] == '/' || strstr(file, "..") || !dot)
		return 0;
	return !strcmp(dot, ".c") || !strcmp(dot, ".h") || !strcmp(dot, ".S");
}

/* The whole of path if it is a regular file of at most SRCTEXT_FILE_MAX. */
static char *slurp(const char *path, size_t *len)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	char *buf = NULL;
	if (fd < 0)
		return NULL;
	if (!fstat(fd, &st) && S_ISREG(st.st_mode) && st.st_size <= SRCTEXT_FILE_MAX &&
	    (buf = malloc((size_t)st.st_size + 1))) {
		ssize_t n = read(fd, buf, (size_t)st.st_size);
		if (n < 0) {
			free(buf);
			buf = NULL;
		} else {
			*len = (size_t)n;
		}
	}
	close(fd);
	return buf;
}

/* path, with every link resolved, lies inside root's tree. */
static int under(const char *path, const char *root)
{
	char rp[PATH_MAX], rr[PATH_MAX];
	if (!realpath(path, rp) || !realpath(root, rr))
		return 0;
	size_t n = strlen(rr);
	return !strncmp(rp, rr, n) && rp[n] == '/';
}

static void load(struct srctext *c, const char *path, const char *root)
{
	if (!strcmp(c->path, path))
		return;
	srctext_free(c);
	snprintf(c->path, sizeof(c->path), "%s", path);
	if (under(path, root))
		c->text = slurp(path, &c->len);
}

/* A line's length cut to SRCTEXT_LINE_MAX, not inside a UTF-8 sequence. */
static size_t cut(const char *p, size_t len)
{
	if (len <= SRCTEXT_LINE_MAX)
		return len;
	len = SRCTEXT_LINE_MAX;
	while (len && ((unsigned char)p[len] & 0xc0) == 0x80)
		len--;
	return len;
}

int srctext_store(struct srctext *c, struct db *db, int64_t run, const char *root,
		  const char *dir, const char *file, uint32_t line)
{
	char path[sizeof(c->path)];
	if (!is_source_name(file) || !dir[0] ||
	    (size_t)snprintf(path, sizeof(path), "%s/%s", dir, file) >= sizeof(path))
		return 0;
	load(c, path, root);
	/* Consecutive steps are mostly on one line: its rows are there already. */
	if (!c->text || c->stored == line)
		return 0;
	uint32_t first = line > SRCTEXT_CONTEXT ? line - SRCTEXT_CONTEXT : 1;
	const char *p = c->text, *end = c->text + c->len;
	for (uint32_t n = 1; p < end && n <= line + SRCTEXT_CONTEXT; n++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;
		if (n >= first && db_add_source_line(db, run, file, n, p, cut(p, (size_t)(stop - p))))
			return -1;
		p = nl ? nl + 1 : end;
	}
	c->stored = line;
	return 0;
}

void srctext_free(struct srctext *c)
{
	free(c->text);
	*c = (struct srctext){ .path = "" };
}
