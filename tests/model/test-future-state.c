/* test-future-state.c — a future state's link to its current state: made,
 * saved, read back, found next to the map, and refused when malformed.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "trail-model.h"

static TrailDocument *
reload (TrailDocument *doc)
{
  g_autoptr(GBytes) bytes = trail_document_serialize (doc);
  g_autoptr(GError) error = NULL;
  TrailDocument *copy = trail_document_load_from_bytes (bytes, "copy", &error);

  g_assert_no_error (error);
  return copy;
}

static char *
serialize_text (TrailDocument *doc)
{
  g_autoptr(GBytes) bytes = trail_document_serialize (doc);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_new (void)
{
  g_autoptr(TrailDocument) current = trail_document_new_blank ();
  g_autoptr(TrailDocument) future = NULL;
  g_autoptr(TrailDocument) again = NULL;
  g_autoptr(TrailDiff) diff = NULL;
  g_autofree char *text = NULL;
  g_autoptr(TrailCard) card = NULL;
  g_autoptr(TrailLane) lane = g_list_model_get_item (trail_document_get_lanes (current), 0);
  g_autoptr(TrailStage) stage = g_list_model_get_item (trail_document_get_stages (current), 0);

  trail_document_add_card (current, lane, stage, -1, "Waits on the phone");
  trail_document_clear_history (current);
  g_assert_null (trail_document_get_map_id (current));
  text = serialize_text (current);
  /* A map without a future state is written as before. */
  g_assert_null (strstr (text, "\n  \"id\":"));
  g_assert_null (strstr (text, "current-state"));
  g_clear_pointer (&text, g_free);

  future = trail_future_state_new (current, "journey.trailmap", "Journey — Future State");
  g_assert_nonnull (future);
  /* The current state got an id to be linked by: an edit, so the map is
   * modified and saves it; undone, the file name still links the two. */
  g_assert_nonnull (trail_document_get_map_id (current));
  g_assert_true (trail_document_get_can_undo (current));
  g_assert_true (trail_document_get_modified (current));

  g_assert_cmpstr (trail_document_get_title (future), ==, "Journey — Future State");
  g_assert_cmpstr (trail_document_get_current_state_id (future), ==, trail_document_get_map_id (current));
  g_assert_cmpstr (trail_document_get_current_state_file (future), ==, "journey.trailmap");
  g_assert_nonnull (trail_document_get_map_id (future));
  g_assert_cmpstr (trail_document_get_map_id (future), !=, trail_document_get_map_id (current));
  g_assert_false (trail_document_get_can_undo (future));
  g_assert_true (trail_document_get_modified (future));
  g_assert_true (trail_future_state_links (future, current, "journey.trailmap"));
  g_assert_false (trail_future_state_links (current, future, NULL));
  g_assert_false (trail_future_state_links (future, future, NULL));

  /* The same ids: only the title differs. */
  diff = trail_diff_new (current, future);
  g_assert_true (trail_diff_is_empty (diff));

  /* Written and read back. */
  text = serialize_text (future);
  g_assert_nonnull (strstr (text, "  \"current-state\": {\n    \"id\": \""));
  g_assert_nonnull (strstr (text, "\"file\": \"journey.trailmap\"\n  },"));
  again = reload (future);
  g_assert_cmpstr (trail_document_get_map_id (again), ==, trail_document_get_map_id (future));
  g_assert_cmpstr (trail_document_get_current_state_id (again), ==, trail_document_get_map_id (current));
  g_assert_cmpstr (trail_document_get_current_state_file (again), ==, "journey.trailmap");
  g_assert_true (trail_future_state_links (again, current, "journey.trailmap"));

  {
    g_autofree char *id = g_strdup (trail_document_get_map_id (current));

    trail_document_undo (current);
    g_assert_null (trail_document_get_map_id (current));
    g_assert_true (trail_future_state_links (future, current, "journey.trailmap"));
    trail_document_redo (current);
    g_assert_cmpstr (trail_document_get_map_id (current), ==, id);
  }

  /* The current state keeps its id when saved and read back. */
  {
    g_autoptr(TrailDocument) current_again = reload (current);
    g_assert_cmpstr (trail_document_get_map_id (current_again), ==, trail_document_get_map_id (current));
    g_assert_true (trail_future_state_links (again, current_again, "renamed.trailmap"));
  }
}

