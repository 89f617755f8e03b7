/*
 * entities.c: named entities (PER, ORG, LOC, MISC) from the trained
 * model's token labels (ner.c), made consistent within the document.
 *
 * Spans and types: the model labels every token (BILOU) except those
 * inside temporal expressions; a B..L run or a U token is an entity,
 * its span then brought to the CoNLL-2003 guidelines (conll_span). In a
 * text in another language than English an entity needs a cue from the
 * word lists (foreign_cue). Document-level consistency, after Ratinov
 * and Roth (2009): an acronym in parentheses and the words it spells are
 * one entity (acronyms); a name found once is found wherever else it is
 * spelled the same, a surname after a person's full name is that person,
 * a nationality is MISC (more_mentions); the same name takes the type
 * most of its mentions have (the first one's on a tie); a country's name
 * alone is LOC unless a person in the document has it as surname.
 * Measured on the held-out split (eval/tag.py ner, wikigold micro F1,
 * each step with the model of its day): titles, dots and capitals 61.8
 * -> 63.6; acronyms and more mentions 66.3 -> 66.8; trimming lower-case
 * words and nationalities 66.8 -> 68.1. Retraining alone moves it by
 * about 1.5 (577 entities).
 *
 * Ids are not set here: link.c (entities_link) joins the mentions of
 * one entity and names it, whatever recogniser found them.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "nf.h"
#include "sha1.h"
#include "utf8.h"
#include "tag.h"

static const char *const types[] = {"PER", "ORG", "LOC", "MISC"};

struct cand {
	size_t t0, t1;		/* tokens [t0, t1) */
	int type;		/* index into types[] */
	char *key;		/* skeleton of the whole mention */
	char *last;		/* skeleton of its last token */
};

