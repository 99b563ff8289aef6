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

G_BEGIN_DECLS

#define TRAIL_TYPE_CANVAS (trail_canvas_get_type())

G_DECLARE_FINAL_TYPE (TrailCanvas, trail_canvas, TRAIL, CANVAS, GtkWidget)

#define TRAIL_CANVAS_MIN_ZOOM 0.1
#define TRAIL_CANVAS_MAX_ZOOM 4.0

GtkWidget     *trail_canvas_new                (void);
TrailDocument *trail_canvas_get_document       (TrailCanvas    *self);
void           trail_canvas_set_document       (TrailCanvas    *self,
                                                TrailDocument  *document);
TrailLayout   *trail_canvas_get_layout         (TrailCanvas    *self);

double         trail_canvas_get_zoom           (TrailCanvas    *self);
/* Zooms keeping the middle of the view in place. */
void           trail_canvas_set_zoom           (TrailCanvas    *self,
                                                double          zoom);
void           trail_canvas_zoom_in            (TrailCanvas    *self);
void           trail_canvas_zoom_out           (TrailCanvas    *self);
void           trail_canvas_zoom_to_fit        (TrailCanvas    *self);

/* What the inspector edits: the selected cards, or one other object (a
 * stage, lane, persona, emotion point), or nothing (the map itself). */
GPtrArray     *trail_canvas_get_selected_cards (TrailCanvas    *self);
GObject       *trail_canvas_get_selected_object (TrailCanvas   *self);
void           trail_canvas_select_object      (TrailCanvas    *self,
                                                GObject        *object);

/* The persona whose emotion line a click in an emotions lane edits;
 * NULL for the line for everyone. */
const char    *trail_canvas_get_active_persona (TrailCanvas    *self);
void           trail_canvas_set_active_persona (TrailCanvas    *self,
                                                const char     *persona_id);

/* Commits the inline editor's text, if it is open. */
void           trail_canvas_commit_edit        (TrailCanvas    *self);

/* Adds what a palette item stands for where the keyboard cursor is: the
 * keyboard's way of dragging from the palette. */
void           trail_canvas_insert_item        (TrailCanvas    *self,
                                                TrailPaletteItem *item);

G_END_DECLS
