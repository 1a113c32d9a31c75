/* The user's programs and their arguments (`faultline run --program FILE
 * ... -- ARGS`), checked on the command line before any file is read, and
 * the kernel command line they end up in (fl_abi.h, "Command line"). */
#ifndef TRACER_PROGARGS_H
#define TRACER_PROGARGS_H

#include <stddef.h>

#include <fl_abi.h>

/* The boot module name of a program after the first: its file's basename. */
const char *program_name(const char *path);

/* 0, or 2 with a one-line message: an empty name or one too long for a boot
 * module, two programs or a program and a built-in one of the same name, or
 * more programs than the boot modules have room for. */
int check_programs(const char *const *paths, unsigned n);

/* args as FL_ARGS_SEP and the quoted arguments, into out (FL_CMDLINE_MAX + 1
 * bytes); 0, or 2 with a one-line message for too many arguments, a control
 * character, or a command line with scenario that would not fit. */
int encode_args(char *out, const char *scenario, char *const *args, int n);

/* words (`run --append`), then extra if not NULL (what encode_args made),
 * into out (FL_CMDLINE_MAX + 1 bytes); 0, or 2 with a one-line message for
 * a control character, an FL_ARGS_SEP word (init's argv would change), or a
 * command line with scenario that would not fit. */
int append_words(char *out, const char *scenario, const char *words, const char *extra);

/* "scenario=NAME" and extra (if not NULL) into out, FL_CMDLINE_MAX + 1 bytes;
 * -1 if that is longer than FL_CMDLINE_MAX. */
int kernel_cmdline(char *out, const char *scenario, const char *extra);

#endif
