/*
 * charset.c: find a document's charset and convert it to UTF-8.
 *
 * Order of evidence: a byte order mark (it cannot lie), the charset of
 * the HTTP Content-Type, a <meta charset> or <meta http-equiv> in the
 * first 4 KB, and last the bytes themselves: UTF-8 when they decode as
 * UTF-8 (allowing a few broken bytes among many good sequences), else
 * windows-1251 when most letters are bytes 0xC0-0xFF (Cyrillic), else
 * windows-1252, the usual charset of undeclared Western pages. Labels are
 * mapped as browsers map them (WHATWG Encoding): ISO-8859-1 and US-ASCII
 * mean windows-1252, GB2312 means GB18030, and so on. A page declared in
 * a single-byte charset whose bytes are valid UTF-8 with multi-byte
 * sequences is read as UTF-8: a mislabelled UTF-8 page is far more common
 * than a windows-1252 text that happens to decode as UTF-8.
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

#include "nf.h"
#include "buf.h"
#include "utf8.h"
#include "clean.h"

#define SNIFF_BYTES 4096

/* Copy a charset label (letters, digits, - _ . :) from s into cs. */
static int
copy_label(const char *s, const char *end, char *cs, size_t csz)
{
	size_t k = 0;

	while (s < end && (*s == ' ' || *s == '\t' || *s == '"' || *s == '\''))
		s++;
	while (s < end && k + 1 < csz && (isalnum((unsigned char)*s) ||
	    *s == '-' || *s == '_' || *s == '.' || *s == ':'))
		cs[k++] = *s++;
	cs[k] = '\0';
	return k > 0;
}

static const char *
memcasestr(const char *h, size_t n, const char *needle)
{
	size_t m = strlen(needle);

	if (m == 0 || n < m)
		return NULL;
	for (size_t i = 0; i + m <= n; i++)
		if (strncasecmp(h + i, needle, m) == 0)
			return h + i;
	return NULL;
}

int
cs_from_ctype(const char *ctype, char *cs, size_t csz)
{
	const char *p;

	if (ctype == NULL)
		return 0;
	p = memcasestr(ctype, strlen(ctype), "charset");
	if (p == NULL)
		return 0;
	p += 7;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '=')
		return 0;
	return copy_label(p + 1, p + 1 + strlen(p + 1), cs, csz);
}

/* <meta charset=X> or <meta http-equiv=Content-Type content="...;
 * charset=X"> within the first SNIFF_BYTES bytes. */
static int
sniff_meta(const char *p, size_t n, char *cs, size_t csz)
{
	const char *end = p + (n < SNIFF_BYTES ? n : SNIFF_BYTES);
	const char *s = p, *m, *gt, *c;

	while ((m = memcasestr(s, (size_t)(end - s), "<meta")) != NULL) {
		gt = memchr(m, '>', (size_t)(end - m));
		if (gt == NULL)
			gt = end;
		c = memcasestr(m, (size_t)(gt - m), "charset");
		if (c != NULL) {
			c += 7;
			while (c < gt && (*c == ' ' || *c == '\t'))
				c++;
			if (c < gt && *c == '=' &&
			    copy_label(c + 1, gt, cs, csz))
				return 1;
		}
		s = m + 5;
	}
	return 0;
}

/* Map a label to the name iconv should use; "" for "not usable". */
static void
canon_label(const char *label, char *out, size_t outsz)
{
	static const struct { const char *label, *name; } map[] = {
		{ "utf8", "UTF-8" }, { "utf-8", "UTF-8" },
		{ "unicode-1-1-utf-8", "UTF-8" },
		/* WHATWG: a meta that says UTF-16 on an ASCII-compatible
		 * page means UTF-8 */
		{ "utf-16", "UTF-8" }, { "utf-16le", "UTF-8" },
		{ "utf-16be", "UTF-8" },
		{ "iso-8859-1", "WINDOWS-1252" }, { "iso8859-1", "WINDOWS-1252" },
		{ "latin1", "WINDOWS-1252" }, { "l1", "WINDOWS-1252" },
		{ "us-ascii", "WINDOWS-1252" }, { "ascii", "WINDOWS-1252" },
		{ "iso_8859-1", "WINDOWS-1252" }, { "cp1252", "WINDOWS-1252" },
		{ "x-cp1252", "WINDOWS-1252" }, { "cp819", "WINDOWS-1252" },
		{ "iso-8859-9", "WINDOWS-1254" }, { "latin5", "WINDOWS-1254" },
		{ "iso-8859-11", "WINDOWS-874" }, { "tis-620", "WINDOWS-874" },
		{ "gb2312", "GB18030" }, { "gbk", "GB18030" },
		{ "x-gbk", "GB18030" }, { "chinese", "GB18030" },
		{ "ks_c_5601-1987", "CP949" }, { "euc-kr", "CP949" },
		{ "x-sjis", "SHIFT_JIS" }, { "shift-jis", "SHIFT_JIS" },
		{ "ms_kanji", "SHIFT_JIS" }, { "windows-31j", "CP932" },
		{ "x-mac-cyrillic", "MAC-CYRILLIC" }, { "koi8", "KOI8-R" },
		{ "cp1251", "WINDOWS-1251" }, { "x-cp1251", "WINDOWS-1251" },
		{ "cp1250", "WINDOWS-1250" }, { "x-cp1250", "WINDOWS-1250" },
		{ "cp1257", "WINDOWS-1257" }, { "x-user-defined", "WINDOWS-1252" },
	};

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcasecmp(label, map[i].label) == 0) {
			snprintf(out, outsz, "%s", map[i].name);
			return;
		}
	snprintf(out, outsz, "%s", label);
	for (char *q = out; *q; q++)
		*q = (char)toupper((unsigned char)*q);
}

