/*
 * link.c: entity ids. Whatever found the entities (entities_find()), the
 * linker joins the mentions of one entity in a document and names each
 * entity by a key of its spelling, so that the same spelling class gets
 * the same id in every document and newsmerge or a user can join on it.
 *
 * A mention's key is made word by word: transliterated to Latin when
 * Cyrillic (GOST-like, as news agencies write), accents dropped, lower
 * case, then the alternations of transliteration folded: w as v
 * (Witkoff, Vitkoff), ks as x, the endings -iy, -ij, -yi, -yj, -yy, -ii,
 * -i as -y (Zelenskiy, Zelenskij, Zelenskyy, Zelenski: Zelensky) and
 * -off as -ov (Smirnoff), except in English words and known places and
 * given names (White, Banks, Hawaii keep their spelling). Vowels are
 * never folded: Trump and Tramp stay apart. Inside one document a looser
 * key also drops doubled letters (Kasyanov, Kassyanov). A leading "the",
 * a possessive "'s", what a recogniser may leave before a person's name
 * ("U.S. envoy", "President") and an organisation's trailing legal form
 * ("Apple Inc.") are no part of the key.
 *
 * Mentions are joined, never across types, when:
 *   - their keys are equal (or their loose keys, in one document);
 *   - a one-word person is the surname of a full name (the nearest one
 *     before it, else the first after it): "Volodymyr Zelensky ...
 *     Zelensky"; a first-and-last name of a longer one likewise;
 *   - an all-capitals word spells the initials of a name of the same
 *     type (skipping "of", "for", "and"...): "Russian Direct Investment
 *     Fund ... RDIF";
 *   - the text says so: "X (Y)" where Y is an acronym, a person, or a
 *     name with X's first letter ("Kyiv (Kiev)", "Trump (Tramp)"); "X,
 *     also known as Y", "X (also spelled Y)", "X, aka Y"; "X, as Y is
 *     spelled (known, written) ...".
 * The id is TYPE ":" the key of the entity's longest mention (of equal
 * length, the one the text calls the usual spelling, else the first): "PER:volodymyr-zelensky" for every mention above.
 * Linear in the number of mentions (hash maps).
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "buf.h"
#include "utf8.h"
#include "tag.h"

struct ment {
	char *key;		/* words' keys joined by '-' (for the id) */
	char *loose;		/* key without doubled letters */
	char *last;		/* key of the last word */
	char *fl;		/* keys of the first and last words, or NULL */
	char acr[16];		/* initials of a name of 2+ words, or "" */
	char raw[16];		/* an all-capitals word folded, not keyed */
	int nw;			/* words in the key */
	int caps;		/* one all-capitals word of 2-8 letters */
	int pref;		/* the text calls it the usual spelling */
	size_t parent;		/* union-find */
};

/* ---- (type, key) -> mention hash map; the strings are the
 * mentions', not copied ---- */

struct lmap {
	const char **t, **k;
	size_t *v;
	size_t cap;
};

static void
lmap_init(struct lmap *m, size_t n)
{
	m->cap = 16;
	while (m->cap < 2 * n + 2)
		m->cap *= 2;
	m->t = xcalloc(m->cap, sizeof *m->t);
	m->k = xcalloc(m->cap, sizeof *m->k);
	m->v = xcalloc(m->cap, sizeof *m->v);
}

static size_t
lmap_slot(const struct lmap *m, const char *t, const char *k)
{
	size_t h = 5381;
	const unsigned char *p;

	for (p = (const unsigned char *)t; *p; p++)
		h = h * 33 ^ *p;
	for (p = (const unsigned char *)k; *p; p++)
		h = h * 33 ^ *p;
	h &= m->cap - 1;
	while (m->k[h] && (strcmp(m->k[h], k) != 0 || strcmp(m->t[h], t) != 0))
		h = (h + 1) & (m->cap - 1);
	return h;
}

/* The mention stored for type, key, or (size_t)-1. */
static size_t
lmap_get(const struct lmap *m, const char *type, const char *key)
{
	size_t h = lmap_slot(m, type, key);

	return m->k[h] ? m->v[h] : (size_t)-1;
}

/* Store v for type, key (which must live as long as m); with keep, an
 * existing entry stays. */
