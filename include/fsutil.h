/*
 * fsutil.h: locking and crash-safe file writes, for newsfetch's state
 * file and newsmerge's corpus directory.
 */
#ifndef NF_FSUTIL_H
#define NF_FSUTIL_H

#include <stddef.h>

/* Take an exclusive flock(2) on path (created if missing), waiting for it
 * if wait != 0; returns the fd to keep open while locked, -1 (errno set;
 * EWOULDBLOCK if held and !wait). */
int fs_lock(const char *path, int wait);
void fs_unlock(int fd);

/* Replace path with data atomically: write path.tmp.PID, fsync, rename,
 * fsync the directory. Returns 0 or -1 (errno set). */
int fs_write_atomic(const char *path, const void *data, size_t len);

/* Append all of data to fd, retrying short writes; 0 or -1. */
int fs_write_all(int fd, const void *data, size_t len);

/* Read a whole file into a malloc'd NUL-terminated buffer; NULL on error
 * (errno set). *len gets the length if len is not NULL. */
char *fs_read_file(const char *path, size_t *len);

#endif
