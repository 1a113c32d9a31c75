/* faultline replay: options, the database, and which fault; viz/replay.c
 * draws it on the terminal or as a page. */
#include <getopt.h>
#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "db.h"
#include "replay.h"

struct replay_opts {
	const char *db, *html;
	unsigned long long run, fault;
	struct replay_view view;
};

static int parse(int argc, char **argv, struct replay_opts *o)
{
	static const struct option longopts[] = {
		{ "db", required_argument, 0, 'd' }, { "run", required_argument, 0, 'r' },
		{ "fault", required_argument, 0, 'f' }, { "milestones", no_argument, 0, 'm' },
		{ "all", no_argument, 0, 'a' }, { "html", required_argument, 0, 'h' },
		{ 0, 0, 0, 0 },
	};
	*o = (struct replay_opts){ .db = db_default_path(),
				   .view.interactive = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) };
	optind = 1;
	for (int c; (c = getopt_long(argc, argv, "", longopts, NULL)) != -1;) {
		if (c == 'd')
			o->db = optarg;
		else if (c == 'h')
			o->html = optarg;
		else if (c == 'm')
			o->view.only_milestones = 1;
		else if (c == 'a')
			o->view.all = 1, o->view.interactive = 0;
		else if ((c == 'r' || c == 'f') &&
			 !parse_u64(optarg, 1, INT64_MAX, c == 'r' ? &o->run : &o->fault))
			;
		else
			return usage(stderr, "replay");
	}
	return optind < argc ? usage(stderr, "replay") : 0;
}

static int show(sqlite3 *h, const struct replay_opts *o, int64_t run, int64_t fault)
{
	char err[512];
	if (o->html ? replay_html(h, run, fault, o->html, err, sizeof(err))
		    : replay_terminal(h, run, fault, &o->view, err, sizeof(err))) {
		fl_error("%s", err);
		return 1;
	}
	if (o->html)
		printf("Wrote %s\n", o->html);
	return 0;
}

int cmd_replay(int argc, char **argv)
{
	struct replay_opts o;
	sqlite3 *h;
	char err[512];
	int rc = parse(argc, argv, &o);
	if (rc)
		return rc;
	if (db_open_readonly(&h, o.db, err, sizeof(err))) {
		fl_error("%s", err);
		return 1;
	}
	int64_t run = (int64_t)o.run, fault = (int64_t)o.fault;
	if (replay_pick(h, &run, &fault)) {
		fl_error("%s: no stepped fault%s (record one with `faultline run --steps`)", o.db,
			 o.run || o.fault ? " matches --run/--fault" : "");
		sqlite3_close(h);
		return 1;
	}
	rc = show(h, &o, run, fault);
	sqlite3_close(h);
	return rc;
}
