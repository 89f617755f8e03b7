/*
 * dates.c: temporal expressions (TimeML TIMEX3), recognised on tokens and
 * resolved against the document's anchor date the way a news reader
 * means them.
 *
 * The recogniser is a set of hand-written matchers tried at each token,
 * longest construction first; each returns the token index after its
 * match. A prefix ("early", "late", "mid", "the end of", "last", "next",
 * "this") is read first and applied to the match after it.
 *
 * Resolution rules (documented in newstag(1)):
 *   - a day and month without a year takes the year that puts the date
 *     nearest the anchor;
 *   - a weekday alone is the latest such day on or before the anchor
 *     (news reports the past: "on Friday" in a Saturday article is the
 *     day before), unless the words before it speak of the future
 *     ("will", "next") or it is said "last"/"next"/"this";
 *   - a month alone is in the anchor's year;
 *   - "N units ago" is the anchor minus N units, at the unit's
 *     granularity (days, ISO weeks, months, years).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "tag.h"

struct ctx {
	const struct doc *d;
	struct date anchor;
	const char *lang;
	struct timex *out;
	size_t *tokidx;		/* first token of each timex in out */
	size_t n, cap;
};

/* ---- calendar arithmetic (proleptic Gregorian) ---- */

static long
days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static struct date
civil_from_days(long z)
{
	struct date r;
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	r.y = (int)(yoe + era * 400 + (r.m <= 2));
	return r;
}

static long
dnum(struct date a)
{
	return days_from_civil(a.y, a.m, a.d);
}

static struct date
add_days(struct date a, long n)
{
	return civil_from_days(dnum(a) + n);
}

/* 1 = Monday .. 7 = Sunday */
static int
weekday(struct date a)
{
	long z = dnum(a);	/* 1970-01-01 was a Thursday */
	long w = ((z % 7) + 7 + 3) % 7;
	return (int)w + 1;
}

static void
iso_week(struct date a, int *wy, int *wn)
{
	struct date thu = add_days(a, 4 - weekday(a));
	long jan1 = days_from_civil(thu.y, 1, 1);

	*wy = thu.y;
	*wn = (int)((dnum(thu) - jan1) / 7 + 1);
}

static int
mdays(int y, int m)
{
	static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return md[m - 1];
}

static int
valid_date(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= mdays(y, m);
}

int
date_parse(const char *s, struct date *out)
{
	int y, m, d, n = 0;

	if (!s || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
		return 0;
	if (!valid_date(y, m, d))
		return 0;
	out->y = y;
	out->m = m;
	out->d = d;
	return 1;
}

/* ---- output ---- */

static struct timex *
emit(struct ctx *c, size_t t0, size_t t1, const char *type)
{
	struct timex *t;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->out = xrealloc(c->out, c->cap * sizeof *c->out);
		c->tokidx = xrealloc(c->tokidx, c->cap * sizeof *c->tokidx);
	}
	c->tokidx[c->n] = t0;
	t = &c->out[c->n++];
	memset(t, 0, sizeof *t);
	t->start = c->d->tok[t0].start;
	t->end = c->d->tok[t1 - 1].end;
	t->type = type;
	return t;
}

static void
set_day(struct timex *t, struct date a)
{
	snprintf(t->value, sizeof t->value, "%04d-%02d-%02d", a.y, a.m, a.d);
}

/* ---- token helpers ---- */

static const char *
W(const struct ctx *c, size_t i)
{
	return i < c->d->ntok ? tok_low(c->d, i) : "";
}

static int
is(const struct ctx *c, size_t i, const char *w)
{
	return strcmp(W(c, i), w) == 0;
}

static int
oneof(const char *w, const char *const *list)
{
	/* the first byte first: most words are in no list */
	for (; *list; list++)
		if (**list == *w && strcmp(w, *list) == 0)
			return 1;
	return 0;
}

/* A token that is a plain number (digits only). */
static int
plain_num(const struct ctx *c, size_t i)
{
	const struct token *t;

	if (i >= c->d->ntok)
		return 0;
	t = &c->d->tok[i];
	return t->kind == TK_NUM && (size_t)t->ndigits == t->end - t->start;
}

static int
year_at(const struct ctx *c, size_t i)
{
	const struct token *t = i < c->d->ntok ? &c->d->tok[i] : NULL;

	if (!plain_num(c, i) || t->ndigits != 4 || t->num < 1000 ||
	    t->num > 2999)
		return 0;
	return (int)t->num;
}

/* A day of the month, "16", "16th", "1st", "1er"; 0 if not. */
static int
day_at(const struct ctx *c, size_t i)
{
	static const char *const suf[] = {"", "st", "nd", "rd", "th", "er",
	    "e", "re", "º", "ª", "-го", "-е", "-oji", NULL};
	const struct token *t;

	if (i >= c->d->ntok)
		return 0;
	t = &c->d->tok[i];
	if (t->kind != TK_NUM || t->ndigits > 2 || t->num < 1 || t->num > 31)
		return 0;
	if (!oneof(tok_low(c->d, i) + t->ndigits, suf))
		return 0;
	return (int)t->num;
}

/*
 * Month name at token i: its number in *m and the tokens it takes (a
 * trailing "." of an abbreviation included). Abbreviations only count
 * when `abbr_ok`; "May" and "March" only capitalised.
 */
static int
month_at(const struct ctx *c, size_t i, int *m, int abbr_ok, int *isabbr)
{
	const struct gaz_entry *e;
	const char *w = W(c, i);

	if (i >= c->d->ntok || c->d->tok[i].kind != TK_WORD)
		return 0;
	*isabbr = 0;
	if ((e = gaz_find(w, G_MONTH, c->lang)) != NULL) {
		if ((strcmp(w, "may") == 0 || strcmp(w, "march") == 0) &&
		    !(c->d->tok[i].flags & TF_UPPER))
			return 0;
		*m = e->val;
		return 1;
	}
	if (!abbr_ok)
		return 0;
	if ((e = gaz_find(w, G_MONTH_ABBR, c->lang)) != NULL ||
	    (strcmp(w, "sept") == 0 && (e = gaz_find("sep", G_MONTH_ABBR,
	    NULL)) != NULL)) {
		*m = e->val;
		*isabbr = 1;
		if (is(c, i + 1, ".") && tok_adjacent(c->d, i))
			return 2;
		return 1;
	}
	return 0;
}

static int
weekday_at(const struct ctx *c, size_t i)
{
	const struct gaz_entry *e;

	if (i >= c->d->ntok || c->d->tok[i].kind != TK_WORD)
		return 0;
	if ((e = gaz_find(W(c, i), G_WEEKDAY, c->lang)) != NULL)
		return e->val;
	return 0;
}

/* Words up to five tokens before i speak of the future ("will meet
 * on Friday", "is scheduled for July"). */
static int
future_cue(const struct ctx *c, size_t i)
{
	static const char *const future[] = {"will", "'ll", "’ll", "next",
	    "upcoming", "scheduled", "expected", "due", "plans", "planned",
	    "until", "shall", "wird", "werden", "va", "sera", "будет",
	    "through", "till", "expect", "expects", "forecast", "forecasts",
	    "plan", "intends", "aims", NULL};
	size_t k;

	for (k = 1; k <= 5 && k <= i; k++)
		if (oneof(W(c, i - k), future))
			return 1;
	return 0;
}

/*
 * The year of month m, day d said without one, near the anchor with a
 * news reader's past bias: a day ahead counts FUTURE_WEIGHT times its
 * distance, unless words before token i speak of the future (then a day
 * behind does). "Nov. 16" in an article of 2025-11-22 is 2025-11-16,
 * "Dec. 30" in one of 2025-01-05 is 2024-12-30, and "Dec. 30" in one of
 * 2025-11-22 is still 2025-12-30 (38 days ahead against 327 behind).
 */
#ifndef FUTURE_WEIGHT
#define FUTURE_WEIGHT 3
#endif
static int
pick_year(const struct ctx *c, int m, int d, size_t i)
{
	int y, best = c->anchor.y, fut = 0;
	long a = dnum(c->anchor), bd = -1, diff, past = -1, ahead = -1;

	/* the words are read only when they can change the answer */
	for (y = c->anchor.y - 1; y <= c->anchor.y + 1; y++) {
		if (!valid_date(y, m, d))
			continue;
		diff = days_from_civil(y, m, d) - a;
		if (diff <= 0 && (past < 0 || -diff < past))
			past = -diff;
		if (diff > 0 && (ahead < 0 || diff < ahead))
			ahead = diff;
	}
	if (past >= 0 && ahead >= 0 && past < ahead * FUTURE_WEIGHT &&
	    ahead < past * FUTURE_WEIGHT)
		fut = future_cue(c, i);
	for (y = c->anchor.y - 1; y <= c->anchor.y + 1; y++) {
		if (!valid_date(y, m, d))
			continue;
		diff = days_from_civil(y, m, d) - a;
		if ((diff > 0 && !fut) || (diff < 0 && fut))
			diff *= FUTURE_WEIGHT;
		diff = labs(diff);
		if (bd < 0 || diff < bd) {
			bd = diff;
			best = y;
		}
	}
	return best;
}

/* Number words and digits: value in *v (-1 for "several", "a few": the
 * count is unknown, TimeML's X); returns tokens taken. */
