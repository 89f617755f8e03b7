/*
 * fetch.h: what the parts of newsfetch share.
 *
 * fetch.c reads the inputs and writes the WARC (in a writer thread of its
 * own); http.c runs the libcurl multi loop with per-host queues, delays,
 * retries and robots.txt; robots.c reads robots.txt; feed.c recognises
 * and parses feeds and sitemaps and finds the feeds a page announces;
 * state.c keeps the state file between runs. Everything but the writer
 * thread runs in the main thread.
 *
 * Ownership: a struct job owns every string in it and its buffers; the
 * scheduler owns queued and running jobs and hands a finished job to
 * fetch_done(), which frees it with job_free() or hands it, with the
 * response head, to the writer thread, which frees it once written.
 */
#ifndef NF_FETCH_H
#define NF_FETCH_H

#include <signal.h>
#include <stddef.h>
#include <time.h>
#include "buf.h"
#include "sha1.h"

/* What a feed said about one item; travels to the page's metadata record. */
struct item_meta {
	char *feed_url;
	char *title;
	char *published;	/* ISO 8601 UTC, "2025-11-22T10:00:00Z" */
	char *author;
	char *description;
	int subfeed;		/* not a page: a sitemap of an index, or a
				   feed a page announced; fetched as an input */
};

enum job_kind {
	JOB_INPUT,	/* a URL the user gave: a feed or a page */
	JOB_ITEM,	/* an item found in a feed: always a page */
	JOB_ROBOTS,	/* a host's robots.txt, read by http.c itself */
};

struct host;

struct job {
	struct job *next;		/* in its host's queue */
	enum job_kind kind;
	char *url;			/* as requested */
	char *norm;			/* url_normalize(url), for the state */
	struct item_meta *meta;		/* JOB_ITEM only, or NULL */
	int depth;			/* inputs: 0 if the user gave it, else
					   the nesting of sitemaps/announced feeds */
	int attempt;			/* 0 on the first try */
	double not_before;		/* monotonic seconds; retry back-off */
	struct host *host;		/* NULL for file: URLs */

	/* Filled by the transfer. */
	void *easy;			/* CURL *, while running */
	void *slist;			/* struct curl_slist * of extra headers */
	char errbuf[256];		/* CURLOPT_ERRORBUFFER (CURL_ERROR_SIZE) */
	char date[32];			/* WARC-Date: start of the capture */
	struct buf req;			/* request header block as sent */
	struct buf hdr;			/* last response's header lines */
	struct buf body;		/* decoded body */
	int too_big;			/* body passed max_size: aborted */
	int psha_on;			/* psha started (sha1_init called) */
	struct sha1 psha;		/* payload digest, as the body arrives */
	char pdig[40];			/* its "sha1:BASE32" form when done */
	int saw_header_in;		/* to tell a new request from a continued one */
};

/* Run-wide settings, set from the command line in fetch.c. */
struct fetch_opts {
	const char *user_agent;
	int jobs;			/* total concurrency */
	int per_host;			/* concurrent requests to one host */
	double delay;			/* seconds between request starts to one host */
	double timeout;			/* whole transfer, seconds */
	double connect_timeout;
	long long max_size;		/* body cap, bytes */
	int retries;
	int refetch;
	int no_robots;			/* --ignore-robots: for one's own sites */
};
extern struct fetch_opts fopt;

/* Run counters for the summary line. */
struct fetch_stats {
	unsigned long fetched, notmod, seen, disallowed, failed, feeds, items;
};
extern struct fetch_stats counts;

void job_free(struct job *j);
/* End the payload digest of the body received so far into j->pdig. */
void job_digest(struct job *j);
void meta_free(struct item_meta *m);

/* http.c: the scheduler and the transfers. */
void http_init(void);
void http_cleanup(void);
/* Queue a job (http or https); takes ownership. */
void http_queue(struct job *j);
/* Run until every queued job is done or *stop is set; fetch_done() is
 * called for each job that finished (successfully or not). */
void http_run(volatile sig_atomic_t *stop);
/* The curl result of a finished transfer, for fetch_done(). */
struct http_result {
	int ok;			/* transfer completed (any HTTP status) */
	long status;		/* HTTP status, 0 if none */
	char ip[64];		/* CURLINFO_PRIMARY_IP */
	const char *final_url;	/* after redirects; valid during fetch_done */
	const char *error;	/* reason when !ok */
};

/* fetch.c: a transfer ended for good (no more retries). */
void fetch_done(struct job *j, const struct http_result *r);
/* fetch.c: conditional-GET headers for an input URL (NULLs if none). */
void fetch_conditional(const struct job *j, const char **etag, const char **lastmod);

/* feed.c */
enum { FEED_NO = 0, FEED_MAYBE = 1, FEED_YES = 2 };
/*
 * What a response is, from its content type and the start of its body:
 * FEED_YES (an RSS/Atom/JSON Feed content type, root element or version:
 * it must parse as a feed, else it is a malformed feed), FEED_MAYBE
 * (generic XML: a feed if it parses as one, else a page), FEED_NO (a page).
 */
int feed_sniff(const char *ctype, const char *body, size_t len);
/* Called once per item by feed_parse; link is absolute, meta is owned by
 * the callee. */
typedef void (*feed_item_fn)(void *arg, const char *link, struct item_meta *meta);
/*
 * Parse a feed: returns the number of items (>= 0) and calls fn for each
 * one with a link, or -1 with *why set (static string) if the document is
 * not a well-formed RSS 0.9x/1.0/2.0, Atom 1.0 or JSON Feed. *kind gets
 * "rss", "rdf", "atom" or "json".
 */
int feed_parse(const char *url, const char *body, size_t len, feed_item_fn fn,
    void *arg, const char **kind, const char **why);
/* Whether a response is an HTML page (content type, else its start). */
int feed_is_html(const char *ctype, const char *body, size_t len);
/*
 * Feeds announced by an HTML page: <link rel="alternate"> with an RSS,
 * Atom or JSON Feed type; fn is called with each absolute href (resolved
 * against the page's <base> or url) and a meta with subfeed set. Returns
 * how many.
 */
int feed_discover(const char *url, const char *body, size_t len, feed_item_fn fn,
    void *arg);
/* Date in RFC 822 or ISO 8601 form to ISO 8601 UTC ("2025-11-22T10:00:00Z",
 * or "2025-11-22" for a date alone) in out; 0, or -1 if not understood. */
int feed_date(const char *s, char out[32]);

/* state.c */
/* Entries not fetched or seen in a feed for this many seconds are dropped
 * when the file is written (--expire, in days on the command line). */
extern double state_expire;
int state_open(const char *path);	/* 0, or dies */
void state_close(void);			/* write it back, unlock */
/* Whether norm was fetched before; if so its time is renewed, so that
 * only URLs no feed lists any more expire. */
int state_seen(const char *norm);
void state_mark(const char *norm);
void state_feed_get(const char *url, const char **etag, const char **lastmod);
void state_feed_set(const char *url, const char *etag, const char *lastmod);

/* robots.c: robots.txt rules for one product token ("newsfetch"). */
struct robots;
struct robots *robots_parse(const char *txt, size_t len, const char *token);
/* path: the URL's path and query ("/a/b?c"), compared after
 * robots_norm(), which the rules have been through too. */
int robots_allowed(const struct robots *rb, const char *path);
char *robots_norm(const char *s);
double robots_delay(const struct robots *rb);	/* Crawl-delay, or -1 */
size_t robots_rules(const struct robots *rb);
void robots_free(struct robots *rb);

/* Monotonic time in seconds. */
double now_mono(void);

#endif
