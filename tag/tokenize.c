/*
 * tokenize.c: the tokenizer both recognisers work on.
 *
 * Words are runs of letters and digits; they keep internal hyphens
 * ("Jean-Claude", "three-day", "mid-October") and apostrophes followed
 * by more than a possessive "s" ("O'Brien"), and dotted initialisms
 * ("U.S.", "p.m."). Numbers keep internal separators between digits
 * ("16.11.2025", "15:30", "3,000", "2025-11-16") so that dates.c can read
 * them whole, and a letter suffix ("16th", "1990s", "3pm"). Anything
 * else is one punctuation token per code point. Offsets are bytes.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "utf8.h"
#include "tag.h"

static int
is_wordcp(int32_t c)
{
	if (c < 0)
		return 0;
	if (c < 128)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9');
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ND:
		return 1;
	default:
		return 0;
	}
}

static int
is_letter(int32_t c)
{
	return c >= 0 && is_wordcp(c) && !(c >= '0' && c <= '9') &&
	    !utf8_isdigit(c);
}

static int
is_digit(int32_t c)
{
	return c >= '0' && c <= '9';
}

/* Code point at byte i (or -1 past the end), without advancing. */
static int32_t
peek(const char *s, size_t n, size_t i, size_t *next)
{
	size_t j = i;
	int32_t c;

	if (i >= n) {
		if (next)
			*next = n;
		return -1;
	}
	c = utf8_next(s, n, &j);
	if (next)
		*next = j;
	return c;
}

/* End of the word starting at i (s[i] is a letter). */
static size_t
scan_word(const char *s, size_t n, size_t i)
{
	size_t j, k, k2;
	int32_t c, c2, c3;
	int dotted = 1, single = 0;	/* initialism shape: "U.S.", "p.m." */

	j = i;
	for (;;) {
		c = peek(s, n, j, &k);
		if (is_wordcp(c)) {
			single++;
			j = k;
			continue;
		}
		if (c == '-' || c == 0x2010 || c == 0x2011) {
			c2 = peek(s, n, k, NULL);
			if (is_wordcp(c2)) {
				dotted = 0;
				j = k;
				continue;
			}
			break;
		}
		if (c == '\'' || c == 0x2019) {
			/* join "O'Brien", "don't", not the possessive "'s" */
			c2 = peek(s, n, k, &k2);
			if (is_letter(c2)) {
				c3 = peek(s, n, k2, NULL);
				if ((c2 == 's' || c2 == 'S') && !is_wordcp(c3))
					break;
				dotted = 0;
				j = k;
				continue;
			}
			break;
		}
		if (c == '.' && dotted && single == 1) {
			/* "U.S", "p.m": a single letter, a dot, a letter */
			c2 = peek(s, n, k, &k2);
			c3 = peek(s, n, k2, NULL);
			if (is_letter(c2) && !is_wordcp(c3)) {
				j = k;
				single = 0;
				continue;
			}
		}
		break;
	}
	/* the final dot of an initialism with at least two letters */
	if (dotted && j < n && s[j] == '.' && memchr(s + i, '.', j - i))
		j++;
	return j;
}

/* End of the number starting at i (s[i] is a digit). */
static size_t
scan_number(const char *s, size_t n, size_t i)
{
	size_t j = i, k;
	int32_t c, c2;

	for (;;) {
		c = peek(s, n, j, &k);
		if (is_digit(c)) {
			j = k;
			continue;
		}
		if (c == '.' || c == ',' || c == ':' || c == '/' || c == '-') {
			c2 = peek(s, n, k, NULL);
			if (is_digit(c2) && is_digit((unsigned char)s[j - 1])) {
				j = k;
				continue;
			}
			if (c == '-' && is_letter(c2)) {
				/* "40-year-old", "three-day" compounds */
				return scan_word(s, n, k);
			}
			break;
		}
		if (is_letter(c)) {
			/* a suffix: "16th", "1990s", "3pm" */
			while (is_wordcp(c = peek(s, n, j, &k)))
				j = k;
			return j;
		}
		break;
	}
	return j;
}

