#ifndef TRACER_DISASM_H
#define TRACER_DISASM_H

#include <stddef.h>
#include <stdint.h>
#include "vm.h"

/* The instruction at guest virtual pc, or "?" if its bytes cannot be read:
 * as i386 code if force32, else in the vCPU's code mode now (the 64-bit glue
 * or compatibility mode), which is right when pc is where it stopped. */
void disasm_at(struct vm *vm, uint32_t pc, int force32, char *buf, size_t len);

#endif
