/* trail-file-writer.h — replacing a file so that a failure never costs it.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _TrailFileWriter TrailFileWriter;

/* Opens @file for replacing, the way maps, drafts and exports are written:
 * into a temporary file beside it, which takes its place only when
 * trail_file_writer_commit() has flushed, synced and checked it. A symbolic
 * link is followed to its target, which is replaced, and stays a link (as
 * gedit and gnome-text-editor do). A target that is not a regular file (a
 * pipe, a terminal: /dev/stdout) is written directly. @etag, @flags: as for
 * g_file_replace() (G_FILE_CREATE_REPLACE_DESTINATION is added). Writes go
 * through a buffer of @buffer_size bytes (0 for none). */
TrailFileWriter *trail_file_writer_open   (GFile             *file,
                                           const char        *etag,
                                           GFileCreateFlags   flags,
                                           gsize              buffer_size,
                                           GCancellable      *cancellable,
                                           GError           **error);
GOutputStream   *trail_file_writer_get_stream (TrailFileWriter *self);
/* The file actually written: @file, or the target of its links. */
GFile           *trail_file_writer_get_target (TrailFileWriter *self);
/* Flushes, syncs, checks that every byte arrived, and renames over the old
 * file. On failure the old file is untouched and no temporary file is
 * left; either way the writer is done with. */
gboolean         trail_file_writer_commit (TrailFileWriter   *self,
                                           char             **new_etag,
                                           GCancellable      *cancellable,
                                           GError           **error);
/* Drops the temporary file (if not committed) and frees the writer. */
void             trail_file_writer_free   (TrailFileWriter   *self);

/* Follows @file's symbolic links (at most 40) to the file they name,
 * which may not exist yet. Returns a new reference to @file when it is not
 * a link. */
GFile           *trail_file_resolve_links (GFile             *file,
                                           GCancellable      *cancellable,
                                           GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrailFileWriter, trail_file_writer_free)

G_END_DECLS
