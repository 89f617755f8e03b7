/*
 * libFuzzer target: newsmerge's corpus directory and on-disk index
 * (merge/corpus.c, merge/index.c) opened, repaired, looked up, appended
 * to and reopened, with the fuzz input as the files a crash (or a disk)
 * left behind. Each run works in a fresh directory under $TMPDIR (or
 * /dev/shm, where fdatasync costs nothing) and removes it.
 *
 * Input layout:
 *   byte 0      flags:
 *                 1   give the index part a valid file header, sort
 *                     the entries of every segment that fits in it and
 *                     fix its checksum, so that mutations reach the
 *                     segments' contents
 *                 2   write a merge journal DIR/index.tail
 *                 4   give the journal a valid header (magic, length,
 *                     checksum; its destination if inside the index,
 *                     else byte 64)
 *                 8   split the documents part in two files,
 *                     documents.jsonl and documents-0002.jsonl
 *                16   open with CORPUS_REINDEX
 *                32   rotate the documents file at every commit
 *                64   the tail of the documents part is not on disk but
 *                     an incoming batch (see below)
 *   bytes 1-2   length of the index part (little endian, cut to what
 *               there is)
 *   bytes 3-4   length of the journal part
 *   bytes 5-6   where the documents part is split (flags 8 and 64)
 *   then        the index part, the journal part, the documents part.
 *
 * A run: write the files, corpus_open() (journal, header, torn
 * segments, torn documents tails, catch-up indexing), look every stored
 * document up, then (flag 64) merge a batch of incoming lines the way
 * merge.c does (exact duplicates by text key, new versions by id key),
 * corpus_commit(), corpus_close(); then open the directory again.
 *
 * Invariants (abort() on failure):
 *   - a line the scanner of merge/jscan.c accepts, jansson loads (with
 *     JSON_REJECT_DUPLICATES), as the same text, id, url and sentences;
 *   - after corpus_open the index covers every document byte, and the
 *     last documents file and duplicates.jsonl end with a line feed;
 *   - when the index was built from the documents alone (no index part,
 *     or flag 16), every stored document is found by its text and id
 *     keys, and the text key leads to a line with that text key;
 *   - the second open has nothing to repair or index and says nothing;
 *     every document added by the batch is found by its text key, at a
 *     line with that text key, and by its id key (unless a segment the
 *     first open kept is unsorted: see index_sorted()).
 *
 * Built with -DFUZZ_DEBUG it prints its messages and what each run did.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "buf.h"
#include "fsutil.h"
#include "jsonl.h"
#include "nf.h"
#include "sha1.h"
#include "merge.h"
#include "fuzz.h"

static FILE *devnull;
static volatile unsigned char sink;
static char base[256];

enum {
	F_FIXIDX = 1, F_JOURNAL = 2, F_FIXJOURNAL = 4, F_TWOFILES = 8,
	F_REINDEX = 16, F_ROTATE = 32, F_BATCH = 64
};

static void
put_file(const char *dir, const char *name, const void *p, size_t n)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((fp = fopen(path, "w")) == NULL || fwrite(p, 1, n, fp) != n ||
	    fclose(fp) != 0) {
		perror(path);
		abort();
	}
}

static void
remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[512];

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

/* Little-endian fields of the on-disk headers (index.c's layout). */
static void
put64(unsigned char *p, uint64_t v)
{
	memcpy(p, &v, 8);
}

static uint64_t
get64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

static int
keycmp(const void *a, const void *b)
{
	return memcmp(a, b, KEY_LEN);
}

/*
 * Give idx (n bytes) a valid file header and walk its segments as
 * index.c's load() does, sorting each one's entries by key (as index.c
 * always writes them) and fixing its checksum; stop at the first segment
 * that does not fit.
 */
