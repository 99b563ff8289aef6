/* fuzz-load.c — libFuzzer target for the .trailmap loader.
 *
 * Any input must either fail to load with an error, or load into a
 * document whose canonical save loads back equal and saves to the same
 * bytes. Crashes, leaks, criticals and hangs are bugs.
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
  /* A critical or a warning from the model means a broken invariant. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailDocument) doc = NULL;
  g_autoptr(TrailDocument) again = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) saved_again = NULL;

  doc = trail_document_load_from_bytes (bytes, "fuzz", &error);
  if (doc == NULL)
    {
      /* Every failure says what and where, naming the input. */
      g_assert_nonnull (error);
      g_assert_true (error->domain == TRAIL_DOCUMENT_ERROR);
      g_assert_true (g_str_has_prefix (error->message, "fuzz"));
      return 0;
    }

  g_assert_no_error (error);
  /* What opens can be saved: the save-side limits agree with the load. */
  g_assert_true (trail_document_check_limits (doc, &error));
  g_assert_no_error (error);
  saved = trail_document_serialize (doc);
  again = trail_document_load_from_bytes (saved, "fuzz-saved", &error);
  g_assert_no_error (error);
  g_assert_true (trail_document_equal (doc, again));

  saved_again = trail_document_serialize (again);
  g_assert_true (g_bytes_equal (saved, saved_again));

  return 0;
}
