/* The guest's console: bytes from the serial port and from console
 * hypercalls, cut into lines for the caller. */
#include "console.h"

void console_flush(struct console *c, const struct vm_hooks *hooks)
{
	if (!c->len)
		return;
	if (hooks->console_line)
		hooks->console_line(hooks->ctx, c->line, c->len);
	c->len = 0;
}

void console_putc(struct console *c, char ch, const struct vm_hooks *hooks)
{
	if (ch == '\n') {
		if (!c->len && hooks->console_line)
			hooks->console_line(hooks->ctx, "", 0);
		console_flush(c, hooks);
		return;
	}
	c->line[c->len++] = ch;
	if (c->len == sizeof(c->line))
		console_flush(c, hooks);
}
