/*
 * A private, locked-down QEMU for the tcg engine: started paused with no
 * monitor, display, network, firmware options or reboot; its gdbstub on a
 * UNIX socket and its RAM in a file, both in a mode-0700 directory that is
 * emptied and removed as soon as QEMU holds them, so nothing is left behind
 * however the run ends. QEMU dies with us (PR_SET_PDEATHSIG).
 */
#ifndef VMM_QEMU_H
#define VMM_QEMU_H

#include <sys/types.h>

#include "vm.h"

struct qemu {
	pid_t pid;
	int sock;		/* connected to the gdbstub */
	int err_fd;		/* QEMU's stdout and stderr, captured in an unlinked file */
	char dir[96];		/* the private directory, "" once removed */
	int reaped, status;	/* QEMU has exited, with this wait status */
};

/* Start QEMU for guest memory of o->mem_size bytes, mapped shared into mem.
 * 0, or VMM_E_QEMU / VMM_E_SETUP with a one-line message. */
int qemu_start(struct qemu *q, const struct vm_opts *o, struct guest_mem *mem, char *err,
	       size_t errlen);
/* Once QEMU has answered on its gdbstub it holds the socket and the memory
 * file open: remove them and the directory. */
void qemu_remove_dir(struct qemu *q);
/* Why QEMU is gone (or "QEMU stopped answering"): its status and last line. */
void qemu_why(struct qemu *q, char *why, size_t len);
void qemu_stop(struct qemu *q);

#endif
