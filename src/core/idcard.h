/* idcard.h: Chinese resident ID numbers (GB 11643-1999): check character, normalization of
 * typed or imported input, region rule for production and demo instances, and the birth date
 * and gender encoded in a number. Pure functions: no allocation, no I/O, no database.
 * It does not check that a county code exists (ID-COUNTY is a warning owned by the importer). */
#pragma once

struct err;

/* ISO 7064 MOD 11-2 check character ('0'-'9' or 'X') for the first 17 characters of first17.
 * Returns '\0' when one of them is not an ASCII digit. first17 need not be NUL-terminated. */
char idcard_check_char(const char *first17);

/* Normalizes a typed or imported ID number into out (18 characters + NUL, upper-case X).
 * Accepts full-width digits and Ｘ/ｘ, strips ASCII white space and U+3000, turns a legacy
 * 15-digit number into 18 digits (ID-15), then checks ID-LEN, ID-DATE (a real date, not after
 * clock_today) and ID-CHECK. Recognizes numbers mangled by Excel (scientific notation, or
 * the last digits zeroed). On failure sets err (E_INVALID, field "/id_number", a zh-CN message
 * saying what to fix), leaves out untouched and returns -1. in may be NULL (an error). */
int idcard_normalize(const char *in, char out[19], struct err *err);

/* ID-PROV / DEMO-ID-PROD. A production instance accepts only real province-level codes
 * (11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81, 82, 83); a demo instance accepts only the
 * demo prefix "99". id is a normalized 18-character number. Returns 0, or -1 with err set. */
int idcard_check_region(const char id[19], bool demo_instance, struct err *err);

/* Writes the birth date encoded in a normalized number as YYYY-MM-DD into out (11 bytes).
 * Returns 0, or -1 (out untouched) when positions 7-14 are not a real calendar date. */
int idcard_birth_date(const char id[19], char out[11]);

/* 'M' when the 17th digit is odd, 'F' when even; '\0' when it is not a digit. */
char idcard_gender(const char id[19]);
