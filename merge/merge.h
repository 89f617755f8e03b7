/*
 * merge.h: newsmerge's internals, shared by merge.c (the run), corpus.c
 * (the corpus directory) and index.c (document keys and the hash index).
 */
#ifndef NF_MERGE_H
#define NF_MERGE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <jansson.h>

#include "buf.h"

/*
 * A document key: the first 128 bits of SHA-1 over a kind byte and the
 * key material. 'T' keys hash the normalised text (exact duplicates), 'I'
 * keys hash the document id (the same URL fetched again). 128 bits keep
 * the chance of any collision below 1e-18 even for 10^10 documents; a
 * 64-bit hash would reach 1% near 6e8 documents, a few years of a large
 * crawl.
 */
#define KEY_LEN 16
struct key {
	unsigned char b[KEY_LEN];
};

enum { KIND_TEXT = 'T', KIND_ID = 'I', KIND_BAND = 'B', KIND_SENT = 'S' };

/*
 * Version of the text normalisation below. It is stored in the index
 * header: an index built with another normalisation is rebuilt from the
 * documents, since its text keys would no longer match.
 */
#define KEY_NORM_VERSION 3	/* 2: band and sentence keys (near.c);
				 * 3: word hashes 8 bytes a step */

/*
 * Normalise text for exact-duplicate detection: NFC, lower case
 * (utf8_lower's case folding), every run of white space one space, no
 * space at either end, typographic quotes, apostrophes and dashes folded to
 * their ASCII forms, soft hyphens and zero-width characters dropped.
 * Appends to out; text must be valid UTF-8.
 */
void key_normalize(struct buf *out, const char *text, size_t len);
/* Text key of text (normalised with key_normalize, using tmp as scratch).
 * Returns 0 if the normalised text is empty (no key). */
int key_text(struct key *k, struct buf *tmp, const char *text, size_t len);
void key_id(struct key *k, const char *id, size_t len);

/*
 * One index entry, as stored on disk (host byte order; the file header
 * records the byte order and the index is rebuilt on a mismatch). What
 * the key names is in the segment's document table: every key of one
 * document (text, id, 21 bands, its sentences: 30 or so) points at one
 * struct idoc, so the offset, version and id string are stored once a
 * document and not once a key. 24 bytes where a self-contained entry
 * took 48 plus its id: the bench's index went from 1,811 to 870 bytes a
 * document (1,000 documents) and from 1,672 to 815 (200,000).
 */
struct ient {
	unsigned char key[KEY_LEN];
	uint32_t doc;		/* ordinal in the segment's document table */
	uint32_t kind;		/* KIND_TEXT, KIND_ID, KIND_BAND, KIND_SENT */
};

/* A document an index segment names. */
struct idoc {
	uint64_t doc_off;	/* offset of the document's line in documents.jsonl */
	uint32_t id_off;	/* the id string, in the segment's pool */
	uint32_t id_len;
	uint32_t version;	/* the document's version (1, 2, ...) */
	uint32_t pad;
};

/* What a lookup finds: the entry and its id string (valid until the
 * index changes). */
struct ifound {
	uint64_t doc_off;
	const char *id;
	size_t id_len;
	uint32_t version;
};

/* Longest id accepted: ids are URLs' hashes, or URLs. */
#define ID_MAX 4096

struct segment;

/*
 * The index: an append-only file of sorted segments (mapped read-only)
 * plus an in-memory table of the keys added since the last segment was
 * written. See index.c for the file format.
 */
struct index {
	char *path;		/* DIR/index */
	char *tailpath;		/* DIR/index.tail, the merge journal */
	int fd;
	unsigned char *map;	/* the file, mapped */
	size_t maplen;
	struct segment *seg;
	size_t nseg;
	uint64_t covered;	/* documents.jsonl bytes the segments cover */
	/* the run table */
	struct ient *run;
	size_t nrun, caprun;
	struct idoc *rdoc;	/* the run entries' documents */
	size_t nrdoc, caprdoc;
	uint32_t *slot;		/* open addressing: run index + 1, 0 empty */
	size_t nslot;
	struct buf pool;	/* id strings of run entries */
};

/* Open DIR/index, apply or drop a merge journal, check the header and cut
 * a torn last segment. Rebuilds (empties) the index if it is unusable. */
void index_open(struct index *ix, const char *dir);
/* Drop every segment (for --reindex or an index that covers too much). */
void index_reset(struct index *ix);
void index_close(struct index *ix);
/* Add a key to the run table. For KIND_ID an existing entry is replaced
 * when version is not lower (the newest version wins). */
void index_add(struct index *ix, const struct key *k, int kind,
    uint64_t doc_off, const char *id, size_t id_len, uint32_t version);
/* Look k up in the run table, then the segments newest first. 1 if found. */
int index_find(struct index *ix, const struct key *k, struct ifound *f);
/* Number of entries in the run table; whether it is due to be flushed. */
size_t index_pending(const struct index *ix);
int index_full(const struct index *ix);
/* Write the run table as a new segment covering documents up to
 * docs_end, sync it, and merge segments of similar size. */
void index_flush(struct index *ix, uint64_t docs_end);
/* Number of segments (for -v). */
size_t index_nseg(const struct index *ix);
/* Checksum of index segments and the merge journal. */
uint64_t index_sum(const void *data, size_t len);

/* The corpus directory. */
struct corpus {
	char *dir;
	char *docpath;		/* the documents file appended to */
	char *duppath;		/* DIR/duplicates.jsonl */
	int lockfd;
	int docfd;		/* O_APPEND */
	int dupfd;		/* O_APPEND */
	uint64_t docsize;	/* bytes of all documents files */
	unsigned nfiles;	/* documents.jsonl, documents-0002.jsonl, ... */
	uint64_t lastbase;	/* docsize before the last file */
	uint64_t rotate;	/* start a new file past this size */
	uint64_t *base;		/* base[i]: offset where file i + 1 starts */
	int *rfd;		/* read descriptors of the files, -1 unopened */
	unsigned nrfd;
	struct index ix;
	unsigned long ndocs_indexed;	/* documents indexed while opening */
};

