/*
 * tag.h: newstag's internal interfaces.
 *
 *   tokenize.c   text -> tokens (byte offsets, lower-cased forms, flags)
 *   gazetteer.c  data files -> lookup tables (months, weekdays, relative
 *                day words, legal suffixes, given names, places, ...)
 *   dates.c      tokens -> temporal expressions, resolved against an
 *                anchor date (TimeML TIMEX3 type/value/mod)
 *   ner.c        the trained entity model: features, Viterbi, the
 *                model file (data/tag/model.bin, from tag/train/nertrain)
 *   entities.c   model labels -> named entities (PER, ORG, LOC, MISC),
 *                consistent within a document
 *   link.c       entities -> ids joining the variants of one entity
 *   tag.c        main: JSON Lines and plain-text modes
 *
 * The recognisers only see a struct doc, so a trained model can later
 * replace either of them behind the same call.
 *
 * Ownership: everything a struct doc points to is owned by it and freed
 * by doc_free(); the gazetteer is loaded once and lives until exit.
 */
#ifndef NF_TAG_H
#define NF_TAG_H

#include <stddef.h>
#include <stdint.h>

/* Token kinds and flags. */
enum { TK_WORD = 1, TK_NUM, TK_PUNCT };
enum {
	TF_SPACE = 1,		/* whitespace before the token */
	TF_NEWLINE = 2,		/* a line break before it (paragraph start) */
	TF_SENT = 4,		/* first token of a sentence */
	TF_UPPER = 8,		/* starts with an upper-case letter */
	TF_ALLCAPS = 16,	/* two or more letters, all upper case */
};

/* 20 bytes a token: a 30 MB text has six million of them. Texts are
 * limited to 4 GB (newstag's --max-record is at most 1 GB). */
struct token {
	uint32_t start, end;	/* byte offsets into the text */
	uint32_t low;		/* offset of the lower-cased form in doc.lower */
	int32_t num;		/* TK_NUM: the value of the leading digits */
	unsigned char kind;
	unsigned char flags;
	unsigned char ndigits;	/* TK_NUM: how many leading digits (<= 255) */
};

struct doc {
	const char *text;	/* UTF-8, not owned */
	size_t len;
	const char *lang;	/* ISO 639-1 code or NULL if unknown */
	struct token *tok;
	size_t ntok;
	char *lower;		/* NUL-separated lower-cased token forms */
	size_t lowerlen;
};

/* Split text into tokens; sentence starts come from `sent` (byte offsets
 * of sentence starts, nsent of them; may be NULL: then guessed). */
void doc_tokenize(struct doc *d, const char *text, size_t len,
    const size_t *sent, size_t nsent);
void doc_free(struct doc *d);
/* Lower-cased form of token i (NUL-terminated). */
static inline const char *tok_low(const struct doc *d, size_t i)
{
	return d->lower + d->tok[i].low;
}
size_t tok_len(const struct doc *d, size_t i);	/* bytes in the token */
int tok_is(const struct doc *d, size_t i, const char *lower);
/* Tokens i and i+1 are adjacent (no space between them). */
int tok_adjacent(const struct doc *d, size_t i);

/* ---- gazetteer.c ---- */

/* Word classes in the gazetteer (a word may have several). */
enum {
	G_MONTH = 1,		/* val = month 1..12 */
	G_MONTH_ABBR,		/* abbreviated month; val = 1..12 */
	G_WEEKDAY,		/* val = 1 (Monday) .. 7 (Sunday) */
	G_WEEKDAY_ABBR,
	G_GIVEN,		/* an English given name */
	G_LEGAL,		/* a company legal-form suffix (Inc, GmbH) */
	G_ORGWORD,		/* a word that makes a name an ORG (Ministry) */
	G_TITLE,		/* a word before a person's name (President) */
	G_PLACE,		/* a country, region or city */
	G_NATIONALITY,		/* Russian, German: MISC */
	G_STOP,			/* never an entity on its own */
	G_RELATIVE,		/* CLDR relative phrase; val = field << 8 | (offset + 2) */
	G_COMMON,		/* a common English word (SCOWL) */
	G_LOCWORD,		/* a word that ends a place name (City, River) */
	G_MISCWORD,		/* an event, award or law word (Battle, Prize) */
	G_TRIGGER,		/* a word a temporal expression may start with */
	G_RELPATTERN,		/* "vor # Tagen"; val = field << 8 | (sign + 1) */
	G_NCLASSES
};

struct gaz_entry {
	int cls;
	int val;
	char lang[4];		/* "" when language-independent */
};

/* Load every data file; dies (nf_die) if a required file is missing. */
void gaz_load(void);
/* Add one lower-cased word of class cls (for built-in lists). */
void gaz_add_word(const char *lower, int cls);
void gaz_free(void);
/*
 * Entries for a lower-cased key (one word, or several separated by single
 * spaces for multi-word entries); returns how many (at most max) were
 * copied to out.
 */
int gaz_lookup(const char *key, struct gaz_entry *out, int max);
/* First entry of class cls for key, usable for language lang (an entry
 * with a language matches when lang is NULL or equal); NULL if none. */
const struct gaz_entry *gaz_find(const char *key, int cls, const char *lang);
/* Longest multi-word place name starting at token i: number of tokens
 * (0 if none). */
int gaz_place_len(const struct doc *d, size_t i);

/* Relative day/week/month/year phrases from CLDR ("gestern", "на прошлой
 * неделе"): the longest phrase starting at token i, as the number of
 * tokens, its field ('d', 'w', 'm', 'y', 'q') and offset (-2..2). */
int gaz_relative(const struct doc *d, size_t i, const char *lang,
    int *field, int *offset);

