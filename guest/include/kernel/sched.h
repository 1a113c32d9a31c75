/*
 * Tasks. One runs at a time and a parent waits for the child it spawned, so
 * "scheduling" is a context switch to the child and one back when it exits.
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <stdint.h>
#include <kernel/mm.h>
#include <kernel/ptrace.h>

#define KSTACK_SIZE 8192u

struct context;

struct task_struct {
	int pid;
	char comm[16];
	struct mm_struct *mm;	/* NULL for the kernel's own task */
	void *kstack;		/* KSTACK_SIZE bytes */
	struct context *ctx;	/* saved kernel stack pointer while switched out */
	struct pt_regs *regs;	/* user registers at the top of kstack */
	struct task_struct *parent;
	int exit_status;
};

extern struct task_struct *current;

void sched_init(void);
void cpu_init(void);
/* Run the boot module named prog as a child of current; its exit status, or
 * -ENOENT / -ENOEXEC / -ENOMEM if it could not start. */
int spawn(const char *prog, const char *args);
int run_init(const char *cmdline);
__attribute__((noreturn)) void do_exit(int status);
/* Kill the current user process for a fault at addr. */
__attribute__((noreturn)) void force_sig(int sig, struct pt_regs *regs, uint32_t addr);

/* exec.c: load an ELF32 program image into a fresh mm; sets regs for entry. */
int exec_image(struct task_struct *t, const uint8_t *image, uint32_t size, const char *args);

/* entry.S */
void switch_context(struct context **save, struct context *to);
__attribute__((noreturn)) void ret_to_user(struct pt_regs *regs);
void sysenter_entry(void);
extern char trap_stubs[];

#endif
