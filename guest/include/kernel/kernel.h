/* Things nearly every kernel file wants. */
#ifndef KERNEL_KERNEL_H
#define KERNEL_KERNEL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <fl_abi.h>

#define PAGE_SIZE   4096u
#define PAGE_SHIFT  12
#define PAGE_MASK   (~(PAGE_SIZE - 1))
#define PAGE_OFFSET FL_PAGE_OFFSET
#define TASK_SIZE   FL_TASK_SIZE

#define __va(pa) ((void *)((uint32_t)(pa) + PAGE_OFFSET))
#define __pa(va) ((uint32_t)(va) - PAGE_OFFSET)

#define PAGE_ALIGN(x) (((x) + PAGE_SIZE - 1) & PAGE_MASK)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define EFAULT  14
#define ENOMEM  12
#define EINVAL  22
#define ENOSYS  38
#define ENOENT  2
#define E2BIG   7
#define ENOEXEC 8
#define EBADF   9
#define EBUSY   16
#define EAGAIN  11
#define EMFILE  24
#define EPIPE   32
#define ENAMETOOLONG 36

/* bootmod.c: the VMM's boot parameters (main.c copies them in and checks
 * them), and the boot module of a name and kind, bounds-checked, or NULL */
extern struct fl_boot_params boot_params;
const struct fl_bootmod *bootmod_find(const char *name, uint32_t kind);

/* printk.c */
void console_write(const char *s, size_t n);
int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
__attribute__((noreturn)) void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* name+0xoff for a kernel address, into buf; "?" when unknown. */
const char *ksym(uint32_t addr, char *buf, size_t len);

/* arch/dumpstack.c: oops: print the registers and stop the guest with FL_EXIT_OOPS. */
struct pt_regs;
__attribute__((noreturn)) void die(const char *what, struct pt_regs *regs, uint32_t error_code);

#endif
