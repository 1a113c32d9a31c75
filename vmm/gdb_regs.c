#include "gdb_regs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XML_MAX 65536

static const char *const names[NR_GREGS] = {
	"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rsp", "rbp", "rip", "eflags",
	"cs", "ss", "ds", "es", "fs", "gs", "cr0", "cr2", "cr3", "cr4", "efer",
};

/* The value of attribute attr inside the tag [tag, end), copied to out. */
static int attr(const char *tag, const char *end, const char *attr, char *out, size_t cap)
{
	char key[32];
	snprintf(key, sizeof(key), " %s=\"", attr);
	const char *p = strstr(tag, key);
	if (!p || p >= end)
		return -1;
	p += strlen(key);
	const char *q = memchr(p, '"', (size_t)(end - p));
	if (!q || (size_t)(q - p) >= cap)
		return -1;
	memcpy(out, p, (size_t)(q - p));
	out[q - p] = '\0';
	return 0;
}

static void strip_comments(char *x)
{
	char *c;
	while ((c = strstr(x, "<!--"))) {
		char *e = strstr(c, "-->");
		if (!e) {
			*c = '\0';
			return;
		}
		memmove(c, e + 3, strlen(e + 3) + 1);
	}
}

int greg_map_parse(const char *xml, struct greg_map *m, int *next_num, unsigned *next_off)
{
	char *x = strdup(xml), name[32], val[16];
	if (!x)
		return -1;
	strip_comments(x);
	for (char *t = strstr(x, "<reg "); t; t = strstr(t + 1, "<reg ")) {
		char *end = strchr(t, '>');
		if (!end || attr(t, end, "name", name, sizeof(name)) ||
		    attr(t, end, "bitsize", val, sizeof(val))) {
			free(x);
			return -1;
		}
		unsigned bits = (unsigned)strtoul(val, NULL, 10);
		if (!attr(t, end, "regnum", val, sizeof(val)))
			*next_num = (int)strtol(val, NULL, 10);
		for (int i = 0; i < NR_GREGS; i++)
			if (!strcmp(name, names[i]) && (bits == 32 || bits == 64)) {
				m->num[i] = *next_num;
				m->off[i] = *next_off;
				m->size[i] = bits / 8;
			}
		(*next_num)++;
		*next_off += (bits + 7) / 8;
	}
	free(x);
	return 0;
}

/* One annex of the description, read in chunks ("m" more, "l" last), its
 * binary escapes ('}' then the byte xor 0x20) undone. */
static char *fetch(struct gdb *g, const char *annex)
{
	char *x = malloc(XML_MAX), req[128], r[GDB_PKT_MAX];
	size_t len = 0, raw = 0;
	if (!x)
		return NULL;
	for (;;) {
		snprintf(req, sizeof(req), "qXfer:features:read:%s:%zx,%x", annex, raw, 0xf00);
		int n = gdb_cmd(g, req, r, sizeof(r));
		if (n < 1 || (r[0] != 'm' && r[0] != 'l') || len + (size_t)n >= XML_MAX) {
			free(x);
			return NULL;
		}
		for (int i = 1; i < n; i++, raw++)
			x[len++] = r[i] == '}' && i + 1 < n ? (char)(r[++i] ^ 0x20) : r[i];
		x[len] = '\0';
		if (r[0] == 'l')
			return x;
	}
}

/* Registers in document order, includes expanded where they stand. */
static int load_annex(struct gdb *g, const char *annex, struct greg_map *m, int *num,
		      unsigned *off, int depth)
{
	char *x = depth < 4 ? fetch(g, annex) : NULL, href[64];
	int rc = x ? 0 : -1;
	if (x)
		strip_comments(x);
	for (char *p = x; !rc && p;) {
		char *inc = strstr(p, "<xi:include "), *end = inc ? strchr(inc, '>') : NULL;
		if (inc)
			*inc = '\0';
		rc = greg_map_parse(p, m, num, off);
		if (!rc && inc)
			rc = !end || attr(inc + 1, end, "href", href, sizeof(href)) ? -1
			     : load_annex(g, href, m, num, off, depth + 1);
		p = inc && end ? end + 1 : NULL;
	}
	free(x);
	return rc;
}

int greg_map_load(struct gdb *g, struct greg_map *m)
{
	int num = 0;
	unsigned off = 0;
	memset(m, 0, sizeof(*m));
	for (int i = 0; i < NR_GREGS; i++)
		m->num[i] = -1;
	if (load_annex(g, "target.xml", m, &num, &off, 0)) {
		snprintf(g->error, sizeof(g->error), "cannot read QEMU's target description");
		return -1;
	}
	for (int i = 0; i < NR_GREGS; i++)
		if (m->num[i] < 0) {
			snprintf(g->error, sizeof(g->error), "QEMU's target description has no %s", names[i]);
			return -1;
		}
	return 0;
}
