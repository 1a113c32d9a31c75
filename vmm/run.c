/*
 * The run loop: one KVM_RUN at a time, each exit dispatched by reason. The
 * watchdog and SIGINT/SIGTERM interrupt KVM_RUN through a signal whose
 * handler also sets immediate_exit, so a signal landing just before KVM_RUN
 * is not lost.
 */
#include "vm.h"

#include <errno.h>
#include <fl_abi.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/time.h>

#include "console.h"

static struct kvm_run *volatile signalled_run;
static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
	if (signalled_run)
		signalled_run->immediate_exit = 1;
}

static void arm_signals(struct vm *vm, double timeout_s)
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigemptyset(&sa.sa_mask);
	stop_signal = 0;
	signalled_run = vm->run;
	sigaction(SIGALRM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (timeout_s > 0) {
		struct itimerval it = { .it_value = { .tv_sec = (time_t)timeout_s,
			.tv_usec = (suseconds_t)((timeout_s - (double)(time_t)timeout_s) * 1e6) } };
		if (!it.it_value.tv_sec && !it.it_value.tv_usec)
			it.it_value.tv_usec = 1;
		setitimer(ITIMER_REAL, &it, NULL);
	}
}

static void disarm_signals(void)
{
	struct itimerval off = { 0 };
	setitimer(ITIMER_REAL, &off, NULL);
	signal(SIGALRM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signalled_run = NULL;
}

__attribute__((format(printf, 3, 4))) static void stop(struct vm_result *res, enum vm_outcome how,
							 const char *fmt, ...)
{
	va_list ap;
	res->outcome = how;
	va_start(ap, fmt);
	vsnprintf(res->why, sizeof(res->why), fmt, ap);
	va_end(ap);
}

static int handle_io(struct vm *vm, struct console *con, const struct vm_hooks *hooks,
		     struct vm_result *res)
{
	struct kvm_run *r = vm->run;
	uint8_t *data = (uint8_t *)r + r->io.data_offset;
	if (r->io.direction == KVM_EXIT_IO_OUT && r->io.port == FL_SERIAL_PORT && r->io.size == 1) {
		for (uint32_t i = 0; i < r->io.count; i++)
			console_putc(con, (char)data[i], hooks);
		return 0;
	}
	if (r->io.direction == KVM_EXIT_IO_OUT && r->io.port == FL_HC_PORT && r->io.size == 4)
		return hypercall(vm, con, hooks, res);
	if (r->io.direction == KVM_EXIT_IO_IN && r->io.port == FL_SERIAL_PORT + 5) {
		memset(data, 0x20, (size_t)r->io.size * r->io.count); /* LSR: ready to send */
		return 0;
	}
	stop(res, VM_CRASHED, "unexpected I/O: %s port %#x, size %u",
	     r->io.direction == KVM_EXIT_IO_OUT ? "out to" : "in from", r->io.port, r->io.size);
	return -1;
}

static int handle_exit(struct vm *vm, struct console *con, const struct vm_hooks *hooks,
		       struct vm_result *res)
{
	struct kvm_run *r = vm->run;
	switch (r->exit_reason) {
	case KVM_EXIT_IO:
		return handle_io(vm, con, hooks, res);
	case KVM_EXIT_DEBUG:
		if (!hooks->debug_exit)
			stop(res, VM_CRASHED, "unexpected debug exit");
		else if (hooks->debug_exit(hooks->ctx, vm))
			stop(res, VM_HOST_ERROR, "the debug exit handler failed");	/* it says why */
		else
			return 0;
		return -1;
	case KVM_EXIT_HLT:
		stop(res, VM_CRASHED, "the guest halted without the exit hypercall");
		return -1;
	case KVM_EXIT_SHUTDOWN:
		stop(res, VM_CRASHED, "triple fault: the guest shut down");
		return -1;
	case KVM_EXIT_INTERNAL_ERROR:
		stop(res, VM_CRASHED, "KVM internal error, suberror %u", r->internal.suberror);
		return -1;
	case KVM_EXIT_FAIL_ENTRY:
		stop(res, VM_CRASHED, "VM entry failed, hardware reason %#llx",
		     (unsigned long long)r->fail_entry.hardware_entry_failure_reason);
		return -1;
	case KVM_EXIT_MMIO:
		stop(res, VM_CRASHED, "MMIO %s %#llx: no device there",
		     r->mmio.is_write ? "write to" : "read from", (unsigned long long)r->mmio.phys_addr);
		return -1;
	default:
		stop(res, VM_CRASHED, "unexpected exit %s", kvm_exit_name(r->exit_reason));
		return -1;
	}
}

void vm_run(struct vm *vm, const struct vm_config *cfg, const struct vm_hooks *hooks,
	    struct vm_result *res)
{
	struct console con = { 0 };
	*res = (struct vm_result){ .outcome = VM_EXITED };
	arm_signals(vm, cfg->timeout_s);
	for (;;) {
		int rc = ioctl(vm->vcpu_fd, KVM_RUN, 0);
		if (rc < 0 && errno != EINTR) {
			stop(res, VM_HOST_ERROR, "KVM_RUN failed: %s", strerror(errno));
			break;
		}
		if (stop_signal) {
			if (stop_signal == SIGALRM)
				stop(res, VM_TIMEOUT, "watchdog: the guest ran longer than %.3g s",
				     cfg->timeout_s);
			else
				stop(res, VM_INTERRUPTED, "interrupted by %s", strsignal(stop_signal));
			break;
		}
		if (rc < 0)
			continue;
		res->exits++;
		if (handle_exit(vm, &con, hooks, res))
			break;
	}
	disarm_signals();
	console_flush(&con, hooks);
}
