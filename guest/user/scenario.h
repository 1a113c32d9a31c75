/* init's scenarios. Each returns the number of cases that went wrong. */
#ifndef USER_SCENARIO_H
#define USER_SCENARIO_H

/* scenario.c: init's own command line, for scenarios that take options
 * (main sets it), and check(), which prints one case as "[init] ... ok". */
extern int init_argc;
extern char **init_argv;

int check(int good, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

int sc_boot(void);
int sc_uaccess(void);
int sc_divide(void);
int sc_demand(void);
int sc_vmalloc(void);
int sc_verify_area(void);
int sc_race(void);
int sc_module(void);
int sc_module_gone(void);
int sc_oops(void);
int sc_bench(void);
int sc_user_faults(void);

#endif
