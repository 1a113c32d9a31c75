/* Reading a whole file into memory: the kernel and programs the user names. */
#ifndef VMM_READFILE_H
#define VMM_READFILE_H

#include <stddef.h>
#include <stdint.h>

/* Read a whole regular file of at most max bytes into malloc'd *data (the
 * caller frees it). 0, or -1 with a message that names the path and the
 * cause (errorf.h). */
int read_whole_file(const char *path, size_t max, uint8_t **data, size_t *len, char *err,
		    size_t errlen);

#endif
