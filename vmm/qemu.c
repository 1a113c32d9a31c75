#include "qemu.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "engine.h"

#define CONNECT_TRIES 2000	/* 5 ms apart: QEMU has 10 s to come up */

static const char *qemu_binary(void)
{
	const char *b = getenv("FAULTLINE_QEMU");
	return b && *b ? b : "qemu-system-x86_64";
}

/* access(X_OK) alone accepts a directory, which can be searched, not run. */
static int runnable(const char *path)
{
	struct stat st;
	return access(path, X_OK) == 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int qemu_available(char *err, size_t errlen)
{
	const char *b = qemu_binary(), *path = getenv("PATH");
	char full[4096];
	if (strchr(b, '/')) {
		if (runnable(b))
			return 0;
	} else {
		for (const char *p = path ? path : "/usr/bin:/bin"; *p;) {
			size_t n = strcspn(p, ":");
			snprintf(full, sizeof(full), "%.*s/%s", (int)n, p, b);
			if (n && runnable(full))
				return 0;
			p += n + (p[n] == ':');
		}
	}
	snprintf(err, errlen, "QEMU (%s) is not installed; on Debian: apt-get install"
		 " --no-install-recommends qemu-system-x86", b);
	return VMM_E_QEMU;
}

static int make_dir(struct qemu *q, char *err, size_t errlen)
{
	const char *tmp = getenv("TMPDIR");
	const char *bases[] = { "/dev/shm", tmp && *tmp ? tmp : "/tmp", "/tmp" };
	for (size_t i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
		snprintf(q->dir, sizeof(q->dir), "%s/faultline-XXXXXX", bases[i]);
		if (strlen(bases[i]) < 60 && mkdtemp(q->dir))
			return 0;	/* mkdtemp makes it mode 0700 */
	}
	snprintf(err, errlen, "cannot make a private directory for QEMU: %s", strerror(errno));
	q->dir[0] = '\0';
	return VMM_E_SETUP;
}

static void path_in(const struct qemu *q, const char *name, char *out, size_t len)
{
	snprintf(out, len, "%s/%s", q->dir, name);
}

static int map_memory(struct qemu *q, struct guest_mem *mem, uint64_t size, char *err,
		      size_t errlen)
{
	char path[128];
	path_in(q, "ram", path, sizeof(path));
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || ftruncate(fd, (off_t)size)) {
		snprintf(err, errlen, "cannot create guest memory for QEMU: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return VMM_E_SETUP;
	}
	mem->host = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (mem->host == MAP_FAILED) {
		mem->host = NULL;
		snprintf(err, errlen, "cannot map guest memory: %s", strerror(errno));
		return VMM_E_SETUP;
	}
	mem->size = size;
	return 0;
}

/* In the child: own process group (a ^C at the terminal is ours to handle),
 * death with the parent, output to the capture file. */
static void exec_qemu(const struct qemu *q, char **argv, pid_t parent)
{
	int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent || devnull < 0)
		_exit(127);
	dup2(devnull, 0);
	dup2(q->err_fd, 1);
	dup2(q->err_fd, 2);
	execvp(argv[0], argv);
	dprintf(2, "cannot run %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

static int spawn(struct qemu *q, const struct vm_opts *o, char *err, size_t errlen)
{
	char mem[256], sock[256], m[32], logpath[128];
	unsigned long long mib = (unsigned long long)(o->mem_size >> 20);
	path_in(q, "ram", logpath, sizeof(logpath));
	snprintf(mem, sizeof(mem), "memory-backend-file,id=ram,size=%lluM,mem-path=%s,share=on",
		 mib, logpath);
	path_in(q, "gdb", logpath, sizeof(logpath));
	snprintf(sock, sizeof(sock), "socket,id=gdb,path=%s,server=on,wait=off", logpath);
	snprintf(m, sizeof(m), "%lluM", mib);
	char *argv[40] = {
		(char *)qemu_binary(), "-accel", "tcg", "-cpu", "max,vendor=GenuineIntel",
		"-machine", "pc,memory-backend=ram", "-m", m, "-object", mem,
		"-nodefaults", "-no-user-config", "-display", "none", "-monitor", "none",
		"-serial", "none", "-parallel", "none", "-net", "none", "-action", "reboot=shutdown,shutdown=pause", "-S",
		"-icount", "shift=0,sleep=off", "-chardev", sock, "-gdb", "chardev:gdb",
	};
	int n = 0;
	while (argv[n])
		n++;
	if (o->qemu_log) {
		argv[n++] = "-d";
		argv[n++] = "int";
		argv[n++] = "-D";
		argv[n++] = (char *)o->qemu_log;
	}
	argv[n] = NULL;
	path_in(q, "stderr", logpath, sizeof(logpath));
	q->err_fd = open(logpath, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	pid_t parent = getpid();
	if (q->err_fd < 0 || (q->pid = fork()) < 0) {
		snprintf(err, errlen, "cannot start QEMU: %s", strerror(errno));
		return VMM_E_QEMU;
	}
	if (q->pid == 0)
		exec_qemu(q, argv, parent);
	return 0;
}

void qemu_why(struct qemu *q, char *why, size_t len)
{
	char buf[2048], *line;
	int status;
	ssize_t n = q->err_fd >= 0 ? pread(q->err_fd, buf, sizeof(buf) - 1, 0) : -1;
	buf[n > 0 ? n : 0] = '\0';
	while ((line = strrchr(buf, '\n')) && !line[1])
		*line = '\0';	/* the last non-empty line says most */
	line = strrchr(buf, '\n');
	line = line ? line + 1 : buf;
	if (q->pid > 0 && waitpid(q->pid, &status, WNOHANG) == q->pid) {
		q->pid = 0;
		q->reaped = 1;
		q->status = status;
	}
	status = q->status;
	if (q->reaped) {
		snprintf(why, len, "QEMU %s %d%s%s", WIFSIGNALED(status) ? "was killed by signal"
			 : "exited with status", WIFSIGNALED(status) ? WTERMSIG(status)
			 : WEXITSTATUS(status), *line ? ": " : "", line);
	} else {
		snprintf(why, len, "QEMU stopped answering%s%s", *line ? ": " : "", line);
	}
}

static int connect_stub(struct qemu *q, char *err, size_t errlen)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	path_in(q, "gdb", a.sun_path, sizeof(a.sun_path));
	for (int i = 0; i < CONNECT_TRIES; i++) {
		q->sock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (q->sock >= 0 && connect(q->sock, (struct sockaddr *)&a, sizeof(a)) == 0)
			return 0;
		if (q->sock >= 0)
			close(q->sock);
		q->sock = -1;
		/* Still running? Ask without reaping: qemu_why wants the status. */
		siginfo_t si = { .si_pid = 0 };
		if (waitid(P_PID, (id_t)q->pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 && !si.si_pid) {
			nanosleep(&(struct timespec){ .tv_nsec = 5000000 }, NULL);
			continue;
		}
		break;
	}
	char why[256];
	qemu_why(q, why, sizeof(why));
	snprintf(err, errlen, "QEMU failed to start: %s", why);
	return VMM_E_QEMU;
}

void qemu_remove_dir(struct qemu *q)
{
	static const char *const names[] = { "gdb", "ram", "stderr" };
	char path[128];
	if (!q->dir[0])
		return;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		path_in(q, names[i], path, sizeof(path));
		unlink(path);
	}
	rmdir(q->dir);
	q->dir[0] = '\0';
}

int qemu_start(struct qemu *q, const struct vm_opts *o, struct guest_mem *mem, char *err,
	       size_t errlen)
{
	*q = (struct qemu){ .pid = 0, .sock = -1, .err_fd = -1 };
	int rc = make_dir(q, err, errlen);
	if (!rc)
		rc = map_memory(q, mem, o->mem_size, err, errlen);
	if (!rc)
		rc = spawn(q, o, err, errlen);
	if (!rc)
		rc = connect_stub(q, err, errlen);
	return rc;
}

void qemu_stop(struct qemu *q)
{
	if (q->sock >= 0)
		close(q->sock);
	if (q->pid > 0) {
		kill(q->pid, SIGKILL);
		waitpid(q->pid, NULL, 0);
	}
	if (q->err_fd >= 0)
		close(q->err_fd);
	qemu_remove_dir(q);
	*q = (struct qemu){ .pid = 0, .sock = -1, .err_fd = -1 };
}
