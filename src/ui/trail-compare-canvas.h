/* trail-compare-canvas.h — a comparison drawn, read-only
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "trail-comparison.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_COMPARE_CANVAS (trail_compare_canvas_get_type())

G_DECLARE_FINAL_TYPE (TrailCompareCanvas, trail_compare_canvas, TRAIL, COMPARE_CANVAS, GtkWidget)

GtkWidget       *trail_compare_canvas_new            (void);
void             trail_compare_canvas_set_comparison (TrailCompareCanvas *self,
                                                      TrailComparison    *comparison);
TrailComparison *trail_compare_canvas_get_comparison (TrailCompareCanvas *self);
/* The scale the map is drawn at ("zoom"), as on the map's own canvas. */
double           trail_compare_canvas_get_zoom       (TrailCompareCanvas *self);
void             trail_compare_canvas_set_zoom       (TrailCompareCanvas *self,
                                                      double              zoom);
/* The zoom that shows the whole map in @width × @height. */
double           trail_compare_canvas_get_fit_zoom   (TrailCompareCanvas *self,
                                                      int                 width,
                                                      int                 height);
/* Where the view's card, stage or lane @view_id is drawn, in widget
 * coordinates; FALSE when it is not drawn. */
gboolean         trail_compare_canvas_get_item_bounds (TrailCompareCanvas *self,
                                                       const char         *view_id,
                                                       graphene_rect_t    *bounds);

G_END_DECLS
