/*
 * ner.c: the trained named-entity model: features, decoding, the model
 * file. entities.c turns its labels into entities; tag/train/nertrain.c
 * trains it (`make model`) with the same features.
 *
 * A token gets one of 17 labels: O, or B/I/L/U (begin, inside, last,
 * unit) of PER, ORG, LOC or MISC, as in Ratinov and Roth (2009), who
 * found BILOU better than BIO. The score of a labelling of a sentence is
 * the sum of the weights of each token's features with its label plus a
 * weight per pair of neighbouring labels (a first-order model, as an
 * HMM or a linear-chain CRF); Viterbi finds the best labelling that is
 * well formed (no I after O, ...). The weights come from an averaged
 * structured perceptron.
 *
 * Features are hashed (feature hashing): a feature's name is never
 * stored, its 64-bit hash picks a row of NER_NLABELS weights in a table
 * of 2^k rows. So the model is a fixed-size array, loaded with one mmap
 * and no parsing, and features need no dictionary.
 *
 * Model file (all numbers in the byte order of the machine that trained
 * it; the header says which, and a file from another order is refused):
 *	magic "NFNER1\n\0", uint32 byte-order mark 0x01020304,
 *	uint32 labels (17), uint32 row bits, uint32 features version,
 *	float scale, uint32 gazetteer bits, uint32 word class bits,
 *	uint32 unused,
 *	float trans[(17 + 1) * 17] (row 17: the sentence start),
 *	int16 w[rows * 17] (weight = w / scale),
 *	uint64 gaz[1 << gazetteer bits]: the place- and given-name lists of
 *	    tag/train/gaz (NER_NGAZ of them) as an open-addressing table of
 *	    ner_key_hash() values, the low 8 bits of an entry being the lists
 *	    the name is in (0: an empty slot),
 *	uint64 clust[1 << word class bits]: the word classes of
 *	    tag/train/wclust.c, an open-addressing table of ner_key_hash()
 *	    values of one word, the low 16 bits being 0x8000 | coarse class
 *	    << 8 | fine class (0: an empty slot),
 *	uint64 check: ner_checksum() of everything before it.
 */
#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "nf.h"
#include "sha1.h"
#include "utf8.h"
#include "tag.h"

static const char magic[8] = "NFNER1\n";

struct ner_model ner_model;	/* the loaded model; rows == 0 until then */
static void *map;
static size_t maplen;

/* ---- hashing ---- */

#define mix hash_mix64

static uint64_t
hbytes(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* The hash of feature template t with value h (and h2). */
static inline uint64_t
feat(int t, uint64_t h)
{
	return mix(h + 0x9e3779b97f4a7c15ULL * (uint64_t)(t + 1));
}

static inline uint64_t
feat2(int t, uint64_t h, uint64_t h2)
{
	return mix(mix(h) ^ (h2 + 0x9e3779b97f4a7c15ULL * (uint64_t)(t + 1)));
}

/* Hash of the lower-cased forms of tokens [t0, t1) joined by spaces:
 * the key of a multi-word name in the model's gazetteer table. */
uint64_t
ner_key_hash(const struct doc *d, size_t t0, size_t t1)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	const char *p;
	size_t i;

	for (i = t0; i < t1; i++) {
		if (i > t0)
			h = (h ^ ' ') * 0x100000001b3ULL;
		for (p = tok_low(d, i); *p; p++)
			h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
	}
	return mix(h);
}

/* The word classes of the word with key hash h: 0x8000 | coarse << 8 |
 * fine, or 0 if it has none. */
static unsigned
word_class(uint64_t h)
{
	uint64_t k = ner_clust_key(h), e;
	size_t mask = ner_model.nclust - 1, i;

	if (ner_model.nclust == 0)
		return 0;
	for (i = (size_t)(h >> 16) & mask; (e = ner_model.clust[i]) != 0;
	    i = (i + 1) & mask)
		if ((e & ~(uint64_t)0xffff) == k)
			return (unsigned)(e & 0xffff);
	return 0;
}

