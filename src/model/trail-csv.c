/* trail-csv.c — reading the CSV files people already have
 *
 * Our own code rather than a library: libcsv is not in the GNOME runtime
 * (it would be one more Flatpak module to build, update and audit for a
 * few hundred lines), and what a library would add beyond RFC 4180 — the
 * encodings — GLib already has (g_convert(), g_utf8_validate()). The
 * parser is one pass over the text: fields are copied once into one buffer
 * and addressed by offset, so 100,000 rows cost a few allocations.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trail-csv.h"

G_DEFINE_QUARK (trail-csv-error-quark, trail_csv_error)

typedef struct
{
  guint first_field;  /* index into fields */
  guint n_fields;
  guint line;
  guint problem;      /* 1 + index into problems, or 0 */
} Row;

struct _TrailCsv
{
  GString    *text;      /* every field, each ending in a NUL */
  GArray     *fields;    /* guint32 offsets into text */
  GArray     *rows;      /* Row */
  GPtrArray  *problems;  /* char *, translated */
  const char *encoding;
  char        separator;
  guint       n_columns;
};

/* How much of the text the separator is guessed from. */
#define GUESS_SAMPLE_BYTES (64 * 1024)
#define GUESS_SAMPLE_ROWS  50

static TrailCsv *
csv_new (void)
{
  TrailCsv *self = g_new0 (TrailCsv, 1);

  self->text = g_string_new (NULL);
  self->fields = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  self->problems = g_ptr_array_new_with_free_func (g_free);

  return self;
}

void
trail_csv_free (TrailCsv *self)
{
  if (self == NULL)
    return;

  g_string_free (self->text, TRUE);
  g_array_unref (self->fields);
  g_array_unref (self->rows);
  g_ptr_array_unref (self->problems);
  g_free (self);
}

static void
set_problem (TrailCsv *self,
             Row      *row,
             char     *message)
{
  /* The first problem of a row is the one worth showing. */
  if (row->problem != 0)
    {
      g_free (message);
      return;
    }

  g_ptr_array_add (self->problems, message);
  row->problem = self->problems->len;
}

static inline gboolean
is_line_end (char c)
{
  return c == '\n' || c == '\r';
}

/* Reads the text after a field's opening quote, up to its closing quote.
 * Returns the position after the closing quote, or NULL when the quote is
 * never closed (then nothing has been appended). */
static const char *
read_quoted (TrailCsv   *self,
             const char *p,
             const char *end,
             guint      *line)
{
  gsize start_len = self->text->len;
  guint start_line = *line;

  while (p < end)
    {
      const char *run = p;

      while (p < end && *p != '"' && !is_line_end (*p))
        p++;
      g_string_append_len (self->text, run, p - run);

      if (p >= end)
        break;

      if (*p == '"')
        {
          if (p + 1 < end && p[1] == '"')
            {
              g_string_append_c (self->text, '"');
              p += 2;
              continue;
            }
          return p + 1;
        }

      /* A line break inside quotes is part of the field; written as \n
       * whatever the file used. */
      g_string_append_c (self->text, '\n');
      if (*p == '\r' && p + 1 < end && p[1] == '\n')
        p++;
      p++;
      (*line)++;
    }

  g_string_truncate (self->text, start_len);
  *line = start_line;
  return NULL;
}

static void
parse_text (TrailCsv   *self,
            const char *p,
            gsize       len,
            char        sep,
            guint       max_rows)
{
  const char *end = p + len;
  guint line = 1;

  while (p < end && self->rows->len < max_rows)
    {
      Row row;

      /* Empty lines hold no row; spreadsheets leave them at the end. */
      if (is_line_end (*p))
        {
          if (*p == '\r' && p + 1 < end && p[1] == '\n')
            p++;
          p++;
          line++;
          continue;
        }

      row.first_field = self->fields->len;
      row.n_fields = 0;
      row.line = line;
      row.problem = 0;

      for (;;)
        {
          guint32 offset = self->text->len;
          const char *run;

          g_array_append_val (self->fields, offset);

          if (p < end && *p == '"')
            {
              guint open_line = line;
              const char *after = read_quoted (self, p + 1, end, &line);

              if (after != NULL)
                {
                  p = after;

                  /* Text between the closing quote and the separator: keep
                   * it, as spreadsheets do, but say so. */
                  run = p;
                  while (p < end && *p != sep && !is_line_end (*p))
                    p++;
                  if (p > run)
                    {
                      g_string_append_len (self->text, run, p - run);
                      for (const char *s = run; s < p; s++)
                        if (*s != ' ')
                          {
                            set_problem (self, &row,
                                         g_strdup (_("text after a closing quote")));
                            break;
                          }
                    }
                }
              else
                {
                  /* A quote never closed would swallow the rest of the file;
                   * read the field to the end of its line instead, so only
                   * this row is wrong. */
                  set_problem (self, &row,
                               g_strdup_printf (_("the quote opened on line %u is never closed"),
                                                open_line));
                  run = p;
                  while (p < end && *p != sep && !is_line_end (*p))
                    p++;
                  g_string_append_len (self->text, run, p - run);
                }
            }
          else
            {
              run = p;
              while (p < end && *p != sep && !is_line_end (*p))
                p++;
              g_string_append_len (self->text, run, p - run);
            }

          g_string_append_c (self->text, '\0');
          row.n_fields++;

          if (p < end && *p == sep)
            {
              p++;
              continue;
            }
          break;
        }

      if (p < end)
        {
          if (*p == '\r' && p + 1 < end && p[1] == '\n')
            p++;
          p++;
          line++;
        }

      g_array_append_val (self->rows, row);
    }
}

