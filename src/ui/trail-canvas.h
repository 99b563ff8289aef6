/* trail-canvas.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "trail-model.h"
#include "trail-layout.h"
#include "trail-palette-item.h"
#include "trail-selection.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_CANVAS (trail_canvas_get_type())

G_DECLARE_FINAL_TYPE (TrailCanvas, trail_canvas, TRAIL, CANVAS, GtkWidget)

#define TRAIL_CANVAS_MIN_ZOOM 0.1
#define TRAIL_CANVAS_MAX_ZOOM 4.0

GtkWidget      *trail_canvas_new                (void);
TrailDocument  *trail_canvas_get_document       (TrailCanvas      *self);
TrailLayout    *trail_canvas_get_layout         (TrailCanvas      *self);

/* The canvas shows the selection's document and follows the selection
 * (what is selected, the keyboard's cell, the checked persona); it keeps
 * no copy of its own. NULL shows nothing. */
TrailSelection *trail_canvas_get_selection      (TrailCanvas      *self);
void            trail_canvas_set_selection      (TrailCanvas      *self,
                                                 TrailSelection   *selection);

double          trail_canvas_get_zoom           (TrailCanvas      *self);
/* Zooms keeping the middle of the view in place. */
void            trail_canvas_set_zoom           (TrailCanvas      *self,
                                                 double            zoom);
void            trail_canvas_zoom_in            (TrailCanvas      *self);
void            trail_canvas_zoom_out           (TrailCanvas      *self);
void            trail_canvas_zoom_to_fit        (TrailCanvas      *self);
/* The next of the zoom steps (an image viewer's round numbers) above
 * (@direction > 0) or below @zoom; @zoom itself at either end. Other
 * views of a map zoom by the same steps. */
double          trail_canvas_step_zoom          (double            zoom,
                                                 int               direction);

/* Where a map point shows on the canvas widget: for what is drawn over
 * the canvas while presenting. */
void            trail_canvas_map_to_widget      (TrailCanvas      *self,
                                                 double            mx,
                                                 double            my,
                                                 double           *wx,
                                                 double           *wy);

/* TRUE while the inline editor is open ("editing" property). */
gboolean        trail_canvas_get_editing        (TrailCanvas      *self);
/* Commits the inline editor's text, if it is open. */
void            trail_canvas_commit_edit        (TrailCanvas      *self);
/* Edits in place: the current card's text, or the selected stage's or
 * lane's name. FALSE when there is nothing to edit. */
gboolean        trail_canvas_edit               (TrailCanvas      *self);
/* Starts a new card where the keyboard is: after the current card, else
 * at the end of the keyboard's cell. */
void            trail_canvas_new_card           (TrailCanvas      *self);

/* The card the keyboard acts on: the focused one, else a lone selection. */
TrailCard      *trail_canvas_get_current_card   (TrailCanvas      *self);
/* Scrolls @card into view and gives it the keyboard. */
void            trail_canvas_focus_card         (TrailCanvas      *self,
                                                 TrailCard        *card);
/* Something around the canvas came or went (a side pane over it): the
 * TRAILMAP_DEBUG_GEOMETRY aid writes its file again. */
void            trail_canvas_queue_geometry     (TrailCanvas      *self);
/* Scrolls the cell into view and gives it the keyboard, nothing selected. */
/* trail-canvas-marks.c. The card under a point in widget coordinates. */
TrailCard      *trail_canvas_pick_card          (TrailCanvas      *self,
                                                 double            x,
                                                 double            y);
/* Rings around @items (cards, stages, lanes, personas; NULL: none), a
 * stronger one around @current, drawn over the map (Find's matches). */
void            trail_canvas_set_marks          (TrailCanvas      *self,
                                                 GPtrArray        *items,
                                                 gpointer          current);
/* Scrolls @item (a card, stage, lane or persona) into view, focus unmoved. */
void            trail_canvas_reveal_item        (TrailCanvas      *self,
                                                 gpointer          item);
/* Dims every card not in @cards and every emotion line whose persona is
 * not in @persona_ids (""; the line for everyone); NULL for both: none. */
void            trail_canvas_set_dimming        (TrailCanvas      *self,
                                                 GPtrArray        *cards,
                                                 const char * const *persona_ids);
gboolean        trail_canvas_get_dimming        (TrailCanvas      *self);
void            trail_canvas_focus_cell         (TrailCanvas      *self,
                                                 TrailLane        *lane,
                                                 TrailStage       *stage);

/* Adds what a palette item stands for where the keyboard cursor is: the
 * keyboard's way of dragging from the palette. */
void            trail_canvas_insert_item        (TrailCanvas      *self,
                                                 TrailPaletteItem *item);

G_END_DECLS