/* The lists (bits) the name with key hash h is in. */
static unsigned
gaz_classes(uint64_t h)
{
	uint64_t k = ner_gaz_key(h), e;
	size_t mask = ner_model.ngaz - 1, i;

	if (ner_model.ngaz == 0)
		return 0;
	for (i = (size_t)(h >> 8) & mask; (e = ner_model.gaz[i]) != 0;
	    i = (i + 1) & mask)
		if ((e & ~(uint64_t)0xff) == k)
			return (unsigned)(e & 0xff);
	return 0;
}

int
ner_is_country(const struct doc *d, size_t t0, size_t t1)
{
	return (gaz_classes(ner_key_hash(d, t0, t1)) & 4) != 0;
}

int
ner_is_place(const struct doc *d, size_t t0, size_t t1)
{
	return (gaz_classes(ner_key_hash(d, t0, t1)) & NER_GAZ_PLACES) != 0;
}

/* Is token i a given name of the model's list (tag/train/gaz/given.txt,
 * names in many languages: "Volodymyr", "Olha")? */
int
ner_is_given(const struct doc *d, size_t i)
{
	return (gaz_classes(ner_key_hash(d, i, i + 1)) & 1u << NER_GAZ_GIVEN)
	    != 0;
}

uint64_t
ner_checksum(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 0x243f6a8885a308d3ULL, w;
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0x100000001b3ULL;
		h ^= h >> 29;
	}
	for (; i < n; i++)
		h = (h ^ s[i]) * 0x100000001b3ULL;
	return mix(h);
}

/* ---- features ---- */

/* Feature templates. Changing one changes NER_FEATURES_VERSION, and a
 * model trained with other features is refused. */
enum {
	T_BIAS, T_W, T_WM1, T_WP1, T_WM2, T_WP2, T_BIM, T_BIP,
	T_SHAPE, T_SHAPEM1, T_SHAPEP1, T_SHAPE3, T_PRE, T_SUF,
	T_GAZ, T_GAZM1, T_GAZP1, T_PLACE, T_FIRST, T_LCSEEN, T_UCSEEN,
	T_LEN, T_CAPS, T_SHAPEW, T_PREVCAP, T_NEXTCAP, T_LIST,
	T_WC, T_WCC, T_WCM1, T_WCP1, T_WCSHAPE,
	T_RUNPOS, T_RUNHEAD, T_RUNHEADWC, T_RUNCUE, T_RUNOF, T_RUNACRO,
};

/* Word shape: upper X, lower x, digit d, other characters as they are,
 * runs of one class collapsed ("Xx", "X.X.", "Xx-Xx", "d,d"); at most
 * 15 bytes. */
static uint64_t
shape_hash(const char *s, size_t n)
{
	char out[16];
	size_t i = 0, k = 0;
	int32_t c;
	char ch, prev = 0;

	while (i < n && k < sizeof out - 1) {
		c = utf8_next(s, n, &i);
		if (utf8_isupper(c))
			ch = 'X';
		else if (utf8_islower(c))
			ch = 'x';
		else if (utf8_isdigit(c))
			ch = 'd';
		else if (c < 128 && c > 32)
			ch = (char)c;
		else
			ch = '_';
		if (ch == prev && (ch == 'X' || ch == 'x' || ch == 'd'))
			continue;
		out[k++] = prev = ch;
	}
	return hbytes(out, k);
}

/* Per-token values the features are made of. */
struct ntok {
	uint64_t w, shape;	/* hashes of the lower-cased form, shape */
	uint32_t gaz;		/* gazetteer classes, 1 << G_... */
	unsigned char place;	/* in a known multi-word place: 1 B, 2 I, 3 L */
	unsigned char gz[NER_NGAZ];	/* in a name of list k: 1 B, 2 I, 3 L, 4 U */
	unsigned short wc;	/* word classes (word_class()) */
	unsigned char upper, first, lcseen, ucseen;
	/* the run of capitalised words the token is in (run_fill()) */
	uint64_t headw;		/* hash of the run's last word */
	unsigned short headwc;	/* its word classes */
	unsigned char runpos;	/* 0 none, 1 B, 2 I, 3 L, 4 U */
	unsigned char runlen;	/* words in the run, at most 4 */
	unsigned char runcue;	/* R_... cues of the whole run */
	unsigned char runof;	/* the run has a connector ("of") */
	unsigned char runacro;	/* 1 run before "(ACRONYM)", 2 the acronym */
};

