/* The GDB remote protocol client against a fake stub: the other end of a
 * socketpair. Replies are written before the call that reads them, so every
 * byte is already there and nothing waits on timing; the one exchange that
 * must happen in order (^C, then the stop reply) has a thread that blocks on
 * the ^C before it answers. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cmocka.h>

#include "fakestub.h"

static void assert_error(const struct gdb *g, const char *needle)
{
	if (!strstr(g->error, needle))
		fail_msg("error \"%s\" does not mention \"%s\"", g->error, needle);
}

/* ---- sending ------------------------------------------------------------ */

static void send_frames_with_checksum(void **state)
{
	struct fixture *f = *state;
	stub_says_str(f, "++");
	assert_int_equal(gdb_send(&f->g, "g"), 0);
	assert_int_equal(gdb_send(&f->g, "?"), 0);
	drain(f);
	assert_string_equal(f->seen, "$g#67$?#3f");
	assert_int_equal(f->g.in_len, 0);	/* both acknowledgements consumed */

	stub_says_str(f, "+");
	assert_int_equal(gdb_send(&f->g, "qRcmd,696e666f20737461747573"), 0);
	drain(f);
	assert_string_equal(f->seen, "$qRcmd,696e666f20737461747573#14");
}

static void send_retransmits_on_nak(void **state)
{
	struct fixture *f = *state;
	stub_says_str(f, "--+");
	assert_int_equal(gdb_send(&f->g, "OK"), 0);
	drain(f);
	assert_string_equal(f->seen, "$OK#9a$OK#9a$OK#9a");
	/* A later packet is retransmitted as itself, not as the earlier one. */
	stub_says_str(f, "-+");
	assert_int_equal(gdb_send(&f->g, "g"), 0);
	drain(f);
	assert_string_equal(f->seen, "$g#67$g#67");
}

static void send_wants_ack_before_reply(void **state)
{
	struct fixture *f = *state;
	stub_says_str(f, "$OK#9a");
	assert_int_equal(gdb_send(&f->g, "?"), -1);
	assert_error(&f->g, "before acknowledging");
}

static void send_fails_when_stub_closes(void **state)
{
	struct fixture *f = *state;
	/* Closed after reading the packet, before acknowledging it. */
	shutdown(f->stub, SHUT_WR);
	assert_int_equal(gdb_send(&f->g, "g"), -1);
	assert_error(&f->g, "closed");
	drain(f);
	assert_string_equal(f->seen, "$g#67");
	/* Gone entirely: an error, and no SIGPIPE (which would end the test). */
	close(f->stub);
	f->stub = -1;
	assert_int_equal(gdb_send(&f->g, "g"), -1);
	assert_error(&f->g, "writing");
}

/* The longest payload that fits the retransmit buffer goes out whole, checksum
 * included; one byte more is refused before anything is sent. */
static void send_length_limit(void **state)
{
	struct fixture *f = *state;
	size_t longest = GDB_PKT_MAX - 5;	/* '$', '#', two digits, NUL */
	static char p[GDB_PKT_MAX];
	memset(p, 'a', longest + 1);
	p[longest] = '\0';
	stub_says_str(f, "+");
	assert_int_equal(gdb_send(&f->g, p), 0);
	assert_int_equal(drain(f), longest + 4);
	assert_int_equal(f->seen[0], '$');
	assert_memory_equal(f->seen + 1, p, longest);
	char tail[4];
	snprintf(tail, sizeof(tail), "#%02x", (unsigned)(longest * 'a') & 0xff);
	assert_string_equal(f->seen + 1 + longest, tail);

	p[longest] = 'a';
	p[longest + 1] = '\0';
	stub_says_str(f, "+");
	assert_int_equal(gdb_send(&f->g, p), -1);
	assert_error(&f->g, "too long");
	assert_int_equal(drain(f), 0);
}

/* ---- receiving ---------------------------------------------------------- */

