/*
 * near.c: what makes two documents near duplicates, and which of a
 * document's sentences an earlier one already had.
 *
 * Near duplicates. A document's normalised text (key_normalize) is cut in
 * words (runs of letters and digits; any non-ASCII byte counts as a
 * letter, the text being lower-cased and its quotes and dashes folded
 * already) and the words in shingles of SHINGLE_WORDS. Candidates come
 * from MinHash with LSH bands: one-permutation MinHash (each shingle hash
 * goes to one of MH_K bins by its high bits, a bin keeps its least hash;
 * empty bins borrow the next full bin's value, "rotation" densification),
 * so a signature costs one hash per shingle, not MH_K. The MH_K values are
 * MH_BANDS bands of MH_ROWS; each band is a key of kind KIND_BAND in the
 * index, naming the first kept document that had it. A candidate is then
 * checked on its text: the similarity is the containment of the smaller
 * shingle set in the larger (|A and B| / min(|A|, |B|)), so that a cut
 * copy or one with chrome lines added is as near as it looks, and only
 * what is at or above the threshold is a duplicate.
 *
 * The measure and the numbers come from eval/neardup.py's set (1,774
 * changed copies of 887 articles, 81 same-site and 887 same-topic pairs
 * of different articles): containment on 5-word shingles put every
 * different-article pair below 0.53 and 99.8% of the copies at or above
 * 0.7 (Jaccard at 0.7 found 88%: cut endings lower it). With 21 bands of
 * 3 rows, a pair of Jaccard 0.5 meets in some band with probability
 * 1 - (1 - 0.5^3)^21 = 0.94, one of 0.3 with 0.43, and unrelated texts
 * (Jaccard near 0.01) almost never: the check reads few candidates.
 *
 * Sentences. A sentence's key hashes its key_normalize() form (case,
 * quotes, dashes and white space folded), kind KIND_SENT, naming the first
 * kept document that had it. Sentences shorter than SENT_MIN bytes once
 * normalised ("He said.", "Advertisement") are not keyed: they repeat by
 * chance, not by copying.
 *
 * Band and sentence keys are key128() hashes, not SHA-1 (see there).
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "nf.h"
#include "buf.h"
#include "sha1.h"
#include "utf8.h"
#include "merge.h"

#define fmix64 hash_mix64

static uint64_t
rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

/*
 * A 128-bit key of kind kind over p: band and sentence keys are many per
 * document (SHA-1 through OpenSSL's EVP for each was a tenth of the run
 * time), and a collision costs little: a candidate read and rejected, a
 * sentence marked wrongly once in 2^64. Text and id keys stay SHA-1.
 */
static void
key128(struct key *k, int kind, const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h1 = 0x9E3779B97F4A7C15ULL ^ (uint64_t)kind;
	uint64_t h2 = 0xC2B2AE3D27D4EB4FULL ^ n, x;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&x, s, 8);
		h1 = rotl(h1 ^ (x * 0x87c37b91114253d5ULL), 31) * 0x4cf5ad432745937fULL + h2;
		h2 = rotl(h2 ^ (x * 0x4cf5ad432745937fULL), 33) * 0x87c37b91114253d5ULL + h1;
	}
	x = 0;
	memcpy(&x, s, n);
	h1 ^= x * 0x87c37b91114253d5ULL;
	h2 ^= rotl(x, 17) * 0x4cf5ad432745937fULL;
	h1 += h2;
	h2 += h1;
	h1 = fmix64(h1);
	h2 = fmix64(h2);
	h1 += h2;
	h2 += h1;
	memcpy(k->b, &h1, 8);
	memcpy(k->b + 8, &h2, 8);
}

/* Bytes of words: letters, digits, and any non-ASCII byte. A table: the
 * four comparisons a byte were a third of shingle_hashes (perf). */
static const unsigned char wordbyte[256] = {
#define R16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
	R16(0), R16(0), R16(0),
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,		/* 0-9 */
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,		/* A-O */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,		/* P-Z */
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,		/* a-o */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,		/* p-z */
	R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1),
#undef R16
};

/*
 * A word's hash, eight bytes a step: byte-wise FNV was half of
 * shingle_hashes (one multiply a byte, each waiting on the last). Each
 * step is a bijection of h, so words of one length up to 8 bytes never
 * collide; the shingle's hash is mixed again (fmix64) below.
 */
