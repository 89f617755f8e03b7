/*
 * newsfetch: fetch news feeds and pages into a WARC file on stdout.
 *
 * Inputs (URLs, list files, stdin) become jobs; http(s) jobs run in the
 * libcurl multi loop of http.c, file: jobs are read here directly. Each
 * finished job is written as WARC records; a feed's items become new jobs
 * carrying what the feed said about them, which ends up in a metadata
 * record beside the page.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <curl/curl.h>
#include <libxml/parser.h>

#include "nf.h"
#include "buf.h"
#include "lineio.h"
#include "sha1.h"
#include "url.h"
#include "utf8.h"
#include "warc.h"
#include "fetch.h"

#define DEFAULT_UA	"newsfetch/" NF_VERSION " (+https://github.com/newsfilters)"
/* A line of a list file longer than this is not a URL. */
#define LIST_LINE_MAX	65536

struct fetch_opts fopt = {
	.user_agent = DEFAULT_UA,
	.jobs = 8,
	.per_host = 2,
	.delay = 1.0,
	.timeout = 60,
	.connect_timeout = 10,
	.max_size = 10 << 20,
	.retries = 2,
};
struct fetch_stats counts;

/* How deep sitemap indexes (and feeds announced by a page) may nest. */
#define MAX_DEPTH	3

static int zflag, discover;
static const char *operator;
static const char *statefile;
static volatile sig_atomic_t stop;

static struct warc_writer *ww;
static char infoid[48];

/* URLs (normalised) queued in this run, so each is fetched once. */
static char **runset;
static size_t runsize, runused;

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: newsfetch [-dvz] [-A agent] [-j jobs] [-s statefile] [--delay seconds]\n"
	    "                 [--expire days] [--ignore-robots] [--max-size size]\n"
	    "                 [--operator text] [--per-host n] [--refetch] [--retries n]\n"
	    "                 [--timeout seconds] [url | listfile | -] ...\n");
}

/* ---- small helpers ---- */

void
job_free(struct job *j)
{
	if (j == NULL)
		return;
	if (j->psha_on)
		job_digest(j);
	free(j->url);
	free(j->norm);
	meta_free(j->meta);
	buf_free(&j->req);
	buf_free(&j->hdr);
	buf_free(&j->body);
	free(j);
}

/* Add norm to the run's set; 0 if it was there already. */
static int
runset_add(const char *norm)
{
	size_t i;

	if ((runused + 1) * 2 > runsize) {
		char **old = runset;
		size_t n = runsize;
		runsize = n ? n * 2 : 1024;
		runset = xcalloc(runsize, sizeof *runset);
		for (i = 0; i < n; i++) {
			size_t k;
			if (old[i] == NULL)
				continue;
			k = hash64(old[i], strlen(old[i])) & (runsize - 1);
			while (runset[k] != NULL)
				k = (k + 1) & (runsize - 1);
			runset[k] = old[i];
		}
		free(old);
	}
	i = hash64(norm, strlen(norm)) & (runsize - 1);
	while (runset[i] != NULL) {
		if (strcmp(runset[i], norm) == 0)
			return 0;
		i = (i + 1) & (runsize - 1);
	}
	runset[i] = xstrdup(norm);
	runused++;
	return 1;
}

static int
is_file_url(const char *u)
{
	return strncasecmp(u, "file:", 5) == 0;
}

/*
 * Records are written by a thread of their own: the block digest and the
 * write of one page overlap the transfers of the next ones (the fetch
 * bench spends half of newsfetch's CPU in SHA-1). The main thread hands
 * over a finished capture (job, stored head, URI, IP) through a queue
 * bounded in bytes, and never touches the job again; the writer thread
 * only writes and frees. A write error stops the writer, and the main
 * thread dies with it (it is the one that may exit).
 */
struct capture {
	struct capture *next;
	struct job *j;
	char *uri;
	char ip[64];
	struct buf head;
};

/* Bytes of captures waiting to be written before the fetching waits. */
#define WQUEUE_MAX	((size_t)16 << 20)

static pthread_t wthread;
static pthread_mutex_t wmu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wcv = PTHREAD_COND_INITIALIZER;
static struct capture *wq, *wqtail;
static size_t wqbytes;
static int wquit, werrno, wstarted;

