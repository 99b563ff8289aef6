/* trail-preferences-window.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TRAIL_TYPE_PREFERENCES_WINDOW (trail_preferences_window_get_type())

G_DECLARE_FINAL_TYPE (TrailPreferencesWindow, trail_preferences_window, TRAIL, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWindow *trail_preferences_window_new (GtkWindow *parent,
                                         GSettings *settings);

G_END_DECLS
