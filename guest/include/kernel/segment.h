/* The kernel's GDT layout. SYSENTER/SYSEXIT fix the order of the first four
 * after KERNEL_CS64: kernel data at +8, user code at +16, user data at +24. */
#ifndef KERNEL_SEGMENT_H
#define KERNEL_SEGMENT_H

#define KERNEL_CS64  0x08	/* 64-bit code: trap and sysenter glue only */
#define KERNEL_DS    0x10
#define USER_CS      0x1b	/* 32-bit code, DPL3 (compatibility mode) */
#define USER_DS      0x23
#define KERNEL_CS    0x28	/* 32-bit code, DPL0: where the kernel's C runs */
#define TSS_SEL      0x30	/* 16-byte 64-bit TSS descriptor */

#define GDT_ENTRIES  8

#endif
