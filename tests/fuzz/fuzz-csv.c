/* fuzz-csv.c — libFuzzer target for the cards CSV reader.
 *
 * Any input must either be refused with a message naming the input, or
 * give a map within the limits whose CSV export reads back to the same
 * export; imported into a map, it is one undo step that undo takes back
 * to the same bytes. Crashes, leaks, criticals and hangs are bugs.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fuzz-load.h"
#include "trail-model.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

/* The export's fields without the id column (ids are new in a new map),
 * read back with the project's CSV reader. */
static char *
without_ids (const char *csv,
             gsize       len)
{
  g_autoptr(GBytes) bytes = g_bytes_new (csv, len);
  g_autoptr(TrailCsv) table = trail_csv_parse (bytes, ',', 0, NULL);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (table);
  for (guint r = 0; r < trail_csv_get_n_rows (table); r++)
    {
      for (guint c = 0; c < trail_csv_get_n_fields (table, r); c++)
        if (c != 11)
          g_string_append_printf (out, "%s\x1f", trail_csv_get_field (table, r, c));
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailDocument) doc = NULL;
  g_autoptr(TrailDocument) map = trail_document_new_blank ();
  g_autoptr(GBytes) before = trail_document_serialize (map);
  g_autoptr(GBytes) after = NULL;

  doc = trail_map_csv_load (bytes, "fuzz", NULL, &error);
  if (doc == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == TRAIL_DOCUMENT_ERROR);
      g_assert_true (g_str_has_prefix (error->message, "fuzz"));
      g_clear_error (&error);
    }
  else
    {
      gsize len;
      g_autofree char *csv = trail_map_csv_save (doc, FALSE, &len);
      g_autoptr(GBytes) saved = g_bytes_new (csv, len);
      g_autoptr(TrailDocument) again = NULL;
      g_autofree char *csv_again = NULL;
      gsize len_again;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      g_assert_true (trail_document_check_limits (doc, &error));
      again = trail_map_csv_load (saved, "fuzz-saved", NULL, &error);
      g_assert_no_error (error);
      csv_again = trail_map_csv_save (again, FALSE, &len_again);
      a = without_ids (csv, len);
      b = without_ids (csv_again, len_again);
      g_assert_cmpstr (a, ==, b);
    }

  if (trail_map_csv_import (map, bytes, "fuzz", NULL, NULL) > 0)
    {
      trail_document_undo (map);
      g_assert_false (trail_document_get_can_undo (map));
    }
  after = trail_document_serialize (map);
  g_assert_true (g_bytes_equal (before, after));

  return 0;
}
