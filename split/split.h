/*
 * split.h: newssplit's internals (not part of lib/: only newssplit uses
 * them).
 *
 * abbrev.c keeps sets of words (abbreviations, sentence starters) in open
 * addressing hash tables; segment.c finds sentence boundaries in one pass
 * over the bytes of a text, asking those sets about the word before a
 * terminator and the word after it.
 */
#ifndef NF_SPLIT_H
#define NF_SPLIT_H

#include <stddef.h>

/* Classes of an abbreviation (data/split/abbrev/LANG.txt, see there). */
enum {
	AB_NONE = 0,
	AB_ORD = 'a',		/* ends a sentence only before a starter */
	AB_NUM = 'n',		/* no break before a number only */
	AB_PRE = 'p',		/* a title: no break before a capital */
	AB_WORD = 's',		/* member of a word list (starters) */
};

/* Keys are stored lower case, without a final period. */
struct wordset {
	char **keys;		/* owned; NULL for an empty slot */
	unsigned char *cls;
	size_t cap;		/* power of two, or 0 */
	size_t len;
};

void wordset_add(struct wordset *ws, const char *w, size_t n, int cls);
/* Class of w[0..n) looked up case-insensitively, or AB_NONE. */
int wordset_get(const struct wordset *ws, const char *w, size_t n);
/*
 * Read a list: one word a line, optionally followed by a TAB and a class
 * letter (a, n, p); '#' starts a comment line; a final period is
 * dropped. Lines without a class get dflt. Returns the number of words
 * added, or -1 if the file cannot be opened (errno set).
 */
long wordset_load(struct wordset *ws, const char *path, int dflt);
void wordset_free(struct wordset *ws);

/* Lower-case w[0..n) into out (at most outsz-1 bytes, NUL-terminated);
 * returns the length, or (size_t)-1 if it does not fit. */
size_t fold_word(const char *w, size_t n, char *out, size_t outsz);

/* The rules for one language. */
struct seg_lang {
	char code[16];
	struct wordset abbrev;
	struct wordset starters;
	int has_starters;
	int weak_starters;	/* ru, uk, lt: the list (our own, short)
				 * decides only after one-letter words and
				 * initials; an abbreviation ends a
				 * sentence before any capital */
	int ordinals;		/* "am 3. Oktober": a number's period is
				 * an ordinal unless a starter follows */
	char soft_stop;		/* ASCII punctuation that ends sentences
				 * in this language before a capital:
				 * ';' (Greek question mark), ':' (the
				 * Armenian full stop as often typed) */
};

/* Load the rules for a language code ("en", "de-AT"); unknown languages
 * get the generic rules (no abbreviation list). user is an extra list
 * (-a FILE) or NULL. Never fails: a missing data file is noted once. */
void seg_lang_load(struct seg_lang *L, const char *code, const char *user);
void seg_lang_free(struct seg_lang *L);
/* The normalized code: "de-AT" -> "de"; "" for anything but letters. */
void seg_lang_code(const char *code, char out[16]);

/* Called once a sentence, with byte offsets into the text given to
 * seg_text(); white space around a sentence is never included. */
typedef void (*seg_emit_fn)(void *arg, size_t start, size_t end);

/*
 * Split s[0..n) (UTF-8) into sentences. A line break ends a paragraph,
 * and so a sentence, unless it sits inside running text (a lower-case
 * word on each side, see soft_break() in segment.c); with wrapped set
 * only a blank line does, and single line breaks count as spaces. Linear
 * in n, no allocation.
 */
void seg_text(const struct seg_lang *L, const char *s, size_t n, int wrapped,
    seg_emit_fn emit, void *arg);

#endif
