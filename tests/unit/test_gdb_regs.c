/* Register numbers and 'g' reply offsets from a gdbstub's target
 * description: comments ignored, regnum= honoured, sizes accumulated. */
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
#include "gdb_regs.h"

/* Shaped like the x86-64 feature QEMU 7.2 sends (gdb-xml/i386-64bit.xml):
 * the general registers, segment selectors, TLS bases and control registers,
 * then x87 and SSE state; a commented-out block of <reg> elements among
 * them, and comments holding other markup. */
#define R64(n) "  <reg name=\"" n "\" bitsize=\"64\" type=\"int64\"/>\n"
#define R32(n) "  <reg name=\"" n "\" bitsize=\"32\" type=\"int32\"/>\n"
#define ST(n)  "  <reg name=\"st" n "\" bitsize=\"80\" type=\"i387_ext\"/>\n"
#define FP(n)  "  <reg name=\"" n "\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
#define XMM(n) "  <reg name=\"xmm" n "\" bitsize=\"128\" type=\"vec128\"/>\n"

static const char qemu72_x86_64[] =
	"<?xml version=\"1.0\"?>\n"
	"<!-- A licence notice would be here.  -->\n"
	"<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
	"<feature name=\"org.gnu.gdb.i386.core\">\n"
	"  <flags id=\"x64_eflags\" size=\"4\">\n"
	"\t<field name=\"ID\" start=\"21\" end=\"21\"/>\n"
	"\t<field name=\"CF\" start=\"0\" end=\"0\"/>\n"
	"  </flags>\n"
	"  <!-- General registers -->\n"
	"  <reg name=\"rax\" bitsize=\"64\" type=\"int64\" regnum=\"0\"/>\n"
	R64("rbx") R64("rcx") R64("rdx") R64("rsi") R64("rdi")
	"  <reg name=\"rbp\" bitsize=\"64\" type=\"data_ptr\"/>\n"
	"  <reg name=\"rsp\" bitsize=\"64\" type=\"data_ptr\"/>\n"
	R64("r8") R64("r9") R64("r10") R64("r11") R64("r12") R64("r13") R64("r14") R64("r15")
	"  <!-- not <reg name=\"rip\" bitsize=\"32\" regnum=\"99\"/> -->\n"
	"  <reg name=\"rip\" bitsize=\"64\" type=\"code_ptr\"/>\n"
	"  <reg name=\"eflags\" bitsize=\"32\" type=\"x64_eflags\"/>\n"
	"  <!-- Segment registers -->\n"
	R32("cs") R32("ss") R32("ds") R32("es") R32("fs") R32("gs")
	"  <!--reg name=\"cs_base\" bitsize=\"64\" type=\"int64\"/>\n"
	"  <reg name=\"ss_base\" bitsize=\"64\" type=\"int64\"/>\n"
	"  <reg name=\"ds_base\" bitsize=\"64\" type=\"int64\"/>\n"
	"  <reg name=\"es_base\" bitsize=\"64\" type=\"int64\"/-->\n"
	R64("fs_base") R64("gs_base") R64("k_gs_base")
	"  <flags id=\"x64_cr3\" size=\"8\">\n"
	"\t<field name=\"PDBR\" start=\"12\" end=\"63\"/>\n"
	"\t<!--field name=\"\" start=\"3\" end=\"11\"/>\n"
	"\t<field name=\"CD\" start=\"1\" end=\"1\"/-->\n"
	"  </flags>\n"
	"  <reg name=\"cr0\" bitsize=\"64\" type=\"x64_cr0\"/>\n"
	R64("cr2")
	"  <reg name=\"cr3\" bitsize=\"64\" type=\"x64_cr3\"/>\n"
	"  <reg name=\"cr4\" bitsize=\"64\" type=\"x64_cr4\"/>\n"
	R64("cr8")
	"  <reg name=\"efer\" bitsize=\"64\" type=\"x64_efer\"/>\n"
	"  <!-- x87 -->\n"
	ST("0") ST("1") ST("2") ST("3") ST("4") ST("5") ST("6") ST("7")
	FP("fctrl") FP("fstat") FP("ftag") FP("fiseg") FP("fioff") FP("foseg") FP("fooff") FP("fop")
	XMM("0") XMM("1") XMM("2") XMM("3") XMM("4") XMM("5") XMM("6") XMM("7")
	XMM("8") XMM("9") XMM("10") XMM("11") XMM("12") XMM("13") XMM("14") XMM("15")
	"  <reg name=\"mxcsr\" bitsize=\"32\" type=\"x64_mxcsr\" group=\"vector\"/>\n"
	"</feature>\n";

