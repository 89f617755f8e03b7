# bench/bench.mk: extra rules for `make bench` (see bench/README.md).
# parse_only: libxml2's bare HTML parse, the floor newsclean is compared to.
BENCH_PARSE_ONLY = $(BUILD)/bench/parse_only

$(BENCH_PARSE_ONLY): bench/parse_only.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(shell pkg-config --libs libxml-2.0)

bench: $(BENCH_PARSE_ONLY)