static void recv_checks_and_acknowledges(void **state)
{
	struct fixture *f = *state;
	char out[64];
	int interrupted = 7;
	stub_says_str(f, "$OK#9a$T05#b9");
	assert_int_equal(gdb_recv(&f->g, out, sizeof(out), 0, &interrupted), 2);
	assert_string_equal(out, "OK");
	assert_int_equal(interrupted, 7);	/* untouched without an interrupt */
	assert_int_equal(gdb_recv(&f->g, out, sizeof(out), 0, NULL), 3);
	assert_string_equal(out, "T05");
	drain(f);
	assert_string_equal(f->seen, "++");
	assert_int_equal(f->g.in_len, 0);
}

static void recv_skips_bytes_before_a_packet(void **state)
{
	struct fixture *f = *state;
	char out[64];
	stub_says_str(f, "+\x03junk$OK#9a");
	assert_int_equal(gdb_recv(&f->g, out, sizeof(out), 0, NULL), 2);
	assert_string_equal(out, "OK");
	assert_int_equal(f->g.in_len, 0);
}

static void recv_empty_packet(void **state)
{
	struct fixture *f = *state;
	char out[4] = "xyz";
	stub_says_str(f, "$#00");
	assert_int_equal(gdb_recv(&f->g, out, sizeof(out), 0, NULL), 0);
	assert_string_equal(out, "");
}

static void recv_naks_bad_checksum_then_takes_retransmit(void **state)
{
	struct fixture *f = *state;
	char out[64];
	stub_says_str(f, "$OK#00$OK#9a");
	assert_int_equal(gdb_recv(&f->g, out, sizeof(out), 0, NULL), 2);
	assert_string_equal(out, "OK");
	drain(f);
	assert_string_equal(f->seen, "-+");
	assert_int_equal(f->g.in_len, 0);
	/* A checksum digit case mismatch is still the right value. */
	stub_says_str(f, "$OK#9A");
	assert_int_equal(gdb_recv(&f->g, out, sizeof(out), 0, NULL), 2);
	drain(f);
	assert_string_equal(f->seen, "+");
}

/* Checksum "digits" that are not hex are a bad checksum, not arithmetic on
 * -1 (a negative left shift, which UBSan stops). */
static void recv_naks_non_hex_checksum(void **state)
{
	struct fixture *f = *state;
	char out[64];
	stub_says_str(f, "$OK#zz$OK#9z$OK#9a");
	assert_int_equal(gdb_recv(&f->g, out, sizeof(out), 0, NULL), 2);
	assert_string_equal(out, "OK");
	drain(f);
	assert_string_equal(f->seen, "--+");
}

static void recv_decodes_run_length(void **state)
{
	struct fixture *f = *state;
	char out[256], want[256];
	/* "0* " is '0' then ' ' - 29 = 3 more */
	stub_packet(f, "0* ");
	assert_int_equal(gdb_recv(&f->g, out, sizeof(out), 0, NULL), 4);
	assert_string_equal(out, "0000");
	/* runs mid-packet, and two in a row of different characters */
	stub_packet(f, "12*!3f*\"x");
	assert_int_equal(gdb_recv(&f->g, out, sizeof(out), 0, NULL), 14);
	assert_string_equal(out, "1222223ffffffx");
	/* the longest count, '~': 126 - 29 = 97 more */
	stub_packet(f, "a*~b");
	memset(want, 'a', 98);
	strcpy(want + 98, "b");
	assert_int_equal(gdb_recv(&f->g, out, sizeof(out), 0, NULL), 99);
	assert_string_equal(out, want);
	/* a '*' with nothing before it, or at the very end, is just itself */
	stub_packet(f, "*a*");
	assert_int_equal(gdb_recv(&f->g, out, sizeof(out), 0, NULL), 3);
	assert_string_equal(out, "*a*");
	/* a count below 29 is malformed */
	stub_packet(f, "0*\x1c");
	assert_int_equal(gdb_recv(&f->g, out, sizeof(out), 0, NULL), -1);
	assert_error(&f->g, "run-length");
}

