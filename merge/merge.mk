# newsmerge extras: `make bench-merge` measures documents/s as the corpus
# grows (merge/bench.sh; N=50000 PARTS=5 by default).
BENCH_MERGE_N ?= 50000
BENCH_MERGE_PARTS ?= 5
bench-merge: $(BUILD)/bin/newsmerge
	NF_BIN=$(abspath $(BUILD)/bin) NF_SHARED=$(SHARED) \
		bash merge/bench.sh $(BENCH_MERGE_N) $(BENCH_MERGE_PARTS)

.PHONY: bench-merge

# The object rule only knows include/*.h: add newsmerge's own headers.
$(call obj,$(MERGE_SRC)): merge/merge.h
$(call obj,merge/index.c): merge/nfcsafe.h

# Regenerate the NFC-safe ranges (needs python3; the output is committed).
merge-nfcsafe:
	python3 merge/mknfcsafe.py >merge/nfcsafe.h.tmp && mv merge/nfcsafe.h.tmp merge/nfcsafe.h

.PHONY: merge-nfcsafe
