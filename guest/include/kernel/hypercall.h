/* The guest side of the hypercall ABI in fl_abi.h. */
#ifndef KERNEL_HYPERCALL_H
#define KERNEL_HYPERCALL_H

#include <stdint.h>
#include <fl_abi.h>

static inline void hypercall(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2)
{
	__asm__ volatile("outl %0, %1" : : "a"(nr), "Nd"((uint16_t)FL_HC_PORT),
			 "b"(a0), "c"(a1), "d"(a2) : "memory");
}

__attribute__((noreturn)) void hc_exit(uint32_t status);

#endif
