/*
 * gazetteer.c: newstag's word lists, loaded once from data/tag/gazetteer
 * (see tag/mkdata.sh and data/tag/SOURCES).
 *
 * Every entry is keyed by the lower-cased forms of its tokens, as
 * doc_tokenize() makes them, joined by single spaces, so that a lookup
 * on a text's tokens and the lists always agree ("St. Petersburg" is
 * "st . petersburg"). One open-addressing hash table holds all classes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "nf.h"
#include "sha1.h"
#include "tag.h"

struct slot {
	char *key;
	struct gaz_entry *e;
	int n;
};

static struct slot *tab;
static size_t tabcap, tabn;
static int maxwords[G_NCLASSES];	/* longest entry per class, in tokens */

static struct slot *
find_slot(const char *key)
{
	size_t h = (size_t)hash64(key, strlen(key)), i;

	for (i = h & (tabcap - 1);; i = (i + 1) & (tabcap - 1))
		if (!tab[i].key || strcmp(tab[i].key, key) == 0)
			return &tab[i];
}

static void
grow(void)
{
	struct slot *old = tab, *s;
	size_t oldcap = tabcap, i;

	tabcap = tabcap ? tabcap * 2 : 4096;
	tab = xcalloc(tabcap, sizeof *tab);
	for (i = 0; i < oldcap; i++) {
		if (!old[i].key)
			continue;
		s = find_slot(old[i].key);
		*s = old[i];
	}
	free(old);
}

static void
add_key(const char *key, int cls, int val, const char *lang, int nwords)
{
	struct slot *s;
	struct gaz_entry *e;
	int i;

	if (!*key)
		return;
	if ((tabn + 1) * 2 > tabcap)
		grow();
	s = find_slot(key);
	if (!s->key) {
		s->key = xstrdup(key);
		tabn++;
	}
	for (i = 0; i < s->n; i++)
		if (s->e[i].cls == cls && s->e[i].val == val &&
		    strcmp(s->e[i].lang, lang) == 0)
			return;
	s->e = xrealloc(s->e, (s->n + 1) * sizeof *s->e);
	e = &s->e[s->n++];
	e->cls = cls;
	e->val = val;
	snprintf(e->lang, sizeof e->lang, "%s", lang);
	if (nwords > maxwords[cls])
		maxwords[cls] = nwords;
}

/* Key of tokens [i, i+n) of d into out; 0 if it does not fit. */
static int
make_key(const struct doc *d, size_t i, size_t n, char *out, size_t outlen)
{
	size_t k, len = 0, l;

	for (k = 0; k < n; k++) {
		l = strlen(tok_low(d, i + k));
		if (len + l + 2 > outlen)
			return 0;
		if (k)
			out[len++] = ' ';
		memcpy(out + len, tok_low(d, i + k), l);
		len += l;
	}
	out[len] = '\0';
	return 1;
}

/* Add a phrase: tokenize it so that the key matches text tokens. */
static void
add_phrase(const char *phrase, int cls, int val, const char *lang)
{
	struct doc d;
	char key[512];

	doc_tokenize(&d, phrase, strlen(phrase), NULL, 0);
	if (d.ntok && make_key(&d, 0, d.ntok, key, sizeof key))
		add_key(key, cls, val, lang, (int)d.ntok);
	/* "Nov." and "Nov" are the same abbreviation */
	if ((cls == G_MONTH_ABBR || cls == G_WEEKDAY_ABBR) && d.ntok == 2 &&
	    strcmp(tok_low(&d, 1), ".") == 0)
		add_key(tok_low(&d, 0), cls, val, lang, 1);
	doc_free(&d);
}

static FILE *
open_data(const char *name)
{
	char rel[256];
	const char *path;
	FILE *fp;

	snprintf(rel, sizeof rel, "tag/gazetteer/%s", name);
	if (!(path = nf_datapath(rel)))
		nf_die("data file %s not found (set NEWSFILTERS_DATA)", rel);
	if (!(fp = fopen(path, "r")))
		nf_dieerr("%s", path);
	return fp;
}

/* Read a list file: one entry a line, '#' comments. If tsv, split the
 * line into up to 4 tab-separated fields. */
