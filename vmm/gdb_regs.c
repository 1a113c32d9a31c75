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

/* One annex of the description, read in chunks ("m" more, "l" last). */
static char *fetch(struct gdb *g, const char *annex)
{
	char *x = malloc(XML_MAX), req[128], r[GDB_PKT_MAX];
	size_t len = 0;
	if (!x)
		return NULL;
	for (;;) {
		snprintf(req, sizeof(req), "qXfer:features:read:%s:%zx,%x", annex, len, 0xf00);
		int n = gdb_cmd(g, req, r, sizeof(r));
		if (n < 1 || (r[0] != 'm' && r[0] != 'l') || len + (size_t)n >= XML_MAX) {
			free(x);
			return NULL;
		}
		memcpy(x + len, r + 1, (size_t)n - 1);
		len += (size_t)n - 1;
		x[len] = '\0';
		if (r[0] == 'l')
			return x;
	}
}

int greg_map_load(struct gdb *g, struct greg_map *m)
{
	char *top = fetch(g, "target.xml"), href[64];
	int num = 0, rc = 0;
	unsigned off = 0;
	memset(m, 0, sizeof(*m));
	for (int i = 0; i < NR_GREGS; i++)
		m->num[i] = -1;
	if (!top)
		goto bad;
	rc = greg_map_parse(top, m, &num, &off);
	for (char *t = strstr(top, "<xi:include "); !rc && t; t = strstr(t + 1, "<xi:include ")) {
		char *end = strchr(t, '>'), *inc;
		if (!end || attr(t, end, "href", href, sizeof(href)) || !(inc = fetch(g, href))) {
			rc = -1;
			break;
		}
		rc = greg_map_parse(inc, m, &num, &off);
		free(inc);
	}
	free(top);
	for (int i = 0; !rc && i < NR_GREGS; i++)
		if (m->num[i] < 0) {
			snprintf(g->error, sizeof(g->error), "QEMU's target description has no %s", names[i]);
			return -1;
		}
	if (!rc)
		return 0;
bad:
	snprintf(g->error, sizeof(g->error), "cannot read QEMU's target description");
	return -1;
}
