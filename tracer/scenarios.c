/* The scenarios init knows (guest/user/init.c); `faultline list` shows them. */
#include <string.h>

#include "cli.h"

static const struct scenario table[] = {
	{ "tour", "the default: the scenarios below, in this order, up to the first that ends"
		  " in an oops (race); bench is separate" },
	{ "boot", "boot, enter user mode at CPL3 through the kernel, print a greeting" },
	{ "uaccess", "get_user, put_user and copy_from_user on valid, NULL, kernel, TASK_SIZE-edge,"
		     " wrapping, unmapped, straddling and read-only pointers; the usercopy"
		     " self-tests; a table entry outside .text" },
	{ "divide", "a kernel divide by zero fixed up by ex_handler_fault (trap number in EAX);"
		    " a user one killed by SIGFPE" },
	{ "demand", "demand paging, the zero page and copy-on-write, stack growth" },
	{ "vmalloc", "a kernel-mode fault on vmalloc memory, fixed by copying the master page"
		     " directory entry" },
	{ "module", "a fault in a separately linked module, fixed through the module's own"
		    " exception table" },
	{ "verify_area", "the uaccess pointers through the old verify_area path, with tree probes" },
	{ "user-faults", "children that fault at CPL3 (unmapped write, divide by zero) are killed;"
			 " the kernel carries on" },
	{ "race", "a sibling thread unmaps a buffer between the check and the access: -EFAULT"
		  " through the exception table, then an oops through verify_area" },
	{ "module-gone", "the module's table unregistered: the same fault is now an oops" },
	{ "bench", "the measurements of `faultline bench` (use that command: it counts instructions)" },
	{ "oops", "a kernel bug: a fault with no exception-table entry stops the kernel" },
};

const struct scenario *scenarios(size_t *n)
{
	*n = sizeof(table) / sizeof(table[0]);
	return table;
}

const struct scenario *find_scenario(const char *name)
{
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (!strcmp(table[i].name, name))
			return &table[i];
	return NULL;
}

int cmd_list(int argc, char **argv)
{
	(void)argv;
	if (argc > 1)
		return usage(stderr, "list");
	size_t n;
	const struct scenario *s = scenarios(&n);
	for (size_t i = 0; i < n; i++)
		printf("%-12s %s\n", s[i].name, s[i].description);
	return 0;
}