static int
number_at(const struct ctx *c, size_t i, long *v)
{
	static const char *const ones[] = {"zero", "one", "two", "three",
	    "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
	    "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
	    "seventeen", "eighteen", "nineteen", NULL};
	static const char *const tens[] = {"", "", "twenty", "thirty", "forty",
	    "fifty", "sixty", "seventy", "eighty", "ninety", NULL};
	static const char *const vague[] = {"several", "many", "few", "some",
	    "recent", "numerous", "multiple", NULL};
	const char *w = W(c, i);
	const char *dash;
	int k;

	if (plain_num(c, i) && c->d->tok[i].ndigits <= 6) {
		*v = c->d->tok[i].num;
		return 1;
	}
	if (strcmp(w, "a") == 0 || strcmp(w, "an") == 0) {
		if (is(c, i + 1, "few") || is(c, i + 1, "couple")) {
			*v = strcmp(W(c, i + 1), "few") ? 2 : -1;
			return is(c, i + 2, "of") ? 3 : 2;
		}
		*v = 1;
		return 1;
	}
	if (oneof(w, vague)) {
		*v = -1;
		return 1;
	}
	for (k = 0; ones[k]; k++)
		if (strcmp(w, ones[k]) == 0) {
			*v = k;
			return 1;
		}
	for (k = 2; tens[k]; k++) {
		size_t l = strlen(tens[k]);
		if (strncmp(w, tens[k], l) != 0)
			continue;
		if (!w[l]) {
			*v = k * 10;
			return 1;
		}
		dash = w + l;
		if (*dash == '-') {
			int j;
			for (j = 1; j < 10; j++)
				if (strcmp(dash + 1, ones[j]) == 0) {
					*v = k * 10 + j;
					return 1;
				}
		}
	}
	if (strcmp(w, "hundred") == 0 || strcmp(w, "hundreds") == 0) {
		*v = strcmp(w, "hundred") ? -1 : 100;
		return 1;
	}
	return 0;
}

/* Time units: the TimeML letter and whether it is a time unit (PT...);
 * *mult scales decades and centuries to years. */
static int
unit_of(const char *w, int *timeunit, int *mult)
{
	static const struct { const char *w; char u; char t; int mult; } units[] = {
		{"second", 'S', 1, 1}, {"seconds", 'S', 1, 1},
		{"minute", 'M', 1, 1}, {"minutes", 'M', 1, 1},
		{"hour", 'H', 1, 1}, {"hours", 'H', 1, 1},
		{"day", 'D', 0, 1}, {"days", 'D', 0, 1},
		{"night", 'D', 0, 1}, {"nights", 'D', 0, 1},
		{"week", 'W', 0, 1}, {"weeks", 'W', 0, 1},
		{"fortnight", 'W', 0, 2},
		{"month", 'M', 0, 1}, {"months", 'M', 0, 1},
		{"year", 'Y', 0, 1}, {"years", 'Y', 0, 1},
		{"decade", 'Y', 0, 10}, {"decades", 'Y', 0, 10},
		{"century", 'Y', 0, 100}, {"centuries", 'Y', 0, 100},
		{NULL, 0, 0, 0},
	};
	int k;

	for (k = 0; units[k].w; k++)
		if (strcmp(w, units[k].w) == 0) {
			*timeunit = units[k].t;
			*mult = units[k].mult;
			return units[k].u;
		}
	return 0;
}

static void
set_duration(struct timex *t, long n, int u, int timeunit, int mult)
{
	if (n < 0) {
		if (mult == 10)
			snprintf(t->value, sizeof t->value, "PXDE");
		else if (mult == 100)
			snprintf(t->value, sizeof t->value, "PXCE");
		else
			snprintf(t->value, sizeof t->value, "P%sX%c",
			    timeunit ? "T" : "", u);
		return;
	}
	snprintf(t->value, sizeof t->value, "P%s%ld%c", timeunit ? "T" : "",
	    n * mult, u);
}

/* The date n units away from the anchor, at the unit's granularity. */
static void
set_shifted(const struct ctx *c, struct timex *t, long n, int u, int mult)
{
	struct date a = c->anchor;
	int wy, wn;
	long mm;

	switch (u) {
	case 'D':
		set_day(t, add_days(a, n));
		break;
	case 'W':
		iso_week(add_days(a, 7 * n), &wy, &wn);
		snprintf(t->value, sizeof t->value, "%04d-W%02d", wy, wn);
		break;
	case 'M':
		mm = (long)a.y * 12 + (a.m - 1) + n;
		snprintf(t->value, sizeof t->value, "%04ld-%02ld", mm / 12,
		    mm % 12 + 1);
		break;
	case 'Y':
		if (mult == 10)
			snprintf(t->value, sizeof t->value, "%03ld",
			    (a.y + n * 10) / 10);
		else
			snprintf(t->value, sizeof t->value, "%04ld",
			    a.y + n * mult);
		break;
	case 'Q':
		mm = (long)a.y * 4 + (a.m - 1) / 3 + n;
		snprintf(t->value, sizeof t->value, "%04ld-Q%ld", mm / 4,
		    mm % 4 + 1);
		break;
	default:
		set_day(t, a);
	}
}

/* ---- matchers: each returns the token after its match, or 0 ---- */

/* "3 p.m.", "3pm", "15:30", "3:30 a.m. ET", "noon" */
static size_t
m_time(struct ctx *c, size_t i)
{
	static const char *const pm[] = {"p.m.", "pm", "p.m", NULL};
	static const char *const am[] = {"a.m.", "am", "a.m", NULL};
	static const char *const tz[] = {"et", "est", "edt", "pt", "pst",
	    "pdt", "ct", "cst", "cdt", "gmt", "utc", "bst", "cet", "cest",
	    "eet", "eest", "msk", NULL};
	const struct token *t = &c->d->tok[i];
	const char *w = W(c, i), *suf;
	int h = -1, mi = 0, half = 0;
	size_t j = i + 1;
	struct timex *x;

	if (strcmp(w, "noon") == 0 || strcmp(w, "midday") == 0) {
		h = 12;
	} else if (strcmp(w, "midnight") == 0) {
		h = 24;
	} else if (t->kind == TK_NUM) {
		if (sscanf(w, "%d:%d", &h, &mi) == 2) {
			const char *colon = strchr(w, ':');
			suf = colon + 1;
			while (*suf >= '0' && *suf <= '9')
				suf++;
			if (*suf || h > 24 || mi > 59 || colon - w > 2 ||
			    suf - colon != 3)
				return 0;
			half = 2;	/* 24-hour unless am/pm follows */
		} else if (sscanf(w, "%d.%d", &h, &mi) == 2 &&
		    t->ndigits <= 2 && w[t->ndigits] == '.' &&
		    strspn(w + t->ndigits + 1, "0123456789") == 2) {
			/* "10.30am", "10.30 p.m.": only with am or pm */
			suf = w + t->ndigits + 3;
			if (h < 1 || h > 12 || mi > 59)
				return 0;
			if (oneof(suf, pm))
				half = 'p';
			else if (oneof(suf, am))
				half = 'a';
			else if (*suf || !(oneof(W(c, j), pm) ||
			    oneof(W(c, j), am)))
				return 0;
		} else if (t->ndigits <= 2 && t->num <= 12) {
			h = (int)t->num;
			suf = w + t->ndigits;
			if (oneof(suf, pm))
				half = 'p';
			else if (oneof(suf, am))
				half = 'a';
			else if (*suf)
				return 0;
		} else {
			return 0;
		}
		if (half != 'p' && half != 'a') {
			if (oneof(W(c, j), pm)) {
				half = 'p';
				j++;
			} else if (oneof(W(c, j), am)) {
				half = 'a';
				j++;
			} else if (is(c, j, "o'clock") || is(c, j, "o’clock")) {
				j++;
				half = 1;
			}
		}
		if (!half)
			return 0;
		if (half == 'p' && h < 12)
			h += 12;
		if (half == 'a' && h == 12)
			h = 0;
	} else {
		return 0;
	}
	if (oneof(W(c, j), tz) && (c->d->tok[j].flags & TF_ALLCAPS))
		j++;
	x = emit(c, i, j, "TIME");
	snprintf(x->value, sizeof x->value, "%04d-%02d-%02dT%02d:%02d",
	    c->anchor.y, c->anchor.m, c->anchor.d, h, mi);
	return j;
}

/* Two digits at s[0..2) as a number 0..99, or -1. */
static int
two(const char *s)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	return (s[0] - '0') * 10 + s[1] - '0';
}

/*
 * ISO 8601 date and time, "2025-11-22T10:00:00Z", "2025-11-22 10:00",
 * "2025-11-22T10:00:00.5+02:00": read on the text (the tokenizer cuts
 * it at the colons), a TIME to the minute or second given; the zone is
 * dropped, as TimeML values have none.
 */
static size_t
m_isotime(struct ctx *c, size_t i)
{
	const char *s = c->d->text + c->d->tok[i].start;
	size_t n = c->d->len - c->d->tok[i].start, k, j;
	int y, mo, d, h, mi, se = -1;
	struct timex *x;

	if (n < 16 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' &&
	    s[10] != ' ') || s[13] != ':')
		return 0;
	y = two(s) * 100 + two(s + 2);
	mo = two(s + 5);
	d = two(s + 8);
	h = two(s + 11);
	mi = two(s + 14);
	if (y < 0 || two(s) < 0 || two(s + 2) < 0 || !valid_date(y, mo, d) ||
	    h < 0 || h > 24 || mi < 0 || mi > 59)
		return 0;
	k = 16;
	if (n >= 19 && s[16] == ':' && two(s + 17) >= 0 && two(s + 17) <= 60) {
		se = two(s + 17);
		k = 19;
		if (k + 1 < n && (s[k] == '.' || s[k] == ',') && s[k + 1] >= '0' &&
		    s[k + 1] <= '9')
			for (k++; k < n && s[k] >= '0' && s[k] <= '9'; k++)
				;
	}
	if (k < n && s[k] == 'Z')
		k++;
	else if (k + 3 <= n && (s[k] == '+' || s[k] == '-') &&
	    two(s + k + 1) >= 0) {
		k += 3;
		if (k + 3 <= n && s[k] == ':' && two(s + k + 1) >= 0)
			k += 3;
		else if (k + 2 <= n && two(s + k) >= 0)
			k += 2;
	}
	/* the match must end where a token ends */
	k += c->d->tok[i].start;
	for (j = i; j < c->d->ntok && c->d->tok[j].end < k; j++)
		;
	if (j == c->d->ntok || c->d->tok[j].end != k)
		return 0;
	x = emit(c, i, j + 1, "TIME");
	if (se >= 0)
		snprintf(x->value, sizeof x->value,
		    "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, se);
	else
		snprintf(x->value, sizeof x->value, "%04d-%02d-%02dT%02d:%02d",
		    y, mo, d, h, mi);
	return j + 1;
}

