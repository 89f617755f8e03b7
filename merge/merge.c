/*
 * newsmerge: add JSON Lines documents to a corpus directory, dropping
 * exact and near duplicates and marking sentences an earlier document
 * had; the documents added are written to stdout.
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

static double threshold = NEAR_THRESHOLD;

static struct {
	unsigned long read, added, exact, near, iddup, updated, rejected;
	unsigned long candidates, marked;
} count;

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: newsmerge [-nv] [--max-record SIZE] [--reindex] "
	    "[--rotate SIZE] [--threshold SIM] DIR\n");
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

/* Append obj as one line to b (reals with prec digits, 0: all). */
static void
dump_line(struct buf *b, json_t *obj, int prec)
{
	char *s = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(prec));

	if (s == NULL)
		nf_die("out of memory");
	buf_puts(b, s);
	buf_putc(b, '\n');
	free(s);
}

/* The record of a dropped duplicate, in duplicates.jsonl. */
static void
dup_record(struct buf *b, json_t *doc, const char *id, const char *of,
    size_t oflen, double sim, const char *kind, const char *when)
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
	json_object_set_new(r, "duplicate_of", json_stringn(of, oflen));
	/* Rounded down, so that a similarity printed at the threshold was
	 * at or above it. */
	json_object_set_new(r, "similarity",
	    json_real(sim >= 1.0 ? 1.0 : (double)(long)(sim * 1000) / 1000));
	json_object_set_new(r, "kind", json_string(kind));
	json_object_set_new(r, "merged", json_string(when));
	dump_line(b, r, 3);
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
 * The shingles and id of the kept document at offset off: stored, or in
 * the batch not yet committed. -1 if it cannot be read (a damaged index
 * or documents file: the candidate is passed over).
 */
static int
candidate(struct corpus *c, const struct batch *b, uint64_t off,
    struct shingles *sh, struct buf *id)
{
	static struct buf line, norm;
	static struct jdoc d;
	const char *p;
	size_t len;

	if (off >= c->docsize) {
		uint64_t at = off - c->docsize;
		const char *nl;
		if (at >= b->docs.len)
			return -1;
		p = b->docs.p + at;
		if ((nl = memchr(p, '\n', b->docs.len - at)) == NULL)
			return -1;
		len = (size_t)(nl - p);
	} else if (corpus_read_line(c, off, &line) < 0)
		return -1;
	else
		p = line.p, len = line.len;
	if (!jscan_doc(&d, p, len)) {
		json_error_t jerr;
		json_t *o = json_loadb(p, len, JSON_ALLOW_NUL, &jerr);
		if (o == NULL)
			return -1;
		jdoc_from_json(&d, o);
		json_decref(o);
	}
	if (!d.has_text || !d.has_id)
		return -1;
	buf_reset(&norm);
	key_normalize(&norm, d.text.p, d.text.len);
	shingle_hashes(sh, norm.p, norm.len);
	buf_reset(id);
	buf_append(id, d.id.p, d.id.len);
	return 0;
}

/*
 * The kept document doc is nearest to among those sharing a band with it,
 * and the similarity; bit b of *seen is set for each band b found. sh is
 * sorted on return.
 */
static double
nearest(struct corpus *c, const struct batch *b, const struct key *band,
    struct shingles *sh, uint32_t *seen, struct buf *of)
{
	static struct shingles csh;
	static struct buf cid;
	uint64_t cand[MH_BANDS];
	size_t ncand = 0, i, j;
	struct ifound f;
	double best = 0;
	int k;

	*seen = 0;
	for (k = 0; k < MH_BANDS; k++) {
		if (!index_find(&c->ix, &band[k], &f))
			continue;
		*seen |= 1u << k;
		for (j = 0; j < ncand && cand[j] != f.doc_off; j++)
			;
		if (j == ncand)
			cand[ncand++] = f.doc_off;
	}
	for (i = 0; i < ncand; i++) {
		double s;
		if (candidate(c, b, cand[i], &csh, &cid) < 0)
			continue;
		count.candidates++;
		s = shingle_similarity(sh, &csh);
		if (s > best) {
			best = s;
			buf_reset(of);
			buf_append(of, cid.p, cid.len);
		}
	}
	return best;
}

/* Append s as the inside of a JSON string. */
static void
json_escape(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, c);
		} else if (c < 0x20)
			buf_printf(b, "\\u%04x", c);
		else
			buf_putc(b, c);
	}
}

/* The document being merged: its line, what was read of it, and the
 * jansson object once something needs it. */
struct cur {
	struct jsonl_reader *r;
	struct jdoc d;
	json_t *doc;		/* NULL until loaded */
	int scanned;		/* the line went through jscan_doc() */
};

/* The jansson object of the current document, loaded on first use (a
 * line the scanner took loads). */
