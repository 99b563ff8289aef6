/* trail-present-metrics.h — sizes for presenting a map to a room
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-style.h"

G_BEGIN_DECLS

/* The cap height a room can read, in screen pixels: 24 px on a 1080-pixel
 * high screen, 16 px on a 720-pixel one (proportional; never below 16). */
double trail_present_target_cap_height (int                 screen_height);

/* The cap height of card text at 100 %, in pixels, from the font's own
 * metrics (about 0.7 of its size when the font has none). */
double trail_present_card_cap_height   (const TrailStyle   *style);

/* The zoom at which card text has the target cap height on a screen
 * @screen_height pixels high. */
double trail_present_zoom_for_screen   (const TrailStyle   *style,
                                        int                 screen_height);

G_END_DECLS
