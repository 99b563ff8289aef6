/* trail-paths.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-paths"

#include "config.h"

#include <math.h>

#include "trail-paths.h"

void
trail_path_stage (cairo_t                *cr,
                  const TrailLayoutStage *s,
                  float                   chevron)
{
  const graphene_rect_t *r = &s->item.bounds;
  double x = r->origin.x, y = r->origin.y, w = r->size.width, h = r->size.height;
  double radius = 10;

  cairo_new_path (cr);
  if (s->first)
    {
      /* Rounded outer corners where the journey starts. */
      cairo_move_to (cr, x + radius, y);
      cairo_line_to (cr, x + w - chevron, y);
      cairo_line_to (cr, x + w, y + h / 2);
      cairo_line_to (cr, x + w - chevron, y + h);
      cairo_line_to (cr, x + radius, y + h);
      cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
      cairo_line_to (cr, x, y + radius);
      cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
    }
  else
    {
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + w - chevron, y);
      cairo_line_to (cr, x + w, y + h / 2);
      cairo_line_to (cr, x + w - chevron, y + h);
      cairo_line_to (cr, x, y + h);
      cairo_line_to (cr, x + chevron, y + h / 2);
    }
  cairo_close_path (cr);
}

/* Tangents of a monotone cubic Hermite spline (Fritsch–Carlson), in
 * dy/dx. */
static double *
monotone_tangents (const graphene_point_t *p,
                   guint                   n)
{
  double *m = g_new0 (double, n);
  double *d = g_new0 (double, n);

  for (guint i = 0; i + 1 < n; i++)
    {
      double dx = p[i + 1].x - p[i].x;
      d[i] = dx > 0.001 ? (p[i + 1].y - p[i].y) / dx : 0;
    }

  m[0] = d[0];
  m[n - 1] = d[n - 2];
  for (guint i = 1; i + 1 < n; i++)
    m[i] = (d[i - 1] * d[i] <= 0) ? 0 : (d[i - 1] + d[i]) / 2;

  for (guint i = 0; i + 1 < n; i++)
    {
      double a, b, s;

      if (fabs (d[i]) < 1e-9)
        {
          m[i] = m[i + 1] = 0;
          continue;
        }
      a = m[i] / d[i];
      b = m[i + 1] / d[i];
      s = a * a + b * b;
      if (s > 9)
        {
          double t = 3 / sqrt (s);
          m[i] = t * a * d[i];
          m[i + 1] = t * b * d[i];
        }
    }

  g_free (d);
  return m;
}

static void
curve_segments (cairo_t                *cr,
                const graphene_point_t *p,
                guint                   n)
{
  g_autofree double *m = NULL;

  if (n < 2)
    return;

  m = monotone_tangents (p, n);
  for (guint i = 0; i + 1 < n; i++)
    {
      double dx = (p[i + 1].x - p[i].x) / 3;

      /* Points at the same x (several in one spot) join straight. */
      if (dx <= 0)
        {
          cairo_line_to (cr, p[i + 1].x, p[i + 1].y);
          continue;
        }
      cairo_curve_to (cr,
                      p[i].x + dx, p[i].y + m[i] * dx,
                      p[i + 1].x - dx, p[i + 1].y - m[i + 1] * dx,
                      p[i + 1].x, p[i + 1].y);
    }
}

void
trail_path_curve (cairo_t                *cr,
                  const graphene_point_t *points,
                  guint                   n_points)
{
  cairo_new_path (cr);
  if (n_points == 0)
    return;

  cairo_move_to (cr, points[0].x, points[0].y);
  curve_segments (cr, points, n_points);
}

void
trail_path_curve_area (cairo_t                *cr,
                       const graphene_point_t *points,
                       guint                   n_points,
                       float                   base_y)
{
  cairo_new_path (cr);
  if (n_points < 2)
    return;

  cairo_move_to (cr, points[0].x, base_y);
  cairo_line_to (cr, points[0].x, points[0].y);
  curve_segments (cr, points, n_points);
  cairo_line_to (cr, points[n_points - 1].x, base_y);
  cairo_close_path (cr);
}