static inline uint64_t
word_hash(const unsigned char *p, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ len, x;

	for (; len >= 8; p += 8, len -= 8) {
		memcpy(&x, p, 8);
		h = rotl((h ^ x) * 0x9E3779B97F4A7C15ULL, 31);
	}
	if (len) {
		x = 0;
		memcpy(&x, p, len);
		h = rotl((h ^ x) * 0x9E3779B97F4A7C15ULL, 31);
	}
	return h;
}

void
shingle_hashes(struct shingles *s, const char *text, size_t n)
{
	const unsigned char *t = (const unsigned char *)text;
	uint64_t w[SHINGLE_WORDS];
	size_t i = 0, nw = 0;
	unsigned ring = 0;	/* nw % SHINGLE_WORDS: where the next word goes */

	s->n = 0;
	for (;;) {
		uint64_t x;
		unsigned j, r;
		size_t st;

		while (i < n && !wordbyte[t[i]])
			i++;
		if (i == n)
			break;
		for (st = i; i < n && wordbyte[t[i]]; i++)
			;
		w[ring] = word_hash(t + st, i - st);
		ring = ring + 1 == SHINGLE_WORDS ? 0 : ring + 1;
		nw++;
		if (nw < SHINGLE_WORDS)
			continue;
		/* the last SHINGLE_WORDS words, oldest first: from ring on */
		x = 0;
		for (j = 0, r = ring; j < SHINGLE_WORDS; j++) {
			x = (x ^ w[r]) * 0x9E3779B97F4A7C15ULL;
			r = r + 1 == SHINGLE_WORDS ? 0 : r + 1;
		}
		if (s->n == s->cap) {
			s->cap = s->cap ? 2 * s->cap : 512;
			s->h = xrealloc(s->h, s->cap * sizeof *s->h);
		}
		s->h[s->n++] = fmix64(x);
	}
	if (nw > 0 && nw < SHINGLE_WORDS) {
		/* A text shorter than a shingle is one shingle. */
		uint64_t x = 0;
		size_t j;
		for (j = 0; j < nw; j++)
			x = (x ^ w[j]) * 0x9E3779B97F4A7C15ULL;
		if (s->cap == 0) {
			s->cap = 512;
			s->h = xmalloc(s->cap * sizeof *s->h);
		}
		s->h[s->n++] = fmix64(x);
	}
}

void
shingles_free(struct shingles *s)
{
	free(s->h);
	memset(s, 0, sizeof *s);
}

int
minhash_bands(const struct shingles *s, struct key band[MH_BANDS])
{
	uint64_t bin[MH_K], v[MH_K];
	unsigned char full[MH_K];
	size_t i;
	int b;

	if (s->n == 0)
		return 0;
	memset(full, 0, sizeof full);
	for (i = 0; i < s->n; i++) {
		uint64_t h = s->h[i];
		/* the bin from the high 32 bits, scaled without a division */
		unsigned j = (unsigned)(((h >> 32) * MH_K) >> 32);
		if (!full[j] || h < bin[j]) {
			bin[j] = h;
			full[j] = 1;
		}
	}
	for (i = 0; i < MH_K; i++) {
		size_t t;
		if (full[i]) {
			v[i] = bin[i];
			continue;
		}
		for (t = 1; !full[(i + t) % MH_K]; t++)
			;
		v[i] = fmix64(bin[(i + t) % MH_K] + t * 0x9E3779B97F4A7C15ULL);
	}
	for (b = 0; b < MH_BANDS; b++) {
		uint64_t m[MH_ROWS + 1];
		m[0] = (uint64_t)b;
		memcpy(m + 1, &v[b * MH_ROWS], MH_ROWS * sizeof v[0]);
		key128(&band[b], KIND_BAND, m, sizeof m);
	}
	return 1;
}

static int
u64cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Sort shingle hashes (fmix64 outputs, uniform): a counting pass on the
 * top bits, then each bucket on its own, as index.c sorts its keys.
 * qsort was a twentieth of a run's time (perf, bench's merge section).
 */
