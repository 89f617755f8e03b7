/*
 * corpus.c: the corpus directory.
 *
 *	DIR/lock		flock(2)ed by the run that owns DIR
 *	DIR/documents.jsonl	the kept documents, append-only, in order
 *	DIR/duplicates.jsonl	one record per dropped duplicate
 *	DIR/index		keys of the documents (index.c); rebuildable
 *	DIR/index.tail		a merge of index segments in progress
 *
 * Order of writes for a batch: documents (write(2) on an O_APPEND fd, then
 * fdatasync), duplicates (the same), and at the end of the run the index
 * segment naming how many document bytes it covers. A crash can thus
 * leave (a) a torn last line in documents.jsonl, never acknowledged on
 * stdout, which the next run cuts and reports; (b) whole documents the
 * index does not cover, which the next run indexes before it reads its
 * input; (c) a torn index segment or merge journal (index.c). None of
 * these loses a kept document or keeps one twice.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "nf.h"
#include "buf.h"
#include "fsutil.h"
#include "jsonl.h"
#include "sha1.h"
#include "url.h"
#include "merge.h"

void
crash_at(const char *name)
{
	const char *at = getenv("NEWSMERGE_CRASH_AT");

	if (at && strcmp(at, name) == 0)
		raise(SIGKILL);
}

size_t
crash_torn(const char *name, size_t len)
{
	const char *at = getenv("NEWSMERGE_CRASH_AT");

	return at && strcmp(at, name) == 0 ? len / 2 : len;
}

static char *
joinpath(const char *dir, const char *name)
{
	struct buf b = {0};

	buf_printf(&b, "%s/%s", dir, name);
	return buf_detach(&b);
}

/* mkdir -p */
static void
make_dir(const char *dir)
{
	char *p = xstrdup(dir), *s;
	struct stat st;

	for (s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0777) < 0 && errno != EEXIST) {
				nf_warn("%s: cannot create: %s", p, strerror(errno));
				free(p);
				exit(NF_EXIT_USAGE);
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	free(p);
	if (stat(dir, &st) < 0)
		nf_dieerr("%s", dir);
	if (!S_ISDIR(st.st_mode))
		nf_die("%s: not a directory", dir);
}

uint64_t
repair_tail(int fd, const char *path)
{
	struct stat st;
	char blk[65536];
	uint64_t size, end;

	if (fstat(fd, &st) < 0)
		nf_dieerr("%s", path);
	size = end = (uint64_t)st.st_size;
	while (end > 0) {
		size_t n = end < sizeof blk ? (size_t)end : sizeof blk;
		ssize_t r = pread(fd, blk, n, (off_t)(end - n));
		size_t i;

		if (r != (ssize_t)n)
			nf_dieerr("%s: read", path);
		for (i = n; i > 0 && blk[i - 1] != '\n'; i--)
			;
		if (i > 0) {
			end = end - n + i;
			break;
		}
		end -= n;
	}
	if (end == size)
		return size;
	nf_warn("%s: torn tail of %llu bytes repaired (an interrupted run; "
	    "it was never acknowledged)", path, (unsigned long long)(size - end));
	if (ftruncate(fd, (off_t)end) < 0 || fdatasync(fd) < 0)
		nf_dieerr("%s: truncate", path);
	return end;
}

static int
open_append(const char *path)
{
	int fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);

	if (fd < 0)
		nf_dieerr("%s", path);
	return fd;
}

static void
lock_dir(struct corpus *c, int wait)
{
	char *path = joinpath(c->dir, "lock");

	c->lockfd = fs_lock(path, 0);
	if (c->lockfd < 0 && (errno == EWOULDBLOCK || errno == EAGAIN)) {
		if (!wait) {
			free(path);
			nf_die("%s: in use by another newsmerge (-n given)", c->dir);
		}
		if (nf_verbose || nf_isatty_stderr())
			nf_warn("%s: waiting for another newsmerge to finish", c->dir);
		c->lockfd = fs_lock(path, 1);
	}
	if (c->lockfd < 0) {
		int e = errno;
		free(path);
		errno = e;
		nf_dieerr("%s: cannot lock", c->dir);
	}
	free(path);
}

