/* The JSON string escaper. It writes spans with fwrite rather than a byte at
 * a time: `query --json` prints whole runs, a million rows and more. */
#include "json_text.h"

#include "termtext.h"
#include "utf8.h"

/* Bytes JSON takes as they are: printable ASCII but the quote and '\', and
 * in HTML mode but the three that could close or open markup. */
static size_t json_plain(const unsigned char *s, size_t n, enum json_mode mode)
{
	size_t i = 0;
	while (i < n && s[i] >= 0x20 && s[i] < 0x7f && s[i] != '"' && s[i] != '\\' &&
	       (mode == JSON_PLAIN || (s[i] != '<' && s[i] != '>' && s[i] != '&')))
		i++;
	return i;
}

/* The character at s, which json_plain stopped at; returns the bytes used, or
 * 0 if the write failed. Invalid UTF-8 becomes U+FFFD so that the document
 * stays valid JSON; C1 and bidi controls are escaped, as the terminal
 * sanitizer would. */
static size_t json_char(FILE *out, const unsigned char *s, size_t n)
{
	size_t len = utf8_seq_len(s, n);
	int w;
	if (!len)
		w = fputs("\\ufffd", out);
	else if (s[0] == '"' || s[0] == '\\')
		w = fprintf(out, "\\%c", s[0]);
	else if (s[0] == '\n')
		w = fputs("\\n", out);
	else if (s[0] == '\t')
		w = fputs("\\t", out);
	else if (s[0] < 0x20 || s[0] == 0x7f || s[0] == '<' || s[0] == '>' || s[0] == '&')
		w = fprintf(out, "\\u%04x", s[0]);
	else if (term_is_hidden_control(s, len))
		w = fprintf(out, "\\u%04x", len == 2 ? (s[0] & 0x1fu) << 6 | (s[1] & 0x3fu)
			    : (s[0] & 0x0fu) << 12 | (s[1] & 0x3fu) << 6 | (s[2] & 0x3fu));
	else
		w = fwrite(s, 1, len, out) == len ? 0 : EOF;
	return w < 0 ? 0 : len ? len : 1;
}

int json_string(FILE *out, const unsigned char *s, size_t n, enum json_mode mode)
{
	if (fputc('"', out) == EOF)
		return -1;
	for (size_t i = 0; i < n;) {
		size_t k = json_plain(s + i, n - i, mode);
		if (fwrite(s + i, 1, k, out) != k)
			return -1;
		i += k;
		if (i < n && !(k = json_char(out, s + i, n - i)))
			return -1;
		i += k;
	}
	return fputc('"', out) == EOF ? -1 : 0;
}
