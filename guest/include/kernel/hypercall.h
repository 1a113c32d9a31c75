/* The guest side of the hypercall ABI in fl_abi.h. */
#ifndef KERNEL_HYPERCALL_H
#define KERNEL_HYPERCALL_H

#include <stdint.h>
#include <fl_abi.h>

/* arch/hypercall.S: the one instruction site the ABI names. */
void hypercall(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2);

__attribute__((noreturn)) void hc_exit(uint32_t status);

#endif
