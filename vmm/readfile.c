#include "readfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errorf.h"

/* Returns 0, -1 with errno on a read error, or 1 if the file ended early. */
static int read_all(int fd, uint8_t *buf, size_t len)
{
	while (len) {
		ssize_t n = read(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -1 : 1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static int read_fd(int fd, const char *path, size_t max, uint8_t **data, size_t *len, char *err,
		   size_t errlen)
{
	struct stat st;

	if (fstat(fd, &st) != 0)
		return errorf(err, errlen, "%s: %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return errorf(err, errlen, "%s: not a regular file", path);
	if (st.st_size == 0)
		return errorf(err, errlen, "%s: empty file", path);
	if ((uint64_t)st.st_size > max)
		return errorf(err, errlen, "%s: too large (%lld bytes, max %zu)", path,
			      (long long)st.st_size, max);
	uint8_t *buf = malloc((size_t)st.st_size);
	if (!buf)
		return errorf(err, errlen, "%s: out of memory for %lld bytes", path,
			      (long long)st.st_size);
	int rc = read_all(fd, buf, (size_t)st.st_size);
	if (rc) {
		errorf(err, errlen, "%s: %s", path,
		       rc < 0 ? strerror(errno) : "file shrank while being read");
		free(buf);
		return -1;
	}
	*data = buf;
	*len = (size_t)st.st_size;
	return 0;
}

int read_whole_file(const char *path, size_t max, uint8_t **data, size_t *len, char *err,
		    size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errorf(err, errlen, "%s: %s", path, strerror(errno));
	int rc = read_fd(fd, path, max, data, len, err, errlen);
	close(fd);
	return rc;
}
