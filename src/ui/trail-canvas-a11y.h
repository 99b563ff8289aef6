/* trail-canvas-a11y.h — the map as accessible objects, for screen readers
 *
 * From GTK 4.10 on, GtkAccessible can be implemented by plain objects: the
 * canvas then exposes every stage, lane, cell and card, whether or not a
 * card has a widget (only cards near the view do, none below 35 % zoom).
 * A card that has a widget shows up as that widget, in its cell, so the
 * focused card is the one a screen reader reads. On GTK 4.8 the canvas's
 * children are its card widgets, as before (docs/canvas.md).
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-canvas-private.h"
#include "trail-compat.h"

G_BEGIN_DECLS

/* A card's accessible name ("Checkout fails", or "Empty Pain point") and
 * description ("Pain point in Purchase, Pain points"), on every stack. */
void     _trail_canvas_describe_card      (TrailCanvas       *self,
                                           TrailCard         *card,
                                           char             **name,
                                           char             **description);

/* The document changed (after the layout followed it): names follow,
 * objects of removed stages, lanes and cards go. No-ops on GTK 4.8. */
void     _trail_canvas_a11y_changed       (TrailCanvas       *self,
                                           TrailChangeFlags   what,
                                           GObject           *object);
/* Card widgets came or went: put each into its cell. */
void     _trail_canvas_a11y_sync_widgets  (TrailCanvas       *self);
/* A new document, or none: every object goes. */
void     _trail_canvas_a11y_clear         (TrailCanvas       *self);

#if TRAIL_HAVE_GTK_4_10
/* The canvas's children: its other widgets (the editor, the context
 * menu), then the stages and lanes. */
void     _trail_canvas_a11y_init_iface    (GtkAccessibleInterface *iface);
/* A card widget's bounds, relative to its cell. */
void     _trail_card_widget_a11y_init_iface (GtkAccessibleInterface *iface);
#endif

G_END_DECLS
