/* What init's scenarios share: check() reports a case, init's command line. */
#include <faultline/user.h>

#include "scenario.h"

int init_argc;
char **init_argv;

int check(int good, const char *fmt, ...)
{
	char buf[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printf("[init] %s ... %s\n", buf, good ? "ok" : "FAIL");
	return !good;
}
