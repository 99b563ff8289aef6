/* trail-painter.h — draws a laid-out map into a GtkSnapshot
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "trail-layout.h"

G_BEGIN_DECLS

typedef enum /*< flags >*/
{
  TRAIL_PAINT_DEFAULT       = 0,
  TRAIL_PAINT_NO_BACKGROUND = 1 << 0, /* leave the page transparent */
  TRAIL_PAINT_NO_CARDS      = 1 << 1, /* the canvas draws cards as child widgets */
  TRAIL_PAINT_TEXT_AS_CAIRO = 1 << 2, /* text through pango-cairo, which keeps the characters
                                         behind each glyph (PDF search and copy) */
} TrailPaintFlags;

typedef enum /*< flags >*/
{
  TRAIL_PAINT_STATE_NORMAL      = 0,
  TRAIL_PAINT_STATE_HOVER       = 1 << 0,
  TRAIL_PAINT_STATE_SELECTED    = 1 << 1,
  TRAIL_PAINT_STATE_FOCUSED     = 1 << 2,
  TRAIL_PAINT_STATE_DRAGGED     = 1 << 3, /* the card being dragged: drawn lifted */
  TRAIL_PAINT_STATE_DROP_TARGET = 1 << 4, /* a cell that would take the drop */
} TrailPaintState;

/* The whole map, or only what intersects @area (map coordinates; NULL for
 * all). Everything is drawn in map coordinates: the canvas translates and
 * scales the snapshot for its scroll position and zoom. */
void           trail_painter_draw_map      (GtkSnapshot           *snapshot,
                                            TrailLayout           *layout,
                                            const graphene_rect_t *area,
                                            TrailPaintFlags        flags);
/* The same as a render node (NULL for an empty map). */
GskRenderNode *trail_painter_render_map    (TrailLayout           *layout,
                                            const graphene_rect_t *area,
                                            TrailPaintFlags        flags);

/* One element, at its bounds in map coordinates. A card widget draws its
 * card with gtk_snapshot_translate (-bounds.x, -bounds.y) first. */
void           trail_painter_draw_item     (GtkSnapshot           *snapshot,
                                            TrailLayout           *layout,
                                            const TrailLayoutItem *item,
                                            TrailPaintState        state);
void           trail_painter_draw_page     (GtkSnapshot           *snapshot,
                                            TrailLayout           *layout);
void           trail_painter_draw_header   (GtkSnapshot           *snapshot,
                                            TrailLayout           *layout,
                                            const TrailLayoutItem *header);
void           trail_painter_draw_persona  (GtkSnapshot           *snapshot,
                                            TrailLayout           *layout,
                                            const TrailLayoutItem *persona,
                                            TrailPaintState        state);
void           trail_painter_draw_stage    (GtkSnapshot           *snapshot,
                                            TrailLayout           *layout,
                                            const TrailLayoutItem *stage,
                                            TrailPaintState        state);
/* A lane's title column (and, for an emotions lane, its scale labels). */
void           trail_painter_draw_lane     (GtkSnapshot           *snapshot,
                                            TrailLayout           *layout,
                                            const TrailLayoutItem *lane,
                                            TrailPaintState        state);
void           trail_painter_draw_cell     (GtkSnapshot           *snapshot,
                                            TrailLayout           *layout,
                                            const TrailLayoutItem *cell,
                                            TrailPaintState        state);
void           trail_painter_draw_card     (GtkSnapshot           *snapshot,
                                            TrailLayout           *layout,
                                            const TrailLayoutItem *card,
                                            TrailPaintState        state);
/* The emotion plot of an emotions lane: bands, grid, curves, points. */
void           trail_painter_draw_emotions (GtkSnapshot           *snapshot,
                                            TrailLayout           *layout,
                                            const TrailLayoutItem *emotions);
void           trail_painter_draw_legend   (GtkSnapshot           *snapshot,
                                            TrailLayout           *layout,
                                            const TrailLayoutItem *legend);

G_END_DECLS
