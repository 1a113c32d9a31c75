/*
 * The terminal sanitizer (viz/termtext.c): what becomes a visible escape,
 * what passes, how columns are counted, and where a long text is cut, since
 * a cut must never split an escape or overrun TERM_BYTES.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "termtext.h"

/* s (n bytes) rendered at most max columns must be want, in cols columns. */
static void check(const char *s, size_t n, size_t max, const char *want, size_t cols)
{
	char buf[TERM_BYTES(80)];
	size_t len = 0;
	assert_true(max <= 80);
	assert_int_equal(term_text(buf, (const unsigned char *)s, n, max, &len), cols);
	assert_string_equal(buf, want);
	assert_int_equal(len, strlen(want));
	assert_true(len < TERM_BYTES(max));
}

static void test_escapes(void **state)
{
	(void)state;
	check("a\x1b[2Jb", 6, 80, "a\\x1b[2Jb", 9);
	check("\t\n\x7f", 3, 80, "\\x09\\x0a\\x7f", 12);
	check("x\0y", 3, 80, "x\\x00y", 6);
	check("\xc2\x9b\xc2\x85", 4, 80, "\\u009b\\u0085", 12);	/* C1 */
	check("\xe2\x80\xae\xe2\x81\xa6\xe2\x81\xa9", 9, 80, "\\u202e\\u2066\\u2069", 18);
	check("\xe2\x80\x8f\xd8\x9c", 5, 80, "\\u200f\\u061c", 12);	/* RLM, ALM */
	check("\xff\xc0\xaf", 3, 80, "\\xff\\xc0\\xaf", 12);	/* not UTF-8 */
	check("a\\x1b", 5, 80, "a\\x1b", 5);	/* a backslash stays */
}

static void test_passes(void **state)
{
	(void)state;
	check("get_user_4+0x3", 14, 80, "get_user_4+0x3", 14);
	check("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 14, 80, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 8);
	check("\xc2\xa0\xe2\x80\xa9x", 6, 80, "\xc2\xa0\\u2029x", 8);	/* NBSP passes */
	check("", 0, 80, "", 0);
}

static void test_cut(void **state)
{
	(void)state;
	check("abcde", 5, 5, "abcde", 5);	/* fits exactly: no mark */
	check("abcdef", 6, 5, "abcd\xe2\x80\xa6", 5);
	check("ab\x1b", 3, 5, "ab\xe2\x80\xa6", 3);	/* the escape is not split */
	check("\x1b\x1b", 2, 4, "\xe2\x80\xa6", 1);
	check("xy", 2, 1, "\xe2\x80\xa6", 1);
	check("\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80", 12, 2, "\xf0\x9f\x98\x80\xe2\x80\xa6", 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_passes),
		cmocka_unit_test(test_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
