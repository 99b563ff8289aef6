/* trail-find-bar.h — Find (Ctrl+F): cards, stages, lanes and personas by text
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "trail-canvas.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_FIND_BAR (trail_find_bar_get_type())

G_DECLARE_FINAL_TYPE (TrailFindBar, trail_find_bar, TRAIL, FIND_BAR, GtkWidget)

/* A GtkSearchBar over the map. As the user types, every match is ringed on
 * @canvas and the current one is selected and scrolled into view; Enter
 * and Shift+Enter step through them (as do the arrows beside the count);
 * Escape closes the bar and gives the keyboard back to the canvas. The
 * matches follow the document: edit a card, and the search sees it. */
GtkWidget *trail_find_bar_new        (void);
void       trail_find_bar_set_canvas (TrailFindBar *self,
                                      TrailCanvas  *canvas);
/* Opens the bar (or focuses it again) with its text selected. */
void       trail_find_bar_open       (TrailFindBar *self);
void       trail_find_bar_close      (TrailFindBar *self);
/* Steps to the next (@delta 1) or previous (-1) match. */
void       trail_find_bar_step       (TrailFindBar *self,
                                      int           delta);

G_END_DECLS
