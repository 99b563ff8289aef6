/* trail-layout.h — a journey map's geometry: document + style → boxes
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "trail-model.h"
#include "trail-style.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_LAYOUT (trail_layout_get_type())

G_DECLARE_FINAL_TYPE (TrailLayout, trail_layout, TRAIL, LAYOUT, GObject)

typedef enum /*< flags >*/
{
  TRAIL_LAYOUT_ITEM_HEADER   = 1 << 0, /* title, objective, scope; object: the document */
  TRAIL_LAYOUT_ITEM_PERSONA  = 1 << 1, /* a persona card; object: TrailPersona */
  TRAIL_LAYOUT_ITEM_STAGE    = 1 << 2, /* a stage header; object: TrailStage */
  TRAIL_LAYOUT_ITEM_LANE     = 1 << 3, /* a lane's title column; object: TrailLane */
  TRAIL_LAYOUT_ITEM_CELL     = 1 << 4, /* stage × lane; object: TrailLane (see trail_layout_cell_get_stage) */
  TRAIL_LAYOUT_ITEM_CARD     = 1 << 5, /* a card; object: TrailCard */
  TRAIL_LAYOUT_ITEM_EMOTIONS = 1 << 6, /* an emotions lane's plot; object: TrailLane */
  TRAIL_LAYOUT_ITEM_LEGEND   = 1 << 7, /* the key at the bottom; object: the document */
  TRAIL_LAYOUT_ITEM_ALL      = 0xff,
} TrailLayoutItemKind;

/* Every laid-out element starts with this. Bounds are in map coordinates
 * (logical pixels, origin at the map's top-left corner). Items belong to
 * the layout and live until the next trail_layout_update() that relayouts
 * them; do not keep pointers across updates, look up again by object. */
typedef struct
{
  TrailLayoutItemKind kind;
  graphene_rect_t     bounds;
  gpointer            object;
} TrailLayoutItem;

/* Which parts of the map to show: NULL shows all. Ids, not names (see
 * trail_export_resolve_filter() for names). Cards tagged only with hidden
 * personas, and lanes that belong to a hidden persona, are left out. */
typedef struct
{
  char **stage_ids;
  char **lane_ids;
  char **persona_ids;
} TrailLayoutFilter;

TrailLayout           *trail_layout_new             (TrailDocument            *document,
                                                     TrailStyle               *style);
TrailDocument         *trail_layout_get_document    (TrailLayout              *self);
TrailStyle            *trail_layout_get_style       (TrailLayout              *self);
/* A new style (light ↔ dark) relayouts everything; text is measured again
 * only if the fonts differ. */
void                   trail_layout_set_style       (TrailLayout              *self,
                                                     TrailStyle               *style);
void                   trail_layout_set_filter      (TrailLayout              *self,
                                                     const TrailLayoutFilter  *filter);
/* Whether to lay out the personas strip and the legend (TRUE by default);
 * the canvas may show them elsewhere. */
void                   trail_layout_set_show_personas (TrailLayout            *self,
                                                       gboolean                show);
void                   trail_layout_set_show_legend (TrailLayout              *self,
                                                     gboolean                  show);
/* Revealed dot-vote results on the cards: count and heat colour (TRUE by
 * default; exports ask for them). */
void                   trail_layout_set_show_dots   (TrailLayout              *self,
                                                     gboolean                  show);
/* The title, objective and scope (TRUE by default); a slide has its own. */
void                   trail_layout_set_show_header (TrailLayout              *self,
                                                     gboolean                  show);

/* Bring the geometry up to date after TrailDocument::changed (pass its
 * arguments). A card's text or tags relayout that card's lane row; a card
 * added, removed or moved relayouts the rows of its old and new cells; an
 * emotion edit relayouts the emotion plots; the rest relayouts everything,
 * reusing every card measurement that is still valid. @damage (nullable)
 * receives the map area whose pixels may have changed. Returns TRUE when
 * the map's size changed. */
gboolean               trail_layout_update          (TrailLayout              *self,
                                                     TrailChangeFlags          what,
                                                     GObject                  *object,
                                                     graphene_rect_t          *damage);

