/* trail-present-console.h — the facilitator's window while presenting
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "trail-presenter.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_PRESENT_CONSOLE (trail_present_console_get_type())

G_DECLARE_FINAL_TYPE (TrailPresentConsole, trail_present_console, TRAIL, PRESENT_CONSOLE, AdwWindow)

/* The current and next stage, the current stage's notes for presenting,
 * the timer with its controls, the keys, and a place for vote results.
 * The presenting keys work here as on the map. */
GtkWidget *trail_present_console_new              (TrailPresenter      *presenter);
/* Puts @widget (the voting round's ranked results) in the console's vote
 * section, replacing what was there; NULL empties it and hides the
 * section. */
void       trail_present_console_set_votes_widget (TrailPresentConsole *self,
                                                   GtkWidget           *widget);
/* Puts @widget (the workshop session's start and end, its join link) in
 * the console, replacing what was there; NULL hides the section. */
void       trail_present_console_set_session_widget (TrailPresentConsole *self,
                                                     GtkWidget           *widget);

G_END_DECLS
