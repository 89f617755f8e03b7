/*
 * state.c: what newsfetch remembers between runs (-s FILE).
 *
 * The file is text, one entry a line, fields separated by tabs:
 *
 *	# newsfetch state 1
 *	u	NORMALIZED-URL	EPOCH
 *	f	FEED-URL	ETAG	LAST-MODIFIED	EPOCH
 *
 * "u" lines are article URLs already fetched (url_normalize()d), with the
 * time they were fetched; "f" lines hold the validators of a feed for the
 * next conditional GET (either may be empty). Unknown or malformed lines
 * are reported and dropped. FILE.lock is held (flock) for the whole run, so
 * an overlapping run waits and then starts from what the first one saved;
 * the file is replaced atomically at the end (written to FILE.tmp.PID,
 * synced, renamed), so a run killed at any point leaves the last complete
 * file. Entries not renewed for --expire days are dropped then.
 *
 * Size: the keys loaded from the file stay in the file's buffer (the
 * lines are cut in place), and the file is written back through stdio, so
 * 100,000 URLs cost the file once plus a 16-byte slot each.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "nf.h"
#include "buf.h"
#include "fsutil.h"
#include "sha1.h"
#include "fetch.h"

struct sent {
	char *key;
	long long t;
};

struct feedent {
	char *url, *etag, *lastmod;
	long long t;
};

/* 90 days: feeds list their last few days or weeks of items, so a URL
 * unseen for a season will not come back through them. */
double state_expire = 90 * 86400.0;

static char *filedata;			/* the file as read; keys point into it */
static size_t filelen;
static struct sent *tab;		/* open addressing, size a power of 2 */
static size_t tabsize, tabused;
static struct feedent *feeds;
static size_t nfeeds;
static char *statepath;
static int lockfd = -1;

static struct sent *
slot(const char *key)
{
	size_t i = hash64(key, strlen(key)) & (tabsize - 1);

	while (tab[i].key != NULL && strcmp(tab[i].key, key) != 0)
		i = (i + 1) & (tabsize - 1);
	return &tab[i];
}

static void
grow(void)
{
	struct sent *old = tab;
	size_t i, n = tabsize;

	tabsize = n ? n * 2 : 1024;
	tab = xcalloc(tabsize, sizeof *tab);
	for (i = 0; i < n; i++)
		if (old[i].key != NULL)
			*slot(old[i].key) = old[i];
	free(old);
}

static int
borrowed(const char *key)
{
	return filedata != NULL && key >= filedata && key < filedata + filelen;
}

/* Remember key (copied unless it lies in filedata) with time t. */
static void
put(char *key, long long t)
{
	struct sent *s;

	if ((tabused + 1) * 2 > tabsize)
		grow();
	s = slot(key);
	if (s->key == NULL) {
		s->key = borrowed(key) ? key : xstrdup(key);
		tabused++;
	}
	s->t = t;
}

static struct feedent *
feed_find(const char *url)
{
	size_t i;

	for (i = 0; i < nfeeds; i++)
		if (strcmp(feeds[i].url, url) == 0)
			return &feeds[i];
	return NULL;
}

/* A field fit for the file: no tab, CR or LF. */
static int
clean_field(const char *s)
{
	return s == NULL || strpbrk(s, "\t\r\n") == NULL;
}

/* Cut the file into lines and fields in place. */
static void
load(char *p, char *end)
{
	unsigned long lineno = 0;

	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p)), *f[6], *s, *tabp;
		char *le = nl ? nl : end;
		int nf = 0;

		lineno++;
		*le = '\0';
		if (le > p && le[-1] == '\r')
			le[-1] = '\0';
		s = p;
		p = le + 1;
		if (s[0] == '#' || s[0] == '\0')
			continue;
		while (nf < 6) {
			f[nf++] = s;
			if ((tabp = strchr(s, '\t')) == NULL)
				break;
			*tabp = '\0';
			s = tabp + 1;
		}
		if (strcmp(f[0], "u") == 0 && nf == 3 && f[1][0] != '\0') {
			put(f[1], strtoll(f[2], NULL, 10));
		} else if (strcmp(f[0], "f") == 0 && nf == 5 && f[1][0] != '\0') {
			state_feed_set(f[1], f[2], f[3]);
			feeds[nfeeds - 1].t = strtoll(f[4], NULL, 10);
		} else {
			nf_warn("%s: line %lu: not a state entry, dropped", statepath, lineno);
		}
	}
}

/* Write the entries to path.tmp.PID, sync, rename over path, sync the
 * directory: 0, or -1 with errno set (the old file is then untouched). */
