/*
 * index.c: document keys and newsmerge's hash index.
 *
 * The index file DIR/index is append-only between merges:
 *
 *	file header	64 bytes: "NFMIDX\0\1", byte-order mark 0x01020304,
 *			format 2, KEY_NORM_VERSION, sizeof(struct ient), and
 *			how many bytes of the file are known to be synced
 *	segment...	64-byte header ("NFMSEG01", number of entries, pool
 *			length, documents bytes covered before and after it,
 *			index_sum of its body, filter length, number of
 *			documents), the entries sorted by key, the document
 *			table the entries point into (struct idoc), the pool
 *			of id strings padded to 8 bytes, then a Bloom filter
 *			of the keys (see bloom_add)
 *
 * Format 1 (before) had no document table: 48-byte entries, each with
 * its own copy of the id; such an index is rebuilt.
 *
 * A run keeps the keys it adds in a hash table in memory and appends them
 * as one sorted segment when it ends (or every INDEX_RUN_MAX entries), after
 * the documents they index were synced. Lookups binary-search the mapped
 * segments, so a run costs O(batch * segments * log corpus) and reads only
 * the pages it touches: it does not load the corpus. To keep the number of
 * segments logarithmic, the last two are merged while the older one is not
 * more than twice as large as the newer (so each entry is rewritten
 * O(log n) times overall). A merge writes the merged tail to
 * DIR/index.tail first, syncs it, then copies it over the tail of the
 * index: a crash at any point leaves either the old tail intact (the
 * journal is dropped if torn) or a complete journal that the next run
 * applies again.
 *
 * The documents bytes covered by the last segment tell the next run where
 * to resume: documents appended but not yet indexed (a run killed after
 * its batch was synced) are indexed from the documents files when the
 * corpus is opened. Only a segment past the synced mark of the header can
 * be torn by a crash, so only such a segment's checksum is verified:
 * opening the index costs O(segments), not O(corpus).
 *
 * Entries carry a kind and the document's offset, so further key kinds
 * (near-duplicate band keys, sentence hashes) can share the segments; a
 * merge that doubles a segment costs O(its size), amortised O(log n) per
 * entry, though the one run that does it is slower than its neighbours.
 */
#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nf.h"
#include "buf.h"
#include "fsutil.h"
#include "sha1.h"
#include "utf8.h"
#include "merge.h"

_Static_assert(sizeof(struct ient) == 24, "index entry layout");
_Static_assert(sizeof(struct idoc) == 24, "index document layout");

#define HDR_LEN 64
#define SEG_HDR_LEN 64
#define IDX_MAGIC "NFMIDX\0\1"
#define SEG_MAGIC "NFMSEG01"
#define TAIL_MAGIC "NFMTAIL2"	/* 2: index_sum, not hash64 */
#define IDX_FORMAT 2	/* 2: document table, 24-byte entries */
#define BOM 0x01020304u
/*
 * Flush the run table as a segment past this many entries: 2^21 of 24
 * bytes and their hash slots take about 85 MB (2^20 entries of 48 bytes
 * took 65 MB); a bulk load of 200,000 documents (7 million keys) writes 4
 * segments instead of 7, and merges less.
 */
#define INDEX_RUN_MAX (1u << 21)
/* ... or past this many bytes of ids (pools are addressed with 32 bits). */
#define INDEX_POOL_MAX (1u << 30)

struct fhdr {
	char magic[8];
	uint32_t bom, format, normver, entsize;
	uint64_t synced;	/* file bytes known synced: not re-checked */
	char pad[HDR_LEN - 32];
};

struct shdr {
	char magic[8];
	uint64_t nent;
	uint64_t pool_len;	/* padded to 8 */
	uint64_t docs_start;
	uint64_t docs_end;
	uint64_t sum;		/* index_sum of entries, pool and filter */
	uint64_t filter_len;	/* bytes of Bloom filter after the pool */
	uint64_t ndoc;		/* entries of the document table */
};

struct thdr {			/* the merge journal's header */
	char magic[8];
	uint64_t dest;		/* offset in the index of the merged tail */
	uint64_t len;
	uint64_t sum;
	char pad[SEG_HDR_LEN - 32];
};

_Static_assert(sizeof(struct fhdr) == HDR_LEN, "header layout");
_Static_assert(sizeof(struct shdr) == SEG_HDR_LEN, "segment header layout");
_Static_assert(sizeof(struct thdr) == SEG_HDR_LEN, "journal header layout");

struct segment {
	uint64_t off;		/* of its header in the file */
	uint64_t len;		/* header + entries + pool */
	struct shdr h;
	const struct ient *ent;
	const struct idoc *doc;
	const char *pool;
	const unsigned char *filter;	/* nblk blocks of 64 bytes, or none */
	uint64_t nblk;
};

/* ---- keys ---- */

static uint64_t
be64(uint64_t x)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return x;
#else
	return __builtin_bswap64(x);
#endif
}

/*
 * memcmp(x, y, KEY_LEN) as two big-endian words: lookups and sorts
 * compare keys millions of times a run, and the memcmp calls were a fifth
 * of a batch's time (perf, bench's merge section).
 */
