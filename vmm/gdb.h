/*
 * A client of the GDB remote serial protocol, as much of it as the tcg
 * engine needs to drive QEMU's gdbstub: framed packets with checksums and
 * acknowledgements, run-length decoding, monitor commands (qRcmd), and an
 * interruptible wait for a stop reply. Every reply is checked; QEMU
 * closing the connection is an error, never a hang.
 */
#ifndef VMM_GDB_H
#define VMM_GDB_H

#include <stddef.h>
#include <stdint.h>

#define GDB_PKT_MAX 8192	/* longer than any reply we ask for */

struct gdb {
	int fd;			/* connected to the gdbstub */
	int wake_fd;		/* readable when a stop is wanted; -1 for none */
	char in[GDB_PKT_MAX * 2];
	size_t in_len;
	char last[GDB_PKT_MAX];	/* the last packet sent, for a retransmit request */
	size_t last_len;
	char error[128];	/* why the last call failed */
};

/* Send one packet and wait for its acknowledgement. 0, or -1. */
int gdb_send(struct gdb *g, const char *payload);
/* Receive one packet's payload, NUL-terminated, into out. With wait_stop
 * set, a byte on wake_fd sends an interrupt (^C) and *interrupted is set;
 * the stop reply that follows is returned. Length, or -1. */
int gdb_recv(struct gdb *g, char *out, size_t cap, int wait_stop, int *interrupted);
/* gdb_send then gdb_recv. Length of the reply, or -1. */
int gdb_cmd(struct gdb *g, const char *payload, char *reply, size_t cap);
/* gdb_cmd expecting exactly "OK". 0, or -1. */
int gdb_ok(struct gdb *g, const char *payload);
/* A monitor command through qRcmd; its text output, NUL-terminated, in out. */
int gdb_monitor(struct gdb *g, const char *cmd, char *out, size_t cap);

/* Hex helpers for packet bodies. */
int gdb_unhex(const char *hex, size_t nbytes, uint8_t *out);
void gdb_hex(const uint8_t *in, size_t n, char *out);

#endif
