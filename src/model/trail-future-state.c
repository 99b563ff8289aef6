/* trail-future-state.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-future-state"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "trail-document-io.h"
#include "trail-future-state.h"
#include "trail-model-private.h"

/* A folder of hundreds of maps is not what the link is for: look at this
 * many at most. */
#define MAX_SCANNED 500

TrailDocument *
trail_future_state_new (TrailDocument *current,
                        const char    *current_file_name,
                        const char    *title)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *own_id = g_uuid_string_random ();
  TrailDocument *future;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (current), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  /* An edit of its own: the map must be saved for its id to last, and
   * the window says it is modified. Undone, the file name still links. */
  if (trail_document_get_map_id (current) == NULL)
    {
      g_autofree char *id = g_uuid_string_random ();
      trail_document_update (current, current, "map-id", id, NULL);
    }

  /* Through the file format: every id stays, nothing is shared. */
  bytes = trail_document_serialize (current);
  future = trail_document_load_from_bytes (bytes, title, &error);
  if (future == NULL)
    {
      /* The map was valid a moment ago; nothing but memory fails here. */
      g_warning ("Cannot copy the map: %s", error->message);
      return NULL;
    }

  _trail_item_set (future,
                   "title", title,
                   "map-id", own_id,
                   "current-state-id", trail_document_get_map_id (current),
                   "current-state-file", current_file_name,
                   NULL);
  trail_document_clear_history (future);
  trail_document_mark_unsaved (future);
  return future;
}

static gboolean
links (const char *future_link_id,
       const char *future_link_file,
       const char *current_id,
       const char *current_file_name)
{
  if (future_link_file == NULL && future_link_id == NULL)
    return FALSE;
  /* Two maps that both have ids: the ids decide, whatever the files are
   * called now (a renamed current state still matches). */
  if (future_link_id != NULL && current_id != NULL)
    return g_str_equal (future_link_id, current_id);
  return future_link_file != NULL && current_file_name != NULL &&
         g_str_equal (future_link_file, current_file_name);
}

gboolean
trail_future_state_links (TrailDocument *future,
                          TrailDocument *current,
                          const char    *current_file_name)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (future), FALSE);
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (current), FALSE);

  if (future == current)
    return FALSE;
  return links (trail_document_get_current_state_id (future), trail_document_get_current_state_file (future),
                trail_document_get_map_id (current), current_file_name);
}

static char *
dup_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

gboolean
trail_future_state_peek (GBytes  *bytes,
                         char   **map_id,
                         char   **current_state_id,
                         char   **current_state_file)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *format = NULL;
  JsonNode *root, *link;
  JsonObject *object;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  *map_id = *current_state_id = *current_state_file = NULL;
  if (size > TRAIL_FILE_MAX_BYTES || !json_parser_load_from_data (parser, data, size, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  format = dup_string_member (object, "format");
  if (g_strcmp0 (format, TRAIL_FILE_FORMAT_TAG) != 0)
    return FALSE;

  *map_id = dup_string_member (object, "id");
  link = json_object_get_member (object, "current-state");
  if (link != NULL && JSON_NODE_HOLDS_OBJECT (link))
    {
      *current_state_id = dup_string_member (json_node_get_object (link), "id");
      *current_state_file = dup_string_member (json_node_get_object (link), "file");
    }
  return TRUE;
}

typedef struct
{
  GFile *file;
  char  *current_id;
} FindData;

static void
find_data_free (gpointer data)
{
  FindData *find = data;

  g_object_unref (find->file);
  g_free (find->current_id);
  g_free (find);
}

static int
compare_files (gconstpointer a,
               gconstpointer b)
{
  g_autofree char *name_a = g_file_get_basename (*(GFile * const *) a);
  g_autofree char *name_b = g_file_get_basename (*(GFile * const *) b);

  return g_strcmp0 (name_a, name_b);
}

static void
find_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  FindData *find = task_data;
  g_autoptr(GFile) folder = g_file_get_parent (find->file);
  g_autofree char *name = g_file_get_basename (find->file);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GFileInfo *info;

  if (folder == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  children = g_file_enumerate_children (folder,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                        G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                        G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (children == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  while (candidates->len < MAX_SCANNED &&
         (info = g_file_enumerator_next_file (children, cancellable, NULL)) != NULL)
    {
      const char *child = g_file_info_get_name (info);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
          g_str_has_suffix (child, ".trailmap") && strcmp (child, name) != 0 &&
          g_file_info_get_size (info) <= TRAIL_FILE_MAX_BYTES)
        g_ptr_array_add (candidates, g_file_get_child (folder, child));
      g_object_unref (info);
    }
  /* The same answer every time, whatever order the folder lists. */
  g_ptr_array_sort (candidates, compare_files);

  for (guint i = 0; i < candidates->len; i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *map_id = NULL, *link_id = NULL, *link_file = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      bytes = g_file_load_bytes (candidates->pdata[i], cancellable, NULL, NULL);
      if (bytes == NULL || !trail_future_state_peek (bytes, &map_id, &link_id, &link_file))
        continue;
      if (links (link_id, link_file, find->current_id, name))
        {
          g_task_return_pointer (task, g_object_ref (candidates->pdata[i]), g_object_unref);
          return;
        }
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, NULL, NULL);
}

void
trail_future_state_find_async (GFile               *file,
                               TrailDocument       *current,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FindData *find;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (TRAIL_IS_DOCUMENT (current));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, trail_future_state_find_async);
  find = g_new0 (FindData, 1);
  find->file = g_object_ref (file);
  find->current_id = g_strdup (trail_document_get_map_id (current));
  g_task_set_task_data (task, find, find_data_free);
  g_task_run_in_thread (task, find_in_thread);
}

GFile *
trail_future_state_find_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