static void write_capture(struct job *j, const char *uri, const char *ip,
    const struct buf *head, const char *body, size_t blen);

/* Remember a write error: nothing more is written. */
static void
write_failed(void)
{
	int e = errno ? errno : EIO;

	pthread_mutex_lock(&wmu);
	if (werrno == 0)
		werrno = e;
	pthread_cond_broadcast(&wcv);
	pthread_mutex_unlock(&wmu);
}

static int
write_record(const char *type, const struct warc_field *f, size_t n,
    const void *block, size_t len, char *id)
{
	if (warc_write(ww, type, f, n, block, len, id) != 0)
		write_failed();
	return 0;
}

static void *
writer(void *arg)
{
	struct capture *c;
	int failed;

	(void)arg;
	pthread_mutex_lock(&wmu);
	for (;;) {
		while (wq == NULL && !wquit)
			pthread_cond_wait(&wcv, &wmu);
		if ((c = wq) == NULL)
			break;
		if ((wq = c->next) == NULL)
			wqtail = NULL;
		failed = werrno != 0;
		pthread_mutex_unlock(&wmu);
		if (!failed)
			write_capture(c->j, c->uri, c->ip[0] ? c->ip : NULL, &c->head,
			    c->j->body.p ? c->j->body.p : "", c->j->body.len);
		pthread_mutex_lock(&wmu);
		wqbytes -= c->j->body.len + c->head.len;
		pthread_cond_broadcast(&wcv);
		pthread_mutex_unlock(&wmu);
		job_free(c->j);
		buf_free(&c->head);
		free(c->uri);
		free(c);
		pthread_mutex_lock(&wmu);
	}
	pthread_mutex_unlock(&wmu);
	return NULL;
}

static void
writer_check(void)
{
	int e;

	pthread_mutex_lock(&wmu);
	e = werrno;
	pthread_mutex_unlock(&wmu);
	if (e != 0) {
		errno = e;
		nf_dieerr("stdout");
	}
}

/* Hand a capture to the writer thread (takes j and head over). */
static void
writer_put(struct job *j, const char *uri, const char *ip, struct buf *head)
{
	struct capture *c = xcalloc(1, sizeof *c);

	c->j = j;
	c->uri = xstrdup(uri);
	if (ip != NULL)
		snprintf(c->ip, sizeof c->ip, "%s", ip);
	c->head = *head;
	*head = (struct buf){0};
	pthread_mutex_lock(&wmu);
	while (wqbytes > WQUEUE_MAX && werrno == 0)
		pthread_cond_wait(&wcv, &wmu);
	wqbytes += j->body.len + c->head.len;
	if (wqtail)
		wqtail->next = c;
	else
		wq = c;
	wqtail = c;
	pthread_cond_broadcast(&wcv);
	pthread_mutex_unlock(&wmu);
	writer_check();
}

static void
writer_start(void)
{
	if (pthread_create(&wthread, NULL, writer, NULL) != 0)
		nf_die("cannot start the writer thread");
	wstarted = 1;
}

/* Wait until everything handed over is written. */
static void
writer_stop(void)
{
	if (!wstarted)
		return;
	pthread_mutex_lock(&wmu);
	wquit = 1;
	pthread_cond_broadcast(&wcv);
	pthread_mutex_unlock(&wmu);
	pthread_join(wthread, NULL);
	wstarted = 0;
	writer_check();
}

/* ---- output ---- */

/* "name: value\r\n" with the value on one line. */
static void
meta_line(struct buf *b, const char *name, const char *v)
{
	if (v == NULL || *v == '\0')
		return;
	buf_printf(b, "%s: ", name);
	for (; *v; v++)
		buf_putc(b, *v == '\r' || *v == '\n' ? ' ' : *v);
	buf_puts(b, "\r\n");
}

/*
 * Write one capture: the request (http only), the response (status line,
 * headers and body: `head` ends with the blank line) and, for a feed item,
 * the metadata record.
 */
