/* One run's record in the database: its row in runs, its console lines, and
 * how it ended. */
#ifndef TRACER_RUNLOG_H
#define TRACER_RUNLOG_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "vm.h"

struct runlog {
	struct db *db;
	int64_t run_id;
	uint64_t t0_ns;
	int failed;		/* a write failed: stop recording, say so once */
};

/* Open the database (before the guest starts, so a bad path costs nothing). */
int runlog_open(struct runlog *rl, const char *path);
int runlog_begin(struct runlog *rl, const struct run_info *info);
/* vm_hooks.console_line */
void runlog_console(void *ctx, const char *line, size_t len);
/* The run's status word for a VM outcome. */
const char *run_status(const struct vm_result *res);
int runlog_end(struct runlog *rl, const struct run_end *end);
void runlog_close(struct runlog *rl);

void sha256_hex(const uint8_t *data, size_t len, char out[65]);

#endif
