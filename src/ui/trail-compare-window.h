/* trail-compare-window.h — a window showing one map against another
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "trail-model.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_COMPARE_WINDOW (trail_compare_window_get_type())

G_DECLARE_FINAL_TYPE (TrailCompareWindow, trail_compare_window, TRAIL, COMPARE_WINDOW, AdwWindow)

/* Compares @new_doc (usually the map being edited) with @old_doc, as they
 * are now: the window shows copies and is read-only. The labels name the
 * two sides ("journey.trailmap", "journey.trailmap at 3f2a1c0"). */
TrailCompareWindow *trail_compare_window_new (GtkWindow     *parent,
                                              TrailDocument *old_doc,
                                              TrailDocument *new_doc,
                                              const char    *old_label,
                                              const char    *new_label);

/* Follows the edits of @live (the map in its window; nullable: follow
 * nothing), the new side of the comparison when @live_is_new, else the
 * old: a pause in editing, and the comparison is made again. */
void                trail_compare_window_follow (TrailCompareWindow *self,
                                                 TrailDocument      *live,
                                                 gboolean            live_is_new);

G_END_DECLS
