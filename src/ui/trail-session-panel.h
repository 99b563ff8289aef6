/* trail-session-panel.h — the workshop session in the presenter console
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "trail-session-controls.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_SESSION_PANEL (trail_session_panel_get_type ())

G_DECLARE_FINAL_TYPE (TrailSessionPanel, trail_session_panel, TRAIL, SESSION_PANEL, AdwBin)

/* Starts and ends the window's workshop session from the presenter
 * console, and shows the join link and its QR code while it runs. The
 * session itself stays @controls' (the header bar's): both show the same
 * one. */
GtkWidget *trail_session_panel_new (TrailSessionControls *controls);

G_END_DECLS
