/*
 * The run loop, the same on every engine: run the vCPU to its next stop and
 * dispatch by kind. The watchdog and SIGINT/SIGTERM reach the engine through
 * its kick(), which is async-signal-safe, so a signal landing just before the
 * engine resumes the guest is not lost.
 */
#include "engine.h"

#include <fl_abi.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

#include "console.h"
#include "hypercall.h"
#include "repstep.h"

static struct vm *volatile signalled_vm;
static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
	if (signalled_vm)
		signalled_vm->ops->kick(signalled_vm);
}

static void arm_signals(struct vm *vm, double timeout_s)
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigemptyset(&sa.sa_mask);
	stop_signal = 0;
	signalled_vm = vm;
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
	signalled_vm = NULL;
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

static int handle_io(struct vm *vm, struct vm_event *ev, struct console *con,
		     const struct vm_hooks *hooks, struct vm_result *res)
{
	if (ev->io.out && ev->io.port == FL_SERIAL_PORT && ev->io.size == 1) {
		console_putc(con, (char)ev->io.value, hooks);
		return 0;
	}
	if (ev->io.out && ev->io.port == FL_HC_PORT && ev->io.size == 4)
		return hypercall(vm, ev->io.value, con, hooks, res);
	if (!ev->io.out && ev->io.port == FL_SERIAL_PORT + 5) {
		ev->io.value = 0x20202020u;	/* LSR: ready to send, in every byte read */
		return 0;
	}
	stop(res, VM_CRASHED, "unexpected I/O: %s port %#x, size %u",
	     ev->io.out ? "out to" : "in from", ev->io.port, ev->io.size);
	return -1;
}

static int handle_event(struct vm *vm, struct vm_event *ev, struct console *con,
			const struct vm_hooks *hooks, struct vm_result *res)
{
	switch (ev->kind) {
	case VM_EV_IO:
		return handle_io(vm, ev, con, hooks, res);
	case VM_EV_DEBUG:
		if (!hooks->debug_exit)
			stop(res, VM_CRASHED, "unexpected debug exit");
		else if (hooks->debug_exit(hooks->ctx, vm, ev->pc))
			stop(res, VM_HOST_ERROR, "the debug exit handler failed");	/* it says why */
		else
			return 0;
		return -1;
	case VM_EV_HLT:
		stop(res, VM_CRASHED, "the guest halted without the exit hypercall");
		return -1;
	case VM_EV_SHUTDOWN:
		res->after_reset = 1;
		stop(res, VM_CRASHED, "triple fault: the guest shut down");
		return -1;
	default:
		stop(res, VM_CRASHED, "%s", ev->detail[0] ? ev->detail : vm_event_name(ev->kind));
		return -1;
	}
}

void vm_run(struct vm *vm, const struct vm_config *cfg, const struct vm_hooks *hooks,
	    struct vm_result *res)
{
	struct console con = { 0 };
	struct vm_event ev = { .kind = VM_EV_OTHER };
	*res = (struct vm_result){ .outcome = VM_EXITED };
	arm_signals(vm, cfg->timeout_s);
	for (;;) {
		if (vm->ops->run(vm, &ev)) {
			stop(res, VM_HOST_ERROR, "%s", ev.detail);
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
		if (ev.kind == VM_EV_INTERRUPTED)
			continue;
		res->exits++;
		if (ev.kind == VM_EV_DEBUG && vm->singlestep && repstep_same_insn(vm, ev.pc))
			continue;
		if (handle_event(vm, &ev, &con, hooks, res))
			break;
	}
	disarm_signals();
	console_flush(&con, hooks);
}
