/* trail-map-view-private.h — shared by the files that implement TrailMapView
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-inspector.h"
#include "trail-map-view.h"
#include "trail-palette.h"

G_BEGIN_DECLS

struct _TrailMapView
{
  GtkWidget       parent_instance;

  AdwFlap        *palette_flap;
  AdwFlap        *inspector_flap;
  TrailPalette   *palette;
  TrailInspector *inspector;
  TrailCanvas    *canvas;
  GtkWidget      *zoom_button;
  GtkWidget      *zoom_box;
  GtkOverlay     *overlay;

  TrailDocument  *document;
  /* The one selection the canvas, the palette and the inspector follow. */
  TrailSelection *selection;

  AdwToast       *undo_toast;     /* the last Undo toast, while it shows */
};

/* trail-map-view-actions.c */
void _trail_map_view_class_init_actions (GtkWidgetClass *widget_class);
void _trail_map_view_update_actions     (TrailMapView   *self);
void _trail_map_view_show_toast         (TrailMapView   *self,
                                         AdwToast       *toast);

G_END_DECLS