static void
lmap_put(struct lmap *m, const char *type, const char *key, size_t v,
    int keep)
{
	size_t h = lmap_slot(m, type, key);

	if (m->k[h] && keep)
		return;
	m->t[h] = type;
	m->k[h] = key;
	m->v[h] = v;
}

static void
lmap_free(struct lmap *m)
{
	free(m->t);
	free(m->k);
	free(m->v);
}

/* ---- keys ---- */

/* Cyrillic lower-case letters U+0430..U+045F in Latin. */
static const char *const cyr[] = {
	"a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m",
	"n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh",
	"shch", "", "y", "", "e", "yu", "ya",
	/* U+0450..U+045F: ѐ ё ђ ѓ є ѕ і ї ј љ њ ћ ќ ѝ ў џ */
	"e", "e", "dj", "g", "ye", "dz", "i", "yi", "j", "lj", "nj", "c",
	"k", "i", "u", "dz",
};

/* Append code point c of a name to out as lower-case Latin letters
 * without accents; anything else becomes a word break ' '. */
static void
fold_cp(struct buf *out, int32_t c)
{
	utf8proc_int32_t dst[8];
	utf8proc_ssize_t n, k;
	int last = 0;
	char enc[4];

	if (c < 128) {		/* most names: no table, no decomposition */
		buf_putc(out, c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c);
		return;
	}
	c = utf8_tolower(c);
	if (c >= 0x430 && c <= 0x45f) {
		buf_puts(out, cyr[c - 0x430]);
		return;
	}
	if (c == 0x491) {	/* ґ */
		buf_putc(out, 'g');
		return;
	}
	switch (c) {	/* letters with no decomposition */
	case 0x142: buf_putc(out, 'l'); return;		/* ł */
	case 0xf8: buf_putc(out, 'o'); return;		/* ø */
	case 0xdf: buf_puts(out, "ss"); return;		/* ß */
	case 0x111: buf_putc(out, 'd'); return;		/* đ */
	case 0x131: buf_putc(out, 'i'); return;		/* ı */
	case 0xe6: buf_puts(out, "ae"); return;		/* æ */
	case 0x153: buf_puts(out, "oe"); return;	/* œ */
	}
	if (!utf8_isalpha(c) && !utf8_isdigit(c)) {
		buf_putc(out, ' ');
		return;
	}
	n = utf8proc_decompose_char(c, dst, 8, UTF8PROC_DECOMPOSE |
	    UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD | UTF8PROC_COMPAT, &last);
	if (n < 1 || n > 8) {
		buf_append(out, enc, utf8_encode(c, enc));
		return;
	}
	for (k = 0; k < n; k++)
		buf_append(out, enc, utf8_encode(dst[k], enc));
}

/*
 * Fold one word (NUL-terminated, in place) to its key: with alt, the
 * alternations of transliteration; with loose, doubled letters too.
 * English words and known places and given names keep their spelling
 * ("White", "Banks", "Andrew", "Hawaii"): the alternations are those of
 * names written from other scripts.
 */
static void
fold_word(char *w, int loose, int alt)
{
	size_t i, o, n;

	for (i = o = 0; w[i]; i++) {
		char c = w[i] == 'w' && alt ? 'v' : w[i];
		if (alt && c == 's' && o > 0 && w[o - 1] == 'k') {
			w[o - 1] = 'x';
			continue;
		}
		if (loose && o > 0 && w[o - 1] == c)
			continue;
		w[o++] = c;
	}
	w[o] = '\0';
	n = o;
	if (n < 4 || !alt)
		return;
	/* endings: -iy -ij -yi -yj -yy -ii -i -y all as -y; -off as -ov */
	if (strchr("iy", w[n - 2]) && strchr("iyj", w[n - 1]))
		w[--n] = '\0';
	if (w[n - 1] == 'i' || w[n - 1] == 'y')
		w[n - 1] = 'y';
	else if (n >= 5 && strcmp(w + n - 3, "off") == 0)
		strcpy(w + n - 3, "ov");
	else if (loose && strcmp(w + n - 2, "of") == 0)
		w[n - 1] = 'v';
}

