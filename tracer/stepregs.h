/*
 * The register file of a stepped fault, as step_regs stores it: each step's
 * registers before its instruction runs, written as the ones that differ from
 * the step before (all known ones at the first step).
 */
#ifndef TRACER_STEPREGS_H
#define TRACER_STEPREGS_H

#include <stdint.h>

#include "db.h"
#include "vm.h"

enum {
	SR_EAX, SR_EBX, SR_ECX, SR_EDX, SR_ESI, SR_EDI, SR_EBP, SR_ESP,
	SR_EIP, SR_EFLAGS, SR_CS, SR_SS, SR_CR2, SR_CR3, SR_COUNT
};

struct regfile {
	uint32_t v[SR_COUNT];
	uint32_t known;		/* bit SR_x: v[SR_x] is known */
};

void regfile_set(struct regfile *f, int reg, uint64_t value);
/* The general registers, EIP = pc (where the step stopped) and EFLAGS. */
void regfile_set_regs(struct regfile *f, const struct vm_regs *r, uint32_t pc);
/* CS, SS, CR2 and CR3. */
void regfile_set_sregs(struct regfile *f, const struct vm_sregs *s);
/* The rows of step step_idx: the registers now knows that before did not, or
 * held with another value. 0, or -1 (db_error says why). */
int regfile_write(struct db *db, int64_t run_id, uint64_t fault_seq, uint32_t step_idx,
		  const struct regfile *now, const struct regfile *before);

#endif
