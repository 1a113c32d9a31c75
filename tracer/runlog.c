#include "runlog.h"

#include <openssl/evp.h>
#include <stdio.h>

#include <fl_abi.h>

#include "cli.h"
#include "clock.h"
#include "termtext.h"

int runlog_open(struct runlog *rl, const char *path)
{
	char err[512];
	*rl = (struct runlog){ 0 };
	if (db_open(&rl->db, path, err, sizeof(err))) {
		fl_error("%s", err);
		return -1;
	}
	return 0;
}

int runlog_begin(struct runlog *rl, const struct run_info *info)
{
	rl->t0_ns = monotonic_ns();
	if (db_run_begin(rl->db, info, &rl->run_id)) {
		fl_error("%s", db_error(rl->db));
		return -1;
	}
	return 0;
}

void runlog_console(void *ctx, const char *line, size_t len)
{
	struct runlog *rl = ctx;
	/* The guest's bytes go to a terminal: through the one sanitizer, with
	 * room for a whole line of the VMM's (1 KiB; each byte is at most a
	 * 4-column escape); anything longer would be cut with a mark. */
	enum { SHOWN_MAX = 4096 };
	static char shown[TERM_BYTES(SHOWN_MAX)];
	term_text(shown, (const unsigned char *)line, len, SHOWN_MAX, NULL);
	puts(shown);
	fflush(stdout);
	if (!rl->failed && db_add_console(rl->db, rl->run_id, monotonic_ns() - rl->t0_ns, line, len)) {
		rl->failed = 1;
		fl_error("recording stopped: %s", db_error(rl->db));
	}
}

const char *run_status(const struct vm_result *res)
{
	switch (res->outcome) {
	case VM_EXITED:
		return res->exit_status == FL_EXIT_OOPS || res->exit_status == FL_EXIT_PANIC
			       ? RUN_GUEST_FAILED : RUN_COMPLETED;
	case VM_TIMEOUT:
		return RUN_TIMEOUT;
	case VM_INTERRUPTED:
		return RUN_INTERRUPTED;
	case VM_CRASHED:
	case VM_BAD_GUEST:
		return RUN_GUEST_FAILED;
	default:
		return RUN_VMM_ERROR;
	}
}

int runlog_end(struct runlog *rl, const struct run_end *end)
{
	if (db_run_end(rl->db, rl->run_id, end)) {
		fl_error("%s", db_error(rl->db));
		return -1;
	}
	return 0;
}

void runlog_close(struct runlog *rl)
{
	if (rl->db)
		db_close(rl->db);
	rl->db = NULL;
}

void sha256_hex(const uint8_t *data, size_t len, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	out[0] = '\0';
	if (!EVP_Digest(data, len, md, &n, EVP_sha256(), NULL))
		return;
	for (unsigned int i = 0; i < n && i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}
