/*
 * The JSON string escaper (viz/json_text.c): what each mode escapes, that
 * bytes which are not UTF-8 still make valid JSON, that nothing in HTML mode
 * can end the <script> element the page's data sits in, and that a failed
 * write is reported.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "json_text.h"

/* s (n bytes) as a JSON string in mode must be want. */
static void check(const char *s, size_t n, enum json_mode mode, const char *want)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	assert_non_null(m);
	assert_int_equal(json_string(m, (const unsigned char *)s, n, mode), 0);
	assert_int_equal(fclose(m), 0);
	assert_string_equal(buf, want);
	free(buf);
}

static void test_plain(void **state)
{
	(void)state;
	check("get_user_4+0x3", 14, JSON_PLAIN, "\"get_user_4+0x3\"");
	check("a\"b\\c", 5, JSON_PLAIN, "\"a\\\"b\\\\c\"");
	check("\n\t\x1b\x7f", 4, JSON_PLAIN, "\"\\n\\t\\u001b\\u007f\"");
	check("x\0y", 3, JSON_PLAIN, "\"x\\u0000y\"");
	check("</a>&", 5, JSON_PLAIN, "\"</a>&\"");	/* a document of its own */
	check("caf\xc3\xa9", 5, JSON_PLAIN, "\"caf\xc3\xa9\"");
	check("", 0, JSON_PLAIN, "\"\"");
}

static void test_hostile(void **state)
{
	(void)state;
	check("\xff\xc0\xaf", 3, JSON_PLAIN, "\"\\ufffd\\ufffd\\ufffd\"");	/* not UTF-8 */
	check("\xed\xa0\x80", 3, JSON_PLAIN, "\"\\ufffd\\ufffd\\ufffd\"");	/* a surrogate */
	check("\xc2\x9b\xe2\x80\xae", 5, JSON_PLAIN, "\"\\u009b\\u202e\"");	/* C1, bidi */
	check("\xe2\x80\xa8\xe2\x80\xa9", 6, JSON_PLAIN, "\"\\u2028\\u2029\"");	/* line breaks to JS */
}

static void test_html(void **state)
{
	(void)state;
	check("</script><img src=x>", 20, JSON_IN_HTML,
	      "\"\\u003c/script\\u003e\\u003cimg src=x\\u003e\"");
	check("<!-- a && b -->", 15, JSON_IN_HTML,
	      "\"\\u003c!-- a \\u0026\\u0026 b --\\u003e\"");
	check("\xe2\x80\xa8", 3, JSON_IN_HTML, "\"\\u2028\"");
}

static void test_write_error(void **state)
{
	(void)state;
	FILE *full = fopen("/dev/full", "w");
	assert_non_null(full);
	setvbuf(full, NULL, _IONBF, 0);	/* every write reaches the device */
	assert_int_equal(json_string(full, (const unsigned char *)"abc<", 4, JSON_IN_HTML), -1);
	fclose(full);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_write_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