static int
save(const char *path)
{
	struct buf tmp = {0};
	long long old = (long long)time(NULL) - (long long)state_expire;
	size_t i, expired = 0;
	char *dcopy;
	FILE *fp;
	int fd, e;

	buf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid());
	if ((fd = open(tmp.p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0 ||
	    (fp = fdopen(fd, "w")) == NULL) {
		e = errno;
		if (fd >= 0)
			close(fd);
		goto fail;
	}
	fputs("# newsfetch state 1\n", fp);
	for (i = 0; i < nfeeds; i++)
		if (feeds[i].t >= old)
			fprintf(fp, "f\t%s\t%s\t%s\t%lld\n", feeds[i].url,
			    feeds[i].etag, feeds[i].lastmod, feeds[i].t);
		else
			expired++;
	for (i = 0; i < tabsize; i++)
		if (tab[i].key == NULL)
			continue;
		else if (tab[i].t >= old)
			fprintf(fp, "u\t%s\t%lld\n", tab[i].key, tab[i].t);
		else
			expired++;
	if (fflush(fp) != 0 || ferror(fp) || fsync(fileno(fp)) != 0) {
		e = errno;
		fclose(fp);
		unlink(tmp.p);
		goto fail;
	}
	if (fclose(fp) != 0 || rename(tmp.p, path) != 0) {
		e = errno;
		unlink(tmp.p);
		goto fail;
	}
	/* The rename is durable only once the directory is synced. */
	dcopy = xstrdup(path);
	if ((fd = open(dirname(dcopy), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dcopy);
	buf_free(&tmp);
	if (expired > 0)
		nf_debug("%s: %zu entries older than %.0f days dropped", path, expired,
		    state_expire / 86400);
	return 0;
fail:
	buf_free(&tmp);
	errno = e;
	return -1;
}

int
state_open(const char *path)
{
	struct buf lk = {0};
	size_t lines = 0;
	double t0;

	statepath = xstrdup(path);
	buf_printf(&lk, "%s.lock", path);
	if ((lockfd = fs_lock(lk.p, 0)) < 0) {
		if (errno != EWOULDBLOCK && errno != EAGAIN)
			nf_dieerr("%s", lk.p);
		nf_warn("%s: another run holds the lock, waiting", lk.p);
		if ((lockfd = fs_lock(lk.p, 1)) < 0)
			nf_dieerr("%s", lk.p);
	}
	buf_free(&lk);
	t0 = now_mono();
	if ((filedata = fs_read_file(path, &filelen)) == NULL) {
		if (errno != ENOENT)
			nf_dieerr("%s", path);
		return 0;
	}
	/* Size the table for the file's lines at once: growing it by
	 * doubling would hold the old and the new table together. */
	for (const char *q = filedata; (q = memchr(q, '\n', filedata + filelen - q)) != NULL; q++)
		lines++;
	while (tabsize < 2 * (lines + 1))
		tabsize = tabsize ? 2 * tabsize : 1024;
	tab = xcalloc(tabsize, sizeof *tab);
	load(filedata, filedata + filelen);
	nf_debug("%s: %zu URLs and %zu feeds loaded in %.1f ms", path, tabused, nfeeds,
	    (now_mono() - t0) * 1000);
	return 0;
}

void
state_close(void)
{
	size_t i;

	if (statepath == NULL)
		return;
	if (save(statepath) != 0)
		nf_dieerr("%s", statepath);
	fs_unlock(lockfd);
	lockfd = -1;
	for (i = 0; i < tabsize; i++)
		if (!borrowed(tab[i].key))
			free(tab[i].key);
	free(tab);
	tab = NULL;
	tabsize = tabused = 0;
	for (i = 0; i < nfeeds; i++) {
		free(feeds[i].url);
		free(feeds[i].etag);
		free(feeds[i].lastmod);
	}
	free(feeds);
	feeds = NULL;
	nfeeds = 0;
	free(filedata);
	filedata = NULL;
	free(statepath);
	statepath = NULL;
}

int
state_seen(const char *norm)
{
	struct sent *s;

	if (tab == NULL || (s = slot(norm))->key == NULL)
		return 0;
	s->t = (long long)time(NULL);
	return 1;
}

void
state_mark(const char *norm)
{
	if (statepath != NULL && clean_field(norm))
		put((char *)norm, (long long)time(NULL));
}

void
state_feed_get(const char *url, const char **etag, const char **lastmod)
{
	struct feedent *f = statepath ? feed_find(url) : NULL;

	*etag = f && f->etag[0] ? f->etag : NULL;
	*lastmod = f && f->lastmod[0] ? f->lastmod : NULL;
}

void
state_feed_set(const char *url, const char *etag, const char *lastmod)
{
	struct feedent *f;

	if (statepath == NULL || !clean_field(url) || !clean_field(etag) ||
	    !clean_field(lastmod))
		return;
	if ((f = feed_find(url)) == NULL) {
		feeds = xrealloc(feeds, (nfeeds + 1) * sizeof *feeds);
		f = &feeds[nfeeds++];
		f->url = xstrdup(url);
	} else {
		free(f->etag);
		free(f->lastmod);
	}
	f->etag = xstrdup(etag ? etag : "");
	f->lastmod = xstrdup(lastmod ? lastmod : "");
	f->t = (long long)time(NULL);
}