static void
load_file(const char *name, void (*fn)(char **f, int nf, void *arg), void *arg)
{
	FILE *fp = open_data(name);
	char *line = NULL, *f[4], *p;
	size_t cap = 0;
	ssize_t n;
	int nf;

	while ((n = getline(&line, &cap, fp)) > 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (!n || line[0] == '#')
			continue;
		nf = 0;
		for (p = line; nf < 4;) {
			f[nf++] = p;
			if (!(p = strchr(p, '\t')))
				break;
			*p++ = '\0';
		}
		fn(f, nf, arg);
	}
	if (ferror(fp))
		nf_dieerr("reading %s", name);
	free(line);
	fclose(fp);
}

static void
on_list(char **f, int nf, void *arg)
{
	char low[64];
	size_t i;

	(void)nf;
	/* plain ASCII words need no tokenizer (40,000 common words) */
	for (i = 0; f[0][i] && i < sizeof low - 1; i++) {
		char ch = f[0][i];
		if (ch >= 'A' && ch <= 'Z')
			ch += 'a' - 'A';
		if (ch < 'a' || ch > 'z')
			break;
		low[i] = ch;
	}
	if (!f[0][i] && i > 0) {
		low[i] = '\0';
		add_key(low, *(int *)arg, 0, "", 1);
		return;
	}
	add_phrase(f[0], *(int *)arg, 0, "");
}

/* If name ends with suffix `from`, add it again with `to` instead. */
static void
add_suffixed(const char *name, const char *from, const char *to, int cls,
    int val, const char *lang)
{
	size_t n = strlen(name), lf = strlen(from);
	char buf[256];

	if (n < lf || n - lf + strlen(to) >= sizeof buf ||
	    strcmp(name + n - lf, from) != 0)
		return;
	memcpy(buf, name, n - lf);
	strcpy(buf + n - lf, to);
	add_phrase(buf, cls, val, lang);
}

/*
 * Case forms that CLDR does not list but news uses after a preposition:
 * "в пятницу", "у п'ятницю", "w środę", "ve středu", "penktadienį",
 * "piektdien" (on Friday); "в ноябре", "у листопаді", "lapkritį" (in
 * November). Suffix rules on the wide names, per language.
 */
static void
add_inflections(const char *name, int cls, int val, const char *lang)
{
	if (cls == G_WEEKDAY) {
		if (!strcmp(lang, "ru") || !strcmp(lang, "uk") ||
		    !strcmp(lang, "be")) {
			add_suffixed(name, "а", "у", cls, val, lang);
			add_suffixed(name, "я", "ю", cls, val, lang);
		} else if (!strcmp(lang, "pl")) {
			add_suffixed(name, "a", "ę", cls, val, lang);
		} else if (!strcmp(lang, "cs")) {
			add_suffixed(name, "a", "u", cls, val, lang);
			add_suffixed(name, "e", "i", cls, val, lang);
		} else if (!strcmp(lang, "lt")) {
			add_suffixed(name, "is", "į", cls, val, lang);
		} else if (!strcmp(lang, "lv")) {
			add_suffixed(name, "a", "", cls, val, lang);
		}
	} else if (cls == G_MONTH) {
		if (!strcmp(lang, "ru")) {
			add_suffixed(name, "ь", "е", cls, val, lang);
			add_suffixed(name, "й", "е", cls, val, lang);
			add_suffixed(name, "т", "те", cls, val, lang);
		} else if (!strcmp(lang, "uk")) {
			add_suffixed(name, "ень", "ні", cls, val, lang);
			add_suffixed(name, "ий", "ому", cls, val, lang);
			add_suffixed(name, "д", "ді", cls, val, lang);
		} else if (!strcmp(lang, "lt")) {
			add_suffixed(name, "is", "į", cls, val, lang);
			add_suffixed(name, "as", "ą", cls, val, lang);
			add_suffixed(name, "ė", "ę", cls, val, lang);
			add_suffixed(name, "a", "ą", cls, val, lang);
		}
	}
}

static void
on_month(char **f, int nf, void *arg)
{
	int cls;

	(void)arg;
	if (nf < 4)
		return;
	if (strcmp(f[1], "month") == 0)
		cls = G_MONTH;
	else if (strcmp(f[1], "month_abbr") == 0)
		cls = G_MONTH_ABBR;
	else if (strcmp(f[1], "weekday") == 0)
		cls = G_WEEKDAY;
	else if (strcmp(f[1], "weekday_abbr") == 0)
		cls = G_WEEKDAY_ABBR;
	else
		return;
	add_phrase(f[3], cls, atoi(f[2]), f[0]);
	add_inflections(f[3], cls, atoi(f[2]), f[0]);
	/* CLDR writes Ukrainian "пʼятниця" with U+02BC, news with ' or ’ */
	if (strstr(f[3], "\xca\xbc") && strlen(f[3]) < 120) {
		static const char *const apos[] = {"'", "\xe2\x80\x99"};
		char alt[256], *p, *o;
		int k;

		for (k = 0; k < 2; k++) {
			for (p = f[3], o = alt; *p; ) {
				if (memcmp(p, "\xca\xbc", 2) == 0) {
					o += sprintf(o, "%s", apos[k]);
					p += 2;
				} else {
					*o++ = *p++;
				}
			}
			*o = '\0';
			add_phrase(alt, cls, atoi(f[2]), f[0]);
			add_inflections(alt, cls, atoi(f[2]), f[0]);
		}
	}
}