static void
write_capture(struct job *j, const char *uri, const char *ip, const struct buf *head,
    const char *body, size_t blen)
{
	struct warc_field f[10];
	char reqid[48], respid[48];
	struct buf blk = {0};
	struct iovec iov[2];
	size_t n;

	if (j->pdig[0] == '\0')
		warc_digest(body, blen, j->pdig);
	warc_new_id(respid);
	reqid[0] = '\0';
	if (j->req.len > 0) {
		warc_new_id(reqid);
		n = 0;
		f[n++] = (struct warc_field){ "WARC-Record-ID", reqid };
		f[n++] = (struct warc_field){ "WARC-Date", j->date };
		f[n++] = (struct warc_field){ "WARC-Target-URI", (char *)uri };
		if (ip && *ip)
			f[n++] = (struct warc_field){ "WARC-IP-Address", (char *)ip };
		f[n++] = (struct warc_field){ "WARC-Concurrent-To", respid };
		f[n++] = (struct warc_field){ "WARC-Warcinfo-ID", infoid };
		f[n++] = (struct warc_field){ "Content-Type", "application/http; msgtype=request" };
		write_record("request", f, n, j->req.p, j->req.len, NULL);
	}
	n = 0;
	f[n++] = (struct warc_field){ "WARC-Record-ID", respid };
	f[n++] = (struct warc_field){ "WARC-Date", j->date };
	f[n++] = (struct warc_field){ "WARC-Target-URI", (char *)uri };
	if (ip && *ip)
		f[n++] = (struct warc_field){ "WARC-IP-Address", (char *)ip };
	if (reqid[0])
		f[n++] = (struct warc_field){ "WARC-Concurrent-To", reqid };
	f[n++] = (struct warc_field){ "WARC-Warcinfo-ID", infoid };
	f[n++] = (struct warc_field){ "Content-Type", "application/http; msgtype=response" };
	f[n++] = (struct warc_field){ "WARC-Payload-Digest", j->pdig };
	iov[0] = (struct iovec){ head->p, head->len };
	iov[1] = (struct iovec){ (void *)(uintptr_t)body, blen };
	if (warc_writev(ww, "response", f, n, iov, 2, NULL) != 0)
		write_failed();

	if (j->meta != NULL) {
		struct item_meta *m = j->meta;
		meta_line(&blk, "feed-url", m->feed_url);
		meta_line(&blk, "item-title", m->title);
		meta_line(&blk, "item-published", m->published);
		meta_line(&blk, "item-author", m->author);
		meta_line(&blk, "item-description", m->description);
		n = 0;
		f[n++] = (struct warc_field){ "WARC-Date", j->date };
		f[n++] = (struct warc_field){ "WARC-Target-URI", (char *)uri };
		f[n++] = (struct warc_field){ "WARC-Concurrent-To", respid };
		f[n++] = (struct warc_field){ "WARC-Warcinfo-ID", infoid };
		f[n++] = (struct warc_field){ "Content-Type", "application/warc-fields" };
		write_record("metadata", f, n, blk.p, blk.len, NULL);
		buf_free(&blk);
	}
}

static void
write_warcinfo(void)
{
	struct buf b = {0};
	struct warc_field f[2];
	curl_version_info_data *cv = curl_version_info(CURLVERSION_NOW);

	buf_printf(&b, "software: newsfetch/%s (libcurl/%s, libxml2/%s)\r\n", NF_VERSION,
	    cv->version, xmlParserVersion);
	buf_puts(&b, "format: WARC File Format 1.1\r\n");
	buf_puts(&b, "conformsTo: https://iipc.github.io/warc-specifications/"
	    "specifications/warc-format/warc-1.1/\r\n");
	meta_line(&b, "http-header-user-agent", fopt.user_agent);
	meta_line(&b, "operator", operator);
	warc_new_id(infoid);
	f[0] = (struct warc_field){ "WARC-Record-ID", infoid };
	f[1] = (struct warc_field){ "Content-Type", "application/warc-fields" };
	write_record("warcinfo", f, 2, b.p, b.len, NULL);
	buf_free(&b);
}

/* ---- feeds and items ---- */

static void queue_url(char *url, enum job_kind kind, struct item_meta *meta,
    const char *where, int depth);

/* Links a document gave, queued only once the document itself is handed
 * to the writer, so that a feed's record comes before its items' records
 * even for file: items, which are read at once. */