/* Cues of a run of capitalised words: a name is typed by its words as a
 * whole ("Russian Direct Investment Fund": the last word makes it an
 * ORG, whatever the first), which features of the word and its
 * neighbours +-2 miss once a name is longer than three words. */
enum {
	R_ORGWORD = 1, R_LEGAL = 2, R_LOCWORD = 4, R_MISCWORD = 8,
	R_GIVEN1 = 16,		/* the first word is a given name */
	R_TITLEBEFORE = 32,	/* a title right before the run */
	R_PLACE = 64,		/* a listed place among its words */
	R_NAT1 = 128,		/* the first word is a nationality */
};

/* A set of word hashes for one document. */
struct hset {
	uint64_t *v;
	size_t cap;
};

static void
hset_init(struct hset *s, size_t n)
{
	s->cap = 64;
	while (s->cap < 2 * n + 2)
		s->cap *= 2;
	s->v = xcalloc(s->cap, sizeof *s->v);
}

static void
hset_add(struct hset *s, uint64_t h)
{
	size_t i;

	h |= 1;		/* 0 marks an empty slot */
	for (i = h & (s->cap - 1); s->v[i] && s->v[i] != h;
	    i = (i + 1) & (s->cap - 1))
		;
	s->v[i] = h;
}

static int
hset_has(const struct hset *s, uint64_t h)
{
	size_t i;

	h |= 1;
	for (i = h & (s->cap - 1); s->v[i]; i = (i + 1) & (s->cap - 1))
		if (s->v[i] == h)
			return 1;
	return 0;
}

/* Lower-case words that join capitalised words into one name
 * ("Bank of America", "Ministry of the Interior", "Procter & Gamble"),
 * at most two in a row; "and" is not one ("Trump and Putin"). */
static int
connector(const struct doc *d, size_t i)
{
	static const char *const w[] = {"of", "for", "on", "the", "de",
	    "del", "du", "la", "von", "van", "der", "&", NULL};
	const char *low = tok_low(d, i);
	size_t k;

	if (d->tok[i].flags & (TF_UPPER | TF_SENT | TF_NEWLINE))
		return 0;
	for (k = 0; w[k]; k++)
		if (strcmp(low, w[k]) == 0)
			return 1;
	return 0;
}

static int
run_word(const struct doc *d, const struct ntok *nt, size_t i)
{
	return d->tok[i].kind == TK_WORD && nt[i].upper;
}

/* The runs of capitalised words (with connectors between them) and
 * their cues. A sentence-initial function word ("The", "In") or common
 * word ("Shares of Apple Inc. rose") starts none, unless it is an
 * organisation or place word ("Bank of America said"). */
