/*
 * url.h: URL parsing, resolution and normalisation.
 */
#ifndef NF_URL_H
#define NF_URL_H

#include <stddef.h>

/*
 * Normalised form of an absolute URL, for "already fetched" state and
 * document ids: scheme and host lower-cased, default port and fragment
 * dropped, empty path made "/", tracking parameters (utm_*, fbclid, gclid,
 * mc_cid, mc_eid, ...) removed from the query. Returns a malloc'd string,
 * or NULL if url is not an absolute http(s)/file URL.
 */
char *url_normalize(const char *url);

/* Resolve ref against base (RFC 3986); malloc'd, or NULL. */
char *url_resolve(const char *base, const char *ref);

/* Host of an absolute URL, lower-cased, without port, without a leading
 * "www." if strip_www; malloc'd, or NULL. */
char *url_host(const char *url, int strip_www);

/* 1 if url starts with http://, https:// or file:// (any case), else 0. */
int url_scheme_ok(const char *url);

/* Stable document id: first 16 hex digits of SHA-1 of url_normalize(url)
 * (of url itself if it does not normalise); out has 17 bytes. */
void url_id(const char *url, char out[17]);

#endif
