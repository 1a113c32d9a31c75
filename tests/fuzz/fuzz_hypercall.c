/* The console and hypercall argument decoding (vmm/hypercall.c hypercall,
 * vmm/console.c console_putc) run for real on a fake engine: get_regs and
 * get_sregs return fuzzed registers, vm->mem is 64 KiB of fuzzed guest RAM.
 * Page tables at 0x0 map virtual 0..4 MiB with 2 MiB pages onto physical
 * 0..2 MiB twice, so addresses run off the end of RAM and across page ends;
 * or cr3 points into the fuzzed bytes themselves. Invariants: every verdict
 * matches the registers and a reference read (walkref.h); console lines are
 * never longer than CONSOLE_LINE_MAX, hold no '\n', and are exactly the
 * lines a reference cutting of the written bytes gives. */
#include <fl_abi.h>
#include <string.h>
#include "engine.h"
#include "hypercall.h"
#include "walkref.h"
#include "fuzz.h"

#define RAM (64u << 10)
#define MAX_CALLS 64
#define LOG_MAX (MAX_CALLS * (HC_CONSOLE_MAX + 2 * (HC_CONSOLE_MAX + 1)))

static uint8_t ram[RAM];
static struct vm_regs regs;
static struct vm_sregs sregs;
static int regs_fail, sregs_fail, bench_rc, bench_called;
static uint32_t bench_kind, bench_addr;

/* Lines as (2-byte length, bytes), the VMM's and the reference's. */
static struct log {
	uint8_t b[LOG_MAX];
	size_t n;
} got, want;

static void log_line(struct log *l, const char *s, size_t len)
{
	CHECK(l->n + 2 + len <= LOG_MAX);
	l->b[l->n++] = (uint8_t)len;
	l->b[l->n++] = (uint8_t)(len >> 8);
	memcpy(l->b + l->n, s, len);
	l->n += len;
}

static void on_line(void *ctx, const char *line, size_t len)
{
	(void)ctx;
	CHECK(len <= CONSOLE_LINE_MAX && !memchr(line, '\n', len));
	log_line(&got, line, len);
}

static int on_bench(void *ctx, struct vm *vm, uint32_t kind, uint32_t addr)
{
	(void)ctx, (void)vm;
	bench_called++, bench_kind = kind, bench_addr = addr;
	return bench_rc;
}

static int get_regs(struct vm *vm, struct vm_regs *r)
{
	(void)vm;
	*r = regs;
	return regs_fail ? -1 : 0;
}

static int get_sregs(struct vm *vm, struct vm_sregs *s)
{
	(void)vm;
	*s = sregs;
	return sregs_fail ? -1 : 0;
}

static const struct engine_ops fake = { .name = "fuzz", .get_regs = get_regs,
					.get_sregs = get_sregs };

/* The reference console: '\n' ends a line (an empty one too), a full line
 * is cut at CONSOLE_LINE_MAX. */
static char ref_line[CONSOLE_LINE_MAX];
static size_t ref_len;

static void ref_putc(char ch)
{
	if (ch == '\n' || (ref_line[ref_len++] = ch, ref_len == CONSOLE_LINE_MAX)) {
		log_line(&want, ref_line, ref_len);
		ref_len = 0;
	}
}

static uint32_t take(const uint8_t **p, size_t *n, unsigned bytes)
{
	uint32_t v = 0;
	for (unsigned i = 0; i < bytes; i++)
		v |= (uint32_t)(*n ? (--*n, *(*p)++) : 0) << (8 * i);
	return v;
}

static void set_tables(void)
{
	uint64_t t[3][2] = { { 0x1000 | 1 }, { 0x2000 | 1 }, { 0x0 | 0x81, 0x0 | 0x81 } };
	memset(ram, 0, 3 * 4096);
	for (int i = 0; i < 3; i++)
		memcpy(ram + i * 4096, t[i], sizeof(t[i]));
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static char buf[HC_CONSOLE_MAX];
	struct vm vm = { .ops = &fake, .mem = { ram, RAM } };
	struct console c = { .len = 0 };
	struct vm_hooks hooks = { .console_line = on_line, .bench = on_bench };
	unsigned flags = take(&data, &size, 1);
	size_t fill = take(&data, &size, 2) % (RAM - 3 * 4096 + 1);
	fill = fill > size ? size : fill;
	set_tables();
	memset(ram + 3 * 4096, 0xCC, RAM - 3 * 4096);
	memcpy(ram + 3 * 4096, data, fill);
	data += fill, size -= fill;
	got.n = want.n = ref_len = 0;
	sregs = (struct vm_sregs){ .cr3 = flags & 1 ? 0x3000 : 0 };
	for (int k = 0; k < MAX_CALLS && size; k++) {
		unsigned mode = take(&data, &size, 1);
		uint32_t nr = mode & 0x80 ? take(&data, &size, 4) : (mode >> 4) % 4;
		regs = (struct vm_regs){ .rbx = take(&data, &size, 4), .rcx = take(&data, &size, 4),
					 .rax = 0xdeadbeef00000000ull | nr };
		if (!(mode & 1))	/* near the end of RAM, not anywhere in 4 GiB */
			regs.rbx = (uint32_t)regs.rbx % (RAM + 8192) + (mode & 2 ? 2u << 20 : 0);
		if (!(mode & 4))
			regs.rcx = (uint32_t)regs.rcx % (HC_CONSOLE_MAX + 64);
		regs_fail = (mode & 0x48) == 0x48, sregs_fail = (mode & 0x28) == 0x28;
		bench_rc = (int)(mode >> 1) % 3 == 0 ? 0 : -(int)((mode >> 1) % 3);
		bench_called = 0;
		struct vm_result res = { .outcome = VM_CRASHED };
		int rc = hypercall(&vm, nr, &c, &hooks, &res);
		uint32_t a = (uint32_t)regs.rbx, n = (uint32_t)regs.rcx;
		if (regs_fail) {
			CHECK(rc == -1 && res.outcome == VM_HOST_ERROR);
		} else if (nr == FL_HC_EXIT) {
			CHECK(rc == 1 && res.outcome == VM_EXITED && res.exit_status == (int)(a & 0xff));
		} else if (nr == FL_HC_CONSOLE) {
			int ok = !sregs_fail && n <= HC_CONSOLE_MAX &&
				 !ref_read_virt(ram, RAM, sregs.cr3, a, (uint8_t *)buf, n);
			CHECK(rc == (ok ? 0 : -1));
			CHECK(ok || res.outcome == VM_BAD_GUEST);
			for (uint32_t i = 0; ok && i < n; i++)
				ref_putc(buf[i]);
		} else if (nr == FL_HC_BENCH) {
			CHECK(bench_called == 1 && bench_kind == a && bench_addr == n);
			CHECK(rc == (bench_rc ? -1 : 0));
			CHECK(!bench_rc || res.outcome == (bench_rc == VM_HOOK_HOST_ERROR ?
							   VM_HOST_ERROR : VM_BAD_GUEST));
		} else {
			CHECK(rc == -1 && res.outcome == VM_BAD_GUEST);
		}
		CHECK(rc != -1 || (res.why[0] && !memchr(res.why, '\n', strnlen(res.why, sizeof(res.why)))));
		CHECK(nr == FL_HC_BENCH || !bench_called);
	}
	console_flush(&c, &hooks);
	if (ref_len)
		log_line(&want, ref_line, ref_len);
	CHECK(got.n == want.n && !memcmp(got.b, want.b, got.n));
	return 0;
}
