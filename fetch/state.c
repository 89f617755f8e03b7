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
 * an overlapping run waits; the file is replaced atomically at the end.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

static void
put(const char *key, long long t)
{
	struct sent *s;

	if ((tabused + 1) * 2 > tabsize)
		grow();
	s = slot(key);
	if (s->key == NULL) {
		s->key = xstrdup(key);
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

static void
load(const char *data)
{
	const char *p = data;
	unsigned long lineno = 0;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, len), *f[6];
		int nf = 0;
		char *s = line, *tabp;

		lineno++;
		p += len + (nl != NULL);
		if (len > 0 && line[len - 1] == '\r')
			line[len - 1] = '\0';
		if (line[0] == '#' || line[0] == '\0') {
			free(line);
			continue;
		}
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
		free(line);
	}
}

int
state_open(const char *path)
{
	struct buf lk = {0};
	char *data;

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
	if ((data = fs_read_file(path, NULL)) == NULL) {
		if (errno != ENOENT)
			nf_dieerr("%s", path);
		return 0;
	}
	load(data);
	free(data);
	return 0;
}

void
state_close(void)
{
	struct buf b = {0};
	size_t i;

	if (statepath == NULL)
		return;
	buf_puts(&b, "# newsfetch state 1\n");
	for (i = 0; i < nfeeds; i++)
		buf_printf(&b, "f\t%s\t%s\t%s\t%lld\n", feeds[i].url, feeds[i].etag,
		    feeds[i].lastmod, feeds[i].t);
	for (i = 0; i < tabsize; i++)
		if (tab[i].key != NULL)
			buf_printf(&b, "u\t%s\t%lld\n", tab[i].key, tab[i].t);
	if (fs_write_atomic(statepath, b.p, b.len) != 0)
		nf_dieerr("%s", statepath);
	buf_free(&b);
	fs_unlock(lockfd);
	lockfd = -1;
	for (i = 0; i < tabsize; i++)
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
	free(statepath);
	statepath = NULL;
}

int
state_seen(const char *norm)
{
	return tab != NULL && slot(norm)->key != NULL;
}

void
state_mark(const char *norm)
{
	if (statepath != NULL && clean_field(norm))
		put(norm, (long long)time(NULL));
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
