# newstag: regenerate the CLDR/cleanco/given-name gazetteers from
# $(SHARED) (the hand-written lists in data/tag/gazetteer stay as they are).
data: tag-data
tag-data:
	sh tag/mkdata.sh $(SHARED) data/tag/gazetteer
.PHONY: tag-data

# tag/*.c include tag/tag.h (the top Makefile only tracks include/*.h).
$(call obj,$(TAG_SRC)): tag/tag.h