static void recv_rejects_replies_too_long_for_the_caller(void **state)
{
	struct fixture *f = *state;
	char out[8];
	memset(out, 'Z', sizeof(out));
	stub_packet(f, "1234567");	/* exactly fits with its NUL */
	assert_int_equal(gdb_recv(&f->g, out, sizeof(out), 0, NULL), 7);
	assert_string_equal(out, "1234567");
	stub_packet(f, "12345678");
	assert_int_equal(gdb_recv(&f->g, out, sizeof(out), 0, NULL), -1);
	assert_error(&f->g, "too long");
	/* a run that would overflow is refused, not clipped */
	stub_packet(f, "00*\"");	/* 2 + 5 zeros: fits */
	stub_packet(f, "000*\"");	/* 3 + 5: one too many */
	assert_int_equal(gdb_recv(&f->g, out, sizeof(out), 0, NULL), 7);
	assert_string_equal(out, "0000000");
	assert_int_equal(gdb_recv(&f->g, out, sizeof(out), 0, NULL), -1);
	assert_error(&f->g, "run-length");
	/* the packets themselves arrived intact: acknowledged, not resent */
	drain(f);
	assert_string_equal(f->seen, "++++");
}

/* A packet larger than the client's buffer, intact (right checksum): an
 * error, acknowledged so the stub does not send it again. A '-' would
 * have QEMU retransmit the same packet forever. */
static void recv_rejects_overlong_packet(void **state)
{
	struct fixture *f = *state;
	static char p[GDB_PKT_MAX + 101];
	char out[64];
	memset(p, '5', GDB_PKT_MAX + 100);
	stub_packet(f, p);
	shutdown(f->stub, SHUT_WR);	/* a client waiting for a resend would see EOF */
	assert_int_equal(gdb_recv(&f->g, out, sizeof(out), 0, NULL), -1);
	assert_error(&f->g, "long");
	drain(f);
	assert_string_equal(f->seen, "+");
}

/* No end in sight within the input buffer. */
static void recv_rejects_unterminated_flood(void **state)
{
	struct fixture *f = *state;
	static char p[sizeof(f->g.in) + 100];
	char out[64];
	memset(p, 'a', sizeof(p));
	p[0] = '$';
	stub_says(f, p, sizeof(p));
	assert_int_equal(gdb_recv(&f->g, out, sizeof(out), 0, NULL), -1);
	assert_error(&f->g, "over-long");
}

static void recv_fails_when_stub_closes(void **state)
{
	struct fixture *f = *state;
	char out[64];
	stub_says_str(f, "$OK#9a$T0");	/* a whole packet, then half of one */
	shutdown(f->stub, SHUT_WR);
	assert_int_equal(gdb_recv(&f->g, out, sizeof(out), 0, NULL), 2);
	assert_int_equal(gdb_recv(&f->g, out, sizeof(out), 0, NULL), -1);
	assert_error(&f->g, "closed");
	assert_int_equal(gdb_recv(&f->g, out, sizeof(out), 0, NULL), -1);
}

/* ---- commands ----------------------------------------------------------- */

static void cmd_and_ok(void **state)
{
	struct fixture *f = *state;
	char out[64];
	stub_says_str(f, "+$T05#b9");
	assert_int_equal(gdb_cmd(&f->g, "?", out, sizeof(out)), 3);
	assert_string_equal(out, "T05");
	stub_says_str(f, "+$OK#9a");
	assert_int_equal(gdb_ok(&f->g, "Z1,c0100000,1"), 0);
	stub_says_str(f, "+");
	stub_packet(f, "E22");
	assert_int_equal(gdb_ok(&f->g, "z1,c0100000,1"), -1);
	assert_error(&f->g, "refused z1,c0100000,1: E22");
	stub_says_str(f, "+");
	stub_packet(f, "");	/* unsupported: an empty reply */
	assert_int_equal(gdb_ok(&f->g, "Pd=0000"), -1);
	drain(f);
	assert_string_equal(f->seen, "$?#3f+$Z1,c0100000,1#c8+$z1,c0100000,1#e8+$Pd=0000#b1+");
}

static void monitor_collects_output(void **state)
{
	struct fixture *f = *state;
	char out[64];
	stub_says_str(f, "+");
	stub_packet(f, "O56" "4d" "20" "73");	/* "VM s" */
	stub_packet(f, "O746174" "75733a2072756e6e696e670d0a");	/* "tatus: running\r\n" */
	stub_packet(f, "OK");
	assert_int_equal(gdb_monitor(&f->g, "info status", out, sizeof(out)), 0);
	assert_string_equal(out, "VM status: running\r\n");
	drain(f);
	assert_string_equal(f->seen, "$qRcmd,696e666f20737461747573#14+++");
}