cairo_t *
trail_path_scratch (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  return cr;
}

char *
trail_path_to_svg (cairo_t *cr)
{
  cairo_path_t *path = cairo_copy_path (cr);
  GString *out = g_string_new (NULL);
  char buf[6][G_ASCII_DTOSTR_BUF_SIZE];

  for (int i = 0; i < path->num_data; i += path->data[i].header.length)
    {
      cairo_path_data_t *d = &path->data[i];

      switch (d->header.type)
        {
        case CAIRO_PATH_MOVE_TO:
        case CAIRO_PATH_LINE_TO:
          g_string_append_printf (out, "%s%s %s ", d->header.type == CAIRO_PATH_MOVE_TO ? "M" : "L",
                                  g_ascii_formatd (buf[0], sizeof buf[0], "%.2f", d[1].point.x),
                                  g_ascii_formatd (buf[1], sizeof buf[1], "%.2f", d[1].point.y));
          break;
        case CAIRO_PATH_CURVE_TO:
          g_string_append_printf (out, "C%s %s %s %s %s %s ",
                                  g_ascii_formatd (buf[0], sizeof buf[0], "%.2f", d[1].point.x),
                                  g_ascii_formatd (buf[1], sizeof buf[1], "%.2f", d[1].point.y),
                                  g_ascii_formatd (buf[2], sizeof buf[2], "%.2f", d[2].point.x),
                                  g_ascii_formatd (buf[3], sizeof buf[3], "%.2f", d[2].point.y),
                                  g_ascii_formatd (buf[4], sizeof buf[4], "%.2f", d[3].point.x),
                                  g_ascii_formatd (buf[5], sizeof buf[5], "%.2f", d[3].point.y));
          break;
        case CAIRO_PATH_CLOSE_PATH:
          g_string_append (out, "Z ");
          break;
        default:
          break;
        }
    }
  cairo_path_destroy (path);

  if (out->len > 0)
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

gboolean
trail_layout_get_grid_rect (TrailLayout     *layout,
                            graphene_rect_t *rect)
{
  GPtrArray *lanes = trail_layout_get_lanes (layout);
  TrailLayoutLane *first, *last;

  if (lanes->len == 0)
    return FALSE;

  first = lanes->pdata[0];
  last = lanes->pdata[lanes->len - 1];
  *rect = GRAPHENE_RECT_INIT (first->row.origin.x, first->row.origin.y, first->row.size.width,
                              last->row.origin.y + last->row.size.height - first->row.origin.y);

  return TRUE;
}

cairo_t *
trail_snapshot_append_cairo (GtkSnapshot           *snapshot,
                             const graphene_rect_t *bounds)
{
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderNode) moved = NULL;
  g_autoptr(GskTransform) transform = NULL;
  cairo_t *cr;

  node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, bounds->size.width, bounds->size.height));
  cr = gsk_cairo_node_get_draw_context (node);
  cairo_translate (cr, -bounds->origin.x, -bounds->origin.y);

  transform = gsk_transform_translate (NULL, &bounds->origin);
  moved = gsk_transform_node_new (node, transform);
  gtk_snapshot_append_node (snapshot, moved);

  return cr;
}

void
trail_path_measured_band (cairo_t                  *cr,
                          const TrailMeasuredCurve *m,
                          float                     half_width)
{
  const graphene_point_t *pts = (const graphene_point_t *) m->points->data;
  const float *top = (const float *) m->band_top->data;
  const float *bottom = (const float *) m->band_bottom->data;
  guint n = m->points->len;

  cairo_new_path (cr);
  if (n == 0)
    return;

  /* The band runs a little past the first and last marks, so that one at
   * the ends (or alone) is seen as a band and not a line. */
  cairo_move_to (cr, pts[0].x - half_width, top[0]);
  for (guint i = 0; i < n; i++)
    cairo_line_to (cr, pts[i].x, top[i]);
  cairo_line_to (cr, pts[n - 1].x + half_width, top[n - 1]);
  cairo_line_to (cr, pts[n - 1].x + half_width, bottom[n - 1]);
  for (guint i = n; i-- > 0;)
    cairo_line_to (cr, pts[i].x, bottom[i]);
  cairo_line_to (cr, pts[0].x - half_width, bottom[0]);
  cairo_close_path (cr);
}

