/* test-actions.c — actions out of insights: the model, undo, the file
 * format (round trip, old files, bad files, merging) and CSV.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "trail-model.h"

static TrailLane *
lane_of_kind (TrailDocument *doc, TrailLaneKind kind)
{
  GListModel *lanes = trail_document_get_lanes (doc);

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(TrailLane) lane = g_list_model_get_item (lanes, i);
      if (trail_lane_get_kind (lane) == kind)
        return lane;
    }
  g_assert_not_reached ();
}

static TrailStage *
stage_at (TrailDocument *doc, guint i)
{
  g_autoptr(TrailStage) stage = g_list_model_get_item (trail_document_get_stages (doc), i);
  return stage;
}

typedef struct
{
  TrailDocument *doc;
  TrailCard     *pain;
  TrailCard     *opportunity;
  TrailCard     *metric;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  const char *values[] = { "2026-01=3.1", "2026-04=3.6", NULL };

  f->doc = trail_document_new_blank ();
  f->pain = trail_document_add_card (f->doc, lane_of_kind (f->doc, TRAIL_LANE_KIND_PAIN_POINTS), stage_at (f->doc, 2), -1,
                                     "Delivery window too wide");
  f->opportunity = trail_document_add_card (f->doc, lane_of_kind (f->doc, TRAIL_LANE_KIND_OPPORTUNITIES),
                                            stage_at (f->doc, 2), -1, "Two-hour slots");
  f->metric = trail_document_add_card (f->doc, lane_of_kind (f->doc, TRAIL_LANE_KIND_OPPORTUNITIES),
                                       stage_at (f->doc, 3), -1, "CSAT at delivery");
  trail_document_update (f->doc, f->metric, "metric-values", values, NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->doc);
}

static TrailAction *
make_action (Fixture *f)
{
  const char *cards[] = { trail_card_get_id (f->pain), trail_card_get_id (f->opportunity), NULL };
  TrailAction *action = trail_document_add_action (f->doc, -1, "Offer two-hour delivery slots", cards);

  trail_document_update (f->doc, action,
                         "owner", "Logistics (Mara)",
                         "due", "2026-06-30",
                         "status", TRAIL_ACTION_STATUS_PLANNED,
                         "kpi", "CSAT at delivery",
                         "kpi-target", "4.5",
                         "metric", trail_card_get_id (f->metric),
                         NULL);
  return action;
}

static void
test_add_edit_undo (Fixture *f, gconstpointer data)
{
  TrailAction *action = make_action (f);
  g_autoptr(GPtrArray) of_card = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_actions (f->doc)), ==, 1);
  g_assert_true (trail_document_find_action (f->doc, trail_action_get_id (action)) == action);
  g_assert_cmpstr (trail_action_get_owner (action), ==, "Logistics (Mara)");
  g_assert_cmpint (trail_action_get_status (action), ==, TRAIL_ACTION_STATUS_PLANNED);
  g_assert_cmpuint (g_strv_length ((char **) trail_action_get_cards (action)), ==, 2);
  of_card = trail_document_dup_card_actions (f->doc, f->pain);
  g_assert_cmpuint (of_card->len, ==, 1);

  g_assert_cmpstr (trail_document_get_undo_label (f->doc), ==, "Edit Action");
  trail_document_undo (f->doc);
  g_assert_cmpint (trail_action_get_status (action), ==, TRAIL_ACTION_STATUS_IDEA);
  g_assert_null (trail_action_get_owner (action));
  g_assert_cmpstr (trail_document_get_undo_label (f->doc), ==, "Add Action");
  trail_document_undo (f->doc);
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_actions (f->doc)), ==, 0);
  trail_document_redo (f->doc);
  trail_document_redo (f->doc);
  g_assert_cmpint (trail_action_get_status (action), ==, TRAIL_ACTION_STATUS_PLANNED);

  trail_document_remove_action (f->doc, action);
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_actions (f->doc)), ==, 0);
  trail_document_undo (f->doc);
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_actions (f->doc)), ==, 1);
}

static void
test_bad_values (Fixture *f, gconstpointer data)
{
  TrailAction *action = make_action (f);
  const char *unknown[] = { "no-such-card", NULL };

  if (g_test_subprocess ())
    {
      trail_document_update (f->doc, action, "cards", unknown, NULL);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*unknown card*");
  g_assert_true (trail_action_due_is_valid ("2028-02-29"));
  g_assert_false (trail_action_due_is_valid ("2026-02-30"));
  g_assert_false (trail_action_due_is_valid ("2026-2-3"));
  g_assert_false (trail_action_due_is_valid ("tomorrow"));
}

/* A card that goes is taken off its actions in the same step; undo puts
 * it back on them. */