/* One-token numeric dates: "2025-11-16", "16.11.2025", "11/16/2025",
 * "16.11." and year ranges "2009-2010". */
static size_t
m_numeric(struct ctx *c, size_t i)
{
	const char *w = W(c, i);
	int a, b, y, n = 0, len = (int)strlen(w);
	struct timex *x;

	if (c->d->tok[i].kind != TK_NUM)
		return 0;
	if ((n = (int)m_isotime(c, i)) != 0)
		return (size_t)n;
	if (sscanf(w, "%4d-%2d-%2d%n", &y, &a, &b, &n) == 3 && n == len &&
	    n == 10 && valid_date(y, a, b)) {
		set_day(emit(c, i, i + 1, "DATE"), (struct date){y, a, b});
		return i + 1;
	}
	n = 0;
	if (sscanf(w, "%4d/%2d/%2d%n", &y, &a, &b, &n) == 3 && n == len &&
	    y > 999 && valid_date(y, a, b)) {
		set_day(emit(c, i, i + 1, "DATE"), (struct date){y, a, b});
		return i + 1;
	}
	n = 0;
	if (sscanf(w, "%2d.%2d.%4d%n", &a, &b, &y, &n) == 3 && n == len &&
	    y > 999 && valid_date(y, b, a)) {
		set_day(emit(c, i, i + 1, "DATE"), (struct date){y, b, a});
		return i + 1;
	}
	n = 0;
	if (sscanf(w, "%2d/%2d/%4d%n", &a, &b, &y, &n) == 3 && n == len &&
	    y > 999) {
		/* month first (US) unless the first number cannot be one */
		if (a > 12 && valid_date(y, b, a))
			set_day(emit(c, i, i + 1, "DATE"), (struct date){y, b, a});
		else if (valid_date(y, a, b))
			set_day(emit(c, i, i + 1, "DATE"), (struct date){y, a, b});
		else
			return 0;
		return i + 1;
	}
	n = 0;
	if (sscanf(w, "%2d.%2d%n", &a, &b, &n) == 2 && n == len &&
	    is(c, i + 1, ".") && tok_adjacent(c->d, i) &&
	    !plain_num(c, i + 2) && a >= 1 && b >= 1 && b <= 12 &&
	    valid_date(pick_year(c, b, a, i), b, a)) {
		y = pick_year(c, b, a, i);
		set_day(emit(c, i, i + 2, "DATE"), (struct date){y, b, a});
		return i + 2;
	}
	n = 0;
	if (sscanf(w, "%4d-%2d%n", &a, &b, &n) == 2 && n == len && n == 7 &&
	    a >= 1000 && a <= 2999 && b > a % 100) {
		b += a / 100 * 100;	/* "1957-58" */
		n = 9;
		len = 9;
	}
	if ((n == 9 && len == 9) || (sscanf(w, "%4d-%4d%n", &a, &b, &n) ==
	    2 && n == len && n == 9 && a >= 1000 && a <= 2999 && b > a &&
	    b <= 2999)) {
		x = emit(c, i, i + 1, "DATE");
		x->end = x->start + 4;
		snprintf(x->value, sizeof x->value, "%04d", a);
		x = emit(c, i, i + 1, "DATE");
		x->start = c->d->tok[i].start + 5;
		snprintf(x->value, sizeof x->value, "%04d", b);
		return i + 1;
	}
	return 0;
}

/* Tokens after a year that belong to it: "г.", "года", "р.", "року",
 * "m." (Lithuanian metai), "års". */
static size_t
year_tail(const struct ctx *c, size_t j)
{
	static const char *const words[] = {"года", "году", "року", "рік",
	    "metais", "metų", NULL};

	if ((is(c, j, "г") || is(c, j, "р") || is(c, j, "m")) &&
	    is(c, j + 1, ".") && tok_adjacent(c->d, j))
		return j + 2;
	if (oneof(W(c, j), words))
		return j + 1;
	return j;
}

/* Lithuanian says the part of a month or year after it: "spalio
 * pabaigoje" (at the end of October). */
static const char *const lt_mods[] = {"pradžioje", "viduryje", "pabaigoje",
    NULL};
static const char *const lt_modv[] = {"START", "MID", "END"};

/* A Lithuanian month in the accusative says "in" by itself: "lapkritį",
 * "spalį" (-į, -ą, -ę; forms no other language's month has). */
static int
case_month(const struct ctx *c, size_t i)
{
	const char *w = W(c, i);
	size_t n = strlen(w);

	if ((c->lang && strcmp(c->lang, "lt") != 0) ||
	    !gaz_find(w, G_MONTH, "lt"))
		return 0;
	return n > 2 && (strcmp(w + n - 2, "į") == 0 ||
	    strcmp(w + n - 2, "ą") == 0 || strcmp(w + n - 2, "ę") == 0);
}

/* A month name among the four tokens before i ("January to March"). */
static int
month_before(const struct ctx *c, size_t i)
{
	size_t k;

	for (k = 1; k <= 4 && k <= i; k++)
		if (gaz_find(W(c, i - k), G_MONTH, NULL))
			return 1;
	return 0;
}

/* "November 16, 2025", "Nov. 16", "November 2025", "noviembre de 2025",
 * "November" (alone: after a preposition or capitalised and unambiguous) */
static size_t
m_month_first(struct ctx *c, size_t i, int dir)
{
	static const char *const prep[] = {"in", "since", "until", "till",
	    "by", "from", "to", "through", "during", "of", "before", "after",
	    "early", "late", "mid", "last", "next", "this", "for", "end",
	    "beginning", "im", "seit", "bis", "ab", "en", "depuis", "de",
	    "in", "a", "di", "в", "у", "с", "до", "nuo", "iki", "anfang",
	    "mitte", "ende", "début", "fin", "principios", "mediados",
	    "finales", "fines", "inizio", "metà", "fine", "начале",
	    "середине", "конце", "початку", "середині", "кінці",
	    "наприкінці", "nel", "dal", "desde", "hasta", "da", "dès", NULL};
	int m, abbr, d, y, k;
	size_t j;
	struct timex *x;

	if (!(k = month_at(c, i, &m, 1, &abbr)))
		return 0;
	j = i + k;
	if ((d = day_at(c, j)) != 0 && !(plain_num(c, j + 1) &&
	    !is(c, j + 1, ",") && !year_at(c, j + 1))) {
		size_t e = j + 1;
		if (is(c, e, ".") && tok_adjacent(c->d, j) && year_at(c, e + 1))
			e++;	/* "lapkričio 27." rarely; keep simple */
		if (is(c, e, ",") && year_at(c, e + 1))
			e++;
		if ((y = year_at(c, e)) != 0 && valid_date(y, m, d)) {
			set_day(emit(c, i, e + 1, "DATE"), (struct date){y, m, d});
			e = year_tail(c, e + 1);
			c->out[c->n - 1].end = c->d->tok[e - 1].end;
			return e;
		}
		y = pick_year(c, m, d, i);
		if (!valid_date(y, m, d))
			return 0;
		e = j + 1;
		/* Lithuanian "lapkričio 27 d." */
		if (is(c, e, "d") && is(c, e + 1, ".") && tok_adjacent(c->d, e))
			e += 2;
		set_day(emit(c, i, e, "DATE"), (struct date){y, m, d});
		return e;
	}
	if (is(c, j, "de") || is(c, j, "of") || is(c, j, ","))
		j++;
	if ((y = year_at(c, j)) != 0) {
		j = year_tail(c, j + 1);
		x = emit(c, i, j, "DATE");
		snprintf(x->value, sizeof x->value, "%04d-%02d", y, m);
		return j;
	}
	j = i + k;
	if (abbr)
		return 0;
	/* "May" and "March" alone are a name and a verb unless a
	 * preposition says otherwise ("in May", "from January to March",
	 * not "to March on Washington", "Theresa May") */
	if (dir == 99 && (strcmp(W(c, i), "may") == 0 ||
	    strcmp(W(c, i), "march") == 0) && (i == 0 ||
	    !oneof(W(c, i - 1), prep) || (is(c, i - 1, "to") &&
	    !month_before(c, i - 1)) || is(c, j, "'s") || is(c, j, "’s") ||
	    (is(c, j, "'") || is(c, j, "’"))))
		return 0;
	if (dir == 99 && !(i > 0 && oneof(W(c, i - 1), prep)) &&
	    !oneof(W(c, j), lt_mods) && !case_month(c, i) &&
	    (!(c->d->tok[i].flags & TF_UPPER) || (c->d->tok[i].flags &
	    TF_SENT)))
		return 0;
	y = c->anchor.y;
	if (dir == -1 && m >= c->anchor.m)
		y--;
	else if (dir == 1 && m <= c->anchor.m)
		y++;
	else if (dir == 99 && m > c->anchor.m && !future_cue(c, i))
		y--;	/* news reports the past: "in August" said in March */
	x = emit(c, i, i + 1, "DATE");
	snprintf(x->value, sizeof x->value, "%04d-%02d", y, m);
	return i + 1;
}

/* "16 November 2025", "16. November", "16 ноября 2025 г.", "le 16
 * novembre", "16 de noviembre de 2025", "16th of November" */
