/* trail-window.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "trail-application.h"
#include "trail-model.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_WINDOW (trail_window_get_type())

G_DECLARE_FINAL_TYPE (TrailWindow, trail_window, TRAIL, WINDOW, AdwApplicationWindow)

TrailWindow   *trail_window_new               (TrailApplication *application);
TrailDocument *trail_window_get_document      (TrailWindow      *self);
GFile         *trail_window_get_file          (TrailWindow      *self);
TrailMapFile  *trail_window_get_map_file      (TrailWindow      *self);
void           trail_window_set_map_file      (TrailWindow      *self,
                                               TrailMapFile     *map_file);
void           trail_window_open_file         (TrailWindow      *self,
                                               GFile            *file);
gboolean       trail_window_is_empty          (TrailWindow      *self);
gboolean       trail_window_is_showing        (TrailWindow      *self,
                                               GFile            *file);
gboolean       trail_window_get_modified      (TrailWindow      *self);
void           trail_window_commit_edits      (TrailWindow      *self);
char          *trail_window_dup_display_name  (TrailWindow      *self);
void           trail_window_save_and_close    (TrailWindow      *self);
void           trail_window_discard_and_close (TrailWindow      *self);

void           trail_window_start_session     (TrailWindow      *self);

/* Whether the keyboard of @root (any window) is in a text field, where
 * Ctrl+Z is the field's own undo and must not reach the map's. */
gboolean       trail_window_text_field_has_focus (GtkRoot       *root);

G_END_DECLS