static void
run_fill(const struct doc *d, struct ntok *nt)
{
	size_t i = 0, e, last, j, n, k;
	unsigned cue;
	int of;

	while (i < d->ntok) {
		if (!run_word(d, nt, i) || (nt[i].first &&
		    (nt[i].gaz & (1u << G_STOP | 1u << G_COMMON)) &&
		    !(nt[i].gaz & (1u << G_ORGWORD | 1u << G_LOCWORD)))) {
			i++;
			continue;
		}
		last = i;
		of = 0;
		for (e = i + 1; e < d->ntok; e++) {
			if (d->tok[e].flags & (TF_SENT | TF_NEWLINE))
				break;
			if (run_word(d, nt, e)) {
				last = e;
				continue;
			}
			for (k = 0; k < 2 && e + k < d->ntok &&
			    connector(d, e + k); k++)
				;
			if (k == 0 || e + k >= d->ntok ||
			    !run_word(d, nt, e + k) ||
			    (d->tok[e + k].flags & (TF_SENT | TF_NEWLINE)))
				break;
			of = 1;
			e += k - 1;
		}
		n = last + 1 - i;
		cue = 0;
		for (j = i; j <= last; j++) {
			if (nt[j].gaz & (1u << G_ORGWORD))
				cue |= R_ORGWORD;
			if (j > i && (nt[j].gaz & (1u << G_LEGAL)))
				cue |= R_LEGAL;
			if (nt[j].gaz & (1u << G_LOCWORD))
				cue |= R_LOCWORD;
			if (nt[j].gaz & (1u << G_MISCWORD))
				cue |= R_MISCWORD;
			if (nt[j].gaz & (1u << G_PLACE))
				cue |= R_PLACE;
		}
		if (nt[i].gaz & (1u << G_GIVEN))
			cue |= R_GIVEN1;
		if (nt[i].gaz & (1u << G_NATIONALITY))
			cue |= R_NAT1;
		if (i > 0 && (nt[i - 1].gaz & (1u << G_TITLE)))
			cue |= R_TITLEBEFORE;
		for (j = i; j <= last; j++) {
			nt[j].runpos = n == 1 ? 4 : j == i ? 1 : j == last ? 3 : 2;
			nt[j].runlen = (unsigned char)(n > 4 ? 4 : n);
			nt[j].headw = nt[last].w;
			nt[j].headwc = nt[last].wc;
			nt[j].runcue = (unsigned char)cue;
			nt[j].runof = (unsigned char)of;
		}
		/* "Russian Direct Investment Fund (RDIF)" */
		if (last + 3 < d->ntok && d->tok[last + 1].kind == TK_PUNCT &&
		    d->text[d->tok[last + 1].start] == '(' &&
		    (d->tok[last + 2].flags & TF_ALLCAPS) &&
		    d->tok[last + 3].kind == TK_PUNCT &&
		    d->text[d->tok[last + 3].start] == ')') {
			for (j = i; j <= last; j++)
				nt[j].runacro = 1;
			nt[last + 2].runacro = 2;
		}
		i = last + 1;
	}
}

static void
ntok_fill(const struct doc *d, struct ntok *nt)
{
	struct gaz_entry ge[16];
	struct hset lc, uc;
	size_t i;
	int k, n, j;

	hset_init(&lc, d->ntok);
	hset_init(&uc, d->ntok);
	for (i = 0; i < d->ntok; i++) {
		const struct token *t = &d->tok[i];
		const char *low = tok_low(d, i);
		memset(&nt[i], 0, sizeof nt[i]);
		nt[i].w = hbytes(low, strlen(low));
		nt[i].shape = shape_hash(d->text + t->start, t->end - t->start);
		nt[i].wc = (unsigned short)word_class(mix(nt[i].w));
		nt[i].upper = (t->flags & TF_UPPER) != 0;
		nt[i].first = (t->flags & TF_SENT) != 0;
		if (t->kind == TK_WORD) {
			n = gaz_lookup(low, ge, 16);
			for (k = 0; k < n; k++)
				if (ge[k].cls < 32)
					nt[i].gaz |= 1u << ge[k].cls;
			/* a word seen in lower case elsewhere in the text is
			 * likely a common word where it starts a sentence; one
			 * seen capitalised inside a sentence, a name */
			if (!nt[i].upper)
				hset_add(&lc, nt[i].w);
			else if (!nt[i].first)
				hset_add(&uc, nt[i].w);
		}
	}
	for (i = 0; i < d->ntok; i++) {
		if (d->tok[i].kind != TK_WORD)
			continue;
		nt[i].lcseen = hset_has(&lc, nt[i].w);
		nt[i].ucseen = hset_has(&uc, nt[i].w);
		if (nt[i].upper && !nt[i].place &&
		    (n = gaz_place_len(d, i)) >= 2) {
			for (j = 0; j < n; j++)
				nt[i + j].place = j == 0 ? 1 : j == n - 1 ? 3 : 2;
			i += n - 1;
		}
	}
	free(lc.v);
	free(uc.v);
	run_fill(d, nt);
	/* names from the model's lists: the longest starting at each
	 * capitalised word, left to right */
	for (i = 0; i < d->ntok && ner_model.ngaz; i++) {
		uint64_t h = 0xcbf29ce484222325ULL;
		size_t e, best[NER_NGAZ] = {0};
		const char *p;
		unsigned cls;
		if (!nt[i].upper || d->tok[i].kind != TK_WORD)
			continue;
		for (e = i; e < d->ntok && e < i + NER_GAZ_MAXWORDS; e++) {
			if (e > i && (d->tok[e].flags & TF_NEWLINE))
				break;
			if (e > i)
				h = (h ^ ' ') * 0x100000001b3ULL;
			for (p = tok_low(d, e); *p; p++)
				h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
			cls = gaz_classes(mix(h));
			for (k = 0; k < NER_NGAZ; k++)
				if (cls & (1u << k))
					best[k] = e + 1 - i;
		}
		for (k = 0; k < NER_NGAZ; k++) {
			if (!best[k] || nt[i].gz[k])
				continue;
			if (best[k] == 1) {
				nt[i].gz[k] = 4;
				continue;
			}
			for (e = 0; e < best[k]; e++)
				nt[i + e].gz[k] = e == 0 ? 1 :
				    e + 1 == best[k] ? 3 : 2;
		}
	}
}

