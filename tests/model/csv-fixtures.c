/* csv-fixtures.c — what the survey and metrics import tests share
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "csv-fixtures.h"

GBytes *
csv_fixture_read (const char *name)
{
  const char *root = g_getenv ("TRAILMAP_SOURCE_ROOT");
  g_autofree char *path = g_build_filename (root != NULL ? root : SOURCE_ROOT,
                                            "tests", "model", "csv", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data;
  gsize len;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

TrailCard *
csv_fixture_card_with_text (TrailDocument *doc,
                            const char    *text)
{
  GListModel *cards = trail_document_get_cards (doc);

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(TrailCard) card = g_list_model_get_item (cards, i);

      if (g_str_equal (trail_card_get_text (card), text))
        return card;
    }
  return NULL;
}

TrailDocument *
csv_fixture_save_and_load (TrailDocument *doc)
{
  g_autoptr(GBytes) bytes = trail_document_serialize (doc);
  g_autoptr(GError) error = NULL;
  TrailDocument *copy = trail_document_load_from_bytes (bytes, "saved.trailmap", &error);

  g_assert_no_error (error);
  g_assert_true (trail_document_equal (doc, copy));
  return copy;
}
