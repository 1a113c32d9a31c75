/*
 * The replay as one standalone HTML page for a classroom projector: the eight
 * steps, the instructions with their source, the registers, the exception
 * table's probes, the page walk and the trap frame, for every stepped fault
 * of a run, at 1280x720 without scrolling. The page needs nothing but itself:
 * no network, no other file. Its data is JSON in a <script type=
 * "application/json"> element, escaped so that no database text can end that
 * element (replay_html_data.c); its script (replay_page.js) puts that text
 * into the page only as text nodes, never as markup.
 */
#include <errno.h>
#include <string.h>

#include "replay.h"
#include "replay_html.h"

/* The policy forbids every fetch, so that even markup that got in by
 * mistake could load nothing; inline style and script are the page's own. */
static void head(struct page *p, int64_t run)
{
	page_put(p, "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
		    " style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n");
	page_printf(p, "<title>faultline replay: run %lld</title>\n<style>\n", (long long)run);
	page_put(p, replay_page_css);
	page_put(p, "</style>\n</head>\n<body>\n");
	page_put(p, replay_page_body);
}

static int write_page(struct page *p, sqlite3 *h, int64_t run, int64_t fault, char *err,
		      size_t errlen)
{
	head(p, run);
	page_put(p, "<script type=\"application/json\" id=\"replay-data\">");
	if (replay_html_data(p, h, run, fault, err, errlen))
		return -1;
	page_put(p, "</script>\n<script>\n");
	page_put(p, replay_page_js);
	page_put(p, "</script>\n</body>\n</html>\n");
	return 0;
}

int replay_html(sqlite3 *h, int64_t run, int64_t fault, const char *path, char *err, size_t errlen)
{
	struct page p = { fopen(path, "w"), 0 };
	if (!p.f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	char why[400] = "";
	int rc = write_page(&p, h, run, fault, why, sizeof(why));
	int bad = p.bad ? p.bad : ferror(p.f) ? EIO : 0;
	if (fclose(p.f) && !bad)
		bad = errno ? errno : EIO;
	if (rc || bad) {
		snprintf(err, errlen, "%s: %s", path, rc ? why : strerror(bad));
		return -1;
	}
	return 0;
}
