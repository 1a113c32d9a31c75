/* Divides by zero at CPL3: the kernel kills it with SIGFPE and carries on. */
#include <faultline/user.h>

int main(void)
{
	volatile int zero = 0;
	printf("divzero: dividing 20 by zero\n");
	printf("divzero: survived with %d (should not happen)\n", 20 / zero);
	return 0;
}
