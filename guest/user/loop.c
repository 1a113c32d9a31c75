/* Never returns: the VMM's watchdog must stop it. */
#include <faultline/user.h>

int main(void)
{
	printf("loop: spinning forever\n");
	for (;;)
		__asm__ volatile("");
}