static size_t
m_day_first(struct ctx *c, size_t i)
{
	int d, m, y, abbr, k;
	size_t j = i + 1, e;

	if (!(d = day_at(c, i)))
		return 0;
	if (is(c, j, ".") && tok_adjacent(c->d, i))
		j++;
	if (is(c, j, "of") || is(c, j, "de"))
		j++;
	if (!(k = month_at(c, j, &m, 1, &abbr)))
		return 0;
	e = j + k;
	if (is(c, e, "de") || is(c, e, "del") || is(c, e, ","))
		if (year_at(c, e + 1))
			e++;
	if ((y = year_at(c, e)) != 0) {
		if (!valid_date(y, m, d))
			return 0;
		e = year_tail(c, e + 1);
		set_day(emit(c, i, e, "DATE"), (struct date){y, m, d});
		return e;
	}
	e = j + k;
	y = pick_year(c, m, d, i);
	if (!valid_date(y, m, d))
		return 0;
	set_day(emit(c, i, e, "DATE"), (struct date){y, m, d});
	return e;
}

/* "2025 m. lapkričio 27 d.", "2025 lapkričio 27", "2025 m. lapkričio" */
static size_t
m_year_first(struct ctx *c, size_t i)
{
	int y, m, d, abbr, k;
	size_t j;
	struct timex *x;

	if (!(y = year_at(c, i)))
		return 0;
	j = year_tail(c, i + 1);
	if (!(k = month_at(c, j, &m, 1, &abbr)) || (j == i + 1 &&
	    !(c->d->tok[j].flags & TF_UPPER) && !(d = day_at(c, j + k))))
		return 0;
	if (j == i + 1 && (c->d->tok[j].flags & TF_UPPER))
		return 0;	/* "in 2025 March ..." is two expressions */
	j += k;
	if ((d = day_at(c, j)) != 0 && valid_date(y, m, d)) {
		j++;
		if (is(c, j, "d") && is(c, j + 1, ".") && tok_adjacent(c->d, j))
			j += 2;
		set_day(emit(c, i, j, "DATE"), (struct date){y, m, d});
		return j;
	}
	x = emit(c, i, j, "DATE");
	snprintf(x->value, sizeof x->value, "%04d-%02d", y, m);
	return j;
}

/* "2022", "the 1990s", "mid-2025" (the "mid" is read by the caller) */
static size_t
m_year(struct ctx *c, size_t i)
{
	static const char *const after_ok[] = {"and", "or", "to", "when",
	    "as", "after", "before", "that", "which", "where", "while", "the",
	    "a", "in", "on", "at", "for", "with", "by", "from", "until",
	    "through", "season", "election", "elections", "budget", "census",
	    "olympics", "world", "championship", "summit", "report", "survey",
	    "levels", "level", "figures", "deadline", "campaign", "war",
	    "crisis", "study", "and", "was", "is", "were", "had", "has",
	    "saw", "will", "ended", "marked", "began", "also", "but", NULL};
	const struct token *t = &c->d->tok[i];
	const char *w = W(c, i);
	struct timex *x;
	int y;

	if (t->kind == TK_NUM && t->ndigits == 4 && strcmp(w + 4, "s") == 0 &&
	    t->num % 10 == 0 && t->num >= 1000 && t->num <= 2990) {
		size_t s = i;
		if (i > 0 && is(c, i - 1, "the"))
			s = i - 1;
		x = emit(c, s, i + 1, "DATE");
		snprintf(x->value, sizeof x->value, "%03ld", (long)t->num / 10);
		return i + 1;
	}
	/* "the 20th century" is "19" */
	if (t->kind == TK_NUM && t->ndigits <= 2 && t->num >= 1 &&
	    t->num <= 30 && (is(c, i + 1, "century") ||
	    is(c, i + 1, "centuries")) && strlen(w) > (size_t)t->ndigits) {
		x = emit(c, i, i + 2, "DATE");
		snprintf(x->value, sizeof x->value, "%02ld", (long)t->num - 1);
		return i + 2;
	}
	if (!(y = year_at(c, i)) || y < 1800 || y > 2100)
		return 0;
	/* a count, not a year: "2000 people", "1500 troops" (but "2022
	 * году", "2022 metais") */
	if (year_tail(c, i + 1) == i + 1 && i + 1 < c->d->ntok &&
	    c->d->tok[i + 1].kind == TK_WORD &&
	    !(c->d->tok[i + 1].flags & TF_UPPER) && !oneof(W(c, i + 1),
	    after_ok) && !(i > 0 && oneof(W(c, i - 1), (const char *const[]){
	    "in", "since", "of", "until", "by", "from", "year", "early",
	    "late", "mid", "during", "before", "after", "around", "fiscal",
	    "through", "till", "between", "and", "to", "spring", "summer",
	    "im", "jahr", "jahre", "seit", "bis", "en", "depuis", "desde",
	    "hasta", "nel", "dal", "del", "в", "у", "с", "до", "nuo", "iki",
	    "ende", "anfang", "mitte", "fin", "début", "finales", "inizio",
	    "fine",
	    "autumn", "fall", "winter", "a", "the", "his", "her", "its",
	    "their", "our", "this", "that", NULL})))
		return 0;
	if (i > 0 && (is(c, i - 1, "$") || is(c, i - 1, "€") ||
	    is(c, i - 1, "£") || is(c, i - 1, "#") || is(c, i - 1, "no")))
		return 0;
	{
		size_t j = year_tail(c, i + 1);
		x = emit(c, i, j, "DATE");
		snprintf(x->value, sizeof x->value, "%04d", y);
		return j;
	}
}

/* Weekdays, resolved with the news reader's past bias. */
static size_t
m_weekday(struct ctx *c, size_t i, int dir)
{
	static const char *const parts[] = {"morning", "afternoon", "evening",
	    "night", NULL};
	static const char *const partv[] = {"MO", "AF", "EV", "NI"};
	static const char *const papers[] = {"times", "telegraph", "express",
	    "mirror", "post", "herald", "mail", "independent", "star",
	    "people", "sport", "review", "tribune", "world", "club", "night",
	    NULL};
	static const char *const named[] = {"bloody", "super", "cyber",
	    "holy", "fat", "shrove", "maundy", "blue", "casual", "manic",
	    "black", "good", "easter", "palm", "ash", "giving", NULL};
	int wd, k, wa;
	size_t j, e;
	struct date r;
	struct timex *x;

	if (!(wd = weekday_at(c, i)))
		return 0;
	j = i + 1;
	/* "the Sunday Times", "Bloody Sunday", "Super Tuesday" are names */
	if ((j < c->d->ntok && (c->d->tok[j].flags & TF_UPPER) &&
	    oneof(W(c, j), papers)) || (i > 0 && (c->d->tok[i - 1].flags &
	    TF_UPPER) && oneof(W(c, i - 1), named)))
		return 0;
	/* "Friday, Nov. 21": the date says which Friday */
	e = j;
	if (is(c, e, ","))
		e++;
	if (e < c->d->ntok) {
		size_t n0 = c->n, r2;
		if ((r2 = m_month_first(c, e, 0)) != 0 || (r2 = m_day_first(c,
		    e)) != 0) {
			if (c->n == n0 + 1 && strlen(c->out[n0].value) == 10) {
				c->out[n0].start = c->d->tok[i].start;
				c->tokidx[n0] = i;
				return r2;
			}
			c->n = n0;
		}
	}
	wa = weekday(c->anchor);
	if (dir == 0)
		dir = 2;
	if (dir == 99)
		dir = future_cue(c, i) ? 3 : 4;
	switch (dir) {
	case -1:	/* last Friday: the latest before the anchor */
		r = add_days(c->anchor, -((wa - wd + 6) % 7 + 1));
		break;
	case 1:		/* next Friday: the first after the anchor */
		r = add_days(c->anchor, (wd - wa + 6) % 7 + 1);
		break;
	case 2:		/* this Friday: in the anchor's week */
		r = add_days(c->anchor, wd - wa);
		break;
	case 3:		/* future: on or after the anchor */
		r = add_days(c->anchor, (wd - wa + 7) % 7);
		break;
	default:	/* past: on or before the anchor */
		r = add_days(c->anchor, -((wa - wd + 7) % 7));
	}
	for (k = 0; parts[k]; k++)
		if (is(c, j, parts[k]))
			break;
	if (parts[k]) {
		x = emit(c, i, j + 1, "TIME");
		snprintf(x->value, sizeof x->value, "%04d-%02d-%02dT%s",
		    r.y, r.m, r.d, partv[k]);
		return j + 1;
	}
	set_day(emit(c, i, j, "DATE"), r);
	return j;
}

/* today, yesterday, tonight, this morning, last night, and CLDR phrases
 * in every language ("gestern", "на прошлой неделе", "l'année dernière") */
static size_t
m_relative(struct ctx *c, size_t i)
{
	static const char *const ambiguous[] = {"hier", "homme", "morgen",
	    NULL};
	static const char *const parts[] = {"morning", "afternoon", "evening",
	    "night", NULL};
	static const char *const partv[] = {"MO", "AF", "EV", "NI"};
	int field, off, k;
	size_t n, j;
	struct timex *x;
	const char *w = W(c, i);

	if (strcmp(w, "tonight") == 0) {
		x = emit(c, i, i + 1, "TIME");
		snprintf(x->value, sizeof x->value, "%04d-%02d-%02dTNI",
		    c->anchor.y, c->anchor.m, c->anchor.d);
		return i + 1;
	}
	if (strcmp(w, "this") == 0 || strcmp(w, "last") == 0 ||
	    strcmp(w, "yesterday") == 0 || strcmp(w, "tomorrow") == 0 ||
	    strcmp(w, "today") == 0) {
		for (k = 0; parts[k]; k++)
			if (is(c, i + 1, parts[k]))
				break;
		if (parts[k] && !(strcmp(w, "last") == 0 && k != 3) &&
		    !(strcmp(w, "this") == 0 && k == 3)) {
			struct date r = c->anchor;
			if (strcmp(w, "last") == 0 || strcmp(w, "yesterday") == 0)
				r = add_days(r, -1);
			else if (strcmp(w, "tomorrow") == 0)
				r = add_days(r, 1);
			x = emit(c, i, i + 2, "TIME");
			snprintf(x->value, sizeof x->value, "%04d-%02d-%02dT%s",
			    r.y, r.m, r.d, partv[k]);
			return i + 2;
		}
	}
	/* "this weekend", "last weekend", "next weekend" */
	if ((strcmp(w, "this") == 0 || strcmp(w, "last") == 0 ||
	    strcmp(w, "next") == 0) && is(c, i + 1, "weekend")) {
		x = emit(c, i, i + 2, "DATE");
		set_shifted(c, x, w[0] == 't' ? 0 : w[0] == 'l' ? -1 : 1, 'W', 1);
		strncat(x->value, "-WE", sizeof x->value - strlen(x->value) - 1);
		return i + 2;
	}
	if (!(n = gaz_relative(c->d, i, c->lang, &field, &off)))
		return 0;
	if (n == 1 && !c->lang && oneof(w, ambiguous))
		return 0;
	if (n == 1 && strcmp(w, "morgen") == 0 &&
	    (c->d->tok[i].flags & TF_UPPER))
		return 0;	/* German "Morgen" is the morning */
	j = i + n;
	x = emit(c, i, j, "DATE");
	switch (field) {
	case 'd': set_shifted(c, x, off, 'D', 1); break;
	case 'w': set_shifted(c, x, off, 'W', 1); break;
	case 'm': set_shifted(c, x, off, 'M', 1); break;
	case 'q': set_shifted(c, x, off, 'Q', 1); break;
	default: set_shifted(c, x, off, 'Y', 1); break;
	}
	return j;
}