static inline int
key_cmp(const unsigned char *x, const unsigned char *y)
{
	uint64_t u, v;

	memcpy(&u, x, 8);
	memcpy(&v, y, 8);
	if (u == v) {
		memcpy(&u, x + 8, 8);
		memcpy(&v, y + 8, 8);
		if (u == v)
			return 0;
	}
	u = be64(u);
	v = be64(v);
	return u < v ? -1 : 1;
}

static inline int
key_eq(const unsigned char *x, const unsigned char *y)
{
	uint64_t a[2], b[2];

	memcpy(a, x, 16);
	memcpy(b, y, 16);
	return a[0] == b[0] && a[1] == b[1];
}

static const unsigned char ascii_space[128] = {
	['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1,
};

/* The ASCII form a quote, apostrophe or dash folds to, 0 to drop the
 * character, -1 to keep it. */
static int32_t
fold_cp(int32_t cp)
{
	switch (cp) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2039:
	case 0x203A: case 0x2032: case 0x00B4: case 0x0060: case 0x02BC:
	case 0xFF07:
		return '\'';
	case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB:
	case 0x00BB: case 0x2033: case 0x301D: case 0x301E: case 0xFF02:
		return '"';
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
		return '-';
	case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060:
	case 0xFEFF:
		return 0;
	}
	return -1;
}

#include "nfcsafe.h"

/*
 * Whether text with cp may change under NFC: cp is not in nfc_safe, the
 * ranges of code points NFC leaves alone in any context (generated by
 * merge/mknfcsafe.py). Text without such code points skips utf8_nfc().
 */
static int
may_need_nfc(int32_t cp)
{
	size_t lo = 0, hi = sizeof nfc_safe / sizeof nfc_safe[0];

	if (cp < 0x300)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if ((uint32_t)cp < nfc_safe[mid][0])
			hi = mid;
		else if ((uint32_t)cp > nfc_safe[mid][1])
			lo = mid + 1;
		else
			return 0;
	}
	return 1;
}

#define ONES 0x0101010101010101ULL

/* Whether a byte of x is 0 (the classic test: exact for "any"). */
static inline int
has_zero(uint64_t x)
{
	return ((x - ONES) & ~x & ONES * 0x80) != 0;
}

/*
 * Lower-case, collapse and fold valid UTF-8 s into out, as utf8_lower()
 * then the folding would; out must have room for 4 * n bytes (a lower
 * case form can be longer than its capital). Returns 0 without finishing
 * if nfc is set and a code point may need NFC first.
 */
static int
fold_text(struct buf *out, const char *s, size_t n, int nfc)
{
	size_t i = 0, start = out->len;
	char *o = out->p + out->len;
	int space = 0;

	while (i < n) {
		unsigned char ch = s[i];
		int32_t cp, f;

		/*
		 * Eight bytes at once while they are printable ASCII with
		 * single spaces, the bulk of most texts: lowered in one go,
		 * copied as they are otherwise. A chunk that ends in a space
		 * takes the byte path, so that no run of spaces straddles
		 * two chunks. fold_text was a quarter of a run (perf).
		 */
		if (!space && o > out->p + start && n - i >= 8 && s[i + 7] != ' ') {
			uint64_t x, z, up;
			memcpy(&x, s + i, 8);
			z = x ^ (ONES * ' ');
			z = ~(((z & (ONES * 0x7F)) + ONES * 0x7F) | z | ONES * 0x7F);
			if (((x | ((x - ONES * 0x20) & ~x)) & ONES * 0x80) == 0 &&
			    !(z & (z << 8)) && !has_zero(x ^ (ONES * '`'))) {
				/* high bit of each byte from 'A' to 'Z' */
				up = (x + ONES * (0x80 - 'A')) &
				    ~(x + ONES * (0x80 - 'Z' - 1)) & ONES * 0x80;
				x |= up >> 2;
				memcpy(o, &x, 8);
				o += 8;
				i += 8;
				continue;
			}
		}
		if (ch < 0x80) {
			i++;
			if (ascii_space[ch]) {
				space = 1;
				continue;
			}
			if (space && o > out->p + start)
				*o++ = ' ';
			space = 0;
			if (ch >= 'A' && ch <= 'Z')
				ch += 'a' - 'A';
			else if (ch == '`')
				ch = '\'';
			*o++ = (char)ch;
			continue;
		}
		cp = utf8_next(s, n, &i);
		if (cp < 0)
			cp = 0xFFFD;
		/*
		 * The quotes, dashes and format characters fold_cp() folds
		 * are none of them white space, and below U+1680 only U+0085
		 * and U+00A0 are: utf8proc's category look-up, 5% of a run
		 * (perf), only for what may be a space.
		 */
		f = fold_cp(cp);
		if (f < 0 && (cp >= 0x1680 || cp == 0x85 || cp == 0xA0) &&
		    utf8_isspace(cp)) {
			space = 1;
			continue;
		}
		if (nfc && may_need_nfc(cp))
			return 0;
		if (f == 0)
			continue;
		if (space && o > out->p + start)
			*o++ = ' ';
		space = 0;
		if (f > 0)
			*o++ = (char)f;
		else
			o += utf8_encode(utf8_tolower(cp), o);
	}
	out->len = (size_t)(o - out->p);
	out->p[out->len] = '\0';
	return 1;
}