static void
add_token(struct doc *d, size_t *cap, struct buf *low, size_t start,
    size_t end, int kind, int flags)
{
	struct token *t;
	size_t i, nl = 0, nu = 0;
	int32_t c;

	if (d->ntok == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		d->tok = xrealloc(d->tok, *cap * sizeof *d->tok);
	}
	t = &d->tok[d->ntok++];
	memset(t, 0, sizeof *t);
	t->start = (uint32_t)start;
	t->end = (uint32_t)end;
	t->kind = (unsigned char)kind;
	t->low = (uint32_t)low->len;
	utf8_lower(low, d->text + start, end - start);
	buf_putc(low, '\0');
	i = start;
	c = utf8_next(d->text, end, &i);
	if (utf8_isupper(c) || utf8proc_category(c) == UTF8PROC_CATEGORY_LT)
		flags |= TF_UPPER;
	for (i = start; i < end;) {
		c = utf8_next(d->text, end, &i);
		if (utf8_isupper(c))
			nu++;
		else if (utf8_islower(c))
			nl++;
	}
	if (nu >= 2 && nl == 0)
		flags |= TF_ALLCAPS;
	t->flags = (unsigned char)flags;
	if (kind == TK_NUM) {
		for (i = start; i < end && is_digit((unsigned char)d->text[i]); i++) {
			if (t->ndigits < 9)
				t->num = t->num * 10 + (d->text[i] - '0');
			if (t->ndigits < 255)
				t->ndigits++;
		}
	}
}

void
doc_tokenize(struct doc *d, const char *text, size_t len, const size_t *sent,
    size_t nsent)
{
	struct buf low = {0};
	size_t cap = 0, i = 0, j, si = 0;
	int flags = TF_SENT | TF_NEWLINE;
	int32_t c;

	memset(d, 0, sizeof *d);
	d->text = text;
	d->len = len;
	while (i < len) {
		c = peek(text, len, i, &j);
		if (c == '\n' || c == '\r' || c == 0x2029) {
			flags |= TF_SPACE | TF_NEWLINE;
			if (!sent)
				flags |= TF_SENT;
			i = j;
			continue;
		}
		if (utf8_isspace(c) || c == 0xAD || c == 0x200B) {
			flags |= TF_SPACE;
			i = j;
			continue;
		}
		if (sent) {
			while (si < nsent && sent[si] < i)
				si++;
			if (si < nsent && sent[si] <= i) {
				flags |= TF_SENT;
				si++;
			}
		}
		if (is_digit(c)) {
			j = scan_number(text, len, i);
			add_token(d, &cap, &low, i, j, TK_NUM, flags);
		} else if (is_letter(c)) {
			j = scan_word(text, len, i);
			add_token(d, &cap, &low, i, j, TK_WORD, flags);
		} else {
			add_token(d, &cap, &low, i, j, TK_PUNCT, flags);
		}
		flags = 0;
		if (!sent && (c == '.' || c == '!' || c == '?'))
			flags = TF_SENT;
		else if (!sent && d->ntok >= 2 && (c == '"' || c == 0x201D ||
		    c == ')') && d->tok[d->ntok - 2].kind == TK_PUNCT &&
		    strchr(".!?", text[d->tok[d->ntok - 2].start]))
			flags = TF_SENT;
		i = j;
	}
	d->lower = low.p ? low.p : xstrdup("");
	d->lowerlen = low.len;
	/* "Mr. Smith": an abbreviation's dot does not start a sentence */
	if (!sent) {
		for (i = 1; i + 1 < d->ntok; i++) {
			struct token *p = &d->tok[i];
			if (p->kind != TK_PUNCT || text[p->start] != '.' ||
			    !(d->tok[i + 1].flags & TF_SENT) ||
			    (d->tok[i + 1].flags & TF_NEWLINE))
				continue;
			if (d->tok[i - 1].kind == TK_WORD &&
			    (tok_len(d, i - 1) == 1 || tok_is(d, i - 1, "st") ||
			    tok_is(d, i - 1, "mt") || tok_is(d, i - 1, "ft") ||
			    tok_is(d, i - 1, "jr") || tok_is(d, i - 1, "sr") ||
			    tok_is(d, i - 1, "vs") || tok_is(d, i - 1, "no") ||
			    gaz_find(tok_low(d, i - 1), G_TITLE, NULL) ||
			    gaz_find(tok_low(d, i - 1), G_MONTH_ABBR, NULL)))
				d->tok[i + 1].flags &= ~TF_SENT;
		}
	}
}

void
doc_free(struct doc *d)
{
	free(d->tok);
	free(d->lower);
	memset(d, 0, sizeof *d);
}

size_t
tok_len(const struct doc *d, size_t i)
{
	return d->tok[i].end - d->tok[i].start;
}

int
tok_is(const struct doc *d, size_t i, const char *lower)
{
	return i < d->ntok && strcmp(tok_low(d, i), lower) == 0;
}

int
tok_adjacent(const struct doc *d, size_t i)
{
	return i + 1 < d->ntok && !(d->tok[i + 1].flags & TF_SPACE);
}