/* "vor 3 Tagen", "il y a 3 jours", "3 дня назад", "prieš 3 dienas",
 * "za 2 tygodnie" (CLDR patterns of 18 languages) */
static size_t
m_relpattern(struct ctx *c, size_t i)
{
	long n;
	int field, sign, k;
	struct timex *x;

	if (!(k = gaz_relpattern(c->d, i, c->lang, &n, &field, &sign)))
		return 0;
	x = emit(c, i, i + k, "DATE");
	set_shifted(c, x, sign * n, field == 'd' ? 'D' : field == 'w' ? 'W' :
	    field == 'm' ? 'M' : 'Y', 1);
	return i + k;
}

/* now, currently, recently, the future */
static size_t
m_ref(struct ctx *c, size_t i)
{
	struct timex *x;
	const char *v = NULL;
	size_t j = i + 1;
	long n;
	int tu, mult;

	if (is(c, i, "now") || is(c, i, "currently") || is(c, i, "nowadays"))
		v = "PRESENT_REF";
	else if (is(c, i, "recently") || is(c, i, "lately"))
		v = "PAST_REF";
	else if (is(c, i, "the") && is(c, i + 1, "future") &&
	    !plain_num(c, i + 2)) {
		v = "FUTURE_REF";
		j = i + 2;
	} else if (is(c, i, "these") && is(c, i + 1, "days")) {
		v = "PRESENT_REF";
		j = i + 2;
	} else if (is(c, i, "the") && is(c, i + 1, "past") &&
	    !number_at(c, i + 2, &n) && !unit_of(W(c, i + 2), &tu, &mult) &&
	    !is(c, i + 2, "more") && !is(c, i + 2, "couple")) {
		v = "PAST_REF";	/* "in the past", not "the past two weeks" */
		j = i + 2;
	}
	if (!v)
		return 0;
	x = emit(c, i, j, "DATE");
	snprintf(x->value, sizeof x->value, "%s", v);
	return j;
}

/* "three days", "24 hours", "a decade", "the past two weeks",
 * "two years ago", "three-day", "40-year-old", "every week",
 * "every morning", "daily", "annually" */
static size_t
m_duration(struct ctx *c, size_t i)
{
	static const char *const parts[] = {"morning", "afternoon", "evening",
	    "night", NULL};
	static const char *const partv[] = {"MO", "AF", "EV", "NI"};
	static const char *const adv[] = {"hourly", "daily", "nightly",
	    "weekly", "monthly", "quarterly", "annually", "yearly", NULL};
	static const char *const advv[] = {"PT1H", "P1D", "P1D", "P1W", "P1M",
	    "P3M", "P1Y", "P1Y"};
	long n = 1;
	int u, tu, mult, k = 0, set = 0, past = 0;
	size_t s = i, j = i;
	struct timex *x;
	const char *w = W(c, i);
	char part[64];

	/* compounds: "three-day", "40-year-old", "24-hour" */
	if (strchr(w, '-') && strlen(w) < sizeof part) {
		char *a, *b, *r;
		snprintf(part, sizeof part, "%s", w);
		a = part;
		b = strchr(a, '-');
		*b++ = '\0';
		if ((r = strchr(b, '-')) != NULL)
			*r++ = '\0';
		if (r && strcmp(r, "long") != 0)
			return 0;	/* "40-year-old" is an age, not a timex */
		if (!(u = unit_of(b, &tu, &mult)) || b[strlen(b) - 1] == 's')
			return 0;
		n = -2;
		if (*a >= '0' && *a <= '9')
			n = strtol(a, NULL, 10);
		else {
			static const char *const nw[] = {"zero", "one", "two",
			    "three", "four", "five", "six", "seven", "eight",
			    "nine", "ten", "eleven", "twelve", NULL};
			int q;
			for (q = 0; nw[q]; q++)
				if (strcmp(a, nw[q]) == 0)
					n = q;
		}
		if (n < 0)
			return 0;
		x = emit(c, i, i + 1, "DURATION");
		set_duration(x, n, u, tu, mult);
		return i + 1;
	}
	for (k = 0; adv[k]; k++)
		if (strcmp(w, adv[k]) == 0 && (c->d->tok[i].flags &
		    (TF_UPPER | TF_SENT)) != TF_UPPER) {	/* "Daily Mail" */
			/* TimeML: "daily" is a SET of one day every day */
			x = emit(c, i, i + 1, "SET");
			snprintf(x->value, sizeof x->value, "%s", advv[k]);
			return i + 1;
		}
	k = 0;
	if (is(c, i, "every") || is(c, i, "each")) {
		set = 1;
		j = i + 1;
		if (weekday_at(c, j)) {
			x = emit(c, i, j + 1, "SET");
			snprintf(x->value, sizeof x->value, "XXXX-WXX-%d",
			    weekday_at(c, j));
			return j + 1;
		}
		for (k = 0; parts[k]; k++)
			if (is(c, j, parts[k])) {
				/* "every morning" */
				x = emit(c, i, j + 1, "SET");
				snprintf(x->value, sizeof x->value,
				    "XXXX-XX-XXT%s", partv[k]);
				return j + 1;
			}
	} else if (is(c, i, "the") && (is(c, i + 1, "past") ||
	    is(c, i + 1, "last") || is(c, i + 1, "next") ||
	    is(c, i + 1, "coming") || is(c, i + 1, "previous") ||
	    is(c, i + 1, "first") || is(c, i + 1, "following"))) {
		past = 1;
		j = i + 2;
	} else if ((is(c, i, "past") || is(c, i, "last") || is(c, i, "next")) &&
	    !(i > 0 && is(c, i - 1, "the"))) {
		/* "last two weeks"; "last week" alone is a date (m_relative) */
		past = 2;
		j = i + 1;
	}
	if ((k = number_at(c, j, &n)) != 0) {
		j += k;
	} else if (!set && !past) {
		/* "for years", "within days": a plural unit alone */
		if (i == 0 || !(is(c, i - 1, "for") || is(c, i - 1, "within") ||
		    is(c, i - 1, "over")) || !(u = unit_of(w, &tu, &mult)) ||
		    w[strlen(w) - 1] != 's')
			return 0;
		x = emit(c, i, i + 1, "DURATION");
		set_duration(x, -1, u, tu, mult);
		return i + 1;
	}
	if (is(c, j, "more") || is(c, j, "straight") || is(c, j, "consecutive"))
		j++;
	if (j >= c->d->ntok || !(u = unit_of(W(c, j), &tu, &mult)))
		return 0;
	if (k == 0 && past == 2)
		return 0;
	if (k && n == 1 && strcmp(W(c, j), "second") == 0 &&
	    !plain_num(c, j - 1))
		return 0;	/* "a second round" */
	if (k && n == 1 && !plain_num(c, j - 1) && !is(c, j - 1, "one") &&
	    !is(c, j - 1, "a") && !is(c, j - 1, "an"))
		return 0;
	if (k && n > 1 && W(c, j)[strlen(W(c, j)) - 1] != 's' &&
	    strcmp(W(c, j), "fortnight") != 0 && !plain_num(c, j - 1))
		return 0;	/* "two day" is not English; "7 day" in tables */
	j++;
	if (set) {
		x = emit(c, s, j, "SET");
		set_duration(x, k ? n : 1, u, tu, mult);
		return j;
	}
	if (is(c, j, "ago") && k) {
		x = emit(c, s, j + 1, "DATE");
		if (n < 0 || tu || n * mult > 3000)
			snprintf(x->value, sizeof x->value, "PAST_REF");
		else
			set_shifted(c, x, -n, u, mult);
		return j + 1;
	}
	if (is(c, j, "old") && k) {
		x = emit(c, s, j, "DURATION");
		set_duration(x, n, u, tu, mult);
		return j;
	}
	x = emit(c, s, j, "DURATION");
	/* "the past week" is one week, "the coming weeks" some */
	if (!k && W(c, j - 1)[strlen(W(c, j - 1)) - 1] == 's')
		n = -1;
	set_duration(x, k ? n : (n < 0 ? -1 : 1), u, tu, mult);
	return j;
}

/* "the first quarter (of 2025)", "Q3 2024", "the second half of 2025",
 * seasons: "last summer", "this winter", "spring 2024" */
