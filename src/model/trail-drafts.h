/* trail-drafts.h — unsaved work kept on disk, to survive a crash
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char   *id;        /* names the draft; one per open document */
  GFile  *content;   /* the serialized map */
  GFile  *original;  /* where the map was saved, or NULL if never */
  char   *title;     /* the map's title when the draft was written */
  gint64  written;   /* wall-clock time of the write, in µs */
} TrailDraft;

void        trail_draft_free          (TrailDraft          *draft);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrailDraft, trail_draft_free)

/* Where drafts live: $XDG_DATA_HOME/APP_ID/drafts. */
GFile      *trail_drafts_get_dir      (void);
char       *trail_drafts_new_id       (void);

/* Writes the draft @id atomically: the map first, then what describes it,
 * so that a crash half-way leaves the previous draft whole. */
void        trail_drafts_write_async  (const char          *id,
                                       GBytes              *content,
                                       GFile               *original,
                                       const char          *title,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean    trail_drafts_write_finish (GAsyncResult        *result,
                                       GError             **error);
void        trail_drafts_remove       (const char          *id);
/* Every draft on disk, oldest first (TrailDraft*, owned by the array). */
GPtrArray  *trail_drafts_list         (void);

G_END_DECLS