static json_t *
cur_doc(struct cur *k)
{
	json_error_t jerr;

	if (k->doc == NULL) {
		k->doc = json_loadb(k->r->lr.line.p, k->r->lr.line.len,
		    JSON_REJECT_DUPLICATES, &jerr);
		if (k->doc == NULL)
			nf_die("%s: cannot load a scanned line: %s",
			    jsonl_where(k->r, NULL), jerr.text);
	}
	return k->doc;
}

static const char *
cur_where(struct cur *k)
{
	return jsonl_where(k->r, cur_doc(k));
}

/*
 * Decide about one document: an exact duplicate (its normalised text is
 * in the corpus), a repeat of an id with the same text, a new version of
 * an id whose text changed, a near duplicate of a kept document, or a
 * new document, whose sentences seen before are marked.
 */
static void
merge_doc(struct corpus *c, struct batch *b, struct cur *k)
{
	static struct buf tmp, of, marks;
	static unsigned char *seen;	/* sentence i's key was found */
	static struct shingles sh;
	static struct sentkeys sk;
	static size_t *markoff;	/* sentence i's mark: marks[markoff[i]..] */
	static size_t markcap;
	struct jsonl_reader *r = k->r;
	const struct buf *line = &r->lr.line;
	struct jdoc *d = &k->d;
	struct key tk, ik, band[MH_BANDS];
	uint32_t bandseen = 0, version = 1;
	struct ifound f;
	const char *id;
	char idbuf[33];
	uint64_t off;
	size_t i, nmark = 0, idlen;
	int nband, changed = 0;

	if (!k->scanned) {
		json_t *jid = json_object_get(k->doc, "id");
		if (!json_is_string(json_object_get(k->doc, "text"))) {
			nf_recwarn("%s: no \"text\" string, skipped", cur_where(k));
			count.rejected++;
			return;
		}
		if (jid != NULL && !json_is_string(jid)) {
			nf_recwarn("%s: \"id\" is not a string, skipped",
			    cur_where(k));
			count.rejected++;
			return;
		}
		jdoc_from_json(d, k->doc);
	}
	if (d->has_id && d->id.len > ID_MAX) {
		nf_recwarn("%s: \"id\" longer than %d bytes, skipped",
		    jsonl_where(r, NULL), ID_MAX);
		count.rejected++;
		return;
	}
	if (!key_text(&tk, &tmp, d->text.p, d->text.len)) {
		nf_recwarn("%s: empty \"text\", skipped", cur_where(k));
		count.rejected++;
		return;
	}
	if (!d->has_id) {
		derive_id(cur_doc(k), &tk, idbuf);
		json_object_set_new(k->doc, "id", json_string(idbuf));
		buf_puts(&d->id, idbuf);
		changed = 1;
	}
	id = d->id.p;
	idlen = d->id.len;

	if (index_find(&c->ix, &tk, &f)) {
		int same = f.id_len == idlen && memcmp(f.id, id, idlen) == 0;
		dup_record(&b->dups, cur_doc(k), id, f.id, f.id_len, 1.0,
		    same ? "id" : "exact", b->when);
		if (same)
			count.iddup++;
		else
			count.exact++;
		if (nf_verbose > 1)
			nf_debug("%s: %s duplicate of %.*s", cur_where(k),
			    same ? "id" : "exact", (int)f.id_len, f.id);
		return;
	}
	key_id(&ik, id, idlen);
	if (index_find(&c->ix, &ik, &f)) {
		/* Same id, new text: an updated article, kept as a new
		 * version beside the old one. */
		version = f.version + 1;
		json_object_set_new(cur_doc(k), "version", json_integer(version));
		changed = 1;
	}
	shingle_hashes(&sh, tmp.p, tmp.len);
	nband = minhash_bands(&sh, band) ? MH_BANDS : 0;
	if (nband) {
		double sim = nearest(c, b, band, &sh, &bandseen, &of);
		/* A new version of a kept id is an update, kept as such even
		 * when it is near its old text. */
		if (sim >= threshold && version == 1) {
			dup_record(&b->dups, cur_doc(k), id, of.p, of.len, sim,
			    "near", b->when);
			count.near++;
			if (nf_verbose > 1)
				nf_debug("%s: near duplicate (%.3f) of %s",
				    cur_where(k), sim, of.p);
			return;
		}
	}
	if (version > 1)
		count.updated++;

	/* Sentences an earlier document had. */
	if (d->has_dupof) {
		/* marks brought from elsewhere name other documents */
		json_t *ss = json_object_get(cur_doc(k), "sentences");
		for (i = 0; i < json_array_size(ss); i++)
			json_object_del(json_array_get(ss, i), "dup_of");
		changed = 1;
	}
	sentence_keys(&sk, d);
	buf_reset(&marks);
	if (sk.n > markcap) {
		markcap = sk.n;
		markoff = xrealloc(markoff, markcap * sizeof *markoff);
		seen = xrealloc(seen, markcap);
	}
	for (i = 0; i < sk.n; i++) {
		markoff[i] = (size_t)-1;
		seen[i] = (unsigned char)index_find(&c->ix, &sk.k[i], &f);
		if (!seen[i] || f.id_len == 0)
			continue;
		markoff[i] = marks.len;
		buf_append(&marks, f.id, f.id_len);
		buf_putc(&marks, '\0');
		nmark++;
	}
	count.marked += nmark;

	off = c->docsize + b->docs.len;
	if (!changed && k->scanned) {
		/* The input's own bytes, the marks spliced in before each
		 * marked sentence's closing brace. */
		size_t pos = 0;
		for (i = 0; i < sk.n; i++) {
			const struct jsent *js = &d->s[sk.at[i]];
			size_t e = js->close, q = e;
			if (markoff[i] == (size_t)-1)
				continue;
			buf_append(&b->docs, line->p + pos, e - pos);
			while (q > 0 && (line->p[q - 1] == ' ' ||
			    line->p[q - 1] == '\t' || line->p[q - 1] == '\r' ||
			    line->p[q - 1] == '\n'))
				q--;
			buf_puts(&b->docs, line->p[q - 1] == '{' ? "\"dup_of\":\"" :
			    ",\"dup_of\":\"");
			json_escape(&b->docs, marks.p + markoff[i],
			    strlen(marks.p + markoff[i]));
			buf_putc(&b->docs, '"');
			pos = e;
		}
		buf_append(&b->docs, line->p + pos, line->len - pos);
		buf_putc(&b->docs, '\n');
	} else if (!changed && nmark == 0 && line->len >= 2 &&
	    line->p[0] == '{' && line->p[line->len - 1] == '}') {
		/* Keep the input's own bytes: the same object, already one
		 * compact line, without a dump. */
		buf_append(&b->docs, line->p, line->len);
		buf_putc(&b->docs, '\n');
	} else {
		json_t *ss = json_object_get(cur_doc(k), "sentences");
		for (i = 0; i < sk.n; i++) {
			if (markoff[i] == (size_t)-1)
				continue;
			json_object_set_new(json_array_get(ss, d->s[sk.at[i]].idx),
			    "dup_of", json_string(marks.p + markoff[i]));
		}
		dump_line(&b->docs, k->doc, 0);
	}
	index_add(&c->ix, &tk, KIND_TEXT, off, id, idlen, version);
	index_add(&c->ix, &ik, KIND_ID, off, id, idlen, version);
	doc_add_keys(&c->ix, band, nband, bandseen, &sk, seen, off, id, idlen);
	b->ndocs++;
	count.added++;
}

