/* textsim_int.h: what the two halves of textsim (textsim.c, textsim_passage.c) share: the
 * shingle hash and the digit token. Not for use outside src/core/textsim*.c. */
#pragma once

/* The character a run of digits becomes under TEXTSIM_FOLD_DIGITS: past Unicode, so no text
 * holds it. */
#define TEXTSIM_DIGITS 0x110000u

/* FNV-1a, 64-bit. */
#define TEXTSIM_FNV_OFFSET 0xcbf29ce484222325ull
#define TEXTSIM_FNV_PRIME  0x100000001b3ull

/* Feeds the four little-endian bytes of v to the FNV-1a state h. */
uint64_t textsim_fnv_u32(uint64_t h, uint32_t v);

/* The hash of the k characters at cp: FNV-1a over them, then a finalizer. */
uint64_t textsim_kgram_hash(const uint32_t *cp, size_t k);
