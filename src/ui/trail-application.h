/* trail-application.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TRAIL_TYPE_APPLICATION (trail_application_get_type())

G_DECLARE_FINAL_TYPE (TrailApplication, trail_application, TRAIL, APPLICATION, AdwApplication)

TrailApplication *trail_application_new          (void);
GSettings        *trail_application_get_settings (TrailApplication *self);

G_END_DECLS
