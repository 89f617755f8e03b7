/*
 * fsutil.c: locks and crash-safe writes.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/stat.h>

#include "buf.h"
#include "fsutil.h"

int
fs_lock(const char *path, int wait)
{
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);

	if (fd < 0)
		return -1;
	while (flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) < 0) {
		if (errno == EINTR)
			continue;
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

void
fs_unlock(int fd)
{
	if (fd >= 0) {
		flock(fd, LOCK_UN);
		close(fd);
	}
}

int
fs_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
fs_write_atomic(const char *path, const void *data, size_t len)
{
	struct buf tmp = {0};
	char *dcopy, *dir;
	int fd, e, dfd;

	buf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid());
	fd = open(tmp.p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		goto fail;
	if (fs_write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		e = errno;
		close(fd);
		unlink(tmp.p);
		errno = e;
		goto fail;
	}
	if (close(fd) < 0 || rename(tmp.p, path) < 0) {
		e = errno;
		unlink(tmp.p);
		errno = e;
		goto fail;
	}
	/* The rename is durable only once the directory is synced. */
	dcopy = xstrdup(path);
	dir = dirname(dcopy);
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(dcopy);
	buf_free(&tmp);
	return 0;
fail:
	buf_free(&tmp);
	return -1;
}

char *
fs_read_file(const char *path, size_t *lenp)
{
	struct buf b = {0};
	char tmp[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	buf_grow(&b, 0);
	for (;;) {
		n = read(fd, tmp, sizeof tmp);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			buf_free(&b);
			errno = e;
			return NULL;
		}
		if (n == 0)
			break;
		buf_append(&b, tmp, (size_t)n);
	}
	close(fd);
	if (lenp)
		*lenp = b.len;
	return buf_detach(&b);
}
