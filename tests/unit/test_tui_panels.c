/* The terminal replay's panels, drawn from a model built here: they fit
 * 100×30 at every step, whatever the texts; the registers a step changed
 * are marked, the failing walk level too, the probes numbered in order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "tui_panels.h"
#include "utf8.h"

enum { NSTEPS = 12, NENTRIES = 20 };

/* Milestones 1..8 at these steps; the search (4) probes at steps 4 to 6. */
static const int milestone_at[NSTEPS] = { 1, 2, 3, 0, 4, 0, 0, 5, 6, 7, 0, 8 };

static struct rm_step steps[NSTEPS];
static struct rm_entry entries[NENTRIES];
static struct rm_probe probes[] = {
	{ 1, 4, 10, 0xc0101a00, "kernel", "below" },
	{ 2, 5, 15, 0xc0101f00, "kernel", "above" },
	{ 3, 6, 12, 0xc0101c00, "kernel", "match" },
};
static struct rm_line lines[] = { { "guest/mm/fault.c", 41, "\t\tif (!vma)\tgoto bad;" } };
static struct replay_model model;
static struct tui_screen screen;

static void build_steps(void)
{
	for (int i = 0; i < NSTEPS; i++) {
		struct rm_step *s = &steps[i];
		*s = (struct rm_step){ .idx = i, .milestone = milestone_at[i],
				       .eip = 0xc0100000 + 4 * (uint32_t)i, .symbol = "fn+0x4",
				       .insn = "mov eax, 1", .changed = "", .src_file = "",
				       .src_line = RM_NULL, .known = (1u << RM_NREGS) - 1 };
		for (int r = 0; r < RM_NREGS; r++)
			s->regs[r] = 0x1000u * (uint32_t)r;
		s->regs[RM_EAX] = (uint32_t)i;	/* eax changes at every step but the first */
		s->changed_regs = i ? 1u << RM_EAX : 0;
	}
	steps[3].src_file = "guest/mm/fault.c";
	steps[3].src_line = 41;
	steps[5].known &= ~(1u << RM_CR2);
}

static int setup(void **state)
{
	(void)state;
	build_steps();
	for (int i = 0; i < NENTRIES; i++)
		entries[i] = (struct rm_entry){ i, 0xc0101000 + 0x100 * (uint32_t)i,
						0xc0108000 + 8 * (uint32_t)i, "get_case+0x1f",
						".fixup+0x10" };
	model = (struct replay_model){
		.run = 3, .seq = 7, .steps = steps, .nsteps = NSTEPS, .probes = probes,
		.nprobes = 3, .tables = { { "kernel", entries, NENTRIES } }, .ntables = 1,
		.walk = { { 4, 0x1000, 0x2027 }, { 3, 0x2000, 0x3027 }, { 2, 0x3008, 0x4067 },
			  { 1, 0x4200, 0 } },
		.nwalk = 4, .lines = lines, .nlines = 1,
	};
	model.f = (struct rm_fault){
		.vector = 14, .eip = 0xc0101c00, .cr2 = 0x40001000, .error_code = 0, .cpl = 0,
		.entry_index = 12, .fixup = 0xc0108060, .resume_eip = 0xc0108060, .eax_after = 0,
		.edx_after = 0xfffffff2, .walk_level = 1, .frame_addr = 0xc014ff00,
		.frame_eip_before = 0xc0101c00, .frame_eax_before = 0x40001000,
		.frame_edx_before = 0, .frame_eax_after = 0x40001000, .frame_edx_after = 0,
		.eip_symbol = "get_case+0x1f", .lookup = "found", .fixup_symbol = ".fixup+0x10",
		.handler = "ex_handler_default", .owner = "kernel", .outcome = "fixup",
		.walk_reason = "not_present", .note = "",
	};
	return 0;
}

static size_t columns(const char *s)
{
	size_t cols = 0;
	for (size_t i = 0, n = strlen(s), len; i < n; i += len ? len : 1, cols++)
		len = utf8_seq_len((const unsigned char *)s + i, n - i);
	return cols;
}

/* The text of row r, plain or with reverse video. */
static const char *row(int r, int ansi)
{
	static char buf[TUI_ROW_BYTES];
	tui_row(&screen, r, TUI_COLS, ansi, buf);
	return buf;
}

/* The first row holding text, or -1. */
static int find_row(const char *text, int ansi)
{
	for (int r = 0; r < TUI_ROWS; r++)
		if (strstr(row(r, ansi), text))
			return r;
	return -1;
}

static void check_fits(void)
{
	assert_true(tui_rows_used(&screen) <= TUI_STATUS_ROW);
	for (int r = 0; r < TUI_ROWS; r++) {
		assert_true(columns(row(r, 0)) <= TUI_COLS);
		assert_null(strchr(row(r, 0), '\033'));
	}
}

static void every_step_fits(void **state)
{
	(void)state;
	for (size_t i = 0; i < NSTEPS; i++) {
		tui_render(&screen, &model, i);
		check_fits();
	}
}

