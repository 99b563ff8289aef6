/* trail-csv.h — reading the CSV files people already have
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TRAIL_CSV_ERROR (trail_csv_error_quark ())

typedef enum
{
  TRAIL_CSV_ERROR_TOO_BIG,   /* more bytes than the limit */
  TRAIL_CSV_ERROR_ENCODING,  /* not text in any encoding we read */
  TRAIL_CSV_ERROR_EMPTY,     /* no rows at all */
} TrailCsvError;

/* Files above this many bytes are refused unless the caller gives another
 * limit: 64 MiB is some 600,000 survey rows, more than any survey tool
 * exports, and the parsed table takes about twice the file in memory. */
#define TRAIL_CSV_DEFAULT_MAX_BYTES (64 * 1024 * 1024)

typedef struct _TrailCsv TrailCsv;

/* Parses @bytes as RFC 4180 CSV, the way spreadsheets write it:
 *
 * - the text may be UTF-8 (with or without a byte-order mark), UTF-16 with a
 *   byte-order mark (Excel's "Unicode text"), or, when it is not valid
 *   UTF-8, Windows-1252 (Excel's "CSV" on a western Windows);
 * - @separator is ',', ';' or '\t', or 0 to guess it from the first lines;
 * - fields may be quoted with '"', with "" for a quote and line breaks
 *   inside; a quote inside an unquoted field is kept as text;
 * - lines end in \n, \r\n or \r; empty lines are skipped; rows may have
 *   any number of fields (ragged rows are kept as they are).
 *
 * Problems within a row (text after a closing quote, a quote that is never
 * closed) do not fail the parse: the row is kept, with a message from
 * trail_csv_get_row_problem(), so a caller can list it with its line
 * number and go on with the others. Only a file over @max_bytes (0 for
 * TRAIL_CSV_DEFAULT_MAX_BYTES), one that is not text, or one with no row
 * fails, with a TRAIL_CSV_ERROR. */
TrailCsv    *trail_csv_parse            (GBytes     *bytes,
                                         char        separator,
                                         gsize       max_bytes,
                                         GError    **error);
void         trail_csv_free             (TrailCsv   *self);

/* Rows in file order, the header row (if any) included. */
guint        trail_csv_get_n_rows       (TrailCsv   *self);
guint        trail_csv_get_n_fields     (TrailCsv   *self,
                                         guint       row);
/* The field's text (UTF-8, never NULL), or NULL past the row's end. */
const char  *trail_csv_get_field        (TrailCsv   *self,
                                         guint       row,
                                         guint       column);
/* The 1-based line of the file on which the row starts. */
guint        trail_csv_get_line         (TrailCsv   *self,
                                         guint       row);
/* NULL, or a translated sentence saying what is wrong with the row. */
const char  *trail_csv_get_row_problem  (TrailCsv   *self,
                                         guint       row);
/* The most common number of fields, for previews. */
guint        trail_csv_get_n_columns    (TrailCsv   *self);
/* The separator used (guessed or given) and the encoding the text was
 * read in ("UTF-8", "UTF-16LE", "UTF-16BE", "WINDOWS-1252"). */
char         trail_csv_get_separator    (TrailCsv   *self);
const char  *trail_csv_get_encoding     (TrailCsv   *self);

/* Reads a number as spreadsheets write them: optional spaces and sign,
 * digits with one decimal point that may be '.' or ',' ("3,5" is 3.5, as
 * German, French or Italian exports write it), and nothing else. Thousands
 * separators are not read ("1,000" is 1.0, "1.000,5" fails): a survey's
 * scores are small. Returns FALSE for anything else, empty text included. */
gboolean     trail_csv_parse_number     (const char *text,
                                         double     *number);

/* A header reduced for matching: folded case, letters and digits only,
 * accents dropped ("Response ID", "response_id" and "Réponse-ID" give
 * "responseid", "reponseid"). Free with g_free(). */
char        *trail_csv_header_key       (const char *header);

GQuark       trail_csv_error_quark      (void);

/* The rows of a file an import could not read, each with its line in the
 * file and why: what the import dialog lists and the command line
 * reports, the same for every kind of import. */
typedef struct _TrailCsvBadRows TrailCsvBadRows;

TrailCsvBadRows *trail_csv_bad_rows_new    (void);
void             trail_csv_bad_rows_free   (TrailCsvBadRows *self);
void             trail_csv_bad_rows_clear  (TrailCsvBadRows *self);
/* Takes @message (translated, made with g_strdup_printf()). */
void             trail_csv_bad_rows_add    (TrailCsvBadRows *self,
                                            guint            line,
                                            char            *message);
guint            trail_csv_bad_rows_get_n  (TrailCsvBadRows *self);
/* The message of bad row @index, and its 1-based line in *@line. */
const char      *trail_csv_bad_rows_get    (TrailCsvBadRows *self,
                                            guint            index,
                                            guint           *line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrailCsv, trail_csv_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrailCsvBadRows, trail_csv_bad_rows_free)

G_END_DECLS
