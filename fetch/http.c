/*
 * http.c: the transfers. One libcurl multi handle runs every http(s)
 * transfer; the scheduler here decides what starts when.
 *
 * Politeness is kept in our own per-host structures rather than left to
 * CURLMOPT_MAX_HOST_CONNECTIONS, so that it can be reasoned about (and
 * tested from a server's log): a host never has more than --per-host
 * requests running, and two requests to one host start at least --delay
 * seconds apart. Failed transfers that may succeed later (timeouts,
 * connection errors, 5xx, 429) go back to their host's queue with
 * exponential back-off and jitter, or the server's Retry-After if longer.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "nf.h"
#include "buf.h"
#include "sha1.h"
#include "url.h"
#include "warc.h"
#include "fetch.h"

/* Back-off before retry n (from 0): BACKOFF_BASE * 2^n seconds, times a
 * random factor in [0.5, 1.5) so that many clients do not retry in step. */
#define BACKOFF_BASE	1.0
#define RETRY_AFTER_MAX	300.0
/* A transfer slower than LOW_SPEED bytes/s for LOW_SPEED_TIME s is dead. */
#define LOW_SPEED	1
#define LOW_SPEED_TIME	30
#define MAX_REDIRS	5
#define RECV_BUFFER	(256 * 1024)

/* Largest Crawl-delay obeyed: a site asking for more still gets one
 * request a minute, so that an hourly cron run can end. */
#define CRAWL_DELAY_MAX	60.0
/* robots.txt bytes kept (RFC 9309 2.5 asks for at least 500 KiB). */
#define ROBOTS_MAX	(512 * 1024)

enum { ROBOTS_NONE, ROBOTS_FETCHING, ROBOTS_DONE };

/* A host is an origin: scheme, name and port, as RFC 9309 scopes
 * robots.txt, so two servers on one address are two hosts. */
struct host {
	char *name;		/* "http://example.com:8080" */
	int active;		/* requests running */
	double next_ok;		/* earliest start of the next request */
	double delay;		/* --delay, or the site's Crawl-delay if longer */
	int robots;		/* ROBOTS_* */
	struct robots *rules;	/* NULL: everything allowed */
	const char *deny;	/* not NULL: nothing allowed, and why */
	char denybuf[160];
	struct job *head, *tail;
};

static CURLM *multi;
static struct host **hosts;
static size_t nhosts, rr;
static int active;		/* transfers running */
static struct job **running;	/* the running jobs, active of them */
static unsigned long pending;	/* jobs queued, not running */

/* Easy handles of finished transfers, reset and used again: a new
 * handle per page cost its setup and its receive buffer every time. */
static CURL **pool;
static size_t npool;

static CURL *
easy_get(void)
{
	if (npool > 0) {
		CURL *e = pool[--npool];
		curl_easy_reset(e);
		return e;
	}
	return curl_easy_init();
}

static void
easy_put(CURL *e)
{
	if (pool == NULL)
		pool = xcalloc((size_t)fopt.jobs, sizeof *pool);
	if (npool < (size_t)fopt.jobs)
		pool[npool++] = e;
	else
		curl_easy_cleanup(e);
}

double
now_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void
http_init(void)
{
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		nf_die("cannot initialise libcurl");
	if ((multi = curl_multi_init()) == NULL)
		nf_die("cannot initialise libcurl");
	srand48((long)time(NULL) ^ (long)getpid());
}

void
http_cleanup(void)
{
	size_t i;

	free(running);
	running = NULL;
	while (npool > 0)
		curl_easy_cleanup(pool[--npool]);
	free(pool);
	pool = NULL;

	for (i = 0; i < nhosts; i++) {
		free(hosts[i]->name);
		robots_free(hosts[i]->rules);
		free(hosts[i]);
	}
	free(hosts);
	hosts = NULL;
	nhosts = 0;
	curl_multi_cleanup(multi);
	curl_global_cleanup();
}

/* "scheme://host[:port]" of an absolute URL, lower-cased, without
 * userinfo; the path and query after it in *rest. */
