/*
 * utf8.h: UTF-8 helpers on utf8proc.
 *
 * Text in newsfilters is UTF-8 in NFC. Offsets in JSON records are Unicode
 * code point offsets; inside C code we work with byte offsets and convert
 * with utf8_cpcount()/struct utf8_cursor.
 */
#ifndef NF_UTF8_H
#define NF_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"

/* Decode the code point at s[*i] (n bytes in all) and advance *i. An
 * invalid or truncated sequence decodes as -1 and advances past its
 * maximal subpart (the bytes that could have begun a valid sequence). */
int32_t utf8_next(const char *s, size_t n, size_t *i);
/* Encode cp (<= 0x10FFFF) into out (4 bytes room); returns its length. */
int utf8_encode(int32_t cp, char *out);

/* 1 if s[0..n) is valid UTF-8 (no surrogates, no overlongs), else 0. */
int utf8_valid(const char *s, size_t n);
/* Append s to out with every invalid sequence replaced by U+FFFD and NUL
 * bytes dropped; returns the number of repairs made. */
size_t utf8_repair(struct buf *out, const char *s, size_t n);
/* Append the NFC form of valid UTF-8 s to out (ASCII is copied as is). */
void utf8_nfc(struct buf *out, const char *s, size_t n);
/* Repair then NFC in one call: the normal way in for outside text.
 * Returns the number of repairs. */
size_t utf8_clean(struct buf *out, const char *s, size_t n);

/* Number of code points in s[0..n) (valid UTF-8 assumed). */
size_t utf8_cpcount(const char *s, size_t n);

/*
 * Byte-to-code-point offset conversion for increasing byte offsets, in
 * time linear in the text overall: set c = {s, n} once, then call
 * utf8_cursor_cp(&c, byte) with non-decreasing byte offsets. A smaller
 * offset than the last one restarts from the beginning (still correct).
 */
struct utf8_cursor {
	const char *s;
	size_t n;
	size_t byte;	/* last position */
	size_t cp;	/* its code point offset */
};
size_t utf8_cursor_cp(struct utf8_cursor *c, size_t byte);
/* The inverse: byte offset of code point offset cp (same rules). */
size_t utf8_cursor_byte(struct utf8_cursor *c, size_t cp);

/* utf8proc's category helpers on a code point. */
int utf8_isalpha(int32_t cp);
int utf8_isupper(int32_t cp);
int utf8_islower(int32_t cp);
int utf8_isdigit(int32_t cp);
int utf8_isspace(int32_t cp);	/* Zs, Zl, Zp and \t \n \v \f \r, U+0085 */
int utf8_ispunct(int32_t cp);
int32_t utf8_tolower(int32_t cp);
int32_t utf8_toupper(int32_t cp);
/* Append s lower-cased (simple one-to-one mappings) to out. */
void utf8_lower(struct buf *out, const char *s, size_t n);

#endif