static void
fix_index(unsigned char *idx, size_t n)
{
	uint32_t v[4] = { 0x01020304u, 2, KEY_NORM_VERSION, sizeof(struct ient) };
	size_t off = 64;

	if (n < 64)
		return;
	memcpy(idx, "NFMIDX\0\1", 8);
	memcpy(idx + 8, v, sizeof v);
	/* bytes 24-31: the synced mark, left to the fuzzer */
	while (n - off >= 64) {
		unsigned char *h = idx + off;
		uint64_t nent = get64(h + 8), pool = get64(h + 16), body;
		uint64_t ndoc = get64(h + 56);

		memcpy(h, "NFMSEG01", 8);
		put64(h + 48, 0);	/* no Bloom filter: index.c's own
					 * segments bring theirs */
		if (nent > (n - off) / sizeof(struct ient) || pool > n - off ||
		    ndoc > (n - off) / sizeof(struct idoc))
			return;
		body = nent * sizeof(struct ient) + ndoc * sizeof(struct idoc) +
		    pool;
		if (body > n - off - 64)
			return;
		qsort(h + 64, nent, sizeof(struct ient), keycmp);
		put64(h + 40, index_sum(h + 64, body));
		off += 64 + body;
	}
}

/*
 * Whether every segment of the index file at path has its entries sorted
 * by key. index.c never writes them otherwise, but it trusts a segment
 * inside the synced mark without its checksum, so a raw input can bring
 * an unsorted one, in which lookups (binary searches) may miss keys.
 */
static int
index_sorted(const char *path)
{
	size_t n, off = 64, i;
	unsigned char *p = (unsigned char *)fs_read_file(path, &n);
	int ok = 1;

	if (p == NULL)
		abort();
	while (ok && n >= 64 && n - off >= 64) {
		uint64_t nent = get64(p + off + 8), pool = get64(p + off + 16);
		uint64_t filter = get64(p + off + 48), ndoc = get64(p + off + 56);

		if (nent > (n - off) / sizeof(struct ient) || pool > n - off ||
		    filter > n - off || ndoc > (n - off) / sizeof(struct idoc) ||
		    nent * sizeof(struct ient) + ndoc * sizeof(struct idoc) +
		    pool + filter > n - off - 64)
			break;
		for (i = 1; i < nent; i++)
			if (memcmp(p + off + 64 + (i - 1) * sizeof(struct ient),
			    p + off + 64 + i * sizeof(struct ient), KEY_LEN) > 0)
				ok = 0;
		off += 64 + nent * sizeof(struct ient) +
		    ndoc * sizeof(struct idoc) + pool + filter;
	}
	free(p);
	return ok;
}

/* Keep the journal's destination if it lies in the index (nidx bytes),
 * else aim it at the first segment. */
static void
fix_journal(unsigned char *j, size_t n, size_t nidx)
{
	if (n < 64)
		return;
	memcpy(j, "NFMTAIL2", 8);
	if (get64(j + 8) < 64 || get64(j + 8) > nidx)
		put64(j + 8, 64);
	put64(j + 16, n - 64);
	put64(j + 24, index_sum(j + 64, n - 64));
}

/* All documents files of dir, concatenated (offsets are corpus offsets);
 * fend[] holds where each file ends: catch_up() reads lines file by
 * file, so a file that does not end with a line feed ends a line too. */
static size_t fend[64];
static unsigned nfend;

static void
read_docs(const char *dir, unsigned nfiles, struct buf *out)
{
	unsigned i;

	buf_reset(out);
	nfend = 0;
	for (i = 1; i <= nfiles; i++) {
		char *path = corpus_docfile(dir, i);
		size_t len;
		char *p = fs_read_file(path, &len);

		if (p == NULL || nfend == sizeof fend / sizeof fend[0]) {
			perror(path);
			abort();
		}
		buf_append(out, p, len);
		fend[nfend++] = out->len;
		free(p);
		free(path);
	}
}

/* End of the line of docs that starts at off. */
static size_t
line_end(const struct buf *docs, size_t off)
{
	size_t lim = docs->len, i;
	const char *nl;

	for (i = 0; i < nfend; i++)
		if (fend[i] > off) {
			lim = fend[i];
			break;
		}
	nl = memchr(docs->p + off, '\n', lim - off);
	return nl ? (size_t)(nl - docs->p) + 1 : lim;
}

