/*
 * segment.c: sentence boundaries in one pass over the bytes of a text.
 *
 * The text is cut into paragraphs at line breaks (at blank lines when the
 * text is wrapped; not inside running text). A paragraph may open with a
 * dateline. Inside a paragraph the scanner skips ordinary bytes through a
 * byte-class table and stops only at terminators (. ! ? and the lead
 * bytes of their Unicode forms: … 。 ！ । ؟ ...), at ':' (for "://", mail
 * stamps and the Armenian full stop), ';' (the Greek question mark),
 * quotes and brackets (to note that the sentence has some), and at the
 * lead bytes of Unicode white space; at white space too in a list
 * paragraph ("1. ... 2. ..."), where each token is checked for the next
 * list marker. At a terminator it takes the whole run ("?!",
 * "...", ". . . ."), the closing quotes, brackets and citation marks
 * after it and the white space after those, and decides from the word
 * before the run (found by looking back from it) and the first word after
 * it.
 *
 * Every look back or ahead is bounded (WORD_LOOK, 48 or 80 bytes) or
 * moves the scan forward past what it looked at; the ones that are
 * neither are cached: is this token a URL or an e-mail address (per
 * token), the quote state of the sentence (scanned once per sentence),
 * where the next closer of each kind is (queries only move forward). So
 * the time is linear in the text whatever it holds: megabytes of periods,
 * of letters without a space, of ')', '(' or quotes, or "://".
 */
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "utf8.h"
#include "split.h"

/* How far a word before or after a terminator is looked at: longer words
 * are never abbreviations, numbers or sentence starters that matter. */
#define WORD_LOOK 64

enum { B_OTHER = 0, B_SPACE, B_TERM, B_HIGH, B_COLON, B_SEMI, B_QUOTE };

/*
 * Quotes and brackets tracked inside a sentence: a terminator inside a
 * pair that closes later in the paragraph does not end the sentence
 * ("He said "Stop. Go home." Then", "(see p. 5. It is there.) and").
 */
enum { Q_PAREN, Q_BRACK, Q_DQ, Q_CURLY, Q_LOW, Q_GUIL, Q_CJK, NQ };

/* A pair whose closer is further than this many bytes after the
 * terminator is taken as unbalanced or as a long quotation of several
 * sentences, which news text splits. Measured on UD en_ewt, de_gsd and
 * ru_gsd: 60 and 120 bytes best on ru_gsd, 200 or more no better on en_ewt
 * and the Golden Rules. (-DQUOTE_SPAN=N measures another.) */
#ifndef QUOTE_SPAN
#define QUOTE_SPAN 120
#endif

/* Quoted speech introduced by a colon and closed by the closer and the
 * sentence's full stop ("said: «Stop. Go home»." in the languages that
 * put the stop outside, Armenian "ասում էր. «...»։") is one sentence,
 * however many sentences the speech holds, up to this many bytes after
 * a terminator inside it: a paragraph of speech, not a runaway quote.
 * The one such case in the Golden Rules (sentencex hy) runs 700 bytes;
 * with 1000, UD en_ewt, de_gsd and ru_gsd are split exactly as without
 * the rule (outputs compared, issue 5 follow-up). */
#define SPEECH_SPAN 1000

/* Kinds of terminator characters. */
enum { T_NONE = 0, T_DOT, T_EXQ, T_ELL, T_CJK, T_STRONG };

static unsigned char bclass[256];
/* The same without white space: outside list paragraphs the scan need
 * not stop at spaces (words are found by looking back from a period). */
static unsigned char bstop[256];

static void
init_classes(void)
{
	if (bclass['.'] == B_TERM)
		return;
	bclass[' '] = bclass['\t'] = bclass['\n'] = bclass['\r'] = B_SPACE;
	bclass['\v'] = bclass['\f'] = B_SPACE;
	/* lead bytes of the white space and terminators outside ASCII */
	bclass[0xC2] = bclass[0xD6] = bclass[0xD8] = bclass[0xDB] = B_HIGH;
	bclass[0xE0] = bclass[0xE1] = bclass[0xE2] = bclass[0xE3] = B_HIGH;
	bclass[0xEF] = B_HIGH;
	bclass['!'] = bclass['?'] = B_TERM;
	bclass[':'] = B_COLON;	/* "://" */
	bclass[';'] = B_SEMI;	/* the Greek question mark */
	/* the scan notes where quotes are, so that sentences without any
	 * are not scanned again for them */
	bclass['('] = bclass[')'] = bclass['['] = bclass[']'] = B_QUOTE;
	bclass['"'] = B_QUOTE;
	memcpy(bstop, bclass, sizeof bstop);
	bstop[' '] = bstop['\t'] = bstop['\n'] = bstop['\r'] = B_OTHER;
	bstop['\v'] = bstop['\f'] = B_OTHER;
	bstop['.'] = B_TERM;
	bclass['.'] = B_TERM;	/* last: it marks the tables as ready */
}

static int
term_kind(int32_t c)
{
	switch (c) {
	case '.':
		return T_DOT;
	case '!': case '?':
	case 0x203C: case 0x2047: case 0x2048: case 0x2049:	/* ‼ ⁇ ⁈ ⁉ */
		return T_EXQ;
	case 0x2026:						/* … */
		return T_ELL;
	case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF61: case 0xFF0E:
		return T_CJK;					/* 。！？｡． */
	case 0x0964: case 0x0965:				/* । ॥ */
	case 0x061F: case 0x06D4:				/* ؟ ۔ */
	case 0x0589:						/* ։ */
	case 0x1362: case 0x1367:				/* ። ፧ */
	case 0x104B:						/* ။ */
		return T_STRONG;
	}
	return T_NONE;
}

static int
is_space(int32_t c)
{
	if (c < 0x80)
		return c >= 0 && bclass[c] == B_SPACE;
	return utf8_isspace(c);
}

/* Closing quotes and brackets that stay with the sentence before them. */
static int
is_closer(int32_t c)
{
	switch (c) {
	case '"': case '\'': case ')': case ']': case '}': case '`':
	case 0x2019: case 0x201D: case 0x201C: case 0x2018:	/* ’ ” “ ‘ */
	case 0x00BB: case 0x00AB: case 0x203A: case 0x2039:	/* » « › ‹ */
	case 0x300D: case 0x300F: case 0x3011: case 0x3009: case 0x300B:
	case 0xFF09: case 0xFF3D: case 0xFF63:
		return 1;
	}
	return 0;
}

static int
is_bullet(int32_t c)
{
	switch (c) {
	case '*': case '-':
	case 0x2022: case 0x2023: case 0x2043: case 0x25CF: case 0x25AA:
	case 0x25E6: case 0x2013: case 0x2014: case 0x25A0: case 0x27A2:
		return 1;
	}
	return 0;
}

/* What may open a sentence besides a capital letter or a digit. */
static int
is_opener(int32_t c)
{
	switch (c) {
	case '"': case '\'': case '(': case '[': case '{': case '`':
	case 0x201C: case 0x2018: case 0x201E: case 0x201A:	/* “ ‘ „ ‚ */
	case 0x00AB: case 0x00BB: case 0x2039: case 0x203A:	/* « » ‹ › */
	case 0x300C: case 0x300E: case 0xFF08: case 0x3010:
	case 0x00BF: case 0x00A1:				/* ¿ ¡ */
		return 1;
	}
	return is_bullet(c);
}

static int
is_upper(int32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	return utf8_isupper(c);
}

static int
is_lower(int32_t c)
{
	if (c < 0x80)
		return c >= 'a' && c <= 'z';
	return utf8_islower(c);
}

