/* draft.c — a draft written while the user types, against a plain draft.
 *
 * Not a unit test (timings vary from machine to machine): run it with
 * `meson test -C build --benchmark draft -v`, or directly. For maps of
 * 2,000 and 20,000 cards it times, best of 9 runs, what a draft costs the
 * main loop before its bytes go to disk (the write itself is the same for
 * all three, on a thread):
 *
 *   plain    the map serialized: a draft with nothing being typed
 *   typed    the map serialized with an inline editor's text laid over one
 *            card (TrailDraftOverlay), and with a card still being typed
 *   reparse  the way it was done before the overlay: serialize, load the
 *            bytes into a copy, update the card there, serialize the copy
 *
 * and prints each as a ratio of plain. The goal: typed ≤ 1.1× plain.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "trail-model.h"

#include "bench-util.h"

#define RUNS 9

static TrailDocument *
make_map (guint n_cards)
{
  TrailDocument *doc = trail_document_new_blank ();
  GListModel *stages = trail_document_get_stages (doc);
  GListModel *lanes = trail_document_get_lanes (doc);
  guint n_stages = g_list_model_get_n_items (stages);

  for (guint i = 0; i < n_cards; i++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (stages, i % n_stages);
      g_autoptr(TrailLane) lane = g_list_model_get_item (lanes, (i / n_stages) % 3);
      g_autofree char *text = g_strdup_printf ("Card %u: compares prices on the website and reads reviews", i);
      TrailCard *card = trail_document_add_card (doc, lane, stage, -1, text);

      trail_document_update (doc, card,
                             "channel", TRAIL_CHANNEL_WEBSITE,
                             "details", "Seen in three of the interviews, twice on a phone",
                             "votes", i % 7,
                             NULL);
    }
  return doc;
}

static void
bench (guint n_cards)
{
  g_autoptr(TrailDocument) doc = make_map (n_cards);
  g_autoptr(TrailCard) card = g_list_model_get_item (trail_document_get_cards (doc), n_cards / 2);
  g_autoptr(TrailLane) lane = g_list_model_get_item (trail_document_get_lanes (doc), 0);
  g_autoptr(TrailStage) stage = g_list_model_get_item (trail_document_get_stages (doc), 1);
  const char *typed = "Compares prices on the website, then in the store";
  double plain[RUNS], text[RUNS], added[RUNS], reparse[RUNS];
  gsize size = 0;

  for (guint r = 0; r < RUNS; r++)
    {
      gint64 start;

      start = g_get_monotonic_time ();
      {
        g_autoptr(GBytes) bytes = trail_document_serialize (doc);
        size = g_bytes_get_size (bytes);
      }
      plain[r] = bench_since_ms (start);

      start = g_get_monotonic_time ();
      {
        g_autoptr(TrailDraftOverlay) overlay = trail_draft_overlay_new (doc);
        g_autoptr(GBytes) bytes = NULL;

        trail_draft_overlay_set_text (overlay, card, "text", typed);
        bytes = trail_document_serialize_overlaid (doc, overlay);
        g_assert_nonnull (bytes);
      }
      text[r] = bench_since_ms (start);

      start = g_get_monotonic_time ();
      {
        g_autoptr(TrailDraftOverlay) overlay = trail_draft_overlay_new (doc);
        g_autoptr(GBytes) bytes = NULL;

        trail_draft_overlay_add_card (overlay, lane, stage, 0, typed, TRAIL_CHANNEL_NONE, NULL);
        bytes = trail_document_serialize_overlaid (doc, overlay);
        g_assert_nonnull (bytes);
      }
      added[r] = bench_since_ms (start);

      start = g_get_monotonic_time ();
      {
        g_autoptr(GBytes) bytes = trail_document_serialize (doc);
        g_autoptr(TrailDocument) copy = trail_document_load_from_bytes (bytes, NULL, NULL);
        g_autoptr(GBytes) again = NULL;

        g_assert_nonnull (copy);
        trail_document_update (copy, trail_document_find_card (copy, trail_card_get_id (card)), "text", typed, NULL);
        again = trail_document_serialize (copy);
      }
      reparse[r] = bench_since_ms (start);
    }

  {
    double p = bench_best (plain, RUNS), t = bench_best (text, RUNS);
    double a = bench_best (added, RUNS), o = bench_best (reparse, RUNS);

    g_print ("%6u cards, %8" G_GSIZE_FORMAT " bytes: plain %7.2f ms | typed text %7.2f ms (%.2f×)"
             " | typed new card %7.2f ms (%.2f×) | reparse (before) %7.2f ms (%.2f×)\n",
             n_cards, size, p, t, t / p, a, a / p, o, o / p);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");

  bench (2000);
  bench (20000);

  return 0;
}
