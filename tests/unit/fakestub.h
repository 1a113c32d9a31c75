/* A fake gdbstub for the tests of vmm's gdb client: the other end of a
 * socketpair. What the stub says is written before the call that reads it,
 * so nothing waits on timing. Include after <cmocka.h>. */
#ifndef TESTS_FAKESTUB_H
#define TESTS_FAKESTUB_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "gdb.h"

struct fixture {
	struct gdb g;
	int stub;		/* the fake gdbstub's end */
	char seen[GDB_PKT_MAX * 4];	/* what the client sent, from drain() */
};

static inline int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	int sv[2];
	if (!f || socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)) {
		free(f);
		return -1;
	}
	f->g.fd = sv[0];
	f->g.wake_fd = -1;
	f->stub = sv[1];
	*state = f;
	return 0;
}

static inline int teardown(void **state)
{
	struct fixture *f = *state;
	close(f->g.fd);
	if (f->stub >= 0)
		close(f->stub);
	free(f);
	return 0;
}

/* The stub says something (before the client asks: it is buffered). */
static inline void stub_says(struct fixture *f, const char *bytes, size_t n)
{
	while (n) {
		ssize_t w = write(f->stub, bytes, n);
		assert_true(w > 0);
		bytes += w;
		n -= (size_t)w;
	}
}

static inline void stub_says_str(struct fixture *f, const char *s)
{
	stub_says(f, s, strlen(s));
}

/* One framed packet of n bytes from the stub, checksum computed here. */
static inline void stub_packet_n(struct fixture *f, const char *payload, size_t n)
{
	unsigned sum = 0;
	char tail[4];
	for (size_t i = 0; i < n; i++)
		sum += (unsigned char)payload[i];
	snprintf(tail, sizeof(tail), "#%02x", sum & 0xff);
	stub_says_str(f, "$");
	stub_says(f, payload, n);
	stub_says_str(f, tail);
}

static inline void stub_packet(struct fixture *f, const char *payload)
{
	stub_packet_n(f, payload, strlen(payload));
}

/* Everything the client has sent so far, NUL-terminated in f->seen; the
 * client's writes are complete when its call returns. */
static inline size_t drain(struct fixture *f)
{
	size_t n = 0;
	for (;;) {
		ssize_t r = recv(f->stub, f->seen + n, sizeof(f->seen) - 1 - n, MSG_DONTWAIT);
		if (r <= 0) {
			assert_true(r == 0 || errno == EAGAIN || errno == EWOULDBLOCK);
			break;
		}
		n += (size_t)r;
	}
	f->seen[n] = '\0';
	return n;
}

#endif
