/* csv.h: a strict RFC 4180 reader for the tables authors write (awards):
 * a header row, comma-separated fields, quoted fields that may hold
 * commas, doubled quotes and line breaks, every field with the line and
 * column it starts at, so a problem names file:line:column. */
#ifndef BS_CSV_H
#define BS_CSV_H

#include "base/diag.h"

#include <stddef.h>

/* Most fields a row may have; more is an error, not a silent cut. */
#define BS_CSV_MAX_FIELDS 64

typedef struct bs_csv_field {
	char *text;    /* unquoted, NUL-terminated (owned by the table) */
	int line, col; /* where the field starts, 1-based, col in
			  characters */
} bs_csv_field;

typedef struct bs_csv_row {
	bs_csv_field *f;
	size_t n;
	int line; /* of its first field */
} bs_csv_row;

/* A table: rows[0] is the header. Owns its rows and their text. */
typedef struct bs_csv {
	bs_csv_row *rows;
	size_t n, cap;
} bs_csv;

/* Parse src (text of a bs_source: UTF-8, a leading BOM and CRLF line
 * ends are also accepted here) into *out. Blank lines are skipped; every
 * other row must have as many fields as the header. Each problem is
 * reported at its line and column; on any, returns BS_ECONTENT and *out
 * holds the rows read before it (free it either way). */
int bs_csv_parse(bs_csv *out, const bs_source *src, bs_diags *d);
void bs_csv_free(bs_csv *c);

#endif
