/*
 * The pre-2.1 way: check the whole range against the process's areas before
 * touching it, then access user memory with no exception-table protection.
 * Kept so the two paths can be compared; see the seeds for why it went.
 */
#ifndef KERNEL_VERIFY_AREA_H
#define KERNEL_VERIFY_AREA_H

#include <stdint.h>
#include <kernel/mm.h>

#define VERIFY_READ  0
#define VERIFY_WRITE 1

/* 0 if [addr, addr+size) lies in areas allowing the access, else -EFAULT.
 * probes (optional) receives the tree nodes visited. */
int __verify_area(struct mm_struct *mm, int type, uint32_t addr, uint32_t size, uint32_t *probes);
int verify_area(int type, const void *addr, uint32_t size);
/* How many of the size bytes at addr lie in areas allowing the access: for a
 * string, whose length is not known before it is read (2.0's get_max_filename). */
uint32_t verify_area_max(int type, const void *addr, uint32_t size);

/* Accesses with no table entry: a fault here is a kernel oops. */
uint32_t get_user_unchecked(const uint32_t *p);
void copy_unchecked(void *to, const void *from, uint32_t n);
void clear_unchecked(void *to, uint32_t n);

#endif