struct feedctx {
	const char *feed;
	struct pending {
		char *link;
		struct item_meta *meta;
	} *v;
	size_t n, cap;
};

static void
on_item(void *arg, const char *link, struct item_meta *meta)
{
	struct feedctx *c = arg;

	if (!meta->subfeed)
		counts.items++;
	/* A feed may point to pages on the web, never to local files unless
	 * it is itself a local file. */
	if (!(strncasecmp(link, "http://", 7) == 0 || strncasecmp(link, "https://", 8) == 0 ||
	    (is_file_url(link) && is_file_url(c->feed)))) {
		nf_debug("%s: item %s: scheme not allowed, skipped", c->feed, link);
		meta_free(meta);
		return;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 16;
		c->v = xrealloc(c->v, c->cap * sizeof *c->v);
	}
	c->v[c->n].link = xstrdup(link);
	c->v[c->n].meta = meta;
	c->n++;
}

/*
 * A fetched body: a feed (for inputs) has its items queued, a sitemap
 * index its sitemaps, an HTML page given as input (with --discover) the
 * feeds it announces; everything is written. Malformed or empty feeds are
 * reported and still written. Takes j and head over.
 */
static void
handle_body(struct job *j, const char *uri_, const char *ip, struct buf *head,
    const char *ctype)
{
	const char *body = j->body.p ? j->body.p : "";
	int kind = j->kind == JOB_INPUT ? feed_sniff(ctype, body, j->body.len) : FEED_NO;
	int nitems = 0, depth = j->depth;
	char *uri = xstrdup(uri_);
	struct feedctx c = { uri, NULL, 0, 0 };
	size_t i;

	counts.fetched++;
	if (kind != FEED_NO) {
		const char *fk, *why;
		nitems = feed_parse(uri, body, j->body.len, on_item, &c, &fk, &why);
		if (nitems < 0 && (kind == FEED_YES || j->body.len == 0)) {
			counts.failed++;
			nf_recwarn("%s: %s", j->url, why);
		}
		else if (nitems < 0)
			nf_debug("%s: XML but %s, kept as a page", j->url, why);
		else {
			char etag[512], lm[128];
			counts.feeds++;
			nf_debug("%s: %s, %d entries", j->url, fk, nitems);
			/* A sitemap index is read every time, without
			 * validators: the sitemaps it lists change while it
			 * does not, and each of those has validators of its
			 * own. */
			if (!is_file_url(j->url) && strcmp(fk, "sitemap index") == 0)
				state_feed_set(j->url, NULL, NULL);
			else if (!is_file_url(j->url)) {
				struct http_msg m = { .headers = head->p, .headers_len = head->len };
				int he = http_header(&m, "ETag", etag, sizeof etag);
				int hl = http_header(&m, "Last-Modified", lm, sizeof lm);
				state_feed_set(j->url, he ? etag : NULL, hl ? lm : NULL);
			}
		}
	} else if (j->kind == JOB_INPUT && discover && depth == 0 &&
	    feed_is_html(ctype, body, j->body.len)) {
		int n = feed_discover(uri, body, j->body.len, on_item, &c);
		nf_debug("%s: %d feeds announced", j->url, n);
	}
	if (j->kind == JOB_ITEM && j->norm != NULL)
		state_mark(j->norm);
	writer_put(j, uri, ip, head);
	for (i = 0; i < c.n; i++) {
		struct item_meta *m = c.v[i].meta;
		if (!m->subfeed) {
			queue_url(c.v[i].link, JOB_ITEM, m, uri, 0);
			continue;
		}
		meta_free(m);
		if (depth + 1 > MAX_DEPTH) {
			nf_recwarn("%s: %s: sitemaps nested deeper than %d, skipped", uri,
			    c.v[i].link, MAX_DEPTH);
			counts.failed++;
			free(c.v[i].link);
			continue;
		}
		queue_url(c.v[i].link, JOB_INPUT, NULL, uri, depth + 1);
	}
	free(c.v);
	free(uri);
}

void
fetch_conditional(const struct job *j, const char **etag, const char **lastmod)
{
	*etag = *lastmod = NULL;
	if (j->kind == JOB_INPUT && !fopt.refetch)
		state_feed_get(j->url, etag, lastmod);
}

