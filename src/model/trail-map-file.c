/* trail-map-file.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-map-file"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-display-text.h"
#include "trail-document-io.h"
#include "trail-drafts.h"
#include "trail-map-file.h"

#define DEFAULT_DRAFT_DELAY 3

struct _TrailMapFile
{
  GObject        parent_instance;

  TrailDocument *document;
  GFile         *file;
  char          *etag;
  char          *title;
  char          *name;

  /* Unsaved work goes to a draft a few seconds after the first change. */
  char          *draft_id;
  guint          draft_source;
  guint          draft_delay;

  guint          loading : 1;
  guint          saving : 1;
  guint          writing_draft : 1;
  guint          draft_failed : 1;
  /* The draft being written holds text not committed yet. */
  guint          draft_has_pending : 1;
  /* Discarded while a draft was being written: remove it once written. */
  guint          remove_after_write : 1;
};

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_FILE,
  PROP_DRAFT_ID,
  PROP_MODIFIED,
  PROP_LOADING,
  PROP_SAVING,
  PROP_TITLE,
  PROP_NAME,
  PROP_DRAFT_DELAY,
  N_PROPS
};

enum {
  DRAFT_FAILED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (TrailMapFile, trail_map_file, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_draft (TrailMapFile *self);

static void
set_string (TrailMapFile  *self,
            char         **field,
            char          *value,
            GParamSpec    *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    {
      g_free (value);
      return;
    }

  g_free (*field);
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

/* "name" and "title" are shown in window titles, dialogs and toasts:
 * computed once, already made safe there. */
static void
update_names (TrailMapFile *self)
{
  const char *map_title = NULL;
  char *name;

  if (self->file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (self->file);
      name = trail_display_text_dup (basename, TRAIL_DISPLAY_TEXT_MAX_CHARS);
    }
  else
    name = g_strdup (_("Unsaved Map"));
  set_string (self, &self->name, name, properties[PROP_NAME]);

  if (self->document != NULL)
    map_title = trail_document_get_title (self->document);
  if (map_title != NULL)
    {
      char *title = trail_display_text_dup (map_title, TRAIL_DISPLAY_TEXT_MAX_CHARS);

      /* A title of nothing but spaces or control characters counts as none. */
      if (title[0] != '\0')
        {
          set_string (self, &self->title, title, properties[PROP_TITLE]);
          return;
        }
      g_free (title);
    }
  set_string (self, &self->title, g_strdup (self->name), properties[PROP_TITLE]);
}

static void
set_flag (TrailMapFile *self,
          guint         prop_id,
          gboolean      value)
{
  gboolean old = prop_id == PROP_LOADING ? self->loading : self->saving;

  if (old == !!value)
    return;

  if (prop_id == PROP_LOADING)
    self->loading = !!value;
  else
    self->saving = !!value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
remove_draft (TrailMapFile *self)
{
  g_clear_handle_id (&self->draft_source, g_source_remove);

  if (self->draft_id == NULL)
    return;

  trail_drafts_remove (self->draft_id);
  /* A write under way would bring it back. */
  if (self->writing_draft)
    self->remove_after_write = TRUE;
}

static void
on_draft_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(TrailMapFile) self = user_data;
  g_autoptr(GError) error = NULL;

  self->writing_draft = FALSE;

  if (!trail_drafts_write_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_warning ("Could not write a draft of the map: %s", error->message);
      /* The map itself is unharmed, but a crash now would lose more than
       * usual: say so once. */
      if (!self->draft_failed)
        g_signal_emit (self, signals[DRAFT_FAILED], 0, error);
      self->draft_failed = TRUE;
      return;
    }

  self->draft_failed = FALSE;

  /* Saved, undone or discarded while the draft was being written. */
  if (self->remove_after_write ||
      (!trail_document_get_modified (self->document) && !self->draft_has_pending))
    {
      self->remove_after_write = FALSE;
      trail_drafts_remove (self->draft_id);
    }
}

static gboolean
write_draft_cb (gpointer user_data)
{
  TrailMapFile *self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  gboolean pending;

  self->draft_source = 0;

  /* Views commit what they only delayed (which changes the document and
   * schedules a draft again: this one is it) and say whether they still
   * hold typed text. */
  pending = trail_document_prepare_draft (self->document, NULL);
  g_clear_handle_id (&self->draft_source, g_source_remove);

  /* Undone back to what is saved: the draft has nothing left to keep. */
  if (!trail_document_get_modified (self->document) && !pending)
    {
      if (!self->writing_draft && self->draft_id != NULL)
        trail_drafts_remove (self->draft_id);
      return G_SOURCE_REMOVE;
    }

  /* One write at a time, so an older draft never lands after a newer one. */
  if (self->writing_draft)
    {
      schedule_draft (self);
      return G_SOURCE_REMOVE;
    }

  if (self->draft_id == NULL)
    {
      self->draft_id = trail_drafts_new_id ();
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT_ID]);
    }

  if (pending)
    {
      /* The text is laid over the document as it is written: the document
       * itself, its undo history and the editors stay as they are, and no
       * copy of a large map is made for one card's text. */
      g_autoptr(TrailDraftOverlay) overlay = trail_draft_overlay_new (self->document);

      trail_document_prepare_draft (self->document, overlay);
      bytes = trail_document_serialize_overlaid (self->document, overlay);
    }
  else
    bytes = trail_document_serialize (self->document);
  self->draft_has_pending = pending;
  self->writing_draft = TRUE;
  self->remove_after_write = FALSE;
  trail_drafts_write_async (self->draft_id, bytes, self->file,
                            trail_document_get_title (self->document),
                            NULL, on_draft_written_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

/* Called on every change: a draft is written at most once per delay, so
 * that continuous editing cannot postpone it forever. */
static void
schedule_draft (TrailMapFile *self)
{
  if (self->draft_source != 0)
    return;

  self->draft_source = g_timeout_add_seconds (self->draft_delay, write_draft_cb, self);
}

static void
on_document_changed_cb (TrailMapFile     *self,
                        TrailChangeFlags  what,
                        GObject          *object,
                        TrailDocument    *document)
{
  /* "modified" may not be updated yet while the change is signalled;
   * the timeout looks again. */
  schedule_draft (self);
}

/* Typing that is not committed yet: drafted like a change. When the
 * editor closes, this comes once more, and a draft of a map that is
 * unmodified again is removed. */
static void
on_document_pending_edit_cb (TrailMapFile *self)
{
  schedule_draft (self);
}

static void
on_document_notify_modified_cb (TrailMapFile *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
set_document (TrailMapFile  *self,
              TrailDocument *document)
{
  g_assert (self->document == NULL);

  self->document = g_object_ref (document);
  g_signal_connect_object (document, "changed",
                           G_CALLBACK (on_document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "pending-edit",
                           G_CALLBACK (on_document_pending_edit_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::modified",
                           G_CALLBACK (on_document_notify_modified_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::title",
                           G_CALLBACK (update_names), self, G_CONNECT_SWAPPED);
  update_names (self);
}

static void
on_load_query_info_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GFileInfo) info = NULL;
  TrailMapFile *self = g_task_get_source_object (task);
  TrailDocument *document = g_task_get_task_data (task);

  /* Without an etag Save simply cannot tell whether the file changed. */
  info = g_file_query_info_finish (G_FILE (object), result, NULL);

  set_flag (self, PROP_LOADING, FALSE);

  if (g_task_return_error_if_cancelled (task))
    return;

  g_free (self->etag);
  self->etag = info != NULL ? g_strdup (g_file_info_get_etag (info)) : NULL;

  g_object_freeze_notify (G_OBJECT (self));
  set_document (self, document);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  g_object_thaw_notify (G_OBJECT (self));

  g_task_return_boolean (task, TRUE);
}

static void
on_load_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  TrailMapFile *self = g_task_get_source_object (task);
  TrailDocument *document;

  document = trail_document_load_from_file_finish (result, &error);
  if (document == NULL)
    {
      set_flag (self, PROP_LOADING, FALSE);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The etag lets Save notice when someone else changed the file. */
  g_task_set_task_data (task, document, g_object_unref);
  g_file_query_info_async (self->file, G_FILE_ATTRIBUTE_ETAG_VALUE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                           on_load_query_info_cb, g_object_ref (task));
}

static void
on_save_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *new_etag = NULL;
  TrailMapFile *self = g_task_get_source_object (task);
  GFile *file = g_task_get_task_data (task);

  set_flag (self, PROP_SAVING, FALSE);

  if (!trail_document_save_to_file_finish (TRAIL_DOCUMENT (object), result, &new_etag, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_free (self->etag);
  self->etag = g_steal_pointer (&new_etag);

  if (self->file == NULL || !g_file_equal (self->file, file))
    {
      g_set_object (&self->file, file);
      update_names (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
    }

  /* Edits made while saving keep the document modified, and their draft. */
  if (!trail_document_get_modified (self->document))
    remove_draft (self);

  g_task_return_boolean (task, TRUE);
}

static void
trail_map_file_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TrailMapFile *self = TRAIL_MAP_FILE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_DRAFT_ID:
      g_value_set_string (value, self->draft_id);
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, trail_map_file_get_modified (self));
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_SAVING:
      g_value_set_boolean (value, self->saving);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_DRAFT_DELAY:
      g_value_set_uint (value, self->draft_delay);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_map_file_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TrailMapFile *self = TRAIL_MAP_FILE (object);

  switch (prop_id)
    {
    case PROP_DRAFT_DELAY:
      trail_map_file_set_draft_delay (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_map_file_dispose (GObject *object)
{
  TrailMapFile *self = TRAIL_MAP_FILE (object);

  /* The draft stays on disk: a map closed unsaved was either discarded
   * (and its draft removed) or is being recovered. */
  g_clear_handle_id (&self->draft_source, g_source_remove);

  G_OBJECT_CLASS (trail_map_file_parent_class)->dispose (object);
}

static void
trail_map_file_finalize (GObject *object)
{
  TrailMapFile *self = TRAIL_MAP_FILE (object);

  g_clear_object (&self->document);
  g_clear_object (&self->file);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->draft_id, g_free);

  G_OBJECT_CLASS (trail_map_file_parent_class)->finalize (object);
}

static void
trail_map_file_class_init (TrailMapFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = trail_map_file_dispose;
  object_class->finalize = trail_map_file_finalize;
  object_class->get_property = trail_map_file_get_property;
  object_class->set_property = trail_map_file_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, TRAIL_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DRAFT_ID] =
    g_param_spec_string ("draft-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DRAFT_DELAY] =
    g_param_spec_uint ("draft-delay", NULL, NULL, 1, 3600, DEFAULT_DRAFT_DELAY,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DRAFT_FAILED] =
    g_signal_new ("draft-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
trail_map_file_init (TrailMapFile *self)
{
  self->draft_delay = DEFAULT_DRAFT_DELAY;
  update_names (self);
}

/* A new map, never saved anywhere. */
TrailMapFile *
trail_map_file_new (TrailDocument *document)
{
  TrailMapFile *self;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), NULL);

  self = g_object_new (TRAIL_TYPE_MAP_FILE, NULL);
  set_document (self, document);

  return self;
}

/* A map to read with trail_map_file_load_async(). */
TrailMapFile *
trail_map_file_new_for_file (GFile *file)
{
  TrailMapFile *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (TRAIL_TYPE_MAP_FILE, NULL);
  self->file = g_object_ref (file);
  update_names (self);

  return self;
}

/* A map brought back from a draft: it keeps the draft until saved, and
 * counts as unsaved even though it was just read. There is no etag:
 * whatever is on disk now is what the user saved last. */
TrailMapFile *
trail_map_file_new_recovered (TrailDocument *document,
                              GFile         *original,
                              const char    *draft_id)
{
  TrailMapFile *self;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (!original || G_IS_FILE (original), NULL);

  trail_document_mark_unsaved (document);

  self = g_object_new (TRAIL_TYPE_MAP_FILE, NULL);
  g_set_object (&self->file, original);
  self->draft_id = g_strdup (draft_id);
  set_document (self, document);

  return self;
}

/**
 * trail_map_file_get_document:
 *
 * Returns: (transfer none) (nullable): the map, NULL until loaded
 */
TrailDocument *
trail_map_file_get_document (TrailMapFile *self)
{
  g_return_val_if_fail (TRAIL_IS_MAP_FILE (self), NULL);

  return self->document;
}

/**
 * trail_map_file_get_file:
 *
 * Returns: (transfer none) (nullable): where the map was read from or last
 *   saved to, NULL for a map never saved
 */
GFile *
trail_map_file_get_file (TrailMapFile *self)
{
  g_return_val_if_fail (TRAIL_IS_MAP_FILE (self), NULL);

  return self->file;
}

const char *
trail_map_file_get_etag (TrailMapFile *self)
{
  g_return_val_if_fail (TRAIL_IS_MAP_FILE (self), NULL);

  return self->etag;
}

const char *
trail_map_file_get_draft_id (TrailMapFile *self)
{
  g_return_val_if_fail (TRAIL_IS_MAP_FILE (self), NULL);

  return self->draft_id;
}

gboolean
trail_map_file_get_modified (TrailMapFile *self)
{
  g_return_val_if_fail (TRAIL_IS_MAP_FILE (self), FALSE);

  return self->document != NULL && trail_document_get_modified (self->document);
}

gboolean
trail_map_file_get_loading (TrailMapFile *self)
{
  g_return_val_if_fail (TRAIL_IS_MAP_FILE (self), FALSE);

  return self->loading;
}

gboolean
trail_map_file_get_saving (TrailMapFile *self)
{
  g_return_val_if_fail (TRAIL_IS_MAP_FILE (self), FALSE);

  return self->saving;
}

/* The map's title fit for a window title; the file's name when it has none. */
const char *
trail_map_file_get_title (TrailMapFile *self)
{
  g_return_val_if_fail (TRAIL_IS_MAP_FILE (self), NULL);

  return self->title;
}

/* The file's name fit for display, or "Unsaved Map". */
const char *
trail_map_file_get_name (TrailMapFile *self)
{
  g_return_val_if_fail (TRAIL_IS_MAP_FILE (self), NULL);

  return self->name;
}

guint
trail_map_file_get_draft_delay (TrailMapFile *self)
{
  g_return_val_if_fail (TRAIL_IS_MAP_FILE (self), DEFAULT_DRAFT_DELAY);

  return self->draft_delay;
}

void
trail_map_file_set_draft_delay (TrailMapFile *self,
                                guint         seconds)
{
  g_return_if_fail (TRAIL_IS_MAP_FILE (self));

  seconds = CLAMP (seconds, 1, 3600);
  if (self->draft_delay == seconds)
    return;

  self->draft_delay = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT_DELAY]);
}

/* Whether this is the map at @file, loaded or being loaded. */
gboolean
trail_map_file_is_for (TrailMapFile *self,
                       GFile        *file)
{
  g_return_val_if_fail (TRAIL_IS_MAP_FILE (self), FALSE);

  return self->file != NULL && file != NULL && g_file_equal (self->file, file);
}

void
trail_map_file_load_async (TrailMapFile        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (TRAIL_IS_MAP_FILE (self));
  g_return_if_fail (self->file != NULL);
  g_return_if_fail (self->document == NULL);
  g_return_if_fail (!self->loading);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, trail_map_file_load_async);

  set_flag (self, PROP_LOADING, TRUE);
  trail_document_load_from_file_async (self->file, cancellable, on_load_cb, task);
}

gboolean
trail_map_file_load_finish (TrailMapFile  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (TRAIL_IS_MAP_FILE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
trail_map_file_save_async (TrailMapFile          *self,
                           GFile                 *file,
                           TrailMapFileSaveFlags  flags,
                           GCancellable          *cancellable,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *etag = NULL;

  g_return_if_fail (TRAIL_IS_MAP_FILE (self));
  g_return_if_fail (!file || G_IS_FILE (file));
  g_return_if_fail (file != NULL || self->file != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, trail_map_file_save_async);

  if (self->document == NULL || self->loading || self->saving)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("The map cannot be saved while it is being read or saved"));
      return;
    }

  if (file == NULL)
    {
      file = self->file;
      /* Only where the map came from can someone else have changed it. */
      if (!(flags & TRAIL_MAP_FILE_SAVE_OVERWRITE))
        etag = self->etag;
    }

  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  set_flag (self, PROP_SAVING, TRUE);
  trail_document_save_to_file_async (self->document, file, etag, cancellable,
                                     on_save_cb, g_steal_pointer (&task));
}

gboolean
trail_map_file_save_finish (TrailMapFile  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (TRAIL_IS_MAP_FILE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
trail_map_file_discard_draft (TrailMapFile *self)
{
  g_return_if_fail (TRAIL_IS_MAP_FILE (self));

  remove_draft (self);
}