static void reset(struct greg_map *m)
{
	memset(m, 0, sizeof(*m));
	for (int i = 0; i < NR_GREGS; i++)
		m->num[i] = -1;
}

static void assert_reg(const struct greg_map *m, enum greg r, int num, unsigned off, unsigned size)
{
	if (m->num[r] != num || m->off[r] != off || m->size[r] != size)
		fail_msg("register %d: number %d offset %u size %u, wanted %d %u %u", (int)r,
			 m->num[r], m->off[r], m->size[r], num, off, size);
}

static void qemu_7_2_layout(void **state)
{
	(void)state;
	struct greg_map m;
	int num = 0;
	unsigned off = 0;
	reset(&m);
	assert_int_equal(greg_map_parse(qemu72_x86_64, &m, &num, &off), 0);
	assert_reg(&m, GR_RAX, 0, 0, 8);
	assert_reg(&m, GR_RBX, 1, 8, 8);
	assert_reg(&m, GR_RCX, 2, 16, 8);
	assert_reg(&m, GR_RDX, 3, 24, 8);
	assert_reg(&m, GR_RSI, 4, 32, 8);
	assert_reg(&m, GR_RDI, 5, 40, 8);
	assert_reg(&m, GR_RBP, 6, 48, 8);	/* rbp before rsp, as gdb numbers them */
	assert_reg(&m, GR_RSP, 7, 56, 8);
	assert_reg(&m, GR_RIP, 16, 128, 8);
	assert_reg(&m, GR_EFLAGS, 17, 136, 4);
	assert_reg(&m, GR_CS, 18, 140, 4);
	assert_reg(&m, GR_SS, 19, 144, 4);
	assert_reg(&m, GR_DS, 20, 148, 4);
	assert_reg(&m, GR_ES, 21, 152, 4);
	assert_reg(&m, GR_FS, 22, 156, 4);
	assert_reg(&m, GR_GS, 23, 160, 4);
	/* fs_base 24 @164, gs_base 25 @172, k_gs_base 26 @180 */
	assert_reg(&m, GR_CR0, 27, 188, 8);
	assert_reg(&m, GR_CR2, 28, 196, 8);
	assert_reg(&m, GR_CR3, 29, 204, 8);
	assert_reg(&m, GR_CR4, 30, 212, 8);
	assert_reg(&m, GR_EFER, 32, 228, 8);
	/* cr8 31, efer 32; 8 x87 (80 bits), 8 x87 control (32), 16 xmm (128), mxcsr */
	assert_int_equal(num, 33 + 8 + 8 + 16 + 1);
	assert_int_equal(off, 236 + 8 * 10 + 8 * 4 + 16 * 16 + 4);
}

/* Only real elements count: a <reg> in a comment takes no number, no bytes
 * and no name, even with a regnum or a name we want. */
static void comments_are_not_registers(void **state)
{
	(void)state;
	static const char xml[] =
		"<feature><!-- <reg name=\"rax\" bitsize=\"64\" regnum=\"40\"/> -->"
		"<reg name=\"rax\" bitsize=\"64\"/><!--<reg name=\"pad\" bitsize=\"64\"/>-->"
		"<!----><reg name=\"rbx\" bitsize=\"32\"/>"
		"<!-- unterminated <reg name=\"rcx\" bitsize=\"64\"/>";
	struct greg_map m;
	int num = 0;
	unsigned off = 0;
	reset(&m);
	assert_int_equal(greg_map_parse(xml, &m, &num, &off), 0);
	assert_reg(&m, GR_RAX, 0, 0, 8);
	assert_reg(&m, GR_RBX, 1, 8, 4);
	assert_int_equal(m.num[GR_RCX], -1);
	assert_int_equal(num, 2);
	assert_int_equal(off, 12);
}

