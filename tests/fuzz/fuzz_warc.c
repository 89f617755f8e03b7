/*
 * libFuzzer target: the WARC reader (plain and gzip) and the HTTP
 * response parser on arbitrary bytes. Run with `make fuzz`.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "nf.h"
#include "warc.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct warc_reader *r;
	struct warc_record rec;
	struct http_msg m;
	char v[256];
	int p[2];
	FILE *tmp = tmpfile();

	(void)p;
	if (tmp == NULL)
		return 0;
	fwrite(data, 1, size, tmp);
	fflush(tmp);
	rewind(tmp);
	r = warc_open(fileno(tmp), "fuzz", 1 << 16);
	warc_sniff(r);
	while (warc_read(r, &rec) == 1) {
		warc_get(&rec, "WARC-Type");
		if (http_parse_response(rec.block, rec.block_len, &m) == 0)
			http_header(&m, "Content-Type", v, sizeof v);
	}
	warc_close(r);
	fclose(tmp);
	if (http_parse_response((const char *)data, size, &m) == 0)
		http_header(&m, "Content-Type", v, sizeof v);
	return 0;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	nf_init("fuzz_warc");
	/* Bad records are reported; keep the fuzzer's own output readable. */
	nf_errfp = fopen("/dev/null", "w");
	return 0;
}
