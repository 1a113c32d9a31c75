/* The guest's console (serial bytes and console hypercalls), cut into lines. */
#ifndef VMM_CONSOLE_H
#define VMM_CONSOLE_H

#include "vm.h"

#define CONSOLE_LINE_MAX 1024
#define HC_CONSOLE_MAX 4096	/* longest buffer one console hypercall may name */

struct console {
	char line[CONSOLE_LINE_MAX];
	size_t len;
};

void console_putc(struct console *c, char ch, const struct vm_hooks *hooks);
void console_flush(struct console *c, const struct vm_hooks *hooks);

#endif