/* Keys of a line as corpus_index_line() computes them; 0 if it would not
 * index the line. */
static int
line_keys(const char *line, size_t len, struct key *tk, struct key *ik)
{
	static struct buf tmp;
	json_t *o = json_loadb(line, len, JSON_ALLOW_NUL, NULL);
	const char *text, *id;
	char idbuf[33];

	if (o == NULL || !json_is_object(o) ||
	    (text = json_str(o, "text")) == NULL ||
	    !key_text(tk, &tmp, text, json_strlen(o, "text"))) {
		json_decref(o);
		return 0;
	}
	if ((id = json_str(o, "id")) == NULL) {
		derive_id(o, tk, idbuf);
		key_id(ik, idbuf, strlen(idbuf));
	} else if (json_strlen(o, "id") > ID_MAX) {
		json_decref(o);
		return 0;
	} else	/* all its bytes, NUL or not */
		key_id(ik, id, json_strlen(o, "id"));
	json_decref(o);
	return 1;
}

static int
same_str(json_t *v, int has, const struct buf *b)
{
	if (!json_is_string(v))
		return !has;
	return has && json_string_length(v) == b->len &&
	    memcmp(json_string_value(v), b->p, b->len) == 0;
}

/*
 * The line scanner (merge/jscan.c) against jansson: a line it accepts
 * jansson loads, as the same "text", "id", "url" and sentences.
 */
static void
check_scan(const char *line, size_t len)
{
	static struct jdoc d;
	json_t *o, *ss;
	size_t i, k = 0;

	if (len > 0 && line[len - 1] == '\n')
		len--;
	if (!jscan_doc(&d, line, len))
		return;
	o = json_loadb(line, len, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_object(o) ||
	    !same_str(json_object_get(o, "text"), d.has_text, &d.text) ||
	    !same_str(json_object_get(o, "id"), d.has_id, &d.id) ||
	    !same_str(json_object_get(o, "url"), d.has_url, &d.url) ||
	    d.has_version != (json_object_get(o, "version") != NULL))
		abort();
	ss = json_object_get(o, "sentences");
	for (i = 0; json_is_array(ss) && i < json_array_size(ss); i++) {
		json_t *s = json_array_get(ss, i), *t;
		if (!json_is_object(s))
			continue;
		if (k >= d.ns || d.s[k].idx != i || line[d.s[k].close] != '}')
			abort();
		t = json_object_get(s, "text");
		if (json_is_string(t) != (d.s[k].toff != (size_t)-1) ||
		    (json_is_string(t) && (json_string_length(t) != d.s[k].tlen ||
		    memcmp(json_string_value(t), d.pool.p + d.s[k].toff,
		    d.s[k].tlen) != 0)))
			abort();
		if (json_is_integer(json_object_get(s, "start")) &&
		    json_integer_value(json_object_get(s, "start")) != d.s[k].start)
			abort();
		k++;
	}
	if (k != d.ns)
		abort();
	json_decref(o);
}

/* The line of docs at off has text key tk. */
static int
line_has_key(const struct buf *docs, uint64_t off, const struct key *tk)
{
	struct key t2, i2;

	if (off >= docs->len)
		return 0;
	return line_keys(docs->p + off, line_end(docs, off) - off, &t2,
	    &i2) && memcmp(t2.b, tk->b, KEY_LEN) == 0;
}

/* Look every stored document up; with strict set, each must be found. */
static void
lookup_all(struct corpus *c, const struct buf *docs, int strict)
{
	size_t off = 0;

	while (off < docs->len) {
		size_t end = line_end(docs, off);
		struct key tk, ik;
		struct ifound f;

		check_scan(docs->p + off, end - off);
		if (line_keys(docs->p + off, end - off, &tk, &ik)) {
			int ft = index_find(&c->ix, &tk, &f);

			/* the id must be readable: ASan checks the bytes */
			for (size_t k = 0; ft && k < f.id_len; k++)
				sink ^= (unsigned char)f.id[k];
			if (strict && (!ft || !line_has_key(docs, f.doc_off, &tk)))
				abort();
			if (!index_find(&c->ix, &ik, &f) && strict)
				abort();
		}
		off = end;
	}
}