/* The gazetteer classes worth a feature, on the token and around it. */
static const unsigned char gaz_self[] = {G_GIVEN, G_LEGAL, G_ORGWORD,
    G_TITLE, G_PLACE, G_NATIONALITY, G_STOP, G_COMMON, G_LOCWORD,
    G_MISCWORD, G_MONTH, G_WEEKDAY};
static const unsigned char gaz_near[] = {G_GIVEN, G_LEGAL, G_ORGWORD,
    G_TITLE, G_PLACE, G_NATIONALITY, G_LOCWORD, G_MISCWORD};

/* Features of token i of sentence [s0, s1): hashes into f (at least
 * NER_MAXFEAT); returns how many. */
static size_t
token_features(const struct doc *d, const struct ntok *nt, size_t s0,
    size_t s1, size_t i, uint64_t *f)
{
	static const uint64_t bos = 0x1111, eos = 0x2222;
	const char *low = tok_low(d, i);
	size_t n = 0, len = strlen(low), k, p;
	uint64_t wm1 = i > s0 ? nt[i - 1].w : bos;
	uint64_t wp1 = i + 1 < s1 ? nt[i + 1].w : eos;
	uint64_t sm1 = i > s0 ? nt[i - 1].shape : bos;
	uint64_t sp1 = i + 1 < s1 ? nt[i + 1].shape : eos;
	uint32_t g;

	f[n++] = feat(T_BIAS, 0);
	f[n++] = feat(T_W, nt[i].w);
	f[n++] = feat(T_WM1, wm1);
	f[n++] = feat(T_WP1, wp1);
	f[n++] = feat(T_WM2, i > s0 + 1 ? nt[i - 2].w : bos);
	f[n++] = feat(T_WP2, i + 2 < s1 ? nt[i + 2].w : eos);
	f[n++] = feat2(T_BIM, wm1, nt[i].w);
	f[n++] = feat2(T_BIP, nt[i].w, wp1);
	f[n++] = feat(T_SHAPE, nt[i].shape);
	f[n++] = feat(T_SHAPEM1, sm1);
	f[n++] = feat(T_SHAPEP1, sp1);
	f[n++] = feat2(T_SHAPE3, feat2(0, sm1, nt[i].shape), sp1);
	f[n++] = feat2(T_SHAPEW, nt[i].shape, nt[i].w);
	f[n++] = feat(T_LEN, len > 6 ? 6 : len);
	/* word classes: the fine one of the word and its neighbours, the
	 * coarse one of the word */
	f[n++] = feat(T_WC, nt[i].wc & 0x80ff);
	f[n++] = feat(T_WCC, nt[i].wc >> 8);
	f[n++] = feat2(T_WCSHAPE, nt[i].wc, nt[i].shape);
	f[n++] = feat(T_WCM1, i > s0 ? nt[i - 1].wc : 0x1111);
	f[n++] = feat(T_WCP1, i + 1 < s1 ? nt[i + 1].wc : 0x2222);
	if (d->tok[i].kind == TK_WORD) {
		/* prefixes and suffixes of 1 to 4 bytes (of code points
		 * where those are longer) */
		for (k = 1, p = 0; k <= 4 && p < len; k++) {
			do
				p++;
			while (p < len && ((unsigned char)low[p] & 0xC0) == 0x80);
			if (p >= len)
				break;
			f[n++] = feat2(T_PRE, k, hbytes(low, p));
		}
		for (k = 1, p = len; k <= 4 && p > 0; k++) {
			do
				p--;
			while (p > 0 && ((unsigned char)low[p] & 0xC0) == 0x80);
			if (p == 0)
				break;
			f[n++] = feat2(T_SUF, k, hbytes(low + p, len - p));
		}
	}
	g = nt[i].gaz;
	for (k = 0; k < sizeof gaz_self; k++)
		if (g & (1u << gaz_self[k]))
			f[n++] = feat2(T_GAZ, gaz_self[k], nt[i].upper);
	if (i > s0)
		for (k = 0, g = nt[i - 1].gaz; k < sizeof gaz_near; k++)
			if (g & (1u << gaz_near[k]))
				f[n++] = feat(T_GAZM1, gaz_near[k]);
	if (i + 1 < s1)
		for (k = 0, g = nt[i + 1].gaz; k < sizeof gaz_near; k++)
			if (g & (1u << gaz_near[k]))
				f[n++] = feat(T_GAZP1, gaz_near[k]);
	if (nt[i].place)
		f[n++] = feat(T_PLACE, nt[i].place);
	for (k = 0; k < NER_NGAZ; k++)
		if (nt[i].gz[k])
			f[n++] = feat(T_LIST, k * 8 + nt[i].gz[k]);
	f[n++] = feat2(T_FIRST, i == s0, nt[i].shape);
	if (nt[i].upper) {
		f[n++] = feat2(T_LCSEEN, nt[i].lcseen, i == s0);
		f[n++] = feat2(T_UCSEEN, nt[i].ucseen, i == s0);
		f[n++] = feat2(T_PREVCAP, i > s0 && nt[i - 1].upper, i == s0);
		f[n++] = feat(T_NEXTCAP, i + 1 < s1 && nt[i + 1].upper);
	}
	if (nt[i].runpos) {
		f[n++] = feat(T_RUNPOS, nt[i].runpos * 8u + nt[i].runlen);
		f[n++] = feat2(T_RUNHEAD, nt[i].headw, nt[i].runpos);
		f[n++] = feat2(T_RUNHEADWC, nt[i].headwc, nt[i].runpos);
		for (k = 0; k < 8; k++)
			if (nt[i].runcue & (1u << k))
				f[n++] = feat2(T_RUNCUE, k, nt[i].runpos);
		if (nt[i].runof)
			f[n++] = feat(T_RUNOF, nt[i].runpos);
	}
	if (nt[i].runacro)
		f[n++] = feat(T_RUNACRO, nt[i].runacro);
	/* headlines and shouted lines: most words capitalised */
	f[n++] = feat(T_CAPS, (d->tok[i].flags & TF_ALLCAPS) != 0);
	return n;
}

