/*
 * The replay as one standalone HTML page for a classroom projector: every
 * step in a table, the eight steps as headed rows, and two buttons that move
 * a highlight from one of the eight steps to the next. Everything taken from
 * the database is escaped: the file may come from anywhere.
 */
#include <errno.h>
#include <string.h>

#include "replay.h"

static void esc(FILE *o, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", o); break;
		case '>': fputs("&gt;", o); break;
		case '&': fputs("&amp;", o); break;
		case '"': fputs("&quot;", o); break;
		case '\'': fputs("&#39;", o); break;
		default: fputc(*s, o);
		}
	}
}

static const char head[] =
	"<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	"<title>faultline replay</title>\n<style>\n"
	"body { font-family: sans-serif; margin: 2em; }\n"
	"table { border-collapse: collapse; font-family: monospace; }\n"
	"td { padding: 0.1em 0.8em; }\n"
	"tr.milestone td { font-family: sans-serif; font-weight: bold; padding-top: 1em; }\n"
	"tr.at td { background: #fde68a; }\n"
	"</style>\n</head>\n<body>\n";

static const char foot[] =
	"</table>\n<script>\n"
	"const ms = Array.from(document.querySelectorAll('tr.milestone'));\n"
	"let at = -1;\n"
	"function go(d) {\n"
	"  if (!ms.length) return;\n"
	"  if (at >= 0) ms[at].classList.remove('at');\n"
	"  at = Math.min(ms.length - 1, Math.max(0, at + d));\n"
	"  ms[at].classList.add('at');\n"
	"  ms[at].scrollIntoView({ block: 'center' });\n"
	"}\n"
	"document.getElementById('next').onclick = () => go(1);\n"
	"document.getElementById('prev').onclick = () => go(-1);\n"
	"document.addEventListener('keydown', e => { if (e.key === 'ArrowRight') go(1);"
	" if (e.key === 'ArrowLeft') go(-1); });\n"
	"</script>\n</body>\n</html>\n";

static int row(void *ctx, const struct step_view *s)
{
	FILE *o = ctx;
	if (s->milestone)
		fprintf(o, "<tr class=\"milestone\" id=\"step%d\"><td colspan=\"5\">Step %d: %s</td></tr>\n",
			s->milestone, s->milestone, milestone_text[s->milestone]);
	fprintf(o, "<tr><td>%lld</td><td>0x%08llx</td><td>", s->idx, s->eip);
	esc(o, s->symbol);
	fputs("</td><td>", o);
	esc(o, s->insn);
	fputs("</td><td>", o);
	esc(o, s->changed);
	fputs("</td></tr>\n", o);
	return 0;
}

int replay_html(sqlite3 *h, int64_t run, int64_t fault, const char *path, char *err, size_t errlen)
{
	char summary[REPLAY_SUMMARY_MAX];
	FILE *o = fopen(path, "w");
	if (!o) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	replay_summary(h, run, fault, summary, sizeof(summary));
	fputs(head, o);
	fputs("<h1>faultline replay</h1>\n<p>", o);
	esc(o, summary);
	fputs("</p>\n<p><button id=\"prev\">previous step</button> "
	      "<button id=\"next\">next step</button> (or the arrow keys)</p>\n"
	      "<table>\n<tr><th>#</th><th>eip</th><th>symbol</th><th>instruction</th>"
	      "<th>registers changed</th></tr>\n", o);
	int rc = replay_each(h, run, fault, row, o);
	fputs(foot, o);
	int bad = ferror(o);	/* an earlier write may have failed */
	if (fclose(o) || bad || rc) {
		snprintf(err, errlen, "%s: %s", path, rc ? "reading the steps failed"
			 : strerror(errno ? errno : EIO));
		return -1;
	}
	return 0;
}