/* Read and merge the next document; 0 at the end of the input. */
static int
merge_next(struct corpus *c, struct batch *b, struct cur *k)
{
	int st = jsonl_next_line(k->r);

	if (st == JSONL_EOF)
		return 0;
	count.read++;
	if (st == JSONL_BAD) {
		count.rejected++;
		return 1;
	}
	k->doc = NULL;
	k->scanned = jscan_doc(&k->d, k->r->lr.line.p, k->r->lr.line.len) &&
	    k->d.has_text && k->d.has_id;
	if (k->scanned)
		k->r->records++;
	else if (jsonl_parse_line(k->r, &k->doc) != JSONL_OK) {
		count.rejected++;
		return 1;
	}
	merge_doc(c, b, k);
	json_decref(k->doc);
	k->doc = NULL;
	return 1;
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
		{ "threshold", required_argument, NULL, 't' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct jsonl_reader r;
	struct corpus c;
	struct batch b = {0};
	struct cur k = { .r = &r };
	int ch;

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
		case 't': {
			char *end;
			threshold = strtod(optarg, &end);
			if (end == optarg || *end != '\0' || !(threshold > 0) ||
			    threshold > 1) {
				nf_warn("--threshold: '%s' is not a number in "
				    "(0, 1]", optarg);
				usage(stderr);
			}
			break;
		}
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
		if (!merge_next(&c, &b, &k))
			break;
		if (b.ndocs >= BATCH_DOCS || b.docs.len >= BATCH_BYTES ||
		    b.dups.len >= BATCH_BYTES) {
			commit(&c, &b);
			nf_now_rfc3339(b.when);
		}
	}
	commit(&c, &b);
	jsonl_free(&r);
	jdoc_free(&k.d);
	nf_fshut(stdout, "stdout");
	corpus_close(&c);
	buf_free(&b.docs);
	buf_free(&b.dups);

	if (nf_verbose || nf_isatty_stderr())
		nf_warn("read %lu, added %lu, exact duplicates %lu, "
		    "id duplicates %lu, near duplicates %lu, new versions %lu, "
		    "rejected lines %lu",
		    count.read, count.added, count.exact, count.iddup,
		    count.near, count.updated, count.rejected);
	nf_debug("%lu sentences marked as seen before, %lu near-duplicate "
	    "candidates read", count.marked, count.candidates);
	return nf_status();
}