static int
capword(const struct doc *d, size_t i)
{
	const struct token *t = &d->tok[i];

	return t->kind == TK_WORD && (t->flags & TF_UPPER);
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

/* The model file, loaded by newstag's main or here on first use (the
 * fuzz target). */
static void
need_model(void)
{
	const char *path;
	char err[512];

	if (ner_model.rows)
		return;
	if (!(path = nf_datapath("tag/model.bin")))
		nf_die("tag/model.bin: no model in the data directory "
		    "(run `make model`, or set NEWSFILTERS_DATA)");
	if (ner_load(path, err, sizeof err) < 0)
		nf_die("%s", err);
}

/* A Russian or Ukrainian patronymic, Latin or Cyrillic ("Vladimirovich",
 * "Oleksandrivna", "Сергеевич")? */
static int
patronymic(const char *low)
{
	static const char *const suf[] = {"ovich", "evich", "ovych",
	    "evych", "ovna", "evna", "ivna", "ович", "евич", "овна", "евна",
	    "івна", NULL};
	size_t n = strlen(low), k, m;

	for (k = 0; suf[k]; k++) {
		m = strlen(suf[k]);
		if (n > m + 2 && strcmp(low + n - m, suf[k]) == 0)
			return 1;
	}
	return 0;
}

/* Entity spans from the labels (Viterbi makes them well formed; a
 * B or I cut off at a sequence end still ends the entity there). */
static size_t
spans(const struct doc *d, const unsigned char *lab, struct cand **v)
{
	size_t n = 0, cap = 0, i, k;
	struct cand c;
	int part, type;

	*v = NULL;
	memset(&c, 0, sizeof c);
	c.type = -1;
	for (i = 0; i < d->ntok; i++) {
		if (lab[i] == 0) {
			if (c.type >= 0) {
				c.t1 = i;
				add_cand(v, &n, &cap, &c);
				c.type = -1;
			}
			continue;
		}
		type = (lab[i] - 1) / 4;
		part = (lab[i] - 1) % 4;	/* 0 B, 1 I, 2 L, 3 U */
		if (c.type >= 0 && (part == 0 || part == 3 || type != c.type)) {
			c.t1 = i;
			add_cand(v, &n, &cap, &c);
			c.type = -1;
		}
		if (c.type < 0) {
			c.t0 = i;
			c.type = type;
		}
		if (part == 2 || part == 3) {
			c.t1 = i + 1;
			add_cand(v, &n, &cap, &c);
			c.type = -1;
		}
	}
	if (c.type >= 0) {
		c.t1 = d->ntok;
		add_cand(v, &n, &cap, &c);
	}
	/* a person ending in a patronymic and a person right after it
	 * are one: the model ends a name at a patronymic it never saw in
	 * one ("Vladimir Vladimirovich" + "Putin"); other persons side by
	 * side stay apart (a tweet's "Eric Plott Patricia Plott") */
	for (i = 0, k = 0; k < n; k++) {
		if (i > 0 && (*v)[k].type == 0 && (*v)[i - 1].type == 0 &&
		    (*v)[i - 1].t1 == (*v)[k].t0 &&
		    patronymic(tok_low(d, (*v)[k].t0 - 1)) &&
		    !(d->tok[(*v)[k].t0].flags & (TF_SENT | TF_NEWLINE))) {
			(*v)[i - 1].t1 = (*v)[k].t1;
			continue;
		}
		(*v)[i++] = (*v)[k];
	}
	return i;
}

/* A token with an upper-case letter or a digit ("iPhone", "3M"). */
static int
has_upper(const struct doc *d, size_t i)
{
	size_t k = d->tok[i].start;
	int32_t c;

	if (d->tok[i].flags & TF_UPPER)
		return 1;
	while (k < d->tok[i].end) {
		c = utf8_next(d->text, d->tok[i].end, &k);
		if (utf8_isupper(c) || utf8_isdigit(c))
			return 1;
	}
	return 0;
}

/*
 * Spans to the CoNLL-2003 conventions the tweets and government texts
 * among the training sets do not all follow: a person's title is no part
 * of the name ("General Manuel Belgrano"); "Inc." and "Jr." keep their
 * dot (newstag's tokenizer splits it off, CoNLL's keeps it); a name has a
 * capitalised word or a digit ("the western coast" is not a place) and
 * starts and ends with one ("Sichuan province" is "Sichuan"). Returns 0
 * when nothing is left.
 */
static int
conll_span(const struct doc *d, struct cand *c)
{
	size_t i;

	/* "Later Zelenskiy said": a sentence-initial common word is no
	 * part of a person's name unless it is a given name ("Will
	 * Smith", "Rose Byrne") or a connector follows ("Duchess of
	 * Cambridge") */
	if (c->type == 0 && c->t1 - c->t0 >= 2 &&
	    (d->tok[c->t0].flags & (TF_SENT | TF_ALLCAPS)) == TF_SENT &&
	    has_upper(d, c->t0 + 1) &&
	    gaz_find(tok_low(d, c->t0), G_COMMON, NULL) &&
	    !gaz_find(tok_low(d, c->t0), G_GIVEN, NULL) &&
	    !ner_is_given(d, c->t0))
		c->t0++;
	while (c->type == 0 && c->t1 - c->t0 >= 2 &&
	    gaz_find(tok_low(d, c->t0), G_TITLE, NULL) &&
	    !gaz_find(tok_low(d, c->t0), G_GIVEN, NULL)) {
		c->t0++;
		if (c->t0 < c->t1 && tok_is(d, c->t0, ".") &&
		    !(d->tok[c->t0].flags & TF_SPACE))
			c->t0++;
	}
	/* "Apple Inc.": a legal form right after a name is part of it */
	if (c->t1 < d->ntok && capword(d, c->t1) &&
	    !(d->tok[c->t1].flags & TF_NEWLINE) &&
	    gaz_find(tok_low(d, c->t1), G_LEGAL, NULL) &&
	    (c->t1 + 1 >= d->ntok || !capword(d, c->t1 + 1))) {
		c->t1++;
		c->type = 1;
	}
	if (c->t1 < d->ntok && tok_is(d, c->t1, ".") &&
	    !(d->tok[c->t1].flags & TF_SPACE) &&
	    (gaz_find(tok_low(d, c->t1 - 1), G_LEGAL, NULL) ||
	    tok_is(d, c->t1 - 1, "jr") || tok_is(d, c->t1 - 1, "sr") ||
	    tok_is(d, c->t1 - 1, "co") || tok_is(d, c->t1 - 1, "st")))
		c->t1++;
	/* "Sichuan province", "Xinhua news agency": CoNLL-2003 names end
	 * and start with a capitalised word or a number */
	while (c->t1 > c->t0 && d->tok[c->t1 - 1].kind == TK_WORD &&
	    !has_upper(d, c->t1 - 1))
		c->t1--;
	while (c->t0 < c->t1 && d->tok[c->t0].kind == TK_WORD &&
	    !has_upper(d, c->t0))
		c->t0++;
	/* "A spokesman said": a sentence-initial function word is no
	 * name by itself ("US" is) */
	if (c->t1 - c->t0 == 1 &&
	    (d->tok[c->t0].flags & (TF_SENT | TF_ALLCAPS)) == TF_SENT &&
	    gaz_find(tok_low(d, c->t0), G_STOP, NULL))
		return 0;
	for (i = c->t0; i < c->t1; i++)
		if (has_upper(d, i))
			return 1;
	return 0;
}

static void
set_keys(const struct doc *d, struct cand *p)
{
	p->key = skeleton(d->text + d->tok[p->t0].start,
	    d->tok[p->t1 - 1].end - d->tok[p->t0].start);
	p->last = skeleton(d->text + d->tok[p->t1 - 1].start,
	    tok_len(d, p->t1 - 1));
}

/* Is candidate k "(ACRONYM)" right after candidate k - 1, a name of two
 * or more words or one whose initials it is? */
static int
acronym_after(const struct doc *d, const struct cand *v, size_t k)
{
	const struct cand *p = &v[k], *a = &v[k - 1];

	return p->t1 == p->t0 + 1 && p->t0 >= 1 &&
	    tok_is(d, p->t0 - 1, "(") && tok_is(d, p->t1, ")") &&
	    (d->tok[p->t0].flags & TF_ALLCAPS) && a->t1 + 1 == p->t0 &&
	    (initials_match(d, a->t0, a->t1, p->key) || a->t1 - a->t0 >= 2);
}

static int
cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	return x->t0 < y->t0 ? -1 : x->t0 > y->t0;
}

