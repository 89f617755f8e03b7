# newstag: regenerate the CLDR/cleanco/given-name gazetteers from
# $(SHARED) (the hand-written lists in data/tag/gazetteer stay as they are).
data: tag-data
tag-data:
	sh tag/mkdata.sh $(SHARED) data/tag/gazetteer
.PHONY: tag-data
