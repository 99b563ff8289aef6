/* trail-drafts.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-drafts"

#include "config.h"

#include <string.h>

#include "trail-document-io.h"
#include "trail-drafts.h"

#define DRAFT_GROUP "Draft"

typedef struct
{
  char   *id;
  GBytes *content;
  char   *original_uri;
  char   *title;
} WriteData;

static void
write_data_free (gpointer data)
{
  WriteData *wd = data;

  g_free (wd->id);
  g_bytes_unref (wd->content);
  g_free (wd->original_uri);
  g_free (wd->title);
  g_free (wd);
}

void
trail_draft_free (TrailDraft *draft)
{
  if (draft == NULL)
    return;

  g_free (draft->id);
  g_clear_object (&draft->content);
  g_clear_object (&draft->original);
  g_free (draft->title);
  g_free (draft);
}

GFile *
trail_drafts_get_dir (void)
{
  return g_file_new_build_filename (g_get_user_data_dir (), APP_ID, "drafts", NULL);
}

char *
trail_drafts_new_id (void)
{
  return g_uuid_string_random ();
}

static gboolean
id_is_valid (const char *id)
{
  /* Ids become file names: never let one climb out of the folder. */
  return id != NULL && g_uuid_string_is_valid (id);
}

static GFile *
get_draft_file (const char *id,
                const char *suffix)
{
  g_autoptr(GFile) dir = trail_drafts_get_dir ();
  g_autofree char *name = g_strconcat (id, suffix, NULL);

  return g_file_get_child (dir, name);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *wd = task_data;
  g_autoptr(GFile) dir = trail_drafts_get_dir ();
  g_autoptr(GFile) content = get_draft_file (wd->id, ".trailmap");
  g_autoptr(GFile) info = get_draft_file (wd->id, ".draft");
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) description = NULL;
  g_autofree char *data = NULL;
  gsize length;

  if (!g_file_make_directory_with_parents (dir, cancellable, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_error (&error);

  /* A draft that could not be read back would only replace the previous
   * one, which can. */
  if (!trail_document_check_serialized (wd->content, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Not g_file_replace_contents(): on GLib 2.74 a failed write would
   * replace the previous, whole draft with a broken one. */
  if (!trail_file_replace_bytes (content, wd->content, NULL, G_FILE_CREATE_PRIVATE,
                                 NULL, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (wd->original_uri != NULL)
    g_key_file_set_string (keyfile, DRAFT_GROUP, "uri", wd->original_uri);
  g_key_file_set_string (keyfile, DRAFT_GROUP, "title", wd->title ? wd->title : "");
  g_key_file_set_int64 (keyfile, DRAFT_GROUP, "written", g_get_real_time ());
  data = g_key_file_to_data (keyfile, &length, NULL);

  description = g_bytes_new_take (g_steal_pointer (&data), length);
  if (!trail_file_replace_bytes (info, description, NULL, G_FILE_CREATE_PRIVATE,
                                 NULL, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
trail_drafts_write_async (const char          *id,
                          GBytes              *content,
                          GFile               *original,
                          const char          *title,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *wd;

  g_return_if_fail (id_is_valid (id));
  g_return_if_fail (content != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, trail_drafts_write_async);

  wd = g_new0 (WriteData, 1);
  wd->id = g_strdup (id);
  wd->content = g_bytes_ref (content);
  wd->original_uri = original ? g_file_get_uri (original) : NULL;
  wd->title = g_strdup (title);
  g_task_set_task_data (task, wd, write_data_free);

  /* Callers keep one write of a draft in flight at a time: the thread pool
   * could otherwise land an older write last. */
  g_task_run_in_thread (task, write_thread);
}

gboolean
trail_drafts_write_finish (GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
trail_drafts_remove (const char *id)
{
  g_autoptr(GFile) content = NULL;
  g_autoptr(GFile) info = NULL;

  if (!id_is_valid (id))
    return;

  /* The description goes first: a draft without one is never offered. */
  info = get_draft_file (id, ".draft");
  content = get_draft_file (id, ".trailmap");
  g_file_delete (info, NULL, NULL);
  g_file_delete (content, NULL, NULL);
}

static int
compare_drafts (gconstpointer a,
                gconstpointer b)
{
  const TrailDraft *da = *(const TrailDraft * const *) a;
  const TrailDraft *db = *(const TrailDraft * const *) b;

  return (da->written > db->written) - (da->written < db->written);
}

GPtrArray *
trail_drafts_list (void)
{
  g_autoptr(GFile) dir = trail_drafts_get_dir ();
  g_autoptr(GFileEnumerator) enumerator = NULL;
  GPtrArray *drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) trail_draft_free);
  GFileInfo *info;

  enumerator = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (enumerator == NULL)
    return drafts;

  while ((info = g_file_enumerator_next_file (enumerator, NULL, NULL)) != NULL)
    {
      g_autoptr(GFileInfo) owned = info;
      g_autoptr(GKeyFile) keyfile = g_key_file_new ();
      g_autoptr(TrailDraft) draft = NULL;
      g_autofree char *id = NULL;
      g_autofree char *path = NULL;
      g_autofree char *uri = NULL;
      const char *name = g_file_info_get_name (owned);

      if (!g_str_has_suffix (name, ".draft"))
        continue;

      id = g_strndup (name, strlen (name) - strlen (".draft"));
      if (!id_is_valid (id))
        continue;

      path = g_build_filename (g_file_peek_path (dir), name, NULL);
      if (!g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, NULL))
        continue;

      draft = g_new0 (TrailDraft, 1);
      draft->id = g_steal_pointer (&id);
      draft->content = get_draft_file (draft->id, ".trailmap");
      if (!g_file_query_exists (draft->content, NULL))
        continue;

      uri = g_key_file_get_string (keyfile, DRAFT_GROUP, "uri", NULL);
      if (uri != NULL)
        draft->original = g_file_new_for_uri (uri);
      draft->title = g_key_file_get_string (keyfile, DRAFT_GROUP, "title", NULL);
      draft->written = g_key_file_get_int64 (keyfile, DRAFT_GROUP, "written", NULL);

      g_ptr_array_add (drafts, g_steal_pointer (&draft));
    }

  g_ptr_array_sort (drafts, compare_drafts);

  return drafts;
}