static void monitor_without_output(void **state)
{
	struct fixture *f = *state;
	char out[8] = "junk";
	stub_says_str(f, "+$OK#9a");
	assert_int_equal(gdb_monitor(&f->g, "stop", out, sizeof(out)), 0);
	assert_string_equal(out, "");
}

static void monitor_errors(void **state)
{
	struct fixture *f = *state;
	char out[64], cmd[102];
	stub_says_str(f, "+");
	stub_packet(f, "O6869");
	stub_packet(f, "E01");
	assert_int_equal(gdb_monitor(&f->g, "info nonsense", out, sizeof(out)), -1);
	assert_error(&f->g, "monitor command failed: E01");
	drain(f);
	/* Too long to send: refused before a byte goes out. */
	memset(cmd, 'x', sizeof(cmd) - 1);
	cmd[sizeof(cmd) - 1] = '\0';
	assert_int_equal(gdb_monitor(&f->g, cmd, out, sizeof(out)), -1);
	assert_int_equal(gdb_monitor(&f->g, "info status", out, 0), -1);
	assert_int_equal(drain(f), 0);
	/* The stub going away mid-output. */
	stub_says_str(f, "+");
	stub_packet(f, "O6869");
	shutdown(f->stub, SHUT_WR);
	assert_int_equal(gdb_monitor(&f->g, "info status", out, sizeof(out)), -1);
	assert_error(&f->g, "closed");
}

/* Output beyond cap is cut off: what is kept is the start of the text, never
 * a later packet after a dropped one. */
static void monitor_truncates_to_a_prefix(void **state)
{
	struct fixture *f = *state;
	char out[8];
	stub_says_str(f, "+");
	stub_packet(f, "O616263");		/* abc */
	stub_packet(f, "O6465666768");		/* defgh */
	stub_packet(f, "O696a");		/* ij */
	stub_packet(f, "OK");
	assert_int_equal(gdb_monitor(&f->g, "info registers", out, sizeof(out)), 0);
	assert_string_equal(out, "abcdefg");
}

/* ---- the interruptible stop wait --------------------------------------- */

struct stop_stub {
	int fd;
	char got;	/* the byte that asked for the stop */
	ssize_t n;
};

/* Blocks until the client sends something, then answers with a stop. */
static void *stop_stub(void *arg)
{
	struct stop_stub *s = arg;
	static const char reply[] = "$T02thread:01;#04";
	s->n = read(s->fd, &s->got, 1);
	if (s->n == 1 && write(s->fd, reply, sizeof(reply) - 1) != (ssize_t)sizeof(reply) - 1)
		s->n = -1;
	return NULL;
}

static void interrupt_sends_ctrl_c_and_returns_the_stop(void **state)
{
	struct fixture *f = *state;
	int wake[2], interrupted = 0;
	char out[64], c;
	pthread_t th;
	struct stop_stub s = { .fd = f->stub };

	assert_int_equal(pipe2(wake, O_CLOEXEC | O_NONBLOCK), 0);
	f->g.wake_fd = wake[0];
	assert_int_equal(write(wake[1], "!!", 2), 2);	/* two kicks, one interrupt */
	assert_int_equal(pthread_create(&th, NULL, stop_stub, &s), 0);
	int rc = gdb_recv(&f->g, out, sizeof(out), 1, &interrupted);
	assert_int_equal(pthread_join(th, NULL), 0);
	assert_int_equal(s.n, 1);
	assert_int_equal((unsigned char)s.got, 0x03);
	assert_int_equal(rc, 13);
	assert_string_equal(out, "T02thread:01;");
	assert_int_equal(interrupted, 1);
	assert_int_equal(read(wake[0], &c, 1), -1);	/* the kicks were consumed */
	assert_int_equal(errno, EAGAIN);
	drain(f);
	assert_string_equal(f->seen, "+");	/* no second ^C */
	close(wake[0]);
	close(wake[1]);
}

