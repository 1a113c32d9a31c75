/*
 * Tasks: spawn a program from a boot module, switch to it, and switch back to
 * the parent when it exits or is killed. The kernel itself keeps running
 * after any user process dies.
 */
#include <kernel/argv.h>
#include <kernel/fs.h>
#include <kernel/kernel.h>
#include <kernel/processor.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>

#define HW_FRAME 56	/* vector, error code and the 64-bit iret frame */

static int next_pid = 1;

void sched_init(void)
{
	printk("sched: user mode by sysenter, kernel stacks of %u bytes\n", PAGE_SIZE);
}

static void switch_to(struct task_struct *next)
{
	struct task_struct *prev = current;
	if (next->mm) {
		set_kernel_stack((uint32_t)next->kstack + PAGE_SIZE);
		switch_mm(next->mm);
	} else {
		switch_mm(&init_mm);
	}
	current = next;
	switch_context(&prev->ctx, next->ctx);
}

static void task_entry(void)
{
	ret_to_user(current->regs);
}

/* The first switch_context into a task pops four registers and returns here. */
static void prepare_context(struct task_struct *t)
{
	uint32_t *sp = (uint32_t *)t->regs;
	*--sp = (uint32_t)task_entry;
	for (int i = 0; i < 4; i++)
		*--sp = 0;
	t->ctx = (struct context *)sp;
}

static void task_free(struct task_struct *t)
{
	if (t->mm)
		mm_put(t->mm);
	if (t->files)
		files_put(t->files);
	if (t->kstack)
		free_page(t->kstack);
	kfree(t);
}

/* A task with a kernel stack and the given (or a new) address space; a
 * thread shares its creator's descriptors too, a new process gets its own. */
static struct task_struct *task_alloc(const char *name, struct mm_struct *mm)
{
	struct task_struct *t = kmalloc(sizeof(*t));
	if (!t)
		return NULL;
	t->kstack = get_zeroed_page();
	t->mm = mm ? mm : mm_alloc();
	if (mm)
		mm->users++;
	t->files = mm ? current->files : files_alloc();
	if (mm && t->files)
		files_get(t->files);
	if (!t->kstack || !t->mm || !t->files) {
		task_free(t);
		return NULL;
	}
	t->pid = next_pid++;
	strlcpy(t->comm, name, sizeof(t->comm));
	t->regs = (struct pt_regs *)((char *)t->kstack + PAGE_SIZE - HW_FRAME - PT_SIZE);
	t->uaccess_mode = current->uaccess_mode;
	return t;
}

/* Run t until it exits; its exit status. */
static int run_task(struct task_struct *t)
{
	prepare_context(t);
	t->parent = current;
	switch_to(t);
	int status = t->exit_status;
	task_free(t);
	return status;
}

/* A task for boot module prog with argv a, ready to run. */
static int prepare_task(const char *prog, const struct uargs *a, struct task_struct **out)
{
	const struct fl_bootmod *m = bootmod_find(prog, FL_MOD_PROGRAM);
	if (!m)
		return -ENOENT;
	struct task_struct *t = task_alloc(prog, NULL);
	if (!t)
		return -ENOMEM;
	int err = exec_image(t, __va(m->paddr), m->size, a);
	if (err) {
		task_free(t);
		return err;
	}
	*out = t;
	return 0;
}

/* args is words, or quoted arguments (fl_abi.h) if quoted. */
static int spawn_args(const char *prog, const char *args, int quoted)
{
	/* Too big for a kernel stack, and not needed once the stack page is built. */
	struct uargs *a = kmalloc(sizeof(*a));
	if (!a)
		return -ENOMEM;
	struct task_struct *t = NULL;
	int err = quoted ? argv_quoted(a, prog, args) : argv_words(a, prog, args);
	if (!err)
		err = prepare_task(prog, a, &t);
	kfree(a);
	return err ? err : run_task(t);
}

int spawn(const char *prog, const char *args)
{
	return spawn_args(prog, args, 0);
}

static struct task_struct *waiting_thread;

int clone_thread(uint32_t entry, uint32_t stack_top, uint32_t arg)
{
	uint32_t *sp = (uint32_t *)(stack_top - 8);
	if (waiting_thread)
		return -EBUSY;
	/* The thread starts as if called: a return address of 0, then arg. */
	if (put_user((uint32_t)0, sp) || put_user(arg, sp + 1))
		return -EFAULT;
	struct task_struct *t = task_alloc(current->comm, current->mm);
	if (!t)
		return -ENOMEM;
	start_thread(t->regs, entry, (uint32_t)sp);
	t->parent = current;	/* its creator, until schedule() runs it */
	waiting_thread = t;
	return t->pid;
}

int schedule(void)
{
	struct task_struct *t = waiting_thread;
	if (!t || t->mm != current->mm)
		return 0;
	waiting_thread = NULL;
	run_task(t);
	return 1;
}

int run_init(const char *cmdline)
{
	const char *args = argv_after_separator(cmdline);
	int status = spawn_args("init", args ? args : cmdline, args != NULL);
	if (status < 0)
		panic("cannot run init (error %d)", status);
	return status;
}

void do_exit(int status)
{
	/* A thread that never ran dies with the task that created it. */
	if (waiting_thread && waiting_thread->parent == current) {
		task_free(waiting_thread);
		waiting_thread = NULL;
	}
	current->exit_status = status;
	switch_to(current->parent);
	panic("exited task %d was resumed", current->pid);
}

static const char *sig_name(int sig)
{
	return sig == SIGSEGV ? "SIGSEGV" : sig == SIGFPE ? "SIGFPE" : sig == SIGKILL ? "SIGKILL"
	       : "signal";
}

void force_sig(int sig, struct pt_regs *regs, uint32_t addr)
{
	if (regs->trapno == X86_TRAP_PF)
		printk("%s[%d]: killed by %s: page fault at %#x, eip %#x, error %#x\n",
		       current->comm, current->pid, sig_name(sig), addr, regs->eip,
		       regs->error_code);
	else
		printk("%s[%d]: killed by %s: %s at eip %#x\n", current->comm, current->pid,
		       sig_name(sig), sig == SIGFPE ? "divide error" : "fault", regs->eip);
	do_exit(FL_EXIT_SIGNAL + sig);
}
