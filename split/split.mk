# newssplit: the abbreviation and sentence-starter lists in data/split/
# are generated from $(SHARED)/split/abbrev (Moses, CLDR, pySBD,
# sentencex, Punkt; see data/split/SOURCES) and committed.
data: data-split
data-split:
	python3 split/mkabbrev.py $(SHARED)/split/abbrev data/split

.PHONY: data-split
