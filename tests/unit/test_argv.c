/*
 * The kernel's argv builder (guest/kernel/argv.c), on the host: both forms of
 * fl_abi.h's command line, and the malformed or oversized input it must
 * refuse rather than cut short.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/argv.h"

static struct uargs a;

/* a's strings match want[0..n-1] exactly. */
static void assert_argv(const char *const *want, uint32_t n)
{
	assert_int_equal(a.argc, n);
	uint32_t off = 0;
	for (uint32_t i = 0; i < n; i++) {
		assert_string_equal(a.buf + off, want[i]);
		off += (uint32_t)strlen(want[i]) + 1;
	}
	assert_int_equal(a.len, off);
}

static void test_words(void **state)
{
	(void)state;
	static const char *const want[] = { "init", "scenario=tour", "reps=3" };
	assert_int_equal(argv_words(&a, "init", "  scenario=tour   reps=3 "), 0);
	assert_argv(want, 3);
	assert_int_equal(argv_words(&a, "x.elf", ""), 0);
	assert_argv((const char *const[]){ "x.elf" }, 1);
}

static void test_quoted(void **state)
{
	(void)state;
	static const char *const want[] = { "init", "a", "b c", "", "q\"\\" };
	assert_int_equal(argv_quoted(&a, "init", " \"a\" \"b c\" \"\" \"q\\\"\\\\\""), 0);
	assert_argv(want, 5);
	assert_int_equal(argv_quoted(&a, "init", ""), 0);
	assert_argv(want, 1);
}

static void test_malformed(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"a",		/* not quoted */
		"\"a",		/* never closed */
		"\"a\\\"",	/* the closing quote escaped */
		"\"a\\n\"",	/* an escape of something else */
		"\"a\\",	/* an escape at the end */
		"\"a\"\"b\"",	/* two arguments run together */
		"\"a\"b",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(argv_quoted(&a, "init", bad[i]), -EINVAL);
}

/* n words of "w", separated by spaces, quoted or not. */
static const char *many(int n, int quoted)
{
	static char line[512];
	line[0] = '\0';
	for (int i = 0; i < n; i++)
		strcat(line, quoted ? " \"w\"" : " w");
	return line;
}

static void test_counts(void **state)
{
	(void)state;
	assert_int_equal(argv_words(&a, "p", many(FL_MAX_ARGS, 0)), 0);
	assert_int_equal(a.argc, FL_MAX_ARGS + 1);
	assert_int_equal(argv_words(&a, "p", many(FL_MAX_ARGS + 1, 0)), -E2BIG);
	assert_int_equal(argv_quoted(&a, "p", many(FL_MAX_ARGS, 1)), 0);
	assert_int_equal(argv_quoted(&a, "p", many(FL_MAX_ARGS + 1, 1)), -E2BIG);
}

static void test_bytes(void **state)
{
	(void)state;
	/* The longest command line, one argument, fits with its NUL and the name. */
	static char line[FL_CMDLINE_MAX + 1], name[FL_MOD_NAME];
	memset(name, 'n', sizeof(name) - 1);
	memset(line, 'x', FL_CMDLINE_MAX);
	assert_int_equal(argv_words(&a, name, line), 0);
	assert_int_equal(a.len, sizeof(a.buf));
	/* One byte more than the buffer is refused, not truncated. */
	static char longer[sizeof(a.buf) + 1];
	memset(longer, 'x', sizeof(longer) - 1);
	assert_int_equal(argv_words(&a, "p", longer), -E2BIG);
}

static void test_separator(void **state)
{
	(void)state;
	const char *line = "scenario=tour -- \"a\"";
	assert_ptr_equal(argv_after_separator(line), line + 16);
	assert_null(argv_after_separator("scenario=tour --x \"a\""));
	assert_null(argv_after_separator("scenario=--"));
	assert_string_equal(argv_after_separator("a --"), "");
}

/* Whole words only, the first one found. */
static void test_find_word(void **state)
{
	(void)state;
	const char *line = "scenario=tour pfwalk=10 pfwalk=1 -- \"pfwalk=1\"";
	assert_ptr_equal(argv_find_word(line, "pfwalk=1"), line + 32);
	assert_null(argv_find_word("xpfwalk=1 pfwalk=1x", "pfwalk=1"));
	assert_string_equal(argv_find_word("  pfwalk=1", "pfwalk=1"), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_bytes),
		cmocka_unit_test(test_separator),
		cmocka_unit_test(test_find_word),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
