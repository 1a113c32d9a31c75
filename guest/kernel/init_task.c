/*
 * The kernel's own task (pid 0, which runs start_kernel and waits in each
 * spawn) and current, the task on the CPU. A file of their own, as in Linux,
 * so that the many files that ask whose turn it is need not lean on task.c.
 */
#include <kernel/sched.h>

static struct task_struct init_task = { .pid = 0, .comm = "kernel" };
struct task_struct *current = &init_task;
