/*
 * Unit tests: the WARC reader and writer, HTTP response parsing, JSON Lines.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "jsonl.h"
#include "nf.h"
#include "sha1.h"
#include "warc.h"
#include "tap.h"

static const char page[] =
    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
    "Content-Length: 38\r\n\r\n<html><body><p>Hello</p></body></html>";

/* Write n records (alternating response/metadata) to a temp file. */
static FILE *
write_warc(int gzip, int n, char ids[][48])
{
	FILE *fp = tmpfile();
	struct warc_writer *w = warc_writer_new(fp, gzip);
	struct warc_field f[2];
	char uri[64], dig[40];
	int i;

	warc_write(w, "warcinfo", NULL, 0, "software: test\r\n", 16, NULL);
	for (i = 0; i < n; i++) {
		snprintf(uri, sizeof uri, "https://example.com/%d", i);
		f[0].name = "WARC-Target-URI", f[0].value = uri;
		warc_digest(strstr(page, "<html>"), 38, dig);
		f[1].name = "WARC-Payload-Digest", f[1].value = dig;
		warc_write(w, "response", f, 2, page, strlen(page), ids ? ids[i] : NULL);
	}
	ok(warc_writer_free(w) == 0, "writer (gzip=%d) closes cleanly", gzip);
	rewind(fp);
	return fp;
}

static int
count_records(int fd, size_t max, unsigned long *errs, struct buf *uris)
{
	struct warc_reader *r = warc_open(fd, "test", max);
	struct warc_record rec;
	int n = 0;

	while (warc_read(r, &rec) == 1) {
		n++;
		if (uris) {
			buf_puts(uris, rec.target);
			buf_putc(uris, ' ');
		}
	}
	if (errs)
		*errs = warc_errors(r);
	warc_close(r);
	return n;
}

static void
test_roundtrip(int gzip)
{
	char ids[5][48];
	FILE *fp = write_warc(gzip, 5, ids);
	struct warc_reader *r = warc_open(fileno(fp), "rt", 0);
	struct warc_record rec;
	struct http_msg m;
	char ct[64], dig[40];

	ok(warc_sniff(r) == 1, "sniff sees WARC (gzip=%d)", gzip);
	ok(warc_read(r, &rec) == 1 && strcmp(rec.type, "warcinfo") == 0, "first record is warcinfo");
	ok(warc_read(r, &rec) == 1 && strcmp(rec.type, "response") == 0, "then a response");
	is_str(rec.target, "https://example.com/0", "target URI read back");
	is_str(warc_get(&rec, "WARC-Record-ID"), ids[0], "record id read back");
	is_str(rec.version, "WARC/1.1", "version line");
	is_int(rec.block_len, strlen(page), "block length");
	warc_digest(rec.block, rec.block_len, dig);
	is_str(warc_get(&rec, "WARC-Block-Digest"), dig, "block digest matches block");
	ok(http_parse_response(rec.block, rec.block_len, &m) == 0 && m.status == 200,
	    "HTTP status 200 parsed");
	ok(http_header(&m, "content-type", ct, sizeof ct) && strcmp(ct, "text/html; charset=utf-8") == 0,
	    "HTTP header looked up case-insensitively");
	is_int(m.body_len, 38, "HTTP body length");
	int n = 2;
	while (warc_read(r, &rec) == 1)
		n++;
	is_int(n, 6, "all six records read (gzip=%d)", gzip);
	is_int(warc_errors(r), 0, "no errors on a good file");
	warc_close(r);
	fclose(fp);
}

/* Copy fp into a new temp file with edits, returning its fd. */
static int
mutate(FILE *fp, long cut_at, long corrupt_at, const char *insert, long insert_at)
{
	struct buf b = {0};
	char tmp[4096];
	size_t n;
	FILE *out = tmpfile();

	rewind(fp);
	while ((n = fread(tmp, 1, sizeof tmp, fp)) > 0)
		buf_append(&b, tmp, n);
	if (corrupt_at >= 0 && (size_t)corrupt_at + 8 < b.len)
		memset(b.p + corrupt_at, 0x5a, 8);
	if (cut_at >= 0 && (size_t)cut_at < b.len)
		b.len = (size_t)cut_at;
	if (insert && (size_t)insert_at <= b.len) {
		fwrite(b.p, 1, (size_t)insert_at, out);
		fputs(insert, out);
		fwrite(b.p + insert_at, 1, b.len - (size_t)insert_at, out);
	} else {
		fwrite(b.p, 1, b.len, out);
	}
	fflush(out);
	buf_free(&b);
	int fd = dup(fileno(out));
	fclose(out);
	lseek(fd, 0, SEEK_SET);
	return fd;
}

static long
fsize(FILE *fp)
{
	fseek(fp, 0, SEEK_END);
	return ftell(fp);
}