enum { CORPUS_WAIT = 1, CORPUS_REINDEX = 2 };

/* Create DIR if missing, lock it, repair torn tails, bring the index up
 * to date with the documents. Fatal errors die. */
void corpus_open(struct corpus *c, const char *dir, int flags, uint64_t rotate);
/* Name of documents file number i (from 1), malloc'd. */
char *corpus_docfile(const char *dir, unsigned i);
/* Append a batch: docs (complete lines) to documents.jsonl, synced, then
 * dups to duplicates.jsonl, synced. Dies on I/O errors. */
void corpus_commit(struct corpus *c, const struct buf *docs,
    const struct buf *dups);
/* Write the pending index entries, release the lock, close. */
void corpus_close(struct corpus *c);
/* Keys of one stored or incoming document: adds its text and id keys to
 * the index at doc_off. Used when indexing documents already stored. */
int corpus_index_line(struct corpus *c, const char *line, size_t len,
    uint64_t off);

/* Id for a document without one: url_id() of its url, else the first 16
 * hex digits of its text key. */
void derive_id(json_t *obj, const struct key *tk, char out[33]);

/*
 * Fault injection for the crash tests: with NEWSMERGE_CRASH_AT=NAME in the
 * environment, the run kills itself with SIGKILL at the point NAME
 * (crash_at), or after writing only half of what it writes there
 * (crash_torn returns the length to write, and crash_at follows).
 */
void crash_at(const char *name);
size_t crash_torn(const char *name, size_t len);

/* ---- near.c: near duplicates and repeated sentences ---- */

/* Words a shingle, MinHash bins, LSH bands of MH_ROWS bins (see near.c
 * for the measurements behind them). Changing them changes the index:
 * bump KEY_NORM_VERSION. */
#define SHINGLE_WORDS 5
#define MH_BANDS 21
#define MH_ROWS 3
#define MH_K (MH_BANDS * MH_ROWS)
/* Normalised sentences shorter than this are not keyed. */
#define SENT_MIN 20
/* Default --threshold: containment of the smaller document's shingles. */
#define NEAR_THRESHOLD 0.7

/* Shingle hashes of a text, in text order until shingle_similarity()
 * sorts them. */
struct shingles {
	uint64_t *h;
	size_t n, cap;
};
/* Shingle hashes of normalised text (key_normalize's output). */
void shingle_hashes(struct shingles *s, const char *norm, size_t len);
void shingles_free(struct shingles *s);
/* The band keys of a signature; 0 if s has no shingle (no bands). */
int minhash_bands(const struct shingles *s, struct key band[MH_BANDS]);
/* |a and b| / min(|a|, |b|) over the sets; sorts both in place. */
double shingle_similarity(struct shingles *a, struct shingles *b);

/* ---- jscan.c: the fields newsmerge uses, from a line's bytes ---- */

/* One sentence object of "sentences". */
struct jsent {
	size_t toff, tlen;	/* its "text" in jdoc.pool; toff -1: none */
	long long start, end;	/* its offsets, -1 if none */
	size_t close;		/* offset of its '}' in the line (jscan_doc) */
	size_t idx;		/* its index in the "sentences" array */
};

/* What newsmerge reads of a document: the decoded strings "text", "id"
 * and "url", and the sentences. */
struct jdoc {
	struct buf text, id, url, pool;
	struct jsent *s;
	size_t ns, caps;
	int has_text, has_id, has_url;	/* present, and strings */
	int has_version, has_sentences, has_dupof;
};

/*
 * Scan line, one JSON object, into d. 1 if jansson would load it (with
 * JSON_REJECT_DUPLICATES) as the object scanned, so that the line can be
 * written as it is or with sentence marks spliced in; 0 if it must go to
 * jansson (which then names what is wrong, or parses what the scanner
 * leaves to it). The jdoc's buffers are reused between calls.
 */
int jscan_doc(struct jdoc *d, const char *line, size_t len);
/* Fill d from a document jansson loaded (close offsets are 0). */
void jdoc_from_json(struct jdoc *d, json_t *doc);
void jdoc_free(struct jdoc *d);

/* Keys of a document's sentences: k[i] is the key of sentence at[i] of
 * the jdoc's sentences. */
struct sentkeys {
	struct key *k;
	size_t *at;
	size_t n, cap;
};
/* Compute them from d's sentences and text; returns how many. */
size_t sentence_keys(struct sentkeys *sk, const struct jdoc *d);
/*
 * Add a kept document's band and sentence keys to the index, those not
 * there yet: bit b of bandseen set if band b was found by a lookup
 * (BANDS_UNKNOWN: look each up), sentseen[i] if sentence i was (NULL:
 * look each up).
 */
#define BANDS_UNKNOWN 0x80000000u
void doc_add_keys(struct index *ix, const struct key *band, int nband,
    uint32_t bandseen, const struct sentkeys *sk,
    const unsigned char *sentseen, uint64_t off, const char *id,
    size_t idlen);

/* Read the document line at offset off of the documents files into out
 * (without its "\n"). 0 on success, -1 if off is not a line's start. */
int corpus_read_line(struct corpus *c, uint64_t off, struct buf *out);

/* Repair a JSON Lines file whose last line lacks its "\n" (a write torn by
 * a crash): cut it and report it. Returns the new size. */
uint64_t repair_tail(int fd, const char *path);

#endif