static char *
origin(const char *url, const char **rest)
{
	const char *sep = strstr(url, "://"), *a, *e, *p;
	struct buf b = {0};

	if (sep == NULL) {
		*rest = "/";
		return xstrdup("");
	}
	a = sep + 3;
	e = a + strcspn(a, "/?#");
	for (p = a; p < e; p++)
		if (*p == '@')
			a = p + 1;
	for (p = url; p < e; p = p == sep + 2 ? a : p + 1)
		buf_putc(&b, *p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	*rest = *e == '\0' || *e == '#' ? "/" : e;
	return buf_detach(&b);
}

static struct host *
host_get(const char *url)
{
	const char *rest;
	char *name = origin(url, &rest);
	size_t i;
	struct host *h;

	for (i = 0; i < nhosts; i++)
		if (strcmp(hosts[i]->name, name) == 0) {
			free(name);
			return hosts[i];
		}
	h = xcalloc(1, sizeof *h);
	h->name = name;
	h->delay = fopt.delay;
	h->robots = fopt.no_robots ? ROBOTS_DONE : ROBOTS_NONE;
	hosts = xrealloc(hosts, (nhosts + 1) * sizeof *hosts);
	hosts[nhosts++] = h;
	return h;
}

static void
enqueue(struct host *h, struct job *j)
{
	j->next = NULL;
	if (h->tail)
		h->tail->next = j;
	else
		h->head = j;
	h->tail = j;
	pending++;
}

void
http_queue(struct job *j)
{
	j->host = host_get(j->url);
	enqueue(j->host, j);
}

static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct job *j = arg;

	n *= size;
	if (j->kind == JOB_ROBOTS && j->body.len + n > ROBOTS_MAX) {
		buf_append(&j->body, p, ROBOTS_MAX - j->body.len);
		j->too_big = 1;
		return 0;	/* enough: the rest is not read */
	}
	if ((long long)(j->body.len + n) > fopt.max_size) {
		j->too_big = 1;
		return 0;	/* aborts the transfer */
	}
	if (j->body.cap == 0) {
		/* One allocation of the announced size rather than a
		 * doubling for each piece the page arrives in. */
		curl_off_t cl = -1;
		curl_easy_getinfo(j->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &cl);
		if (cl > 0 && cl <= fopt.max_size)
			buf_grow(&j->body, (size_t)cl);
	}
	/* The payload digest is taken here, while the bytes are in the
	 * cache, instead of in a second pass over the body. */
	if (!j->psha_on) {
		sha1_init(&j->psha);
		j->psha_on = 1;
	}
	sha1_update(&j->psha, p, n);
	buf_append(&j->body, p, n);
	return n;
}

/* Header lines of the last response only: a status line starts afresh
 * (redirects, 1xx). The blank line ending the header is not kept. */
static size_t
on_header(char *p, size_t size, size_t n, void *arg)
{
	struct job *j = arg;

	n *= size;
	if (n >= 5 && memcmp(p, "HTTP/", 5) == 0)
		buf_reset(&j->hdr);
	if (!(n == 2 && p[0] == '\r') && !(n == 1 && p[0] == '\n'))
		buf_append(&j->hdr, p, n);
	return n;
}

/* The request header as sent, for the WARC request record; the last one
 * after redirects. */
static int
on_debug(CURL *h, curl_infotype type, char *p, size_t n, void *arg)
{
	struct job *j = arg;

	(void)h;
	if (type == CURLINFO_HEADER_OUT) {
		if (j->saw_header_in) {
			buf_reset(&j->req);
			j->saw_header_in = 0;
		}
		buf_append(&j->req, p, n);
	} else if (type == CURLINFO_HEADER_IN)
		j->saw_header_in = 1;
	return 0;
}

