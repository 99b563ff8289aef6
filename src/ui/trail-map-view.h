/* trail-map-view.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "trail-canvas.h"
#include "trail-model.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_MAP_VIEW (trail_map_view_get_type())

G_DECLARE_FINAL_TYPE (TrailMapView, trail_map_view, TRAIL, MAP_VIEW, GtkWidget)

/* The editor of one map: the palette, the canvas with its zoom controls,
 * and the inspector, which all follow the map view's one TrailSelection;
 * its "map.*" actions are every edit of the map. Properties
 * "show-palette" and "show-inspector" are for the window's header bar
 * toggles; gtk_widget_grab_focus() puts the keyboard on the canvas. */
GtkWidget   *trail_map_view_new          (void);
void         trail_map_view_set_document (TrailMapView  *self,
                                          TrailDocument *document);
TrailCanvas *trail_map_view_get_canvas   (TrailMapView  *self);
/* What is selected in the map, where the keyboard is, the checked persona;
 * NULL without a document. */
TrailSelection *trail_map_view_get_selection (TrailMapView *self);
/* Commits what is being typed (inline editor, inspector field) as its
 * command, so a save right now includes it. */
void         trail_map_view_flush        (TrailMapView  *self);
/* For presenting: something drawn over the canvas (it gets the canvas's
 * area), and the zoom buttons hidden. */
void         trail_map_view_add_overlay  (TrailMapView  *self,
                                          GtkWidget     *widget);
void         trail_map_view_set_zoom_controls_visible (TrailMapView *self,
                                                       gboolean      visible);

/* The persona view: the cards tagged with one of @persona_ids and those
 * personas' emotion lines at full strength, the rest dimmed; NULL or
 * empty: everything as usual. */
void                trail_map_view_set_persona_view (TrailMapView       *self,
                                                     const char * const *persona_ids);
const char * const *trail_map_view_get_persona_view (TrailMapView       *self);

G_END_DECLS