/* regnum= sets the number of its register and of those after it; offsets in
 * the 'g' reply still run on by size. */
static void regnum_restarts_numbering(void **state)
{
	(void)state;
	static const char xml[] =
		"<reg name=\"rax\" bitsize=\"64\" regnum=\"0\"/>"
		"<reg name=\"extra\" bitsize=\"16\" regnum=\"57\"/>"
		"<reg name=\"rip\" bitsize=\"64\"/>"
		"<reg name=\"eflags\" bitsize=\"32\" type=\"i386_eflags\" regnum=\"3\"/>"
		"<reg regnum=\"90\" name=\"cs\" bitsize=\"32\"/>";	/* attribute order is free */
	struct greg_map m;
	int num = 0;
	unsigned off = 0;
	reset(&m);
	assert_int_equal(greg_map_parse(xml, &m, &num, &off), 0);
	assert_reg(&m, GR_RAX, 0, 0, 8);
	assert_reg(&m, GR_RIP, 58, 10, 8);
	assert_reg(&m, GR_EFLAGS, 3, 18, 4);
	assert_reg(&m, GR_CS, 90, 22, 4);
	assert_int_equal(num, 91);
	assert_int_equal(off, 26);
}

/* The numbering carries over from one feature file to the next. */
static void numbering_continues_across_features(void **state)
{
	(void)state;
	struct greg_map m;
	int num = 0;
	unsigned off = 0;
	reset(&m);
	assert_int_equal(greg_map_parse("<reg name=\"rax\" bitsize=\"64\"/>"
					 "<reg name=\"st0\" bitsize=\"80\"/>", &m, &num, &off), 0);
	assert_int_equal(greg_map_parse("<feature><reg name=\"cr0\" bitsize=\"64\"/></feature>",
					&m, &num, &off), 0);
	assert_reg(&m, GR_RAX, 0, 0, 8);
	assert_reg(&m, GR_CR0, 2, 18, 8);
	assert_int_equal(greg_map_parse("", &m, &num, &off), 0);
	assert_int_equal(num, 3);
	assert_int_equal(off, 26);
}

/* A register we want in a size we cannot use is counted but not taken. */
static void unusable_size_is_skipped(void **state)
{
	(void)state;
	struct greg_map m;
	int num = 0;
	unsigned off = 0;
	reset(&m);
	assert_int_equal(greg_map_parse("<reg name=\"cs\" bitsize=\"16\"/>"
					"<reg name=\"rip\" bitsize=\"128\"/>"
					"<reg name=\"ss\" bitsize=\"32\"/>", &m, &num, &off), 0);
	assert_int_equal(m.num[GR_CS], -1);
	assert_int_equal(m.num[GR_RIP], -1);
	assert_reg(&m, GR_SS, 2, 18, 4);
}

static void malformed_register_is_an_error(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"<reg name=\"rax\" type=\"int64\"/>",			/* no bitsize */
		"<reg name=\"rax\"/><other bitsize=\"64\"/>",		/* nor inside the tag */
		"<reg bitsize=\"64\"/>",				/* no name */
		"<reg name=\"rax\" bitsize=\"64\"",			/* no end */
		"<reg name=\"rax\" bitsize=\"64/>",			/* unterminated value */
		"<reg name=\"an_extremely_long_register_name_indeed\" bitsize=\"64\"/>",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct greg_map m;
		int num = 0;
		unsigned off = 0;
		reset(&m);
		if (greg_map_parse(bad[i], &m, &num, &off) != -1)
			fail_msg("accepted %s", bad[i]);
	}
	/* and after good registers, the whole description is refused */
	struct greg_map m;
	int num = 0;
	unsigned off = 0;
	reset(&m);
	assert_int_equal(greg_map_parse(qemu72_x86_64, &m, &num, &off), 0);
	assert_int_equal(greg_map_parse("<reg name=\"r8\" bitsize=\"64\"/><reg name=\"mxcsr\"/>",
					&m, &num, &off), -1);
}

/* ---- greg_map_load over a fake stub ------------------------------------- */

