/* fuzz-paste.c — libFuzzer target for the clipboard readers.
 *
 * The same bytes are pasted twice into a small map: as copied cards
 * (application/x-trailmap-cards+json, through the strict reader) and as
 * plain text (one card per line). Either paste fails with a
 * TRAIL_DOCUMENT_ERROR and leaves the map exactly as it was, or it adds
 * cards in one undo step, after which the map passes the save-side limit
 * check, saves and loads back equal, and undo gives back the bytes of the
 * map before the paste. Crashes, leaks, criticals and hangs are bugs.
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

static void
check_pasted (TrailDocument *doc,
              GBytes        *before,
              GPtrArray     *added,
              GError        *error)
{
  g_autoptr(GBytes) now = trail_document_serialize (doc);

  if (added == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == TRAIL_DOCUMENT_ERROR);
      g_assert_true (g_bytes_equal (before, now));
      return;
    }

  g_assert_null (error);
  if (added->len == 0)
    {
      g_assert_true (g_bytes_equal (before, now));
      return;
    }

  {
    g_autoptr(GError) local_error = NULL;
    g_autoptr(TrailDocument) again = NULL;

    /* What a paste makes can be saved and opened again. */
    g_assert_true (trail_document_check_limits (doc, &local_error));
    g_assert_no_error (local_error);
    again = trail_document_load_from_bytes (now, "fuzz-pasted", &local_error);
    g_assert_no_error (local_error);
    g_assert_true (trail_document_equal (doc, again));
  }

  /* One undo step takes it all back. */
  trail_document_undo (doc);
  {
    g_autoptr(GBytes) undone = trail_document_serialize (doc);

    g_assert_true (g_bytes_equal (before, undone));
  }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(TrailDocument) doc = trail_document_new_blank ();
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(TrailLane) lane = NULL;
  g_autoptr(TrailStage) stage = NULL;
  GListModel *lanes = trail_document_get_lanes (doc);

  /* The first lane that takes cards, the first stage, before its card. */
  for (guint i = 0; lane == NULL && i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(TrailLane) candidate = g_list_model_get_item (lanes, i);

      if (trail_lane_get_kind (candidate) != TRAIL_LANE_KIND_EMOTIONS)
        lane = g_steal_pointer (&candidate);
    }
  g_assert_nonnull (lane);
  stage = g_list_model_get_item (trail_document_get_stages (doc), 0);
  trail_document_add_card (doc, lane, stage, -1, "Already here");
  before = trail_document_serialize (doc);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) added = trail_document_paste_cards (doc, bytes, lane, stage, 0, &error);

    check_pasted (doc, before, added, error);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) added = trail_document_paste_text (doc, (const char *) data, size,
                                                            lane, stage, 0, &error);

    check_pasted (doc, before, added, error);
  }

  return 0;
}
