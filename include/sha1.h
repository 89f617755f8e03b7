/*
 * sha1.h: SHA-1 (FIPS 180-4, through libcrypto), for WARC digests and
 * stable ids; not for security.
 */
#ifndef NF_SHA1_H
#define NF_SHA1_H

#include <stddef.h>
#include <stdint.h>

/* Streaming: sha1_init, any number of sha1_update, then sha1_final,
 * which releases what sha1_init allocated (always call it). */
struct sha1 {
	void *ctx;	/* libcrypto's EVP_MD_CTX */
};

void sha1_init(struct sha1 *s);
void sha1_update(struct sha1 *s, const void *p, size_t n);
void sha1_final(struct sha1 *s, unsigned char out[20]);
void sha1(const void *p, size_t n, unsigned char out[20]);
/* RFC 4648 base32 of 20 bytes: 32 characters + NUL. */
void base32_20(const unsigned char in[20], char out[33]);
/* Lower-case hex of n bytes into out (2n+1 bytes). */
void hex_encode(const unsigned char *in, size_t n, char *out);

/* 64-bit FNV-1a finished with hash_mix64, for hash tables and
 * fingerprints (not stable ids). */
uint64_t hash64(const void *p, size_t n);

/* A 64-bit finalizer (MurmurHash3's fmix64 constants): spreads every
 * input bit over the output, so low bits can index power-of-two tables.
 * Models and indexes store values derived from it: never change it. */
static inline uint64_t
hash_mix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

#endif