/* A relative phrase; its first word may start a temporal expression. */
static void
add_relative(const char *phrase, int val, const char *lang)
{
	struct doc d;

	add_phrase(phrase, G_RELATIVE, val, lang);
	doc_tokenize(&d, phrase, strlen(phrase), NULL, 0);
	if (d.ntok)
		add_key(tok_low(&d, 0), G_TRIGGER, 0, "", 1);
	doc_free(&d);
}

static void
on_relative(char **f, int nf, void *arg)
{
	char alt[128], *p;
	int field, off;

	(void)arg;
	if (nf < 4)
		return;
	off = atoi(f[2]);
	if (off < -2 || off > 2)
		return;
	if (strcmp(f[1], "day") == 0)
		field = 'd';
	else if (strcmp(f[1], "week") == 0)
		field = 'w';
	else if (strcmp(f[1], "month") == 0)
		field = 'm';
	else if (strcmp(f[1], "quarter") == 0)
		field = 'q';
	else if (strcmp(f[1], "year") == 0)
		field = 'y';
	else
		return;
	add_relative(f[3], field << 8 | (off + 2), f[0]);
	/* Ukrainian writes "у" or "в" by euphony: CLDR's "учора" is as
	 * often "вчора" */
	if (strcmp(f[0], "uk") == 0 && strncmp(f[3], "у", 2) == 0 &&
	    strlen(f[3]) < 120) {
		snprintf(alt, sizeof alt, "в%s", f[3] + 2);
		add_relative(alt, field << 8 | (off + 2), f[0]);
	}
	/* CLDR writes "aujourd’hui", "l’année", news as often with ' */
	if ((p = strstr(f[3], "\xe2\x80\x99")) != NULL && strlen(f[3]) < 120) {
		snprintf(alt, sizeof alt, "%.*s'%s", (int)(p - f[3]), f[3],
		    p + 3);
		add_relative(alt, field << 8 | (off + 2), f[0]);
	}
}

/* "vor {0} Tagen" is stored as "vor # tagen" */
static void
on_relpattern(char **f, int nf, void *arg)
{
	struct doc a, b;
	char *ph, key[512], *k = key;
	size_t i;
	int field;

	(void)arg;
	if (nf < 4 || !(ph = strstr(f[3], "{0}")))
		return;
	field = !strcmp(f[1], "day") ? 'd' : !strcmp(f[1], "week") ? 'w' :
	    !strcmp(f[1], "month") ? 'm' : 'y';
	doc_tokenize(&a, f[3], (size_t)(ph - f[3]), NULL, 0);
	doc_tokenize(&b, ph + 3, strlen(ph + 3), NULL, 0);
	if (a.ntok <= 3 && b.ntok <= 3 && a.ntok + b.ntok > 0) {
		for (i = 0; i < a.ntok; i++)
			k += snprintf(k, 64, "%.60s ", tok_low(&a, i));
		*k++ = '#';
		for (i = 0; i < b.ntok; i++)
			k += snprintf(k, 64, " %.60s", tok_low(&b, i));
		*k = '\0';
		add_key(key, G_RELPATTERN, field << 8 |
		    (strcmp(f[2], "past") == 0 ? 0 : 2), f[0], 1);
		if (a.ntok)
			add_key(tok_low(&a, 0), G_TRIGGER, 0, "", 1);
	}
	doc_free(&a);
	doc_free(&b);
}