static void hostile_texts_fit_and_are_escaped(void **state)
{
	(void)state;
	char longsym[RM_TEXT_MAX + 1];
	memset(longsym, 'x', RM_TEXT_MAX);
	longsym[RM_TEXT_MAX] = '\0';
	struct replay_model m = model;
	struct rm_step s = steps[3];
	s.symbol = longsym, s.insn = "\033]0;pwned\007", s.src_file = longsym;
	m.steps = &s, m.nsteps = 1;
	m.f.owner = "\033[2J", m.f.fixup_symbol = "\xc2\x9b" "31m", m.f.walk_reason = longsym;
	m.f.outcome = "\xe2\x80\xae" "evil";
	tui_render(&screen, &m, 0);
	check_fits();
	assert_true(find_row("\\x1b]0;pwned\\x07", 0) >= 0);
	assert_true(find_row("xxxxxxxxxx…", 0) >= 0);
	assert_true(find_row("outcome: \\u202eevil", 0) >= 0);
}

static void changed_registers_are_lit(void **state)
{
	(void)state;
	tui_render(&screen, &model, 5);
	assert_true(find_row("eax [0x00000005]", 0) >= 0);
	assert_true(find_row("\033[7m[0x00000005]\033[27m", 1) >= 0);
	assert_true(find_row("ebx  0x00001000 ", 0) >= 0);	/* unchanged: no brackets */
	assert_true(find_row("cr2  ?", 0) >= 0);		/* not known at this step */
	tui_render(&screen, &model, 0);
	assert_int_equal(find_row("[0x", 0), -1);		/* the first step changes nothing */
}

static void failing_walk_level_is_marked(void **state)
{
	(void)state;
	tui_render(&screen, &model, 0);
	int pte = find_row("PTE   @00004200", 0), pde = find_row("PDE   @00003008", 0);
	assert_true(pte >= 0 && pde >= 0);
	assert_true(strstr(row(pte, 0), "► PTE") == row(pte, 0));
	assert_non_null(strstr(row(pte, 0), "not present"));
	assert_non_null(strstr(row(pte, 1), "\033[7mnot present"));
	assert_true(strstr(row(pde, 0), "  PDE") == row(pde, 0));
	assert_non_null(strstr(row(pde, 0), "P W U"));
	assert_true(find_row("page walk of 0x40001000: PTE not present", 0) >= 0);
}

static void probes_are_numbered_in_order(void **state)
{
	(void)state;
	tui_render(&screen, &model, 3);
	assert_true(find_row("probes: none made yet", 0) >= 0);
	tui_render(&screen, &model, 5);		/* two probes made */
	assert_true(find_row("probes: kernel #1 [10] below #2 [15] above", 0) >= 0);
	assert_int_equal(find_row("#3", 0), -1);
	tui_render(&screen, &model, 7);		/* all three; the search answered */
	assert_true(find_row("probes: kernel #1 [10] below #2 [15] above #3 [12] match", 0) >= 0);
	int target = find_row("#3  ► [12]", 0);
	assert_true(target >= 0);
	assert_non_null(strstr(row(target, 0), "match"));
	assert_true(find_row("#1    [10]", 0) >= 0);
	assert_true(find_row("found: kernel entry [12], fixup 0xc0108060 .fixup+0x10", 0) >= 0);
}

static void many_probes_keep_the_last(void **state)
{
	(void)state;
	struct rm_probe many[16];
	struct replay_model m = model;
	for (int i = 0; i < 16; i++)
		many[i] = (struct rm_probe){ i + 1, 4, 100 + i, 0, "kernel", "below" };
	m.probes = many, m.nprobes = 16;
	tui_render(&screen, &m, 7);
	int r = find_row("probes …: kernel #", 0);
	assert_true(r >= 0);
	assert_non_null(strstr(row(r, 0), "#16 [115] below"));
	assert_null(strstr(row(r, 0), "#1 [100]"));
	check_fits();
}

static void boxes_light_the_step_reached(void **state)
{
	(void)state;
	tui_render(&screen, &model, 6);		/* past milestone 4, before 5 */
	assert_true(find_row("║\033[7m 4 search \033[27m║", 1) >= 0);
	assert_true(find_row("on from step 4: search_exception_table", 0) >= 0);
	model.steps[9].milestone = 0;		/* a fault without a fixup step */
	tui_render(&screen, &model, 6);
	assert_true(find_row("┆ 7 fixup  ┆", 0) >= 0);
	model.steps[9].milestone = 7;
}

static void source_line_and_frame(void **state)
{
	(void)state;
	tui_render(&screen, &model, 3);
	assert_true(find_row("guest/mm/fault.c:41  │ if (!vma) goto bad;", 0) >= 0);
	assert_true(find_row("fault.c:41", 0) >= 0);
	assert_true(find_row("EIP  0xc0101c00 → (not yet)", 0) >= 0);
	tui_render(&screen, &model, 8);		/* the trap returns */
	assert_true(find_row("EIP  0xc0101c00 → 0xc0108060", 0) >= 0);
	assert_true(find_row("EAX  0x40001000 → 0x40001000", 0) >= 0);
	assert_int_equal(find_row("fixup ran", 0), -1);
	tui_render(&screen, &model, 11);
	assert_true(find_row("fixup ran: EAX 0x00000000  EDX 0xfffffff2", 0) >= 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_step_fits),
		cmocka_unit_test(hostile_texts_fit_and_are_escaped),
		cmocka_unit_test(changed_registers_are_lit),
		cmocka_unit_test(failing_walk_level_is_marked),
		cmocka_unit_test(probes_are_numbered_in_order),
		cmocka_unit_test(many_probes_keep_the_last),
		cmocka_unit_test(boxes_light_the_step_reached),
		cmocka_unit_test(source_line_and_frame),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
