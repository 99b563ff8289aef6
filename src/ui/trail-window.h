/* trail-window.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "trail-application.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_WINDOW (trail_window_get_type())

G_DECLARE_FINAL_TYPE (TrailWindow, trail_window, TRAIL, WINDOW, AdwApplicationWindow)

TrailWindow *trail_window_new       (TrailApplication *application);
void         trail_window_open_file (TrailWindow      *self,
                                     GFile            *file);

G_END_DECLS