/* Drop the candidates marked dead (t1 == t0) and sort the rest. */
static size_t
compact(struct cand *v, size_t n)
{
	size_t i, k;

	for (i = k = 0; k < n; k++) {
		if (v[k].t1 > v[k].t0)
			v[i++] = v[k];
		else {
			free(v[k].key);
			free(v[k].last);
		}
	}
	qsort(v, i, sizeof *v, cmp_cand);
	return i;
}

/*
 * In a text known to be in another language than English (the model
 * learnt English only), an entity needs a cue besides the model: a
 * listed place or country in it (LOC), a given name first (in Latin
 * script or transliterated from Cyrillic) or a title before it (PER), a legal form, an organisation word or capitals only
 * (ORG), a nationality (MISC). Without one it is dropped: "Dar" (still)
 * opening a Lithuanian quote or "Europos Sąjunga" are no persons.
 */
/* A Cyrillic given name in the English list once transliterated
 * ("Ольга" as "olga"): the list is in Latin script. */
static int
cyrillic_given(const char *low)
{
	static const char *const lat[] = {"a", "b", "v", "g", "d", "e", "zh",
	    "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u",
	    "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu",
	    "ya"};		/* а .. я, U+0430 .. U+044F */
	char out[64];
	size_t i = 0, k = 0, n = strlen(low), l;
	const char *t;
	int32_t c;

	while (i < n) {
		c = utf8_next(low, n, &i);
		if (c >= 0x430 && c <= 0x44F)
			t = lat[c - 0x430];
		else if (c == 0x451 || c == 0x454)	/* ё, є */
			t = "e";
		else if (c == 0x456 || c == 0x457)	/* і, ї */
			t = "i";
		else if (c == 0x491)			/* ґ */
			t = "g";
		else
			return 0;
		l = strlen(t);
		if (k + l >= sizeof out)
			return 0;
		memcpy(out + k, t, l);
		k += l;
	}
	out[k] = '\0';
	return k > 0 && gaz_find(out, G_GIVEN, NULL) != NULL;
}