void
trail_path_measured_line (cairo_t                  *cr,
                          const TrailMeasuredCurve *m)
{
  const graphene_point_t *pts = (const graphene_point_t *) m->points->data;

  cairo_new_path (cr);
  for (guint i = 0; i < m->points->len; i++)
    cairo_line_to (cr, pts[i].x, pts[i].y);
}

void
trail_path_measured_marks (cairo_t                  *cr,
                           const TrailMeasuredCurve *m,
                           float                     radius)
{
  const graphene_point_t *pts = (const graphene_point_t *) m->points->data;

  cairo_new_path (cr);
  for (guint i = 0; i < m->points->len; i++)
    {
      if (m->crowd)
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, pts[i].x, pts[i].y, radius, 0, 2 * G_PI);
          cairo_close_path (cr);
          continue;
        }
      cairo_move_to (cr, pts[i].x, pts[i].y - radius);
      cairo_line_to (cr, pts[i].x + radius, pts[i].y);
      cairo_line_to (cr, pts[i].x, pts[i].y + radius);
      cairo_line_to (cr, pts[i].x - radius, pts[i].y);
      cairo_close_path (cr);
    }
}

void
trail_text_pill (const TrailText *text,
                 graphene_rect_t *rect,
                 float           *radius)
{
  PangoRectangle logical;

  pango_layout_get_pixel_extents (text->layout, NULL, &logical);
  *rect = GRAPHENE_RECT_INIT (text->pos.x + logical.x - 6, text->pos.y + logical.y - 2,
                              logical.width + 12, logical.height + 4);
  *radius = rect->size.height / 2;
}

void
trail_measured_stroke (const TrailMeasuredCurve *m,
                       double                   *width,
                       double                   *dash,
                       double                   *gap,
                       double                   *mark_radius)
{
  *width = m->crowd ? TRAIL_CROWD_LINE_WIDTH : TRAIL_MEASURED_LINE_WIDTH;
  *dash = m->crowd ? TRAIL_CROWD_DASH : TRAIL_MEASURED_DASH;
  *gap = m->crowd ? TRAIL_CROWD_GAP : TRAIL_MEASURED_GAP;
  *mark_radius = m->crowd ? TRAIL_CROWD_MARK_RADIUS : TRAIL_MEASURED_MARK_RADIUS;
}

gboolean
trail_path_metric_trend (cairo_t                *cr,
                         const TrailLayoutCard  *card,
                         const graphene_point_t *origin)
{
  cairo_new_path (cr);
  if (card->trend == NULL || card->trend->len < 2)
    return FALSE;

  for (guint i = 0; i < card->trend->len; i++)
    {
      const graphene_point_t *pt = &g_array_index (card->trend, graphene_point_t, i);
      cairo_line_to (cr, origin->x + pt->x, origin->y + pt->y);
    }
  return TRUE;
}

gboolean
trail_path_metric_target (cairo_t                *cr,
                          const TrailLayoutCard  *card,
                          const graphene_point_t *origin)
{
  cairo_new_path (cr);
  if (card->trend == NULL || card->trend->len < 2 || isnan (card->trend_target_y))
    return FALSE;

  cairo_move_to (cr, origin->x + card->trend_rect.origin.x, origin->y + card->trend_target_y);
  cairo_line_to (cr, origin->x + card->trend_rect.origin.x + card->trend_rect.size.width,
                 origin->y + card->trend_target_y);
  return TRUE;
}