/*
 * The response header block for the WARC: curl's header lines of the last
 * response, minus Content-Encoding and Transfer-Encoding (the body is
 * stored decoded), with Content-Length set to the stored body's length.
 */
static void
response_head(struct job *j, long status, struct buf *out, char *ctype, size_t ctlen)
{
	const char *p = j->hdr.p, *end = j->hdr.p + j->hdr.len;
	int first = 1;

	ctype[0] = '\0';
	if (j->hdr.len == 0)
		buf_printf(out, "HTTP/1.1 %ld \r\n", status);
	while (p < end) {
		const char *e = memchr(p, '\n', end - p);
		const char *le = e ? e : end;
		size_t n = le - p;
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (!first && (strncasecmp(p, "Content-Encoding:", 17) == 0 ||
		    strncasecmp(p, "Transfer-Encoding:", 18) == 0 ||
		    strncasecmp(p, "Content-Length:", 15) == 0)) {
			p = le + 1;
			continue;
		}
		if (!first && strncasecmp(p, "Content-Type:", 13) == 0) {
			const char *v = p + 13;
			size_t vl;
			while (*v == ' ' || *v == '\t')
				v++;
			vl = (size_t)(p + n - v);
			if (vl >= ctlen)
				vl = ctlen - 1;
			memcpy(ctype, v, vl);
			ctype[vl] = '\0';
		}
		if (n > 0) {
			buf_append(out, p, n);
			buf_puts(out, "\r\n");
		}
		first = 0;
		p = le + 1;
	}
	buf_printf(out, "Content-Length: %zu\r\n\r\n", j->body.len);
}

void
fetch_done(struct job *j, const struct http_result *r)
{
	struct buf head = {0};
	char ctype[256];

	if (!r->ok) {
		counts.failed++;
		nf_recwarn("%s: %s", j->url, r->error);
	} else if (r->status == 304) {
		counts.notmod++;
		nf_debug("%s: not modified", j->url);
	} else if (r->status < 200 || r->status > 299) {
		counts.failed++;
		nf_recwarn("%s: HTTP %ld", j->url, r->status);
	} else {
		response_head(j, r->status, &head, ctype, sizeof ctype);
		handle_body(j, r->final_url, r->ip, &head, ctype);
		return;
	}
	job_free(j);
}

/* ---- file: URLs ---- */

static const char *
guess_type(const char *path)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".html", "text/html" }, { ".htm", "text/html" },
		{ ".xhtml", "application/xhtml+xml" },
		{ ".rss", "application/rss+xml" }, { ".atom", "application/atom+xml" },
		{ ".rdf", "application/rdf+xml" }, { ".xml", "application/xml" },
		{ ".json", "application/json" }, { ".txt", "text/plain" },
	};
	const char *dot = strrchr(path, '.');
	size_t i;

	if (dot != NULL && strchr(dot, '/') == NULL)
		for (i = 0; i < sizeof types / sizeof types[0]; i++)
			if (strcasecmp(dot, types[i].ext) == 0)
				return types[i].type;
	return "application/octet-stream";
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Local path of a file: URL (percent-decoded), malloc'd; NULL with *why. */
static char *
file_path(const char *url, const char **why)
{
	const char *p = url + 5;
	struct buf b = {0};

	if (strncmp(p, "//", 2) == 0) {
		p += 2;
		if (strncasecmp(p, "localhost/", 10) == 0)
			p += 9;
		else if (*p != '/') {
			*why = "file: URL names a remote host";
			return NULL;
		}
	}
	if (*p != '/') {
		*why = "file: URL without an absolute path";
		return NULL;
	}
	for (; *p && *p != '?' && *p != '#'; p++) {
		if (*p == '%' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
			int c = hexval(p[1]) * 16 + hexval(p[2]);
			if (c == 0) {
				buf_free(&b);
				*why = "file: URL with a NUL byte";
				return NULL;
			}
			buf_putc(&b, c);
			p += 2;
		} else
			buf_putc(&b, *p);
	}
	return buf_detach(&b);
}

/*
 * Read a file: URL. The response is synthesised as "HTTP/1.1 200 OK" with a
 * Content-Type guessed from the extension and a Content-Length; there is
 * no request record and no IP address.
 */
