/* trail-paths.h — shapes shared by the painters and the SVG writer
 * (private to src/render)
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "trail-layout-private.h"

G_BEGIN_DECLS

#define TRAIL_GRID_RADIUS 14.0f

/* A stage header: a chevron with a notch on the left (but for the first)
 * and a point on the right. */
void     trail_path_stage            (cairo_t                *cr,
                                      const TrailLayoutStage *stage,
                                      float                   chevron);
/* A smooth curve through @points that never overshoots them (monotone
 * cubic, Fritsch–Carlson), so a line never leaves the scale. */
void     trail_path_curve            (cairo_t                *cr,
                                      const graphene_point_t *points,
                                      guint                   n_points);
/* The same path closed down/up to @base_y, for the area under a curve. */
void     trail_path_curve_area       (cairo_t                *cr,
                                      const graphene_point_t *points,
                                      guint                   n_points,
                                      float                   base_y);
/* A survey's measured emotion (trail-layout-private.h): the band as one
 * closed shape (a stage alone gets a bar of its column's inner width), the
 * line as straight segments, and a diamond per stage. */
void     trail_path_measured_band    (cairo_t                  *cr,
                                      const TrailMeasuredCurve *m,
                                      float                     half_width);
void     trail_path_measured_line    (cairo_t                  *cr,
                                      const TrailMeasuredCurve *m);
void     trail_path_measured_marks   (cairo_t                  *cr,
                                      const TrailMeasuredCurve *m,
                                      float                     radius);
/* How a measured (or the crowd's) line is stroked and its marks sized,
 * for the painter and the SVG writer alike. The crowd's marks are round. */
void     trail_measured_stroke       (const TrailMeasuredCurve *m,
                                      double                   *width,
                                      double                   *dash,
                                      double                   *gap,
                                      double                   *mark_radius);
/* A metric card's trend line and its target line, at the card's @origin
 * (FALSE, and no path, when the card has none). */
gboolean trail_path_metric_trend     (cairo_t                  *cr,
                                      const TrailLayoutCard    *card,
                                      const graphene_point_t   *origin);
gboolean trail_path_metric_target    (cairo_t                  *cr,
                                      const TrailLayoutCard    *card,
                                      const graphene_point_t   *origin);
/* The pill behind a label that must stay legible over lines (the crowd's
 * counts): the text's logical extents with a margin, fully rounded. */
void     trail_text_pill             (const TrailText          *text,
                                      graphene_rect_t          *rect,
                                      float                    *radius);
/* The current path of @cr as SVG path data. */
char    *trail_path_to_svg           (cairo_t                *cr);
/* A scratch context for building paths (free with cairo_destroy). */
cairo_t *trail_path_scratch          (void);

/* Like gtk_snapshot_append_cairo(), but the drawing is recorded at the
 * origin and moved into place by a transform node: cairo 1.16's SVG
 * surface writes a recording surface whose extents do not start at 0,0 as
 * an empty group, which left every shape drawn with cairo out of the
 * text-to-path SVG. Draw in the same coordinates as with GTK's call. */
cairo_t *trail_snapshot_append_cairo (GtkSnapshot            *snapshot,
                                      const graphene_rect_t  *bounds);

/* The rectangle around all lane rows, or FALSE when there are none. */
gboolean trail_layout_get_grid_rect  (TrailLayout            *layout,
                                      graphene_rect_t        *rect);

G_END_DECLS
