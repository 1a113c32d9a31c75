/* qemu_available: $FAULTLINE_QEMU (a path, or a name looked up in $PATH)
 * must name a program that can be run; otherwise VMM_E_QEMU and a message
 * that says what was looked for and how to install it. And qemu_start with
 * a stand-in that dies at once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "engine.h"
#include "qemu.h"

struct fixture {
	char dir[64];		/* a scratch directory */
	char path[128];		/* dir/qemu-system-x86_64, not created */
	char *saved_path;	/* $PATH as it was */
	char err[256];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/test_qemu.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/qemu-system-x86_64", f->dir);
	const char *p = getenv("PATH");
	f->saved_path = p ? strdup(p) : NULL;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char args[160];
	snprintf(args, sizeof(args), "%s/args", f->dir);	/* start_reports_why_qemu_died */
	unlink(args);
	unlink(f->path);
	rmdir(f->path);
	rmdir(f->dir);
	if (f->saved_path)
		setenv("PATH", f->saved_path, 1);
	else
		unsetenv("PATH");
	unsetenv("FAULTLINE_QEMU");
	free(f->saved_path);
	free(f);
	return 0;
}

static void make_file(const char *path, mode_t mode)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("#!/bin/sh\nexit 0\n", fp);
	fclose(fp);
	assert_int_equal(chmod(path, mode), 0);
}

static void assert_msg(const char *err, const char *needle)
{
	if (!strstr(err, needle))
		fail_msg("error \"%s\" does not mention \"%s\"", err, needle);
	assert_null(strchr(err, '\n'));
}

static void unavailable(struct fixture *f, const char *what)
{
	memset(f->err, 0, sizeof(f->err));
	assert_int_equal(qemu_available(f->err, sizeof(f->err)), VMM_E_QEMU);
	assert_int_equal(VMM_E_QEMU, 9);
	assert_msg(f->err, what);
	assert_msg(f->err, "apt-get install");
	assert_msg(f->err, "qemu-system-x86");
}

static void explicit_path_must_exist(void **state)
{
	struct fixture *f = *state;
	setenv("FAULTLINE_QEMU", f->path, 1);
	unavailable(f, f->path);
	setenv("FAULTLINE_QEMU", "/nonexistent/bin/qemu", 1);
	unavailable(f, "/nonexistent/bin/qemu");
}

static void explicit_path_must_be_executable(void **state)
{
	struct fixture *f = *state;
	make_file(f->path, 0644);
	setenv("FAULTLINE_QEMU", f->path, 1);
	unavailable(f, f->path);
	assert_int_equal(chmod(f->path, 0755), 0);
	assert_int_equal(qemu_available(f->err, sizeof(f->err)), 0);
}

/* A directory passes access(X_OK) (it can be searched) but cannot be run. */
static void explicit_path_must_be_a_file(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(mkdir(f->path, 0755), 0);
	setenv("FAULTLINE_QEMU", f->path, 1);
	unavailable(f, f->path);
	/* nor found by name in $PATH */
	setenv("FAULTLINE_QEMU", "qemu-system-x86_64", 1);
	setenv("PATH", f->dir, 1);
	unavailable(f, "(qemu-system-x86_64)");
}

static void bin_true_is_available(void **state)
{
	struct fixture *f = *state;
	setenv("FAULTLINE_QEMU", "/bin/true", 1);
	f->err[0] = '\0';
	assert_int_equal(qemu_available(f->err, sizeof(f->err)), 0);
	assert_string_equal(f->err, "");
}

/* A bare name is looked up in $PATH, component by component. */
static void name_is_found_in_path(void **state)
{
	struct fixture *f = *state;
	char path[256];
	make_file(f->path, 0755);
	unsetenv("FAULTLINE_QEMU");
	snprintf(path, sizeof(path), "/nonexistent::%s", f->dir);
	setenv("PATH", path, 1);
	assert_int_equal(qemu_available(f->err, sizeof(f->err)), 0);
	setenv("FAULTLINE_QEMU", "", 1);	/* empty is the default name too */
	assert_int_equal(qemu_available(f->err, sizeof(f->err)), 0);

	setenv("PATH", "/nonexistent", 1);
	unavailable(f, "QEMU (qemu-system-x86_64) is not installed");
	setenv("FAULTLINE_QEMU", "true", 1);
	setenv("PATH", "/nonexistent:/bin", 1);
	assert_int_equal(qemu_available(f->err, sizeof(f->err)), 0);

	/* a non-executable file of that name does not count */
	assert_int_equal(chmod(f->path, 0644), 0);
	unsetenv("FAULTLINE_QEMU");
	setenv("PATH", f->dir, 1);
	unavailable(f, "qemu-system-x86_64");
}

static void short_error_buffer(void **state)
{
	(void)state;
	char err[12];
	memset(err, 'x', sizeof(err));
	setenv("FAULTLINE_QEMU", "/nonexistent/qemu", 1);
	assert_int_equal(qemu_available(err, sizeof(err)), VMM_E_QEMU);
	assert_int_equal(err[sizeof(err) - 1], '\0');
	assert_string_equal(err, "QEMU (/none");
}

/* QEMU that exits at once: the error gives its exit status and last line,
 * and the private directory is gone after qemu_stop. */
static void start_reports_why_qemu_died(void **state)
{
	struct fixture *f = *state;
	char args[160], line[1024] = "", dir[96], err[512];
	FILE *fp;
	snprintf(args, sizeof(args), "%s/args", f->dir);
	fp = fopen(f->path, "w");
	assert_non_null(fp);
	fprintf(fp, "#!/bin/sh\necho \"$*\" > %s\n"
		"echo 'starting' >&2\necho 'qemu-system-x86_64: -gdb: no such option' >&2\n"
		"exit 3\n", args);
	fclose(fp);
	assert_int_equal(chmod(f->path, 0755), 0);
	setenv("FAULTLINE_QEMU", f->path, 1);

	struct qemu q;
	struct guest_mem mem = { 0 };
	struct vm_opts o = { .accel = VM_ACCEL_TCG, .mem_size = 2u << 20 };
	int rc = qemu_start(&q, &o, &mem, err, sizeof(err));
	snprintf(dir, sizeof(dir), "%s", q.dir);
	qemu_stop(&q);
	if (mem.host)
		munmap(mem.host, mem.size);
	assert_int_equal(rc, VMM_E_QEMU);
	assert_string_equal(err, "QEMU failed to start: QEMU exited with status 3: "
			    "qemu-system-x86_64: -gdb: no such option");
	assert_int_equal(mem.size, 2u << 20);
	assert_true(dir[0] != '\0');
	assert_int_equal(access(dir, F_OK), -1);	/* removed */
	assert_string_equal(q.dir, "");

	fp = fopen(args, "r");
	assert_non_null(fp);
	assert_non_null(fgets(line, sizeof(line), fp));
	fclose(fp);
	static const char *const locked[] = { "-accel tcg", " -S ", "-nodefaults", "-no-user-config",
		"-monitor none", "-net none", "-display none", "-gdb chardev:gdb", "size=2M" };
	for (size_t i = 0; i < sizeof(locked) / sizeof(locked[0]); i++)
		if (!strstr(line, locked[i]))
			fail_msg("QEMU's arguments \"%s\" lack \"%s\"", line, locked[i]);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(explicit_path_must_exist),
		T(explicit_path_must_be_executable),
		T(explicit_path_must_be_a_file),
		T(bin_true_is_available),
		T(name_is_found_in_path),
		T(short_error_buffer),
		T(start_reports_why_qemu_died),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
