/* Writing the replay page (replay_html.h): every write checked, and none
 * made after the first that failed. */
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "json_text.h"
#include "replay_html.h"
#include "replay_model.h"

/* Keeps the first failure's reason: what comes after it is not written. */
static void failed(struct page *p)
{
	p->bad = errno ? errno : EIO;
}

void page_put(struct page *p, const char *s)
{
	if (!p->bad && fputs(s, p->f) == EOF)
		failed(p);
}

void page_printf(struct page *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (!p->bad && vfprintf(p->f, fmt, ap) < 0)
		failed(p);
	va_end(ap);
}

void page_text(struct page *p, const char *s)
{
	if (!p->bad && json_string(p->f, (const unsigned char *)s, strlen(s), JSON_IN_HTML))
		failed(p);
}

void page_int(struct page *p, int64_t v)
{
	if (v == RM_NULL)
		page_put(p, "null");
	else
		page_printf(p, "%lld", (long long)v);
}
