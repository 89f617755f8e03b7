/*
 * wclust.c: word classes from unlabeled text for nertrain, by the
 * exchange algorithm (Kneser and Ney 1993; Martin, Liermann and Ney
 * 1998): words are moved, one at a time, to the class that most raises
 * the likelihood of a class bigram model of the text, until few move.
 * Like Brown clusters (which Ratinov and Roth used), the classes group
 * words that occur in like contexts ("Kyiv" with "Moscow", "Ltd" with
 * "Inc"), so a name the labelled data never had gets its class's
 * evidence. It is simpler than Brown clustering and linear in the text;
 * two runs give a coarse and a fine partition instead of a hierarchy.
 *
 * Words are the lower-cased forms of newstag's tokens (keyed by
 * ner_key_hash), bigrams never cross a line, and words seen fewer than
 * WC_MINCOUNT times share one pseudo-word. Deterministic: words are
 * visited in a fixed order and ties go to the lowest class.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "lineio.h"
#include "nf.h"
#include "../tag.h"
#include "train.h"

enum { WC_MINCOUNT = 3, WC_ITER = 10 };

struct wmap {
	uint64_t *key;		/* 0: empty */
	uint32_t *id;
	size_t cap, n;
};

static uint32_t
wmap_get(struct wmap *m, uint64_t key, uint32_t next)
{
	size_t i;

	key |= 1;
	if ((m->n + 1) * 2 > m->cap) {
		struct wmap o = *m;
		m->cap = m->cap ? 2 * m->cap : 1 << 16;
		m->key = xcalloc(m->cap, sizeof *m->key);
		m->id = xcalloc(m->cap, sizeof *m->id);
		for (i = 0; i < o.cap; i++) {
			size_t j;
			if (!o.key[i])
				continue;
			for (j = o.key[i] & (m->cap - 1); m->key[j];
			    j = (j + 1) & (m->cap - 1))
				;
			m->key[j] = o.key[i];
			m->id[j] = o.id[i];
		}
		free(o.key);
		free(o.id);
	}
	for (i = key & (m->cap - 1); m->key[i]; i = (i + 1) & (m->cap - 1))
		if (m->key[i] == key)
			return m->id[i];
	m->key[i] = key;
	m->id[i] = next;
	m->n++;
	return next;
}

static double *flog;		/* x log x for integer x */
static size_t nflog;