/* Sentences: a token with TF_SENT starts one; a sentence is cut at
 * NER_MAXSENT tokens so that no line without punctuation makes one
 * sequence of the whole text (decoding stays linear either way). */
size_t
ner_next_sentence(const struct doc *d, size_t s0)
{
	size_t s1 = s0 + 1;

	while (s1 < d->ntok && !(d->tok[s1].flags & TF_SENT) &&
	    s1 - s0 < NER_MAXSENT)
		s1++;
	return s1;
}

void
ner_doc_features(const struct doc *d, uint32_t mask, struct ner_fv *fv)
{
	struct ntok *nt = xcalloc(d->ntok ? d->ntok : 1, sizeof *nt);
	uint64_t f[NER_MAXFEAT];
	size_t s0, s1, i, k, n, cap = 0;

	memset(fv, 0, sizeof *fv);
	fv->off = xcalloc(d->ntok + 1, sizeof *fv->off);
	ntok_fill(d, nt);
	for (s0 = 0; s0 < d->ntok; s0 = s1) {
		s1 = ner_next_sentence(d, s0);
		for (i = s0; i < s1; i++) {
			n = token_features(d, nt, s0, s1, i, f);
			if (fv->n + n > cap) {
				cap = cap ? 2 * cap : 1024;
				while (fv->n + n > cap)
					cap *= 2;
				fv->row = xrealloc(fv->row, cap * sizeof *fv->row);
			}
			for (k = 0; k < n; k++)
				fv->row[fv->n++] = (uint32_t)(f[k] & mask);
			fv->off[i + 1] = fv->n;
		}
	}
	free(nt);
}