static guint
most_common_count (TrailCsv *self,
                   guint     n_rows,
                   guint    *n_with_it)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint best = 0, best_n = 0;

  for (guint i = 0; i < n_rows; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (row->n_fields))) + 1;

      g_hash_table_insert (counts, GUINT_TO_POINTER (row->n_fields), GUINT_TO_POINTER (n));
      if (n > best_n || (n == best_n && row->n_fields > best))
        {
          best = row->n_fields;
          best_n = n;
        }
    }

  if (n_with_it != NULL)
    *n_with_it = best_n;
  return best;
}

/* The separator that splits the first rows into the same number (more
 * than one) of fields most often; more fields wins a tie. A ';' file with
 * decimal commas splits into ragged rows on ',' and even ones on ';'. */
static char
guess_separator (const char *text,
                 gsize       len)
{
  static const char candidates[] = { ',', ';', '\t' };
  gsize sample_len = MIN (len, GUESS_SAMPLE_BYTES);
  char best = ',';
  double best_score = -1;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autoptr(TrailCsv) sample = csv_new ();
      guint n_rows, columns, n_with;
      double score;

      parse_text (sample, text, sample_len, candidates[i], GUESS_SAMPLE_ROWS);
      n_rows = sample->rows->len;
      /* The sample's last row may be cut short. */
      if (sample_len < len && n_rows > 1)
        n_rows--;
      if (n_rows == 0)
        continue;

      columns = most_common_count (sample, n_rows, &n_with);
      if (columns < 2)
        continue;

      score = (double) n_with / n_rows * 1000 + columns;
      if (score > best_score)
        {
          best_score = score;
          best = candidates[i];
        }
    }

  return best;
}

static char *
decode (GBytes      *bytes,
        const char **encoding,
        gsize       *out_len,
        GError     **error)
{
  gsize len;
  const guchar *data = g_bytes_get_data (bytes, &len);
  const char *from = NULL;
  g_autoptr(GError) local_error = NULL;
  char *text;
  gsize text_len;

  if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    {
      data += 3;
      len -= 3;
    }
  else if (len >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    {
      from = "UTF-16LE";
      data += 2;
      len -= 2;
    }
  else if (len >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    {
      from = "UTF-16BE";
      data += 2;
      len -= 2;
    }
  /* UTF-16 without a byte-order mark: ASCII text with every other byte
   * zero. */
  else if (len >= 4 && data[0] != 0 && data[1] == 0 && data[2] != 0 && data[3] == 0)
    from = "UTF-16LE";
  else if (len >= 4 && data[0] == 0 && data[1] != 0 && data[2] == 0 && data[3] != 0)
    from = "UTF-16BE";

  if (from == NULL)
    {
      if (g_utf8_validate ((const char *) data, len, NULL))
        {
          *encoding = "UTF-8";
          *out_len = len;
          /* An empty GBytes may have no data at all. */
          return len > 0 ? g_strndup ((const char *) data, len) : g_strdup ("");
        }
      /* Excel's plain "CSV" on a western Windows. */
      from = "WINDOWS-1252";
    }

  text = g_convert ((const char *) data, len, "UTF-8", from, NULL, &text_len, &local_error);
  if (text == NULL || memchr (text, '\0', text_len) != NULL)
    {
      g_free (text);
      g_set_error (error, TRAIL_CSV_ERROR, TRAIL_CSV_ERROR_ENCODING,
                   _("the file is not text (it is neither UTF-8, UTF-16 nor Windows-1252)"));
      return NULL;
    }

  *encoding = from;
  *out_len = text_len;
  return text;
}

TrailCsv *
trail_csv_parse (GBytes  *bytes,
                 char     separator,
                 gsize    max_bytes,
                 GError **error)
{
  g_autoptr(TrailCsv) self = NULL;
  g_autofree char *text = NULL;
  const char *encoding = NULL;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (separator == 0 || separator == ',' || separator == ';' ||
                        separator == '\t', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (max_bytes == 0)
    max_bytes = TRAIL_CSV_DEFAULT_MAX_BYTES;

  if (g_bytes_get_size (bytes) > max_bytes)
    {
      g_autofree char *size = g_format_size (g_bytes_get_size (bytes));
      g_autofree char *limit = g_format_size (max_bytes);

      g_set_error (error, TRAIL_CSV_ERROR, TRAIL_CSV_ERROR_TOO_BIG,
                   _("the file is too big (%s; the limit is %s)"), size, limit);
      return NULL;
    }

  text = decode (bytes, &encoding, &len, error);
  if (text == NULL)
    return NULL;

  if (separator == 0)
    separator = guess_separator (text, len);

  self = csv_new ();
  self->encoding = encoding;
  self->separator = separator;
  g_string_set_size (self->text, 0);
  parse_text (self, text, len, separator, G_MAXUINT);

  if (self->rows->len == 0)
    {
      g_set_error_literal (error, TRAIL_CSV_ERROR, TRAIL_CSV_ERROR_EMPTY,
                           _("the file holds no rows"));
      return NULL;
    }

  self->n_columns = most_common_count (self, self->rows->len, NULL);

  return g_steal_pointer (&self);
}

guint
trail_csv_get_n_rows (TrailCsv *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->rows->len;
}

guint
trail_csv_get_n_fields (TrailCsv *self,
                        guint     row)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (row < self->rows->len, 0);
  return g_array_index (self->rows, Row, row).n_fields;
}

const char *
trail_csv_get_field (TrailCsv *self,
                     guint     row,
                     guint     column)
{
  Row *r;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);

  r = &g_array_index (self->rows, Row, row);
  if (column >= r->n_fields)
    return NULL;

  return self->text->str + g_array_index (self->fields, guint32, r->first_field + column);
}

guint
trail_csv_get_line (TrailCsv *self,
                    guint     row)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (row < self->rows->len, 0);
  return g_array_index (self->rows, Row, row).line;
}