static void
fetch_file(struct job *j)
{
	const char *why = NULL;
	char *path = file_path(j->url, &why);
	struct buf head = {0};
	struct stat st;
	int fd = -1;
	const char *ct;

	nf_now_rfc3339(j->date);
	if (path == NULL)
		goto fail;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &st) != 0) {
		why = strerror(errno);
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		why = S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file";
		goto fail;
	}
	for (;;) {
		ssize_t n;
		if ((long long)j->body.len > fopt.max_size) {
			static char big[64];
			snprintf(big, sizeof big, "body larger than %lld, skipped", fopt.max_size);
			why = big;
			goto fail;
		}
		buf_grow(&j->body, 65536);
		n = read(fd, j->body.p + j->body.len, 65536);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			why = strerror(errno);
			goto fail;
		}
		if (n == 0)
			break;
		j->body.len += (size_t)n;
	}
	close(fd);
	ct = guess_type(path);
	buf_printf(&head, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %zu\r\n\r\n",
	    ct, j->body.len);
	free(path);
	handle_body(j, j->url, NULL, &head, ct);
	return;
fail:
	if (fd >= 0)
		close(fd);
	counts.failed++;
	nf_recwarn("%s: %s", j->url, why);
	free(path);
	job_free(j);
}

/* ---- inputs ---- */

/* Queue url (taken over). `where` names the origin for messages. Items
 * already fetched in an earlier run (state) or queued in this one are
 * skipped. */
static void
queue_url(char *url, enum job_kind kind, struct item_meta *meta, const char *where,
    int depth)
{
	struct job *j;
	char *norm;

	if (!url_scheme_ok(url)) {
		nf_recwarn("%s: %s: scheme not allowed (only http, https and file)", where, url);
		counts.failed++;
		goto drop;
	}
	if ((norm = url_normalize(url)) == NULL) {
		nf_recwarn("%s: %s: not a URL", where, url);
		counts.failed++;
		goto drop;
	}
	if (!runset_add(norm)) {
		nf_debug("%s: already queued", url);
		free(norm);
		goto drop;
	}
	if (kind == JOB_ITEM && !fopt.refetch && state_seen(norm)) {
		nf_debug("%s: fetched in an earlier run", url);
		counts.seen++;
		free(norm);
		goto drop;
	}
	j = xcalloc(1, sizeof *j);
	j->kind = kind;
	j->url = url;
	j->norm = norm;
	j->meta = meta;
	j->depth = depth;
	if (is_file_url(url))
		fetch_file(j);
	else
		http_queue(j);
	return;
drop:
	free(url);
	meta_free(meta);
}

static int
has_scheme(const char *s)
{
	const char *p = s;

	if (!isalpha((unsigned char)*p))
		return 0;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	return *p == ':';
}

static void
put_path(struct buf *b, const char *p)
{
	for (; *p; p++) {
		unsigned char c = *p;
		if (isalnum(c) || strchr("-._~/!$&'()*+,;=:@", c))
			buf_putc(b, c);
		else
			buf_printf(b, "%%%02X", c);
	}
}

/* file: URL of path (relative to dir unless absolute), percent-encoded. */
static char *
path_url(const char *dir, const char *path)
{
	struct buf b = {0};

	buf_puts(&b, "file://");
	if (path[0] != '/') {
		if (path[0] == '.' && path[1] == '/')
			path += 2;
		put_path(&b, dir);
		if (b.p[b.len - 1] != '/')
			buf_putc(&b, '/');
	}
	put_path(&b, path);
	return buf_detach(&b);
}

/* Whether a list line can be a URL or a path: printable, no spaces,
 * valid UTF-8. */
static int
plausible(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = s[i];
		if (c <= ' ' || c == 0x7f)
			return 0;
	}
	return utf8_valid(s, n);
}

