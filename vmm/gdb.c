#include "gdb.h"

#define SPIN_NS 300000

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "errorf.h"

static int write_all(struct gdb *g, const char *p, size_t n)
{
	while (n) {
		ssize_t w = send(g->fd, p, n, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return errorf_in(g, "writing to QEMU's gdbstub: %s", strerror(errno));
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* A reply usually follows within tens of microseconds, and being woken
 * from poll() costs as much again on a virtual machine: spin a little first. */
static ssize_t spin_read(struct gdb *g)
{
	struct timespec t0, now;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		ssize_t r = recv(g->fd, g->in + g->in_len, sizeof(g->in) - g->in_len, MSG_DONTWAIT);
		if (r >= 0 || (errno != EAGAIN && errno != EINTR))
			return r;
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while ((now.tv_sec - t0.tv_sec) * 1000000000L + (now.tv_nsec - t0.tv_nsec) < SPIN_NS);
	errno = EAGAIN;
	return -1;
}

/* More bytes from the stub. With wait_stop, a wake byte sends ^C first. */
static int fill(struct gdb *g, int wait_stop, int *interrupted)
{
	struct pollfd p[2] = { { .fd = g->fd, .events = POLLIN },
			       { .fd = wait_stop ? g->wake_fd : -1, .events = POLLIN } };
	if (g->in_len == sizeof(g->in))
		return errorf_in(g, "QEMU's gdbstub sent an over-long packet");
	ssize_t got = spin_read(g);
	if (got > 0) {
		g->in_len += (size_t)got;
		return 0;
	}
	if (got == 0)
		return errorf_in(g, "QEMU closed its gdbstub");
	for (;;) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return errorf_in(g, "poll: %s", strerror(errno));
		}
		if (p[1].revents & POLLIN) {
			char drain[64];
			while (read(g->wake_fd, drain, sizeof(drain)) > 0)
				;
			p[1].fd = -1;	/* one interrupt is enough */
			*interrupted = 1;
			if (write_all(g, "\x03", 1))
				return -1;
		}
		if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			ssize_t r = read(g->fd, g->in + g->in_len, sizeof(g->in) - g->in_len);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				return errorf_in(g, "QEMU closed its gdbstub%s",
						 r < 0 ? " (read error)" : "");
			g->in_len += (size_t)r;
			return 0;
		}
	}
}

static void consume(struct gdb *g, size_t n)
{
	memmove(g->in, g->in + n, g->in_len - n);
	g->in_len -= n;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Undo run-length encoding ("x*n": x repeated n - 29 more times). */
static int decode(struct gdb *g, const char *body, size_t n, char *out, size_t cap)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (body[i] == '*' && o && i + 1 < n) {
			int rep = (unsigned char)body[++i] - 29;
			if (rep < 0 || o + (size_t)rep >= cap)
				return errorf_in(g, "bad run-length encoding from QEMU's gdbstub");
			memset(out + o, out[o - 1], (size_t)rep);
			o += (size_t)rep;
		} else if (o + 1 >= cap) {
			return errorf_in(g, "a reply from QEMU's gdbstub is too long");
		} else {
			out[o++] = body[i];
		}
	}
	out[o] = '\0';
	return (int)o;
}

int gdb_recv(struct gdb *g, char *out, size_t cap, int wait_stop, int *interrupted)
{
	int dummy;
	interrupted = interrupted ? interrupted : &dummy;
	for (;;) {
		char *start = memchr(g->in, '$', g->in_len);
		char *hash = start ? memchr(start, '#', g->in_len - (size_t)(start - g->in)) : NULL;
		if (hash && (size_t)(hash - g->in) + 3 <= g->in_len) {
			unsigned sum = 0;
			for (char *p = start + 1; p < hash; p++)
				sum += (unsigned char)*p;
			int hi = hexval(hash[1]), lo = hexval(hash[2]);
			size_t body = (size_t)(hash - start - 1), total = (size_t)(hash - g->in) + 3;
			char tmp[GDB_PKT_MAX];
			int good = hi >= 0 && lo >= 0 && (sum & 0xff) == (unsigned)(hi << 4 | lo);
			if (good && body < sizeof(tmp))
				memcpy(tmp, start + 1, body);
			consume(g, total);
			if (write_all(g, good ? "+" : "-", 1))
				return -1;
			if (good && body >= sizeof(tmp))	/* intact: a '-' would bring it back */
				return errorf_in(g, "QEMU's gdbstub sent an over-long packet");
			if (good)
				return decode(g, tmp, body, out, cap);
			continue;
		}
		if (fill(g, wait_stop, interrupted))
			return -1;
	}
}

int gdb_send(struct gdb *g, const char *payload)
{
	size_t n = strlen(payload);
	unsigned sum = 0;
	if (n + 4 >= sizeof(g->last))	/* "$", "#xx" and the NUL */
		return errorf_in(g, "packet too long");
	for (size_t i = 0; i < n; i++)
		sum += (unsigned char)payload[i];
	g->last_len = (size_t)snprintf(g->last, sizeof(g->last), "$%s#%02x", payload, sum & 0xff);
	if (write_all(g, g->last, g->last_len))
		return -1;
	for (;;) {	/* the acknowledgement: '+', or '-' to send it again */
		if (!g->in_len && fill(g, 0, NULL))
			return -1;
		char c = g->in[0];
		if (c == '$')
			return errorf_in(g, "QEMU's gdbstub answered before acknowledging");
		consume(g, 1);
		if (c == '+')
			return 0;
		if (c == '-' && write_all(g, g->last, g->last_len))
			return -1;
	}
}

int gdb_cmd(struct gdb *g, const char *payload, char *reply, size_t cap)
{
	if (gdb_send(g, payload))
		return -1;
	return gdb_recv(g, reply, cap, 0, NULL);
}

int gdb_ok(struct gdb *g, const char *payload)
{
	char r[64];
	if (gdb_cmd(g, payload, r, sizeof(r)) < 0)
		return -1;
	return strcmp(r, "OK") ? errorf_in(g, "QEMU's gdbstub refused %.20s: %s", payload, r) : 0;
}

int gdb_monitor(struct gdb *g, const char *cmd, char *out, size_t cap)
{
	char pkt[256], r[GDB_PKT_MAX];
	size_t n = strlen(cmd), o = 0;
	if (n > 100 || !cap)
		return errorf_in(g, "monitor command too long");
	memcpy(pkt, "qRcmd,", 6);
	gdb_hex((const uint8_t *)cmd, n, pkt + 6);
	out[0] = '\0';
	if (gdb_send(g, pkt))
		return -1;
	for (;;) {	/* "O<hex>" output packets, then "OK" */
		int len = gdb_recv(g, r, sizeof(r), 0, NULL);
		if (len < 0)
			return -1;
		if (r[0] != 'O' || !strcmp(r, "OK"))
			return strcmp(r, "OK") ? errorf_in(g, "monitor command failed: %s", r) : 0;
		size_t bytes = (size_t)(len - 1) / 2;
		if (bytes > cap - 1 - o)
			bytes = cap - 1 - o;	/* keep what fits; the output is cut, not holed */
		if (!gdb_unhex(r + 1, bytes, (uint8_t *)out + o))
			o += bytes;
		out[o] = '\0';
	}
}

int gdb_unhex(const char *hex, size_t nbytes, uint8_t *out)
{
	for (size_t i = 0; i < nbytes; i++) {
		int hi = hexval(hex[2 * i]), lo = hi < 0 ? -1 : hexval(hex[2 * i + 1]);
		if (lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

void gdb_hex(const uint8_t *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * n] = '\0';
}