static inline double
xlogx(double x)
{
	if (x < (double)nflog)
		return flog[(size_t)x];
	return x > 0 ? x * log(x) : 0;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Neighbour lists: for word w, nb[off[w]..off[w+1]) with counts. */
struct adj {
	size_t *off;
	uint32_t *nb;
	uint32_t *cnt;
};

static void
adj_build(const uint64_t *pairs, size_t np, size_t nw, struct adj *a)
{
	size_t i, k = 0;

	a->off = xcalloc(nw + 1, sizeof *a->off);
	a->nb = xmalloc((np ? np : 1) * sizeof *a->nb);
	a->cnt = xmalloc((np ? np : 1) * sizeof *a->cnt);
	for (i = 0; i < np;) {
		size_t j = i;
		while (j < np && pairs[j] == pairs[i])
			j++;
		a->off[(pairs[i] >> 32) + 1]++;
		a->nb[k] = (uint32_t)pairs[i];
		a->cnt[k++] = (uint32_t)(j - i);
		i = j;
	}
	for (i = 0; i < nw; i++)
		a->off[i + 1] += a->off[i];
}

/* Partition words 0..nw-1 into K classes; class of each word in cls. */
static void
exchange(size_t nw, const uint64_t *freq, const struct adj *R,
    const struct adj *Lf, int K, unsigned short *cls)
{
	double *N = xcalloc((size_t)K * K, sizeof *N), *Nl, *Nr;
	double *rc = xcalloc(K, sizeof *rc), *lc = xcalloc(K, sizeof *lc);
	int *rl = xmalloc(K * sizeof *rl), *ll = xmalloc(K * sizeof *ll);
	int nr, nl, a, b, best, c, it, q;
	size_t w, k, moved;
	double wl, wr, g, bestg, self;

	Nl = xcalloc(K, sizeof *Nl);
	Nr = xcalloc(K, sizeof *Nr);
	/* words come sorted by frequency: round robin gives each class
	 * one of the most frequent words */
	for (w = 0; w < nw; w++)
		cls[w] = (unsigned short)(w % K);
	for (w = 0; w < nw; w++)
		for (k = R->off[w]; k < R->off[w + 1]; k++) {
			N[cls[w] * K + cls[R->nb[k]]] += R->cnt[k];
			Nl[cls[w]] += R->cnt[k];
			Nr[cls[R->nb[k]]] += R->cnt[k];
		}
	for (it = 0; it < WC_ITER; it++) {
		moved = 0;
		for (w = 0; w < nw; w++) {
			a = cls[w];
			nr = nl = 0;
			self = wl = wr = 0;
			for (k = R->off[w]; k < R->off[w + 1]; k++) {
				wl += R->cnt[k];
				if (R->nb[k] == w) {
					self += R->cnt[k];
					continue;
				}
				c = cls[R->nb[k]];
				if (rc[c] == 0)
					rl[nr++] = c;
				rc[c] += R->cnt[k];
			}
			for (k = Lf->off[w]; k < Lf->off[w + 1]; k++) {
				wr += Lf->cnt[k];
				if (Lf->nb[k] == w)
					continue;
				c = cls[Lf->nb[k]];
				if (lc[c] == 0)
					ll[nl++] = c;
				lc[c] += Lf->cnt[k];
			}
			/* take w out of a */
			for (q = 0; q < nr; q++)
				N[a * K + rl[q]] -= rc[rl[q]];
			for (q = 0; q < nl; q++)
				N[ll[q] * K + a] -= lc[ll[q]];
			N[a * K + a] -= self;
			Nl[a] -= wl;
			Nr[a] -= wr;
			best = a;
			bestg = -INFINITY;
			for (b = 0; b < K; b++) {
				g = 0;
				for (q = 0; q < nr; q++) {
					double x = N[b * K + rl[q]];
					g += xlogx(x + rc[rl[q]]) - xlogx(x);
				}
				for (q = 0; q < nl; q++) {
					double x = N[ll[q] * K + b];
					g += xlogx(x + lc[ll[q]]) - xlogx(x);
				}
				g += xlogx(N[b * K + b] + self) - xlogx(N[b * K + b]);
				g -= xlogx(Nl[b] + wl) - xlogx(Nl[b]);
				g -= xlogx(Nr[b] + wr) - xlogx(Nr[b]);
				if (g > bestg + 1e-9 || (b == a && g >= bestg - 1e-9)) {
					bestg = g;
					best = b;
				}
			}
			b = best;
			for (q = 0; q < nr; q++)
				N[b * K + rl[q]] += rc[rl[q]];
			for (q = 0; q < nl; q++)
				N[ll[q] * K + b] += lc[ll[q]];
			N[b * K + b] += self;
			Nl[b] += wl;
			Nr[b] += wr;
			if (b != a) {
				cls[w] = (unsigned short)b;
				moved++;
			}
			for (q = 0; q < nr; q++)
				rc[rl[q]] = 0;
			for (q = 0; q < nl; q++)
				lc[ll[q]] = 0;
		}
		fprintf(stderr, "nertrain: %d classes, pass %d: %zu of %zu "
		    "words moved\n", K, it + 1, moved, nw);
		if (moved < nw / 200)
			break;
	}
	(void)freq;
	free(N);
	free(Nl);
	free(Nr);
	free(rc);
	free(lc);
	free(rl);
	free(ll);
}

struct wfreq {
	uint64_t key;
	uint64_t n;
	uint32_t id;
};

static int
cmp_freq(const void *a, const void *b)
{
	const struct wfreq *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return x->key < y->key ? -1 : x->key > y->key;
}

uint64_t *
wclust_build(const char *path, uint32_t *bitsp)
{
	struct linereader lr;
	struct wmap m = {0};
	struct doc d;
	uint32_t *text = NULL, *remap, id;
	size_t ntext = 0, cap = 0, nw = 0, i, k, np, nkeep, size;
	struct wfreq *wf = NULL;
	uint64_t *pairs, *tab, *rfreq;
	struct adj R, Lf;
	unsigned short *fine, *coarse;
	uint32_t bits;
	FILE *fp;
	int st;

	if (!(fp = fopen(path, "r")))
		nf_dieerr("%s", path);
	line_init(&lr, fp, 0);
	/* the text as word ids, a line ending in UINT32_MAX */
	while ((st = line_read(&lr)) == LINE_OK) {
		doc_tokenize(&d, lr.line.p, lr.line.len, NULL, 0);
		for (i = 0; i <= d.ntok; i++) {
			if (ntext == cap) {
				cap = cap ? 2 * cap : 1 << 20;
				text = xrealloc(text, cap * sizeof *text);
			}
			if (i == d.ntok) {
				text[ntext++] = UINT32_MAX;
				break;
			}
			id = wmap_get(&m, ner_key_hash(&d, i, i + 1),
			    (uint32_t)nw);
			if (id == nw) {
				wf = xrealloc(wf, (nw + 1) * sizeof *wf);
				wf[nw].key = ner_key_hash(&d, i, i + 1);
				wf[nw].n = 0;
				wf[nw].id = (uint32_t)nw;
				nw++;
			}
			wf[id].n++;
			text[ntext++] = id;
		}
		doc_free(&d);
	}
	if (st != LINE_EOF)
		nf_die("%s: line %lu: read error", path, lr.lineno);
	line_free(&lr);
	fclose(fp);
	if (nw == 0)
		nf_die("%s: no words", path);
	/* ids by frequency; rare words become one word (the last id) */
	qsort(wf, nw, sizeof *wf, cmp_freq);
	remap = xmalloc(nw * sizeof *remap);
	for (nkeep = 0; nkeep < nw && wf[nkeep].n >= WC_MINCOUNT; nkeep++)
		;
	for (i = 0; i < nw; i++)
		remap[wf[i].id] = (uint32_t)(i < nkeep ? i : nkeep);
	rfreq = xcalloc(nkeep + 1, sizeof *rfreq);
	pairs = xmalloc((ntext ? ntext : 1) * sizeof *pairs);
	np = 0;
	for (i = 0; i + 1 < ntext; i++) {
		if (text[i] == UINT32_MAX || text[i + 1] == UINT32_MAX)
			continue;
		pairs[np++] = (uint64_t)remap[text[i]] << 32 | remap[text[i + 1]];
	}
	free(text);
	qsort(pairs, np, sizeof *pairs, cmp_u64);
	adj_build(pairs, np, nkeep + 1, &R);
	for (i = 0; i < np; i++)
		pairs[i] = pairs[i] << 32 | pairs[i] >> 32;
	qsort(pairs, np, sizeof *pairs, cmp_u64);
	adj_build(pairs, np, nkeep + 1, &Lf);
	free(pairs);
	nflog = np + 1;
	flog = xmalloc(nflog * sizeof *flog);
	for (i = 0; i < nflog; i++)
		flog[i] = i ? (double)i * log((double)i) : 0;
	fine = xmalloc((nkeep + 1) * sizeof *fine);
	coarse = xmalloc((nkeep + 1) * sizeof *coarse);
	exchange(nkeep + 1, rfreq, &R, &Lf, WC_COARSE, coarse);
	exchange(nkeep + 1, rfreq, &R, &Lf, WC_FINE, fine);
	/* the table: key | fine | coarse << 8 | 0x8000 */
	bits = 10;
	while (((size_t)1 << bits) < 2 * nkeep)
		bits++;
	size = (size_t)1 << bits;
	tab = xcalloc(size, sizeof *tab);
	for (i = 0; i < nkeep; i++) {
		uint64_t h = wf[i].key, key = ner_clust_key(h);
		for (k = (size_t)(h >> 16) & (size - 1); tab[k];
		    k = (k + 1) & (size - 1))
			;
		tab[k] = key | 0x8000 | (uint64_t)coarse[i] << 8 | fine[i];
	}
	fprintf(stderr, "nertrain: %zu words in classes (%zu seen, %zu "
	    "tokens)\n", nkeep, nw, ntext);
	free(flog);
	free(fine);
	free(coarse);
	free(rfreq);
	free(remap);
	free(wf);
	free(m.key);
	free(m.id);
	free(R.off);
	free(R.nb);
	free(R.cnt);
	free(Lf.off);
	free(Lf.nb);
	free(Lf.cnt);
	*bitsp = bits;
	return tab;
}
