/* test-csv.c — the CSV reader on files as spreadsheets and survey tools
 * write them.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "trail-csv.h"

static TrailCsv *
parse_file (const char *name,
            char        separator)
{
  const char *root = g_getenv ("TRAILMAP_SOURCE_ROOT");
  g_autofree char *path = g_build_filename (root != NULL ? root : SOURCE_ROOT,
                                            "tests", "model", "csv", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *data;
  gsize len;
  TrailCsv *csv;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (data, len);

  csv = trail_csv_parse (bytes, separator, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (csv);
  return csv;
}

static TrailCsv *
parse_string (const char *text,
              char        separator)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  TrailCsv *csv = trail_csv_parse (bytes, separator, 0, &error);

  g_assert_no_error (error);
  return csv;
}

/* A German survey export: BOM, ';', CRLF, quoted line breaks and quotes,
 * decimal commas and an empty line. */
static void
test_csv_survey_export (void)
{
  g_autoptr(TrailCsv) csv = parse_file ("survey-de.csv", 0);
  double score;

  g_assert_cmpint (trail_csv_get_separator (csv), ==, ';');
  g_assert_cmpstr (trail_csv_get_encoding (csv), ==, "UTF-8");
  g_assert_cmpuint (trail_csv_get_n_rows (csv), ==, 7);
  g_assert_cmpuint (trail_csv_get_n_columns (csv), ==, 6);

  /* The BOM is not part of the first header. */
  g_assert_cmpstr (trail_csv_get_field (csv, 0, 0), ==, "Antwort-ID");
  g_assert_cmpstr (trail_csv_get_field (csv, 0, 5), ==, "Kommentar");

  g_assert_cmpstr (trail_csv_get_field (csv, 3, 5), ==,
                   "Comparing models took ages.\nThe table was confusing; too many \"pro\" variants");
  g_assert_cmpuint (trail_csv_get_line (csv, 3), ==, 4);
  /* The quoted line break and the empty line count. */
  g_assert_cmpuint (trail_csv_get_line (csv, 4), ==, 6);
  g_assert_cmpuint (trail_csv_get_line (csv, 5), ==, 8);
  g_assert_cmpstr (trail_csv_get_field (csv, 5, 0), ==, "r005");

  g_assert_true (trail_csv_parse_number (trail_csv_get_field (csv, 2, 4), &score));
  g_assert_cmpfloat (score, ==, 6.5);

  /* An empty last field is there, and empty. */
  g_assert_cmpuint (trail_csv_get_n_fields (csv, 6), ==, 6);
  g_assert_cmpstr (trail_csv_get_field (csv, 6, 5), ==, "");
  g_assert_null (trail_csv_get_field (csv, 6, 6));

  for (guint i = 0; i < trail_csv_get_n_rows (csv); i++)
    g_assert_null (trail_csv_get_row_problem (csv, i));
}

/* Excel's "Unicode text": UTF-16LE with a BOM, tab-separated. */
static void
test_csv_utf16 (void)
{
  g_autoptr(TrailCsv) csv = parse_file ("excel-unicode.txt", 0);

  g_assert_cmpstr (trail_csv_get_encoding (csv), ==, "UTF-16LE");
  g_assert_cmpint (trail_csv_get_separator (csv), ==, '\t');
  g_assert_cmpuint (trail_csv_get_n_rows (csv), ==, 4);
  g_assert_cmpstr (trail_csv_get_field (csv, 0, 0), ==, "Stage");
  g_assert_cmpstr (trail_csv_get_field (csv, 1, 2), ==, "Loved the café");
  g_assert_cmpstr (trail_csv_get_field (csv, 2, 2), ==, "Two lines\nof pain");
  g_assert_cmpuint (trail_csv_get_line (csv, 3), ==, 5);
}