int
gaz_relpattern(const struct doc *d, size_t i, const char *lang, long *num,
    int *field, int *sign)
{
	const struct gaz_entry *e;
	const struct token *t;
	char key[512];
	size_t npre, npost, k, len;

	for (npre = 0; npre <= 3 && i + npre < d->ntok; npre++) {
		t = &d->tok[i + npre];
		if (t->kind != TK_NUM || t->ndigits != t->end - t->start ||
		    t->ndigits > 6)
			continue;
		for (npost = 3;; npost--) {
			if (npre + npost == 0 || i + npre + 1 + npost > d->ntok)
				goto next;
			len = 0;
			for (k = 0; k < npre; k++)
				len += (size_t)snprintf(key + len, sizeof key - len,
				    "%.100s ", tok_low(d, i + k));
			len += (size_t)snprintf(key + len, sizeof key - len, "#");
			for (k = 0; k < npost; k++)
				len += (size_t)snprintf(key + len, sizeof key - len,
				    " %.100s", tok_low(d, i + npre + 1 + k));
			if ((e = gaz_find(key, G_RELPATTERN, lang)) != NULL) {
				*num = t->num;
				*field = e->val >> 8;
				*sign = (e->val & 0xff) - 1;
				return (int)(npre + 1 + npost);
			}
next:
			if (npost == 0)
				break;
		}
		break;	/* only the first number counts */
	}
	return 0;
}

void
gaz_add_word(const char *lower, int cls)
{
	if (!tab)
		grow();
	add_key(lower, cls, 0, "", 1);
}

void
gaz_load(void)
{
	static int given = G_GIVEN, legal = G_LEGAL, org = G_ORGWORD,
	    title = G_TITLE, place = G_PLACE, nat = G_NATIONALITY,
	    stop = G_STOP, common = G_COMMON, locword = G_LOCWORD,
	    miscword = G_MISCWORD;

	if (tab)
		return;
	grow();
	/* titles first: the tokenizer uses them for "Mr." */
	load_file("titles.txt", on_list, &title);
	load_file("months_weekdays.tsv", on_month, NULL);
	load_file("relative.tsv", on_relative, NULL);
	load_file("relative_patterns.tsv", on_relpattern, NULL);
	load_file("given_names.txt", on_list, &given);
	load_file("legal_suffixes.txt", on_list, &legal);
	load_file("org_words.txt", on_list, &org);
	load_file("places.txt", on_list, &place);
	load_file("nationalities.txt", on_list, &nat);
	load_file("stopwords.txt", on_list, &stop);
	load_file("loc_words.txt", on_list, &locword);
	load_file("misc_words.txt", on_list, &miscword);
	load_file("common_words.txt", on_list, &common);
}

void
gaz_free(void)
{
	size_t i;

	for (i = 0; i < tabcap; i++) {
		free(tab[i].key);
		free(tab[i].e);
	}
	free(tab);
	tab = NULL;
	tabcap = tabn = 0;
}

int
gaz_lookup(const char *key, struct gaz_entry *out, int max)
{
	struct slot *s;
	int i;

	if (!tab)
		return 0;
	s = find_slot(key);
	if (!s->key)
		return 0;
	for (i = 0; i < s->n && i < max; i++)
		out[i] = s->e[i];
	return i;
}

static int
lang_ok(const struct gaz_entry *e, const char *lang)
{
	return !lang || !e->lang[0] || strcmp(e->lang, lang) == 0 ||
	    strcmp(e->lang, "en") == 0;
}

const struct gaz_entry *
gaz_find(const char *key, int cls, const char *lang)
{
	struct slot *s;
	int i;

	if (!tab)
		return NULL;
	s = find_slot(key);
	if (!s->key)
		return NULL;
	for (i = 0; i < s->n; i++)
		if (s->e[i].cls == cls && lang_ok(&s->e[i], lang))
			return &s->e[i];
	return NULL;
}

/* Longest entry of class cls starting at token i; its entry in *e. */
static int
longest(const struct doc *d, size_t i, int cls, const char *lang,
    const struct gaz_entry **e)
{
	char key[512];
	int n;

	for (n = maxwords[cls]; n >= 1; n--) {
		if (i + n > d->ntok)
			continue;
		if (!make_key(d, i, n, key, sizeof key))
			continue;
		if ((*e = gaz_find(key, cls, lang)) != NULL)
			return n;
	}
	return 0;
}

int
gaz_place_len(const struct doc *d, size_t i)
{
	const struct gaz_entry *e;

	return longest(d, i, G_PLACE, NULL, &e);
}

int
gaz_relative(const struct doc *d, size_t i, const char *lang, int *field,
    int *offset)
{
	const struct gaz_entry *e;
	int n;

	n = longest(d, i, G_RELATIVE, lang, &e);
	if (n) {
		*field = e->val >> 8;
		*offset = (e->val & 0xff) - 2;
	}
	return n;
}