void
ner_fv_free(struct ner_fv *fv)
{
	free(fv->row);
	free(fv->off);
	memset(fv, 0, sizeof *fv);
}

/* ---- decoding ---- */

/* May label b follow label a (a == NER_NLABELS: the sentence start)? */
int
ner_allowed(int a, int b)
{
	int ta = (a - 1) / 4, tb = (b - 1) / 4;
	int pa = a == 0 || a == NER_NLABELS ? 0 : (a - 1) % 4 + 1;
	int pb = b == 0 ? 0 : (b - 1) % 4 + 1;

	/* pa, pb: 0 O, 1 B, 2 I, 3 L, 4 U */
	if (pa == 1 || pa == 2)		/* after B or I: I or L of that type */
		return (pb == 2 || pb == 3) && ta == tb;
	return pb == 0 || pb == 1 || pb == 4;
}

/* Can a sentence end after label a? */
static int
can_end(int a)
{
	int pa = a == 0 ? 0 : (a - 1) % 4 + 1;

	return pa != 1 && pa != 2;
}

/* The labels that may come before label b: pred[b][0..npred[b]). */
static unsigned char pred[NER_NLABELS][NER_NLABELS], npred[NER_NLABELS];

static void
pred_init(void)
{
	int a, b;

	if (npred[0])
		return;
	for (b = 0; b < NER_NLABELS; b++)
		for (a = 0; a < NER_NLABELS; a++)
			if (ner_allowed(a, b))
				pred[b][npred[b]++] = (unsigned char)a;
}

void
ner_viterbi(const float *emit, size_t n, const float *trans,
    const unsigned char *onlyo, unsigned char *out)
{
	enum { L = NER_NLABELS };
	float *score, best, s;
	const float *prev;
	unsigned char *back;
	size_t i;
	int a, b, arg, k;

	if (n == 0)
		return;
	pred_init();
	score = xmalloc(n * L * sizeof *score);
	back = xmalloc(n * L);
	for (b = 0; b < L; b++) {
		score[b] = ner_allowed(L, b) && (!onlyo || !onlyo[0] || b == 0) ?
		    trans[L * L + b] + emit[b] : -FLT_MAX;
		back[b] = 0;
	}
	for (i = 1; i < n; i++) {
		prev = score + (i - 1) * L;
		for (b = 0; b < L; b++) {
			best = -FLT_MAX;
			arg = 0;
			if (!onlyo || !onlyo[i] || b == 0) {
				for (k = 0; k < npred[b]; k++) {
					a = pred[b][k];
					if (prev[a] == -FLT_MAX)
						continue;
					s = prev[a] + trans[a * L + b];
					if (s > best) {
						best = s;
						arg = a;
					}
				}
			}
			score[i * L + b] = best == -FLT_MAX ? best :
			    best + emit[i * L + b];
			back[i * L + b] = (unsigned char)arg;
		}
	}
	best = -FLT_MAX;
	arg = 0;
	for (b = 0; b < L; b++)
		if (can_end(b) && score[(n - 1) * L + b] > best) {
			best = score[(n - 1) * L + b];
			arg = b;
		}
	for (i = n; i-- > 0;) {
		out[i] = (unsigned char)arg;
		arg = back[i * L + arg];
	}
	free(score);
	free(back);
}

/* ---- the model file ---- */

