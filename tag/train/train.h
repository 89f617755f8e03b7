/*
 * train.h: nertrain's parts (tag/train/): nertrain.c (the perceptron,
 * the model file) and wclust.c (word classes from unlabeled text).
 */
#ifndef NF_TRAIN_H
#define NF_TRAIN_H

#include <stdint.h>

/* Classes in the two partitions; the model keeps a word's fine class in
 * 8 bits and its coarse class in 7 (see ner.c). */
enum { WC_COARSE = 64, WC_FINE = 256 };

/* Word classes of the text in path (one paragraph a line) as the
 * model's cluster table (see ner.c), 1 << *bits entries; caller frees. */
uint64_t *wclust_build(const char *path, uint32_t *bits);

#endif
