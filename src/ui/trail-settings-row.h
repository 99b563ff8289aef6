/* trail-settings-row.h — a combo row bound to a string setting with choices
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Binds @row's "selected" to the string setting @key both ways: item N of
 * the row stands for @choices[N] (NULL-terminated, in the row's order).
 * @choices must outlive the binding (a static array). */
void trail_settings_bind_choice (GSettings          *settings,
                                 const char         *key,
                                 AdwComboRow        *row,
                                 const char * const *choices);

G_END_DECLS
