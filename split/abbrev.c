/*
 * abbrev.c: word sets (abbreviations, sentence starters) and loading the
 * per-language lists from data/split/.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "nf.h"
#include "utf8.h"
#include "split.h"

/* Longest word worth keeping: nothing in the lists comes near it. */
#define WORD_MAX 64

size_t
fold_word(const char *w, size_t n, char *out, size_t outsz)
{
	size_t i = 0, o = 0;

	while (i < n) {
		unsigned char c = (unsigned char)w[i];

		if (c < 0x80) {
			if (o + 1 >= outsz)
				return (size_t)-1;
			out[o++] = (char)tolower(c);
			i++;
		} else {
			int32_t cp = utf8_next(w, n, &i);
			char enc[4];
			int k;

			if (cp < 0)
				cp = 0xFFFD;
			k = utf8_encode(utf8_tolower(cp), enc);
			if (o + (size_t)k >= outsz)
				return (size_t)-1;
			memcpy(out + o, enc, (size_t)k);
			o += (size_t)k;
		}
	}
	out[o] = '\0';
	return o;
}

static uint64_t
hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ULL;	/* FNV-1a */
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static size_t
slot(const struct wordset *ws, const char *k, size_t n)
{
	size_t mask = ws->cap - 1, i = (size_t)hash(k, n) & mask;

	while (ws->keys[i] && (strlen(ws->keys[i]) != n ||
	    memcmp(ws->keys[i], k, n) != 0))
		i = (i + 1) & mask;
	return i;
}

static void
grow(struct wordset *ws)
{
	struct wordset nw = {0};
	size_t i;

	nw.cap = ws->cap ? ws->cap * 2 : 64;
	nw.keys = xcalloc(nw.cap, sizeof *nw.keys);
	nw.cls = xcalloc(nw.cap, 1);
	for (i = 0; i < ws->cap; i++) {
		if (ws->keys[i]) {
			size_t j = slot(&nw, ws->keys[i], strlen(ws->keys[i]));

			nw.keys[j] = ws->keys[i];
			nw.cls[j] = ws->cls[i];
			nw.len++;
		}
	}
	free(ws->keys);
	free(ws->cls);
	*ws = nw;
}

void
wordset_add(struct wordset *ws, const char *w, size_t n, int cls)
{
	char k[WORD_MAX];
	size_t kn, i;

	while (n > 0 && w[n - 1] == '.')
		n--;
	if (n == 0 || (kn = fold_word(w, n, k, sizeof k)) == (size_t)-1)
		return;
	if ((ws->len + 1) * 2 > ws->cap)
		grow(ws);
	i = slot(ws, k, kn);
	if (ws->keys[i] == NULL) {
		ws->keys[i] = xstrndup(k, kn);
		ws->len++;
	}
	ws->cls[i] = (unsigned char)cls;
}

int
wordset_get(const struct wordset *ws, const char *w, size_t n)
{
	char k[WORD_MAX];
	size_t kn, i;

	if (ws->len == 0 || (kn = fold_word(w, n, k, sizeof k)) == (size_t)-1)
		return AB_NONE;
	i = slot(ws, k, kn);
	return ws->keys[i] ? ws->cls[i] : AB_NONE;
}

long
wordset_load(struct wordset *ws, const char *path, int dflt)
{
	FILE *fp;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long added = 0;

	if ((fp = fopen(path, "r")) == NULL)
		return -1;
	while ((len = getline(&line, &cap, fp)) > 0) {
		size_t n = (size_t)len, b = 0;
		int cls = dflt;
		char *tab;

		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' ||
		    line[n - 1] == ' '))
			n--;
		while (b < n && (line[b] == ' ' || line[b] == '\t'))
			b++;
		if (b == n || line[b] == '#')
			continue;
		line[n] = '\0';
		if ((tab = memchr(line + b, '\t', n - b)) != NULL) {
			if (tab[1] == AB_ORD || tab[1] == AB_NUM ||
			    tab[1] == AB_PRE)
				cls = tab[1];
			n = (size_t)(tab - line);
		}
		wordset_add(ws, line + b, n - b, cls);
		added++;
	}
	free(line);
	if (ferror(fp)) {
		int e = errno;

		fclose(fp);
		errno = e;
		return -1;
	}
	fclose(fp);
	return added;
}

void
wordset_free(struct wordset *ws)
{
	size_t i;

	for (i = 0; i < ws->cap; i++)
		free(ws->keys[i]);
	free(ws->keys);
	free(ws->cls);
	memset(ws, 0, sizeof *ws);
}

/*
 * Languages that write ordinal numbers with a period ("am 3. Oktober",
 * "3. maja", "2. kesäkuuta").
 */
static const char *ordinal_langs[] = {
	"cs", "da", "de", "et", "fi", "hr", "hu", "is", "lv", "nb", "nn",
	"no", "pl", "sk", "sl", "sr", "tr", NULL
};

void
seg_lang_code(const char *code, char out[16])
{
	size_t i;

	for (i = 0; code[i] && code[i] != '-' && code[i] != '_' && i < 15; i++)
		out[i] = (char)tolower((unsigned char)code[i]);
	out[i] = '\0';
	/* Codes are letters only: nothing else goes into a path. */
	for (i = 0; out[i]; i++)
		if (out[i] < 'a' || out[i] > 'z')
			out[0] = '\0';
}

void
seg_lang_load(struct seg_lang *L, const char *code, const char *user)
{
	char rel[64];
	const char *path;
	size_t i;

	memset(L, 0, sizeof *L);
	seg_lang_code(code, L->code);
	for (i = 0; ordinal_langs[i]; i++)
		if (strcmp(L->code, ordinal_langs[i]) == 0)
			L->ordinals = 1;
	L->weak_starters = strcmp(L->code, "ru") == 0 ||
	    strcmp(L->code, "uk") == 0 || strcmp(L->code, "lt") == 0;
	/* NFC turns U+037E GREEK QUESTION MARK into ';', and Armenian
	 * text is often typed with ':' for the full stop U+0589 */
	if (strcmp(L->code, "el") == 0)
		L->soft_stop = ';';
	else if (strcmp(L->code, "hy") == 0)
		L->soft_stop = ':';
	if (L->code[0]) {
		snprintf(rel, sizeof rel, "split/abbrev/%s.txt", L->code);
		if ((path = nf_datapath(rel)) == NULL) {
			/* English data always ships: its absence means a
			 * broken install, worth a word even without -v */
			if (strcmp(L->code, "en") == 0)
				nf_warn("%s not found (set NEWSFILTERS_DATA); "
				    "using the generic rules", rel);
			else
				nf_debug("no abbreviations for language "
				    "\"%s\", using the generic rules", L->code);
		}
		else if (wordset_load(&L->abbrev, path, AB_ORD) < 0)
			nf_warn("%s: cannot read: %s", path, strerror(errno));
		snprintf(rel, sizeof rel, "split/starters/%s.txt", L->code);
		if ((path = nf_datapath(rel)) != NULL &&
		    wordset_load(&L->starters, path, AB_WORD) > 0)
			L->has_starters = 1;
	}
	if (user && wordset_load(&L->abbrev, user, AB_ORD) < 0)
		nf_die("%s: %s", user, strerror(errno));
}

void
seg_lang_free(struct seg_lang *L)
{
	wordset_free(&L->abbrev);
	wordset_free(&L->starters);
}
