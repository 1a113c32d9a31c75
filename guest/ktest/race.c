/*
 * The race that ended verify_area. The process has two threads. One makes a
 * system call on a buffer; the call checks the buffer, then sleeps before
 * using it (as a read from a slow device would), and while it sleeps the
 * other thread unmaps the buffer. Here the sleep is schedule(), and the
 * only runnable task is the sibling thread the process created beforehand
 * (SYS_clone), whose whole job is munmap(buffer) and exit: one CPU, a fixed
 * interleaving, the same outcome every run.
 *
 * arg is the buffer. Through the exception table the late access faults,
 * finds its fixup and returns -EFAULT; through verify_area it faults with no
 * fixup and the kernel oopses. The extable half runs first, so one run shows
 * both; init gives each half its own buffer and thread.
 */
#include <kernel/kernel.h>
#include <kernel/ktest.h>
#include <kernel/sched.h>
#include <kernel/uaccess.h>
#include <kernel/verify_area.h>

int ktest_race(uint32_t arg)
{
	uint32_t k = 0xffffffff;
	const uint32_t *buf = (const uint32_t *)arg;
	if (current->uaccess_mode == UACCESS_EXTABLE) {
		int ok = access_ok(buf, 4);
		int ran = schedule();
		uint32_t left = copy_from_user(&k, buf, 4);
		return ktest_case(ok && ran && left == 4 && k == 0,
				  "access_ok(%p) = %d, the other thread unmapped it, copy_from_user"
				  " = %u bytes left: -EFAULT", (void *)buf, ok, left);
	}
	int err = verify_area(VERIFY_READ, buf, 4);
	int ran = schedule();
	printk("[race] verify_area(%p) = %d, the other thread ran (%d) and unmapped it;"
	       " now the unchecked load\n", (void *)buf, err, ran);
	k = get_user_unchecked(buf);
	return ktest_case(0, "the unchecked load of %p returned %#x: no fault", (void *)buf, k);
}
