/*
 * entities.c: named entities, first version: runs of capitalised tokens
 * typed by cues from the gazetteer, then joined into one id per entity
 * within the document. A trained model can replace this file behind
 * entities_find().
 *
 * Candidates: maximal runs of capitalised words on one line (with "of",
 * "de", "von", "al", "&"... and initials such as "W." inside), minus
 * leading stop words and titles, minus tokens inside temporal
 * expressions. A title inside a run ends a first part ("Russian
 * President Vladimir Putin"). A common word that starts a sentence is
 * dropped from a run when the rest is a name by itself ("Later Zelensky").
 *
 * Types, first cue that applies:
 *   ORG   a legal-form suffix last (Inc, GmbH)
 *   MISC  an event, award or law word first or last (Battle of X, Prize)
 *   ORG   an organisation word anywhere (Ministry, University, Bank, Fund)
 *   LOC   a known place (the whole name); a place word last (City, River);
 *         Fort/Lake/Mount/Cape/Port first; a compass word and a place
 *   PER   a title before it (Mr., President, Président)
 *   LOC   after "in", "near", "across"; "the city of X", "miles from X";
 *         "East X"
 *   PER   a given name first (not "Boy Scouts": all common words)
 *   MISC  a nationality alone (Russian)
 *   ORG   an all-capitals word of at most six letters (NATO)
 * A candidate with no cue takes the type of an earlier mention of the
 * same name, of the full name whose surname it is, or of the name it is
 * coordinated with ("Tucuman and Salta"); else two or three capitalised
 * words inside a sentence are ORG if a place or nationality is among
 * them, PER unless all are common English words; the rest is not
 * reported. Measured on wikigold (PER/ORG/LOC F1, 65.9 at the time):
 * typing untyped single words PER, LOC or ORG gave 61.6, 63.7 and 62.1;
 * typing all-common-word runs ORG gave 63.3 against 63.8 without.
 *
 * Ids: TYPE ":" the canonical form of the entity's first typed mention,
 * lower-cased, non-letters folded to "-", "yy" as "y" and the word
 * endings "iy"/"ij" as "y", so that Zelensky, Zelenskyy and Zelenskiy
 * share "PER:volodymyr-zelensky" after "Volodymyr Zelensky", here and in
 * other documents. A surname alone gets its full name's id; an acronym
 * in parentheses right after a name ("Russian Direct Investment Fund
 * (RDIF)") and every later use of it share the name's id. Mentions of
 * different types are never joined. Joining uses hash maps: linear in
 * the number of mentions.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "sha1.h"
#include "utf8.h"
#include "tag.h"

struct cand {
	size_t t0, t1;		/* tokens [t0, t1) */
	const char *type;	/* NULL while untyped */
	int sent;		/* starts a sentence */
	char *key;		/* skeleton of the whole mention */
	char *last;		/* skeleton of its last token */
	int ante;		/* index of the mention whose id it takes, or -1 */
	int acronym_of;		/* for "(RDIF)": the name it abbreviates, or -1 */
};

static int
is_cls(const struct doc *d, size_t i, int cls)
{
	return gaz_find(tok_low(d, i), cls, NULL) != NULL;
}

static int
capword(const struct doc *d, size_t i)
{
	const struct token *t = &d->tok[i];

	return t->kind == TK_WORD && (t->flags & TF_UPPER);
}

/* Inside a temporal expression (skip is sorted by start). */
static int
in_skip(const struct doc *d, size_t i, const struct timex *skip, size_t nskip,
    size_t *si)
{
	while (*si < nskip && skip[*si].end <= d->tok[i].start)
		(*si)++;
	return *si < nskip && skip[*si].start < d->tok[i].end;
}

