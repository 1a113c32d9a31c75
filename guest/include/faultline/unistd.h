/* System call numbers and flags, shared by the kernel and user programs.
 * Calls enter the kernel with sysenter: EAX = number, EBX, ECX, EDX, ESI, EDI
 * = arguments, EBP = user stack pointer holding the return address; result
 * in EAX (negative errno on failure). */
#ifndef FAULTLINE_UNISTD_H
#define FAULTLINE_UNISTD_H

#define SYS_exit     1
#define SYS_write    2
#define SYS_spawn    3	/* (program name, argument string): runs it, returns its status */
#define SYS_mmap     4	/* (addr, len, prot, flags): anonymous memory only */
#define SYS_munmap   5
#define SYS_mprotect 6
#define SYS_ktest    7	/* (scenario name): run a kernel-side scenario, returns failures */
#define SYS_clone    8	/* (entry, stack top, arg): a thread sharing the address space */
#define SYS_uaccess_mode 9 /* (UACCESS_*): which user-access path this process uses */
#define SYS_read     10	/* (fd, buf, len) */
#define SYS_pipe     11	/* (int fds[2]): fds[0] the read end, fds[1] the write end */
#define SYS_open     12	/* (name): "zero" or "console" */
#define SYS_close    13	/* (fd) */
#define SYS_dup      14	/* (fd): the lowest free descriptor for the same file */
#define SYS_getpid   15	/* (struct fl_pids *): returns the pid */
#define SYS_fstat    16	/* (fd, struct fl_stat *) */
#define NR_SYSCALLS  17

#define NR_OPEN   16	/* descriptors per process */
#define NAME_MAX  63	/* the longest name open takes */
#define PATH_MAX  4096	/* how far past NAME_MAX open looks for the NUL */
#define PIPE_BUF  512	/* bytes a pipe holds */

#define PROT_READ  0x1
#define PROT_WRITE 0x2
#define PROT_EXEC  0x4

#define MAP_FIXED     0x10
#define MAP_GROWSDOWN 0x100

#define UACCESS_EXTABLE     0	/* access_ok + exception table (2.1 and later) */
#define UACCESS_VERIFY_AREA 1	/* verify_area, then unprotected access (2.0) */

/* fl_stat.st_mode: what the descriptor is. */
#define FL_S_CONSOLE 1
#define FL_S_PIPE_R  2
#define FL_S_PIPE_W  3
#define FL_S_ZERO    4

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Filled by getpid field by field with put_user (8-byte stores included). */
struct fl_pids {
	int32_t pid;
	int32_t ppid;		/* 0 for init */
	uint64_t syscalls;	/* system calls this task has made, this one included */
};

/* Filled by fstat likewise. */
struct fl_stat {
	uint32_t st_mode;	/* FL_S_* */
	uint32_t st_nlink;	/* descriptors open on the file, in all processes */
	uint64_t st_ino;	/* the file's number, unique while it is open */
	uint64_t st_size;	/* bytes waiting in a pipe, else 0 */
};
#endif

#endif
