/*
 * nertrain: train newstag's named-entity model (tag/ner.c) with an
 * averaged structured perceptron (Collins 2002) over BILOU labels.
 *
 *	nertrain [-b rowbits] [-e epochs] [-g gazdir] [-s seed] [-u text]
 *	    train.jsonl model
 *
 * text: unlabeled text, one paragraph a line, for word classes
 * (wclust.c) that the model carries and uses as features.
 * gazdir (tag/train/gaz) holds the name lists the model carries, one
 * name a line: cities.txt, regions.txt, countries.txt, given.txt
 * (NER_NGAZ of them, in that order); each name is tokenized as newstag
 * does and stored as a hash (see ner.c).
 * train.jsonl: one document a line, {"text": "...", "entities": [[start,
 * end, "PER"], ...]} with code point offsets, as tag/train/nerdata.py
 * writes it from the training part of eval/ner_split.py; an optional
 * "weight" (a small integer, default 1) repeats the document's updates.
 * The text is tokenized by newstag's own tokenizer, so that training
 * sees exactly the tokens and features newstag sees; a token takes the
 * type of the entity its first byte is in.
 *
 * Reproducible: the documents' order is shuffled every epoch by a fixed
 * LCG from the seed, nothing else is random, so the same data gives the
 * same model file byte for byte (on one machine and compiler).
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "lineio.h"
#include "nf.h"
#include "utf8.h"
#include "../tag.h"
#include "train.h"

enum { L = NER_NLABELS };

struct tdoc {
	struct ner_fv fv;
	unsigned char *gold;
	size_t ntok;
	size_t *sent;		/* sentence starts, nsent + 1 of them */
	size_t nsent;
	int weight;
};

static float *w, *tr;		/* current weights */
static double *wa, *tra;	/* sum of (step * update), for averaging */
static double step = 1;

static int
label_of(const char *type, int part)
{
	static const char *const types[] = {"PER", "ORG", "LOC", "MISC"};
	int k;

	for (k = 0; k < 4; k++)
		if (strcmp(type, types[k]) == 0)
			return 1 + 4 * k + part;
	return 0;
}

/* Tokenize one record and give each token its gold label. */
static int
load_doc(json_t *o, uint32_t mask, struct tdoc *td)
{
	json_t *ents = json_object_get(o, "entities"), *e;
	const char *text = json_string_value(json_object_get(o, "text"));
	struct utf8_cursor cur;
	struct doc d;
	size_t i, k, j, len, s, t, *bs, *be;
	const char **ty;
	size_t ne;

	if (!text || !json_is_array(ents))
		return -1;
	len = strlen(text);
	memset(td, 0, sizeof *td);
	td->weight = json_is_integer(json_object_get(o, "weight")) ?
	    (int)json_integer_value(json_object_get(o, "weight")) : 1;
	doc_tokenize(&d, text, len, NULL, 0);
	td->ntok = d.ntok;
	td->gold = xcalloc(d.ntok + 1, 1);
	ne = json_array_size(ents);
	bs = xcalloc(ne + 1, sizeof *bs);
	be = xcalloc(ne + 1, sizeof *be);
	ty = xcalloc(ne + 1, sizeof *ty);
	/* entities are in text order: offsets to bytes with one cursor */
	cur = (struct utf8_cursor){text, len, 0, 0};
	for (k = 0; k < ne; k++) {
		e = json_array_get(ents, k);
		s = (size_t)json_integer_value(json_array_get(e, 0));
		t = (size_t)json_integer_value(json_array_get(e, 1));
		bs[k] = utf8_cursor_byte(&cur, s);
		be[k] = utf8_cursor_byte(&cur, t);
		ty[k] = json_string_value(json_array_get(e, 2));
		if (!ty[k])
			ty[k] = "";
	}
	/* tokens of entity k: those whose first byte is in [bs, be) */
	for (k = 0, i = 0; k < ne; k++) {
		size_t t0, t1;
		while (i < d.ntok && d.tok[i].start < bs[k])
			i++;
		t0 = i;
		for (j = i; j < d.ntok && d.tok[j].start < be[k]; j++)
			;
		t1 = j;
		if (t1 <= t0 || !label_of(ty[k], 0))
			continue;
		if (t1 - t0 == 1) {
			td->gold[t0] = (unsigned char)label_of(ty[k], 3);
		} else {
			td->gold[t0] = (unsigned char)label_of(ty[k], 0);
			for (j = t0 + 1; j + 1 < t1; j++)
				td->gold[j] = (unsigned char)label_of(ty[k], 1);
			td->gold[t1 - 1] = (unsigned char)label_of(ty[k], 2);
		}
		i = t1;
	}
	free(bs);
	free(be);
	free(ty);
	ner_doc_features(&d, mask, &td->fv);
	td->sent = xmalloc((d.ntok + 1) * sizeof *td->sent);
	for (s = 0; s < d.ntok; s = ner_next_sentence(&d, s))
		td->sent[td->nsent++] = s;
	td->sent[td->nsent] = d.ntok;
	doc_free(&d);
	return 0;
}

