/*
 * newsmerge: add JSON Lines documents to a corpus directory, dropping
 * exact duplicates; the documents added are written to stdout.
 *
 * Documents are read in batches. A batch's kept documents are appended to
 * the last documents file and synced before they are written to stdout, so
 * what a reader of stdout saw is in the corpus. See corpus.c for the
 * directory and its crash safety, index.c for the index.
 */
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "nf.h"
#include "buf.h"
#include "jsonl.h"
#include "merge.h"

/* A batch is committed (one write and one fdatasync) at this many
 * documents or bytes, and at the end of the input. */
#define BATCH_DOCS 2000
#define BATCH_BYTES (16u << 20)

static int nowait;
static int reindex;
static long long maxrecord;
static long long rotatesize = 1LL << 30;

static struct {
	unsigned long read, added, exact, iddup, updated, rejected;
} count;

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: newsmerge [-nv] [--max-record SIZE] [--reindex] "
	    "[--rotate SIZE] DIR\n");
	exit(fp == stdout ? NF_EXIT_OK : NF_EXIT_USAGE);
}

/*
 * Whether reading on would block: the reader has nothing buffered and
 * stdin has nothing ready. Then a partial batch is committed first, so a
 * slow producer's documents are stored (and passed on) without waiting
 * for a full batch.
 */
static int
input_idle(const struct jsonl_reader *r)
{
	struct pollfd p = { .fd = 0, .events = POLLIN };

	return r->lr.rpos == r->lr.rlen && poll(&p, 1, 0) == 0;
}

/* Append obj as one line to b. */
static void
dump_line(struct buf *b, json_t *obj)
{
	char *s = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER);

	if (s == NULL)
		nf_die("out of memory");
	buf_puts(b, s);
	buf_putc(b, '\n');
	free(s);
}

/* The record of a dropped duplicate, in duplicates.jsonl. */
static void
dup_record(struct buf *b, json_t *doc, const char *id, const struct ifound *f,
    const char *kind, const char *when)
{
	json_t *r = json_object();
	static const char *const copy[] = {
		"url", "source_domain", "fetched", "title",
	};
	size_t i;

	json_object_set_new(r, "id", json_string(id));
	for (i = 0; i < sizeof copy / sizeof copy[0]; i++) {
		json_t *v = json_object_get(doc, copy[i]);
		if (v && (i == 0 || !json_is_null(v)))
			json_object_set(r, copy[i], v);
	}
	json_object_set_new(r, "duplicate_of", json_stringn(f->id, f->id_len));
	json_object_set_new(r, "similarity", json_real(1.0));
	json_object_set_new(r, "kind", json_string(kind));
	json_object_set_new(r, "merged", json_string(when));
	dump_line(b, r);
	json_decref(r);
}

struct batch {
	struct buf docs;	/* lines for documents.jsonl and stdout */
	struct buf dups;	/* lines for duplicates.jsonl */
	unsigned long ndocs;
	char when[32];
};

static void
commit(struct corpus *c, struct batch *b)
{
	if (b->docs.len == 0 && b->dups.len == 0)
		return;
	corpus_commit(c, &b->docs, &b->dups);
	/* Only now, with the batch synced, acknowledge it on stdout. */
	if (b->docs.len && fwrite(b->docs.p, 1, b->docs.len, stdout) != b->docs.len)
		nf_dieerr("stdout");
	buf_reset(&b->docs);
	buf_reset(&b->dups);
	b->ndocs = 0;
}

/*
 * Decide about one document: an exact duplicate (its normalised text is
 * in the corpus), a repeat of an id with the same text, a new version of
 * an id whose text changed, or a new document.
 */