static int
is_digit(int32_t c)
{
	if (c < 0x80)
		return c >= '0' && c <= '9';
	return utf8_isdigit(c);
}

static int
is_alpha(int32_t c)
{
	if (c < 0x80)
		return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
	return utf8_isalpha(c);
}

/* A letter of a script without case (CJK, Arabic, Hebrew, Devanagari). */
static int
is_uncased(int32_t c)
{
	return c >= 0x80 && utf8_isalpha(c) && !utf8_isupper(c) &&
	    !utf8_islower(c);
}

static int32_t
cp_at(const char *s, size_t q, size_t i, size_t *next)
{
	size_t j = i;
	int32_t c;

	if ((unsigned char)s[i] < 0x80) {
		*next = i + 1;
		return (unsigned char)s[i];
	}
	c = utf8_next(s, q, &j);
	*next = j;
	return c;
}

/* Start of the character before s[i], not before lo. */
static size_t
prev_start(const char *s, size_t lo, size_t i)
{
	size_t k = i - 1;

	while (k > lo && i - k < 4 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	return k;
}

static int32_t
cp_before(const char *s, size_t lo, size_t i)
{
	size_t k, e;

	if (i <= lo)
		return -1;
	k = prev_start(s, lo, i);
	return cp_at(s, i, k, &e);
}

/* Length of the white space character at s[i], or 0. */
static size_t
space_at(const char *s, size_t q, size_t i)
{
	unsigned char c = (unsigned char)s[i];
	size_t e;

	if (c < 0x80)
		return bclass[c] == B_SPACE;
	if (bclass[c] != B_HIGH)
		return 0;
	return is_space(cp_at(s, q, i, &e)) ? e - i : 0;
}

static size_t
skip_space(const char *s, size_t q, size_t i)
{
	size_t k;

	while (i < q && (k = space_at(s, q, i)) > 0)
		i += k;
	return i;
}

struct para {
	const struct seg_lang *L;
	const char *s;
	size_t p, q;		/* the paragraph */
	size_t sent;		/* start of the current sentence */
	size_t ti_start, ti_end;	/* token whose url flag is cached */
	int ti_url;
	int list;		/* 0, 'd' (1. 2.), 'a' (a. b.), 'A', 'b' (•) */
	size_t qseen;		/* a quote or bracket at or before, +1 */
	size_t qsent, qpos;	/* quote state of the sentence at qsent,
				 * scanned up to qpos */
	int qdepth[NQ];
	unsigned char qintro[NQ];	/* the outermost pair opened after
					 * a colon: quoted speech */
	size_t qfrom[NQ], qnext[NQ];	/* next closer at or after qfrom */
	int en;			/* English rules for mail and web text */
	long list_next;
	seg_emit_fn emit;
	void *arg;
};

static void
emit(struct para *P, size_t end)
{
	size_t b = P->sent;

	while (end > b) {
		size_t k = prev_start(P->s, b, end);
		size_t e;

		if (!is_space(cp_at(P->s, end, k, &e)))
			break;
		end = k;
	}
	if (end > b)
		P->emit(P->arg, b, end);
}

/* Whether the white-space delimited token holding s[i] is a URL or an
 * e-mail address (no sentence ends inside it). Cached per token, so each
 * token is scanned once however many periods it holds. */
static int
tok_is_url(struct para *P, size_t i)
{
	const char *s = P->s;
	size_t b = i, k, e;

	if (i >= P->ti_start && i < P->ti_end)
		return P->ti_url;
	while (b > P->p) {
		k = prev_start(s, P->p, b);
		if (is_space(cp_at(s, b, k, &e)))
			break;
		b = k;
	}
	P->ti_start = b;
	P->ti_url = P->q - b > 4 && memcmp(s + b, "www.", 4) == 0;
	for (k = b; k < P->q && !space_at(s, P->q, k); k++) {
		if (s[k] == '@' || (s[k] == ':' && k + 2 < P->q &&
		    s[k + 1] == '/' && s[k + 2] == '/'))
			P->ti_url = 1;
	}
	P->ti_end = k;
	return P->ti_url;
}

static int
is_dash(int32_t c)
{
	return c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2015;
}

/* The quote kind a byte sequence at s[k] opens or closes, as a bitmask
 * of what it can do: bit 0 opens, bit 1 closes; *kind and *len set. */
static int
quote_at(const char *s, size_t q, size_t k, int *kind, size_t *len)
{
	unsigned char c = (unsigned char)s[k], d, e;

	*len = 1;
	switch (c) {
	case '(': *kind = Q_PAREN; return 1;
	case ')': *kind = Q_PAREN; return 2;
	case '[': *kind = Q_BRACK; return 1;
	case ']': *kind = Q_BRACK; return 2;
	case '"': *kind = Q_DQ; return 3;
	case 0xC2:
		if (k + 1 >= q)
			return 0;
		*len = 2;
		*kind = Q_GUIL;
		d = (unsigned char)s[k + 1];
		return d == 0xAB ? 1 : d == 0xBB ? 2 : 0;	/* « » */
	case 0xE2:
		if (k + 2 >= q || (unsigned char)s[k + 1] != 0x80)
			return 0;
		*len = 3;
		e = (unsigned char)s[k + 2];
		if (e == 0x9C) {		/* “ opens, or closes „ */
			*kind = Q_CURLY;
			return 3;
		}
		if (e == 0x9D) {		/* ” */
			*kind = Q_CURLY;
			return 2;
		}
		if (e == 0x9E) {		/* „ */
			*kind = Q_LOW;
			return 1;
		}
		return 0;
	case 0xE3:	/* 「」『』《》〈〉, one kind: they nest properly */
		if (k + 2 >= q || (unsigned char)s[k + 1] != 0x80)
			return 0;
		*len = 3;
		*kind = Q_CJK;
		e = (unsigned char)s[k + 2];
		if (e < 0x88 || e > 0x8F)
			return 0;
		return e & 1 ? 2 : 1;
	case 0xEF:	/* （ ） */
		if (k + 2 >= q || (unsigned char)s[k + 1] != 0xBC)
			return 0;
		*len = 3;
		*kind = Q_CJK;
		e = (unsigned char)s[k + 2];
		return e == 0x88 ? 1 : e == 0x89 ? 2 : 0;
	}
	return 0;
}

/* Whether the quote opening at s[k] follows a colon (or the Armenian
 * mijaket '.', which introduces speech like a colon): "said: «". */
static int
speech_intro(struct para *P, size_t k)
{
	const char *s = P->s;
	size_t b = k;

	while (b > P->p && k - b < 4 && (s[b - 1] == ' ' ||
	    s[b - 1] == '\t'))
		b--;
	if (b == k || b == P->p)
		return 0;
	return s[b - 1] == ':' || (s[b - 1] == '.' &&
	    P->L->soft_stop == ':');
}

/* Open a quote of a kind at s[k]. */
static void
quote_open(struct para *P, int kind, size_t k)
{
	if (P->qdepth[kind] == 0)
		P->qintro[kind] = speech_intro(P, k);
	if (P->qdepth[kind] < 1000)
		P->qdepth[kind]++;
}

/* Bring the quote state of the current sentence up to s[to]. Each byte
 * is looked at once per sentence, and sentences do not overlap. */
static void
quote_scan(struct para *P, size_t to)
{
	const char *s = P->s;
	size_t k, len;
	int kind, what;

	if (P->qsent != P->sent || P->qpos < P->sent) {
		memset(P->qdepth, 0, sizeof P->qdepth);
		P->qsent = P->qpos = P->sent;
	}
	for (k = P->qpos; k < to; k += len) {
		unsigned char c = (unsigned char)s[k];

		len = 1;
		if (c < 0x80 ? bclass[c] != B_QUOTE : c != 0xC2 && c != 0xE2 &&
		    c != 0xE3 && c != 0xEF)
			continue;
		if ((what = quote_at(s, P->q, k, &kind, &len)) == 0)
			continue;
		if (kind == Q_DQ) {
			/* an ASCII '"' opens after a space or an opener */
			int32_t b = cp_before(s, P->p, k);

			if (P->qdepth[Q_DQ])
				P->qdepth[Q_DQ] = 0;
			else if (b < 0 || is_space(b) || b == '(' || b == '[')
				quote_open(P, Q_DQ, k);
		} else if (kind == Q_CURLY && what == 3) {
			/* “ closes a German „ or opens an English quote */
			if (P->qdepth[Q_LOW])
				P->qdepth[Q_LOW]--;
			else
				quote_open(P, Q_CURLY, k);
		} else if (kind == Q_CURLY && P->qdepth[Q_CURLY] == 0) {
			if (P->qdepth[Q_LOW])
				P->qdepth[Q_LOW]--;
		} else if (what == 1) {
			quote_open(P, kind, k);
		} else if (P->qdepth[kind])
			P->qdepth[kind]--;
	}
	if (to > P->qpos)
		P->qpos = to;
}

/* Whether s[k] closes a quote or bracket of this kind. */
static int
closes(const char *s, size_t q, size_t k, int kind)
{
	int kk, what;
	size_t len;

	if ((what = quote_at(s, q, k, &kk, &len)) == 0)
		return 0;
	if (kind == Q_LOW)
		return kk == Q_CURLY;
	return kk == kind && (what & 2);
}

/* The next closer of a kind at or after s[from] in the paragraph, or
 * (size_t)-1. Cached: queries come in increasing order, so each byte is
 * scanned at most once per kind. */
static size_t
next_closer(struct para *P, int kind, size_t from)
{
	size_t k;

	/* qfrom 0 is "nothing cached": from, an end of a terminator
	 * run, is never 0 */
	if (P->qfrom[kind] != 0 && from >= P->qfrom[kind] &&
	    (P->qnext[kind] == (size_t)-1 || from <= P->qnext[kind]))
		return P->qnext[kind];
	for (k = from; k < P->q && !closes(P->s, P->q, k, kind); k++)
		;
	P->qfrom[kind] = from;
	P->qnext[kind] = k < P->q ? k : (size_t)-1;
	return P->qnext[kind];
}

/*
 * Whether a sentence end at s[after] would fall inside a quote or
 * bracket of the current sentence that closes soon after and is part of
 * a longer sentence: the closer is followed by a lower-case word or by
 * ", ; : ( -" ("« LL.AA.II.RR. » pour", "[...]" (Manzoni)", "(see p. 5.
 * It is there.) and"). A quotation of whole sentences, followed by a
 * capital or the end of the paragraph, is split as usual: news quotes
 * often run several sentences, and UD en_ewt splits them.
 */
static int
in_quote(struct para *P, size_t after)
{
	const char *s = P->s;
	int kind, kk;
	size_t c, len, m, n;
	int32_t d;

	/* the common case: no quote or bracket in the sentence so far */
	if (P->qseen <= P->sent)
		return 0;
	quote_scan(P, after);
	for (kind = 0; kind < NQ; kind++) {
		if (P->qdepth[kind] == 0)
			continue;
		c = next_closer(P, kind, after);
		if (c == (size_t)-1)
			continue;
		quote_at(s, P->q, c, &kk, &len);
		/* "said: «Stop. Go home»." */
		if (P->qintro[kind] && P->qdepth[kind] == 1 &&
		    c - after <= SPEECH_SPAN && c + len < P->q &&
		    term_kind(cp_at(s, P->q, c + len, &n)) != T_NONE)
			return 1;
		if (c - after > QUOTE_SPAN)
			continue;
		m = skip_space(s, P->q, c + len);
		if (m >= P->q)
			continue;
		d = cp_at(s, P->q, m, &n);
		if (is_lower(d) || is_uncased(d) || d == ',' || d == ';' ||
		    d == ':' || d == '(' || is_dash(d))
			return 1;
		/* a short tail before the closer and the sentence's own end
		 * is no sentence: "(напр. ЯМР, КТ).", "(see p. 5)." */
		if (c - after <= 24 && term_kind(d) != T_NONE)
			return 1;
	}
	return 0;
}

struct word {
	size_t b, e;		/* bytes */
	int len;		/* code points */
	int letters, digits, dots, upper, other;
	int seg, maxseg;	/* letters since the last dot, most of them */
	int32_t first;
	int longw;		/* reached the look-back limit */
};

/* Combining marks (Mn, Mc): the vowel signs of Indic scripts are part
 * of their words ("ഡോ."). */
static int
is_mark(int32_t c)
{
	utf8proc_category_t k;

	if (c < 0x300)
		return 0;
	k = utf8proc_category(c);
	return k == UTF8PROC_CATEGORY_MN || k == UTF8PROC_CATEGORY_MC;
}

static int
word_char(int32_t c)
{
	return is_alpha(c) || is_digit(c) || is_mark(c) || c == '.' ||
	    c == '\'' ||
	    c == 0x2019 || c == 0xB0 || c == 0xBA || c == ',' || c == '&';
}

/* The word that ends at s[e]: letters, digits and inner periods, back to
 * a space, a punctuation mark, the token or sentence start, or the
 * look-back limit. */
static void
word_before(struct para *P, size_t e, struct word *w)
{
	const char *s = P->s;
	size_t lo = P->sent, b = e, n;

	memset(w, 0, sizeof *w);
	/* tokenized text: "Hello Mr . Robinson", "actress . She" */
	if (e >= lo + 2 && s[e - 1] == ' ' && s[e - 2] != ' ')
		b = --e;
	if (e > WORD_LOOK && e - WORD_LOOK > lo)
		lo = e - WORD_LOOK, w->longw = 1;
	while (b > lo) {
		size_t k = prev_start(s, lo, b), x;
		int32_t c = cp_at(s, b, k, &x);

		if (!word_char(c))
			break;
		b = k;
	}
	if (b > lo)
		w->longw = 0;
	/* commas and apostrophes only inside */
	while (b < e && (s[b] == ',' || s[b] == '.' || s[b] == '\'' ||
	    s[b] == '&'))
		b++;
	w->b = b, w->e = e;
	for (n = b; n < e; ) {
		int32_t c = cp_at(s, e, n, &n);

		if (w->len++ == 0)
			w->first = c;
		if (c == '.') {
			w->dots++;
			w->seg = 0;
		} else if (is_alpha(c) || is_mark(c)) {
			w->letters++;
			w->upper += is_upper(c);
			if (++w->seg > w->maxseg)
				w->maxseg = w->seg;
		} else if (is_digit(c))
			w->digits++;
		else if (c != ',' && c != '\'')
			w->other++;
	}
}

/* Whether the capitalised word at s[i] is a known sentence starter. */
static int
starter_at(struct para *P, size_t i)
{
	const char *s = P->s;
	size_t k = i, n;
	int32_t c;

	if (!P->L->has_starters)
		return 0;
	/* look through an opening quote */
	if (k < P->q && is_opener(c = cp_at(s, P->q, k, &n)) && !is_bullet(c))
		k = n;
	for (n = k; n < P->q && n - k < WORD_LOOK; ) {
		size_t x;

		c = cp_at(s, P->q, n, &x);
		if (!is_alpha(c) && c != '\'' && c != 0x2019)
			break;
		n = x;
	}
	if (n == k || n - k >= WORD_LOOK || !is_upper(cp_at(s, P->q, k, &i)))
		return 0;
	/* a letter and a period is an initial, not the starter "В" or "I":
	 * "А. С. Пушкин" */
	if (i == n && n < P->q && s[n] == '.')
		return 0;
	if (wordset_get(&P->L->starters, s + k, n - k) == AB_WORD)
		return 1;
	/* "He's", "It's": the word before the apostrophe */
	for (i = k; i < n && s[i] != '\'' && (unsigned char)s[i] != 0xE2; i++)
		;
	return i < n && wordset_get(&P->L->starters, s + k, i - k) == AB_WORD;
}

/* Words that open a sentence with a comma and are no names ("Okay,
 * FIRST", "Seriously, I"): English discourse markers the starter list
 * lacks. */
static int
is_marker(const char *w, size_t n)
{
	static const char *mark[] = {
		"okay", "ok", "oh", "ah", "sure", "anyway", "anyways", "sorry",
		"please", "again", "also", "besides", "plus", "otherwise",
		"meanwhile", "instead", "finally", "first", "second", "third",
		"ps", NULL
	};
	char lw[16];
	int i;

	if (n > 3 && w[n - 2] == 'l' && w[n - 1] == 'y')
		return 1;	/* "Seriously", "Honestly", "Frankly" */
	if (fold_word(w, n, lw, sizeof lw) == (size_t)-1)
		return 0;
	for (i = 0; mark[i]; i++)
		if (strcmp(lw, mark[i]) == 0)
			return 1;
	return 0;
}

static int
is_greeting(const char *w, size_t n)
{
	static const char *greet[] = {
		"hi", "hello", "dear", "hey", "thanks", "regards", "best",
		"cheers", "sincerely", "greetings", "yours", "love", NULL
	};
	char lw[16];
	int i;

	if (fold_word(w, n, lw, sizeof lw) == (size_t)-1)
		return 0;
	for (i = 0; greet[i]; i++)
		if (strcmp(lw, greet[i]) == 0)
			return 1;
	return 0;
}

/*
 * Mail and web text open sentences with a salutation or a heading that
 * has no terminator: "Hi Sara, Thanks for ...", "Best regards, Al",
 * "Vince: I just wanted ...", "Job Title: Attorney". Looks at most four
 * words (48 bytes) from the start of the sentence: a comma after a
 * greeting, or a colon after words that are all capitalised,
 * before a capital, ends the sentence. Returns where the scan goes on.
 * English only. Measured on UD en_ewt (mail and web text): +19 sentence
 * ends found, 5 false ones ("Email: Roving Mouse").
 */
static size_t
opening(struct para *P)
{
	const char *s = P->s;
	size_t q = P->q, k = P->sent, n, b, x, fb = 0, fe = 0;
	int words = 0, greet = 0, caps = 1;
	int32_t c = -1;

	/* English only: German capitalises every noun ("Mein Fazit:") */
	if (!P->en)
		return P->sent;
	/* the cheap test first: a comma or colon in the first 48 bytes */
	n = q - k < 48 ? q - k : 48;
	if (memchr(s + k, ',', n) == NULL && memchr(s + k, ':', n) == NULL)
		return P->sent;
	while (k < q && k - P->sent < 48 && words < 4) {
		for (b = k; k < q && (is_alpha(c = cp_at(s, q, k, &n)) ||
		    c == '\'' || c == 0x2019 || c == '-'); k = n)
			;
		if (k == b || k >= q)
			return P->sent;
		if (words++ == 0)
			fb = b, fe = k;	/* the first word */
		caps &= is_upper(cp_at(s, q, b, &x));
		if (c == '.') {
			/* "Dear Mr. Lavorato:" */
			if (wordset_get(&P->L->abbrev, s + b, k - b) != AB_PRE)
				return P->sent;
			k = n;
			if (k >= q)
				return P->sent;
			c = cp_at(s, q, k, &n);
		}
		if (c == ',' || c == ':') {
			size_t m = skip_space(s, q, n);

			if (m == n || m >= q || !is_upper(cp_at(s, q, m, &x)))
				return P->sent;
			greet = is_greeting(s + fb, fe - fb);
			/* "Daren, I was wondering", "Kristen, Attached are":
			 * a name (one capitalised word that does not usually
			 * open a sentence, unlike "Today, I") before a
			 * sentence starter is a salutation. UD en_ewt, with
			 * mail_stamp(): +22 sentence ends together. */
			if (c == ',' && words == 1 && !greet && k - b >= 2 &&
			    is_upper(cp_at(s, q, b, &x)) && !is_marker(s + b,
			    k - b) &&
			    wordset_get(&P->L->starters, s + b, k - b) !=
			    AB_WORD &&
			    wordset_get(&P->L->abbrev, s + b, k - b) ==
			    AB_NONE && starter_at(P, m))
				greet = 1;
			if ((c == ',' && greet) || (c == ':' && (greet || caps))) {
				emit(P, n);
				P->sent = m;
			}
			return P->sent;
		}
		if (!is_space(c))
			return P->sent;
		k = skip_space(s, q, k);
	}
	return P->sent;
}

/* A list marker at s[i]: optional bullets, then "12." "12)" "12.)" "b."
 * "b)" and white space. Returns the kind ('d', 'a', 'A', 'b' for a bare
 * bullet) and sets *val; 0 if there is none. */
static int
marker_at(struct para *P, size_t i, long *val)
{
	const char *s = P->s;
	size_t q = P->q, n = i, k;
	int32_t c;
	int bullet = 0, kind;
	long v = 0;

	while (n < q && n - i < 16 && is_bullet(c = cp_at(s, q, n, &k)) &&
	    c != '-')
		n = k, bullet = 1;
	n = skip_space(s, q, n);
	if (n >= q)
		return 0;
	if (s[n] >= '0' && s[n] <= '9') {
		for (k = n; k < q && k - n < 3 && s[k] >= '0' && s[k] <= '9'; k++)
			v = v * 10 + (s[k] - '0');
		if (k < q && s[k] >= '0' && s[k] <= '9')
			return 0;
		kind = 'd';
	} else if ((s[n] >= 'a' && s[n] <= 'z') ||
	    (s[n] >= 'A' && s[n] <= 'Z')) {
		v = s[n];
		kind = s[n] >= 'a' ? 'a' : 'A';
		k = n + 1;
	} else {
		if (!bullet)
			return 0;
		*val = 0;
		return 'b';
	}
	if (k < q && s[k] == '.')
		k++;
	else if (k >= q || s[k] != ')') {	/* "12)" "b)" */
		if (!bullet)
			return 0;
		*val = 0;
		return 'b';
	}
	if (k < q && s[k] == ')')
		k++;
	if (k < q && !space_at(s, q, k))
		return bullet ? (*val = 0, 'b') : 0;
	*val = v;
	return kind;
}

static void
list_start(struct para *P)
{
	long v;

	P->list = marker_at(P, P->sent, &v);
	P->list_next = v + 1;
}

/* At the start of a token inside a list paragraph: the next marker
 * begins a new sentence even when the item before has no terminator. */
static void
list_check(struct para *P, size_t i)
{
	long v;
	int kind;
	unsigned char c = (unsigned char)P->s[i];

	if (c < 0x80 && !(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'z') &&
	    !(c >= 'A' && c <= 'Z') && c != '*')
		return;
	kind = marker_at(P, i, &v);
	if (kind == 0)
		return;
	if (P->list == 'b') {
		/* "• item • item", "• 9. item • 10. item": bullets lead */
		size_t n;

		if (!is_bullet(cp_at(P->s, P->q, i, &n)))
			return;
	} else if (kind != P->list || v != P->list_next)
		return;
	if (P->sent < i) {
		emit(P, i);
		P->sent = i;
	}
	P->list_next++;
}

/* Whether the word is the first of its sentence apart from bullets. */
static int
first_word(struct para *P, const struct word *w)
{
	size_t k, n;

	if (w->b - P->sent > 16)
		return 0;
	for (k = P->sent; k < w->b; k = n) {
		int32_t c = cp_at(P->s, w->b, k, &n);

		if (!is_bullet(c) && !is_space(c) && !is_opener(c))
			return 0;
	}
	return 1;
}

static int
is_number(const struct word *w)
{
	return w->digits > 0 && w->letters == 0 && w->other == 0 &&
	    !w->longw;
}

/* Emoji and other symbols (So, Sk, Sm) from the arrows on; not the
 * letterlike symbols ("№ 70", "™"). */
static int
is_symbol(int32_t c)
{
	return c >= 0x2190 && !utf8_isalpha(c) && !utf8_isdigit(c) &&
	    !utf8_isspace(c) && !utf8_ispunct(c) && term_kind(c) == T_NONE &&
	    !is_closer(c) && !is_opener(c);
}

/* Next sentence could start with c (after white space). */
static int
opens(int32_t c)
{
	return is_upper(c) || is_digit(c) || is_opener(c) || is_uncased(c) ||
	    is_symbol(c);
}

/*
 * A single period with no space after it: "world.Today" and
 * "1,000.That" end a sentence; "U.S.A", "3.14", "example.com",
 * "Jane.Doe@example.com" and "Jr.'s" do not.
 */
static int
glued(struct para *P, const struct word *w, size_t i, int no_closer, size_t m)
{
	const char *s = P->s;
	size_t n, k;
	int32_t nx, l1, l2;

	if (!no_closer || w->longw || w->dots > 0 || w->len == 0)
		return 0;
	nx = cp_at(s, P->q, m, &n);
	if (!is_upper(nx) || n >= P->q)
		return 0;
	/* a capitalised word, "I dag" (a one-letter word) or a Roman
	 * numeral ("жағдайы.XVIII ғасырдың") */
	if (!is_lower(cp_at(s, P->q, n, &k)) && !space_at(s, P->q, n)) {
		for (k = m; k < P->q && s[k] != '\0' &&
		    strchr("IVXLCDM", s[k]) != NULL; k++)
			;
		if (k == m || k - m > 6 || k >= P->q || !space_at(s, P->q, k))
			return 0;
	}
	if (tok_is_url(P, i))
		return 0;
	if (is_number(w))
		return 1;
	l1 = cp_before(s, w->b, i);
	l2 = w->len >= 2 ? cp_before(s, w->b, prev_start(s, w->b, i)) : -1;
	return is_lower(l1) && is_lower(l2) &&
	    wordset_get(&P->L->abbrev, s + w->b, w->e - w->b) == AB_NONE;
}

/* After a number: "$100.00. It is", but "am 3. Oktober" in languages
 * that write ordinals with a period. */
static int
after_number(struct para *P, const struct word *w, size_t m)
{
	if (P->L->ordinals && w->len <= 3 && w->dots == 0)
		return starter_at(P, m);
	return 1;
}

/* Whether a number and one space come just before the word. */
static int
after_digit(struct para *P, const struct word *w)
{
	const char *s = P->s;

	return w->b >= P->sent + 2 && s[w->b - 1] == ' ' &&
	    s[w->b - 2] >= '0' && s[w->b - 2] <= '9';
}

/*
 * Web and mail text often starts sentences in lower case ("good here.
 * hopefully she ..."). A period after an ordinary word of two letters or
 * more, with no quote or bracket closing after it, ends the sentence
 * even then; after an abbreviation ("Co. at noon", "etc. and"), an
 * initial, a number or "U.S.A." it does not. Measured on UD en_ewt.
 */
static int
plain_word(struct para *P, const struct word *w)
{
	if (w->longw || w->len < 2 || w->dots > 0 || w->digits > 0 ||
	    w->other > 0 || w->letters != w->len)
		return 0;
	/* units after a number ("5 lb. of flour", "8 proc. daugiau") and short
	 * words in capitals ("Drive NE. for") are abbreviations */
	if ((w->len <= 4 && after_digit(P, w)) ||
	    (w->len <= 3 && w->upper == w->len))
		return 0;
	return wordset_get(&P->L->abbrev, P->s + w->b, w->e - w->b) ==
	    AB_NONE;
}

/* "Yahoo! in the accounting department": a single "!" or "?" after a
 * capitalised word that does not open the sentence names something. */
static int
proper_noun(struct para *P, size_t i)
{
	struct word w;

	word_before(P, i, &w);
	return w.len >= 2 && w.letters == w.len && is_upper(w.first) &&
	    w.upper < w.len && !first_word(P, &w);
}

/* A dash, white space and a lower-case word at s[m]: the words of the
 * speaker after a quoted question or exclamation ("Что? — спросил он.",
 * "бар? — деді.", "отырғаным! - деп"). */
static int
speech_tag(struct para *P, size_t m)
{
	const char *s = P->s;
	size_t n, k;

	cp_at(s, P->q, m, &n);
	k = skip_space(s, P->q, n);
	return k > n && k < P->q && is_lower(cp_at(s, P->q, k, &n));
}

/* Titles in Latin letters that any language borrows ("ഇത് Dr. മോഹനൻ"),
 * for languages whose list lacks them. */
static int
latin_title(const char *w, size_t n)
{
	char lw[8];

	if (n < 2 || n > 4 || (w[0] | 0x20) < 'd' || !strchr("dmp", w[0] | 0x20) ||
	    fold_word(w, n, lw, sizeof lw) == (size_t)-1)
		return 0;
	return !strcmp(lw, "dr") || !strcmp(lw, "mr") || !strcmp(lw, "mrs") ||
	    !strcmp(lw, "prof");
}

/* A Roman numeral in capitals: "XII." is an ordinal in the languages
 * that write ordinals with a period ("príslušníkov XII. Pluku"). */
static int
roman(const struct word *w, const char *s)
{
	size_t k;

	if (w->len == 0 || w->len > 6 || w->letters != w->len)
		return 0;
	for (k = w->b; k < w->e; k++)
		if (s[k] == '\0' || strchr("IVXLCDM", s[k]) == NULL)
			return 0;
	return 1;
}

/*
 * A single period, white space, then something that could open a
 * sentence (not a lower-case letter). Decide from the word before.
 */
static int
period(struct para *P, const struct word *w, int32_t nx, size_t m)
{
	const char *s = P->s;
	int cls = AB_NONE;
	char lw[8];

	if (w->len == 0)
		return 1;
	if ((w->len <= 3 && is_number(w) && w->dots == 0) ||
	    (w->len == 1 && w->letters == 1)) {
		if (first_word(P, w))
			return 0;	/* "1. The first item", "a. The" */
		if (w->letters == 0)
			return after_number(P, w, m);
		/* initials: "J. R. R. Tolkien", "Albert I. Jones",
		 * "p. 55", but "you and I. Did you" */
		return !is_digit(nx) && starter_at(P, m);
	}
	if (!w->longw && w->len < WORD_LOOK)
		cls = wordset_get(&P->L->abbrev, s + w->b, w->e - w->b);
	/* "N°. 1026", "Nº. 5": a number sign before a number */
	if (is_digit(nx) && w->len <= 3 && w->letters >= 1 && w->other > 0 &&
	    w->digits == 0)
		return 0;
	if (cls == AB_NONE && latin_title(s + w->b, w->e - w->b))
		cls = AB_PRE;
	if (cls == AB_NONE && P->L->ordinals && w->len >= 2 && roman(w, s))
		return after_number(P, w, m);
	if (cls == AB_NONE && w->dots > 0 && w->other == 0 &&
	    w->digits == 0 && w->maxseg <= 2) {
		/* U.S, e.g, Ph.D; but an era after a year ends a sentence
		 * before a capital: "founded in 753 B.C. Augustus" */
		if (after_digit(P, w) && w->upper == w->letters && is_upper(nx))
			return 1;
		/* "Л.Н. Толстой", "J.R.R. Tolkien": initials */
		if (w->maxseg == 1 && w->upper == w->letters)
			return !is_digit(nx) && starter_at(P, m);
		cls = AB_ORD;
	}
	if (cls == AB_NUM && !is_digit(nx))
		cls = AB_NONE;
	if (cls == AB_PRE || cls == AB_NUM)
		return 0;
	if (cls == AB_ORD) {
		if (fold_word(s + w->b, w->e - w->b, lw, sizeof lw) == 3 &&
		    (!strcmp(lw, "a.m") || !strcmp(lw, "p.m")) && is_digit(nx))
			return 1;	/* "before 7 p.m. 7 a.m. is" */
		if (is_digit(nx) || is_uncased(nx))
			return 0;	/* "ዓ.ም. ሻርጌ": no capital to tell */
		/* pragmatic_segmenter's convention: upper-case P.M. before
		 * a capital ends the sentence, lower-case a.m. needs a
		 * sentence starter like any abbreviation */
		if (is_upper(w->first) && is_upper(nx) &&
		    fold_word(s + w->b, w->e - w->b, lw, sizeof lw) == 3 &&
		    (!strcmp(lw, "a.m") || !strcmp(lw, "p.m")))
			return 1;
		/* without a full list of starters (ru, uk, lt) a capital
		 * after an abbreviation opens a sentence: "96 млн руб. Мост" */
		if (!P->L->has_starters || P->L->weak_starters)
			return 1;
		return (is_opener(nx) && !is_bullet(nx)) || starter_at(P, m);
	}
	if (is_number(w))
		return after_number(P, w, m);
	return 1;
}

/* End of a citation mark "[12]" or "[a]" at s[i], or i. */
static size_t
citation(const char *s, size_t q, size_t i)
{
	size_t k = i + 1;

	while (k < q && k - i <= 4 && ((s[k] >= '0' && s[k] <= '9') ||
	    (s[k] >= 'a' && s[k] <= 'z')))
		k++;
	return k > i + 1 && k < q && s[k] == ']' ? k + 1 : i;
}

/*
 * A terminator run starts at s[i]: decide, emit the sentence if it ends
 * here, and return where the scan goes on.
 */
static size_t
terminator(struct para *P, size_t i)
{
	const char *s = P->s;
	size_t q = P->q, j = i, run_end = i, first_end = 0, after, m, n;
	int ndots = 0, nell = 0, nexq = 0, strong = 0, spaced = 0, ncjk = 0;
	int attached, bracketed, brk = 0, last_exq = 0;
	int32_t c, prev, nx;
	struct word w;

	/* the run: terminators, and spaced dots of an ellipsis ". . ." */
	while (j < q) {
		int k;

		c = cp_at(s, q, j, &n);
		k = term_kind(c);
		if (k == T_NONE) {
			if (c == ' ' && (ndots || nell) && !nexq && !strong &&
			    n < q && s[n] == '.' && (n + 1 >= q ||
			    strchr(" .\"')]", s[n + 1]) != NULL ||
			    (unsigned char)s[n + 1] >= 0x80)) {
				spaced = 1;
				j = n;
				continue;
			}
			break;
		}
		last_exq = k == T_EXQ;
		if (k == T_DOT)
			ndots++;
		else if (k == T_ELL)
			nell++;
		else if (k == T_EXQ)
			nexq++;
		else
			strong++, ncjk += k == T_CJK;
		j = run_end = n;
		if (first_end == 0)
			first_end = n;
	}
	prev = cp_before(s, P->p, i);
	attached = prev >= 0 && !is_space(prev);
	bracketed = prev == '[' || prev == '(';

	/* closing quotes and brackets stay with the sentence */
	for (after = run_end; after < q; after = n) {
		c = cp_at(s, q, after, &n);
		if (!is_closer(c))
			break;
	}
	/* and so does a French closing guillemet after a space, "« Oui. »",
	 * when a quote is open */
	if (after == run_end && after + 1 < q && (s[after] == ' ' ||
	    (unsigned char)s[after] == 0xC2)) {
		size_t k = skip_space(s, q, after), e;

		if (k - after <= 3 && k < q && ((c = cp_at(s, q, k, &e)) ==
		    0xBB || c == 0x201D)) {
			quote_scan(P, after);
			if (P->qdepth[c == 0xBB ? Q_GUIL : Q_CURLY] > 0)
				after = e;
		}
	}
	/* Wikipedia's citation marks stay too: "martyr.[1] The", "gas. [1][2]
	 * It" */
	while ((m = skip_space(s, q, after)) < q && s[m] == '[' &&
	    (n = citation(s, q, m)) > m)
		after = n;
	if (m >= q)
		return q;	/* the paragraph's end ends the sentence */
	nx = cp_at(s, q, m, &n);

	if (strong == 1 && ncjk == 1 && run_end - i == 3 &&
	    (unsigned char)s[i + 2] == 0x8E && is_digit(prev) && is_digit(nx) &&
	    m == after) {
		brk = 0;	/* a full-width decimal point: "３．２９" */
	} else if (strong) {
		brk = 1;	/* 。 ！ । ؟ and the like always end one */
	} else if (bracketed && (ndots + nell > 1 || nexq)) {
		brk = 0;	/* [...] (!) (?) */
	} else if (nexq) {
		if (m == after)
			/* "bad?what's your opinion?" but not "?q=a" */
			brk = (is_upper(nx) || (is_lower(nx) && nexq == 1 &&
			    ndots == 0 && s[i] == '?' && after == run_end &&
			    is_alpha(prev))) && !tok_is_url(P, i);
		else if (is_lower(nx))
			/* "bet? really", "gift...?? i always", but "Happy!...
			 * no one", "Yahoo! in"; English web text only: "кім?
			 * не?" */
			brk = P->en && after == run_end && last_exq &&
			    !(nexq == 1 && ndots == 0 && proper_noun(P, i));
		else if (is_dash(nx) && speech_tag(P, m))
			brk = 0;	/* "Что? — спросил он." */
		else
			brk = opens(nx);
	} else if (ndots == 1 && nell == 0) {
		word_before(P, i, &w);
		if (m == after)
			brk = glued(P, &w, i, after == run_end, m);
		else if (is_lower(nx))
			/* "pleased. i was", and "did great job . i was";
			 * not where '.' is no full stop ("եմ. սեր" in
			 * Armenian, which ends sentences with ':') */
			brk = P->L->soft_stop != ':' && after == run_end &&
			    plain_word(P, &w);
		else if (!opens(nx))
			brk = 0;
		else if (P->L->soft_stop == ':' && is_opener(nx) &&
		    !is_bullet(nx))
			/* the Armenian mijaket introduces speech like a
			 * colon: "ասում էր. «Նա" */
			brk = 0;
		else
			brk = period(P, &w, nx, m);
	} else {
		/* ellipsis: "...", "…", ". . .", "...." */
		int total = ndots + 3 * nell;

		if (m == after || is_lower(nx) || !opens(nx))
			brk = 0;
		else if (!attached && total <= 3)
			brk = 0;	/* "the thing is . . . I didn't" */
		else if (attached && spaced && ndots >= 4 && nell == 0 &&
		    s[first_end] == ' ') {
			/* "compounds. . . . The practice": the period ends
			 * the sentence, the ellipsis opens the next */
			emit(P, first_end);
			P->sent = skip_space(s, q, first_end);
			return P->sent;
		} else
			brk = 1;
	}
	if (brk && strong == ncjk && in_quote(P, after))
		brk = 0;
	if (!brk)
		return after;
	if (is_symbol(nx)) {
		/* "Дети рады! 😀 Всё.": trailing emoji stay with the
		 * sentence when a sentence opens after them */
		size_t k = m, e;
		int32_t c2;

		while (k < q && k - m < WORD_LOOK &&
		    (is_symbol(c2 = cp_at(s, q, k, &e)) || is_space(c2)))
			k = e;
		if (k < q && k - m < WORD_LOOK && !is_symbol(c2 = cp_at(s, q, k,
		    &e)) && opens(c2) && !is_lower(c2)) {
			after = m;
			while (after < k && is_symbol(cp_at(s, q, after, &e)))
				after = e;
			m = skip_space(s, q, after);
		}
	}
	emit(P, after);
	P->sent = m;
	if (P->list)
		list_check(P, m);
	return opening(P);
}

static size_t soft_stop(struct para *, size_t);

static int
digits_at(const char *s, size_t i, int n)
{
	while (n-- > 0)
		if (s[i] < '0' || s[i++] > '9')
			return 0;
	return 1;
}

/*
 * The time of a mail header stamp at s[i] (the ':' of "06/02/2001 10:53
 * AM"), as forwarded mail writes above each message: the stamp stands as
 * a sentence of its own, apart from the sender's name before it and the
 * message after it. English only (UD en_ewt mail, with the salutation
 * names in opening(): +22 sentence ends together).
 * Returns where the scan goes on, or 0 if there is no stamp.
 */
static size_t
mail_stamp(struct para *P, size_t i)
{
	const char *s = P->s;
	size_t q = P->q, d, e, m, n;

	if (!P->en || i < P->p + 13 || i + 5 >= q || !digits_at(s, i - 2, 2) ||
	    !digits_at(s, i + 1, 2) || s[i - 3] != ' ' || s[i + 3] != ' ' ||
	    (s[i + 4] != 'A' && s[i + 4] != 'P') || s[i + 5] != 'M')
		return 0;
	d = i - 13;
	if (!digits_at(s, d, 2) || s[d + 2] != '/' || !digits_at(s, d + 3, 2) ||
	    s[d + 5] != '/' || !digits_at(s, d + 6, 4))
		return 0;
	if (d > P->p && !space_at(s, q, d - 1))
		return 0;
	e = i + 6;
	if (e < q && !space_at(s, q, e))
		return 0;
	if (d > P->sent) {
		emit(P, d);
		P->sent = d;
	}
	m = skip_space(s, q, e);
	if (m >= q)
		return q;
	if (!opens(cp_at(s, q, m, &n)))
		return e;
	emit(P, e);
	P->sent = m;
	return opening(P);
}

/*
 * An emoticon at s[i] (':' or ';' then an optional '-' and a mouth),
 * standing alone: in web text it often closes a sentence, "wie immer :)
 * Also für ...", "all the fish :) Here is", so one before a capital ends
 * it. Returns where the scan goes on.
 */
static size_t
emoticon(struct para *P, size_t i)
{
	const char *s = P->s;
	size_t q = P->q, e = i + 1, m, n;

	if (i > P->p && !space_at(s, q, i - 1))
		return i + 1;
	if (e < q && s[e] == '-')
		e++;
	if (e >= q || !strchr(")(DPp]", s[e]) || s[e] == '\0')
		return i + 1;
	for (e++; e < q && s[e] == s[e - 1]; e++)	/* ":-)))" */
		;
	if (e >= q || !space_at(s, q, e))
		return i + 1;
	m = skip_space(s, q, e);
	if (m >= q || !is_upper(cp_at(s, q, m, &n)))
		return e;
	emit(P, e);
	P->sent = m;
	return opening(P);
}

/*
 * "://" at s[i]: the URL runs to the next white space, and no sentence
 * ends inside it. In English web text a URL often closes a sentence
 * without a period: "... look-at-slogans.htm Unique Selling ...", so one
 * before a capital ends it (not in German, which capitalises nouns).
 * Returns where the scan goes on: after the URL, or at a terminator at
 * its end ("see https://example.com/a. Next"), handled as usual.
 */
static size_t
url(struct para *P, size_t i)
{
	const char *s = P->s;
	size_t q = P->q, e, t, m, n;

	if (i > P->p && s[i - 1] >= '0' && s[i - 1] <= '9' &&
	    (e = mail_stamp(P, i)) != 0)
		return e;
	if (i + 2 >= q || s[i + 1] != '/' || s[i + 2] != '/' || i == P->p ||
	    !is_alpha((unsigned char)s[i - 1]))
		return P->L->soft_stop == ':' ? soft_stop(P, i) :
		    emoticon(P, i);
	for (e = i + 3; e < q && !space_at(s, q, e); e++)
		;
	for (t = e; t > i + 3 && (is_closer((unsigned char)s[t - 1]) ||
	    term_kind((unsigned char)s[t - 1]) != T_NONE); t--)
		;
	for (n = t; n < e; n++)
		if (term_kind((unsigned char)s[n]) != T_NONE)
			return n;
	m = skip_space(s, q, e);
	if (m < q && P->en && is_upper(cp_at(s, q, m, &n))) {
		emit(P, e);
		P->sent = m;
		return opening(P);
	}
	return e;
}

/*
 * A news dateline opens the paragraph: "WASHINGTON --", "KYIV (Reuters)
 * -", "PARIS, Nov. 3 (AFP) —", "Kyiv (Reuters) –". A place in capitals,
 * or capitalised words before an agency in brackets; then optionally a
 * comma and a short date or region, and the agency; then a dash standing
 * alone. It is a sentence of its own, as UD en_ewt has it. A place in
 * capitals has four letters at least ("KYIV", "ROME"), so that "US - China
 * talks" and "EU - Brexit" at a paragraph's start stay whole. Looks at
 * most 80 bytes. Returns where the scan goes on.
 */
static size_t
dateline(struct para *P)
{
	const char *s = P->s;
	size_t q = P->q, k = P->sent, lim, n, e;
	int caps = 0, lower = 0, agency = 0;
	int32_t c = -1;

	lim = q - k < 80 ? q : k + 80;
	if (k >= q || !is_upper(cp_at(s, q, k, &n)))
		return P->sent;
	/* the cheap test first: most paragraphs open with a capitalised
	 * word, which is a dateline only before an agency in brackets */
	if (n < lim && is_lower(cp_at(s, q, n, &e)) &&
	    memchr(s + n, '(', lim - n) == NULL)
		return P->sent;
	/* the place: letters, spaces, "ST. LOUIS", "WINSTON-SALEM" */
	for (; k < lim; k = n) {
		c = cp_at(s, q, k, &n);
		if (is_upper(c))
			caps++;
		else if (is_lower(c))
			lower++;
		else if (c == '-' && n < q && is_alpha(cp_at(s, q, n, &e)))
			;
		else if (c != ' ' && c != '.' && c != '\'' && c != 0x2019)
			break;
	}
	if (k >= lim || (!lower && caps < 4))
		return P->sent;
	if (c == ',') {
		/* ", Nov. 3", ", England": no sentence ends in it */
		for (k = n; k < lim; k = n) {
			c = cp_at(s, q, k, &n);
			if (c == '(' || (is_dash(c) && is_space(cp_before(s,
			    P->sent, k))) || c == '!' || c == '?' || c == ',')
				break;
		}
		if (k >= lim || c == '!' || c == '?' || c == ',')
			return P->sent;
	}
	if (c == '(') {
		/* the agency: "(Reuters)", "(AP)", "(dpa)" */
		for (k = n; k < lim && s[k] != ')'; k++)
			if (s[k] == '(' || s[k] == '.' || s[k] == '\n')
				return P->sent;
		if (k >= lim || k == n)
			return P->sent;
		agency = 1;
		k = skip_space(s, q, k + 1);
		if (k >= lim)
			return P->sent;
		c = cp_at(s, q, k, &n);
	}
	/* mixed case needs the agency: "Kyiv (Reuters) -" but not "Tom -" */
	if (lower && !agency)
		return P->sent;
	if (!is_dash(c) || !is_space(cp_before(s, P->sent, k)))
		return P->sent;
	while (n < q && s[n] == '-')	/* "--" */
		n++;
	if (n >= q || !space_at(s, q, n))
		return P->sent;
	k = skip_space(s, q, n);
	if (k >= q || !opens(cp_at(s, q, k, &e)))
		return P->sent;
	emit(P, n);
	P->sent = k;
	return k;
}

/*
 * The language's soft stop (';' in Greek, ':' in Armenian) at s[i]: it
 * ends the sentence before white space and a capital. Returns where the
 * scan goes on.
 */
static size_t
soft_stop(struct para *P, size_t i)
{
	const char *s = P->s;
	size_t q = P->q, m, n;
	int32_t c;

	if (P->L->soft_stop != s[i] || i + 1 >= q || !space_at(s, q, i + 1))
		return i + 1;
	m = skip_space(s, q, i + 1);
	if (m >= q)
		return q;
	c = cp_at(s, q, m, &n);
	if (!is_upper(c) && !is_digit(c) && !(is_opener(c) && !is_bullet(c)))
		return i + 1;
	if (in_quote(P, i + 1))
		return i + 1;
	emit(P, i + 1);
	P->sent = m;
	return m;
}

/* The hot loop: most bytes are none of our business. Four at a time,
 * with the text and the table in registers. */
static size_t
skip_plain(const unsigned char *tab, const unsigned char *u, size_t i,
    size_t q)
{
	while (i + 4 <= q) {
		if (tab[u[i]] != B_OTHER)
			return i;
		if (tab[u[i + 1]] != B_OTHER)
			return i + 1;
		if (tab[u[i + 2]] != B_OTHER)
			return i + 2;
		if (tab[u[i + 3]] != B_OTHER)
			return i + 3;
		i += 4;
	}
	while (i < q && tab[u[i]] == B_OTHER)
		i++;
	return i;
}

static void
seg_para(const struct seg_lang *L, const char *s, size_t p, size_t q,
    seg_emit_fn fn, void *arg)
{
	struct para P;
	const unsigned char *tab;
	size_t i;

	p = skip_space(s, q, p);
	if (p >= q)
		return;
	memset(&P, 0, sizeof P);
	P.L = L, P.s = s, P.p = p, P.q = q;
	P.sent = p;
	P.emit = fn, P.arg = arg;
	P.en = strcmp(L->code, "en") == 0;
	list_start(&P);
	tab = P.list ? bclass : bstop;
	if (!P.list)
		dateline(&P);
	i = P.list ? p : opening(&P);
	for (;;) {
		unsigned char c;
		size_t n;
		int32_t cp;

		i = skip_plain(tab, (const unsigned char *)s, i, q);
		if (i >= q)
			break;
		c = (unsigned char)s[i];
		switch (bclass[c]) {
		case B_SPACE:
			i++;
			if (i < q && bclass[(unsigned char)s[i]] != B_OTHER)
				i = skip_space(s, q, i);
			if (P.list && i < q)
				list_check(&P, i);
			continue;
		case B_TERM:
			i = terminator(&P, i);
			continue;
		case B_COLON:
			i = url(&P, i);
			continue;
		case B_SEMI:
			i = soft_stop(&P, i);
			continue;
		case B_QUOTE:
			P.qseen = ++i;
			continue;
		}
		cp = cp_at(s, q, i, &n);
		if (is_space(cp)) {
			i = skip_space(s, q, i);
			if (P.list && i < q)
				list_check(&P, i);
		} else if (term_kind(cp) != T_NONE) {
			i = terminator(&P, i);
		} else {
			int kind;
			size_t len;

			if (quote_at(s, q, i, &kind, &len))
				P.qseen = n;
			i = n;
		}
	}
	emit(&P, q);
}

/*
 * Whether the line break at s[e] sits inside running text: the line
 * before ends in a lower-case letter or a comma, the next begins with a
 * lower-case word ("This is a sentence\ncut off in the middle", text
 * copied from PDF or hard-wrapped mail). Such a break is no paragraph
 * break, so it ends no sentence. A heading ends with a capitalised
 * word, a digit or punctuation, and a paragraph begins with a capital, a
 * digit, a quote or "iPhone".
 */
static int
soft_break(const char *s, size_t i, size_t e, size_t n)
{
	size_t k = e, m, x;
	int32_t c;
	int words;

	while (k > i && (s[k - 1] == ' ' || s[k - 1] == '\t' ||
	    s[k - 1] == '\r'))
		k--;
	if (k == i)
		return 0;
	c = cp_before(s, i, k);
	if (c != ',') {
		/* the last word in lower case: not "Heading Here" */
		while (k > i && is_alpha(cp_before(s, i, k)))
			k = prev_start(s, i, k);
		if (!is_lower(cp_at(s, e, k, &x)))
			return 0;
	}
	/* and at least three words on the line: a list without bullets
	 * has short lines ("features\ncontact manager\nevents") */
	for (words = 0, m = k; m > i && words < 3; m--)
		if (s[m - 1] == ' ' && m < k && s[m] != ' ')
			words++;
	if (words < 2)
		return 0;
	for (m = e + 1; m < n && (s[m] == ' ' || s[m] == '\t'); m++)
		;
	if (m >= n || !is_lower(cp_at(s, n, m, &x)))
		return 0;
	return x >= n || !is_upper(cp_at(s, n, x, &k));
}

void
seg_text(const struct seg_lang *L, const char *s, size_t n, int wrapped,
    seg_emit_fn fn, void *arg)
{
	size_t i = 0;

	init_classes();
	while (i < n) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - s) : n, next = e + 1, b = i;

		if (!wrapped) {
			/* each line is looked at once: from b on */
			while (e < n && soft_break(s, b, e, n)) {
				b = e + 1;
				nl = memchr(s + b, '\n', n - b);
				e = nl ? (size_t)(nl - s) : n;
				next = e + 1;
			}
		} else {
			/* only a blank line ends the paragraph */
			while (e < n) {
				size_t k = e + 1;

				while (k < n && (s[k] == ' ' || s[k] == '\t' ||
				    s[k] == '\r' || s[k] == '\f' || s[k] == '\v'))
					k++;
				if (k >= n || s[k] == '\n') {
					next = k + 1;
					break;
				}
				nl = memchr(s + k, '\n', n - k);
				e = nl ? (size_t)(nl - s) : n;
				next = e + 1;
			}
		}
		seg_para(L, s, i, e, fn, arg);
		i = next;
	}
}