static void
emissions(const struct tdoc *td, size_t s0, size_t s1, float *emit)
{
	size_t i, k;
	const float *r;
	int b;

	for (i = s0; i < s1; i++) {
		float *e = emit + (i - s0) * L;
		for (b = 0; b < L; b++)
			e[b] = 0;
		for (k = td->fv.off[i]; k < td->fv.off[i + 1]; k++) {
			r = w + (size_t)td->fv.row[k] * L;
			for (b = 0; b < L; b++)
				e[b] += r[b];
		}
	}
}

static void
upd(const struct tdoc *td, size_t i, int lab, float by)
{
	size_t k, x;

	for (k = td->fv.off[i]; k < td->fv.off[i + 1]; k++) {
		x = (size_t)td->fv.row[k] * L + lab;
		w[x] += by;
		wa[x] += step * by;
	}
}

static void
upd_trans(int a, int b, float by)
{
	tr[a * L + b] += by;
	tra[a * L + b] += step * by;
}

/* One perceptron step on sentence [s0, s1); 1 if it was wrong. */
static int
train_sentence(const struct tdoc *td, size_t s0, size_t s1, float *emit,
    unsigned char *pred)
{
	size_t i, n = s1 - s0;
	const unsigned char *g = td->gold + s0;
	int wrong = 0, pa, ga;
	float by = (float)td->weight;

	emissions(td, s0, s1, emit);
	ner_viterbi(emit, n, tr, NULL, pred);
	for (i = 0; i < n; i++)
		if (pred[i] != g[i])
			wrong = 1;
	if (wrong) {
		for (i = 0; i < n; i++) {
			if (pred[i] != g[i]) {
				upd(td, s0 + i, g[i], by);
				upd(td, s0 + i, pred[i], -by);
			}
			pa = i ? pred[i - 1] : L;
			ga = i ? g[i - 1] : L;
			if (pa != ga || pred[i] != g[i]) {
				upd_trans(ga, g[i], by);
				upd_trans(pa, pred[i], -by);
			}
		}
	}
	step++;
	return wrong;
}

static const char *const gaznames[NER_NGAZ] = {"cities", "regions",
    "countries", "given"};

/* The gazetteer table: every name of the lists in dir, by key hash. */
static uint64_t *
load_gaz(const char *dir, uint32_t *bitsp)
{
	struct linereader lr;
	struct buf path = {0};
	uint64_t *tab, *keys = NULL, h, key;
	unsigned char *cls = NULL;
	size_t n = 0, cap = 0, i, j, size;
	uint32_t bits = 10;
	struct doc d;
	FILE *fp;
	int k, st;

	for (k = 0; k < NER_NGAZ; k++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s.txt", dir, gaznames[k]);
		if (!(fp = fopen(path.p, "r")))
			nf_dieerr("%s", path.p);
		line_init(&lr, fp, 0);
		while ((st = line_read(&lr)) == LINE_OK) {
			doc_tokenize(&d, lr.line.p, lr.line.len, NULL, 0);
			if (d.ntok > 0 && d.ntok <= NER_GAZ_MAXWORDS) {
				if (n == cap) {
					cap = cap ? 2 * cap : 4096;
					keys = xrealloc(keys, cap * sizeof *keys);
					cls = xrealloc(cls, cap);
				}
				keys[n] = ner_key_hash(&d, 0, d.ntok);
				cls[n++] = (unsigned char)(1u << k);
			}
			doc_free(&d);
		}
		if (st != LINE_EOF || ferror(fp))
			nf_die("%s: line %lu: read error", path.p, lr.lineno);
		line_free(&lr);
		fclose(fp);
	}
	while (((size_t)1 << bits) < 2 * n)
		bits++;
	size = (size_t)1 << bits;
	tab = xcalloc(size, sizeof *tab);
	for (i = 0; i < n; i++) {
		h = keys[i];
		key = ner_gaz_key(h);
		for (j = (size_t)(h >> 8) & (size - 1); tab[j] &&
		    (tab[j] & ~(uint64_t)0xff) != key; j = (j + 1) & (size - 1))
			;
		tab[j] = key | (tab[j] & 0xff) | cls[i];
	}
	fprintf(stderr, "nertrain: %zu listed names in %zu slots\n", n, size);
	free(keys);
	free(cls);
	buf_free(&path);
	*bitsp = bits;
	return tab;
}