void
derive_id(json_t *obj, const struct key *tk, char out[33])
{
	const char *url = json_str(obj, "url");

	if (url && *url)
		url_id(url, out);
	else
		hex_encode(tk->b, 8, out);
}

int
corpus_index_line(struct corpus *c, const char *line, size_t len, uint64_t off)
{
	static struct buf tmp;
	static struct shingles sh;
	static struct sentkeys sk;
	static struct jdoc d;
	struct key tk, ik, band[MH_BANDS];
	json_t *obj = NULL, *v;
	const char *id;
	char idbuf[33];
	uint32_t version = 1;
	int nband;

	/* Read with the scanner merge.c uses; what it leaves to jansson,
	 * documents without an id (derive_id wants the object) and those
	 * with a version are loaded. */
	if (len > 0 && line[len - 1] == '\n')
		len--;
	if (!jscan_doc(&d, line, len) || !d.has_id || d.has_version) {
		json_error_t jerr;
		obj = json_loadb(line, len, JSON_ALLOW_NUL, &jerr);
		if (obj == NULL || !json_is_object(obj)) {
			json_decref(obj);
			return -1;
		}
		jdoc_from_json(&d, obj);
	}
	if (!d.has_text || !key_text(&tk, &tmp, d.text.p, d.text.len)) {
		json_decref(obj);
		return -1;
	}
	if (!d.has_id) {
		derive_id(obj, &tk, idbuf);
		buf_reset(&d.id);
		buf_puts(&d.id, idbuf);
	} else if (d.id.len > ID_MAX) {
		/* An id with NUL (only a hand-made line: merge.c's input
		 * rejects it) is keyed with all its bytes, as merge.c would
		 * key it. */
		json_decref(obj);
		return -1;
	}
	id = d.id.p;
	v = json_object_get(obj, "version");
	if (json_is_integer(v) && json_integer_value(v) > 1 &&
	    json_integer_value(v) < UINT32_MAX)
		version = (uint32_t)json_integer_value(v);
	key_id(&ik, id, d.id.len);
	index_add(&c->ix, &tk, KIND_TEXT, off, id, d.id.len, version);
	index_add(&c->ix, &ik, KIND_ID, off, id, d.id.len, version);
	/* The keys merge.c adds for a kept document, in the same order:
	 * the first document with a band or sentence keeps it. */
	shingle_hashes(&sh, tmp.p, tmp.len);
	nband = minhash_bands(&sh, band) ? MH_BANDS : 0;
	sentence_keys(&sk, &d);
	doc_add_keys(&c->ix, band, nband, BANDS_UNKNOWN, &sk, NULL, off, id,
	    d.id.len);
	json_decref(obj);
	return 0;
}

char *
corpus_docfile(const char *dir, unsigned i)
{
	struct buf b = {0};

	if (i <= 1)
		buf_printf(&b, "%s/documents.jsonl", dir);
	else
		buf_printf(&b, "%s/documents-%04u.jsonl", dir, i);
	return buf_detach(&b);
}

