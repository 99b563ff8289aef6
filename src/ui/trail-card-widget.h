/* trail-card-widget.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "trail-model.h"
#include "trail-layout.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_CARD_WIDGET (trail_card_widget_get_type())

G_DECLARE_FINAL_TYPE (TrailCardWidget, trail_card_widget, TRAIL, CARD_WIDGET, GtkWidget)

/* One card on the canvas: focus, tooltips and screen readers come with a
 * widget; it draws itself with the render layer's card painter. The canvas
 * positions it and handles the pointer. */
GtkWidget *trail_card_widget_new            (void);
TrailCard *trail_card_widget_get_card       (TrailCardWidget *self);
void       trail_card_widget_set_card       (TrailCardWidget *self,
                                             TrailCard       *card);
void       trail_card_widget_queue_draw_if_changed (TrailCardWidget       *self,
                                                    const TrailLayoutItem *item);
/* Drawn faded where it was while a drag carries it elsewhere. */
void       trail_card_widget_set_placeholder (TrailCardWidget *self,
                                              gboolean         placeholder);
/* Text, kind and place changed: tell screen readers and the tooltip. */
void       trail_card_widget_update_description (TrailCardWidget *self);

G_END_DECLS