/* Count valid multi-byte sequences and invalid bytes. */
static void
utf8_census(const char *p, size_t n, size_t *mb, size_t *bad)
{
	size_t i = 0;

	*mb = *bad = 0;
	while (i < n) {
		if ((unsigned char)p[i] < 0x80) {
			i++;
			continue;
		}
		if (utf8_next(p, n, &i) < 0)
			(*bad)++;
		else
			(*mb)++;
	}
}

/* Undeclared single-byte text whose letters are mostly bytes 0xC0-0xFF
 * is Cyrillic (windows-1251 puts а-я and А-Я there); Western text in
 * windows-1252 has only its accented letters there, a few percent. */
static int
mostly_high(const char *p, size_t n)
{
	size_t ascii = 0, high = 0;
	int intag = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c == '<')
			intag = 1;
		else if (c == '>')
			intag = 0;
		else if (intag)
			continue;
		else if (c >= 0xC0)
			high++;
		else if (isalpha(c))
			ascii++;
	}
	return high > 20 && high > ascii;
}

static int
single_byte(const char *cs)
{
	return strncasecmp(cs, "WINDOWS-", 8) == 0 ||
	    strncasecmp(cs, "ISO-8859-", 9) == 0 ||
	    strncasecmp(cs, "KOI8", 4) == 0 || strncasecmp(cs, "MAC", 3) == 0;
}

/* Convert with iconv; bytes iconv rejects become U+FFFD. Returns -1 if
 * iconv does not know cs. */
static int
convert(const char *p, size_t n, const char *cs, struct buf *tmp)
{
	iconv_t cd;
	char *in = (char *)p, *o;
	size_t inleft = n, oleft;

	cd = iconv_open("UTF-8", cs);
	if (cd == (iconv_t)-1)
		return -1;
	buf_grow(tmp, 1);
	while (inleft > 0) {
		buf_grow(tmp, inleft * 2 + 64);
		o = tmp->p + tmp->len;
		oleft = tmp->cap - tmp->len - 1;
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);
		tmp->len = (size_t)(o - tmp->p);
		if (r == (size_t)-1) {
			if (errno == E2BIG)
				continue;
			/* EILSEQ or EINVAL (truncated at the end) */
			buf_puts(tmp, "\xEF\xBF\xBD");
			in++;
			inleft--;
			iconv(cd, NULL, NULL, NULL, NULL);
		}
	}
	iconv_close(cd);
	tmp->p[tmp->len] = '\0';
	return 0;
}

int
cs_decode(const char *p, size_t n, const char *http_ctype, struct buf *out,
    char *cs)
{
	char label[64] = "";
	struct buf tmp = {0};
	size_t mb, bad;
	int ret = 0;

	cs[0] = '\0';
	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		p += 3, n -= 3;
		strcpy(cs, "UTF-8");
	} else if (n >= 2 && memcmp(p, "\xFF\xFE", 2) == 0) {
		p += 2, n -= 2;
		strcpy(cs, "UTF-16LE");
	} else if (n >= 2 && memcmp(p, "\xFE\xFF", 2) == 0) {
		p += 2, n -= 2;
		strcpy(cs, "UTF-16BE");
	} else if (cs_from_ctype(http_ctype, label, sizeof label) ||
	    sniff_meta(p, n, label, sizeof label)) {
		canon_label(label, cs, 64);
	}

	utf8_census(p, n, &mb, &bad);
	if (cs[0] == '\0')
		strcpy(cs, bad == 0 || (mb > 0 && mb >= bad) ? "UTF-8" :
		    mostly_high(p, n) ? "WINDOWS-1251" : "WINDOWS-1252");
	else if (bad == 0 && mb > 0 && strncmp(cs, "UTF-16", 6) != 0 &&
	    (single_byte(cs) || mb >= 16))
		strcpy(cs, "UTF-8");

	if (strcmp(cs, "UTF-8") == 0) {
		utf8_repair(out, p, n);
		return 0;
	}
	if (convert(p, n, cs, &tmp) < 0) {
		nf_debug("unknown charset %s, using windows-1252", cs);
		strcpy(cs, "WINDOWS-1252");
		buf_reset(&tmp);
		convert(p, n, cs, &tmp);
		ret = -1;
	}
	utf8_repair(out, tmp.p, tmp.len);
	buf_free(&tmp);
	return ret;
}