static void
start(struct job *j, double now)
{
	CURL *e = easy_get();
	struct curl_slist *sl = NULL;
	const char *etag, *lastmod;
	struct buf b = {0};

	if (e == NULL)
		nf_die("curl_easy_init failed");
	j->easy = e;
	j->errbuf[0] = '\0';
	nf_now_rfc3339(j->date);
	curl_easy_setopt(e, CURLOPT_URL, j->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, j);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	/* Never let a server redirect us to file: (or anything else). */
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)MAX_REDIRS);
	/* HTTP/1.1 so the WARC holds the request and status line as text. */
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
	curl_easy_setopt(e, CURLOPT_USERAGENT, fopt.user_agent);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, (long)(fopt.connect_timeout * 1000));
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)(fopt.timeout * 1000));
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, (long)LOW_SPEED);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, (long)LOW_SPEED_TIME);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)fopt.max_size);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, j);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, j);
	curl_easy_setopt(e, CURLOPT_DEBUGFUNCTION, on_debug);
	curl_easy_setopt(e, CURLOPT_DEBUGDATA, j);
	curl_easy_setopt(e, CURLOPT_VERBOSE, 1L);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, j->errbuf);
	/* Pages are ~100-200 KiB: fewer, larger reads and callbacks than
	 * curl's 16 KiB default. */
	curl_easy_setopt(e, CURLOPT_BUFFERSIZE, (long)RECV_BUFFER);
	fetch_conditional(j, &etag, &lastmod);
	if (etag != NULL) {
		buf_printf(&b, "If-None-Match: %s", etag);
		sl = curl_slist_append(sl, b.p);
	}
	if (lastmod != NULL) {
		buf_reset(&b);
		buf_printf(&b, "If-Modified-Since: %s", lastmod);
		sl = curl_slist_append(sl, b.p);
	}
	buf_free(&b);
	if (sl != NULL)
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, sl);
	j->slist = sl;
	if (curl_multi_add_handle(multi, e) != CURLM_OK)
		nf_die("curl_multi_add_handle failed");
	if (running == NULL)
		running = xcalloc(fopt.jobs, sizeof *running);
	running[active] = j;
	active++;
	j->host->active++;
	/* robots.txt is one small request before the pages, not counted
	 * against the delay. */
	if (j->kind != JOB_ROBOTS)
		j->host->next_ok = now + j->host->delay;
	nf_debug("%s: GET (try %d)", j->url, j->attempt + 1);
}

/* The product token robots.txt groups are matched against: the
 * User-Agent up to its first '/' or space ("newsfetch"). */
static char *
agent_token(void)
{
	return xstrndup(fopt.user_agent, strcspn(fopt.user_agent, "/ \t"));
}

/* The host's robots.txt has been read (or could not be): its rules, and
 * what RFC 9309 says when there are none to read. */
static void
robots_done(struct job *j, CURLcode rc, long status)
{
	struct host *h = j->host;
	char *tok;

	h->robots = ROBOTS_DONE;
	if (rc == CURLE_OK || (j->too_big && j->kind == JOB_ROBOTS)) {
		if (status >= 200 && status <= 299) {
			tok = agent_token();
			h->rules = robots_parse(j->body.p ? j->body.p : "", j->body.len, tok);
			free(tok);
			if (robots_delay(h->rules) > h->delay)
				h->delay = robots_delay(h->rules) < CRAWL_DELAY_MAX ?
				    robots_delay(h->rules) : CRAWL_DELAY_MAX;
			nf_debug("%s: %zu rules for us, delay %.1fs", j->url,
			    robots_rules(h->rules), h->delay);
		} else if (status >= 500) {
			/* 2.3.1.4: a server error means complete disallow. */
			snprintf(h->denybuf, sizeof h->denybuf,
			    "robots.txt: HTTP %ld, nothing fetched from %s in this run",
			    status, h->name);
			h->deny = h->denybuf;
		} else
			/* 2.3.1.3: unavailable (4xx): no rules. Redirects
			 * were followed by curl (up to MAX_REDIRS). */
			nf_debug("%s: HTTP %ld, everything allowed", j->url, status);
	} else {
		/* 2.3.1.4: unreachable means complete disallow too. */
		const char *why = curl_easy_strerror(rc);
		snprintf(h->denybuf, sizeof h->denybuf,
		    "%c%s (robots.txt unreachable: nothing fetched from %s in this run)",
		    why[0] >= 'A' && why[0] <= 'Z' ? why[0] + 32 : why[0], why + 1, h->name);
		h->deny = h->denybuf;
	}
	job_free(j);
}

/* Queue the host's robots.txt before anything else of it. */
static void
robots_queue(struct host *h)
{
	struct job *j = xcalloc(1, sizeof *j);
	struct buf b = {0};

	buf_printf(&b, "%s/robots.txt", h->name);
	j->kind = JOB_ROBOTS;
	j->url = buf_detach(&b);
	j->host = h;
	j->next = h->head;
	h->head = j;
	if (h->tail == NULL)
		h->tail = j;
	pending++;
	h->robots = ROBOTS_FETCHING;
}

/* Whether a queued page may be fetched; if not it is reported, counted
 * and freed. */