static void
test_damage(void)
{
	FILE *fp = write_warc(0, 4, NULL);
	long size = fsize(fp);
	unsigned long errs;
	struct buf uris = {0};
	int fd, n;

	fd = mutate(fp, size - 40, -1, NULL, 0);
	n = count_records(fd, 0, &errs, NULL);
	close(fd);
	ok(n == 4 && errs == 1, "truncated plain WARC: 4 good records, 1 reported (%d, %lu)", n, errs);

	/* Garbage between records and a header without Content-Length. */
	long second = size / 5 * 2;
	fd = mutate(fp, -1, -1, "junk junk\r\nmore junk\r\n", 0);
	n = count_records(fd, 0, &errs, NULL);
	close(fd);
	ok(n == 5 && errs == 1, "leading garbage skipped, all 5 records kept (%d, %lu)", n, errs);
	(void)second;
	fd = mutate(fp, -1, -1, "WARC/1.1\r\nWARC-Type: response\r\n\r\n", 0);
	n = count_records(fd, 0, &errs, NULL);
	close(fd);
	ok(n == 5 && errs == 1, "record without Content-Length reported, rest kept (%d, %lu)", n, errs);

	/* A block larger than the reader's limit. */
	fd = mutate(fp, -1, -1, NULL, 0);
	n = count_records(fd, 100, &errs, NULL);
	close(fd);
	ok(n == 1 && errs == 4, "blocks over the limit skipped and reported (%d, %lu)", n, errs);
	fclose(fp);

	/* Per-record gzip with a corrupt member in the middle. */
	fp = write_warc(1, 6, NULL);
	size = fsize(fp);
	fd = mutate(fp, -1, size / 2, NULL, 0);
	n = count_records(fd, 0, &errs, &uris);
	close(fd);
	ok(n >= 5 && n <= 6 && errs >= 1, "corrupt gzip member skipped, others read (%d, %lu)", n, errs);
	ok(strstr(uris.p, "example.com/5") != NULL, "records after the corrupt member are read");
	buf_free(&uris);
	fd = mutate(fp, size - 30, -1, NULL, 0);
	n = count_records(fd, 0, &errs, NULL);
	close(fd);
	ok(n == 6 && errs >= 1, "truncated gzip: earlier records kept, truncation reported (%d, %lu)", n, errs);
	fclose(fp);

	/* Random bytes: no records, no crash. */
	FILE *rnd = tmpfile();
	srand(7);
	for (int i = 0; i < 100000; i++)
		fputc(rand() & 0xff, rnd);
	fflush(rnd);
	rewind(rnd);
	struct warc_reader *r = warc_open(fileno(rnd), "rnd", 0);
	ok(warc_sniff(r) == 0, "random bytes are not WARC");
	struct buf all = {0};
	ok(warc_slurp(r, &all, 1 << 20) == 0 && all.len == 100000, "slurp returns every byte");
	warc_close(r);
	buf_free(&all);
	fclose(rnd);
	FILE *empty = tmpfile();
	r = warc_open(fileno(empty), "empty", 0);
	ok(warc_sniff(r) == -1, "empty stream sniffs as empty");
	struct warc_record rec;
	ok(warc_read(r, &rec) == 0, "empty stream has no records");
	warc_close(r);
	fclose(empty);
}

static void
test_jsonl(void)
{
	FILE *fp = tmpfile(), *out = tmpfile();
	struct jsonl_reader jr;
	json_t *o;
	char line[256];

	fputs("{\"id\":\"a\",\"zz\":1,\"text\":\"x\"}\n\nnot json\n[1,2]\n"
	    "{\"url\":\"https://e.com/\",\"bad\":\"\xff\"}\n{\"id\":\"b\"}", fp);
	rewind(fp);
	jsonl_init(&jr, fp, "-", 0);
	ok(jsonl_read(&jr, &o) == JSONL_OK, "first object");
	json_object_set_new(o, "sentences", json_array());
	jsonl_write(out, o);
	json_decref(o);
	ok(jsonl_read(&jr, &o) == JSONL_BAD && jr.lr.lineno == 3, "non-JSON line 3 reported (blank line skipped)");
	ok(jsonl_read(&jr, &o) == JSONL_BAD && jr.lr.lineno == 4, "array line 4 reported");
	ok(jsonl_read(&jr, &o) == JSONL_BAD, "invalid UTF-8 reported");
	ok(jsonl_read(&jr, &o) == JSONL_OK && strcmp(json_str(o, "id"), "b") == 0,
	    "last object without newline");
	json_decref(o);
	ok(jsonl_read(&jr, &o) == JSONL_EOF, "then EOF");
	is_int(jr.bad, 3, "three bad lines counted");
	jsonl_free(&jr);
	rewind(out);
	ok(fgets(line, sizeof line, out) != NULL, "output line written");
	is_str(line, "{\"id\":\"a\",\"zz\":1,\"text\":\"x\",\"sentences\":[]}\n",
	    "unknown fields kept in order, new field appended");
	fclose(fp);
	fclose(out);
}

static void
test_messages(void)
{
	struct buf m = {0};
	char tmp[4096];
	size_t n;

	fflush(nf_errfp);
	rewind(nf_errfp);
	while ((n = fread(tmp, 1, sizeof tmp, nf_errfp)) > 0)
		buf_append(&m, tmp, n);
	ok(strstr(m.p, "test_warc: test: record 5 (https://example.com/3) at byte") &&
	    strstr(m.p, "truncated at end of input, skipped"),
	    "truncation message names the record, its URI and offset");
	ok(strstr(m.p, "record 2 (https://example.com/0): block of 117 bytes is larger "
	    "than the limit of 100 bytes, skipped") != NULL,
	    "oversized block message names the record and the limit");
	ok(strstr(m.p, "corrupt gzip data near byte") != NULL,
	    "corrupt gzip member reported with its offset");
	ok(strstr(m.p, "line 3: not JSON") != NULL, "JSON Lines message names the line");
	buf_free(&m);
	fclose(nf_errfp);
	nf_errfp = NULL;
}

int
main(void)
{
	nf_init("test_warc");
	/* Bad records are reported by design: keep the messages to check
	 * that each names its record. */
	nf_errfp = tmpfile();
	test_roundtrip(0);
	test_roundtrip(1);
	test_damage();
	test_jsonl();
	test_messages();
	return done_testing();
}
