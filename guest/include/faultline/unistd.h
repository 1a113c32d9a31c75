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
#define NR_SYSCALLS  10

#define PROT_READ  0x1
#define PROT_WRITE 0x2
#define PROT_EXEC  0x4

#define MAP_FIXED     0x10
#define MAP_GROWSDOWN 0x100

#define UACCESS_EXTABLE     0	/* access_ok + exception table (2.1 and later) */
#define UACCESS_VERIFY_AREA 1	/* verify_area, then unprotected access (2.0) */

#endif