/* CLDR patterns with a number ("vor 3 Tagen", "3 дня назад", "prieš 3
 * dienas") starting at token i: tokens taken (0 if none), the number,
 * the field ('d', 'w', 'm', 'y') and the direction (-1 past, 1 future). */
int gaz_relpattern(const struct doc *d, size_t i, const char *lang,
    long *num, int *field, int *sign);

/* ---- dates.c ---- */

struct date { int y, m, d; };	/* a calendar day */

struct timex {
	size_t start, end;	/* byte offsets */
	const char *type;	/* "DATE", "TIME", "DURATION", "SET" */
	char value[40];
	const char *mod;	/* NULL or START, MID, END, APPROX, ... */
};

/* Parse an ISO 8601 date prefix ("2025-11-22", "2025-11-22T10:00:00Z");
 * 1 on success. */
int date_parse(const char *s, struct date *out);
/* Register the words temporal expressions start with (after gaz_load). */
void dates_init(void);
/* Find the temporal expressions in d, resolved against anchor; *out is
 * malloc'd (caller frees), in text order, not overlapping. */
size_t dates_find(const struct doc *d, struct date anchor, struct timex **out);

/* ---- ner.c: the trained model entities.c uses ---- */

/* Labels: 0 is O; for type k (0 PER, 1 ORG, 2 LOC, 3 MISC) B, I, L and U
 * are 1 + 4k, 2 + 4k, 3 + 4k, 4 + 4k. */
#define NER_NLABELS 17
#define NER_MAXFEAT 96		/* features of one token, at most (78 now) */
#define NER_MAXSENT 300		/* tokens in one decoded sequence, at most */
#define NER_HEADER 40		/* bytes before the weights in a model file */
#define NER_FEATURES_VERSION 5	/* the model's features; see ner.c */
#define NER_NGAZ 4		/* name lists in the model: cities, regions,
				 * countries, given names (tag/train/gaz) */
#define NER_GAZ_PLACES 7	/* the bits of the place lists among them */
#define NER_GAZ_GIVEN 3		/* the index of the given-name list */
#define NER_GAZ_MAXWORDS 6	/* words in a listed name, at most */

struct ner_model {
	uint32_t rows;		/* a power of two; 0: no model loaded */
	float scale;		/* weight = w / scale */
	const float *trans;	/* [(NER_NLABELS + 1) * NER_NLABELS] */
	const int16_t *w;	/* [rows * NER_NLABELS] */
	const uint64_t *gaz;	/* [ngaz], see ner.c */
	size_t ngaz;
	const uint64_t *clust;	/* [nclust]: word classes, see ner.c */
	size_t nclust;
};
/* The word class table entry key of a word's ner_key_hash(). */
static inline uint64_t
ner_clust_key(uint64_t h)
{
	h &= ~(uint64_t)0xffff;
	return h ? h : 0x10000;
}
/* The gazetteer table entry key of a name's ner_key_hash(). */
static inline uint64_t
ner_gaz_key(uint64_t h)
{
	h &= ~(uint64_t)0xff;
	return h ? h : 0x100;
}
uint64_t ner_key_hash(const struct doc *d, size_t t0, size_t t1);
/* Tokens [t0, t1) are a country's name in the model's lists. */
int ner_is_country(const struct doc *d, size_t t0, size_t t1);
/* Tokens [t0, t1) are a city, region or country in the model's lists. */
int ner_is_place(const struct doc *d, size_t t0, size_t t1);
/* Token i is a given name of the model's list (any language). */
int ner_is_given(const struct doc *d, size_t i);
extern struct ner_model ner_model;

/* Hashed feature rows of every token of d: token i's are
 * row[off[i]..off[i+1]) (masked with mask). Caller frees with
 * ner_fv_free. */
struct ner_fv {
	uint32_t *row;
	size_t *off;
	size_t n;
};
void ner_doc_features(const struct doc *d, uint32_t mask, struct ner_fv *fv);
void ner_fv_free(struct ner_fv *fv);
/* The end of the sentence (decoded sequence) starting at token s0. */
size_t ner_next_sentence(const struct doc *d, size_t s0);
/* Best well-formed labelling of n tokens from emission scores emit[n *
 * NER_NLABELS] and transition weights trans (as in struct ner_model);
 * tokens with onlyo[i] set (onlyo may be NULL) are labelled O. */
void ner_viterbi(const float *emit, size_t n, const float *trans,
    const unsigned char *onlyo, unsigned char *out);
int ner_allowed(int a, int b);
uint64_t ner_checksum(const void *p, size_t n);
/* Map the model file at path; on failure -1 and a message naming the
 * file in err. The model stays mapped until ner_unload(). */
int ner_load(const char *path, char *err, size_t errlen);
void ner_unload(void);
/* Label every token of d with the loaded model (labels[d->ntok]). */
void ner_label(const struct doc *d, const unsigned char *onlyo,
    unsigned char *labels);

/* ---- entities.c ---- */

struct entity {
	size_t start, end;	/* byte offsets */
	const char *type;	/* "PER", "ORG", "LOC", "MISC" */
	char *id;		/* malloc'd: "PER:volodymyr-zelensky" */
};

/* Find the named entities in d; *out is malloc'd, in text order; free
 * with entities_free(). Tokens inside the `skip` byte ranges (the
 * temporal expressions, nskip of them, sorted) are never part of an
 * entity. */
size_t entities_find(const struct doc *d, const struct timex *skip,
    size_t nskip, struct entity **out);
void entities_free(struct entity *e, size_t n);

/* ---- link.c ---- */

/* (Re)assign e[i].id (freed and replaced, malloc'd) for the n entities
 * entities_find() returned: one id for the variants of one entity in d,
 * keyed on its spelling so that it is stable across documents. */
void entities_link(const struct doc *d, struct entity *e, size_t n);

#endif