/* Canonical skeleton of bytes s[0..n) (see the comment at the top). */
static char *
skeleton(const char *s, size_t n)
{
	struct buf low = {0}, out = {0};
	size_t i = 0, k;
	int32_t c, prev = -1;
	char enc[4];
	int l;

	utf8_lower(&low, s, n);
	while (i < low.len) {
		c = utf8_next(low.p, low.len, &i);
		if (!utf8_isalpha(c) && !utf8_isdigit(c))
			c = '-';
		if (c == prev && (c == 'y' || c == '-'))
			continue;
		if (c == '-' && (out.len == 0))
			continue;
		prev = c;
		l = utf8_encode(c, enc);
		buf_append(&out, enc, l);
	}
	while (out.len && out.p[out.len - 1] == '-')
		out.p[--out.len] = '\0';
	/* "iy", "ij" endings of a word as "y" (Zelenskiy, Zelenskij) */
	for (k = 0; k + 1 < out.len; k++) {
		if (out.p[k] == 'i' && (out.p[k + 1] == 'y' || out.p[k + 1] == 'j') &&
		    (k + 2 == out.len || out.p[k + 2] == '-')) {
			out.p[k] = 'y';
			memmove(out.p + k + 1, out.p + k + 2, out.len - k - 2);
			out.len--;
			out.p[out.len] = '\0';
		}
	}
	buf_free(&low);
	if (!out.p)
		return xstrdup("");
	return buf_detach(&out);
}

/* The tokens a name may take inside it, between capitalised words. */
static int
connector(const struct doc *d, size_t i)
{
	static const char *const words[] = {"of", "for", "de", "du",
	    "des", "la", "le", "van", "von", "der", "den", "di", "da", "al",
	    "bin", "ibn", "&", "upon", "am", NULL};
	const char *w = tok_low(d, i);
	int k;

	for (k = 0; words[k]; k++)
		if (strcmp(w, words[k]) == 0)
			return 1;
	return 0;
}

/* Acronym initials of tokens [t0,t1) (skipping connectors) equal acr? */
static int
initials_match(const struct doc *d, size_t t0, size_t t1, const char *acr)
{
	size_t i, k = 0, n = strlen(acr);

	for (i = t0; i < t1; i++) {
		if (connector(d, i))
			continue;
		if (k < n && tok_low(d, i)[0] == acr[k])
			k++;
	}
	return k == n && n >= 2;
}

