/* trail-canvas-marks.c — what the canvas draws over the map for others:
 * Find's rings around its matches, a persona view's dimming, and the card
 * under a point for dot voting.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-canvas"

#include "config.h"

#include "trail-canvas-private.h"
#include "trail-persona-view.h"

/* Made when first asked for: most canvases never mark or dim. */
struct _TrailCanvasMarks
{
  GPtrArray         *items;             /* cards, stages, lanes, personas; NULL: none */
  gpointer           current;
  GHashTable        *undimmed;          /* cards drawn at full strength; NULL: no dimming */
  GHashTable        *undimmed_lines;    /* persona ids (NULL key: everyone's line) kept */
};

static TrailCanvasMarks *
ensure_marks (TrailCanvas *self)
{
  if (self->marks == NULL)
    self->marks = g_new0 (TrailCanvasMarks, 1);
  return self->marks;
}

TrailCard *
trail_canvas_pick_card (TrailCanvas *self,
                        double       x,
                        double       y)
{
  const TrailLayoutItem *item;
  double mx, my;

  g_return_val_if_fail (TRAIL_IS_CANVAS (self), NULL);

  if (self->layout == NULL)
    return NULL;
  _trail_canvas_widget_to_map (self, x, y, &mx, &my);
  item = trail_layout_pick (self->layout, mx, my, TRAIL_LAYOUT_ITEM_CARD);
  return item != NULL ? item->object : NULL;
}

void
_trail_canvas_clear_marks (TrailCanvas *self)
{
  TrailCanvasMarks *marks = self->marks;

  if (marks == NULL)
    return;
  g_clear_pointer (&marks->items, g_ptr_array_unref);
  g_clear_pointer (&marks->undimmed, g_hash_table_unref);
  g_clear_pointer (&marks->undimmed_lines, g_hash_table_unref);
  g_clear_pointer (&self->marks, g_free);
}

void
trail_canvas_set_marks (TrailCanvas *self,
                        GPtrArray   *items,
                        gpointer     current)
{
  TrailCanvasMarks *marks;

  g_return_if_fail (TRAIL_IS_CANVAS (self));

  marks = ensure_marks (self);
  g_clear_pointer (&marks->items, g_ptr_array_unref);
  if (items != NULL && items->len > 0)
    {
      marks->items = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < items->len; i++)
        g_ptr_array_add (marks->items, g_object_ref (items->pdata[i]));
    }
  marks->current = current;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
trail_canvas_reveal_item (TrailCanvas *self,
                          gpointer     item)
{
  const TrailLayoutItem *found;

  g_return_if_fail (TRAIL_IS_CANVAS (self));

  if (self->layout != NULL && (found = trail_layout_find (self->layout, item)) != NULL)
    _trail_canvas_scroll_to_rect (self, &found->bounds);
}

void
trail_canvas_set_dimming (TrailCanvas        *self,
                          GPtrArray          *cards,
                          const char * const *persona_ids)
{
  TrailCanvasMarks *marks;

  g_return_if_fail (TRAIL_IS_CANVAS (self));

  marks = ensure_marks (self);
  g_clear_pointer (&marks->undimmed, g_hash_table_unref);
  g_clear_pointer (&marks->undimmed_lines, g_hash_table_unref);
  if (cards != NULL || persona_ids != NULL)
    {
      marks->undimmed = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
      marks->undimmed_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; cards != NULL && i < cards->len; i++)
        g_hash_table_add (marks->undimmed, g_object_ref (cards->pdata[i]));
      for (guint i = 0; persona_ids != NULL && persona_ids[i] != NULL; i++)
        g_hash_table_add (marks->undimmed_lines, g_strdup (persona_ids[i]));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
trail_canvas_get_dimming (TrailCanvas *self)
{
  g_return_val_if_fail (TRAIL_IS_CANVAS (self), FALSE);
  return self->marks != NULL && self->marks->undimmed != NULL;
}

static void
snapshot_dimming (TrailCanvas *self,
                  GtkSnapshot *snapshot)
{
  g_autoptr(GPtrArray) items = NULL;
  graphene_rect_t all;
  GdkRGBA veil = self->style->page;

  trail_layout_get_bounds (self->layout, &all);
  items = trail_layout_query (self->layout, &all, TRAIL_LAYOUT_ITEM_CARD | TRAIL_LAYOUT_ITEM_EMOTIONS);
  /* A veil of the page's colour: dimmed in light and dark styles alike,
   * and the dimmed cards stay readable up close. */
  veil.alpha = 0.72f;
  for (guint i = 0; i < items->len; i++)
    {
      const TrailLayoutItem *item = items->pdata[i];

      if (item->kind == TRAIL_LAYOUT_ITEM_CARD)
        {
          if (!g_hash_table_contains (self->marks->undimmed, item->object))
            gtk_snapshot_append_color (snapshot, &veil, &item->bounds);
        }
      else
        {
          g_autofree const char **keep = NULL;

          keep = (const char **) g_hash_table_get_keys_as_array (self->marks->undimmed_lines, NULL);
          gtk_snapshot_append_color (snapshot, &veil, &item->bounds);
          trail_painter_draw_persona_curves (snapshot, self->layout, item, keep);
        }
    }
}

static void
snapshot_ring (TrailCanvas           *self,
               GtkSnapshot           *snapshot,
               const graphene_rect_t *bounds,
               gboolean               current)
{
  GskRoundedRect ring;
  graphene_rect_t r;
  GdkRGBA colors[4];
  /* Find's colour: the GNOME yellow of a text editor's search matches. */
  GdkRGBA match = { 0xf6 / 255.f, 0xd3 / 255.f, 0x2d / 255.f, 1 };
  float width = (current ? 4.f : 3.f) / MAX (self->zoom, 0.25);

  graphene_rect_inset_r (bounds, -width - 2, -width - 2, &r);
  for (guint c = 0; c < 4; c++)
    colors[c] = current ? self->style->selection : match;
  gsk_rounded_rect_init_from_rect (&ring, &r, 10);
  gtk_snapshot_append_border (snapshot, &ring, (float[]) { width, width, width, width }, colors);
}

void
_trail_canvas_snapshot_marks (TrailCanvas *self,
                              GtkSnapshot *snapshot)
{
  TrailCanvasMarks *marks = self->marks;
  const TrailLayoutItem *item;

  if (self->layout == NULL || marks == NULL)
    return;

  if (marks->undimmed != NULL)
    snapshot_dimming (self, snapshot);

  if (marks->items == NULL)
    return;
  for (guint i = 0; i < marks->items->len; i++)
    if (marks->items->pdata[i] != marks->current &&
        (item = trail_layout_find (self->layout, marks->items->pdata[i])) != NULL)
      snapshot_ring (self, snapshot, &item->bounds, FALSE);
  if (marks->current != NULL && (item = trail_layout_find (self->layout, marks->current)) != NULL)
    snapshot_ring (self, snapshot, &item->bounds, TRUE);
}