static void
test_csv_bad_rows (void)
{
  g_autoptr(TrailCsv) csv = parse_file ("bad-rows.csv", 0);

  g_assert_cmpint (trail_csv_get_separator (csv), ==, ',');
  g_assert_cmpuint (trail_csv_get_n_rows (csv), ==, 7);

  g_assert_null (trail_csv_get_row_problem (csv, 1));

  /* Kept as text, but said. */
  g_assert_cmpstr (trail_csv_get_field (csv, 2, 2), ==, "closed then text");
  g_assert_nonnull (trail_csv_get_row_problem (csv, 2));
  g_assert_cmpuint (trail_csv_get_line (csv, 2), ==, 3);

  /* Ragged rows are kept as they are. */
  g_assert_cmpuint (trail_csv_get_n_fields (csv, 3), ==, 2);
  g_assert_null (trail_csv_get_field (csv, 3, 2));
  g_assert_cmpuint (trail_csv_get_n_fields (csv, 4), ==, 4);

  /* A quote never closed spoils its own row only. */
  g_assert_nonnull (strstr (trail_csv_get_row_problem (csv, 5), "line 6"));
  g_assert_cmpstr (trail_csv_get_field (csv, 5, 2), ==, "\"never closed");
  g_assert_cmpstr (trail_csv_get_field (csv, 6, 2), ==, "after");
  g_assert_cmpuint (trail_csv_get_line (csv, 6), ==, 7);
  g_assert_null (trail_csv_get_row_problem (csv, 6));
}

static void
test_csv_separators (void)
{
  g_autoptr(TrailCsv) a = parse_string ("a,b;c\n1,2;3\n4,5;6", 0);
  g_autoptr(TrailCsv) b = parse_string ("a,b;c\n1,2;3\n4,5;6", ';');
  g_autoptr(TrailCsv) c = parse_string ("only one column\nvalue\n", 0);
  g_autoptr(TrailCsv) d = parse_string ("x\r\ry\rz", ',');

  /* Both split evenly: the given one is used, the guess takes the first. */
  g_assert_cmpint (trail_csv_get_separator (a), ==, ',');
  g_assert_cmpstr (trail_csv_get_field (a, 1, 1), ==, "2;3");
  g_assert_cmpstr (trail_csv_get_field (b, 1, 0), ==, "1,2");
  g_assert_cmpuint (trail_csv_get_n_rows (c), ==, 2);
  g_assert_cmpstr (trail_csv_get_field (c, 0, 0), ==, "only one column");

  /* Old Mac line ends, and an empty line between them. */
  g_assert_cmpuint (trail_csv_get_n_rows (d), ==, 3);
  g_assert_cmpuint (trail_csv_get_line (d, 1), ==, 3);
}

static void
test_csv_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) big = g_bytes_new_static ("a,b\n1,2\n", 8);
  g_autoptr(GBytes) empty = g_bytes_new_static ("\n\r\n\n", 4);
  g_autoptr(GBytes) binary = g_bytes_new_static ("a\0b,c\0\0\0\0", 9);
  TrailCsv *csv;

  csv = trail_csv_parse (big, 0, 4, &error);
  g_assert_null (csv);
  g_assert_error (error, TRAIL_CSV_ERROR, TRAIL_CSV_ERROR_TOO_BIG);
  g_clear_error (&error);

  csv = trail_csv_parse (empty, 0, 0, &error);
  g_assert_null (csv);
  g_assert_error (error, TRAIL_CSV_ERROR, TRAIL_CSV_ERROR_EMPTY);
  g_clear_error (&error);

  /* A file of no bytes at all (its GBytes may hold no data pointer). */
  {
    g_autoptr(GBytes) nothing = g_bytes_new (NULL, 0);

    csv = trail_csv_parse (nothing, 0, 0, &error);
    g_assert_null (csv);
    g_assert_error (error, TRAIL_CSV_ERROR, TRAIL_CSV_ERROR_EMPTY);
    g_clear_error (&error);
  }

  csv = trail_csv_parse (binary, 0, 0, &error);
  g_assert_null (csv);
  g_assert_error (error, TRAIL_CSV_ERROR, TRAIL_CSV_ERROR_ENCODING);
}

