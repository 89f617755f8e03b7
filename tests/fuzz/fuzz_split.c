/*
 * libFuzzer target: newssplit's sentence segmenter (split/segment.c) and
 * its word helpers (split/abbrev.c) on arbitrary bytes.
 *
 * The first byte chooses the language (its low three bits), whether the
 * text is wrapped (bit 3) and how the text is made valid UTF-8 the way
 * newssplit does it (bit 4): NFC through utf8_clean() as in the JSON
 * Lines mode, or kept as is when valid (NUL bytes and all) and repaired
 * with utf8_repair() otherwise, as in the text mode. The rest is the text.
 *
 * Invariants (abort() on failure), from split.h's contract:
 *   - every sentence is non-empty and inside the text, starts and ends on
 *     code point boundaries, and has no white space at either end;
 *   - sentences come in text order and do not overlap;
 *   - without wrapping a sentence holds a line break only inside running
 *     text (a lower-case letter after it and the blanks after it: any
 *     other line break ends a paragraph), and with wrapping none holds a
 *     blank line;
 *   - nothing is lost: every character that is not white space is inside
 *     some sentence.
 *
 * Built with -DFUZZ_DEBUG it prints the sentences it finds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "nf.h"
#include "utf8.h"
#include "split.h"
#include "fuzz.h"

static const char *codes[8] = {
	"en", "de", "ru", "lt", "fr", "el", "hy", "zz"	/* zz: generic rules */
};
static struct seg_lang langs[8];

struct sents {
	const char *s;
	size_t n;
	size_t *v;		/* start, end pairs */
	size_t len, cap;
};

static void
collect(void *arg, size_t start, size_t end)
{
	struct sents *c = arg;

	if (c->len + 2 > c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->v = xrealloc(c->v, c->cap * sizeof *c->v);
	}
	c->v[c->len++] = start;
	c->v[c->len++] = end;
}

/* White space as segment.c sees it: ASCII's six, and Unicode's. */
static int
white(int32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= '\t' && cp <= '\r');
	return utf8_isspace(cp);
}

static int
boundary(const char *s, size_t n, size_t i)
{
	return i == 0 || i >= n || ((unsigned char)s[i] & 0xC0) != 0x80;
}

/* The code point that ends at s[e] (s valid UTF-8). */
static int32_t
cp_ending(const char *s, size_t e)
{
	size_t k = e - 1;

	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	return utf8_next(s, e, &k);
}

/* A blank line inside s[b..e): "\n", then only spaces, tabs, CR, FF, VT,
 * then "\n" (how seg_text finds a wrapped paragraph's end). */
static int
has_blank_line(const char *s, size_t b, size_t e)
{
	size_t i, k;

	for (i = b; i < e; i++) {
		if (s[i] != '\n')
			continue;
		for (k = i + 1; k < e && (s[k] == ' ' || s[k] == '\t' ||
		    s[k] == '\r' || s[k] == '\f' || s[k] == '\v'); k++)
			;
		if (k < e && s[k] == '\n')
			return 1;
	}
	return 0;
}

/* Every line break inside s[b..e) is followed, after spaces and tabs, by
 * a lower-case letter: the only line breaks seg_text() keeps inside a
 * sentence without wrapping. */
static int
soft_breaks(const char *s, size_t b, size_t e)
{
	const char *nl;
	size_t k;

	while ((nl = memchr(s + b, '\n', e - b)) != NULL) {
		k = (size_t)(nl - s) + 1;
		while (k < e && (s[k] == ' ' || s[k] == '\t'))
			k++;
		if (k >= e || !utf8_islower(utf8_next(s, e, &k)))
			return 0;
		b = (size_t)(nl - s) + 1;
	}
	return 1;
}

static void
check(const char *s, size_t n, int wrapped, const struct sents *c)
{
	size_t i, k, prev_end = 0;

	for (i = 0; i < c->len; i += 2) {
		size_t b = c->v[i], e = c->v[i + 1], j;

		if (b >= e || e > n || b < prev_end)
			abort();
		if (!boundary(s, n, b) || !boundary(s, n, e))
			abort();
		j = b;
		if (white(utf8_next(s, n, &j)) || white(cp_ending(s, e)))
			abort();
		if (!wrapped && !soft_breaks(s, b, e))
			abort();
		if (wrapped && has_blank_line(s, b, e))
			abort();
		/* nothing but white space between two sentences */
		for (k = prev_end; k < b; )
			if (!white(utf8_next(s, b, &k)))
				abort();
		prev_end = e;
	}
	for (k = prev_end; k < n; )
		if (!white(utf8_next(s, n, &k)))
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct buf clean;
	struct sents c = {0};
	const struct seg_lang *L;
	const char *s;
	size_t n;
	int wrapped;
	char w[32], code[16];

	if (size < 1)
		return 0;
	L = &langs[data[0] & 7];
	wrapped = (data[0] >> 3) & 1;
	s = (const char *)data + 1;
	n = size - 1;
	buf_reset(&clean);
	if ((data[0] >> 4) & 1) {
		utf8_clean(&clean, s, n);
		s = clean.p ? clean.p : "";
		n = clean.len;
	} else if (!utf8_valid(s, n)) {
		utf8_repair(&clean, s, n);
		s = clean.p ? clean.p : "";
		n = clean.len;
	}
	c.s = s;
	c.n = n;
	seg_text(L, s, n, wrapped, collect, &c);
	check(s, n, wrapped, &c);
#ifdef FUZZ_DEBUG
	for (size_t i = 0; i < c.len; i += 2)
		fprintf(stderr, "[%.*s]\n", (int)(c.v[i + 1] - c.v[i]),
		    s + c.v[i]);
#endif
	free(c.v);

	/* The word helpers take raw bytes: the segmenter hands them words
	 * cut out of the text, at most 64 bytes long. */
	n = size - 1 < 64 ? size - 1 : 64;
	if (fold_word((const char *)data + 1, n, w, sizeof w) != (size_t)-1 &&
	    strlen(w) >= sizeof w)
		abort();
	wordset_get(&L->abbrev, (const char *)data + 1, n);
	wordset_get(&L->starters, (const char *)data + 1, n);
	{
		char tmp[40];

		memcpy(tmp, data + 1, n < sizeof tmp - 1 ? n : sizeof tmp - 1);
		tmp[n < sizeof tmp - 1 ? n : sizeof tmp - 1] = '\0';
		seg_lang_code(tmp, code);
		if (strlen(code) >= sizeof code)
			abort();
		for (size_t i = 0; code[i]; i++)
			if (code[i] < 'a' || code[i] > 'z')
				abort();
	}
	return 0;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	size_t i;

	(void)argc, (void)argv;
	nf_init("fuzz_split");
	nf_errfp = fopen("/dev/null", "w");
	for (i = 0; i < sizeof codes / sizeof codes[0]; i++)
		seg_lang_load(&langs[i], codes[i], NULL);
	if (!langs[0].has_starters || langs[0].abbrev.len == 0) {
		fprintf(stderr, "fuzz_split: no English data under data/split "
		    "(set NEWSFILTERS_DATA)\n");
		exit(1);
	}
	return 0;
}