static int
robots_check(struct job *j)
{
	const char *path;
	char *o, *p;
	int ok;

	if (j->kind == JOB_ROBOTS)
		return 1;
	if (j->host->deny != NULL) {
		counts.failed++;
		nf_recwarn("%s: %s", j->url, j->host->deny);
		job_free(j);
		return 0;
	}
	o = origin(j->url, &path);
	p = xstrndup(path, strcspn(path, "#"));
	ok = robots_allowed(j->host->rules, p);
	free(p);
	free(o);
	if (ok)
		return 1;
	counts.disallowed++;
	if (j->kind == JOB_INPUT)
		nf_note("%s: disallowed by robots.txt, not fetched", j->url);
	else
		nf_debug("%s: disallowed by robots.txt, not fetched", j->url);
	job_free(j);
	return 0;
}

/* Start what may start now; return the seconds until something queued
 * could start (a large value if only a finished transfer can help). */
static double
start_ready(void)
{
	double now = now_mono(), wait = 3600;
	size_t k;

	for (k = 0; k < nhosts; k++) {
		struct host *h = hosts[(rr + k) % nhosts];
		if (h->head != NULL && h->robots == ROBOTS_NONE)
			robots_queue(h);
		while (h->head != NULL && h->active < fopt.per_host) {
			struct job *j, *prev = NULL, *soon = NULL;
			if (active >= fopt.jobs)
				goto out;
			/* Nothing but robots.txt until it is read. */
			if (h->robots == ROBOTS_FETCHING && h->head->kind != JOB_ROBOTS)
				break;
			if (h->robots == ROBOTS_FETCHING && h->head->not_before > now) {
				if (h->head->not_before - now < wait)
					wait = h->head->not_before - now;
				break;
			}
			if (h->next_ok > now && h->head->kind != JOB_ROBOTS) {
				if (h->next_ok - now < wait)
					wait = h->next_ok - now;
				break;
			}
			for (j = h->head; j != NULL; prev = j, j = j->next)
				if (j->not_before <= now)
					break;
				else if (soon == NULL || j->not_before < soon->not_before)
					soon = j;
			if (j == NULL) {
				if (soon->not_before - now < wait)
					wait = soon->not_before - now;
				break;
			}
			if (prev)
				prev->next = j->next;
			else
				h->head = j->next;
			if (h->tail == j)
				h->tail = prev;
			pending--;
			if (robots_check(j))
				start(j, now);
		}
	}
out:
	if (nhosts > 0)
		rr = (rr + 1) % nhosts;
	return wait;
}

static int
retryable(CURLcode rc, long status)
{
	switch (rc) {
	case CURLE_OK:
		return status >= 500 || status == 429;
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_COULDNT_CONNECT:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
		return 1;
	default:
		return 0;
	}
}

/* End the payload digest: its "sha1:" form into j->pdig. */
void
job_digest(struct job *j)
{
	unsigned char d[20];
	char b32[33];

	if (!j->psha_on) {
		sha1_init(&j->psha);
		j->psha_on = 1;
	}
	sha1_final(&j->psha, d);
	j->psha_on = 0;
	base32_20(d, b32);
	snprintf(j->pdig, sizeof j->pdig, "sha1:%s", b32);
}

static void
reset_job(struct job *j)
{
	if (j->psha_on)
		job_digest(j);
	j->pdig[0] = '\0';
	buf_reset(&j->req);
	buf_reset(&j->hdr);
	buf_reset(&j->body);
	j->too_big = 0;
	j->saw_header_in = 0;
}

/* A reason for messages: curl's own words, first letter lower-cased. */
static const char *
reason(struct job *j, CURLcode rc)
{
	static char msg[512];
	const char *s = curl_easy_strerror(rc);

	snprintf(msg, sizeof msg, "%c%s", s[0] >= 'A' && s[0] <= 'Z' ? s[0] + 32 : s[0], s + 1);
	if (nf_verbose && j->errbuf[0]) {
		size_t n = strlen(msg);
		snprintf(msg + n, sizeof msg - n, " (%s)", j->errbuf);
	}
	return msg;
}