static void
test_card_removed (Fixture *f, gconstpointer data)
{
  TrailAction *action = make_action (f);

  trail_document_remove_card (f->doc, f->pain);
  g_assert_cmpuint (g_strv_length ((char **) trail_action_get_cards (action)), ==, 1);
  trail_document_remove_card (f->doc, f->metric);
  g_assert_null (trail_action_get_metric (action));
  /* A whole stage: its cards leave every action. */
  trail_document_remove_stage (f->doc, stage_at (f->doc, 2));
  g_assert_null (trail_action_get_cards (action));

  trail_document_undo (f->doc);
  g_assert_cmpuint (g_strv_length ((char **) trail_action_get_cards (action)), ==, 1);
  trail_document_undo (f->doc);
  g_assert_nonnull (trail_action_get_metric (action));
  trail_document_undo (f->doc);
  g_assert_cmpuint (g_strv_length ((char **) trail_action_get_cards (action)), ==, 2);
}

static TrailDocument *
reload (TrailDocument *doc, GBytes **out)
{
  g_autoptr(GBytes) bytes = trail_document_serialize (doc);
  g_autoptr(GError) error = NULL;
  TrailDocument *copy = trail_document_load_from_bytes (bytes, "copy", &error);

  g_assert_no_error (error);
  if (out != NULL)
    *out = g_bytes_ref (bytes);
  return copy;
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TrailDocument) copy = NULL;
  g_autofree char *text = NULL;

  make_action (f);
  copy = reload (f->doc, &bytes);
  g_assert_true (trail_document_equal (f->doc, copy));
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (text, "\"actions\": ["));
  g_assert_nonnull (strstr (text, "\"status\": \"planned\""));
  g_assert_nonnull (strstr (text, "\"due\": \"2026-06-30\""));
}

/* Maps without actions are written exactly as before: no "actions" key. */
static void
test_old_files (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) bytes = trail_document_serialize (f->doc);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (SOURCE_ROOT, "data", "templates", "coffee-maker.trailmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TrailDocument) old = trail_document_load_from_file (file, NULL, &error);

  g_assert_null (strstr (text, "\"actions\": ["));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_actions (old)), ==, 0);
}

static void
test_bad_files (void)
{
  struct { const char *json; const char *needle; } cases[] = {
    { "[{\"id\": \"a1\", \"title\": \"T\", \"status\": \"someday\"}]", "status" },
    { "[{\"id\": \"a1\", \"title\": \"T\", \"status\": \"idea\", \"due\": \"2026-13-01\"}]", "date" },
    { "[{\"id\": \"a1\", \"title\": \"T\", \"status\": \"idea\", \"cards\": [\"nope\"]}]", "nope" },
    { "[{\"id\": \"a1\", \"title\": \"T\", \"status\": \"idea\", \"metric\": \"nope\"}]", "nope" },
    { "[{\"id\": \"a1\", \"title\": \"T\", \"status\": \"idea\", \"kpi-target\": \"lots\"}]", "number" },
    { "[{\"id\": \"a1\", \"status\": \"idea\"}]", "title" },
    { "{\"id\": \"a1\"}", "list" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TrailDocument) doc = trail_document_new_blank ();
      g_autoptr(GBytes) bytes = trail_document_serialize (doc);
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      char *end = strrchr (text, '}');
      g_autofree char *bad = NULL;
      g_autoptr(GBytes) bad_bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(TrailDocument) loaded = NULL;

      *end = '\0';
      g_strchomp (text);
      bad = g_strdup_printf ("%s,\n  \"actions\": %s\n}\n", text, cases[i].json);
      bad_bytes = g_bytes_new (bad, strlen (bad));
      loaded = trail_document_load_from_bytes (bad_bytes, "bad", &error);
      g_assert_null (loaded);
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].needle) == NULL)
        g_error ("case %u: “%s” does not mention %s", i, error->message, cases[i].needle);
    }
}

/* Two people each edit another action of the same map: git merges the
 * two files line by line without a conflict, and the result loads with
 * both edits. */