static const char *
type_by_cues(const struct doc *d, struct cand *c)
{
	size_t i, n = c->t1 - c->t0;
	const char *w;

	/* ORG: legal suffix last */
	if (is_cls(d, c->t1 - 1, G_LEGAL) && n >= 2)
		return "ORG";
	/* MISC: events, awards, laws ("Battle of Gettysburg", "Nobel
	 * Prize", "Patriot Act") */
	if (n >= 2 && (is_cls(d, c->t0, G_MISCWORD) ||
	    is_cls(d, c->t1 - 1, G_MISCWORD)))
		return "MISC";
	/* ORG: an organisation word */
	for (i = c->t0; i < c->t1; i++)
		if (is_cls(d, i, G_ORGWORD) && !connector(d, i) &&
		    (n >= 2 || !is_cls(d, i, G_COMMON) || (!c->sent &&
		    !(d->tok[i].flags & TF_ALLCAPS))))
			return "ORG";
	/* the whole name a known place, or ending in City, River... */
	if (gaz_place_len(d, c->t0) == (int)n)
		return "LOC";
	if (n >= 2 && is_cls(d, c->t1 - 1, G_LOCWORD))
		return "LOC";
	if (n >= 2 && is_cls(d, c->t0, G_TITLE) == 0 &&
	    gaz_place_len(d, c->t0 + 1) == (int)n - 1 && (
	    tok_is(d, c->t0, "north") || tok_is(d, c->t0, "south") ||
	    tok_is(d, c->t0, "east") || tok_is(d, c->t0, "west") ||
	    tok_is(d, c->t0, "northern") || tok_is(d, c->t0, "southern") ||
	    tok_is(d, c->t0, "eastern") || tok_is(d, c->t0, "western") ||
	    tok_is(d, c->t0, "central") || tok_is(d, c->t0, "greater") ||
	    tok_is(d, c->t0, "upper") || tok_is(d, c->t0, "lower")))
		return "LOC";
	/* LOC: "Fort Worth", "Lake Placid", "Mount Kenya" */
	if (n >= 2 && (tok_is(d, c->t0, "fort") || tok_is(d, c->t0, "camp") ||
	    tok_is(d, c->t0, "mount") || tok_is(d, c->t0, "lake") ||
	    tok_is(d, c->t0, "cape") || tok_is(d, c->t0, "port")))
		return "LOC";
	/* PER: title before */
	if (c->t0 > 0) {
		size_t p = c->t0 - 1;
		if (p > 0 && tok_is(d, p, ".") && tok_adjacent(d, p - 1))
			p--;
		if (is_cls(d, p, G_TITLE) && d->tok[p].kind == TK_WORD)
			return "PER";
	}
	/* LOC after a locative preposition ("in Kenora"), before the
	 * given-name cue: "in Sandy Hook" */
	if (c->t0 > 0) {
		w = tok_low(d, c->t0 - 1);
		if (!strcmp(w, "in") || !strcmp(w, "near") ||
		    !strcmp(w, "across") || !strcmp(w, "outside") ||
		    !strcmp(w, "throughout"))
			return "LOC";
	}
	/* "the city of Portsmouth", "miles south of Ocala" */
	if (c->t0 >= 2 && (tok_is(d, c->t0 - 1, "of") ||
	    tok_is(d, c->t0 - 1, "from"))) {
		static const char *const before[] = {"city", "town", "village",
		    "state", "province", "county", "parish", "region",
		    "district", "suburb", "island", "north", "south", "east",
		    "west", "miles", "kilometres", "kilometers", "km",
		    "outskirts", "capital", "republic", "kingdom", "northeast",
		    "northwest", "southeast", "southwest", "centre", "center",
		    "streets", "residents", "mayor", NULL};
		int q;
		w = tok_low(d, c->t0 - 2);
		for (q = 0; before[q]; q++)
			if (strcmp(w, before[q]) == 0)
				return "LOC";
	}
	/* "East Perth", "South Jutland" */
	if (n == 2 && (tok_is(d, c->t0, "north") || tok_is(d, c->t0, "south") ||
	    tok_is(d, c->t0, "east") || tok_is(d, c->t0, "west")))
		return "LOC";
	/* a given name first, unless it and the rest are common words
	 * ("Boy Scouts", "Will Power"; "Will Smith" stays a person) or it
	 * is also a place and the rest are common words ("Georgia Tech") */
	if (n >= 2 && is_cls(d, c->t0, G_GIVEN)) {
		int place = is_cls(d, c->t0, G_PLACE);
		size_t q, common = place || is_cls(d, c->t0, G_COMMON);
		for (q = c->t0 + 1; common && q < c->t1; q++)
			if (!is_cls(d, q, G_COMMON))
				common = 0;
		if (!common)
			return "PER";
	}
	/* a given name alone inside a sentence: "Dave", not "Will" */
	if (n == 1 && !c->sent && is_cls(d, c->t0, G_GIVEN) &&
	    !is_cls(d, c->t0, G_COMMON) && !is_cls(d, c->t0, G_PLACE) &&
	    !(c->t0 > 0 && (tok_is(d, c->t0 - 1, "at") ||
	    tok_is(d, c->t0 - 1, "from") || tok_is(d, c->t0 - 1, "to") ||
	    tok_is(d, c->t0 - 1, "of") || tok_is(d, c->t0 - 1, "and"))))
		return "PER";
	if (n == 1 && is_cls(d, c->t0, G_NATIONALITY))
		return "MISC";
	/* an acronym, not a shouted word ("NEWS", "IT") */
	if (n == 1 && (d->tok[c->t0].flags & TF_ALLCAPS) &&
	    tok_len(d, c->t0) <= 6 && !is_cls(d, c->t0, G_COMMON))
		return "ORG";
	return NULL;
}

/* A string -> candidate index map for the join step (keys not owned),
 * so that joining stays linear in the number of mentions. */
