/* Writes to an unmapped user address: the kernel kills it with SIGSEGV. */
#include <faultline/user.h>

#define UNMAPPED 0x00001000u

int main(void)
{
	printf("segv: writing to %#x, which no area covers\n", UNMAPPED);
	*(volatile uint32_t *)UNMAPPED = 1;
	printf("segv: survived (should not happen)\n");
	return 0;
}