static void
read_list(FILE *fp, const char *name, const char *dir)
{
	struct linereader lr;
	struct buf where = {0};
	int rc;

	line_init(&lr, fp, LIST_LINE_MAX);
	while ((rc = line_read(&lr)) != LINE_EOF) {
		char *s, *e;

		buf_reset(&where);
		buf_printf(&where, "%s: line %lu", name, lr.lineno);
		if (rc == LINE_ERROR)
			nf_dieerr("%s", name);
		if (rc == LINE_TOOLONG) {
			nf_recwarn("%s: too long, not a URL", where.p);
			counts.failed++;
			continue;
		}
		s = lr.line.p;
		e = s + lr.line.len;
		while (s < e && isspace((unsigned char)*s))
			s++;
		while (e > s && isspace((unsigned char)e[-1]))
			e--;
		*e = '\0';
		if (s == e || *s == '#')
			continue;
		if (!plausible(s, (size_t)(e - s))) {
			nf_recwarn("%s: not a URL", where.p);
			counts.failed++;
			continue;
		}
		if (has_scheme(s))
			queue_url(xstrdup(s), JOB_INPUT, NULL, where.p, 0);
		else
			queue_url(path_url(dir, s), JOB_INPUT, NULL, where.p, 0);
	}
	if (ferror(fp))
		nf_dieerr("%s", name);
	line_free(&lr);
	buf_free(&where);
}

/* The directory of a list file, absolute. */
static char *
list_dir(const char *file)
{
	char *copy = xstrdup(file), *d, *abs;

	d = dirname(copy);
	abs = realpath(d, NULL);
	free(copy);
	if (abs == NULL)
		nf_dieerr("%s", file);
	return abs;
}

/* Whether an existing file is a document (starts with '<') rather than a
 * list of URLs. */
static int
is_document(const char *file)
{
	FILE *fp = fopen(file, "rb");
	int c;

	if (fp == NULL)
		return 0;
	while ((c = getc(fp)) != EOF && (isspace(c) || c == 0xef || c == 0xbb || c == 0xbf))
		;
	fclose(fp);
	return c == '<';
}

static void
input(const char *arg)
{
	struct stat st;
	char *cwd;

	if (strcmp(arg, "-") == 0) {
		if ((cwd = getcwd(NULL, 0)) == NULL)
			nf_dieerr("getcwd");
		read_list(stdin, "<stdin>", cwd);
		free(cwd);
		return;
	}
	if (!has_scheme(arg) && stat(arg, &st) == 0 && !S_ISDIR(st.st_mode)) {
		char *dir = list_dir(arg), *base = xstrdup(arg), *abs;
		FILE *fp;
		if (is_document(arg)) {
			abs = path_url(dir, basename(base));
			queue_url(abs, JOB_INPUT, NULL, arg, 0);
		} else if ((fp = fopen(arg, "r")) == NULL) {
			nf_dieerr("%s", arg);
		} else {
			read_list(fp, arg, dir);
			fclose(fp);
		}
		free(base);
		free(dir);
		return;
	}
	if (has_scheme(arg)) {
		queue_url(xstrdup(arg), JOB_INPUT, NULL, "argument", 0);
		return;
	}
	nf_recwarn("%s: not a URL, and no such file", arg);
	counts.failed++;
}

/* ---- main ---- */

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static double
number(const char *opt, const char *s, double min)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || v < min || v > 1e6) {
		nf_warn("%s: bad value '%s'", opt, s);
		usage(stderr);
		exit(NF_EXIT_USAGE);
	}
	return v;
}

static int
integer(const char *opt, const char *s, int min)
{
	double v = number(opt, s, min);

	if (v != (int)v) {
		nf_warn("%s: not a whole number '%s'", opt, s);
		usage(stderr);
		exit(NF_EXIT_USAGE);
	}
	return (int)v;
}

