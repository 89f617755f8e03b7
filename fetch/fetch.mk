# fetch/fetch.mk: extras for newsfetch.

# The fuzzer needs only the feed and robots.txt readers (http.c wants
# fetch.c's state).
FUZZ_SRCS_fuzz_fetch = fetch/feed.c fetch/robots.c
