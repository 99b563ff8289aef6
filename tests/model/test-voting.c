/* test-voting.c — dot-voting rounds: budget, results, undo, files, merges.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "trail-model.h"
#include "trail-model-private.h"

static TrailDocument *
template (void)
{
  g_autoptr(GError) error = NULL;
  TrailDocument *doc = trail_template_load ("awareness-to-loyalty", &error);

  g_assert_no_error (error);
  trail_document_clear_history (doc);
  return doc;
}

static TrailDocument *
reload (TrailDocument *doc)
{
  g_autoptr(GBytes) bytes = trail_document_serialize (doc);
  g_autoptr(GError) error = NULL;
  TrailDocument *copy = trail_document_load_from_bytes (bytes, "copy.trailmap", &error);

  g_assert_no_error (error);
  return copy;
}

static TrailVoter *
voter_at (TrailDocument  *doc,
          TrailVoteRound *round,
          guint           i)
{
  g_autoptr(GPtrArray) voters = trail_vote_round_dup_voters (round, doc);

  g_assert_cmpuint (i, <, voters->len);
  return voters->pdata[i];
}

static void
cast (TrailDocument  *doc,
      TrailVoteRound *round,
      guint           voter,
      const char     *card)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (trail_document_cast_dot (doc, voter_at (doc, round, voter),
                                          trail_document_find_card (doc, card), &error));
  g_assert_no_error (error);
}

static void
test_voting_budget_and_results (void)
{
  g_autoptr(TrailDocument) doc = template ();
  g_autoptr(TrailDocument) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) results = NULL;
  g_autofree char *csv = NULL;
  const char * const names[] = { "Ana", "Ben", "Chloé, the PM", NULL };
  TrailVoteRound *round;

  round = trail_document_add_vote_round (doc, "Which pain points hurt most?", "pain-points", 3,
                                         names, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (round);
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Start Voting Round");

  /* A touchpoint is not a pain point. */
  g_assert_false (trail_document_cast_dot (doc, voter_at (doc, round, 0),
                                           trail_document_find_card (doc, "c1"), &error));
  g_assert_error (error, TRAIL_VOTING_ERROR, TRAIL_VOTING_ERROR_NOT_IN_ROUND);
  g_clear_error (&error);

  cast (doc, round, 0, "c27");
  cast (doc, round, 0, "c27");
  cast (doc, round, 0, "c28");
  g_assert_cmpuint (trail_voter_get_remaining (voter_at (doc, round, 0), doc), ==, 0);
  g_assert_false (trail_document_cast_dot (doc, voter_at (doc, round, 0),
                                           trail_document_find_card (doc, "c29"), &error));
  g_assert_error (error, TRAIL_VOTING_ERROR, TRAIL_VOTING_ERROR_OVER_BUDGET);
  g_assert_true (strstr (error->message, "Ana") != NULL);
  g_clear_error (&error);

  cast (doc, round, 1, "c28");
  cast (doc, round, 1, "c29");
  cast (doc, round, 2, "c28");
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Cast Dot");

  /* Hidden until revealed: cards show only their own votes. */
  g_assert_cmpuint (trail_document_count_card_dots (doc, trail_document_find_card (doc, "c28")), ==, 0);
  trail_document_reveal_vote_round (doc, round, TRUE);
  g_assert_cmpuint (trail_document_count_card_dots (doc, trail_document_find_card (doc, "c28")), ==, 3);
  g_assert_cmpuint (trail_document_get_max_card_dots (doc), ==, 3);

  results = trail_vote_round_dup_results (round, doc);
  g_assert_cmpuint (results->len, ==, 3);
  g_assert_cmpstr (trail_card_get_id (g_array_index (results, TrailVoteResult, 0).card), ==, "c28");
  g_assert_cmpuint (g_array_index (results, TrailVoteResult, 0).dots, ==, 3);
  g_assert_cmpstr (trail_card_get_id (g_array_index (results, TrailVoteResult, 1).card), ==, "c27");
  g_assert_cmpuint (g_array_index (results, TrailVoteResult, 1).rank, ==, 2);
  g_assert_cmpstr (trail_card_get_id (g_array_index (results, TrailVoteResult, 2).card), ==, "c29");

  csv = trail_vote_round_to_csv (round, doc);
  g_assert_true (g_str_has_prefix (csv, "Rank,Card,Stage,Lane,Dots,Ana,Ben,\"Chloé, the PM\"\r\n"));
  g_assert_true (strstr (csv, ",3,1,1,1\r\n") != NULL);

  /* Undo takes back the reveal, then the last dot. */
  trail_document_undo (doc);
  g_assert_false (trail_vote_round_get_revealed (round));
  trail_document_undo (doc);
  g_assert_cmpuint (trail_voter_count_dots (voter_at (doc, round, 2), NULL), ==, 0);
  trail_document_redo (doc);
  trail_document_redo (doc);

  /* Taking a dot back. */
  g_assert_true (trail_document_take_back_dot (doc, voter_at (doc, round, 0),
                                               trail_document_find_card (doc, "c27"), NULL));
  g_assert_cmpuint (trail_voter_count_dots (voter_at (doc, round, 0), "c27"), ==, 1);
  g_assert_false (trail_document_take_back_dot (doc, voter_at (doc, round, 1),
                                                trail_document_find_card (doc, "c27"), &error));
  g_assert_error (error, TRAIL_VOTING_ERROR, TRAIL_VOTING_ERROR_NO_DOT);
  g_clear_error (&error);

  /* Saved and loaded whole; the card's own number is untouched. */
  copy = reload (doc);
  g_assert_true (trail_document_equal (doc, copy));
  g_assert_cmpuint (trail_card_get_votes (trail_document_find_card (copy, "c28")), ==,
                    trail_card_get_votes (trail_document_find_card (doc, "c28")));
  g_assert_cmpuint (trail_document_get_card_total_votes (copy, trail_document_find_card (copy, "c28")), ==,
                    trail_card_get_votes (trail_document_find_card (doc, "c28")) + 3);

  /* Removing the round is one step, and undone in one. */
  trail_document_remove_vote_round (doc, round);
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_voters (doc)), ==, 0);
  trail_document_undo (doc);
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_voters (doc)), ==, 3);
}