const char *
trail_csv_get_row_problem (TrailCsv *self,
                           guint     row)
{
  guint problem;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);

  problem = g_array_index (self->rows, Row, row).problem;
  return problem == 0 ? NULL : g_ptr_array_index (self->problems, problem - 1);
}

guint
trail_csv_get_n_columns (TrailCsv *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_columns;
}

char
trail_csv_get_separator (TrailCsv *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->separator;
}

const char *
trail_csv_get_encoding (TrailCsv *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->encoding;
}

gboolean
trail_csv_parse_number (const char *text,
                        double     *number)
{
  char buf[64];
  gsize n = 0;
  gboolean digits = FALSE, point = FALSE;
  const char *p = text;
  char *endptr;

  g_return_val_if_fail (text != NULL, FALSE);

  while (*p == ' ' || *p == '\t')
    p++;

  if (*p == '-' || *p == '+')
    buf[n++] = *p++;

  for (; *p != '\0' && n < sizeof buf - 1; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          digits = TRUE;
          buf[n++] = *p;
        }
      else if ((*p == '.' || *p == ',') && !point)
        {
          point = TRUE;
          buf[n++] = '.';
        }
      else
        break;
    }

  while (*p == ' ' || *p == '\t')
    p++;

  if (!digits || *p != '\0')
    return FALSE;

  buf[n] = '\0';
  *number = g_ascii_strtod (buf, &endptr);
  return *endptr == '\0';
}

char *
trail_csv_header_key (const char *header)
{
  g_autofree char *stripped = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *plain = NULL;
  GString *key;

  g_return_val_if_fail (header != NULL, NULL);

  stripped = g_strstrip (g_strdup (header));
  normal = g_utf8_normalize (stripped, -1, G_NORMALIZE_DEFAULT);
  folded = g_utf8_casefold (normal != NULL ? normal : "", -1);
  plain = g_str_to_ascii (folded, "C");
  key = g_string_new (NULL);

  for (const char *p = plain; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (key, *p);

  return g_string_free (key, FALSE);
}

/* ---- Rows that could not be read ----------------------------------------- */

typedef struct
{
  guint  line;
  char  *message;
} BadRow;

struct _TrailCsvBadRows
{
  GArray *rows;   /* BadRow */
};

static void
bad_row_clear (gpointer data)
{
  g_free (((BadRow *) data)->message);
}

TrailCsvBadRows *
trail_csv_bad_rows_new (void)
{
  TrailCsvBadRows *self = g_new0 (TrailCsvBadRows, 1);

  self->rows = g_array_new (FALSE, FALSE, sizeof (BadRow));
  g_array_set_clear_func (self->rows, bad_row_clear);
  return self;
}

void
trail_csv_bad_rows_free (TrailCsvBadRows *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->rows);
  g_free (self);
}

void
trail_csv_bad_rows_clear (TrailCsvBadRows *self)
{
  g_return_if_fail (self != NULL);
  g_array_set_size (self->rows, 0);
}

void
trail_csv_bad_rows_add (TrailCsvBadRows *self,
                        guint            line,
                        char            *message)
{
  BadRow bad = { line, message };

  g_return_if_fail (self != NULL);
  g_return_if_fail (message != NULL);
  g_array_append_val (self->rows, bad);
}

guint
trail_csv_bad_rows_get_n (TrailCsvBadRows *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->rows->len;
}

const char *
trail_csv_bad_rows_get (TrailCsvBadRows *self,
                        guint            index,
                        guint           *line)
{
  BadRow *bad;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);

  bad = &g_array_index (self->rows, BadRow, index);
  if (line != NULL)
    *line = bad->line;
  return bad->message;
}
