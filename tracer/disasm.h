#ifndef TRACER_DISASM_H
#define TRACER_DISASM_H

#include <stddef.h>
#include <stdint.h>
#include "vm.h"

#define DISASM_CURRENT 0	/* the vCPU's code mode now: pc is where it stopped */
#define DISASM_32      1
#define DISASM_64      2

/* The instruction at guest virtual pc, or "?" if its bytes cannot be read. */
void disasm_at(struct vm *vm, uint32_t pc, int mode, char *buf, size_t len);

#endif
