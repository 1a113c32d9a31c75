/* init's scenarios. Each returns the number of cases that went wrong. */
#ifndef USER_SCENARIO_H
#define USER_SCENARIO_H

#include <fl_scenarios.h>

/* scenario.c: init's own command line, for scenarios that take options
 * (main sets it), and check(), which prints one case as "[init] ... ok". */
extern int init_argc;
extern char **init_argv;

int check(int good, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define DECLARE_SCENARIO(ident, name, in_tour, text) int sc_##ident(void);
FL_SCENARIOS(DECLARE_SCENARIO)

#endif
