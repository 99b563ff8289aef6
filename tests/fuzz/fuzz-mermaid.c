/* fuzz-mermaid.c — libFuzzer target for the Mermaid journey reader.
 *
 * Any input must either be refused with a message naming its line, or
 * give a map that saves within the limits, whose Mermaid export reads back
 * to the same export (a fixed point); pasted into a map, it must be one
 * undo step that undo takes back to the same bytes. Crashes, leaks,
 * criticals and hangs are bugs.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-load.h"
#include "trail-model.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailDocument) doc = NULL;
  g_autoptr(TrailDocument) again = NULL;
  g_autoptr(TrailDocument) map = trail_document_new_blank ();
  g_autoptr(GBytes) before = trail_document_serialize (map);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GPtrArray) pasted = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;

  doc = trail_mermaid_load ((const char *) data, size, "fuzz", NULL, &error);
  if (doc == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == TRAIL_DOCUMENT_ERROR);
      g_assert_true (g_str_has_prefix (error->message, "fuzz"));
      g_clear_error (&error);
    }
  else
    {
      g_assert_true (trail_document_check_limits (doc, &error));
      text = trail_mermaid_save (doc, NULL);
      again = trail_mermaid_load (text, -1, "fuzz-saved", NULL, &error);
      g_assert_no_error (error);
      text_again = trail_mermaid_save (again, NULL);
      g_assert_cmpstr (text, ==, text_again);
    }

  pasted = trail_mermaid_paste (map, (const char *) data, size, NULL, &error);
  if (pasted != NULL)
    {
      g_assert_true (trail_document_get_can_undo (map));
      trail_document_undo (map);
      g_assert_false (trail_document_get_can_undo (map));
    }
  after = trail_document_serialize (map);
  g_assert_true (g_bytes_equal (before, after));

  return 0;
}