void
key_normalize(struct buf *out, const char *text, size_t len)
{
	static struct buf nfc;
	size_t start = out->len;

	buf_grow(out, 4 * len + 4);
	if (fold_text(out, text, len, 1))
		return;
	/* Some code point may compose or decompose: NFC first. */
	out->len = start;
	buf_reset(&nfc);
	utf8_nfc(&nfc, text, len);
	buf_grow(out, 4 * nfc.len + 4);
	fold_text(out, nfc.p, nfc.len, 0);
}

int
key_text(struct key *k, struct buf *tmp, const char *text, size_t len)
{
	unsigned char h[20];
	struct sha1 s;

	buf_reset(tmp);
	key_normalize(tmp, text, len);
	if (tmp->len == 0)
		return 0;
	sha1_init(&s);
	sha1_update(&s, "T", 1);
	sha1_update(&s, tmp->p, tmp->len);
	sha1_final(&s, h);
	memcpy(k->b, h, KEY_LEN);
	return 1;
}

void
key_id(struct key *k, const char *id, size_t len)
{
	unsigned char h[20];
	struct sha1 s;

	sha1_init(&s);
	sha1_update(&s, "I", 1);
	sha1_update(&s, id, len);
	sha1_final(&s, h);
	memcpy(k->b, h, KEY_LEN);
}

/* ---- the file ---- */

static void
sync_or_die(int fd, const char *path)
{
	if (fdatasync(fd) < 0)
		nf_dieerr("%s: sync", path);
}

static void
pwrite_or_die(int fd, const void *p, size_t n, uint64_t off, const char *path)
{
	const char *s = p;

	while (n > 0) {
		ssize_t w = pwrite(fd, s, n, (off_t)off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			nf_dieerr("%s: write", path);
		}
		s += w;
		n -= (size_t)w;
		off += (uint64_t)w;
	}
}

static void
truncate_or_die(int fd, uint64_t len, const char *path)
{
	if (ftruncate(fd, (off_t)len) < 0)
		nf_dieerr("%s: truncate", path);
}

static void
unmap(struct index *ix)
{
	if (ix->map)
		munmap(ix->map, ix->maplen);
	ix->map = NULL;
	ix->maplen = 0;
}

static void
write_header(struct index *ix)
{
	struct fhdr h;

	memset(&h, 0, sizeof h);
	memcpy(h.magic, IDX_MAGIC, 8);
	h.bom = BOM;
	h.format = IDX_FORMAT;
	h.normver = KEY_NORM_VERSION;
	h.entsize = sizeof(struct ient);
	h.synced = HDR_LEN;
	truncate_or_die(ix->fd, 0, ix->path);
	pwrite_or_die(ix->fd, &h, sizeof h, 0, ix->path);
	sync_or_die(ix->fd, ix->path);
}

/* Record that the first `end` bytes of the file are synced. */
static void
mark_synced(struct index *ix, uint64_t end)
{
	pwrite_or_die(ix->fd, &end, sizeof end, offsetof(struct fhdr, synced),
	    ix->path);
	sync_or_die(ix->fd, ix->path);
}