static uint32_t
lcg(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: nertrain [-b rowbits] [-e epochs] [-g gazdir] "
	    "[-s seed] [-u text] train.jsonl model\n");
}

int
main(int argc, char *argv[])
{
	struct linereader lr;
	struct tdoc *docs = NULL;
	size_t ndocs = 0, cap = 0, nrows, nw, i, k, maxsent = 1, nsent = 0;
	size_t *order = NULL, nord = 0;
	unsigned long bits = 19, epochs = 12, seed = 1;
	uint32_t rng, u32;
	float *emit, *avg, scale, maxabs = 0;
	unsigned char *pred;
	int16_t *q;
	FILE *fp;
	struct buf out = {0};
	json_error_t je;
	json_t *o;
	size_t ep, wrong;
	int ch, st;
	const char *gazdir = NULL;
	uint64_t *gaz = NULL, *clust = NULL;
	uint32_t gbits = 0, cbits = 0;
	const char *unlabeled = NULL;

	nf_init("nertrain");
	while ((ch = getopt(argc, argv, "b:e:g:s:u:")) != -1) {
		switch (ch) {
		case 'b':
			bits = strtoul(optarg, NULL, 10);
			break;
		case 'e':
			epochs = strtoul(optarg, NULL, 10);
			break;
		case 'g':
			gazdir = optarg;
			break;
		case 's':
			seed = strtoul(optarg, NULL, 10);
			break;
		case 'u':
			unlabeled = optarg;
			break;
		default:
			usage(stderr);
			return NF_EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2 || bits < 8 || bits > 28 || epochs < 1) {
		usage(stderr);
		return NF_EXIT_USAGE;
	}
	gaz_load();
	dates_init();
	nrows = (size_t)1 << bits;
	/* the lists first: the features of the training text use them */
	if (gazdir) {
		gaz = load_gaz(gazdir, &gbits);
		ner_model.gaz = gaz;
		ner_model.ngaz = (size_t)1 << gbits;
	}
	if (unlabeled) {
		clust = wclust_build(unlabeled, &cbits);
		ner_model.clust = clust;
		ner_model.nclust = (size_t)1 << cbits;
	}
	if (!(fp = fopen(argv[0], "r")))
		nf_dieerr("%s", argv[0]);
	line_init(&lr, fp, 0);
	while ((st = line_read(&lr)) != LINE_EOF) {
		if (st != LINE_OK)
			nf_die("%s: line %lu: read error", argv[0], lr.lineno);
		if (!(o = json_loadb(lr.line.p, lr.line.len, 0, &je)))
			nf_die("%s: line %lu: %s", argv[0], lr.lineno, je.text);
		if (ndocs == cap) {
			cap = cap ? 2 * cap : 256;
			docs = xrealloc(docs, cap * sizeof *docs);
		}
		if (load_doc(o, (uint32_t)(nrows - 1), &docs[ndocs]) < 0)
			nf_die("%s: line %lu: want {\"text\", \"entities\"}",
			    argv[0], lr.lineno);
		for (k = 0; k < docs[ndocs].nsent; k++)
			if (docs[ndocs].sent[k + 1] - docs[ndocs].sent[k] > maxsent)
				maxsent = docs[ndocs].sent[k + 1] -
				    docs[ndocs].sent[k];
		nsent += docs[ndocs].nsent;
		ndocs++;
		json_decref(o);
	}
	line_free(&lr);
	fclose(fp);
	if (ndocs == 0)
		nf_die("%s: no documents", argv[0]);

	nw = nrows * L;
	w = xcalloc(nw, sizeof *w);
	wa = xcalloc(nw, sizeof *wa);
	tr = xcalloc((L + 1) * L, sizeof *tr);
	tra = xcalloc((L + 1) * L, sizeof *tra);
	emit = xmalloc(maxsent * L * sizeof *emit);
	pred = xmalloc(maxsent);
	/* the unit of shuffling is a sentence: (doc << 24 | sentence) */
	order = xmalloc(nsent * sizeof *order);
	for (i = 0; i < ndocs; i++)
		for (k = 0; k < docs[i].nsent; k++)
			order[nord++] = i << 24 | k;
	rng = (uint32_t)seed;
	for (ep = 0; ep < epochs; ep++) {
		for (i = nord; i > 1; i--) {
			size_t j = lcg(&rng) % i, t = order[i - 1];
			order[i - 1] = order[j];
			order[j] = t;
		}
		wrong = 0;
		for (i = 0; i < nord; i++) {
			struct tdoc *td = &docs[order[i] >> 24];
			k = order[i] & 0xffffff;
			wrong += train_sentence(td, td->sent[k], td->sent[k + 1],
			    emit, pred);
		}
		nf_debug("epoch %zu: %zu of %zu sentences wrong", ep + 1,
		    wrong, nord);
		fprintf(stderr, "nertrain: epoch %zu: %zu of %zu sentences "
		    "wrong\n", ep + 1, wrong, nord);
	}
	/* averaged weights: w - wa / step */
	avg = xmalloc(nw * sizeof *avg);
	for (i = 0; i < nw; i++) {
		avg[i] = (float)(w[i] - wa[i] / step);
		if (fabsf(avg[i]) > maxabs)
			maxabs = fabsf(avg[i]);
	}
	for (i = 0; i < (L + 1) * L; i++)
		tr[i] = (float)(tr[i] - tra[i] / step);
	scale = maxabs > 0 ? 32767.0f / maxabs : 1.0f;
	q = xmalloc(nw * sizeof *q);
	for (i = 0; i < nw; i++)
		q[i] = (int16_t)lrintf(avg[i] * scale);

	buf_append(&out, "NFNER1\n", 8);
	u32 = 0x01020304;
	buf_append(&out, &u32, 4);
	u32 = L;
	buf_append(&out, &u32, 4);
	u32 = (uint32_t)bits;
	buf_append(&out, &u32, 4);
	u32 = NER_FEATURES_VERSION;
	buf_append(&out, &u32, 4);
	buf_append(&out, &scale, 4);
	buf_append(&out, &gbits, 4);
	buf_append(&out, &cbits, 4);
	u32 = 0;
	buf_append(&out, &u32, 4);
	buf_append(&out, tr, (L + 1) * L * sizeof *tr);
	buf_append(&out, q, nw * sizeof *q);
	if (gaz)
		buf_append(&out, gaz, sizeof *gaz << gbits);
	if (clust)
		buf_append(&out, clust, sizeof *clust << cbits);
	{
		uint64_t sum = ner_checksum(out.p, out.len);
		buf_append(&out, &sum, 8);
	}
	if (!(fp = fopen(argv[1], "wb")))
		nf_dieerr("%s", argv[1]);
	if (fwrite(out.p, 1, out.len, fp) != out.len || fclose(fp) != 0)
		nf_dieerr("%s: write error", argv[1]);
	fprintf(stderr, "nertrain: %zu documents, %zu sentences, %zu rows: "
	    "%s (%zu bytes)\n", ndocs, nord, nrows, argv[1], out.len);
	for (i = 0; i < ndocs; i++) {
		ner_fv_free(&docs[i].fv);
		free(docs[i].gold);
		free(docs[i].sent);
	}
	free(docs);
	free(order);
	free(w);
	free(wa);
	free(tr);
	free(tra);
	free(avg);
	free(q);
	free(gaz);
	free(clust);
	free(emit);
	free(pred);
	buf_free(&out);
	return 0;
}
