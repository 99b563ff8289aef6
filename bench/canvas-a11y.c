/* canvas-a11y.c — what keeping the map's accessible objects in step with
 * the document costs (GTK 4.10+; docs/canvas.md, Accessibility).
 *
 * For maps of 20 and 2,000 cards: the time of a card text edit, an added
 * and a removed card, with no accessible objects made yet (the baseline:
 * the document, the layout and the canvas) and after a walk of the whole
 * accessible tree made one for every card; and the walk itself. Needs a
 * display; GTK_A11Y=test keeps the objects off any bus. Prints a table,
 * never fails on timings.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "trail-canvas.h"
#include "trail-model.h"

#define N_EDITS 200

static guint
walk (GtkAccessible *accessible)
{
  guint n = 0;

#if GTK_CHECK_VERSION (4, 10, 0)
  GtkAccessible *child = gtk_accessible_get_first_accessible_child (accessible);

  while (child != NULL)
    {
      GtkAccessible *next = gtk_accessible_get_next_accessible_sibling (child);

      n += 1 + walk (child);
      g_object_unref (child);
      child = next;
    }
#endif

  return n;
}

static GPtrArray *
fill (TrailDocument *document,
      guint          n_cards)
{
  GListModel *stages = trail_document_get_stages (document);
  GListModel *lanes = trail_document_get_lanes (document);
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  GPtrArray *cards = g_ptr_array_new ();

  for (guint l = 0; l < g_list_model_get_n_items (lanes); l++)
    {
      g_autoptr(TrailLane) lane = g_list_model_get_item (lanes, l);

      if (trail_lane_get_kind (lane) == TRAIL_LANE_KIND_EMOTIONS)
        continue;
      for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
        {
          g_ptr_array_add (cells, lane);
          g_ptr_array_add (cells, g_list_model_get_item (stages, s));
        }
    }

  for (guint i = 0; i < n_cards; i++)
    {
      guint cell = i % (cells->len / 2);
      g_autofree char *text = g_strdup_printf ("Card %u", i);

      g_ptr_array_add (cards, trail_document_add_card (document, cells->pdata[2 * cell],
                                                       cells->pdata[2 * cell + 1], -1, text));
    }
  for (guint i = 1; i < cells->len; i += 2)
    g_object_unref (cells->pdata[i]);

  return cards;
}

/* Microseconds per edit: N_EDITS text edits, then N_EDITS cards added and
 * removed again. */
static void
edit (TrailDocument *document,
      GPtrArray     *cards,
      const char    *round,
      double        *text_us,
      double        *add_us)
{
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < N_EDITS; i++)
    {
      g_autofree char *text = g_strdup_printf ("Card %u, %s", i, round);

      trail_document_update (document, cards->pdata[(i * 7919) % cards->len], "text", text, NULL);
    }
  *text_us = (double) (g_get_monotonic_time () - start) / N_EDITS;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_EDITS; i++)
    {
      TrailCard *near = cards->pdata[(i * 7919) % cards->len];
      TrailLane *lane = trail_document_find_lane (document, trail_card_get_lane_id (near));
      TrailStage *stage = trail_document_find_stage (document, trail_card_get_stage_id (near));
      TrailCard *card = trail_document_add_card (document, lane, stage, 0, "New");

      trail_document_remove_card (document, card);
    }
  *add_us = (double) (g_get_monotonic_time () - start) / (2 * N_EDITS);
}

int
main (int    argc,
      char **argv)
{
  const guint sizes[] = { 20, 2000 };

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 77;
    }
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_init ();
  adw_init ();

  g_print ("%-6s %10s %14s %14s %14s %14s %10s\n", "cards", "objects", "text µs/edit",
           "(no objects)", "add/rm µs", "(no objects)", "walk ms");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(TrailDocument) document = trail_document_new_blank ();
      g_autoptr(GPtrArray) cards = fill (document, sizes[s]);
      g_autoptr(TrailSelection) selection = trail_selection_new (document);
      GtkWidget *canvas = g_object_ref_sink (trail_canvas_new ());
      double text_plain, add_plain, text_a11y, add_a11y;
      gint64 start;
      guint n;

      trail_canvas_set_selection (TRAIL_CANVAS (canvas), selection);
      /* A first round warms caches up for both that follow. */
      edit (document, cards, "warm", &text_plain, &add_plain);
      edit (document, cards, "plain", &text_plain, &add_plain);

      start = g_get_monotonic_time ();
      n = walk (GTK_ACCESSIBLE (canvas));
      start = g_get_monotonic_time () - start;

      edit (document, cards, "a11y", &text_a11y, &add_a11y);
      g_print ("%-6u %10u %14.1f %14.1f %14.1f %14.1f %10.1f\n", sizes[s], n, text_a11y, text_plain,
               add_a11y, add_plain, start / 1000.0);

      trail_canvas_set_selection (TRAIL_CANVAS (canvas), NULL);
      g_object_unref (canvas);
    }

  return 0;
}
