# newsmerge extras (its speed is measured by `sh bench/run.sh merge`).

# Regenerate the NFC-safe ranges (needs python3; the output is committed).
merge-nfcsafe:
	python3 merge/mknfcsafe.py >merge/nfcsafe.h.tmp && mv merge/nfcsafe.h.tmp merge/nfcsafe.h

.PHONY: merge-nfcsafe