/* Index the documents files from the index's coverage to their end. */
static void
catch_up(struct corpus *c)
{
	uint64_t off = c->ix.covered, base = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned i, bad = 0;

	if (off >= c->docsize)
		return;
	nf_debug("%s: indexing %llu bytes of documents from offset %llu",
	    c->dir, (unsigned long long)(c->docsize - off),
	    (unsigned long long)off);
	for (i = 1; i <= c->nfiles && off < c->docsize; i++) {
		char *path = corpus_docfile(c->dir, i);
		struct stat st;
		uint64_t end;
		FILE *fp;

		if ((fp = fopen(path, "r")) == NULL || fstat(fileno(fp), &st) < 0)
			nf_dieerr("%s", path);
		end = i == c->nfiles ? c->docsize : base + (uint64_t)st.st_size;
		if (off >= end) {
			base = end;
			fclose(fp);
			free(path);
			continue;
		}
		if (fseeko(fp, (off_t)(off - base), SEEK_SET) < 0)
			nf_dieerr("%s: seek", path);
		while (off < end && (n = getline(&line, &cap, fp)) > 0) {
			if (corpus_index_line(c, line, (size_t)n, off) == 0)
				c->ndocs_indexed++;
			else if (n > 1 && bad++ < 10)
				nf_warn("%s: line at byte %llu: not a document "
				    "with \"text\", not indexed", path,
				    (unsigned long long)(off - base));
			off += (uint64_t)n;
			if (index_full(&c->ix))
				index_flush(&c->ix, off);
		}
		if (ferror(fp))
			nf_dieerr("%s: read", path);
		if (off != end)
			nf_die("%s: changed while locked", path);
		base = end;
		fclose(fp);
		free(path);
	}
	free(line);
	if (c->ndocs_indexed)
		nf_warn("%s: indexed %lu documents the index did not cover",
		    c->dir, c->ndocs_indexed);
	/* Write it now: the next crash then does not redo this work. */
	index_flush(&c->ix, off);
}

/*
 * Find the documents files: documents.jsonl, then documents-0002.jsonl
 * and on while they exist. Only the last is appended to, so only it can
 * have a torn tail.
 */
static void
open_docs(struct corpus *c)
{
	struct stat st;
	char *path;

	c->docsize = 0;
	for (c->nfiles = 1; ; c->nfiles++) {
		c->base = xrealloc(c->base, c->nfiles * sizeof *c->base);
		c->base[c->nfiles - 1] = c->docsize;
		path = corpus_docfile(c->dir, c->nfiles + 1);
		if (stat(path, &st) < 0) {
			if (errno != ENOENT)
				nf_dieerr("%s", path);
			free(path);
			break;
		}
		free(path);
		path = corpus_docfile(c->dir, c->nfiles);
		if (stat(path, &st) < 0)
			nf_dieerr("%s", path);
		c->docsize += (uint64_t)st.st_size;
		free(path);
	}
	c->lastbase = c->docsize;
	c->docpath = corpus_docfile(c->dir, c->nfiles);
	c->docfd = open_append(c->docpath);
	c->docsize += repair_tail(c->docfd, c->docpath);
}

static void
sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0 || fsync(fd) < 0)
		nf_dieerr("%s: sync", dir);
	close(fd);
}

/* Start the next documents file. */
static void
rotate(struct corpus *c)
{
	char *path = corpus_docfile(c->dir, c->nfiles + 1);
	int fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

	if (fd < 0)
		nf_dieerr("%s", path);
	/* Make the new name durable before anything is acknowledged in it. */
	sync_dir(c->dir);
	if (close(c->docfd) < 0)
		nf_dieerr("%s: close", c->docpath);
	nf_debug("%s: starting %s", c->docpath, path);
	free(c->docpath);
	c->docpath = path;
	c->docfd = fd;
	c->nfiles++;
	c->lastbase = c->docsize;
	c->base = xrealloc(c->base, c->nfiles * sizeof *c->base);
	c->base[c->nfiles - 1] = c->docsize;
}

void
corpus_open(struct corpus *c, const char *dir, int flags, uint64_t rotate)
{
	memset(c, 0, sizeof *c);
	c->dir = xstrdup(dir);
	make_dir(dir);
	lock_dir(c, flags & CORPUS_WAIT);
	c->rotate = rotate;
	open_docs(c);
	c->duppath = joinpath(dir, "duplicates.jsonl");
	c->dupfd = open_append(c->duppath);
	repair_tail(c->dupfd, c->duppath);
	index_open(&c->ix, dir);
	sync_dir(dir);	/* the files' names, if they were just created */
	if (flags & CORPUS_REINDEX) {
		nf_debug("%s: rebuilding the index", dir);
		index_reset(&c->ix);
	} else if (c->ix.covered > c->docsize) {
		nf_warn("%s: the index covers %llu bytes but the documents "
		    "have %llu; rebuilding it", dir,
		    (unsigned long long)c->ix.covered,
		    (unsigned long long)c->docsize);
		index_reset(&c->ix);
	}
	catch_up(c);
}