static void
test_voting_anonymous_and_invalid (void)
{
  g_autoptr(TrailDocument) doc = template ();
  g_autoptr(GError) error = NULL;
  const char * const blank[] = { "Ana", "  ", NULL };
  TrailVoteRound *round;
  g_autofree char *label = NULL;

  g_assert_null (trail_document_add_vote_round (doc, NULL, NULL, 0, NULL, 3, &error));
  g_assert_error (error, TRAIL_VOTING_ERROR, TRAIL_VOTING_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (trail_document_add_vote_round (doc, NULL, NULL, 3, NULL, 0, &error));
  g_assert_error (error, TRAIL_VOTING_ERROR, TRAIL_VOTING_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (trail_document_add_vote_round (doc, NULL, NULL, 3, blank, 0, &error));
  g_assert_error (error, TRAIL_VOTING_ERROR, TRAIL_VOTING_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (trail_document_get_can_undo (doc));

  round = trail_document_add_vote_round (doc, NULL, NULL, 2, NULL, 4, &error);
  g_assert_no_error (error);
  label = trail_voter_dup_label (voter_at (doc, round, 3), doc);
  g_assert_cmpstr (label, ==, "Participant 4");
  /* A round over every card takes a touchpoint. */
  cast (doc, round, 3, "c1");
}

/* Old files: "votes" is read as before and counts in the total. */
static void
test_voting_old_file (void)
{
  g_autoptr(TrailDocument) doc = template ();
  g_autoptr(GBytes) bytes = NULL;
  TrailCard *card = trail_document_find_card (doc, "c27");

  trail_document_update (doc, card, "votes", 4, NULL);
  bytes = trail_document_serialize (doc);
  g_assert_null (strstr (g_bytes_get_data (bytes, NULL), "vote-rounds"));
  g_assert_cmpuint (trail_document_get_card_total_votes (doc, card), ==, 4);
}

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

/* Two facilitators each take a copy of the map and record different
 * participants' dots, some on the same cards; git merges the copies. */
static void
test_voting_merge (void)
{
  g_autofree char *git = g_find_program_in_path ("git");
  g_autofree char *dir = NULL;
  g_autofree char *base_path = NULL, *ours_path = NULL, *theirs_path = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(TrailDocument) base = NULL;
  g_autoptr(TrailDocument) ours = NULL;
  g_autoptr(TrailDocument) theirs = NULL;
  g_autoptr(TrailDocument) merged = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) results = NULL;
  g_autofree char *round_id = NULL;
  const char * const names[] = { "Ana", "Ben", "Chloé", NULL };
  TrailVoteRound *round;
  int status = -1;

  if (git == NULL)
    {
      g_test_skip ("git is not installed");
      return;
    }

  dir = g_dir_make_tmp ("trailmap-vote-merge-XXXXXX", &error);
  g_assert_no_error (error);
  base_path = g_build_filename (dir, "base.trailmap", NULL);
  ours_path = g_build_filename (dir, "ours.trailmap", NULL);
  theirs_path = g_build_filename (dir, "theirs.trailmap", NULL);

  base = template ();
  round = trail_document_add_vote_round (base, "Which pain points hurt most?", "pain-points", 3,
                                         names, 0, &error);
  g_assert_no_error (error);
  round_id = g_strdup (trail_vote_round_get_id (round));
  save (base, base_path);

  ours = load (base_path);
  round = TRAIL_VOTE_ROUND (_trail_document_lookup_id (ours, round_id));
  cast (ours, round, 0, "c28");
  cast (ours, round, 0, "c28");
  cast (ours, round, 0, "c30");
  cast (ours, round, 2, "c27");
  save (ours, ours_path);

  theirs = load (base_path);
  round = TRAIL_VOTE_ROUND (_trail_document_lookup_id (theirs, round_id));
  cast (theirs, round, 1, "c28");
  cast (theirs, round, 1, "c30");
  cast (theirs, round, 1, "c31");
  save (theirs, theirs_path);

  {
    const char *argv[] = { git, "merge-file", ours_path, base_path, theirs_path, NULL };

    g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
  }
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("git merge-file found conflicts: %s\n%s", error->message, err);

  merged = load (ours_path);
  round = TRAIL_VOTE_ROUND (_trail_document_lookup_id (merged, round_id));
  g_assert_cmpuint (trail_voter_count_dots (voter_at (merged, round, 0), NULL), ==, 3);
  g_assert_cmpuint (trail_voter_count_dots (voter_at (merged, round, 1), NULL), ==, 3);
  g_assert_cmpuint (trail_voter_count_dots (voter_at (merged, round, 2), NULL), ==, 1);
  results = trail_vote_round_dup_results (round, merged);
  g_assert_cmpstr (trail_card_get_id (g_array_index (results, TrailVoteResult, 0).card), ==, "c28");
  g_assert_cmpuint (g_array_index (results, TrailVoteResult, 0).dots, ==, 3);
  g_assert_cmpstr (trail_card_get_id (g_array_index (results, TrailVoteResult, 1).card), ==, "c30");
  g_assert_cmpuint (g_array_index (results, TrailVoteResult, 1).dots, ==, 2);

  g_unlink (base_path);
  g_unlink (ours_path);
  g_unlink (theirs_path);
  g_rmdir (dir);
}

/* A voter joining a running round (a phone in a workshop session): one
 * undo step, in the file, and refused beyond TRAIL_VOTE_MAX_VOTERS. */
static void
test_voting_add_voter (void)
{
  g_autoptr(TrailDocument) doc = template ();
  g_autoptr(TrailDocument) copy = NULL;
  g_autoptr(GError) error = NULL;
  const char * const names[] = { "Ana", NULL };
  TrailVoteRound *round;
  TrailVoter *voter;

  round = trail_document_add_vote_round (doc, NULL, NULL, 2, names, 0, &error);
  g_assert_no_error (error);
  voter = trail_document_add_voter (doc, round, "  Ben <b> ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trail_voter_get_name (voter), ==, "Ben <b>");
  g_assert_cmpstr (trail_voter_get_round (voter), ==, trail_vote_round_get_id (round));
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Join Voting Round");
  g_assert_cmpuint (trail_voter_get_remaining (voter, doc), ==, 2);

  /* Blank is anonymous, shown by its place in the round. */
  voter = trail_document_add_voter (doc, round, "   ", &error);
  g_assert_no_error (error);
  g_assert_null (trail_voter_get_name (voter));
  {
    g_autofree char *label = trail_voter_dup_label (voter, doc);
    g_assert_cmpstr (label, ==, "Participant 3");
  }

  copy = reload (doc);
  {
    TrailVoteRound *copied = trail_document_get_current_vote_round (copy);
    g_autoptr(GPtrArray) voters = trail_vote_round_dup_voters (copied, copy);

    g_assert_cmpuint (voters->len, ==, 3);
    g_assert_cmpstr (trail_voter_get_name (voters->pdata[1]), ==, "Ben <b>");
  }

  trail_document_undo (doc);
  trail_document_undo (doc);
  {
    g_autoptr(GPtrArray) voters = trail_vote_round_dup_voters (round, doc);
    g_assert_cmpuint (voters->len, ==, 1);
  }

  for (guint i = 1; i < TRAIL_VOTE_MAX_VOTERS; i++)
    g_assert_nonnull (trail_document_add_voter (doc, round, NULL, NULL));
  g_assert_null (trail_document_add_voter (doc, round, "One too many", &error));
  g_assert_error (error, TRAIL_VOTING_ERROR, TRAIL_VOTING_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);

  g_test_add_func ("/model/voting/budget-and-results", test_voting_budget_and_results);
  g_test_add_func ("/model/voting/anonymous-and-invalid", test_voting_anonymous_and_invalid);
  g_test_add_func ("/model/voting/old-file", test_voting_old_file);
  g_test_add_func ("/model/voting/merge", test_voting_merge);
  g_test_add_func ("/model/voting/add-voter", test_voting_add_voter);

  return g_test_run ();
}