/* Words that initials skip and a key never starts with. */
static int
connector(const char *w)
{
	static const char *const words[] = {"of", "for", "and", "the", "de",
	    "du", "des", "la", "le", "von", "van", "der", "den", "di", "da",
	    "on", "in", "et", "y", "und", "al", "bin", "ibn", "el", "del",
	    "della", "dos", "das", "do", "ter", "zu", "af", "av", NULL};
	int k;

	for (k = 0; words[k]; k++)
		if (words[k][0] == w[0] && strcmp(w, words[k]) == 0)
			return 1;
	return 0;
}

/* Fill m from the mention s[0..n) of type type. */
static void
make_keys(struct ment *m, const char *s, size_t n, const char *type)
{
	struct buf f = {0}, key = {0}, loose = {0};
	char *words[64];
	size_t i = 0, nw = 0, k, na = 0, lastw, wstart[64];
	int32_t c;
	int upper = 0, lower = 0, nletters = 0, inword = 0, wup[64], alt;

	/* a possessive is no part of the name */
	if (n > 2 && s[n - 1] == 's' && s[n - 2] == '\'')
		n -= 2;
	else if (n > 4 && s[n - 1] == 's' && memcmp(s + n - 4, "\xe2\x80\x99",
	    3) == 0)
		n -= 4;
	while (i < n) {
		c = utf8_next(s, n, &i);
		if (utf8_isupper(c))
			upper++;
		else if (utf8_islower(c))
			lower++;
		if (utf8_isalpha(c))
			nletters++;
		if (!utf8_isalpha(c) && !utf8_isdigit(c)) {
			if (inword)
				buf_putc(&f, '\0');
			inword = 0;
			continue;
		}
		if (!inword && nw < 64) {
			wstart[nw] = f.len;
			wup[nw++] = utf8_isupper(c);
		}
		inword = 1;
		fold_cp(&f, c);
	}
	buf_putc(&f, '\0');
	for (k = 0; k < nw; k++)
		words[k] = f.p + wstart[k];
	m->caps = nw == 1 && lower == 0 && upper >= 2 && upper <= 8 &&
	    nletters == upper && strlen(words[0]) < sizeof m->raw;
	if (m->caps)
		strcpy(m->raw, words[0]);
	/* a leading "the"; an organisation's legal form */
	k = 0;
	while (k + 1 < nw && strcmp(words[k], "the") == 0)
		k++;
	while (nw > k + 1 && strcmp(type, "ORG") == 0 &&
	    gaz_find(words[nw - 1], G_LEGAL, NULL))
		nw--;
	if (strcmp(type, "PER") == 0) {
		/* what a recogniser may leave before a name: "U.S. envoy
		 * Witkoff", "President Tramp" */
		for (i = nw; i-- > k + 1;)
			if (!wup[i - 1] && !connector(words[i - 1]) &&
			    strspn(words[i - 1], "0123456789") == 0) {
				k = i;
				break;
			}
		while (k + 1 < nw && gaz_find(words[k], G_TITLE, NULL) &&
		    !gaz_find(words[k], G_GIVEN, NULL))
			k++;
	}
	/* "George W. Bush": a person's initials are left out */
	m->nw = 0;
	lastw = nw;
	for (i = k; i < nw; i++) {
		if (!words[i][0] || (strcmp(type, "PER") == 0 &&
		    strlen(words[i]) == 1 && nw - k > 2))
			continue;
		if (!connector(words[i]) && na + 1 < sizeof m->acr)
			m->acr[na++] = words[i][0];
		buf_append(&key, "-", key.len ? 1 : 0);
		buf_append(&loose, "-", loose.len ? 1 : 0);
		alt = !gaz_find(words[i], G_COMMON, NULL) &&
		    !gaz_find(words[i], G_PLACE, NULL) &&
		    !gaz_find(words[i], G_GIVEN, NULL);
		buf_puts(&loose, words[i]);
		fold_word(loose.p + loose.len - strlen(words[i]), 1, alt);
		loose.len = strlen(loose.p);
		fold_word(words[i], 0, alt);
		buf_puts(&key, words[i]);
		if (m->nw == 0)
			m->fl = xstrdup(words[i]);
		lastw = i;
		m->nw++;
	}
	m->acr[m->nw >= 2 && na >= 2 ? na : 0] = '\0';
	if (!key.p) {
		/* no letter or digit ("&", an emoji): the text itself */
		for (i = 0; i < n; i++)
			buf_putc(&key, s[i] == ' ' || s[i] == '\n' ? '-' :
			    s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 'a' - 'A' :
			    s[i]);
		if (!key.p)
			buf_putc(&key, '-');
		buf_puts(&loose, key.p);
	}
	m->key = buf_detach(&key);
	m->loose = buf_detach(&loose);
	m->last = xstrdup(lastw < nw ? words[lastw] : "");
	if (m->nw >= 3) {
		/* "vladimir-putin" of "Vladimir Vladimirovich Putin" */
		struct buf b = {0};
		buf_printf(&b, "%s-%s", m->fl, m->last);
		free(m->fl);
		m->fl = buf_detach(&b);
	} else {
		free(m->fl);
		m->fl = NULL;
	}
	buf_free(&f);
}

