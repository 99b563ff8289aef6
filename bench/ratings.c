/* ratings.c — what a room's stage ratings cost the layout: a rating and
 * the layout update that follows (the emotions lanes only), against a card's
 * text edit (the cheapest update there is) and a full relayout (what any
 * other change of the legend costs), on maps of 200 and 2,000 cards, for
 * 100 participants rating every stage. Prints a table of medians and
 * ratios; never fails on timings.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "render-fixtures.h"
#include "trail-layout.h"

#define PARTICIPANTS 100

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return (da > db) - (da < db);
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_double);
  return g_array_index (times, double, times->len / 2);
}

int
main (int   argc,
      char *argv[])
{
  const guint sizes[] = { 200, 2000 };

  g_unsetenv ("DISPLAY");
  g_unsetenv ("WAYLAND_DISPLAY");
  if (g_getenv ("TRAILMAP_TEST_SYSTEM_FONTS") == NULL)
    g_setenv ("FONTCONFIG_FILE", RENDER_FONTS_CONF, TRUE);
  gtk_init_check ();

  g_print ("%-8s %8s %14s %14s %14s %14s %10s %10s\n", "cards", "ratings", "rating (ms)", "card edit (ms)",
           "emotions (ms)", "relayout (ms)", "÷ emotions", "÷ relayout");

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(TrailDocument) doc = render_fixture_large (sizes[s]);
      g_autoptr(TrailStyle) style = trail_style_new (TRAIL_STYLE_LIGHT);
      g_autoptr(TrailLayout) layout = trail_layout_new (doc, style);
      GListModel *stages = trail_document_get_stages (doc);
      GListModel *cards = trail_document_get_cards (doc);
      guint n_stages = g_list_model_get_n_items (stages);
      g_autoptr(GArray) rating = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) edit = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) relayout = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) emotions = g_array_new (FALSE, FALSE, sizeof (double));
      double r, e, f, m;

      /* The first rating brings the line and its legend entry: the full
       * path, once. The rest are what a room sends. */
      for (guint p = 0; p < PARTICIPANTS; p++)
        for (guint i = 0; i < n_stages; i++)
          {
            g_autoptr(TrailStage) stage = g_list_model_get_item (stages, i);
            g_autofree char *key = g_strdup_printf ("p%03u", p);
            gint64 start = g_get_monotonic_time ();
            double ms;

            trail_document_rate_stage (doc, stage, key, NULL, (int) ((p + i) % 5) - 2, NULL, NULL);
            trail_layout_update (layout, TRAIL_CHANGE_RATINGS, NULL, NULL);
            ms = (g_get_monotonic_time () - start) / 1000.0;
            if (p > 0 || i > 0)
              g_array_append_val (rating, ms);
          }

      for (guint i = 0; i < 50; i++)
        {
          g_autoptr(TrailCard) card = g_list_model_get_item (cards, (i * 37) % g_list_model_get_n_items (cards));
          g_autofree char *text = g_strdup_printf ("Edited %u", i);
          gint64 start = g_get_monotonic_time ();
          double ms;

          trail_document_update (doc, card, "text", text, NULL);
          trail_layout_update (layout, TRAIL_CHANGE_CARD_TEXT, G_OBJECT (card), NULL);
          ms = (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (edit, ms);

          start = g_get_monotonic_time ();
          trail_layout_update (layout, TRAIL_CHANGE_META, G_OBJECT (doc), NULL);
          ms = (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (relayout, ms);

          /* What moving a persona's emotion point costs: the same lanes. */
          start = g_get_monotonic_time ();
          trail_layout_update (layout, TRAIL_CHANGE_EMOTIONS, NULL, NULL);
          ms = (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (emotions, ms);
        }

      r = median (rating);
      e = median (edit);
      f = median (relayout);
      m = median (emotions);
      g_print ("%-8u %8u %14.3f %14.3f %14.3f %14.3f %10.2f %10.3f\n", sizes[s], rating->len + 1, r, e, m, f,
               r / m, r / f);
    }

  return EXIT_SUCCESS;
}