struct map {
	const char **key;
	int *val;
	size_t cap;
};

static void
map_init(struct map *m, size_t n)
{
	m->cap = 16;
	while (m->cap < 2 * n + 2)
		m->cap *= 2;
	m->key = xcalloc(m->cap, sizeof *m->key);
	m->val = xcalloc(m->cap, sizeof *m->val);
}

static size_t
map_slot(const struct map *m, const char *key)
{
	size_t i = (size_t)hash64(key, strlen(key)) & (m->cap - 1);

	while (m->key[i] && strcmp(m->key[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

/* Index stored for key, or -1. */
static int
map_get(const struct map *m, const char *key)
{
	size_t i = map_slot(m, key);

	return m->key[i] ? m->val[i] : -1;
}

/* Store key -> val unless key is there already (the first one wins). */
static void
map_put(struct map *m, const char *key, int val)
{
	size_t i = map_slot(m, key);

	if (!m->key[i]) {
		m->key[i] = key;
		m->val[i] = val;
	}
}

static void
map_free(struct map *m)
{
	free(m->key);
	free(m->val);
}

static void
add_cand(struct cand **v, size_t *n, size_t *cap, struct cand *c)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		*v = xrealloc(*v, *cap * sizeof **v);
	}
	(*v)[(*n)++] = *c;
}

/* Trim stop words and titles at both ends; 0 if nothing is left. */
static int
trim(const struct doc *d, struct cand *c)
{
	while (c->t0 < c->t1 && ((is_cls(d, c->t0, G_STOP) &&
	    !((d->tok[c->t0].flags & TF_ALLCAPS) && tok_len(d, c->t0) <= 3)) ||
	    is_cls(d, c->t0, G_TITLE) || connector(d, c->t0) ||
	    is_cls(d, c->t0, G_MONTH) || is_cls(d, c->t0, G_WEEKDAY) ||
	    tok_is(d, c->t0, "."))) {
		/* "The Hague", "New Jersey ...": the start of a place */
		if (gaz_place_len(d, c->t0) >= 2)
			break;
		c->t0++;
		c->sent = 0;
	}
	while (c->t1 > c->t0 && (connector(d, c->t1 - 1) ||
	    tok_is(d, c->t1 - 1, ".") || (is_cls(d, c->t1 - 1, G_STOP) &&
	    !((d->tok[c->t1 - 1].flags & TF_ALLCAPS) &&
	    tok_len(d, c->t1 - 1) <= 3))))
		c->t1--;
	return c->t1 > c->t0;
}

static void
set_keys(const struct doc *d, struct cand *p)
{
	p->key = skeleton(d->text + d->tok[p->t0].start,
	    d->tok[p->t1 - 1].end - d->tok[p->t0].start);
	p->last = skeleton(d->text + d->tok[p->t1 - 1].start,
	    tok_len(d, p->t1 - 1));
}

static void
free_keys(struct cand *p)
{
	free(p->key);
	free(p->last);
	p->key = p->last = NULL;
}

/* A sentence-initial common word before more of a name, that is not a
 * word names are made of (Bank, River, Battle, President, Anna). */
static int
soft_first(const struct doc *d, const struct cand *c)
{
	size_t i = c->t0;

	return c->sent && c->t1 - c->t0 >= 2 && is_cls(d, i, G_COMMON) &&
	    !is_cls(d, i, G_GIVEN) && !is_cls(d, i, G_PLACE) &&
	    !is_cls(d, i, G_NATIONALITY) && !is_cls(d, i, G_ORGWORD) &&
	    !is_cls(d, i, G_LOCWORD) && !is_cls(d, i, G_MISCWORD) &&
	    !is_cls(d, i, G_TITLE) && gaz_place_len(d, i) < 2;
}

size_t
entities_find(const struct doc *d, const struct timex *skip, size_t nskip,
    struct entity **out)
{
	struct cand *v = NULL, c;
	size_t n = 0, cap = 0, i, j, si = 0, k, ne = 0;
	struct entity *e;
	struct map acr, names, surnames, known;

	/* 1. candidates */
	for (i = 0; i < d->ntok;) {
		if (!capword(d, i) || in_skip(d, i, skip, nskip, &si)) {
			i++;
			continue;
		}
		j = i + 1;
		for (;;) {
			if (j < d->ntok && capword(d, j) &&
			    !in_skip(d, j, skip, nskip, &si) &&
			    !(d->tok[j].flags & TF_NEWLINE)) {
				j++;
				continue;
			}
			/* initials: "George W. Bush" */
			if (j + 1 < d->ntok && tok_is(d, j, ".") &&
			    (tok_len(d, j - 1) == 1 || tok_is(d, j - 1, "st") ||
			    tok_is(d, j - 1, "mt") || tok_is(d, j - 1, "ft")) &&
			    tok_adjacent(d, j - 1) && capword(d, j + 1)) {
				j++;
				continue;
			}
			if (j + 1 < d->ntok && connector(d, j) &&
			    capword(d, j + 1) && !(d->tok[j].flags & TF_UPPER) &&
			    !in_skip(d, j + 1, skip, nskip, &si)) {
				j++;
				continue;
			}
			break;
		}
		memset(&c, 0, sizeof c);
		c.t0 = i;
		c.t1 = j;
		c.sent = (d->tok[i].flags & TF_SENT) != 0;
		c.ante = c.acronym_of = -1;
		i = j;
		if (!trim(d, &c))
			continue;
		/* split "Russian President Vladimir Putin": the title ends
		 * a first part */
		for (k = c.t0 + 1; k + 1 < c.t1; k++) {
			if (is_cls(d, k, G_TITLE) && !is_cls(d, k, G_GIVEN)) {
				struct cand a = c;
				a.t1 = k;
				if (trim(d, &a))
					add_cand(&v, &n, &cap, &a);
				c.t0 = k + 1;
				c.sent = 0;
				k = c.t0;
			}
		}
		if (trim(d, &c))
			add_cand(&v, &n, &cap, &c);
	}
	/* 2. keys; a common word that starts a sentence is no part of the
	 * name after it when that name is known without it: "Later
	 * Zelensky", "Shares of Apple Inc." (but "United Nations") */
	map_init(&known, n);
	for (k = 0; k < n; k++) {
		set_keys(d, &v[k]);
		if (!soft_first(d, &v[k])) {
			map_put(&known, v[k].key, (int)k);
			if (v[k].t1 - v[k].t0 >= 2)
				map_put(&known, v[k].last, (int)k);
		}
	}
	for (k = 0; k < n; k++) {
		struct cand *p = &v[k], r;
		if (!soft_first(d, p))
			continue;
		r = *p;
		r.t0++;
		r.sent = 0;
		if (!trim(d, &r))
			continue;
		set_keys(d, &r);
		if (type_by_cues(d, &r) || map_get(&known, r.key) >= 0) {
			free_keys(p);
			*p = r;
		} else {
			free_keys(&r);
		}
	}
	map_free(&known);
	/* types by cues */
	for (k = 0; k < n; k++) {
		struct cand *p = &v[k];
		p->type = type_by_cues(d, p);
		/* "(RDIF)" right after a name abbreviates it */
		if (k > 0 && p->t1 == p->t0 + 1 && p->t0 >= 1 &&
		    tok_is(d, p->t0 - 1, "(") && tok_is(d, p->t1, ")") &&
		    (d->tok[p->t0].flags & TF_ALLCAPS) &&
		    v[k - 1].t1 + 1 == p->t0 &&
		    (initials_match(d, v[k - 1].t0, v[k - 1].t1, p->key) ||
		    v[k - 1].t1 - v[k - 1].t0 >= 2))
			p->acronym_of = (int)k - 1;
	}
	/* 3. join variants: acronyms defined in parentheses, names seen
	 * before with a type, surnames of full names typed PER */
	map_init(&acr, n);
	map_init(&names, n);
	map_init(&surnames, n);
	for (k = 0; k < n; k++)
		if (v[k].type && strcmp(v[k].type, "PER") == 0 &&
		    v[k].t1 - v[k].t0 >= 2)
			map_put(&surnames, v[k].last, (int)k);
	for (k = 0; k < n; k++) {
		struct cand *p = &v[k], *q;
		int mi;
		if (p->acronym_of >= 0) {
			struct cand *a = &v[p->acronym_of];
			if (!a->type)
				a->type = p->type ? p->type : "ORG";
			p->type = a->type;
			p->ante = a->ante >= 0 ? a->ante : p->acronym_of;
			map_put(&acr, p->key, (int)k);
			continue;
		}
		if ((mi = map_get(&acr, p->key)) >= 0) {
			/* a later use of an acronym */
			q = &v[mi];
			p->type = q->type;
			p->ante = q->ante;
		} else if ((mi = map_get(&names, p->key)) >= 0 &&
		    (!p->type || strcmp(p->type, v[mi].type) == 0)) {
			/* the same name: the earliest typed mention */
			q = &v[mi];
			p->type = q->type;
			p->ante = q->ante >= 0 ? q->ante : mi;
		} else if (p->t1 - p->t0 == 1 && (!p->type ||
		    strcmp(p->type, "PER") == 0) &&
		    (mi = map_get(&surnames, p->key)) >= 0 && mi != (int)k) {
			/* a surname alone and a full name */
			q = &v[mi];
			p->type = "PER";
			p->ante = q->ante >= 0 ? q->ante : mi;
		}
		/* "Tucumán and Salta": a coordinated name takes the type
		 * of the one before it */
		if (!p->type && k > 0 && v[k - 1].type && p->t0 >= 2 &&
		    v[k - 1].t1 + 1 == p->t0 && (tok_is(d, p->t0 - 1, "and") ||
		    tok_is(d, p->t0 - 1, "or") || tok_is(d, p->t0 - 1, ",")) &&
		    strcmp(v[k - 1].type, "MISC") != 0)
			p->type = v[k - 1].type;
		/* untyped runs of 2-3 capitalised words inside a sentence:
		 * with a place in them an organisation ("Badminton Canada"),
		 * all common words not reported (titles of works: "A
		 * Beautiful Lie"), else a person */
		if (!p->type && !p->sent && p->t1 - p->t0 >= 2 &&
		    p->t1 - p->t0 <= 3) {
			size_t q, ncommon = 0, place = 0;
			for (q = p->t0; q < p->t1; q++) {
				if (is_cls(d, q, G_COMMON) && !is_cls(d, q, G_GIVEN))
					ncommon++;
				if (is_cls(d, q, G_PLACE) || is_cls(d, q,
				    G_NATIONALITY))
					place++;
			}
			if (place)
				p->type = "ORG";
			else if (ncommon == p->t1 - p->t0)
				p->type = NULL;
			else
				p->type = "PER";
		}
		if (p->type) {
			map_put(&names, p->key, (int)k);
			if (strcmp(p->type, "PER") == 0 && p->t1 - p->t0 >= 2)
				map_put(&surnames, p->last, (int)k);
		}
	}
	map_free(&acr);
	map_free(&names);
	map_free(&surnames);
	/* 4. output */
	e = xcalloc(n ? n : 1, sizeof *e);
	for (k = 0; k < n; k++) {
		struct cand *p = &v[k];
		const struct cand *a = p->ante >= 0 ? &v[p->ante] : p;
		struct buf id = {0};
		if (!p->type)
			continue;
		e[ne].start = d->tok[p->t0].start;
		e[ne].end = d->tok[p->t1 - 1].end;
		e[ne].type = p->type;
		buf_printf(&id, "%s:%s", p->type, a->key);
		e[ne].id = buf_detach(&id);
		ne++;
	}
	for (k = 0; k < n; k++)
		free_keys(&v[k]);
	free(v);
	*out = e;
	return ne;
}

void
entities_free(struct entity *e, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(e[i].id);
	free(e);
}