/* The acknowledgement of the next request, then a reply to it. */
static void reply(struct fixture *f, const char *payload, size_t n)
{
	stub_says_str(f, "+");
	stub_packet_n(f, payload, n);
}

static void reply_str(struct fixture *f, const char *payload)
{
	reply(f, payload, strlen(payload));
}

/* Every request the client made, without checksums and acks, ';'-joined. */
static const char *requests(struct fixture *f)
{
	char raw[sizeof(f->seen)], *w = f->seen;
	drain(f);
	memcpy(raw, f->seen, sizeof(raw));
	for (char *p = raw; (p = strchr(p, '$'));) {
		char *h = strchr(p, '#');
		assert_non_null(h);
		w += sprintf(w, "%s%.*s", w == f->seen ? "" : ";", (int)(h - p - 1), p + 1);
		p = h;
	}
	*w = '\0';
	return f->seen;
}

static void load_follows_includes_and_chunks(void **state)
{
	struct fixture *s = *state;
	struct greg_map m;
	static const char top[] = "l<?xml version=\"1.0\"?><!DOCTYPE target SYSTEM \"gdb-target.dtd\">"
				  "<target><architecture>i386:x86-64</architecture>"
				  "<xi:include href=\"i386-64bit.xml\"/></target>";
	size_t len = strlen(qemu72_x86_64), half = 1000;
	char *chunk = malloc(len + 2);
	assert_non_null(chunk);

	reply_str(s, top);
	chunk[0] = 'm';
	memcpy(chunk + 1, qemu72_x86_64, half);
	reply(s, chunk, half + 1);
	chunk[0] = 'l';
	memcpy(chunk + 1, qemu72_x86_64 + half, len - half);
	reply(s, chunk, len - half + 1);
	free(chunk);

	assert_int_equal(greg_map_load(&s->g, &m), 0);
	assert_reg(&m, GR_RIP, 16, 128, 8);
	assert_reg(&m, GR_EFLAGS, 17, 136, 4);
	assert_reg(&m, GR_CR3, 29, 204, 8);
	assert_reg(&m, GR_EFER, 32, 228, 8);
	assert_string_equal(requests(s), "qXfer:features:read:target.xml:0,f00;"
			    "qXfer:features:read:i386-64bit.xml:0,f00;"
			    "qXfer:features:read:i386-64bit.xml:3e8,f00");
}

static void load_wants_every_register(void **state)
{
	struct fixture *s = *state;
	struct greg_map m;
	char xml[sizeof(qemu72_x86_64) + 8];
	/* the description without efer */
	const char *efer = strstr(qemu72_x86_64, "  <reg name=\"efer\"");
	const char *next = strchr(efer, '\n') + 1;
	xml[0] = 'l';
	memcpy(xml + 1, qemu72_x86_64, (size_t)(efer - qemu72_x86_64));
	strcpy(xml + 1 + (efer - qemu72_x86_64), next);
	reply_str(s, xml);
	assert_int_equal(greg_map_load(&s->g, &m), -1);
	assert_string_equal(s->g.error, "QEMU's target description has no efer");
}

static void load_refuses_errors(void **state)
{
	struct fixture *s = *state;
	struct greg_map m;
	reply_str(s, "E00");
	assert_int_equal(greg_map_load(&s->g, &m), -1);
	assert_string_equal(s->g.error, "cannot read QEMU's target description");
	/* an include that cannot be read */
	reply_str(s, "l<target><xi:include href=\"i386-64bit.xml\"/></target>");
	reply_str(s, "");
	assert_int_equal(greg_map_load(&s->g, &m), -1);
	assert_string_equal(s->g.error, "cannot read QEMU's target description");
}

#define S(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(qemu_7_2_layout),
		cmocka_unit_test(comments_are_not_registers),
		cmocka_unit_test(regnum_restarts_numbering),
		cmocka_unit_test(numbering_continues_across_features),
		cmocka_unit_test(unusable_size_is_skipped),
		cmocka_unit_test(malformed_register_is_an_error),
		S(load_follows_includes_and_chunks),
		S(load_wants_every_register),
		S(load_refuses_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