/* Without wait_stop the wake pipe is not looked at. */
static void no_interrupt_outside_a_stop_wait(void **state)
{
	struct fixture *f = *state;
	int wake[2], interrupted = 0;
	char out[64], c;

	assert_int_equal(pipe2(wake, O_CLOEXEC | O_NONBLOCK), 0);
	f->g.wake_fd = wake[0];
	assert_int_equal(write(wake[1], "!", 1), 1);
	stub_says_str(f, "$OK#9a");
	assert_int_equal(gdb_recv(&f->g, out, sizeof(out), 0, &interrupted), 2);
	assert_int_equal(interrupted, 0);
	drain(f);
	assert_string_equal(f->seen, "+");
	assert_int_equal(read(wake[0], &c, 1), 1);	/* still pending */
	close(wake[0]);
	close(wake[1]);
}

/* A stop that arrives with no kick pending is not an interrupt. */
static void stop_without_kick(void **state)
{
	struct fixture *f = *state;
	int wake[2], interrupted = 0;
	char out[64];

	assert_int_equal(pipe2(wake, O_CLOEXEC | O_NONBLOCK), 0);
	f->g.wake_fd = wake[0];
	stub_says_str(f, "$T05#b9");
	assert_int_equal(gdb_recv(&f->g, out, sizeof(out), 1, &interrupted), 3);
	assert_int_equal(interrupted, 0);
	drain(f);
	assert_string_equal(f->seen, "+");
	close(wake[0]);
	close(wake[1]);
}

/* ---- hex ---------------------------------------------------------------- */

static void hex_round_trip(void **state)
{
	(void)state;
	uint8_t all[256], back[256];
	char hex[513];
	for (unsigned i = 0; i < 256; i++)
		all[i] = (uint8_t)i;
	gdb_hex(all, sizeof(all), hex);
	assert_int_equal(strlen(hex), 512);
	assert_memory_equal(hex, "000102", 6);
	assert_memory_equal(hex + 2 * 0xab, "ab", 2);
	assert_string_equal(hex + 510, "ff");
	memset(back, 0, sizeof(back));
	assert_int_equal(gdb_unhex(hex, sizeof(back), back), 0);
	assert_memory_equal(back, all, sizeof(all));

	gdb_hex(all, 0, hex);
	assert_string_equal(hex, "");

	uint8_t v[4];
	assert_int_equal(gdb_unhex("DEADbeef", 4, v), 0);
	assert_memory_equal(v, "\xde\xad\xbe\xef", 4);
	assert_int_equal(gdb_unhex("", 0, v), 0);
}

static void unhex_rejects_bad_digits(void **state)
{
	(void)state;
	uint8_t v[4];
	static const char *const bad[] = { "0g", "g0", " 1", "1 ", "-1", "0x", "12345", "1" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (gdb_unhex(bad[i], (strlen(bad[i]) + 1) / 2, v) != -1)
			fail_msg("\"%s\" was accepted", bad[i]);
	/* A short string is refused at its NUL, never read past. */
	char *two = malloc(3);
	assert_non_null(two);
	memcpy(two, "ab", 3);
	assert_int_equal(gdb_unhex(two, 2, v), -1);
	assert_int_equal(gdb_unhex(two, 1, v), 0);
	assert_int_equal(v[0], 0xab);
	free(two);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(send_frames_with_checksum),
		T(send_retransmits_on_nak),
		T(send_wants_ack_before_reply),
		T(send_fails_when_stub_closes),
		T(send_length_limit),
		T(recv_checks_and_acknowledges),
		T(recv_skips_bytes_before_a_packet),
		T(recv_empty_packet),
		T(recv_naks_bad_checksum_then_takes_retransmit),
		T(recv_naks_non_hex_checksum),
		T(recv_decodes_run_length),
		T(recv_rejects_replies_too_long_for_the_caller),
		T(recv_rejects_overlong_packet),
		T(recv_rejects_unterminated_flood),
		T(recv_fails_when_stub_closes),
		T(cmd_and_ok),
		T(monitor_collects_output),
		T(monitor_without_output),
		T(monitor_errors),
		T(monitor_truncates_to_a_prefix),
		T(interrupt_sends_ctrl_c_and_returns_the_stop),
		T(no_interrupt_outside_a_stop_wait),
		T(stop_without_kick),
		T(hex_round_trip),
		T(unhex_rejects_bad_digits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