static int
foreign_cue(const struct doc *d, const struct cand *c)
{
	size_t i, p;

	switch (c->type) {
	case 0:
		if (gaz_find(tok_low(d, c->t0), G_GIVEN, NULL) ||
		    cyrillic_given(tok_low(d, c->t0)))
			return 1;
		p = c->t0;
		if (p >= 2 && tok_is(d, p - 1, "."))
			p--;
		return p >= 1 && gaz_find(tok_low(d, p - 1), G_TITLE, NULL);
	case 1:
		for (i = c->t0; i < c->t1; i++)
			if (gaz_find(tok_low(d, i), G_LEGAL, NULL) ||
			    gaz_find(tok_low(d, i), G_ORGWORD, NULL) ||
			    (d->tok[i].flags & TF_ALLCAPS))
				return 1;
		return 0;
	case 2:
		if (gaz_place_len(d, c->t0) == (int)(c->t1 - c->t0))
			return 1;
		for (i = c->t0; i < c->t1; i++)
			if (ner_is_place(d, i, i + 1))
				return 1;
		return ner_is_place(d, c->t0, c->t1);
	default:
		for (i = c->t0; i < c->t1; i++)
			if (gaz_find(tok_low(d, i), G_NATIONALITY, NULL))
				return 1;
		return 0;
	}
}

/*
 * An acronym defined in parentheses names the words before it: in
 * "the Russian Direct Investment Fund (RDIF)" the capitalised words
 * whose initials spell the acronym are one entity, and so is the
 * acronym, of the type the model gave either (ORG if neither: most such
 * names are organisations), whatever else the model made of the words.
 */
static size_t
acronyms(const struct doc *d, struct cand **vp, size_t n)
{
	struct cand *v = *vp, c;
	size_t i, m, j, q, s, cap = n, nw, n0 = n;
	const char *acr;
	int type, have;

	for (i = 2; i + 1 < d->ntok; i++) {
		if (!(d->tok[i].flags & TF_ALLCAPS) || d->tok[i].kind != TK_WORD ||
		    !tok_is(d, i - 1, "(") || !tok_is(d, i + 1, ")"))
			continue;
		acr = tok_low(d, i);
		q = i - 1;		/* the words end before "(" */
		for (s = q; s-- > 0 && q - s <= 12;) {
			if (!capword(d, s) && !connector(d, s))
				break;
			if (!capword(d, s) || (d->tok[s + 1].flags & TF_NEWLINE))
				continue;
			for (j = s, nw = 0; j < q; j++)
				if (!connector(d, j))
					nw++;
			if (nw != strlen(acr) || !initials_match(d, s, q, acr))
				continue;
			type = -1;
			have = 0;
			for (m = 0; m < n; m++) {
				if (v[m].t1 <= v[m].t0)
					continue;
				if (v[m].t0 == i && v[m].t1 == i + 1) {
					have = 1;
					type = v[m].type;
				}
			}
			for (m = 0; m < n && type < 0; m++)
				if (v[m].t1 > v[m].t0 && v[m].t0 < q && s < v[m].t1)
					type = v[m].type;
			if (type < 0)
				type = 1;
			for (m = 0; m < n; m++)
				if (v[m].t0 < q && s < v[m].t1)
					v[m].t1 = v[m].t0;	/* dead */
				else if (v[m].t0 == i && v[m].t1 == i + 1)
					v[m].type = type;
			memset(&c, 0, sizeof c);
			c.t0 = s;
			c.t1 = q;
			c.type = type;
			add_cand(&v, &n, &cap, &c);
			if (!have) {
				c.t0 = i;
				c.t1 = i + 1;
				add_cand(&v, &n, &cap, &c);
			}
			break;
		}
	}
	*vp = v;
	return n == n0 ? n : compact(v, n);
}

/*
 * Document-level consistency, the other way: a name the model found
 * once is found wherever else it is written the same ("Fund" tagged in
 * one sentence and not in the next), and a capitalised word that is the
 * surname of a person named in the document is that person ("Zelenskiy"
 * after "Volodymyr Zelenskyy"), and the first word of an organisation's
 * name is that organisation ("Toyota" after "Toyota Motor Corp."), unless
 * it is a common word, a place, a nationality or a given name; a
 * nationality is MISC wherever the model
 * left it out. Candidates have their keys set.
 */
