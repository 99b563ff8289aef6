/* trail-inspector.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "trail-canvas.h"
#include "trail-model.h"
#include "trail-selection.h"

#include "trail-vote-results.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_INSPECTOR (trail_inspector_get_type())

G_DECLARE_FINAL_TYPE (TrailInspector, trail_inspector, TRAIL, INSPECTOR, GtkWidget)

/* The side panel that edits what is selected: a card, a stage, a lane, a
 * persona, an emotion point, a map channel, or the map itself; one
 * section widget per kind (trail-inspector-*-section.c). Typing is
 * committed as one command to the item it was typed for when the field
 * loses focus, on Enter, after a pause, or before another item is shown.
 * Inside a text field Ctrl+Z is the field's own undo, never the
 * document's. gtk_widget_grab_focus() on it focuses the first field of
 * what it shows (a stage's Name), for Properties and Rename.
 *
 * Action "inspector.focus-canvas" gives the keyboard back to the canvas
 * set with trail_inspector_set_canvas(). */
GtkWidget *trail_inspector_new          (void);
void       trail_inspector_set_document (TrailInspector *self,
                                         TrailDocument  *document);
void       trail_inspector_set_canvas   (TrailInspector *self,
                                         TrailCanvas    *canvas);
/* Follows @selection (and its document): the inspector shows what it
 * holds, the map itself when it holds nothing. */
void       trail_inspector_set_selection (TrailInspector *self,
                                          TrailSelection *selection);
/* Shows @cards, or else @object; for a view that keeps no TrailSelection. */
void       trail_inspector_show         (TrailInspector *self,
                                         GPtrArray      *cards,
                                         GObject        *object);
/* Commits whatever is being typed, e.g. before saving. */
void       trail_inspector_flush        (TrailInspector *self);
/* The ranked results of the map's revealed voting round, under the section. */
TrailVoteResults *trail_inspector_get_vote_results (TrailInspector *self);

G_END_DECLS
