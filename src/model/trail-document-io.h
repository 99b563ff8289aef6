/* trail-document-io.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "trail-document.h"
#include "trail-draft-overlay.h"

G_BEGIN_DECLS

#define TRAIL_FILE_FORMAT_TAG     "trailmap"
#define TRAIL_FILE_FORMAT_VERSION 1
#define TRAIL_FILE_MIME_TYPE      "application/x-trailmap"

/* Limits for hostile files; anything beyond them is refused with
 * TRAIL_DOCUMENT_ERROR_LIMIT before it costs much memory or time. The
 * editor never makes a document that exceeds them. */
#define TRAIL_FILE_MAX_BYTES      (64 * 1024 * 1024)
#define TRAIL_FILE_MAX_DEPTH      64        /* nesting of arrays and objects */
#define TRAIL_FILE_MAX_VALUES     2000000   /* JSON values in one file */
#define TRAIL_FILE_MAX_ITEMS      100000    /* items in one list (cards, points…) */
#define TRAIL_FILE_MAX_STRING     (256 * 1024) /* bytes in one text */
#define TRAIL_FILE_MAX_TAGS       256       /* persona tags on one card */
#define TRAIL_FILE_MAX_CELLS      100000    /* stages × lanes: each cell costs the layout */
#define TRAIL_FILE_MAX_CARDS      20000     /* cards: each costs some 30 KB in a PDF export */

#define TRAIL_DOCUMENT_ERROR (trail_document_error_quark())

typedef enum
{
  TRAIL_DOCUMENT_ERROR_SYNTAX,        /* not JSON, not UTF-8, truncated */
  TRAIL_DOCUMENT_ERROR_NOT_TRAILMAP,  /* no or wrong "format" tag */
  TRAIL_DOCUMENT_ERROR_TOO_NEW,       /* "version" newer than we know */
  TRAIL_DOCUMENT_ERROR_INVALID,       /* wrong type, missing field, bad value */
  TRAIL_DOCUMENT_ERROR_REFERENCE,     /* dangling or duplicate id */
  TRAIL_DOCUMENT_ERROR_LIMIT,         /* beyond a limit for hostile files */
} TrailDocumentError;

GQuark         trail_document_error_quark (void);

/* Parse a .trailmap document from memory. @name is used in messages (a file
 * name; may be NULL). On failure returns NULL and an error whose message
 * names the place (line:column, or a path like "stages[2].name") and what is
 * wrong; no half-built document is ever returned. */
TrailDocument *trail_document_load_from_bytes (GBytes        *bytes,
                                               const char    *name,
                                               GError       **error);
TrailDocument *trail_document_load_from_file  (GFile         *file,
                                               GCancellable  *cancellable,
                                               GError       **error);
void           trail_document_load_from_file_async  (GFile               *file,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
TrailDocument *trail_document_load_from_file_finish (GAsyncResult        *result,
                                                     GError             **error);

/* Reads a whole file, refusing one larger than TRAIL_FILE_MAX_BYTES before
 * reading it all (TRAIL_DOCUMENT_ERROR_LIMIT); other errors are GIO's. */
GBytes        *trail_document_read_file       (GFile         *file,
                                               GCancellable  *cancellable,
                                               GError       **error);

/* Serialize to the canonical pretty-printed JSON (stable key order, a
 * trailing newline). Saving what was loaded gives the same bytes. */
GBytes        *trail_document_serialize       (TrailDocument *self);
/* The same with the text of @overlay (trail-draft-overlay.h) in place, as
 * if it had been committed: for drafts written while the user types. */
GBytes        *trail_document_serialize_overlaid (TrailDocument     *self,
                                                  TrailDraftOverlay *overlay);

/* The limits hold on both sides: a map that would not load again is never
 * saved or drafted, and an edit that would make one is refused when made.
 *
 * trail_document_check_limits() checks @self as it is now (lists, the
 * size and, for a large map, the strict reader over the saved form).
 * trail_document_check_room() asks before adding @n_items cards (or other
 * items) whose saved form takes about @n_bytes (the clipboard text's
 * length is a fair measure): TRUE when the map stays within the limits.
 * trail_document_check_serialized() checks bytes from
 * trail_document_serialize(), e.g. before writing a draft. All fail with
 * TRAIL_DOCUMENT_ERROR_LIMIT and a message fit for the user. */
gboolean       trail_document_check_limits     (TrailDocument  *self,
                                                GError        **error);
gboolean       trail_document_check_room       (TrailDocument  *self,
                                                guint           n_items,
                                                gsize           n_bytes,
                                                GError        **error);
gboolean       trail_document_check_serialized (GBytes         *bytes,
                                                GError        **error);
/* Only the counts (no saved form is made, so it is cheap enough for every
 * single card added by hand): whether @n_cards more cards fit. */
gboolean       trail_document_check_card_room  (TrailDocument  *self,
                                                guint           n_cards,
                                                GError        **error);

/* Atomic save (g_file_replace() to a temporary file and rename, as
 * g_file_replace_contents() does, but a failed write never replaces the old
 * file); @etag NULL to skip the check. On success the document is marked
 * saved and *new_etag is set. On failure the file on disk is unchanged and
 * the error keeps GIO's code (G_IO_ERROR_WRONG_ETAG: someone else changed
 * the file). The async variant writes in a worker thread. */
gboolean       trail_document_save_to_file    (TrailDocument  *self,
                                               GFile          *file,
                                               const char     *etag,
                                               char          **new_etag,
                                               GCancellable   *cancellable,
                                               GError        **error);
void           trail_document_save_to_file_async  (TrailDocument       *self,
                                                   GFile               *file,
                                                   const char          *etag,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean       trail_document_save_to_file_finish (TrailDocument       *self,
                                                   GAsyncResult        *result,
                                                   char               **new_etag,
                                                   GError             **error);

/* Replaces @file with @bytes atomically, like g_file_replace_contents()
 * but safe on GLib 2.74: when the write fails part-way (full disk, quota)
 * the old file stays whole and no temporary file is left. @flags adds to
 * G_FILE_CREATE_REPLACE_DESTINATION (e.g. G_FILE_CREATE_PRIVATE). */
gboolean       trail_file_replace_bytes       (GFile             *file,
                                               GBytes            *bytes,
                                               const char        *etag,
                                               GFileCreateFlags   flags,
                                               char             **new_etag,
                                               GCancellable      *cancellable,
                                               GError           **error);

G_END_DECLS