static void
merge_doc(struct corpus *c, struct batch *b, struct jsonl_reader *r,
    json_t *doc)
{
	static struct buf tmp;
	const struct buf *line = &r->lr.line;
	json_t *jt = json_object_get(doc, "text"), *jid = json_object_get(doc, "id");
	const char *id;
	char idbuf[33];
	struct key tk, ik;
	struct ifound f;
	uint64_t off;
	uint32_t version = 1;
	int changed = 0;

	if (!json_is_string(jt)) {
		nf_recwarn("%s: no \"text\" string, skipped", jsonl_where(r, doc));
		count.rejected++;
		return;
	}
	if (jid != NULL && !json_is_string(jid)) {
		nf_recwarn("%s: \"id\" is not a string, skipped", jsonl_where(r, doc));
		count.rejected++;
		return;
	}
	if (jid != NULL && json_string_length(jid) > ID_MAX) {
		nf_recwarn("%s: \"id\" longer than %d bytes, skipped",
		    jsonl_where(r, NULL), ID_MAX);
		count.rejected++;
		return;
	}
	if (!key_text(&tk, &tmp, json_string_value(jt), json_string_length(jt))) {
		nf_recwarn("%s: empty \"text\", skipped", jsonl_where(r, doc));
		count.rejected++;
		return;
	}
	if (jid == NULL) {
		derive_id(doc, &tk, idbuf);
		json_object_set_new(doc, "id", json_string(idbuf));
		changed = 1;
	}
	id = json_str(doc, "id");

	if (index_find(&c->ix, &tk, &f)) {
		int same = f.id_len == strlen(id) && memcmp(f.id, id, f.id_len) == 0;
		dup_record(&b->dups, doc, id, &f, same ? "id" : "exact", b->when);
		if (same)
			count.iddup++;
		else
			count.exact++;
		if (nf_verbose > 1)
			nf_debug("%s: %s duplicate of %.*s", jsonl_where(r, doc),
		    same ? "id" : "exact", (int)f.id_len, f.id);
		return;
	}
	key_id(&ik, id, strlen(id));
	if (index_find(&c->ix, &ik, &f)) {
		/* Same id, new text: an updated article, kept as a new
		 * version beside the old one. */
		version = f.version + 1;
		json_object_set_new(doc, "version", json_integer(version));
		changed = 1;
		count.updated++;
	}
	off = c->docsize + b->docs.len;
	if (!changed && line->len >= 2 && line->p[0] == '{' &&
	    line->p[line->len - 1] == '}') {
		/* Keep the input's own bytes: the same object, already one
		 * compact line, without a dump. */
		buf_append(&b->docs, line->p, line->len);
		buf_putc(&b->docs, '\n');
	} else
		dump_line(&b->docs, doc);
	index_add(&c->ix, &tk, KIND_TEXT, off, id, strlen(id), version);
	index_add(&c->ix, &ik, KIND_ID, off, id, strlen(id), version);
	b->ndocs++;
	count.added++;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "max-record", required_argument, NULL, 'M' },
		{ "no-wait", no_argument, NULL, 'n' },
		{ "reindex", no_argument, NULL, 'R' },
		{ "rotate", required_argument, NULL, 'r' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct jsonl_reader r;
	struct corpus c;
	struct batch b = {0};
	json_t *doc;
	int ch, st;

	nf_init("newsmerge");
	while ((ch = getopt_long(argc, argv, "hnv", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			usage(stdout);
			break;
		case 'M':
			if ((maxrecord = nf_parse_size(optarg)) <= 0)
				nf_die("--max-record: bad size '%s'", optarg);
			break;
		case 'n':
			nowait = 1;
			break;
		case 'R':
			reindex = 1;
			break;
		case 'r':
			if ((rotatesize = nf_parse_size(optarg)) < 0)
				nf_die("--rotate: bad size '%s'", optarg);
			break;
		case 'v':
			nf_verbose++;
			break;
		case 'V':
			nf_version();
		default:
			usage(stderr);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		usage(stderr);

	corpus_open(&c, argv[0], (nowait ? 0 : CORPUS_WAIT) |
	    (reindex ? CORPUS_REINDEX : 0), (uint64_t)rotatesize);
	if (reindex)
		nf_debug("%s: index rebuilt from %lu documents", argv[0],
		    c.ndocs_indexed);

	jsonl_init(&r, stdin, "-", maxrecord > 0 ? (size_t)maxrecord : 0);
	nf_now_rfc3339(b.when);
	for (;;) {
		if ((b.docs.len || b.dups.len) && input_idle(&r)) {
			commit(&c, &b);
			nf_now_rfc3339(b.when);
		}
		if ((st = jsonl_read(&r, &doc)) == JSONL_EOF)
			break;
		count.read++;
		if (st == JSONL_BAD) {
			count.rejected++;
			continue;
		}
		merge_doc(&c, &b, &r, doc);
		json_decref(doc);
		if (b.ndocs >= BATCH_DOCS || b.docs.len >= BATCH_BYTES ||
		    b.dups.len >= BATCH_BYTES) {
			commit(&c, &b);
			nf_now_rfc3339(b.when);
		}
	}
	commit(&c, &b);
	jsonl_free(&r);
	nf_fshut(stdout, "stdout");
	corpus_close(&c);
	buf_free(&b.docs);
	buf_free(&b.dups);

	if (nf_verbose || nf_isatty_stderr())
		nf_warn("read %lu, added %lu, exact duplicates %lu, "
		    "id duplicates %lu, new versions %lu, rejected lines %lu",
		    count.read, count.added, count.exact, count.iddup,
		    count.updated, count.rejected);
	return nf_status();
}