static int
ends_in_newline(const char *path)
{
	size_t len;
	char *p = fs_read_file(path, &len);
	int ok;

	if (p == NULL)
		abort();
	ok = len == 0 || p[len - 1] == '\n';
	free(p);
	return ok;
}

/* Merge the incoming lines as merge.c's merge_doc() does; the keys of
 * the documents added are appended to added. */
static void
merge_batch(struct corpus *c, const char *in, size_t n, struct buf *added)
{
	static struct buf tmp;
	struct buf docs = {0}, dups = {0};
	size_t off = 0;

	while (off < n) {
		const char *nl = memchr(in + off, '\n', n - off);
		size_t end = nl ? (size_t)(nl - in) + 1 : n;
		json_t *o = json_loadb(in + off, end - off, JSON_ALLOW_NUL, NULL);
		json_t *jt = json_object_get(o, "text");
		json_t *jid = json_object_get(o, "id");
		struct key k[2];
		struct ifound f;
		uint32_t version = 1;
		const char *id;
		char idbuf[33], *s;

		check_scan(in + off, end - off);
		off = end;
		if (!json_is_object(o) || !json_is_string(jt) ||
		    (jid && !json_is_string(jid)) ||
		    (jid && json_string_length(jid) > ID_MAX) ||
		    !key_text(&k[0], &tmp, json_string_value(jt),
		    json_string_length(jt))) {
			json_decref(o);
			continue;
		}
		if (jid == NULL) {
			derive_id(o, &k[0], idbuf);
			json_object_set_new(o, "id", json_string(idbuf));
		}
		id = json_str(o, "id");
		if (index_find(&c->ix, &k[0], &f)) {
			buf_printf(&dups, "{\"id\":\"%zu\",\"duplicate_of\":\"x\"}\n",
			    docs.len);
			json_decref(o);
			continue;
		}
		key_id(&k[1], id, strlen(id));
		if (index_find(&c->ix, &k[1], &f)) {
			version = f.version + 1;
			json_object_set_new(o, "version", json_integer(version));
		}
		if ((s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER)) == NULL)
			abort();
		index_add(&c->ix, &k[0], KIND_TEXT, c->docsize + docs.len, id,
		    strlen(id), version);
		index_add(&c->ix, &k[1], KIND_ID, c->docsize + docs.len, id,
		    strlen(id), version);
		buf_puts(&docs, s);
		buf_putc(&docs, '\n');
		buf_append(added, k, sizeof k);
		free(s);
		json_decref(o);
	}
	corpus_commit(c, &docs, &dups);
	buf_free(&docs);
	buf_free(&dups);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct buf docs, added;
	char dir[300], *msg = NULL;
	size_t nidx, njr, split, p = 7, ndoc, nbatch = 0, msglen = 0, i;
	unsigned char *idx = NULL, *jr = NULL;
	const char *doc, *batch = NULL;
	struct corpus c;
	unsigned flags;
	int sorted;
	FILE *mem;

	if (size < 7)
		return 0;
	flags = data[0];
	nidx = data[1] | (size_t)data[2] << 8;
	njr = data[3] | (size_t)data[4] << 8;
	split = data[5] | (size_t)data[6] << 8;
	nidx = nidx < size - p ? nidx : size - p;
	idx = xmalloc(nidx + 1);
	memcpy(idx, data + p, nidx);
	p += nidx;
	njr = njr < size - p ? njr : size - p;
	jr = xmalloc(njr + 1);
	memcpy(jr, data + p, njr);
	p += njr;
	doc = (const char *)data + p;
	ndoc = size - p;
	if (flags & F_BATCH) {
		/* the tail is the incoming batch */
		size_t at = split < ndoc ? split : ndoc;
		batch = doc + at;
		nbatch = ndoc - at;
		ndoc = at;
	}

	snprintf(dir, sizeof dir, "%s/fuzz_merge.XXXXXX", base);
	if (mkdtemp(dir) == NULL) {
		perror(dir);
		abort();
	}
	if (flags & F_FIXIDX)
		fix_index(idx, nidx);
	if (nidx > 0)
		put_file(dir, "index", idx, nidx);
	if (flags & F_JOURNAL) {
		if (flags & F_FIXJOURNAL)
			fix_journal(jr, njr, nidx);
		put_file(dir, "index.tail", jr, njr);
	}
	if ((flags & F_TWOFILES) && !(flags & F_BATCH)) {
		size_t at = split < ndoc ? split : ndoc;

		put_file(dir, "documents.jsonl", doc, at);
		put_file(dir, "documents-0002.jsonl", doc + at, ndoc - at);
	} else
		put_file(dir, "documents.jsonl", doc, ndoc);

	/* First open: whatever is there gets repaired. */
	corpus_open(&c, dir, (flags & F_REINDEX) ? CORPUS_REINDEX : 0,
	    (flags & F_ROTATE) ? 1 : 0);
	if (c.ix.covered != c.docsize)
		abort();
	if (!ends_in_newline(c.docpath) || !ends_in_newline(c.duppath))
		abort();
	read_docs(dir, c.nfiles, &docs);
	if (docs.len != c.docsize)
		abort();
	sorted = index_sorted(c.ix.path);
	lookup_all(&c, &docs, nidx == 0 || (flags & F_REINDEX));
	buf_reset(&added);
	if (batch)
		merge_batch(&c, batch, nbatch, &added);
