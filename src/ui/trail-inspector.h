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

G_BEGIN_DECLS

#define TRAIL_TYPE_INSPECTOR (trail_inspector_get_type())

G_DECLARE_FINAL_TYPE (TrailInspector, trail_inspector, TRAIL, INSPECTOR, GtkWidget)

/* The side panel that edits what the canvas selected: cards, a stage, a
 * lane, a persona, an emotion point, or the map itself. Typing is
 * committed as one command when the field loses focus, on Enter, or after
 * a pause. gtk_widget_grab_focus() on it focuses the first field of what it
 * shows (a stage's Name), for Properties and Rename. */
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

G_END_DECLS
