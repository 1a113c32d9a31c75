/* Database text as JSON strings, for `query --json`, the chrome-json export
 * and the data inside the HTML replay. The text is hostile: it may be any
 * bytes. In viz/ so that the tracer and viz share one escaper. */
#ifndef VIZ_JSON_TEXT_H
#define VIZ_JSON_TEXT_H

#include <stddef.h>
#include <stdio.h>

enum json_mode {
	JSON_PLAIN,	/* a JSON document of its own */
	JSON_IN_HTML,	/* inside an HTML <script> element: no '<', '>' or '&' raw */
};

/* s[0..n) as a JSON string, quotes included: invalid UTF-8 as U+FFFD, C0, C1
 * and bidi controls (U+2028 and U+2029 among them) as \u escapes. 0, or -1
 * if a write to out failed. */
int json_string(FILE *out, const unsigned char *s, size_t n, enum json_mode mode);

#endif
