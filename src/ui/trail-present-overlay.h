/* trail-present-overlay.h — what a presented map shows over the canvas
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "trail-canvas.h"
#include "trail-model.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_PRESENT_OVERLAY (trail_present_overlay_get_type())

G_DECLARE_FINAL_TYPE (TrailPresentOverlay, trail_present_overlay, TRAIL, PRESENT_OVERLAY, GtkWidget)

/* Drawn over the canvas while presenting: stage headers and lane titles
 * kept in view, later stages hidden (reveal), all but the current stage or
 * card dimmed (spotlight), a spotlit card's details large, the timer in a
 * corner and the flash at its end. It takes no input: the canvas below
 * keeps the pointer and the keyboard, so editing goes on. */
GtkWidget *trail_present_overlay_new            (TrailCanvas         *canvas);
void       trail_present_overlay_set_state      (TrailPresentOverlay *self,
                                                 gboolean             presenting,
                                                 int                  stage_index,
                                                 gboolean             reveal,
                                                 gboolean             spotlight,
                                                 TrailCard           *spotlight_card);
void       trail_present_overlay_set_timer      (TrailPresentOverlay *self,
                                                 TrailTimer          *timer);
void       trail_present_overlay_set_show_timer (TrailPresentOverlay *self,
                                                 gboolean             show);
/* A few pulses of colour round the edge: the timer ran out. */
void       trail_present_overlay_flash          (TrailPresentOverlay *self);

G_END_DECLS