static inline uint64_t
rotl64(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

/*
 * Checksum of segments and of the merge journal: it only has to tell a
 * torn or half-synced write from a whole one. Four lanes of 8-byte words,
 * so that a merge of a large segment does not wait on one multiply a
 * byte: hash64() (byte-wise FNV) was 8% of a 200,000-document run (perf).
 */
uint64_t
index_sum(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t v[4] = { 0x9E3779B97F4A7C15ULL ^ len, 0xC2B2AE3D27D4EB4FULL,
	    0x165667B19E3779F9ULL, 0x27D4EB2F165667C5ULL }, x, h;
	size_t i = 0;
	int l;

	for (; len - i >= 32; i += 32)
		for (l = 0; l < 4; l++) {
			memcpy(&x, p + i + 8 * l, 8);
			v[l] = rotl64(v[l] ^ (x * 0x87c37b91114253d5ULL), 31) *
			    0x4cf5ad432745937fULL;
		}
	for (l = 0; len - i >= 8; i += 8, l = (l + 1) & 3) {
		memcpy(&x, p + i, 8);
		v[l] = rotl64(v[l] ^ (x * 0x87c37b91114253d5ULL), 31) *
		    0x4cf5ad432745937fULL;
	}
	x = 0;
	memcpy(&x, p + i, len - i);
	v[l] = rotl64(v[l] ^ (x * 0x87c37b91114253d5ULL), 31) *
	    0x4cf5ad432745937fULL;
	h = v[0] ^ rotl64(v[1], 17) ^ rotl64(v[2], 31) ^ rotl64(v[3], 47);
	return hash_mix64(h);
}

/*
 * Map the file and walk its segments. A segment that runs past the end
 * of the file, or a last segment whose checksum fails, was torn by a
 * crash: the file is cut before it.
 */
static void
load(struct index *ix)
{
	struct stat st;
	uint64_t off, size, synced;

	unmap(ix);
	free(ix->seg);
	ix->seg = NULL;
	ix->nseg = 0;
	ix->covered = 0;
	if (fstat(ix->fd, &st) < 0)
		nf_dieerr("%s", ix->path);
	size = (uint64_t)st.st_size;
	if (size < HDR_LEN) {
		write_header(ix);
		return;
	}
	ix->map = mmap(NULL, size, PROT_READ, MAP_SHARED, ix->fd, 0);
	if (ix->map == MAP_FAILED) {
		ix->map = NULL;
		nf_dieerr("%s: mmap", ix->path);
	}
	ix->maplen = size;
	{
		const struct fhdr *h = (const void *)ix->map;
		if (memcmp(h->magic, IDX_MAGIC, 8) != 0 || h->bom != BOM ||
		    h->format != IDX_FORMAT || h->entsize != sizeof(struct ient)) {
			nf_warn("%s: not an index of this version, rebuilding", ix->path);
			goto rebuild;
		}
		if (h->normver != KEY_NORM_VERSION) {
			nf_warn("%s: built with text normalisation %u, rebuilding",
			    ix->path, h->normver);
			goto rebuild;
		}
		/* A mark past the end: the file was cut behind our back;
		 * verify everything. */
		synced = h->synced <= size ? h->synced : HDR_LEN;
	}
	for (off = HDR_LEN; off < size;) {
		struct segment s;
		uint64_t body;

		memset(&s, 0, sizeof s);
		if (size - off < SEG_HDR_LEN)
			goto torn;
		memcpy(&s.h, ix->map + off, SEG_HDR_LEN);
		if (memcmp(s.h.magic, SEG_MAGIC, 8) != 0)
			goto torn;
		if (s.h.nent > (size - off) / sizeof(struct ient) ||
		    s.h.ndoc > (size - off) / sizeof(struct idoc) ||
		    s.h.pool_len > size - off || s.h.pool_len % 8 != 0 ||
		    s.h.filter_len > size - off || s.h.filter_len % 64 != 0)
			goto torn;	/* pools are padded: entries stay aligned */
		body = s.h.nent * sizeof(struct ient) +
		    s.h.ndoc * sizeof(struct idoc) + s.h.pool_len +
		    s.h.filter_len;
		if (body > size - off - SEG_HDR_LEN)
			goto torn;
		if (s.h.docs_end < s.h.docs_start || s.h.docs_start < ix->covered)
			goto torn;
		s.off = off;
		s.len = SEG_HDR_LEN + body;
		s.ent = (const void *)(ix->map + off + SEG_HDR_LEN);
		s.doc = (const struct idoc *)(s.ent + s.h.nent);
		s.pool = (const char *)(s.doc + s.h.ndoc);
		s.filter = (const unsigned char *)s.pool + s.h.pool_len;
		s.nblk = s.h.filter_len / 64;
		if (off + s.len > synced &&
		    index_sum(ix->map + off + SEG_HDR_LEN, body) != s.h.sum)
			goto torn;
		ix->seg = xrealloc(ix->seg, (ix->nseg + 1) * sizeof *ix->seg);
		ix->seg[ix->nseg++] = s;
		ix->covered = s.h.docs_end;
		off += s.len;
		continue;
torn:
		nf_warn("%s: torn segment of %llu bytes at %llu repaired",
		    ix->path, (unsigned long long)(size - off),
		    (unsigned long long)off);
		unmap(ix);
		truncate_or_die(ix->fd, off, ix->path);
		sync_or_die(ix->fd, ix->path);
		mark_synced(ix, off);
		load(ix);
		return;
	}
	if (size > synced)
		mark_synced(ix, size);	/* verified above */
	return;
rebuild:
	unmap(ix);
	write_header(ix);
	free(ix->seg);
	ix->seg = NULL;
	ix->nseg = 0;
	ix->covered = 0;
}

/* Apply the merge journal DIR/index.tail if a complete one is there. */
static void
apply_journal(struct index *ix)
{
	struct thdr t;
	size_t len;
	char *p = fs_read_file(ix->tailpath, &len);

	if (p == NULL) {
		if (errno != ENOENT)
			nf_dieerr("%s", ix->tailpath);
		return;
	}
	if (len >= sizeof t) {
		struct stat st;
		memcpy(&t, p, sizeof t);
		if (memcmp(t.magic, TAIL_MAGIC, 8) == 0 &&
		    t.len == len - sizeof t &&
		    index_sum(p + sizeof t, t.len) == t.sum &&
		    fstat(ix->fd, &st) == 0 && t.dest >= HDR_LEN &&
		    t.dest <= (uint64_t)st.st_size) {
			nf_debug("%s: completing an interrupted merge", ix->path);
			pwrite_or_die(ix->fd, p + sizeof t, t.len, t.dest, ix->path);
			truncate_or_die(ix->fd, t.dest + t.len, ix->path);
			sync_or_die(ix->fd, ix->path);
			mark_synced(ix, t.dest + t.len);
		}
	}
	free(p);
	if (unlink(ix->tailpath) < 0)
		nf_dieerr("%s: remove", ix->tailpath);
}

static char *
joinpath(const char *dir, const char *name)
{
	struct buf b = {0};

	buf_printf(&b, "%s/%s", dir, name);
	return buf_detach(&b);
}

void
index_open(struct index *ix, const char *dir)
{
	memset(ix, 0, sizeof *ix);
	ix->path = joinpath(dir, "index");
	ix->tailpath = joinpath(dir, "index.tail");
	ix->fd = open(ix->path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (ix->fd < 0)
		nf_dieerr("%s", ix->path);
	apply_journal(ix);
	load(ix);
}

void
index_reset(struct index *ix)
{
	unmap(ix);
	write_header(ix);
	load(ix);
}

/* ---- the run table ---- */

static uint64_t
key_h(const unsigned char *k)
{
	uint64_t h;

	memcpy(&h, k, sizeof h);	/* already uniformly distributed */
	return h;
}

static void
run_rehash(struct index *ix, size_t nslot)
{
	size_t i;

	free(ix->slot);
	ix->slot = xcalloc(nslot, sizeof *ix->slot);
	ix->nslot = nslot;
	for (i = 0; i < ix->nrun; i++) {
		size_t j = key_h(ix->run[i].key) & (nslot - 1);
		while (ix->slot[j])
			j = (j + 1) & (nslot - 1);
		ix->slot[j] = (uint32_t)(i + 1);
	}
}

/* Slot of k in the run table: holding it, or the empty slot for it. */
static size_t
run_slot(const struct index *ix, const unsigned char *k)
{
	size_t j = key_h(k) & (ix->nslot - 1);

	while (ix->slot[j] && !key_eq(ix->run[ix->slot[j] - 1].key, k))
		j = (j + 1) & (ix->nslot - 1);
	return j;
}

/*
 * Ordinal of the run table's document at doc_off with this id: the last
 * one when the key is the same document's (a document's keys come one
 * after the other), else a new one.
 */
static uint32_t
run_doc(struct index *ix, uint64_t doc_off, const char *id, size_t id_len,
    uint32_t version)
{
	struct idoc *d;

	if (ix->nrdoc) {
		d = &ix->rdoc[ix->nrdoc - 1];
		if (d->doc_off == doc_off && d->id_len == id_len &&
		    (id_len == 0 ||
		    memcmp(ix->pool.p + d->id_off, id, id_len) == 0)) {
			/* sentence and band keys come with version 1 */
			if (version > d->version)
				d->version = version;
			return (uint32_t)(ix->nrdoc - 1);
		}
	}
	if (ix->nrdoc == ix->caprdoc) {
		ix->caprdoc = ix->caprdoc ? ix->caprdoc * 2 : 256;
		ix->rdoc = xrealloc(ix->rdoc, ix->caprdoc * sizeof *ix->rdoc);
	}
	d = &ix->rdoc[ix->nrdoc++];
	memset(d, 0, sizeof *d);
	d->doc_off = doc_off;
	d->id_off = (uint32_t)ix->pool.len;
	d->id_len = (uint32_t)id_len;
	d->version = version;
	buf_append(&ix->pool, id, id_len);
	return (uint32_t)(ix->nrdoc - 1);
}

void
index_add(struct index *ix, const struct key *k, int kind, uint64_t doc_off,
    const char *id, size_t id_len, uint32_t version)
{
	struct ient *e;
	size_t j;

	if (ix->nslot == 0 || (ix->nrun + 1) * 2 > ix->nslot)
		run_rehash(ix, ix->nslot ? ix->nslot * 2 : 1024);
	j = run_slot(ix, k->b);
	if (ix->slot[j]) {
		e = &ix->run[ix->slot[j] - 1];
		if (kind != KIND_ID || version < ix->rdoc[e->doc].version)
			return;		/* the first text, the newest id */
	} else {
		if (ix->nrun == ix->caprun) {
			ix->caprun = ix->caprun ? ix->caprun * 2 : 1024;
			ix->run = xrealloc(ix->run, ix->caprun * sizeof *ix->run);
		}
		e = &ix->run[ix->nrun++];
		ix->slot[j] = (uint32_t)ix->nrun;
	}
	memcpy(e->key, k->b, KEY_LEN);
	e->doc = run_doc(ix, doc_off, id, id_len, version);
	e->kind = (uint32_t)kind;
}

size_t
index_pending(const struct index *ix)
{
	return ix->nrun;
}

size_t
index_nseg(const struct index *ix)
{
	return ix->nseg;
}

/*
 * Fill f from entry e of a table of ndoc documents and its pool. Only a
 * damaged index (a disk error) has an entry that names no document of
 * the table, or an id outside the pool: the key is still found (as the
 * entry says), with an offset that is no line's and an id of "?".
 */
static int
found(struct ifound *f, const struct ient *e, const struct idoc *doc,
    uint64_t ndoc, const char *pool, uint64_t pool_len)
{
	static const struct idoc none = { UINT64_MAX, 0, 0, 1, 0 };
	const struct idoc *d = e->doc < ndoc ? &doc[e->doc] : &none;

	f->doc_off = d->doc_off;
	f->id = pool + d->id_off;
	f->id_len = d->id_len;
	f->version = d->version;
	if ((uint64_t)d->id_off + d->id_len > pool_len || d == &none) {
		f->id = "?";
		f->id_len = 1;
	}
	return 1;
}

/*
 * Each segment carries a blocked Bloom filter of its keys: BLOOM_BITS
 * bits a key, BLOOM_K bits set in one 64-byte block. Most lookups are for
 * keys not in the index (a new document's bands and sentences), and each
 * such key was searched in every segment: a few random pages of each. The
 * filter answers for a segment with one cache line, wrong for about 1% of
 * the keys it has not (then the search runs). Keys are uniform hashes, so
 * their own bits pick the block (bytes 0-7) and the bits (bytes 8-15).
 * Without it a batch of 1,000 into 200,000 documents took twice the CPU
 * of one into 1,000 (bench, merge section); see the man page for after.
 */
#define BLOOM_BITS 10
#define BLOOM_K 6

static void
bloom_at(const unsigned char *k, uint64_t nblk, uint64_t *blk, uint64_t *b)
{
	uint64_t a;

	memcpy(&a, k, 8);
	memcpy(b, k + 8, 8);
	*blk = a % nblk;
}

static void
bloom_add(unsigned char *f, uint64_t nblk, const unsigned char *k)
{
	uint64_t blk, b, w;
	int i;

	bloom_at(k, nblk, &blk, &b);
	for (i = 0; i < BLOOM_K; i++, b >>= 9) {
		unsigned pos = (unsigned)(b & 511);
		unsigned char *p = f + blk * 64 + (pos >> 6) * 8;
		memcpy(&w, p, 8);
		w |= 1ULL << (pos & 63);
		memcpy(p, &w, 8);
	}
}

static int
bloom_has(const unsigned char *f, uint64_t nblk, const unsigned char *k)
{
	uint64_t blk, b, w;
	int i;

	bloom_at(k, nblk, &blk, &b);
	for (i = 0; i < BLOOM_K; i++, b >>= 9) {
		unsigned pos = (unsigned)(b & 511);
		memcpy(&w, f + blk * 64 + (pos >> 6) * 8, 8);
		if (!(w & (1ULL << (pos & 63))))
			return 0;
	}
	return 1;
}

static uint64_t
key_hi(const unsigned char *k)
{
	uint64_t u;

	memcpy(&u, k, 8);
	return be64(u);
}

/*
 * Index of the first entry of s whose key is >= k. Keys are hashes,
 * uniform over their range, so the search interpolates: the first probe
 * lands within about sqrt(n) entries of the key, and a few more finish
 * in the pages around it (O(log log n) probes where a binary search made
 * log2 n, each a cache miss or a page read in a large index: it was a
 * fifth of a batch's time into a 10,000-document corpus). A probe that
 * does not halve the range is followed by a bisection, so an unlucky
 * (or damaged, unsorted) segment costs no more than twice log2 n.
 */
static size_t
seg_lower(const struct segment *s, const unsigned char *k)
{
	size_t lo = 0, hi = s->h.nent;
	uint64_t kk = key_hi(k);
	int bisect = 0;

	while (lo < hi) {
		size_t mid, n = hi - lo;
		if (!bisect && n > 8) {
			uint64_t a = key_hi(s->ent[lo].key);
			uint64_t b = key_hi(s->ent[hi - 1].key);
			if (kk <= a || b <= a)
				mid = lo;
			else if (kk >= b)
				mid = hi - 1;
			else
				mid = lo + (size_t)((long double)(kk - a) /
				    (long double)(b - a) * (long double)(n - 1));
			if (mid >= hi)
				mid = hi - 1;
		} else
			mid = lo + n / 2;
		if (key_cmp(s->ent[mid].key, k) < 0)
			lo = mid + 1;
		else
			hi = mid;
		bisect = !bisect && hi - lo > n / 2;
	}
	return lo;
}

int
index_find(struct index *ix, const struct key *k, struct ifound *f)
{
	size_t i;

	if (ix->nslot) {
		size_t j = run_slot(ix, k->b);
		if (ix->slot[j]) {
			return found(f, &ix->run[ix->slot[j] - 1], ix->rdoc,
			    ix->nrdoc, ix->pool.p, ix->pool.len);
		}
	}
	for (i = ix->nseg; i-- > 0;) {
		const struct segment *s = &ix->seg[i];
		size_t at;

		if (s->nblk && !bloom_has(s->filter, s->nblk, k->b))
			continue;
		at = seg_lower(s, k->b);
		if (at < s->h.nent && key_eq(s->ent[at].key, k->b)) {
			/* The id of several versions can meet in one segment
			 * only if documents were concatenated; the newest
			 * wins, as in the run table. */
			const struct ient *e = &s->ent[at];
			while (at + 1 < s->h.nent &&
			    key_eq(s->ent[at + 1].key, k->b)) {
				at++;
				if (s->ent[at].kind == KIND_ID &&
				    s->ent[at].doc < s->h.ndoc && e->doc < s->h.ndoc &&
				    s->doc[s->ent[at].doc].version >=
				    s->doc[e->doc].version)
					e = &s->ent[at];
			}
			return found(f, e, s->doc, s->h.ndoc, s->pool,
			    s->h.pool_len);
		}
	}
	return 0;
}

/* ---- writing segments ---- */


static int
ent_cmp(const void *a, const void *b)
{
	return key_cmp(((const struct ient *)a)->key,
	    ((const struct ient *)b)->key);
}

/*
 * Sort a run table by key. Keys are uniform hashes, so a counting pass
 * on their top bits puts them in about one bucket each, and each bucket
 * is sorted on its own (insertion; qsort for an unusually full one, so
 * crafted keys cost O(n log n) still). glibc's qsort of the 24-byte
 * entries was a tenth of a 10,000-document run (perf, bench's merge).
 */
static void
ent_sort(struct ient *e, size_t n)
{
	struct ient *tmp;
	size_t *end, nb, i, b, lo;
	int bits = 0;

	if (n < 64) {
		if (n > 1)
			qsort(e, n, sizeof *e, ent_cmp);
		return;
	}
	while (((size_t)1 << bits) < n && bits < 24)
		bits++;
	nb = (size_t)1 << bits;
	end = xcalloc(nb + 1, sizeof *end);
	tmp = xmalloc(n * sizeof *tmp);
	for (i = 0; i < n; i++)
		end[(key_hi(e[i].key) >> (64 - bits)) + 1]++;
	for (b = 1; b <= nb; b++)
		end[b] += end[b - 1];
	for (i = 0; i < n; i++)		/* end[b] moves to bucket b's end */
		tmp[end[key_hi(e[i].key) >> (64 - bits)]++] = e[i];
	for (b = 0, lo = 0; b < nb; lo = end[b++]) {
		size_t hi = end[b], j;
		if (hi - lo > 16) {
			qsort(tmp + lo, hi - lo, sizeof *tmp, ent_cmp);
			continue;
		}
		for (i = lo + 1; i < hi; i++) {
			struct ient x = tmp[i];
			for (j = i; j > lo && key_cmp(tmp[j - 1].key, x.key) > 0; j--)
				tmp[j] = tmp[j - 1];
			tmp[j] = x;
		}
	}
	memcpy(e, tmp, n * sizeof *e);
	free(tmp);
	free(end);
}

/*
 * Build a segment in out from sorted entries, the document table they
 * point into and the pool of ids the documents point into.
 */
static void
seg_build(struct buf *out, const struct ient *ent, size_t n,
    const struct idoc *doc, size_t ndoc, const char *pool, size_t pool_len,
    uint64_t docs_start, uint64_t docs_end)
{
	static const char zero[8];
	struct shdr h;
	size_t i, body, nblk;
	unsigned char *filter;

	memset(&h, 0, sizeof h);
	memcpy(h.magic, SEG_MAGIC, 8);
	h.nent = n;
	h.ndoc = ndoc;
	h.pool_len = (pool_len + 7) / 8 * 8;
	h.docs_start = docs_start;
	h.docs_end = docs_end;
	nblk = n ? (n * BLOOM_BITS + 511) / 512 : 0;
	h.filter_len = nblk * 64;
	buf_reset(out);
	buf_append(out, &h, sizeof h);
	buf_append(out, ent, n * sizeof *ent);
	buf_append(out, doc, ndoc * sizeof *doc);
	buf_append(out, pool, pool_len);
	buf_append(out, zero, h.pool_len - pool_len);
	buf_grow(out, h.filter_len);
	filter = (unsigned char *)out->p + out->len;
	memset(filter, 0, h.filter_len);
	for (i = 0; i < n; i++)
		bloom_add(filter, nblk, ent[i].key);
	out->len += h.filter_len;
	body = out->len - sizeof h;
	h.sum = index_sum(out->p + sizeof h, body);
	memcpy(out->p, &h, sizeof h);
}

/*
 * Merge the last two segments: their entries in key order, an equal key
 * kept once (the older text entry, the newer id entry), written through
 * the journal.
 */
static void
merge_last(struct index *ix)
{
	const struct segment *a = &ix->seg[ix->nseg - 2], *b = &ix->seg[ix->nseg - 1];
	size_t i = 0, j = 0, n = 0;
	struct ient *ent = xmalloc((a->h.nent + b->h.nent) * sizeof *ent + 1);
	struct idoc *doc = xmalloc((a->h.ndoc + b->h.ndoc) * sizeof *doc + 1);
	struct buf pool = {0}, seg = {0}, jr = {0};
	struct thdr t;
	uint64_t dest = a->off;
	uint32_t bdoc = (uint32_t)a->h.ndoc;
	int fd;

	/*
	 * The document tables and pools are concatenated: b's documents
	 * follow a's, and their ids a's pool (padded to 8, so b's offsets
	 * move by a whole pool). A document whose every key was dropped as
	 * a repeat stays in the table; that happens only to repeated ids.
	 */
	memcpy(doc, a->doc, a->h.ndoc * sizeof *doc);
	memcpy(doc + a->h.ndoc, b->doc, b->h.ndoc * sizeof *doc);
	for (i = a->h.ndoc; i < a->h.ndoc + b->h.ndoc; i++)
		doc[i].id_off += (uint32_t)a->h.pool_len;
	buf_append(&pool, a->pool, a->h.pool_len);
	buf_append(&pool, b->pool, b->h.pool_len);
	i = 0;
	while (i < a->h.nent || j < b->h.nent) {
		int c;

		if (i == a->h.nent)
			c = 1;
		else if (j == b->h.nent)
			c = -1;
		else
			c = key_cmp(a->ent[i].key, b->ent[j].key);
		if (c < 0)
			ent[n++] = a->ent[i++];
		else if (c > 0) {
			ent[n] = b->ent[j++];
			ent[n++].doc += bdoc;
		} else if (a->ent[i].kind == KIND_ID) {
			ent[n] = b->ent[j++];
			ent[n++].doc += bdoc;
			i++;
		} else {
			ent[n++] = a->ent[i++];
			j++;
		}
	}
	seg_build(&seg, ent, n, doc, a->h.ndoc + b->h.ndoc,
	    pool.p ? pool.p : "", pool.len, a->h.docs_start, b->h.docs_end);
	free(ent);
	free(doc);
	buf_free(&pool);

	memset(&t, 0, sizeof t);
	memcpy(t.magic, TAIL_MAGIC, 8);
	t.dest = dest;
	t.len = seg.len;
	t.sum = index_sum(seg.p, seg.len);
	buf_append(&jr, &t, sizeof t);
	buf_append(&jr, seg.p, seg.len);
	fd = open(ix->tailpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		nf_dieerr("%s", ix->tailpath);
	{
		/* The first half is synced on its own only when a crash
		 * test tears the journal there. */
		size_t n = crash_torn("journal-torn", jr.len);
		if (fs_write_all(fd, jr.p, n) < 0 ||
		    (n < jr.len ? fsync(fd) : 0, crash_at("journal-torn"),
		    fs_write_all(fd, jr.p + n, jr.len - n)) < 0 || fsync(fd) < 0)
			nf_dieerr("%s: write", ix->tailpath);
	}
	close(fd);
	buf_free(&jr);
	crash_at("journal-synced");

	unmap(ix);
	{
		size_t n = crash_torn("merge-torn", seg.len);
		pwrite_or_die(ix->fd, seg.p, n, dest, ix->path);
		crash_at("merge-torn");
		pwrite_or_die(ix->fd, seg.p + n, seg.len - n, dest + n, ix->path);
	}
	truncate_or_die(ix->fd, dest + seg.len, ix->path);
	sync_or_die(ix->fd, ix->path);
	/*
	 * The mark without a sync, as in index_flush(): the merged tail is
	 * durable, so the mark names synced bytes only. If the old mark
	 * survives instead, it lies past the new end (then everything is
	 * checked) or before or inside the merged segment (then that one
	 * is), never past a segment boundary that is not synced.
	 */
	pwrite_or_die(ix->fd, &(uint64_t){ dest + seg.len }, sizeof(uint64_t),
	    offsetof(struct fhdr, synced), ix->path);
	buf_free(&seg);
	crash_at("merge-copied");
	if (unlink(ix->tailpath) < 0)
		nf_dieerr("%s: remove", ix->tailpath);
	/* The journal must not come back after a crash, once later
	 * segments are appended: sync its removal. */
	{
		char *dir = xstrdup(ix->path), *sl = strrchr(dir, '/');
		int dfd;
		if (sl)
			*sl = '\0';
		dfd = open(sl ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
		free(dir);
	}
	load(ix);
}

void
index_flush(struct index *ix, uint64_t docs_end)
{
	struct buf seg = {0};
	struct stat st;
	uint64_t start = ix->covered;

	if (ix->nrun == 0 && docs_end == ix->covered)
		return;
	if (ix->nrun > 1)	/* ix->run is NULL before the first add */
		ent_sort(ix->run, ix->nrun);
	seg_build(&seg, ix->run, ix->nrun, ix->rdoc, ix->nrdoc,
	    ix->pool.p ? ix->pool.p : "", ix->pool.len, start, docs_end);
	if (fstat(ix->fd, &st) < 0)
		nf_dieerr("%s", ix->path);
	{
		size_t n = crash_torn("index-torn", seg.len);
		pwrite_or_die(ix->fd, seg.p, n, (uint64_t)st.st_size, ix->path);
		crash_at("index-torn");
		pwrite_or_die(ix->fd, seg.p + n, seg.len - n,
		    (uint64_t)st.st_size + n, ix->path);
	}
	sync_or_die(ix->fd, ix->path);
	crash_at("index-synced");
	/*
	 * The mark without a sync of its own: the segment is durable
	 * already, so the mark can only ever name synced bytes; if it is
	 * lost, the next open checks this segment's checksum instead. One
	 * fdatasync less a run (10-20 ms here, a tenth of a batch of 1,000).
	 */
	pwrite_or_die(ix->fd, &(uint64_t){ (uint64_t)st.st_size + seg.len },
	    sizeof(uint64_t), offsetof(struct fhdr, synced), ix->path);
	buf_free(&seg);
	ix->nrun = 0;
	ix->nrdoc = 0;
	buf_reset(&ix->pool);
	if (ix->nslot)
		memset(ix->slot, 0, ix->nslot * sizeof *ix->slot);
	load(ix);
	/* Pools are addressed with 32 bits: merge only below that. */
	while (ix->nseg >= 2 &&
	    ix->seg[ix->nseg - 2].h.nent <= 2 * ix->seg[ix->nseg - 1].h.nent &&
	    ix->seg[ix->nseg - 2].h.pool_len + ix->seg[ix->nseg - 1].h.pool_len <
	    UINT32_MAX)
		merge_last(ix);
}

/* Flush when the run table grows past its bound; called between batches. */
int
index_full(const struct index *ix)
{
	return ix->nrun >= INDEX_RUN_MAX || ix->pool.len >= INDEX_POOL_MAX;
}

void
index_close(struct index *ix)
{
	unmap(ix);
	if (ix->fd >= 0)
		close(ix->fd);
	free(ix->seg);
	free(ix->run);
	free(ix->rdoc);
	free(ix->slot);
	buf_free(&ix->pool);
	free(ix->path);
	free(ix->tailpath);
	memset(ix, 0, sizeof *ix);
	ix->fd = -1;
}