static void
quiet_xml(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

int
main(int argc, char *argv[])
{
	enum { O_DELAY = 256, O_EXPIRE, O_IGNROBOTS, O_MAXSIZE, O_OPERATOR, O_PERHOST,
		O_REFETCH, O_RETRIES, O_TIMEOUT, O_HELP, O_VERSION };
	static const struct option longopts[] = {
		{ "delay", required_argument, NULL, O_DELAY },
		{ "discover", no_argument, NULL, 'd' },
		{ "expire", required_argument, NULL, O_EXPIRE },
		{ "gzip", no_argument, NULL, 'z' },
		{ "help", no_argument, NULL, O_HELP },
		{ "ignore-robots", no_argument, NULL, O_IGNROBOTS },
		{ "jobs", required_argument, NULL, 'j' },
		{ "max-size", required_argument, NULL, O_MAXSIZE },
		{ "operator", required_argument, NULL, O_OPERATOR },
		{ "per-host", required_argument, NULL, O_PERHOST },
		{ "refetch", no_argument, NULL, O_REFETCH },
		{ "retries", required_argument, NULL, O_RETRIES },
		{ "state", required_argument, NULL, 's' },
		{ "timeout", required_argument, NULL, O_TIMEOUT },
		{ "user-agent", required_argument, NULL, 'A' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, O_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	struct sigaction sa;
	int c, i;

	nf_init("newsfetch");
	/* Bodies are a few hundred KiB: above glibc's mmap threshold, each
	 * would be mapped and unmapped, faulting its pages in afresh every
	 * time (5% of the fetch bench's cycles); keep them in the heap. */
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	mallopt(M_TRIM_THRESHOLD, 128 << 20);
	while ((c = getopt_long(argc, argv, "A:dj:s:vz", longopts, NULL)) != -1) {
		switch (c) {
		case 'A':
			fopt.user_agent = optarg;
			break;
		case 'd':
			discover = 1;
			break;
		case 'j':
			fopt.jobs = integer("-j", optarg, 1);
			break;
		case 's':
			statefile = optarg;
			break;
		case 'v':
			nf_verbose++;
			break;
		case 'z':
			zflag = 1;
			break;
		case O_DELAY:
			fopt.delay = number("--delay", optarg, 0);
			break;
		case O_EXPIRE:
			state_expire = number("--expire", optarg, 0) * 86400;
			break;
		case O_HELP:
			usage(stdout);
			return NF_EXIT_OK;
		case O_IGNROBOTS:
			fopt.no_robots = 1;
			break;
		case O_MAXSIZE:
			if ((fopt.max_size = nf_parse_size(optarg)) < 0) {
				nf_warn("--max-size: bad size '%s'", optarg);
				usage(stderr);
				return NF_EXIT_USAGE;
			}
			break;
		case O_OPERATOR:
			operator = optarg;
			break;
		case O_PERHOST:
			fopt.per_host = integer("--per-host", optarg, 1);
			break;
		case O_REFETCH:
			fopt.refetch = 1;
			break;
		case O_RETRIES:
			fopt.retries = integer("--retries", optarg, 0);
			break;
		case O_TIMEOUT:
			fopt.timeout = number("--timeout", optarg, 0.001);
			break;
		case O_VERSION:
			nf_version();
		default:
			usage(stderr);
			return NF_EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (fopt.connect_timeout > fopt.timeout)
		fopt.connect_timeout = fopt.timeout;
	if (strpbrk(fopt.user_agent, "\r\n") != NULL) {
		nf_warn("-A: the user agent must be one line");
		return NF_EXIT_USAGE;
	}

	signal(SIGPIPE, SIG_IGN);
	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, quiet_xml);
	http_init();
	/* Waiting for the lock, a signal may simply end us: nothing is
	 * written yet. From here on it makes us stop, write the records
	 * we have and save the state. */
	if (statefile != NULL)
		state_open(statefile);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	ww = warc_writer_new(stdout, zflag);
	write_warcinfo();
	writer_start();
	if (argc == 0)
		input("-");
	for (i = 0; i < argc && !stop; i++)
		input(argv[i]);
	http_run(&stop);
	writer_stop();

	if (warc_writer_free(ww) != 0)
		nf_dieerr("stdout");
	nf_fshut(stdout, "stdout");
	/* Only now that every record is safely out is it remembered. */
	if (statefile != NULL)
		state_close();
	nf_debug("%lu feeds read, %lu items in them", counts.feeds, counts.items);
	if (nf_verbose || nf_isatty_stderr() || nf_status() != NF_EXIT_OK)
		nf_warn("%lu fetched, %lu not modified, %lu seen, %lu disallowed by robots.txt, "
		    "%lu failed",
		    counts.fetched, counts.notmod, counts.seen, counts.disallowed,
		    counts.failed);
	http_cleanup();
	xmlCleanupParser();
	for (size_t k = 0; k < runsize; k++)
		free(runset[k]);
	free(runset);
	return nf_status();
}
