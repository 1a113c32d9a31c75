/*
 * Tasks. One runs at a time and a parent waits for the child it spawned, so
 * "scheduling" is a context switch to the child and one back when it exits.
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <stdint.h>
#include <kernel/mm.h>
#include <kernel/ptrace.h>

struct context;

struct task_struct {
	int pid;
	char comm[FL_MOD_NAME];	/* the boot module's name, whole in kill messages */
	struct mm_struct *mm;	/* NULL for the kernel's own task */
	void *kstack;		/* one page */
	struct context *ctx;	/* saved kernel stack pointer while switched out */
	struct pt_regs *regs;	/* user registers at the top of kstack */
	struct task_struct *parent;	/* switched back to when this task exits */
	int exit_status;
	int uaccess_mode;		/* UACCESS_EXTABLE or UACCESS_VERIFY_AREA */
	struct files_struct *files;	/* shared by a process's threads */
	uint64_t syscalls;		/* system calls made, for getpid */
};

/* init_task.c */
extern struct task_struct *current;

/* The address space whose page tables are loaded. */
static inline struct mm_struct *active_mm(void)
{
	return current->mm ? current->mm : &init_mm;
}

void sched_init(void);
/* Run the boot module named prog as a child of current, with argv prog and
 * the words of args; its exit status, or -ENOENT / -ENOEXEC / -ENOMEM /
 * -E2BIG (more than FL_MAX_ARGS words) if it could not start. */
int spawn(const char *prog, const char *args);
/* Run init with the arguments the command line gives it (fl_abi.h). */
int run_init(const char *cmdline);
/* A thread of the current process, started at entry with arg on a stack at
 * stack_top; it runs when the process next calls schedule(). Its tid, or -errno. */
int clone_thread(uint32_t entry, uint32_t stack_top, uint32_t arg);
/* Give the CPU to the waiting thread, if any, until it exits. 1 if one ran. */
int schedule(void);
__attribute__((noreturn)) void do_exit(int status);

#define SIGFPE  8
#define SIGKILL 9
#define SIGSEGV 11

/* Kill the current user process for a fault at addr. */
__attribute__((noreturn)) void force_sig(int sig, struct pt_regs *regs, uint32_t addr);

/* exec.c: load an ELF32 program image into a fresh mm; sets regs for entry. */
struct uargs;
int exec_image(struct task_struct *t, const uint8_t *image, uint32_t size, const struct uargs *a);

/* arch/switch_to.S */
void switch_context(struct context **save, struct context *to);
/* arch/trap_return.S */
__attribute__((noreturn)) void ret_to_user(struct pt_regs *regs);

#endif