static void
test_merge (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = g_dir_make_tmp ("trailmap-actions-XXXXXX", NULL);
  g_autofree char *git = g_find_program_in_path ("git");
  g_autoptr(TrailDocument) ours = NULL;
  g_autoptr(TrailDocument) theirs = NULL;
  g_autoptr(TrailDocument) merged = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "map.trailmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TrailAction *second;
  const char *script =
    "set -e; cd \"$0\"; export GIT_AUTHOR_NAME=T GIT_AUTHOR_EMAIL=t@e GIT_COMMITTER_NAME=T GIT_COMMITTER_EMAIL=t@e;"
    " git init -q; git add map.trailmap; git commit -qm base; git checkout -qb theirs;"
    " cp theirs.trailmap map.trailmap; git commit -qam theirs; git checkout -q -;"
    " cp ours.trailmap map.trailmap; git commit -qam ours; git merge -q --no-edit theirs";
  int status;

  if (git == NULL)
    {
      g_test_skip ("git is not installed");
      return;
    }
  make_action (f);
  second = trail_document_add_action (f->doc, -1, "Text when the driver is near", NULL);
  (void) second;
  g_assert_true (trail_document_save_to_file (f->doc, file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  ours = reload (f->doc, NULL);
  theirs = reload (f->doc, NULL);
  {
    g_autoptr(TrailAction) a = g_list_model_get_item (trail_document_get_actions (ours), 0);
    g_autoptr(TrailAction) b = g_list_model_get_item (trail_document_get_actions (theirs), 1);
    g_autofree char *ours_path = g_build_filename (dir, "ours.trailmap", NULL);
    g_autofree char *theirs_path = g_build_filename (dir, "theirs.trailmap", NULL);
    g_autoptr(GFile) ours_file = g_file_new_for_path (ours_path);
    g_autoptr(GFile) theirs_file = g_file_new_for_path (theirs_path);

    trail_document_update (ours, a, "status", TRAIL_ACTION_STATUS_DONE, NULL);
    trail_document_update (theirs, b, "owner", "Support (Ivo)", NULL);
    g_assert_true (trail_document_save_to_file (ours, ours_file, NULL, NULL, NULL, &error));
    g_assert_true (trail_document_save_to_file (theirs, theirs_file, NULL, NULL, NULL, &error));
  }
  {
    const char *argv[] = { "/bin/sh", "-c", script, dir, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  merged = trail_document_load_from_file (file, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(TrailAction) a = g_list_model_get_item (trail_document_get_actions (merged), 0);
    g_autoptr(TrailAction) b = g_list_model_get_item (trail_document_get_actions (merged), 1);

    g_assert_cmpint (trail_action_get_status (a), ==, TRAIL_ACTION_STATUS_DONE);
    g_assert_cmpstr (trail_action_get_owner (b), ==, "Support (Ivo)");
  }
  {
    const char *argv[] = { "rm", "-rf", dir, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
}

static void
test_csv (Fixture *f, gconstpointer data)
{
  TrailAction *action = make_action (f);
  g_autoptr(GBytes) csv = NULL;
  g_autofree char *text = NULL;

  trail_document_add_action (f->doc, -1, "=HYPERLINK(\"x\"), with \"quotes\"", NULL);
  csv = trail_document_actions_to_csv (f->doc);
  text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
  g_assert_cmpstr (text, ==,
                   "title,status,owner,due,cards,kpi,target,metric,metric value\r\n"
                   "Offer two-hour delivery slots,planned,Logistics (Mara),2026-06-30,"
                   "Delivery window too wide; Two-hour slots,CSAT at delivery,4.5,CSAT at delivery,3.6\r\n"
                   "\"'=HYPERLINK(\"\"x\"\"), with \"\"quotes\"\"\",idea,,,,,,,\r\n");
  (void) action;
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/model/actions/add-edit-undo", test_add_edit_undo);
  ADD ("/model/actions/bad-values", test_bad_values);
  ADD ("/model/actions/card-removed", test_card_removed);
  ADD ("/model/actions/round-trip", test_round_trip);
  ADD ("/model/actions/old-files", test_old_files);
  ADD ("/model/actions/merge", test_merge);
  ADD ("/model/actions/csv", test_csv);
#undef ADD
  g_test_add_func ("/model/actions/bad-files", test_bad_files);

  return g_test_run ();
}