/* Ids decide where both maps have one; the file name where not. */
static void
test_links (void)
{
  g_autoptr(TrailDocument) current = trail_document_new_blank ();
  g_autoptr(TrailDocument) other = trail_document_new_blank ();
  g_autoptr(TrailDocument) future = trail_future_state_new (current, "a.trailmap", "Future");
  g_autoptr(TrailDocument) unsaved = NULL;

  g_assert_true (trail_future_state_links (future, current, "a.trailmap"));
  g_assert_true (trail_future_state_links (future, current, NULL));
  /* Another map of the same name, without an id: the file name decides. */
  g_assert_true (trail_future_state_links (future, other, "a.trailmap"));
  g_assert_false (trail_future_state_links (future, other, "b.trailmap"));
  /* Another map with an id of its own: not the one. */
  {
    g_autoptr(TrailDocument) third = trail_future_state_new (other, NULL, "x");
    g_assert_false (trail_future_state_links (future, other, "a.trailmap"));
    (void) third;
  }

  /* A current state never saved: linked by id only. */
  unsaved = trail_future_state_new (current, NULL, "Future 2");
  g_assert_null (trail_document_get_current_state_file (unsaved));
  g_assert_true (trail_future_state_links (unsaved, current, NULL));
}

static void
test_old_and_bad_files (void)
{
  static const struct { const char *json; const char *message; } bad[] = {
    { "\"id\": 3,", "id must be text" },
    { "\"id\": \"\",", "id must not be empty" },
    { "\"current-state\": \"x.trailmap\",", "current-state must be an object" },
    { "\"current-state\": {\"id\": \"m\"},", "has no file name" },
    { "\"current-state\": {\"file\": \"../secret.trailmap\"},", "not a path" },
    { "\"current-state\": {\"file\": \"/etc/x.trailmap\"},", "not a path" },
    { "\"current-state\": {\"file\": 7},", "file must be text" },
  };
  const char *head = "{\"format\": \"trailmap\", \"version\": 1, \"title\": \"T\", ";
  const char *tail = "\"stages\": [], \"lanes\": [], \"cards\": []}";

  /* An old map: no id, no link, and written back as it was. */
  {
    g_autofree char *json = g_strconcat (head, tail, NULL);
    g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
    g_autoptr(GError) error = NULL;
    g_autoptr(TrailDocument) doc = trail_document_load_from_bytes (bytes, "old.trailmap", &error);
    g_autofree char *text = NULL;

    g_assert_no_error (error);
    g_assert_null (trail_document_get_map_id (doc));
    g_assert_null (trail_document_get_current_state_file (doc));
    text = serialize_text (doc);
    g_assert_null (strstr (text, "\n  \"id\":"));
    g_assert_null (strstr (text, "current-state"));
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *json = g_strconcat (head, bad[i].json, tail, NULL);
      g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
      g_autoptr(GError) error = NULL;
      g_autoptr(TrailDocument) doc = trail_document_load_from_bytes (bytes, "bad.trailmap", &error);

      g_assert_null (doc);
      g_assert_nonnull (error);
      if (strstr (error->message, bad[i].message) == NULL)
        g_error ("%s: expected “%s” in “%s”", bad[i].json, bad[i].message, error->message);
    }

  /* Unknown members of the link survive a save. */
  {
    g_autofree char *json = g_strconcat (head, "\"current-state\": {\"file\": \"a.trailmap\", \"x-note\": [1]}, ", tail, NULL);
    g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
    g_autoptr(GError) error = NULL;
    g_autoptr(TrailDocument) doc = trail_document_load_from_bytes (bytes, "new.trailmap", &error);
    g_autofree char *text = NULL;

    g_assert_no_error (error);
    text = serialize_text (doc);
    g_assert_nonnull (strstr (text, "\"x-note\""));
  }
}