static size_t
m_quarter(struct ctx *c, size_t i, int dir)
{
	static const char *const ord[] = {"first", "second", "third", "fourth",
	    NULL};
	static const char *const ordn[] = {"1st", "2nd", "3rd", "4th", NULL};
	static const char *const seasons[] = {"spring", "summer", "fall",
	    "autumn", "winter", NULL};
	static const char *const sv[] = {"SP", "SU", "FA", "FA", "WI"};
	size_t j = i, s = i;
	int q = 0, k, y, half = 0;
	struct timex *x;

	if (is(c, j, "the"))
		j++;
	for (k = 0; ord[k]; k++)
		if (is(c, j, ord[k]) || is(c, j, ordn[k]))
			q = k + 1;
	if (q && (is(c, j + 1, "quarter") || (q <= 2 && is(c, j + 1, "half")))) {
		half = is(c, j + 1, "half");
		j += 2;
		y = c->anchor.y;
		if (is(c, j, "of") && year_at(c, j + 1)) {
			y = year_at(c, j + 1);
			j += 2;
		} else if (year_at(c, j)) {
			y = year_at(c, j);
			j++;
		}
		x = emit(c, s, j, "DATE");
		snprintf(x->value, sizeof x->value, "%04d-%c%d", y,
		    half ? 'H' : 'Q', q);
		return j;
	}
	j = i;
	if (c->d->tok[j].kind == TK_WORD && W(c, j)[0] == 'q' &&
	    W(c, j)[1] >= '1' && W(c, j)[1] <= '4' && !W(c, j)[2] &&
	    (c->d->tok[j].flags & TF_UPPER)) {
		q = W(c, j)[1] - '0';
		if (!(y = year_at(c, j + 1)))
			return 0;
		x = emit(c, i, j + 2, "DATE");
		snprintf(x->value, sizeof x->value, "%04d-Q%d", y, q);
		return j + 2;
	}
	for (k = 0; seasons[k]; k++)
		if (is(c, j, seasons[k]))
			break;
	if (!seasons[k])
		return 0;
	y = c->anchor.y;
	if ((y = year_at(c, j + 1)) != 0) {
		x = emit(c, i, j + 2, "DATE");
		snprintf(x->value, sizeof x->value, "%04d-%s", y, sv[k]);
		return j + 2;
	}
	if (dir == 99)
		return 0;
	y = c->anchor.y + (dir == -1 ? -1 : dir == 1 ? 1 : 0);
	x = emit(c, i, j + 1, "DATE");
	snprintf(x->value, sizeof x->value, "%04d-%s", y, sv[k]);
	return j + 1;
}

/* ---- holidays ---- */

/* Western Easter Sunday of year y (the anonymous Gregorian algorithm). */
static struct date
easter(int y)
{
	int a = y % 19, b = y / 100, cc = y % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30, i = cc / 4, k = cc % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int mo = (h + l - 7 * m + 114) / 31, da = (h + l - 7 * m + 114) % 31 + 1;

	return (struct date){y, mo, da};
}

/* Orthodox Easter of year y (Meeus' Julian algorithm, then the 13 days
 * the Julian calendar lags in 1900-2099). */
static struct date
easter_orthodox(int y)
{
	int a = y % 4, b = y % 7, cc = y % 19;
	int d = (19 * cc + 15) % 30, e = (2 * a + 4 * b - d + 34) % 7;
	int mo = (d + e + 114) / 31, da = (d + e + 114) % 31 + 1;

	return add_days((struct date){y, mo, da}, 13);
}

/* The n-th weekday wd (1 = Monday) of month m of year y; n = -1: the
 * last. */
static struct date
nth_weekday(int y, int m, int wd, int n)
{
	struct date a;

	if (n < 0) {
		a = (struct date){y, m, mdays(y, m)};
		return add_days(a, -((weekday(a) - wd + 7) % 7));
	}
	a = (struct date){y, m, 1};
	return add_days(a, (wd - weekday(a) + 7) % 7 + 7 * (n - 1));
}

enum { H_FIXED, H_NTH, H_EASTER, H_OEASTER, H_THANKS };

/* Holidays news dates by name: a fixed day (a = month, b = day), the
 * n-th weekday of a month (a = month, b = weekday, n), or a day from
 * Easter (Western or Orthodox) or US Thanksgiving (b = offset). */
static const struct holiday {
	const char *lang, *name;
	int kind, a, b, n;
} holidays[] = {
	{"en", "thanksgiving", H_THANKS, 0, 0, 0},
	{"en", "thanksgiving day", H_THANKS, 0, 0, 0},
	{"en", "black friday", H_THANKS, 0, 1, 0},
	{"en", "cyber monday", H_THANKS, 0, 4, 0},
	{"en", "christmas", H_FIXED, 12, 25, 0},
	{"en", "christmas day", H_FIXED, 12, 25, 0},
	{"en", "christmas eve", H_FIXED, 12, 24, 0},
	{"en", "boxing day", H_FIXED, 12, 26, 0},
	{"en", "new year's day", H_FIXED, 1, 1, 0},
	{"en", "new year's eve", H_FIXED, 12, 31, 0},
	{"en", "new year's", H_FIXED, 1, 1, 0},
	{"en", "independence day", H_FIXED, 7, 4, 0},
	{"en", "fourth of july", H_FIXED, 7, 4, 0},
	{"en", "halloween", H_FIXED, 10, 31, 0},
	{"en", "valentine's day", H_FIXED, 2, 14, 0},
	{"en", "st. patrick's day", H_FIXED, 3, 17, 0},
	{"en", "juneteenth", H_FIXED, 6, 19, 0},
	{"en", "veterans day", H_FIXED, 11, 11, 0},
	{"en", "armistice day", H_FIXED, 11, 11, 0},
	{"en", "labor day", H_NTH, 9, 1, 1},
	{"en", "memorial day", H_NTH, 5, 1, -1},
	{"en", "martin luther king day", H_NTH, 1, 1, 3},
	{"en", "martin luther king jr. day", H_NTH, 1, 1, 3},
	{"en", "presidents day", H_NTH, 2, 1, 3},
	{"en", "presidents' day", H_NTH, 2, 1, 3},
	{"en", "columbus day", H_NTH, 10, 1, 2},
	{"en", "mother's day", H_NTH, 5, 7, 2},
	{"en", "father's day", H_NTH, 6, 7, 3},
	{"en", "easter", H_EASTER, 0, 0, 0},
	{"en", "easter sunday", H_EASTER, 0, 0, 0},
	{"en", "easter monday", H_EASTER, 0, 1, 0},
	{"en", "good friday", H_EASTER, 0, -2, 0},
	{"en", "palm sunday", H_EASTER, 0, -7, 0},
	{"en", "ash wednesday", H_EASTER, 0, -46, 0},
	{"en", "pentecost", H_EASTER, 0, 49, 0},
	{"de", "weihnachten", H_FIXED, 12, 25, 0},
	{"de", "heiligabend", H_FIXED, 12, 24, 0},
	{"de", "silvester", H_FIXED, 12, 31, 0},
	{"de", "neujahr", H_FIXED, 1, 1, 0},
	{"de", "ostern", H_EASTER, 0, 0, 0},
	{"de", "karfreitag", H_EASTER, 0, -2, 0},
	{"de", "ostermontag", H_EASTER, 0, 1, 0},
	{"de", "pfingsten", H_EASTER, 0, 49, 0},
	{"de", "tag der deutschen einheit", H_FIXED, 10, 3, 0},
	{"fr", "noël", H_FIXED, 12, 25, 0},
	{"fr", "jour de l'an", H_FIXED, 1, 1, 0},
	{"fr", "nouvel an", H_FIXED, 1, 1, 0},
	{"fr", "pâques", H_EASTER, 0, 0, 0},
	{"fr", "toussaint", H_FIXED, 11, 1, 0},
	{"es", "navidad", H_FIXED, 12, 25, 0},
	{"es", "nochebuena", H_FIXED, 12, 24, 0},
	{"es", "nochevieja", H_FIXED, 12, 31, 0},
	{"es", "año nuevo", H_FIXED, 1, 1, 0},
	{"es", "día de reyes", H_FIXED, 1, 6, 0},
	{"it", "natale", H_FIXED, 12, 25, 0},
	{"it", "vigilia di natale", H_FIXED, 12, 24, 0},
	{"it", "capodanno", H_FIXED, 1, 1, 0},
	{"it", "pasqua", H_EASTER, 0, 0, 0},
	{"it", "ferragosto", H_FIXED, 8, 15, 0},
	{"ru", "рождество", H_FIXED, 1, 7, 0},
	{"ru", "рождества", H_FIXED, 1, 7, 0},
	{"ru", "новый год", H_FIXED, 1, 1, 0},
	{"ru", "нового года", H_FIXED, 1, 1, 0},
	{"ru", "пасха", H_OEASTER, 0, 0, 0},
	{"ru", "пасху", H_OEASTER, 0, 0, 0},
	{"uk", "новий рік", H_FIXED, 1, 1, 0},
	{"uk", "нового року", H_FIXED, 1, 1, 0},
	{"uk", "великдень", H_OEASTER, 0, 0, 0},
	{"lt", "kalėdos", H_FIXED, 12, 25, 0},
	{"lt", "kalėdų", H_FIXED, 12, 25, 0},
	{"lt", "kalėdas", H_FIXED, 12, 25, 0},
	{"lt", "kūčios", H_FIXED, 12, 24, 0},
	{"lt", "kūčių", H_FIXED, 12, 24, 0},
	{"lt", "naujieji metai", H_FIXED, 1, 1, 0},
	{"lt", "naujųjų metų", H_FIXED, 1, 1, 0},
	{"lt", "velykos", H_EASTER, 0, 0, 0},
	{"lt", "velykų", H_EASTER, 0, 0, 0},
	{"lt", "velykas", H_EASTER, 0, 0, 0},
	{"lt", "joninės", H_FIXED, 6, 24, 0},
};
#define NHOLIDAYS (sizeof holidays / sizeof holidays[0])

/* The holidays' names as token forms (made once by dates_init()), and
 * the first bytes they start with (a cheap test before the table). */
static struct {
	char *tok[6];
	int n;
} holtok[NHOLIDAYS];
static unsigned char holfirst[256];

