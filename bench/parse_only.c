/*
 * parse_only: the floor for newsclean's speed. Reads each HTML file named
 * on the command line and parses it with libxml2's HTML parser (the one
 * newsclean uses), then frees the tree; nothing else. bench/run.sh times
 * it on the same pages as newsclean and its peers.
 *
 *	parse_only FILE...
 *
 * Prints "N pages, B bytes, E failed" on stdout. Exit 1 if a file could not
 * be read or parsed, 2 on usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>

static char *
slurp(const char *path, size_t *lenp)
{
	FILE *fp;
	char *p = NULL, *np;
	size_t len = 0, cap = 0, n;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	for (;;) {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 262144;
			if ((np = realloc(p, cap)) == NULL) {
				free(p);
				fclose(fp);
				return NULL;
			}
			p = np;
		}
		n = fread(p + len, 1, cap - len, fp);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(fp)) {
		free(p);
		fclose(fp);
		return NULL;
	}
	fclose(fp);
	*lenp = len;
	return p;
}

int
main(int argc, char *argv[])
{
	unsigned long pages = 0, failed = 0;
	unsigned long long bytes = 0;
	int i, opts;

	if (argc < 2) {
		fprintf(stderr, "usage: parse_only FILE...\n");
		return 2;
	}
	opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_NONET | HTML_PARSE_COMPACT;
	xmlInitParser();
	for (i = 1; i < argc; i++) {
		size_t len;
		char *html;
		htmlDocPtr doc;

		if ((html = slurp(argv[i], &len)) == NULL) {
			fprintf(stderr, "parse_only: %s: cannot read\n", argv[i]);
			failed++;
			continue;
		}
		if (len > (size_t)0x7fffffff) {
			fprintf(stderr, "parse_only: %s: too large\n", argv[i]);
			free(html);
			failed++;
			continue;
		}
		doc = htmlReadMemory(html, (int)len, argv[i], NULL, opts);
		if (doc == NULL) {
			fprintf(stderr, "parse_only: %s: not parsed\n", argv[i]);
			failed++;
		} else {
			pages++;
			bytes += len;
			xmlFreeDoc(doc);
		}
		free(html);
	}
	xmlCleanupParser();
	printf("%lu pages, %llu bytes, %lu failed\n", pages, bytes, failed);
	if (fflush(stdout) == EOF || ferror(stdout))
		return 2;
	return failed ? 1 : 0;
}