static void
test_peek (void)
{
  g_autoptr(TrailDocument) current = trail_document_new_blank ();
  g_autoptr(TrailDocument) future = trail_future_state_new (current, "a.trailmap", "Future");
  g_autoptr(GBytes) bytes = trail_document_serialize (future);
  g_autoptr(GBytes) junk = g_bytes_new_static ("{\"format\": \"other\"}", 19);
  g_autofree char *id = NULL, *link_id = NULL, *link_file = NULL;

  g_assert_true (trail_future_state_peek (bytes, &id, &link_id, &link_file));
  g_assert_cmpstr (id, ==, trail_document_get_map_id (future));
  g_assert_cmpstr (link_id, ==, trail_document_get_map_id (current));
  g_assert_cmpstr (link_file, ==, "a.trailmap");
  g_clear_pointer (&id, g_free);
  g_clear_pointer (&link_id, g_free);
  g_clear_pointer (&link_file, g_free);
  g_assert_false (trail_future_state_peek (junk, &id, &link_id, &link_file));
  g_assert_null (id);
}

static void
on_found_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GFile **found = user_data;
  g_autoptr(GError) error = NULL;

  *found = trail_future_state_find_finish (result, &error);
  g_assert_no_error (error);
  if (*found == NULL)
    *found = g_file_new_for_path ("/nothing-found");
}

static GFile *
find (GFile         *file,
      TrailDocument *current)
{
  GFile *found = NULL;

  trail_future_state_find_async (file, current, NULL, on_found_cb, &found);
  while (found == NULL)
    g_main_context_iteration (NULL, TRUE);
  return found;
}

static void
save (TrailDocument *doc,
      const char    *path)
{
  g_autoptr(GBytes) bytes = trail_document_serialize (doc);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

/* The future state found next to its current state, among other maps. */
static void
test_find (void)
{
  g_autofree char *dir = g_dir_make_tmp ("trailmap-future-XXXXXX", NULL);
  g_autofree char *current_path = g_build_filename (dir, "journey.trailmap", NULL);
  g_autofree char *future_path = g_build_filename (dir, "journey-future.trailmap", NULL);
  g_autofree char *other_path = g_build_filename (dir, "another.trailmap", NULL);
  g_autofree char *junk_path = g_build_filename (dir, "broken.trailmap", NULL);
  g_autoptr(TrailDocument) current = trail_document_new_blank ();
  g_autoptr(TrailDocument) other = trail_document_new_blank ();
  g_autoptr(TrailDocument) future = NULL;
  g_autoptr(GFile) current_file = g_file_new_for_path (current_path);
  g_autoptr(GFile) found = NULL;
  g_autofree char *found_path = NULL;

  save (other, other_path);
  g_file_set_contents (junk_path, "{\"format\": \"trailmap\", \"current", -1, NULL);
  save (current, current_path);
  found = find (current_file, current);
  g_assert_cmpstr (g_file_peek_path (found), ==, "/nothing-found");
  g_clear_object (&found);

  future = trail_future_state_new (current, "journey.trailmap", "Future");
  save (future, future_path);
  found = find (current_file, current);
  g_assert_cmpstr (g_file_peek_path (found), ==, future_path);
  g_clear_object (&found);

  /* Reopened from a file saved before it had an id: by file name. */
  {
    g_autoptr(TrailDocument) old_copy = trail_document_new_blank ();
    found = find (current_file, old_copy);
    g_assert_cmpstr (g_file_peek_path (found), ==, future_path);
    g_clear_object (&found);
  }

  g_unlink (current_path);
  g_unlink (future_path);
  g_unlink (other_path);
  g_unlink (junk_path);
  g_rmdir (dir);
  (void) found_path;
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/future-state/new", test_new);
  g_test_add_func ("/model/future-state/links", test_links);
  g_test_add_func ("/model/future-state/old-and-bad-files", test_old_and_bad_files);
  g_test_add_func ("/model/future-state/peek", test_peek);
  g_test_add_func ("/model/future-state/find", test_find);

  return g_test_run ();
}
