/* System call numbers, shared by the kernel and user programs. Calls enter
 * the kernel with sysenter: EAX = number, EBX, ECX, EDX, ESI, EDI = arguments,
 * EBP = user stack pointer holding the return address; result in EAX
 * (negative errno on failure). */
#ifndef FAULTLINE_UNISTD_H
#define FAULTLINE_UNISTD_H

#define SYS_exit   1
#define SYS_write  2
#define SYS_spawn  3	/* (program name, argument string): runs it, returns its status */
#define NR_SYSCALLS 4

#endif