/* ---- joining ---- */

static size_t
root(struct ment *v, size_t i)
{
	while (v[i].parent != i) {
		v[i].parent = v[v[i].parent].parent;
		i = v[i].parent;
	}
	return i;
}

static void
join(struct ment *v, const struct entity *e, size_t a, size_t b)
{
	if (a == (size_t)-1 || b == (size_t)-1 || a == b ||
	    strcmp(e[a].type, e[b].type) != 0)
		return;
	a = root(v, a);
	b = root(v, b);
	if (a != b)
		v[a > b ? a : b].parent = a < b ? a : b;
}

/* The text between byte offsets a and b, lower-cased, its spaces
 * squeezed, into out; 0 when it is longer than any cue. */
static int
gap(const struct doc *d, size_t a, size_t b, struct buf *out)
{
	size_t i;

	buf_reset(out);
	if (b < a || b - a > 40)
		return 0;
	for (i = a; i < b; i++) {
		char c = d->text[i];
		if (c == ' ' || c == '\t' || c == '\n') {
			if (out->len && out->p[out->len - 1] != ' ')
				buf_putc(out, ' ');
			continue;
		}
		buf_putc(out, c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c);
	}
	while (out->len && out->p[out->len - 1] == ' ')
		out->len--;
	buf_putc(out, '\0');
	out->len--;
	return 1;
}

static int
oneof(const char *w, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(w, *list) == 0)
			return 1;
	return 0;
}

/* Mentions a and b (b right after a) are one entity by what the text
 * says between and after them: 1, or 2 when b is the usual spelling
 * ("Tramp, as Trump is spelled"). */
static int
said_same(const struct doc *d, const struct entity *e, const struct ment *v,
    size_t a, size_t b, struct buf *g)
{
	static const char *const alias[] = {"(also", "(also spelled",
	    "(also known as", "(aka", "(a.k.a.", "(or", "(known as",
	    "(formerly", "(spelled", ", also known as", ", also spelled",
	    ", aka", ", a.k.a.", ", known as", ", formerly", "also known as",
	    "aka", "a.k.a.", NULL};
	static const char *const as[] = {" is spelled", " was spelled",
	    " is written", " was written", " is known", " was known",
	    " is transliterated", " is called", " was called", NULL};
	char w[32], *sp;
	size_t k;

	if (!gap(d, e[a].end, e[b].start, g))
		return 0;
	/* a title before the second name: "Mr. Trump (Mr. Tramp)" */
	if (g->len && (sp = strrchr(g->p, ' ')) != NULL &&
	    strlen(sp + 1) < sizeof w) {
		strcpy(w, sp + 1);
		if (w[0] && w[strlen(w) - 1] == '.')
			w[strlen(w) - 1] = '\0';
		if (gaz_find(w, G_TITLE, NULL))
			*sp = '\0';
	} else if (g->p[0] == '(' && strlen(g->p + 1) < sizeof w) {
		strcpy(w, g->p + 1);
		if (w[0] && w[strlen(w) - 1] == '.')
			w[strlen(w) - 1] = '\0';
		if (gaz_find(w, G_TITLE, NULL))
			g->p[1] = '\0';
	}
	if (oneof(g->p, alias))
		return 1;
	if (strcmp(g->p, "(") == 0) {
		/* "X (Y)": an acronym, a person's other spelling, or a
		 * name with the same first letter ("Kyiv (Kiev)"), not
		 * "Moscow (Russia)" */
		if (e[b].end >= d->len || d->text[e[b].end] != ')')
			return 0;
		return v[b].caps || strcmp(e[a].type, "PER") == 0 ||
		    (v[a].key[0] && v[a].key[0] == v[b].key[0]);
	}
	if (strcmp(g->p, ", as") == 0) {
		for (k = 0; as[k]; k++)
			if (d->len - e[b].end >= strlen(as[k]) &&
			    strncmp(d->text + e[b].end, as[k],
			    strlen(as[k])) == 0)
				return 2;
	}
	return 0;
}

