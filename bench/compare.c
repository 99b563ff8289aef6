/* compare.c — comparing two maps against loading them.
 *
 * Not a unit test (timings vary from machine to machine): run it with
 * `meson test -C build --benchmark compare -v`, or directly. For maps of
 * 2,000 and 10,000 cards whose second version has 10 % of its cards
 * changed (a third of them reworded, a third moved, a third replaced),
 * prints the best of 9 runs of loading one map and of comparing the two,
 * and the ratios. The goal (issue 18): comparing two maps takes no
 * longer than loading both, so ratio-vs-both ≤ 1.
 *
 * "snapshot ms" is what the comparison window, following a map being
 * edited, does on the main thread after each pause in editing: write the
 * map out (the reading, the diff and the view's copy run in a thread).
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
  TrailPersona *persona = trail_document_add_persona (doc, -1, "Ana");
  const char *tags[2] = { trail_persona_get_id (persona), NULL };
  TrailLane *card_lanes[3] = { NULL, };
  guint n_lanes = 0;

  for (guint i = 0; i < g_list_model_get_n_items (lanes) && n_lanes < 3; i++)
    {
      g_autoptr(TrailLane) lane = g_list_model_get_item (lanes, i);
      if (trail_lane_get_kind (lane) != TRAIL_LANE_KIND_EMOTIONS)
        card_lanes[n_lanes++] = lane;
    }

  trail_document_begin_group (doc, "fill");
  for (guint i = 0; i < n_cards; i++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (stages, i % n_stages);
      g_autofree char *text = g_strdup_printf ("Card %u: compares prices on the website and reads reviews", i);
      TrailCard *card = trail_document_add_card (doc, card_lanes[(i / n_stages) % 3], stage, -1, text);

      trail_document_update (doc, card, "channel", TRAIL_CHANNEL_WEBSITE, "votes", i % 7,
                             "persona-tags", tags, NULL);
    }
  for (guint i = 0; i < n_stages * 4; i++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (stages, i / 4);
      trail_document_add_emotion_point (doc, trail_document_find_line_for_persona (doc, tags[0]),
                                        stage, (i % 4) / 4.0, (int) (i % 5) - 2, NULL);
    }
  trail_document_end_group (doc);
  return doc;
}

/* 10 % of the cards: reworded, moved to the next stage, or removed and
 * replaced by a new card. */
static void
change_map (TrailDocument *doc)
{
  GListModel *cards = trail_document_get_cards (doc);
  GListModel *stages = trail_document_get_stages (doc);
  guint n = g_list_model_get_n_items (cards);
  guint n_stages = g_list_model_get_n_items (stages);
  g_autoptr(GPtrArray) picked = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i += 10)
    g_ptr_array_add (picked, g_list_model_get_item (cards, i));

  trail_document_begin_group (doc, "change");
  for (guint i = 0; i < picked->len; i++)
    {
      TrailCard *card = picked->pdata[i];
      TrailLane *lane = trail_document_find_lane (doc, trail_card_get_lane_id (card));
      TrailStage *stage = trail_document_find_stage (doc, trail_card_get_stage_id (card));
      guint index = trail_document_get_stage_index (doc, stage);
      g_autoptr(TrailStage) next = g_list_model_get_item (stages, (index + 1) % n_stages);

      switch (i % 3)
        {
        case 0:
          trail_document_update (doc, card, "text", "Reworded in the future state", NULL);
          break;
        case 1:
          trail_document_move_card (doc, card, lane, next, -1);
          break;
        default:
          trail_document_remove_card (doc, card);
          trail_document_add_card (doc, lane, stage, -1, "A new card");
          break;
        }
    }
  trail_document_end_group (doc);
}

int
main (int   argc,
      char *argv[])
{
  const guint sizes[] = { 2000, 10000 };

  setlocale (LC_ALL, "");
  g_print ("%8s %10s %10s %10s %14s %14s %12s %14s %s\n", "cards", "load ms", "load2 ms", "diff ms",
           "diff/load1", "diff/load2", "snapshot ms", "snapshot/load1", "changes");

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(TrailDocument) a = make_map (sizes[s]);
      g_autoptr(TrailDocument) b = NULL;
      g_autoptr(GBytes) bytes_a = trail_document_serialize (a);
      g_autoptr(GBytes) bytes_b = NULL;
      double load[RUNS], load2[RUNS], diff[RUNS], snapshot[RUNS];
      guint changes = 0;

      {
        g_autoptr(GError) error = NULL;
        b = trail_document_load_from_bytes (bytes_a, "b", &error);
        g_assert_no_error (error);
      }
      change_map (b);
      bytes_b = trail_document_serialize (b);

      for (guint r = 0; r < RUNS; r++)
        {
          g_autoptr(TrailDocument) x = NULL;
          g_autoptr(TrailDocument) y = NULL;
          g_autoptr(TrailDiff) d = NULL;
          gint64 start;

          start = g_get_monotonic_time ();
          x = trail_document_load_from_bytes (bytes_a, "a", NULL);
          load[r] = bench_since_ms (start);
          start = g_get_monotonic_time ();
          y = trail_document_load_from_bytes (bytes_b, "b", NULL);
          load2[r] = load[r] + bench_since_ms (start);
          g_assert_nonnull (x);
          g_assert_nonnull (y);

          start = g_get_monotonic_time ();
          d = trail_diff_new (x, y);
          diff[r] = bench_since_ms (start);
          changes = trail_diff_get_cards (d)->len;

          start = g_get_monotonic_time ();
          g_bytes_unref (trail_document_serialize (y));
          snapshot[r] = bench_since_ms (start);
        }

      {
        double l = bench_best (load, RUNS), l2 = bench_best (load2, RUNS);
        double df = bench_best (diff, RUNS), sn = bench_best (snapshot, RUNS);
        g_print ("%8u %10.1f %10.1f %10.1f %14.2f %14.2f %12.1f %14.2f %u\n", sizes[s], l, l2, df, df / l, df / l2,
                 sn, sn / l, changes);
      }
    }
  return 0;
}