#ifdef FUZZ_DEBUG
	fprintf(stderr, "flags %#x: %u files, %llu bytes, %zu segments, "
	    "%lu indexed, %zu added\n", flags, c.nfiles,
	    (unsigned long long)c.docsize, index_nseg(&c.ix), c.ndocs_indexed,
	    added.len / (2 * sizeof(struct key)));
#endif
	corpus_close(&c);

	/* Second open: nothing left to repair, index or say. */
	mem = open_memstream(&msg, &msglen);
	if (mem == NULL)
		abort();
	nf_errfp = mem;
	corpus_open(&c, dir, 0, 0);
	fflush(mem);
	if (msglen != 0) {
		fprintf(stderr, "fuzz_merge: second open said: %s\n", msg);
		abort();
	}
	nf_errfp = devnull;
	if (c.ix.covered != c.docsize || c.ndocs_indexed != 0)
		abort();
	read_docs(dir, c.nfiles, &docs);
	for (i = 0; i + 2 * sizeof(struct key) <= added.len;
	    i += 2 * sizeof(struct key)) {
		struct key k[2];
		struct ifound f;

		memcpy(k, added.p + i, sizeof k);
		if (!sorted)
			break;
		if (!index_find(&c.ix, &k[0], &f) ||
		    !line_has_key(&docs, f.doc_off, &k[0]))
			abort();
		if (!index_find(&c.ix, &k[1], &f))
			abort();
	}
	lookup_all(&c, &docs, nidx == 0 || (flags & F_REINDEX));
	corpus_close(&c);
	fclose(mem);
	free(msg);

	remove_dir(dir);
	free(idx);
	free(jr);
	return 0;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *t = getenv("TMPDIR");
	struct stat st;

	(void)argc, (void)argv;
	nf_init("fuzz_merge");
	devnull = fopen("/dev/null", "w");
	nf_errfp = devnull;
#ifdef FUZZ_DEBUG
	nf_errfp = devnull = stderr;
#endif
	if (t == NULL || *t == '\0')
		t = stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) &&
		    access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(base, sizeof base, "%s", t);
	return 0;
}