int
corpus_read_line(struct corpus *c, uint64_t off, struct buf *out)
{
	unsigned i;
	uint64_t end;

	buf_reset(out);
	if (off >= c->docsize)
		return -1;
	for (i = c->nfiles; i > 1 && c->base[i - 1] > off; i--)
		;
	end = i < c->nfiles ? c->base[i] : c->docsize;
	if (c->nrfd < c->nfiles) {
		c->rfd = xrealloc(c->rfd, c->nfiles * sizeof *c->rfd);
		while (c->nrfd < c->nfiles)
			c->rfd[c->nrfd++] = -1;
	}
	if (c->rfd[i - 1] < 0) {
		char *path = corpus_docfile(c->dir, i);
		c->rfd[i - 1] = open(path, O_RDONLY | O_CLOEXEC);
		if (c->rfd[i - 1] < 0)
			nf_dieerr("%s", path);
		free(path);
	}
	/* Read on until the line's end: documents are a few kB. */
	for (;;) {
		char *nl;
		size_t want = 16384;
		ssize_t r;
		uint64_t at = off + out->len;

		if (at >= end)
			return -1;
		if (want > end - at)
			want = (size_t)(end - at);
		buf_grow(out, want + 1);
		r = pread(c->rfd[i - 1], out->p + out->len, want,
		    (off_t)(at - c->base[i - 1]));
		if (r <= 0)
			return -1;
		nl = memchr(out->p + out->len, '\n', (size_t)r);
		if (nl) {
			out->len = (size_t)(nl - out->p);
			out->p[out->len] = '\0';
			return 0;
		}
		out->len += (size_t)r;
	}
}

/* Append all of b to fd and sync; on failure cut what was written. */
static void
append_synced(int fd, const struct buf *b, uint64_t size, const char *path,
    const char *torn)
{
	size_t n;

	if (b->len == 0)
		return;
	n = crash_torn(torn, b->len);
	if (fs_write_all(fd, b->p, n) < 0 ||
	    (crash_at(torn), fs_write_all(fd, b->p + n, b->len - n)) < 0 ||
	    fdatasync(fd) < 0) {
		int e = errno;
		if (ftruncate(fd, (off_t)size) == 0)
			fdatasync(fd);
		errno = e;
		nf_dieerr("%s: append", path);
	}
}

void
corpus_commit(struct corpus *c, const struct buf *docs, const struct buf *dups)
{
	struct stat st;

	if (docs->len && c->rotate && c->docsize - c->lastbase >= c->rotate)
		rotate(c);
	append_synced(c->docfd, docs, c->docsize - c->lastbase, c->docpath,
	    "docs-torn");
	c->docsize += docs->len;
	crash_at("docs-synced");
	if (dups->len) {
		if (fstat(c->dupfd, &st) < 0)
			nf_dieerr("%s", c->duppath);
		append_synced(c->dupfd, dups, (uint64_t)st.st_size, c->duppath,
		    "dups-torn");
	}
	if (index_full(&c->ix))
		index_flush(&c->ix, c->docsize);
}

void
corpus_close(struct corpus *c)
{
	index_flush(&c->ix, c->docsize);
	nf_debug("%s: %zu index segments cover %llu bytes of documents",
	    c->dir, index_nseg(&c->ix), (unsigned long long)c->ix.covered);
	index_close(&c->ix);
	if (close(c->docfd) < 0)
		nf_dieerr("%s: close", c->docpath);
	if (close(c->dupfd) < 0)
		nf_dieerr("%s: close", c->duppath);
	fs_unlock(c->lockfd);
	if (c->rfd) {
		unsigned i;
		for (i = 0; i < c->nrfd; i++)
			if (c->rfd[i] >= 0)
				close(c->rfd[i]);
	}
	free(c->rfd);
	free(c->base);
	free(c->dir);
	free(c->docpath);
	free(c->duppath);
	memset(c, 0, sizeof *c);
}