static struct date
holiday_date(const struct holiday *h, int y)
{
	switch (h->kind) {
	case H_NTH:
		return nth_weekday(y, h->a, h->b, h->n);
	case H_EASTER:
		return add_days(easter(y), h->b);
	case H_OEASTER:
		return add_days(easter_orthodox(y), h->b);
	case H_THANKS:
		return add_days(nth_weekday(y, 11, 4, 4), h->b);
	default:
		return (struct date){y, h->a, h->b};
	}
}

/* "Thanksgiving", "the Thanksgiving holiday", "last Christmas", "Easter
 * 2024", "Weihnachten", "Пасха": the occurrence a prefix says (dir), or
 * the one a news reader means (as pick_year()). */
static size_t
m_holiday(struct ctx *c, size_t i, int dir)
{
	static const char *const tails[] = {"holiday", "holidays", "break",
	    "recess", NULL};
	static const char *const places[] = {"island", "islands", "tree",
	    "trees", "card", "cards", "carol", "carols", "market", "markets",
	    "music", "movie", "film", "song", "songs", "party", "parties",
	    "dinner", "lights",
	    "decorations", "gift", "gifts", "eggs", "egg", "bunny", NULL};
	size_t s = i, j, best = 0, k;
	int h = -1, y, fut;
	long a = dnum(c->anchor), bd = -1, diff;
	struct date r = c->anchor, cand;
	struct timex *x;

	if (is(c, i, "the"))
		i++;
	if (!holfirst[(unsigned char)W(c, i)[0]])
		return 0;
	for (k = 0; k < NHOLIDAYS; k++) {
		int n = holtok[k].n, t;
		if (n == 0 || (size_t)n <= best || i + n > c->d->ntok ||
		    strcmp(W(c, i), holtok[k].tok[0]) != 0)
			continue;
		for (t = 1; t < n && strcmp(W(c, i + t), holtok[k].tok[t]) == 0;
		    t++)
			;
		if (t < n)
			continue;
		/* a name elsewhere than in its language is capitalised */
		if (c->lang && strcmp(c->lang, holidays[k].lang) != 0 &&
		    strcmp(holidays[k].lang, "en") != 0)
			continue;
		if (!(c->d->tok[i].flags & TF_UPPER) && (!c->lang ||
		    strcmp(c->lang, holidays[k].lang) != 0))
			continue;
		best = (size_t)n;
		h = (int)k;
	}
	if (h < 0)
		return 0;
	j = i + best;
	if (oneof(W(c, j), places))
		return 0;	/* "Christmas tree", "Easter Island" */
	if (oneof(W(c, j), tails))
		j++;
	else if (s != i)
		return 0;	/* "the" only with "holiday": "the Easter" */
	if ((y = year_at(c, j)) != 0 || (is(c, j, "of") && (y =
	    year_at(c, j + 1)) != 0)) {
		j += is(c, j, "of") ? 2 : 1;
		r = holiday_date(&holidays[h], y);
	} else {
		fut = dir == 1 || (dir == 99 && future_cue(c, s));
		for (y = c->anchor.y - 1; y <= c->anchor.y + 1; y++) {
			cand = holiday_date(&holidays[h], y);
			diff = dnum(cand) - a;
			if ((dir == -1 && diff >= 0) || (dir == 1 && diff <= 0) ||
			    (dir == 0 && y != c->anchor.y))
				continue;
			if ((diff > 0 && !fut) || (diff < 0 && fut))
				diff *= FUTURE_WEIGHT;
			diff = labs(diff);
			if (bd < 0 || diff < bd) {
				bd = diff;
				r = cand;
			}
		}
		if (bd < 0)
			return 0;
	}
	x = emit(c, s, j, "DATE");
	set_day(x, r);
	return j;
}

/* Try every matcher at token i; dir is the direction a prefix gave
 * (-1 last, 1 next, 0 this, 99 none). */
static size_t
match_at(struct ctx *c, size_t i, int dir)
{
	size_t r;

	if (i >= c->d->ntok)
		return 0;	/* a prefix ended the text: "... late" */

	if ((dir == 99 || dir == 0) && (r = m_relative(c, i)))
		return r;
	if (dir == 99 && (r = m_ref(c, i)))
		return r;
	if ((r = m_quarter(c, i, dir)))
		return r;
	if ((r = m_holiday(c, i, dir)))
		return r;
	if ((r = m_weekday(c, i, dir)))
		return r;
	if ((r = m_month_first(c, i, dir)))
		return r;
	if (dir != 99)
		return 0;
	if ((r = m_relpattern(c, i)))
		return r;
	if ((r = m_numeric(c, i)))
		return r;
	if ((r = m_year_first(c, i)))
		return r;
	if ((r = m_day_first(c, i)))
		return r;
	if ((r = m_time(c, i)))
		return r;
	if ((r = m_duration(c, i)))
		return r;
	if ((r = m_year(c, i)))
		return r;
	return 0;
}

/*
 * Prefixes: a modifier ("early", "late", "mid", "the end of"), and/or a
 * direction ("last", "next", "this"). Returns the tokens taken.
 */
static size_t
prefix_at(const struct ctx *c, size_t i, const char **mod, int *dir,
    size_t *pm)
{
	size_t j = i;

	*mod = NULL;
	*dir = 99;
	if (is(c, j, "early") || is(c, j, "earlier") || is(c, j, "beginning")) {
		*mod = is(c, j, "earlier") ? NULL : "START";
		j++;
	} else if (is(c, j, "late") || is(c, j, "later")) {
		*mod = is(c, j, "later") ? NULL : "END";
		j++;
	} else if (is(c, j, "mid") || (is(c, j, "mid") && is(c, j + 1, "-"))) {
		*mod = "MID";
		j++;
		if (is(c, j, "-"))
			j++;
	} else if ((is(c, j, "the") && (is(c, j + 1, "end") ||
	    is(c, j + 1, "beginning") || is(c, j + 1, "start") ||
	    is(c, j + 1, "middle")) && is(c, j + 2, "of")) ||
	    ((is(c, j, "end") || is(c, j, "beginning") || is(c, j, "start") ||
	    is(c, j, "middle")) && is(c, j + 1, "of"))) {
		if (is(c, j, "the"))
			j++;
		*mod = is(c, j, "end") ? "END" : is(c, j, "middle") ? "MID" :
		    "START";
		j += 2;
	}
	if (j == i) {
		/* "Ende Oktober", "fin octobre", "a finales de octubre",
		 * "alla fine di ottobre", "в конце октября", "наприкінці
		 * жовтня" */
		static const struct { const char *w, *mod; } pre[] = {
			{"anfang", "START"}, {"mitte", "MID"}, {"ende", "END"},
			{"début", "START"}, {"fin", "END"},
			{"principios", "START"}, {"mediados", "MID"},
			{"finales", "END"}, {"fines", "END"},
			{"inizio", "START"}, {"metà", "MID"}, {"fine", "END"},
			{"начале", "START"}, {"середине", "MID"},
			{"конце", "END"}, {"початку", "START"},
			{"середині", "MID"}, {"кінці", "END"},
			{"наприкінці", "END"}, {NULL, NULL},
		};
		int k;

		for (k = 0; pre[k].w; k++)
			if (is(c, j, pre[k].w))
				break;
		if (pre[k].w) {
			*mod = pre[k].mod;
			j++;
			if (is(c, j, "de") || is(c, j, "di") || is(c, j, "del") ||
			    is(c, j, "des"))
				j++;
		}
	}
	*pm = j - i;
	if (is(c, j, "last") || is(c, j, "past") || is(c, j, "previous")) {
		*dir = -1;
		j++;
	} else if (is(c, j, "next") || is(c, j, "coming")) {
		*dir = 1;
		j++;
	} else if (is(c, j, "this")) {
		*dir = 0;
		j++;
	}
	return j - i;
}

/* The match that began at token t (the first new one, out[n0]) is a
 * DATE a prefix can apply to; otherwise the matches are dropped. */
static int
prefixed(struct ctx *c, size_t n0, size_t t)
{
	if (c->n == n0 + 1 && strcmp(c->out[n0].type, "DATE") == 0 &&
	    c->tokidx[n0] == t && !c->out[n0].mod)
		return 1;
	c->n = n0;
	return 0;
}

/* "mid-October", "mid-October 2025", "mid-2025" */
static size_t
mid_token(struct ctx *c, size_t i)
{
	const struct gaz_entry *e;
	const char *w = tok_low(c->d, i) + 4;
	struct timex *x;
	int y = c->anchor.y, m = 0;
	size_t j = i + 1;

	if ((e = gaz_find(w, G_MONTH, c->lang)) != NULL) {
		m = e->val;
		if (year_at(c, j))
			y = year_at(c, j++);
	} else if (strlen(w) == 4 && w[0] >= '1' && w[0] <= '2' &&
	    strspn(w, "0123456789") == 4) {
		y = atoi(w);
	} else {
		return 0;
	}
	x = emit(c, i, j, "DATE");
	if (m)
		snprintf(x->value, sizeof x->value, "%04d-%02d", y, m);
	else
		snprintf(x->value, sizeof x->value, "%04d", y);
	x->mod = "MID";
	return j;
}

/* "about three weeks", "more than 24 hours": mods not in the span */
static const char *
quant_mod(const struct ctx *c, size_t i)
{
	if (i >= 1 && (is(c, i - 1, "about") || is(c, i - 1, "around") ||
	    is(c, i - 1, "approximately") || is(c, i - 1, "roughly") ||
	    is(c, i - 1, "some")))
		return "APPROX";
	if (i >= 2 && (is(c, i - 2, "more") || is(c, i - 2, "over")) &&
	    is(c, i - 1, "than"))
		return "MORE_THAN";
	if (i >= 1 && is(c, i - 1, "over") && !is(c, i, "the"))
		return "MORE_THAN";	/* not "over the past two years" */
	if (i >= 2 && (is(c, i - 2, "less") || is(c, i - 2, "fewer")) &&
	    is(c, i - 1, "than"))
		return "LESS_THAN";
	if (i >= 1 && (is(c, i - 1, "nearly") || is(c, i - 1, "almost") ||
	    is(c, i - 1, "under")))
		return "LESS_THAN";
	if (i >= 2 && is(c, i - 2, "at") && is(c, i - 1, "least"))
		return "EQUAL_OR_MORE";
	return NULL;
}