static void
finish(CURL *e, CURLcode rc)
{
	struct job *j;
	struct http_result r = {0};
	char *ip = NULL, *eff = NULL, msg[64];
	long status = 0;
	curl_off_t after = -1;

	int i;

	curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&j);
	curl_multi_remove_handle(multi, e);
	for (i = 0; i < active; i++)
		if (running[i] == j) {
			running[i] = running[--active];
			break;
		}
	j->host->active--;
	curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(e, CURLINFO_PRIMARY_IP, &ip);
	curl_easy_getinfo(e, CURLINFO_EFFECTIVE_URL, &eff);
	curl_easy_getinfo(e, CURLINFO_RETRY_AFTER, &after);
	curl_slist_free_all(j->slist);
	j->slist = NULL;
	j->easy = NULL;

	/* robots.txt gets the same retries as a page before a failure
	 * shuts the host for the run. */
	if (j->kind == JOB_ROBOTS && (j->too_big || !retryable(rc, status) ||
	    j->attempt >= fopt.retries)) {
		robots_done(j, rc, status);
		easy_put(e);
		return;
	}
	if (!j->too_big && rc != CURLE_FILESIZE_EXCEEDED && retryable(rc, status) &&
	    j->attempt < fopt.retries) {
		double d = BACKOFF_BASE * pow(2, j->attempt) * (0.5 + drand48());
		if (after > 0 && after > d)
			d = after < RETRY_AFTER_MAX ? (double)after : RETRY_AFTER_MAX;
		nf_debug("%s: %s, retrying in %.1fs", j->url,
		    rc == CURLE_OK ? (snprintf(msg, sizeof msg, "HTTP %ld", status), msg) :
		    reason(j, rc), d);
		j->attempt++;
		j->not_before = now_mono() + d;
		reset_job(j);
		easy_put(e);
		if (j->kind == JOB_ROBOTS) {
			/* Back at the head: the host waits for it. */
			j->next = j->host->head;
			j->host->head = j;
			if (j->host->tail == NULL)
				j->host->tail = j;
			pending++;
		} else
			enqueue(j->host, j);
		return;
	}
	r.status = status;
	r.final_url = eff ? eff : j->url;
	if (ip != NULL)
		snprintf(r.ip, sizeof r.ip, "%s", ip);
	if (j->too_big || rc == CURLE_FILESIZE_EXCEEDED) {
		static char big[64];
		snprintf(big, sizeof big, "body larger than %lld, skipped", fopt.max_size);
		r.error = big;
	} else if (rc != CURLE_OK)
		r.error = reason(j, rc);
	else {
		r.ok = 1;
		job_digest(j);
	}
	fetch_done(j, &r);
	easy_put(e);
}

static void
drain(void)
{
	CURLMsg *m;
	int left;

	while ((m = curl_multi_info_read(multi, &left)) != NULL)
		if (m->msg == CURLMSG_DONE)
			finish(m->easy_handle, m->data.result);
}

/* Give up on everything (interrupted): running and queued jobs. */
static void
abandon(void)
{
	size_t i;
	unsigned long lost = pending + (unsigned long)active;
	int k;

	for (k = 0; k < active; k++) {
		struct job *j = running[k];
		curl_multi_remove_handle(multi, j->easy);
		curl_easy_cleanup(j->easy);
		j->easy = NULL;
		curl_slist_free_all(j->slist);
		j->slist = NULL;
		job_free(j);
	}
	for (i = 0; i < nhosts; i++) {
		struct job *j, *next;
		for (j = hosts[i]->head; j != NULL; j = next) {
			next = j->next;
			job_free(j);
		}
		hosts[i]->head = hosts[i]->tail = NULL;
		hosts[i]->active = 0;
	}
	pending = 0;
	active = 0;
	if (lost > 0)
		nf_recwarn("interrupted: %lu URLs not fetched", lost);
}

/* A progress line on a terminal, at most twice a second. */
static void
progress(int done)
{
	static double last;
	static int shown;
	double now;

	if (nf_verbose || !nf_isatty_stderr())
		return;
	if (done) {
		if (shown)
			fputs("\r\033[K", stderr);
		return;
	}
	if ((now = now_mono()) - last < 0.5)
		return;
	last = now;
	shown = 1;
	fprintf(stderr, "\r\033[K%s: %lu fetched, %lu failed, %d running, %lu queued",
	    nf_progname, counts.fetched, counts.failed, active, pending);
}

void
http_run(volatile sig_atomic_t *stop)
{
	int nrun;

	for (;; progress(0)) {
		double wait;

		start_ready();
		if (*stop) {
			progress(1);
			abandon();
			return;
		}
		if (active == 0 && pending == 0)
			break;
		curl_multi_perform(multi, &nrun);
		drain();
		if (active == 0 && pending == 0)
			break;
		wait = start_ready();
		if (wait > 1)
			wait = 1;	/* look at *stop now and then */
		if (wait < 0)
			wait = 0;
		if (active > 0)
			curl_multi_poll(multi, NULL, 0, (int)(wait * 1000) + 1, NULL);
		else if (wait > 0)
			usleep((useconds_t)(wait * 1e6));
	}
	progress(1);
}
