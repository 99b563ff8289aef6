/* trail-session-controls.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "trail-model.h"
#include "trail-session-server.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_SESSION_CONTROLS (trail_session_controls_get_type ())

G_DECLARE_FINAL_TYPE (TrailSessionControls, trail_session_controls, TRAIL, SESSION_CONTROLS, AdwBin)

/* The header bar's workshop session button: start and end a session on the
 * window's map, the join link and its QR code, who joined, pause and inbox
 * mode. It owns the session and its server; the session ends when the
 * map changes or the widget goes (the window closes).
 *
 * Properties: "document" (the window's; NULL hides the button),
 * "running". Actions: session.start, session.stop, session.copy-link. */
GtkWidget          *trail_session_controls_new           (void);
gboolean            trail_session_controls_start         (TrailSessionControls  *self,
                                                          GError               **error);
void                trail_session_controls_stop          (TrailSessionControls  *self);
gboolean            trail_session_controls_get_running   (TrailSessionControls  *self);
/* The session while it runs, else NULL. HOOK (issue "Workshop mode"): the
 * presenter console starts and ends the session through these functions
 * too, and sets the session's workshop (voting rounds, timer) here. */
TrailSession       *trail_session_controls_get_session   (TrailSessionControls  *self);
const char * const *trail_session_controls_get_join_urls (TrailSessionControls  *self);
/* Starts a session as soon as a map is shown, and prints its join links
 * on standard output (`trailmap --session MAP`). */
void                trail_session_controls_start_when_ready (TrailSessionControls *self);
/* What the phones show of presenting (the window sets these from its
 * presenter): the workshop timer, and the stage presented (NULL while
 * not presenting). Kept across sessions. */
void                trail_session_controls_set_timer     (TrailSessionControls  *self,
                                                          TrailTimer            *timer);
void                trail_session_controls_set_presented_stage (TrailSessionControls *self,
                                                                TrailStage           *stage);

G_END_DECLS
