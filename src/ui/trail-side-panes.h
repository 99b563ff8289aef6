/* trail-side-panes.h — the map view's palette and inspector beside the canvas
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TRAIL_TYPE_SIDE_PANES (trail_side_panes_get_type())

G_DECLARE_FINAL_TYPE (TrailSidePanes, trail_side_panes, TRAIL, SIDE_PANES, GtkWidget)

GtkWidget *trail_side_panes_new            (void);
void       trail_side_panes_set_start      (TrailSidePanes *self,
                                            GtkWidget      *start);
void       trail_side_panes_set_end        (TrailSidePanes *self,
                                            GtkWidget      *end);
void       trail_side_panes_set_content    (TrailSidePanes *self,
                                            GtkWidget      *content);
gboolean   trail_side_panes_get_show_start (TrailSidePanes *self);
void       trail_side_panes_set_show_start (TrailSidePanes *self,
                                            gboolean        show);
gboolean   trail_side_panes_get_show_end   (TrailSidePanes *self);
void       trail_side_panes_set_show_end   (TrailSidePanes *self,
                                            gboolean        show);
/* Whether the panes float over the content (a narrow window). */
gboolean   trail_side_panes_get_overlaid   (TrailSidePanes *self);

G_END_DECLS
