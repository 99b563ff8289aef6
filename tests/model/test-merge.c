/* test-merge.c — two people edit copies of one map; git merges them.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "trail-model.h"

static void
save (TrailDocument *doc,
      const char    *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  trail_document_save_to_file (doc, file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static TrailDocument *
load (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TrailDocument *doc = trail_document_load_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return doc;
}

static void
test_merge_different_cards (void)
{
  g_autofree char *git = g_find_program_in_path ("git");
  g_autofree char *dir = NULL;
  g_autofree char *base_path = NULL;
  g_autofree char *ours_path = NULL;
  g_autofree char *theirs_path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(TrailDocument) base = NULL;
  g_autoptr(TrailDocument) ours = NULL;
  g_autoptr(TrailDocument) theirs = NULL;
  g_autoptr(TrailDocument) merged = NULL;
  g_autoptr(GError) error = NULL;
  TrailCard *added_ours, *added_theirs;
  g_autofree char *added_ours_id = NULL;
  g_autofree char *added_theirs_id = NULL;
  int status = -1;

  if (git == NULL)
    {
      g_test_skip ("git is not installed");
      return;
    }

  dir = g_dir_make_tmp ("trailmap-merge-XXXXXX", &error);
  g_assert_no_error (error);
  base_path = g_build_filename (dir, "base.trailmap", NULL);
  ours_path = g_build_filename (dir, "ours.trailmap", NULL);
  theirs_path = g_build_filename (dir, "theirs.trailmap", NULL);

  base = trail_template_load ("awareness-to-loyalty", &error);
  g_assert_no_error (error);
  save (base, base_path);

  /* One person rewrites a card near the top and adds an opportunity... */
  ours = load (base_path);
  trail_document_update (ours, trail_document_find_card (ours, "c3"),
                         "text", "Product pages with room photos and a 3D view",
                         "votes", 2, NULL);
  added_ours = trail_document_add_card (ours, trail_document_find_lane (ours, "l6"),
                                        trail_document_find_stage (ours, "s1"), -1,
                                        "Partner with interior designers on social media");
  added_ours_id = g_strdup (trail_card_get_id (added_ours));
  save (ours, ours_path);

  /* ...the other moves a pain point down the list and tags a card lower
   * in the file, and adds a KPI. */
  theirs = load (base_path);
  trail_document_update (theirs, trail_document_find_card (theirs, "c30"),
                         "priority", TRAIL_PRIORITY_HIGH,
                         "evidence-note", "Confirmed by the March survey", NULL);
  added_theirs = trail_document_add_card (theirs, trail_document_find_lane (theirs, "l7"),
                                          trail_document_find_stage (theirs, "s4"), 0,
                                          "Share of orders changed online");
  added_theirs_id = g_strdup (trail_card_get_id (added_theirs));
  save (theirs, theirs_path);

  {
    const char *argv[] = { git, "merge-file", ours_path, base_path, theirs_path, NULL };

    g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
  }
  /* git merge-file exits with the number of conflicts. */
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("git merge-file found conflicts: %s\n%s", error->message, err);

  merged = load (ours_path);
  g_assert_cmpstr (trail_card_get_text (trail_document_find_card (merged, "c3")), ==,
                   "Product pages with room photos and a 3D view");
  g_assert_cmpuint (trail_card_get_votes (trail_document_find_card (merged, "c3")), ==, 2);
  g_assert_cmpint (trail_card_get_priority (trail_document_find_card (merged, "c30")), ==, TRAIL_PRIORITY_HIGH);
  g_assert_nonnull (trail_document_find_card (merged, added_ours_id));
  g_assert_nonnull (trail_document_find_card (merged, added_theirs_id));
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_cards (merged)), ==,
                    g_list_model_get_n_items (trail_document_get_cards (base)) + 2);

  g_unlink (base_path);
  g_unlink (ours_path);
  g_unlink (theirs_path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/merge/different-cards", test_merge_different_cards);

  return g_test_run ();
}
