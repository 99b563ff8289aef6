/* trail-persona-view.c — one or a few personas' emotion lines, drawn alone
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-painter"

#include "config.h"

#include "trail-layout-private.h"
#include "trail-paths.h"
#include "trail-persona-view.h"

static gboolean
curve_kept (const TrailEmotionCurve *curve,
            const char * const      *persona_ids)
{
  const char *id = trail_emotion_line_get_persona_id (curve->line);

  return persona_ids != NULL && g_strv_contains (persona_ids, id != NULL ? id : "");
}

void
trail_painter_draw_persona_curves (GtkSnapshot           *snapshot,
                                   TrailLayout           *layout,
                                   const TrailLayoutItem *emotions,
                                   const char * const    *persona_ids)
{
  const TrailLayoutEmotions *e = (const TrailLayoutEmotions *) emotions;
  TrailStyle *style = trail_layout_get_style (layout);
  cairo_t *cr;

  g_return_if_fail (emotions->kind == TRAIL_LAYOUT_ITEM_EMOTIONS);

  cr = trail_snapshot_append_cairo (snapshot, &emotions->bounds);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < e->curves->len; i++)
    {
      const TrailEmotionCurve *curve = e->curves->pdata[i];

      if (!curve_kept (curve, persona_ids))
        continue;
      trail_path_curve (cr, (graphene_point_t *) curve->points->data, curve->points->len);
      cairo_set_line_width (cr, style->emotion_line_width + 3);
      gdk_cairo_set_source_rgba (cr, &style->page);
      cairo_stroke_preserve (cr);
      cairo_set_line_width (cr, style->emotion_line_width);
      gdk_cairo_set_source_rgba (cr, &curve->color);
      cairo_stroke (cr);
      for (guint j = 0; j < curve->points->len; j++)
        {
          const graphene_point_t *pt = &g_array_index (curve->points, graphene_point_t, j);

          cairo_new_path (cr);
          cairo_arc (cr, pt->x, pt->y, style->emotion_point_radius, 0, 2 * G_PI);
          gdk_cairo_set_source_rgba (cr, &curve->color);
          cairo_fill_preserve (cr);
          cairo_set_line_width (cr, 2);
          gdk_cairo_set_source_rgba (cr, &style->page);
          cairo_stroke (cr);
        }
    }
  cairo_destroy (cr);
}