static void
test_csv_windows_1252 (void)
{
  /* "Café" as Excel writes it on a western Windows. */
  g_autoptr(TrailCsv) csv = parse_string ("name;score\nCaf\xe9;4\n", 0);

  g_assert_cmpstr (trail_csv_get_encoding (csv), ==, "WINDOWS-1252");
  g_assert_cmpstr (trail_csv_get_field (csv, 1, 0), ==, "Café");
}

static void
test_csv_numbers (void)
{
  double n = 0;

  g_assert_true (trail_csv_parse_number ("7", &n));
  g_assert_cmpfloat (n, ==, 7);
  g_assert_true (trail_csv_parse_number (" 3,25 ", &n));
  g_assert_cmpfloat (n, ==, 3.25);
  g_assert_true (trail_csv_parse_number ("-1.5", &n));
  g_assert_cmpfloat (n, ==, -1.5);
  g_assert_true (trail_csv_parse_number (".5", &n));
  g_assert_cmpfloat (n, ==, 0.5);

  g_assert_false (trail_csv_parse_number ("", &n));
  g_assert_false (trail_csv_parse_number ("  ", &n));
  g_assert_false (trail_csv_parse_number ("n/a", &n));
  g_assert_false (trail_csv_parse_number ("1.000,5", &n));
  g_assert_false (trail_csv_parse_number ("7 of 10", &n));
  g_assert_false (trail_csv_parse_number ("-", &n));
  g_assert_false (trail_csv_parse_number ("1e400", &n));
}

/* Random text made of what CSV is made of, and random bytes: the reader
 * never fails on text it can decode, every row has a field, lines never go
 * backwards, and every field is valid UTF-8. The seed is printed by GLib;
 * reproduce with --seed. */
static void
test_csv_random (void)
{
  static const char alphabet[] = { ',', ';', '\t', '"', '"', '\r', '\n', ' ', 'a', '1', ',', '.' };

  for (guint iteration = 0; iteration < 3000; iteration++)
    {
      guint len = g_test_rand_int_range (0, 200);
      g_autofree char *text = g_malloc (len + 1);
      gboolean bytes_only = iteration % 3 == 0;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(TrailCsv) csv = NULL;
      guint last_line = 0;

      for (guint i = 0; i < len; i++)
        text[i] = bytes_only ? (char) g_test_rand_int_range (0, 256)
                             : alphabet[g_test_rand_int_range (0, G_N_ELEMENTS (alphabet))];
      text[len] = '\0';
      bytes = g_bytes_new (text, len);

      csv = trail_csv_parse (bytes, 0, 0, &error);
      if (csv == NULL)
        {
          g_assert_nonnull (error);
          g_assert_true (error->domain == TRAIL_CSV_ERROR);
          /* Text that is only line ends has no rows; anything else that
           * fails must be undecodable. */
          if (!bytes_only)
            g_assert_true (g_error_matches (error, TRAIL_CSV_ERROR, TRAIL_CSV_ERROR_EMPTY));
          continue;
        }

      for (guint r = 0; r < trail_csv_get_n_rows (csv); r++)
        {
          g_assert_cmpuint (trail_csv_get_n_fields (csv, r), >=, 1);
          g_assert_cmpuint (trail_csv_get_line (csv, r), >, last_line);
          last_line = trail_csv_get_line (csv, r);
          for (guint c = 0; c < trail_csv_get_n_fields (csv, r); c++)
            g_assert_true (g_utf8_validate (trail_csv_get_field (csv, r, c), -1, NULL));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/survey-export", test_csv_survey_export);
  g_test_add_func ("/csv/utf16", test_csv_utf16);
  g_test_add_func ("/csv/bad-rows", test_csv_bad_rows);
  g_test_add_func ("/csv/separators", test_csv_separators);
  g_test_add_func ("/csv/refused", test_csv_refused);
  g_test_add_func ("/csv/windows-1252", test_csv_windows_1252);
  g_test_add_func ("/csv/numbers", test_csv_numbers);
  g_test_add_func ("/csv/random", test_csv_random);

  return g_test_run ();
}