/* A TIME on the anchor day next to a full date takes that date:
 * "Friday at 3 p.m.", "3 p.m. on Friday". */
static void
attach_times(struct ctx *c)
{
	size_t k, o;
	struct timex *t, *n;

	/* only the neighbours: the matches are in text order */
	for (k = 0; k < c->n; k++) {
		t = &c->out[k];
		if (strcmp(t->type, "TIME") != 0 || strlen(t->value) != 16)
			continue;
		for (o = k ? k - 1 : k + 1; o <= k + 1 && o < c->n; o += 2) {
			size_t gap;
			if (o == k)
				continue;
			n = &c->out[o];
			if (strcmp(n->type, "DATE") != 0 || strlen(n->value) != 10)
				continue;
			gap = c->tokidx[o] > c->tokidx[k] ?
			    c->tokidx[o] - c->tokidx[k] :
			    c->tokidx[k] - c->tokidx[o];
			if (gap > 5 || (n->end < t->start ?
			    t->start - n->end : n->start - t->end) > 12)
				continue;
			memcpy(t->value, n->value, 10);
			break;
		}
	}
}

/* A run of four digits in bytes [a, b) of the text: a year written. */
static int
has_year(const char *t, size_t a, size_t b)
{
	size_t run = 0;

	for (; a < b; a++) {
		run = t[a] >= '0' && t[a] <= '9' ? run + 1 : 0;
		if (run == 4)
			return 1;
	}
	return 0;
}

/* "Friday last week", "Montag nächste Woche": the weekday a (out[k])
 * in the week b right after it; 1 if joined. */
static int
join_week(struct ctx *c, struct timex *a, const struct timex *b, size_t k)
{
	const char *t = c->d->text;
	int wy, wn, wd, n = 0;
	long jan4, mon;
	size_t g;

	if (strlen(a->value) != 10 || !(wd = weekday_at(c, c->tokidx[k])) ||
	    sscanf(b->value, "%4d-W%2d%n", &wy, &wn, &n) != 2 ||
	    b->value[n] != '\0' || has_year(t, b->start, b->end))
		return 0;
	for (g = a->end; g < b->start && (t[g] == ' ' || t[g] == ','); g++)
		;
	if (g != b->start)
		return 0;
	jan4 = days_from_civil(wy, 1, 4);
	mon = jan4 - (weekday(civil_from_days(jan4)) - 1) + 7L * (wn - 1);
	set_day(a, civil_from_days(mon + wd - 1));
	a->end = b->end;
	return 1;
}

/* "November last year", "Nov. 16 next year", "у листопаді минулого
 * року": a month or day without a year, then a relative year said in
 * words right after it, are one date in that year. */
static void
join_year(struct ctx *c)
{
	const char *t = c->d->text;
	struct timex *a, *b;
	size_t k, o, g;
	int y, m, d;

	for (k = o = 0; k < c->n; k++, o++) {
		c->out[o] = c->out[k];
		c->tokidx[o] = c->tokidx[k];
		a = &c->out[o];
		if (k + 1 >= c->n)
			continue;
		b = &c->out[k + 1];
		if (!strcmp(a->type, "DATE") && !strcmp(b->type, "DATE") &&
		    !a->mod && !b->mod && join_week(c, a, b, k)) {
			k++;
			continue;
		}
		if (strcmp(a->type, "DATE") || strcmp(b->type, "DATE") ||
		    a->mod || b->mod || strlen(b->value) != 4 ||
		    (strlen(a->value) != 7 && strlen(a->value) != 10) ||
		    a->value[4] != '-' || has_year(t, a->start, a->end) ||
		    has_year(t, b->start, b->end))
			continue;
		for (g = a->end; g < b->start && (t[g] == ' ' || t[g] == ','); g++)
			;
		if (g != b->start)
			continue;
		y = atoi(b->value);
		m = atoi(a->value + 5);
		d = strlen(a->value) == 10 ? atoi(a->value + 8) : 1;
		if (!valid_date(y, m, d))
			continue;
		memcpy(a->value, b->value, 4);
		a->end = b->end;
		k++;
	}
	c->n = o;
}

/* Every word a matcher or prefix above may start with, besides numbers,
 * month and weekday names and the first words of CLDR phrases. Keep in
 * step with the matchers: a word missing here is never tried. */
static const char *const triggers[] = {
	"noon", "midday", "midnight", "tonight", "this", "last", "yesterday",
	"tomorrow", "today", "now", "currently", "nowadays", "recently",
	"lately", "the", "these", "every", "each", "past", "next", "a", "an",
	"several", "many", "few", "some", "recent", "numerous", "multiple",
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
	"nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
	"sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
	"forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
	"hundreds", "seconds", "minutes", "hours", "days", "nights", "weeks",
	"months", "years", "decades", "centuries", "first", "second", "third",
	"fourth", "spring", "summer", "fall", "autumn", "winter", "q1", "q2",
	"q3", "q4", "early", "earlier", "beginning", "late", "later", "mid",
	"end", "start", "middle", "previous", "coming", "hourly", "daily",
	"nightly", "weekly", "monthly", "quarterly", "annually", "yearly",
	"anfang", "mitte",
	"ende", "début", "fin", "principios", "mediados", "finales", "fines",
	"inizio", "metà", "fine", "начале", "середине", "конце", "початку",
	"середині", "кінці", "наприкінці", NULL,
};

void
dates_init(void)
{
	int k;

	for (k = 0; triggers[k]; k++)
		gaz_add_word(triggers[k], G_TRIGGER);
	for (k = 0; k < (int)NHOLIDAYS; k++) {
		struct doc d;
		size_t t;

		doc_tokenize(&d, holidays[k].name, strlen(holidays[k].name),
		    NULL, 0);
		for (t = 0; t < d.ntok && t < 6; t++)
			holtok[k].tok[t] = xstrdup(tok_low(&d, t));
		holtok[k].n = d.ntok <= 6 ? (int)d.ntok : 0;
		if (d.ntok) {
			gaz_add_word(tok_low(&d, 0), G_TRIGGER);
			holfirst[(unsigned char)tok_low(&d, 0)[0]] = 1;
		}
		doc_free(&d);
	}
}

/* Whether token i may start a temporal expression: a cheap test that
 * spares the matchers most tokens. */
static int
may_start(const struct ctx *c, size_t i)
{
	struct gaz_entry e[8];
	const struct token *t = &c->d->tok[i];
	const char *w;
	int n, k;

	if (t->kind == TK_NUM)
		return 1;
	if (t->kind != TK_WORD)
		return 0;
	w = tok_low(c->d, i);
	if (strchr(w, '-'))
		return 1;
	n = gaz_lookup(w, e, 8);
	for (k = 0; k < n; k++)
		if (e[k].cls == G_MONTH || e[k].cls == G_MONTH_ABBR ||
		    e[k].cls == G_WEEKDAY || e[k].cls == G_TRIGGER ||
		    e[k].cls == G_RELPATTERN ||
		    e[k].cls == G_RELATIVE)
			return 1;
	return 0;
}

size_t
dates_find(const struct doc *d, struct date anchor, struct timex **out)
{
	struct ctx c;
	size_t i = 0, r, p, pm, n0;
	const char *mod;
	int dir;

	memset(&c, 0, sizeof c);
	c.d = d;
	c.anchor = anchor;
	c.lang = d->lang;
	while (i < d->ntok) {
		const char *w = tok_low(d, i);

		if (!may_start(&c, i)) {
			i++;
			continue;
		}
		n0 = c.n;
		/* "mid-October", "mid-2025" are one token each */
		if (strncmp(w, "mid-", 4) == 0 && d->tok[i].kind == TK_WORD &&
		    (r = mid_token(&c, i)) != 0) {
			i = r;
			continue;
		}
		p = prefix_at(&c, i, &mod, &dir, &pm);
		r = 0;
		if (p && (r = match_at(&c, i + p, dir)) && !prefixed(&c, n0,
		    i + p))
			r = 0;
		if (!r && pm && (r = match_at(&c, i + pm, 99)) &&
		    !prefixed(&c, n0, i + pm))
			r = 0;
		if (r) {
			c.out[n0].start = d->tok[i].start;
			c.tokidx[n0] = i;
			if (mod)
				c.out[n0].mod = mod;
			i = r;
			continue;
		}
		c.n = n0;
		if ((r = match_at(&c, i, 99))) {
			for (; n0 < c.n; n0++)
				if (!c.out[n0].mod && (strcmp(c.out[n0].type,
				    "DURATION") == 0))
					c.out[n0].mod = quant_mod(&c,
					    c.tokidx[n0]);
			i = r;
			continue;
		}
		c.n = n0;
		i++;
	}
	attach_times(&c);
	join_year(&c);
	/* "spalio pabaigoje", "2025 m. pabaigoje" */
	for (r = 0; r < c.n; r++) {
		size_t j = c.tokidx[r];
		int k;
		if (c.out[r].mod || strcmp(c.out[r].type, "DATE") != 0)
			continue;
		while (j < d->ntok && d->tok[j].start < c.out[r].end)
			j++;
		if (j >= d->ntok || (r + 1 < c.n && c.tokidx[r + 1] <= j))
			continue;
		for (k = 0; lt_mods[k]; k++)
			if (strcmp(tok_low(d, j), lt_mods[k]) == 0) {
				c.out[r].mod = lt_modv[k];
				c.out[r].end = d->tok[j].end;
			}
	}
	free(c.tokidx);
	*out = c.out;
	return c.n;
}