float                  trail_layout_get_width       (TrailLayout              *self);
float                  trail_layout_get_height      (TrailLayout              *self);
void                   trail_layout_get_bounds      (TrailLayout              *self,
                                                     graphene_rect_t          *bounds);

/* Items whose bounds intersect @rect, of the kinds in @kinds, in paint
 * order (back to front). O(log n + k) for cards and cells. The array does
 * not own the items. */
GPtrArray             *trail_layout_query           (TrailLayout              *self,
                                                     const graphene_rect_t    *rect,
                                                     TrailLayoutItemKind       kinds);
/* The topmost item of @kinds at a point, or NULL. */
const TrailLayoutItem *trail_layout_pick            (TrailLayout              *self,
                                                     float                     x,
                                                     float                     y,
                                                     TrailLayoutItemKind       kinds);
/* The item showing @object (a card, stage, lane, persona; for a lane the
 * title column), or NULL when it is hidden or filtered out. */
const TrailLayoutItem *trail_layout_find            (TrailLayout              *self,
                                                     gpointer                  object);
/* A card item's drawing changes only with its size, the style and this
 * serial (new whenever the layout measures the card again); 0 for other
 * items. */
guint                  trail_layout_item_get_serial (const TrailLayoutItem    *item);
const TrailLayoutItem *trail_layout_get_cell        (TrailLayout              *self,
                                                     TrailLane                *lane,
                                                     TrailStage               *stage);
TrailStage            *trail_layout_cell_get_stage  (const TrailLayoutItem    *cell);
/* Where a card dropped at (x, y) goes: the cell, and the index within it.
 * FALSE when the point is in no cell that takes cards. */
gboolean               trail_layout_get_drop_target (TrailLayout              *self,
                                                     float                     x,
                                                     float                     y,
                                                     TrailLane               **lane,
                                                     TrailStage              **stage,
                                                     guint                    *index);

/* Whether the crowd's line (the stage ratings) is drawn in @lane: the
 * first emotions lane for everyone, else the first emotions lane, when the
 * map has ratings. */
gboolean               trail_layout_lane_shows_crowd (TrailLayout *self,
                                                      TrailLane   *lane);

/* Emotion plots: map between a score and a y coordinate in the plot of
 * @emotions (an item of kind TRAIL_LAYOUT_ITEM_EMOTIONS), for dragging
 * points. */
double                 trail_layout_emotion_score_at (const TrailLayoutItem   *emotions,
                                                      float                    y);
float                  trail_layout_emotion_y_for_score (const TrailLayoutItem *emotions,
                                                         double                 score);
/* Where @point is drawn in the plot of @emotions; FALSE when its stage is
 * hidden or filtered out. */
gboolean               trail_layout_emotion_point_at (TrailLayout           *self,
                                                      const TrailLayoutItem *emotions,
                                                      TrailEmotionPoint     *point,
                                                      graphene_point_t      *out);
/* The visible stage under @x in an emotions plot, and the position within
 * it that a point placed there gets (0.0 … 1.0). FALSE with no stages. */
gboolean               trail_layout_emotion_stage_at (TrailLayout           *self,
                                                      float                  x,
                                                      TrailStage           **stage,
                                                      double                *position);

/* Visible stages and lanes in order (TrailLayoutItem*; not owned). */
GPtrArray             *trail_layout_get_stages      (TrailLayout              *self);
GPtrArray             *trail_layout_get_lanes       (TrailLayout              *self);

/* Something drawn over the whole map after everything else, by every
 * painter of @layout (canvas, PNG, PDF): a comparison's marks. @area is
 * the part being drawn, in map coordinates. */
typedef void         (*TrailLayoutOverlayFunc)      (GtkSnapshot              *snapshot,
                                                     TrailLayout              *layout,
                                                     const graphene_rect_t    *area,
                                                     gpointer                  user_data);

void                   trail_layout_set_overlay     (TrailLayout              *self,
                                                     TrailLayoutOverlayFunc    func,
                                                     gpointer                  user_data,
                                                     GDestroyNotify            destroy);
/* Draws the overlay, if any. */
void                   trail_layout_draw_overlay    (TrailLayout              *self,
                                                     GtkSnapshot              *snapshot,
                                                     const graphene_rect_t    *area);

G_END_DECLS
