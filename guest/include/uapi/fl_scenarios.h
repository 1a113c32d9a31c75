/*
 * The scenarios init runs (scenario=NAME on the kernel command line), listed
 * once. Everything that names them is made from this list: init's table
 * (guest/user/init.c), `faultline list` and --scenario's check
 * (tracer/scenarios.c), and the README's table (`make readme` writes it;
 * tests/integration/scenario_list.sh fails when it is stale).
 *
 * X(ident, name, in_tour, description): init runs sc_<ident>(); the tour
 * runs, in this order, every scenario with in_tour 1 (those that do not end
 * in an oops).
 */
#ifndef FL_SCENARIOS_H
#define FL_SCENARIOS_H

#define FL_SCENARIO_TOUR "tour"
#define FL_SCENARIO_TOUR_TEXT "the default: the scenarios below in this order, up to `race`"

#define FL_SCENARIOS(X) \
	X(boot, "boot", 1, "the kernel boots, enters user mode at CPL3, and init greets") \
	X(uaccess, "uaccess", 1, "`get_user`, `put_user` and `copy_from_user` on valid, NULL," \
	  " kernel, TASK_SIZE-edge, wrapping, unmapped, straddling and read-only pointers;" \
	  " the usercopy self-tests (round trips of 1, 2, 4 and 8 bytes, zero-filling, kernel" \
	  " addresses refused); a table entry in `.init.text`, outside `.text`") \
	X(divide, "divide", 1, "a kernel divide by zero fixed up through `ex_handler_fault`" \
	  " (trap number in EAX), and a user one killed by SIGFPE") \
	X(demand, "demand", 1, "demand paging, the shared zero page and copy-on-write, stack" \
	  " growth, `munmap`/`mprotect` splitting areas") \
	X(vmalloc, "vmalloc", 1, "a kernel-mode fault on vmalloc memory, fixed by copying the" \
	  " master page-directory entry") \
	X(module, "module", 1, "a fault in the separately linked module `fltest`, fixed through" \
	  " the module's own table") \
	X(verify_area, "verify_area", 1, "the `uaccess` pointers through the old `verify_area`" \
	  " path, and a system call made in verify_area mode") \
	X(user_faults, "user-faults", 1, "children that fault at CPL3 are killed; init and the" \
	  " kernel carry on") \
	X(race, "race", 0, "ends in an oops: a sibling thread unmaps a buffer between the check" \
	  " and the access; `-EFAULT` through the exception table, then an oops through" \
	  " `verify_area`") \
	X(module_gone, "module-gone", 0, "ends in an oops: the module's table unregistered, the" \
	  " same fault has no fixup") \
	X(oops, "oops", 0, "ends in an oops: a kernel bug, a fault with no entry anywhere") \
	X(bench, "bench", 0, "the measurements of `faultline bench` (use that command: it" \
	  " counts instructions)")

#endif
