# fetch/fetch.mk: extras for newsfetch.

# The feed fuzzer needs only the feed reader (http.c wants fetch.c's state).
FUZZ_SRCS_fuzz_fetch = fetch/feed.c