static size_t
more_mentions(const struct doc *d, struct cand **vp, size_t n,
    const unsigned char *onlyo)
{
	struct cand *v = *vp, c;
	struct map full, sur, head;
	unsigned char *used;
	char **heads;
	size_t k, i, len, cap = n, n0 = n, j;
	char *key;
	int mi;

	used = xcalloc(d->ntok + 1, 1);
	for (k = 0; k < n; k++)
		for (i = v[k].t0; i < v[k].t1; i++)
			used[i] = 1;
	map_init(&full, n);
	map_init(&sur, n);
	map_init(&head, n);
	heads = xcalloc(n + 1, sizeof *heads);
	for (k = 0; k < n; k++) {
		map_put(&full, v[k].key, (int)k);
		if (v[k].type == 0 && v[k].t1 - v[k].t0 >= 2)
			map_put(&sur, v[k].last, (int)k);
		/* "Toyota" after "Toyota Motor Corp." */
		if (v[k].type == 1 && v[k].t1 - v[k].t0 >= 2 &&
		    capword(d, v[k].t0) &&
		    !gaz_find(tok_low(d, v[k].t0), G_COMMON, NULL) &&
		    !gaz_find(tok_low(d, v[k].t0), G_PLACE, NULL) &&
		    !gaz_find(tok_low(d, v[k].t0), G_NATIONALITY, NULL) &&
		    !gaz_find(tok_low(d, v[k].t0), G_GIVEN, NULL)) {
			heads[k] = skeleton(d->text + d->tok[v[k].t0].start,
			    tok_len(d, v[k].t0));
			map_put(&head, heads[k], (int)k);
		}
	}
	for (i = 0; i < d->ntok; i++) {
		if (used[i] || onlyo[i] || !capword(d, i) ||
		    (d->tok[i].flags & TF_ALLCAPS && tok_len(d, i) > 6))
			continue;
		/* a nationality the model left out: MISC, as every one is in
		 * CoNLL-2003 ("German Chancellor Olaf Scholz") */
		if (gaz_find(tok_low(d, i), G_NATIONALITY, NULL) &&
		    !gaz_find(tok_low(d, i), G_PLACE, NULL) &&
		    (!(d->tok[i].flags & TF_SENT) ||
		    !gaz_find(tok_low(d, i), G_COMMON, NULL))) {
			memset(&c, 0, sizeof c);
			c.t0 = i;
			c.t1 = i + 1;
			c.type = 3;
			set_keys(d, &c);
			add_cand(&v, &n, &cap, &c);
			used[i] = 1;
			continue;
		}
		for (len = 4; len >= 1; len--) {
			const struct cand *a;
			if (i + len > d->ntok || !capword(d, i + len - 1))
				continue;
			for (j = i; j < i + len; j++)
				if (used[j] || onlyo[j] || (j > i &&
				    (d->tok[j].flags & (TF_NEWLINE | TF_SENT))))
					break;
			if (j < i + len)
				continue;
			key = skeleton(d->text + d->tok[i].start,
			    d->tok[i + len - 1].end - d->tok[i].start);
			mi = map_get(&full, key);
			a = mi >= 0 ? &v[mi] : NULL;
			/* the same spelling, not only the same skeleton */
			if (a && (a->t1 - a->t0 != len ||
			    d->tok[a->t1 - 1].end - d->tok[a->t0].start !=
			    d->tok[i + len - 1].end - d->tok[i].start ||
			    memcmp(d->text + d->tok[a->t0].start,
			    d->text + d->tok[i].start,
			    d->tok[i + len - 1].end - d->tok[i].start) != 0))
				a = NULL;
			if (!a && len == 1 && (mi = map_get(&sur, key)) >= 0 &&
			    !gaz_find(tok_low(d, i), G_COMMON, NULL))
				a = &v[mi];
			if (!a && len == 1 && (mi = map_get(&head, key)) >= 0)
				a = &v[mi];
			if (!a) {
				free(key);
				continue;
			}
			memset(&c, 0, sizeof c);
			c.t0 = i;
			c.t1 = i + len;
			c.type = a->type;
			c.key = key;
			c.last = skeleton(d->text + d->tok[i + len - 1].start,
			    tok_len(d, i + len - 1));
			add_cand(&v, &n, &cap, &c);
			for (j = i; j < i + len; j++)
				used[j] = 1;
			i += len - 1;
			break;
		}
	}
	map_free(&full);
	map_free(&sur);
	map_free(&head);
	for (k = 0; k < n0; k++)
		free(heads[k]);
	free(heads);
	free(used);
	*vp = v;
	return n == n0 ? n : compact(v, n);
}

