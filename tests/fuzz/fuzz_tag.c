/*
 * libFuzzer target: newstag's tokeniser, temporal expressions (finding
 * and resolution against an anchor date) and named entities on arbitrary
 * text, through the calls tag.c makes: doc_tokenize, dates_find,
 * entities_find, entities_link.
 *
 * Input: byte 0 chooses the language (low three bits; one of them is no
 * language), the anchor date (bits 3-4: a fixed date, a leap day, the
 * first and the last day date_parse accepts) and whether sentence starts
 * are given (bit 5, as a record's "sentences" would give them; bytes 1-8
 * then place up to eight of them). The rest is the text, made valid NFC
 * UTF-8 with utf8_clean() as newstag does. Separately, the first bytes
 * are given to date_parse(), as a record's "date" field would be.
 *
 * Invariants (abort() on failure):
 *   - tokens: start < end <= len, in order, not overlapping, on code point
 *     boundaries; a known kind; a non-empty lower-cased form inside
 *     doc.lower;
 *   - temporal expressions: start < end <= len, on code point boundaries,
 *     in text order and not overlapping (dates_find's contract), a known
 *     type, a non-empty NUL-terminated value of printable ASCII;
 *   - entities: start < end <= len, on code point boundaries, in text
 *     order, a known type, an id "TYPE:name" with a non-empty name, and
 *     never overlapping a temporal expression (entities_find's contract).
 *
 * Built with -DFUZZ_DEBUG it prints the expressions and entities it finds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "nf.h"
#include "utf8.h"
#include "tag.h"
#include "fuzz.h"

static const char *langs[8] = {
	"en", "de", "ru", "lt", "uk", "fr", NULL, "xx"
};

static const struct date anchors[4] = {
	{2025, 11, 22}, {2024, 2, 29}, {1, 1, 1}, {9999, 12, 31}
};

static int
boundary(const char *s, size_t n, size_t i)
{
	return i == 0 || i >= n || ((unsigned char)s[i] & 0xC0) != 0x80;
}

static int
span_ok(const char *s, size_t n, size_t b, size_t e)
{
	return b < e && e <= n && boundary(s, n, b) && boundary(s, n, e);
}

static void
check_tokens(const struct doc *d)
{
	size_t i, prev = 0;

	for (i = 0; i < d->ntok; i++) {
		const struct token *t = &d->tok[i];

		if (!span_ok(d->text, d->len, t->start, t->end) ||
		    t->start < prev)
			abort();
		if (t->kind != TK_WORD && t->kind != TK_NUM &&
		    t->kind != TK_PUNCT)
			abort();
		if (t->low >= d->lowerlen || tok_low(d, i)[0] == '\0')
			abort();
		if (tok_len(d, i) != t->end - t->start)
			abort();
		prev = t->end;
	}
}

static void
check_timex(const struct doc *d, const struct timex *tx, size_t n)
{
	size_t i, k, prev = 0;

	for (i = 0; i < n; i++) {
		const struct timex *t = &tx[i];
		size_t vl = strnlen(t->value, sizeof t->value);

		if (!span_ok(d->text, d->len, t->start, t->end) ||
		    t->start < prev)
			abort();
		if (t->type == NULL || (strcmp(t->type, "DATE") != 0 &&
		    strcmp(t->type, "TIME") != 0 &&
		    strcmp(t->type, "DURATION") != 0 &&
		    strcmp(t->type, "SET") != 0))
			abort();
		if (vl == 0 || vl >= sizeof t->value)
			abort();
		for (k = 0; k < vl; k++)
			if (t->value[k] <= ' ' || t->value[k] > '~')
				abort();
		if (t->mod != NULL && t->mod[0] == '\0')
			abort();
		prev = t->end;
	}
}

static void
check_entities(const struct doc *d, const struct entity *e, size_t n,
    const struct timex *tx, size_t ntx)
{
	size_t i, j, tl, prev = 0;

	for (i = 0; i < n; i++) {
		if (!span_ok(d->text, d->len, e[i].start, e[i].end) ||
		    e[i].start < prev)
			abort();
		if (e[i].type == NULL || (strcmp(e[i].type, "PER") != 0 &&
		    strcmp(e[i].type, "ORG") != 0 &&
		    strcmp(e[i].type, "LOC") != 0 &&
		    strcmp(e[i].type, "MISC") != 0))
			abort();
		tl = strlen(e[i].type);
		if (e[i].id == NULL || strncmp(e[i].id, e[i].type, tl) != 0 ||
		    e[i].id[tl] != ':' || e[i].id[tl + 1] == '\0')
			abort();
		for (j = 0; j < ntx; j++)
			if (e[i].start < tx[j].end && tx[j].start < e[i].end)
				abort();
		prev = e[i].start;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct buf clean;
	struct doc d;
	struct timex *tx = NULL;
	struct entity *en = NULL;
	struct date anchor, parsed;
	size_t ntx, nen, nsent = 0, sent[8], hdr = 1, i;
	const char *lang;
	char ds[32];

	if (size < 1)
		return 0;
	lang = langs[data[0] & 7];
	anchor = anchors[(data[0] >> 3) & 3];
	if (data[0] & 0x20)
		hdr = size < 9 ? size : 9;

	/* A record's "date": date_parse must accept only real days. */
	memcpy(ds, data, size < sizeof ds - 1 ? size : sizeof ds - 1);
	ds[size < sizeof ds - 1 ? size : sizeof ds - 1] = '\0';
	if (date_parse(ds, &parsed) && (parsed.y < 1 || parsed.y > 9999 ||
	    parsed.m < 1 || parsed.m > 12 || parsed.d < 1 || parsed.d > 31))
		abort();

	buf_reset(&clean);
	utf8_clean(&clean, (const char *)data + hdr, size - hdr);
	if (!utf8_valid(clean.p ? clean.p : "", clean.len))
		abort();
	if (data[0] & 0x20) {
		/* sentence starts: code point offsets, sorted, converted the
		 * way tag.c's sentence_starts() does (duplicates and the end
		 * of the text allowed) */
		size_t ncp = utf8_cpcount(clean.p ? clean.p : "", clean.len);
		struct utf8_cursor cur = {clean.p ? clean.p : "", clean.len, 0, 0};
		size_t cps[8], k;

		for (i = 1; i < hdr; i++) {
			size_t v = data[i] % (ncp + 1);

			for (k = nsent; k > 0 && cps[k - 1] > v; k--)
				cps[k] = cps[k - 1];
			cps[k] = v;
			nsent++;
		}
		for (i = 0; i < nsent; i++)
			sent[i] = utf8_cursor_byte(&cur, cps[i]);
	}

	doc_tokenize(&d, clean.p ? clean.p : "", clean.len,
	    (data[0] & 0x20) ? sent : NULL, nsent);
	d.lang = lang;
	check_tokens(&d);
	ntx = dates_find(&d, anchor, &tx);
	check_timex(&d, tx, ntx);
	nen = entities_find(&d, tx, ntx, &en);
	entities_link(&d, en, nen);
	check_entities(&d, en, nen, tx, ntx);
#ifdef FUZZ_DEBUG
	for (i = 0; i < ntx; i++)
		fprintf(stderr, "T %s %s [%.*s]\n", tx[i].type, tx[i].value,
		    (int)(tx[i].end - tx[i].start), d.text + tx[i].start);
	for (i = 0; i < nen; i++)
		fprintf(stderr, "E %s [%.*s]\n", en[i].id,
		    (int)(en[i].end - en[i].start), d.text + en[i].start);
#endif
	free(tx);
	entities_free(en, nen);
	doc_free(&d);
	return 0;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	nf_init("fuzz_tag");
	nf_errfp = fopen("/dev/null", "w");
	gaz_load();	/* finds data/tag next to build-fuzz/ */
	dates_init();
	return 0;
}