int
ner_load(const char *path, char *err, size_t errlen)
{
	struct stat st;
	const unsigned char *p;
	uint32_t bom, nl, bits, ver, gbits, cbits;
	size_t need;
	uint64_t sum;
	int fd;

	ner_unload();
	if ((fd = open(path, O_RDONLY)) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || st.st_size < NER_HEADER) {
		snprintf(err, errlen, "%s: not a newstag model (too short)",
		    path);
		close(fd);
		return -1;
	}
	maplen = (size_t)st.st_size;
	map = mmap(NULL, maplen, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED) {
		map = NULL;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	p = map;
	memcpy(&bom, p + 8, 4);
	memcpy(&nl, p + 12, 4);
	memcpy(&bits, p + 16, 4);
	memcpy(&ver, p + 20, 4);
	memcpy(&gbits, p + 28, 4);
	memcpy(&cbits, p + 32, 4);
	if (memcmp(p, magic, 8) != 0) {
		snprintf(err, errlen, "%s: not a newstag model (bad magic)",
		    path);
		goto bad;
	}
	if (bom != 0x01020304 || nl != NER_NLABELS || bits < 8 || bits > 28 ||
	    ver != NER_FEATURES_VERSION || gbits > 28 || cbits > 28) {
		snprintf(err, errlen, "%s: a model for another version or "
		    "byte order (retrain with `make model`)", path);
		goto bad;
	}
	need = NER_HEADER + sizeof(float) * (NER_NLABELS + 1) * NER_NLABELS +
	    sizeof(int16_t) * ((size_t)1 << bits) * NER_NLABELS +
	    (gbits ? sizeof(uint64_t) << gbits : 0) +
	    (cbits ? sizeof(uint64_t) << cbits : 0);
	if (maplen != need + 8) {
		snprintf(err, errlen, "%s: corrupt model (%zu bytes, want %zu)",
		    path, maplen, need + 8);
		goto bad;
	}
	memcpy(&sum, p + need, 8);
	if (sum != ner_checksum(p, need)) {
		snprintf(err, errlen, "%s: corrupt model (checksum)", path);
		goto bad;
	}
	memcpy(&ner_model.scale, p + 24, sizeof(float));
	if (!(ner_model.scale > 0)) {
		snprintf(err, errlen, "%s: corrupt model (scale)", path);
		goto bad;
	}
	ner_model.rows = (uint32_t)1 << bits;
	ner_model.trans = (const float *)(const void *)(p + NER_HEADER);
	ner_model.w = (const int16_t *)(const void *)(p + NER_HEADER +
	    sizeof(float) * (NER_NLABELS + 1) * NER_NLABELS);
	ner_model.ngaz = gbits ? (size_t)1 << gbits : 0;
	ner_model.gaz = (const uint64_t *)(const void *)(p + NER_HEADER +
	    sizeof(float) * (NER_NLABELS + 1) * NER_NLABELS +
	    sizeof(int16_t) * ner_model.rows * NER_NLABELS);
	ner_model.nclust = cbits ? (size_t)1 << cbits : 0;
	ner_model.clust = ner_model.gaz + ner_model.ngaz;
	return 0;
bad:
	munmap(map, maplen);
	map = NULL;
	return -1;
}

void
ner_unload(void)
{
	if (map)
		munmap(map, maplen);
	map = NULL;
	memset(&ner_model, 0, sizeof ner_model);
}

void
ner_label(const struct doc *d, const unsigned char *onlyo,
    unsigned char *labels)
{
	enum { L = NER_NLABELS };
	struct ner_fv fv;
	float *emit;
	size_t s0, s1, i, k, cap = 0;
	const int16_t *w;
	float inv = 1.0f / ner_model.scale;
	int32_t acc[L];
	int b;

	if (d->ntok == 0)
		return;
	ner_doc_features(d, ner_model.rows - 1, &fv);
	emit = NULL;
	for (s0 = 0; s0 < d->ntok; s0 = s1) {
		s1 = ner_next_sentence(d, s0);
		if (s1 - s0 > cap) {
			cap = s1 - s0;
			emit = xrealloc(emit, cap * L * sizeof *emit);
		}
		for (i = s0; i < s1; i++) {
			memset(acc, 0, sizeof acc);
			for (k = fv.off[i]; k < fv.off[i + 1]; k++) {
				w = ner_model.w + (size_t)fv.row[k] * L;
				for (b = 0; b < L; b++)
					acc[b] += w[b];
			}
			for (b = 0; b < L; b++)
				emit[(i - s0) * L + b] = (float)acc[b] * inv;
		}
		ner_viterbi(emit, s1 - s0, ner_model.trans,
		    onlyo ? onlyo + s0 : NULL, labels + s0);
	}
	free(emit);
	ner_fv_free(&fv);
}