static void
u64_sort(uint64_t *h, size_t n)
{
	static uint64_t *tmp;
	static size_t *end, captmp, capend;
	size_t nb, i, b, lo;
	int bits = 0;

	if (n < 64) {
		if (n > 1)
			qsort(h, n, sizeof *h, u64cmp);
		return;
	}
	while (((size_t)1 << bits) < n && bits < 20)
		bits++;
	nb = (size_t)1 << bits;
	if (captmp < n) {
		captmp = n;
		tmp = xrealloc(tmp, n * sizeof *tmp);
	}
	if (capend < nb + 1) {
		capend = nb + 1;
		end = xrealloc(end, capend * sizeof *end);
	}
	memset(end, 0, (nb + 1) * sizeof *end);
	for (i = 0; i < n; i++)
		end[(h[i] >> (64 - bits)) + 1]++;
	for (b = 1; b <= nb; b++)
		end[b] += end[b - 1];
	for (i = 0; i < n; i++)
		tmp[end[h[i] >> (64 - bits)]++] = h[i];
	for (b = 0, lo = 0; b < nb; lo = end[b++]) {
		size_t hi = end[b], j;
		if (hi - lo > 16) {
			qsort(tmp + lo, hi - lo, sizeof *tmp, u64cmp);
			continue;
		}
		for (i = lo + 1; i < hi; i++) {
			uint64_t x = tmp[i];
			for (j = i; j > lo && tmp[j - 1] > x; j--)
				tmp[j] = tmp[j - 1];
			tmp[j] = x;
		}
	}
	memcpy(h, tmp, n * sizeof *h);
}

/* Sort and drop repeats. */
static size_t
sort_unique(uint64_t *h, size_t n)
{
	size_t i, k = 0;

	u64_sort(h, n);
	for (i = 0; i < n; i++)
		if (k == 0 || h[i] != h[k - 1])
			h[k++] = h[i];
	return k;
}

double
shingle_similarity(struct shingles *a, struct shingles *b)
{
	size_t i = 0, j = 0, both = 0, na, nb;

	na = a->n = sort_unique(a->h, a->n);
	nb = b->n = sort_unique(b->h, b->n);
	if (na == 0 || nb == 0)
		return 0;
	while (i < na && j < nb) {
		if (a->h[i] < b->h[j])
			i++;
		else if (a->h[i] > b->h[j])
			j++;
		else
			both++, i++, j++;
	}
	return (double)both / (double)(na < nb ? na : nb);
}

size_t
sentence_keys(struct sentkeys *sk, const struct jdoc *d)
{
	static struct buf norm;
	struct utf8_cursor cur;
	size_t i;

	sk->n = 0;
	cur.s = d->text.p;
	cur.n = d->text.len;
	cur.byte = cur.cp = 0;
	for (i = 0; i < d->ns; i++) {
		const struct jsent *js = &d->s[i];
		const char *t;
		size_t len;

		if (js->toff != (size_t)-1) {
			t = d->pool.p + js->toff;
			len = js->tlen;
		} else if (js->start >= 0 && js->end >= js->start &&
		    (size_t)js->end <= d->text.len) {
			/* offsets in code points: a byte offset is never
			 * smaller, so the check above bounds them */
			size_t a = utf8_cursor_byte(&cur, (size_t)js->start);
			size_t b = utf8_cursor_byte(&cur, (size_t)js->end);
			if (b > d->text.len || a > b)
				continue;
			t = d->text.p + a;
			len = b - a;
		} else
			continue;
		buf_reset(&norm);
		key_normalize(&norm, t, len);
		if (norm.len < SENT_MIN)
			continue;
		if (sk->n == sk->cap) {
			sk->cap = sk->cap ? 2 * sk->cap : 64;
			sk->k = xrealloc(sk->k, sk->cap * sizeof *sk->k);
			sk->at = xrealloc(sk->at, sk->cap * sizeof *sk->at);
		}
		key128(&sk->k[sk->n], KIND_SENT, norm.p, norm.len);
		sk->at[sk->n] = i;
		sk->n++;
	}
	return sk->n;
}

void
doc_add_keys(struct index *ix, const struct key *band, int nband,
    uint32_t bandseen, const struct sentkeys *sk, const unsigned char *sentseen,
    uint64_t off, const char *id, size_t idlen)
{
	struct ifound f;
	size_t i;
	int b;

	/*
	 * Only keys not in the index yet: a lookup finds the run table's
	 * entry before the segments', so adding a key again would make a
	 * later document its owner. All of them name the document's entry
	 * of the index's document table, which the text and id keys made.
	 */
	for (b = 0; b < nband; b++)
		if (!(bandseen & (1u << b)) &&
		    (bandseen != BANDS_UNKNOWN || !index_find(ix, &band[b], &f)))
			index_add(ix, &band[b], KIND_BAND, off, id, idlen, 1);
	for (i = 0; sk && i < sk->n; i++)
		if (sentseen ? !sentseen[i] : !index_find(ix, &sk->k[i], &f))
			index_add(ix, &sk->k[i], KIND_SENT, off, id, idlen, 1);
}
