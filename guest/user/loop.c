/* Touches a few fresh pages (faults for the tracer to record), says so, then
 * never returns: the watchdog or a signal must stop it. */
#include <faultline/user.h>

int main(void)
{
	volatile uint8_t *p = mmap(0, 4 * 4096, PROT_READ | PROT_WRITE, 0);
	for (int i = 0; i < 4 && !MAP_FAILED_P(p); i++)
		p[i * 4096] = 1;
	printf("loop: spinning forever\n");
	for (;;)
		__asm__ volatile("");
}
