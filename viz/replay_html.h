/* Inside the HTML replay (replay_html.c, replay_html_data.c and
 * replay_html_out.c): writing the page with every write checked, and the
 * parts it is made of. */
#ifndef VIZ_REPLAY_HTML_H
#define VIZ_REPLAY_HTML_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The page being written. Once a write fails, bad holds its errno and
 * nothing more is written: the page cannot be complete, and the caller
 * reports it. */
struct page {
	FILE *f;
	int bad;
};

void page_put(struct page *p, const char *s);
void page_printf(struct page *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Database text as a JSON string that is safe inside a <script> element. */
void page_text(struct page *p, const char *s);
/* An integer column: the number, or null for RM_NULL. */
void page_int(struct page *p, int64_t v);

/* The JSON the script draws from: every stepped fault of run, first the one
 * to open with. 0, or -1 with one line in err (the database could not be
 * read; a failed write only sets p->bad). */
int replay_html_data(struct page *p, sqlite3 *h, int64_t run, int64_t first, char *err,
		     size_t errlen);

/* viz/replay_page.S: the stylesheet, the <body>'s skeleton and the script. */
extern const char replay_page_css[], replay_page_body[], replay_page_js[];

#endif