void
entities_link(const struct doc *d, struct entity *e, size_t n)
{
	struct ment *v;
	struct lmap full, looseq, sur, fl, acr, sur1, acr1;
	struct buf tmp = {0}, g = {0};
	size_t i, j, best, *canon;
	int k;

	if (n == 0)
		return;
	v = xcalloc(n, sizeof *v);
	lmap_init(&full, n);
	lmap_init(&looseq, n);
	lmap_init(&sur, n);
	lmap_init(&fl, n);
	lmap_init(&acr, n);
	lmap_init(&sur1, n);
	lmap_init(&acr1, n);
	for (i = 0; i < n; i++) {
		make_keys(&v[i], d->text + e[i].start, e[i].end - e[i].start,
		    e[i].type);
		v[i].parent = i;
		/* the first full name of a surname, initials: for a
		 * mention before its full name */
		if (strcmp(e[i].type, "PER") == 0 && v[i].nw >= 2)
			lmap_put(&sur1, "PER", v[i].last, i, 1);
		if (v[i].acr[0])
			lmap_put(&acr1, e[i].type, v[i].acr, i, 1);
	}
	for (i = 0; i < n; i++) {
		struct ment *m = &v[i];
		const char *t = e[i].type;
		int per = strcmp(t, "PER") == 0;

		if (!m->key[0])
			continue;
		join(v, e, i, lmap_get(&full, t, m->key));
		join(v, e, i, lmap_get(&looseq, t, m->loose));
		if (per && m->nw == 1) {
			j = lmap_get(&sur, t, m->key);
			join(v, e, i, j != (size_t)-1 ? j :
			    lmap_get(&sur1, t, m->key));
		}
		if (per && m->nw == 2)
			join(v, e, i, lmap_get(&fl, t, m->key));
		if (per && m->fl)	/* "Vladimir Putin" came first */
			join(v, e, i, lmap_get(&full, t, m->fl));
		if (m->caps) {
			/* initials are raw letters: "WHO" is no "vho" */
			j = lmap_get(&acr, t, m->raw);
			join(v, e, i, j != (size_t)-1 ? j :
			    lmap_get(&acr1, t, m->raw));
		}
		if (i > 0 && (k = said_same(d, e, v, i - 1, i, &g)) != 0) {
			join(v, e, i - 1, i);
			m->pref = k == 2;
		}
		lmap_put(&full, t, m->key, i, 0);
		lmap_put(&looseq, t, m->loose, i, 0);
		if (per && m->nw >= 2)
			lmap_put(&sur, t, m->last, i, 0);
		if (per && m->fl)
			lmap_put(&fl, t, m->fl, i, 0);
		if (m->acr[0])
			lmap_put(&acr, t, m->acr, i, 0);
	}
	/* the longest mention (the first of them) names the entity */
	canon = xmalloc(n * sizeof *canon);
	for (i = 0; i < n; i++)
		canon[i] = (size_t)-1;
	for (i = 0; i < n; i++) {
		j = root(v, i);
		best = canon[j];
		if (best == (size_t)-1 || v[i].nw > v[best].nw ||
		    (v[i].nw == v[best].nw && ((v[best].caps && !v[i].caps) ||
		    (v[i].pref && !v[best].pref))))
			canon[j] = i;
	}
	for (i = 0; i < n; i++) {
		best = canon[root(v, i)];
		buf_reset(&tmp);
		buf_printf(&tmp, "%s:%s", e[i].type, v[best].key);
		free(e[i].id);
		e[i].id = xstrdup(tmp.p);
	}
	for (i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].loose);
		free(v[i].last);
		free(v[i].fl);
	}
	free(v);
	free(canon);
	buf_free(&tmp);
	buf_free(&g);
	lmap_free(&full);
	lmap_free(&looseq);
	lmap_free(&sur);
	lmap_free(&fl);
	lmap_free(&acr);
	lmap_free(&sur1);
	lmap_free(&acr1);
}