size_t
entities_find(const struct doc *d, const struct timex *skip, size_t nskip,
    struct entity **out)
{
	struct cand *v;
	size_t n, i, k, si = 0, ne = 0;
	unsigned char *lab, *onlyo;
	struct entity *e;
	struct map surnames, votes;
	int (*count)[4], mi, t, best;

	need_model();
	lab = xcalloc(d->ntok + 1, 1);
	onlyo = xcalloc(d->ntok + 1, 1);
	for (i = 0; i < d->ntok; i++) {
		while (si < nskip && skip[si].end <= d->tok[i].start)
			si++;
		onlyo[i] = si < nskip && skip[si].start < d->tok[i].end;
	}
	ner_label(d, onlyo, lab);
	n = spans(d, lab, &v);
	free(lab);
	for (i = k = 0; k < n; k++)
		if (conll_span(d, &v[k]) && v[k].t0 < v[k].t1)
			v[i++] = v[k];
	n = i;
	if (d->lang && d->lang[0] && strcmp(d->lang, "en") != 0) {
		for (i = k = 0; k < n; k++)
			if (foreign_cue(d, &v[k]))
				v[i++] = v[k];
		n = i;
	}
	n = acronyms(d, &v, n);
	for (k = 0; k < n; k++) {
		/* "Russian" alone is MISC (CoNLL-2003), "Russia" LOC */
		if (v[k].t1 - v[k].t0 == 1 &&
		    gaz_find(tok_low(d, v[k].t0), G_NATIONALITY, NULL) &&
		    !gaz_find(tok_low(d, v[k].t0), G_PLACE, NULL))
			v[k].type = 3;
		set_keys(d, &v[k]);
	}
	n = more_mentions(d, &v, n, onlyo);
	free(onlyo);

	/* 1. one type per name in the document: the majority of its
	 * mentions, the first mention's on a tie */
	map_init(&votes, n);
	count = xcalloc(n ? n : 1, sizeof *count);
	for (k = 0; k < n; k++) {
		map_put(&votes, v[k].key, (int)k);
		count[map_get(&votes, v[k].key)][v[k].type]++;
	}
	for (k = 0; k < n; k++) {
		mi = map_get(&votes, v[k].key);
		best = v[mi].type;
		for (t = 0; t < 4; t++)
			if (count[mi][t] > count[mi][best])
				best = t;
		v[k].type = best;
	}
	free(count);
	map_free(&votes);
	/* a country's name alone is the country, not a person ("Jordan
	 * Peterson visited Jordan"), unless it is the surname of a person
	 * named in the document ("Michael Jordan ... Jordan") */
	map_init(&surnames, n);
	for (k = 0; k < n; k++)
		if (v[k].type == 0 && v[k].t1 - v[k].t0 >= 2)
			map_put(&surnames, v[k].last, (int)k);
	for (k = 0; k < n; k++)
		if (v[k].type == 0 && v[k].t1 - v[k].t0 == 1 &&
		    ner_is_country(d, v[k].t0, v[k].t1) &&
		    map_get(&surnames, v[k].key) < 0)
			v[k].type = 2;
	map_free(&surnames);

	/* 2. an acronym defined in parentheses takes the name's type
	 * ("Russian Direct Investment Fund (RDIF)"); ids are link.c's */
	for (k = 1; k < n; k++)
		if (acronym_after(d, v, k))
			v[k].type = v[k - 1].type;

	/* 3. output */
	e = xcalloc(n ? n : 1, sizeof *e);
	for (k = 0; k < n; k++) {
		struct cand *p = &v[k];
		if (!p->key[0])
			continue;
		e[ne].start = d->tok[p->t0].start;
		e[ne].end = d->tok[p->t1 - 1].end;
		e[ne].type = types[p->type];
		e[ne].id = NULL;	/* set by entities_link() */
		ne++;
	}
	for (k = 0; k < n; k++) {
		free(v[k].key);
		free(v[k].last);
	}
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
