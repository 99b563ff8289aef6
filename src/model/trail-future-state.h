/* trail-future-state.h — a map's future state, linked to its current state
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "trail-document.h"

G_BEGIN_DECLS

/* A future state is a copy of a map that remembers the map it came from:
 * the file holds "current-state": {"id", "file"} with the current state's
 * map id and file name (a name, looked up next to the future state, not
 * a path). The copy keeps every card's id, so comparing the two matches
 * everything by id. */

/* A new, unsaved future state of @current titled @title. @current gets a
 * map id first if it has none (one undo step, so the map is modified and
 * the id is saved with it). @current_file_name is the current state's file name (its
 * basename), or NULL when it was never saved. */
TrailDocument *trail_future_state_new        (TrailDocument  *current,
                                              const char     *current_file_name,
                                              const char     *title);

/* Whether @future is a future state of @current, whose file is named
 * @current_file_name (nullable): by map id where both have one, else by
 * file name. */
gboolean       trail_future_state_links      (TrailDocument  *future,
                                              TrailDocument  *current,
                                              const char     *current_file_name);

/* The link fields of a map file without loading all of it (a folder scan
 * reads many files): FALSE when @bytes is not a Trailmap map. Each out
 * value is NULL when the file has none. */
gboolean       trail_future_state_peek       (GBytes         *bytes,
                                              char          **map_id,
                                              char          **current_state_id,
                                              char          **current_state_file);

/* Looks for a future state of @current (saved as @file) among the
 * .trailmap files next to @file, skipping @file itself and files larger
 * than a map may be. Finish returns the first found, by name, or NULL
 * (and no error) when there is none. */
void           trail_future_state_find_async  (GFile               *file,
                                               TrailDocument       *current,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GFile         *trail_future_state_find_finish (GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
