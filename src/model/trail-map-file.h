/* trail-map-file.h — a map as the user knows it: a document and where it lives
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "trail-document.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_MAP_FILE (trail_map_file_get_type())

G_DECLARE_FINAL_TYPE (TrailMapFile, trail_map_file, TRAIL, MAP_FILE, GObject)

typedef enum
{
  TRAIL_MAP_FILE_SAVE_NONE      = 0,
  /* Write even though someone else changed the file since it was read. */
  TRAIL_MAP_FILE_SAVE_OVERWRITE = 1 << 0,
} TrailMapFileSaveFlags;

/* TrailMapFile holds what a window needs beside the document itself: the
 * file it was read from or saved to, the etag that tells whether someone
 * else changed that file, whether a load or a save is under way, and the
 * draft that keeps unsaved work safe from a crash. Windows follow it; it
 * knows nothing of them.
 *
 * Properties (read-only unless said): "document" (NULL until loaded),
 * "file", "draft-id", "modified", "loading", "saving", "title" (the map's
 * title, or else "name"), "name" (the file's name, or "Unsaved Map") — both
 * made safe for display — and "draft-delay" (read-write, seconds).
 *
 * Signals:
 *   draft-failed (GError *error)
 *     a draft could not be written, after the last one could: said once,
 *     not every few seconds. */

TrailMapFile  *trail_map_file_new              (TrailDocument         *document);
TrailMapFile  *trail_map_file_new_for_file     (GFile                 *file);
TrailMapFile  *trail_map_file_new_recovered    (TrailDocument         *document,
                                                GFile                 *original,
                                                const char            *draft_id);

TrailDocument *trail_map_file_get_document     (TrailMapFile          *self);
GFile         *trail_map_file_get_file         (TrailMapFile          *self);
const char    *trail_map_file_get_etag         (TrailMapFile          *self);
const char    *trail_map_file_get_draft_id     (TrailMapFile          *self);
gboolean       trail_map_file_get_modified     (TrailMapFile          *self);
gboolean       trail_map_file_get_loading      (TrailMapFile          *self);
gboolean       trail_map_file_get_saving       (TrailMapFile          *self);
const char    *trail_map_file_get_title        (TrailMapFile          *self);
const char    *trail_map_file_get_name         (TrailMapFile          *self);
guint          trail_map_file_get_draft_delay  (TrailMapFile          *self);
void           trail_map_file_set_draft_delay  (TrailMapFile          *self,
                                                guint                  seconds);
gboolean       trail_map_file_is_for           (TrailMapFile          *self,
                                                GFile                 *file);

/* Reads the file given at creation; on failure the map file stays empty. */
void           trail_map_file_load_async       (TrailMapFile          *self,
                                                GCancellable          *cancellable,
                                                GAsyncReadyCallback    callback,
                                                gpointer               user_data);
gboolean       trail_map_file_load_finish      (TrailMapFile          *self,
                                                GAsyncResult          *result,
                                                GError               **error);

/* Saves to @file, or to where the map was saved before when @file is NULL
 * (then a file changed on disk since gives G_IO_ERROR_WRONG_ETAG, unless
 * @flags say to overwrite). On success the map lives at @file and its draft
 * is gone; on failure nothing changed, on disk or here. */
void           trail_map_file_save_async       (TrailMapFile          *self,
                                                GFile                 *file,
                                                TrailMapFileSaveFlags  flags,
                                                GCancellable          *cancellable,
                                                GAsyncReadyCallback    callback,
                                                gpointer               user_data);
gboolean       trail_map_file_save_finish      (TrailMapFile          *self,
                                                GAsyncResult          *result,
                                                GError               **error);

/* The user threw the changes away: no draft is kept, now or later for them. */
void           trail_map_file_discard_draft    (TrailMapFile          *self);

G_END_DECLS
