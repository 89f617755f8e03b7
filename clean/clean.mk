# newsclean's extra rules (included by the top Makefile).

# clean/months.h (committed) holds CLDR's month names for reading visible
# dates; regenerate it after ../shared/data changes with `make months-h`.
months-h:
	python3 clean/mkmonths.py $(SHARED)/tag/gazetteer/cldr48_months_weekdays.tsv >clean/months.h.tmp
	mv clean/months.h.tmp clean/months.h

.PHONY: months-h
