/* trail-preferences-page.h — the one page of the preferences
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TRAIL_TYPE_PREFERENCES_PAGE (trail_preferences_page_get_type())

G_DECLARE_FINAL_TYPE (TrailPreferencesPage, trail_preferences_page, TRAIL, PREFERENCES_PAGE, AdwPreferencesPage)

void trail_preferences_page_present (GtkWidget *parent,
                                     GSettings *settings);

G_END_DECLS
