/* test-ratings.c — the crowd's stage ratings: re-rating, limits, the crowd
 * line's statistics, undo, files, strict reading and merges.
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

static TrailStage *
stage (TrailDocument *doc,
       const char    *id)
{
  TrailStage *s = trail_document_find_stage (doc, id);

  g_assert_nonnull (s);
  return s;
}

static void
rate (TrailDocument *doc,
      const char    *stage_id,
      const char    *participant,
      int            score,
      const char    *word)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (trail_document_rate_stage (doc, stage (doc, stage_id), participant, participant,
                                            score, word, &error));
  g_assert_no_error (error);
}

static void
on_changed_cb (TrailDocument    *doc,
               TrailChangeFlags  what,
               GObject          *object,
               guint            *count)
{
  if (what & TRAIL_CHANGE_RATINGS)
    (*count)++;
}

static void
test_ratings_rate_and_undo (void)
{
  g_autoptr(TrailDocument) doc = template ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ratings = NULL;
  TrailRating *rating;
  guint changes = 0;

  g_signal_connect (doc, "changed", G_CALLBACK (on_changed_cb), &changes);

  g_assert_false (trail_document_has_ratings (doc));
  g_assert_true (trail_document_rate_stage (doc, stage (doc, "s2"), "p-ana", "  Ana ", 1, " slow ", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Rate Stage");
  g_assert_cmpuint (changes, >, 0);

  rating = trail_document_find_rating (doc, stage (doc, "s2"), "p-ana");
  g_assert_nonnull (rating);
  g_assert_cmpstr (trail_rating_get_stage_id (rating), ==, "s2");
  g_assert_cmpstr (trail_rating_get_participant (rating), ==, "p-ana");
  g_assert_cmpstr (trail_rating_get_name (rating), ==, "Ana");
  g_assert_cmpint (trail_rating_get_score (rating), ==, 1);
  g_assert_cmpstr (trail_rating_get_word (rating), ==, "slow");
  g_assert_null (trail_document_find_rating (doc, stage (doc, "s1"), "p-ana"));

  /* Re-rating replaces, one step; undo gives the old rating back. */
  changes = 0;
  g_assert_true (trail_document_rate_stage (doc, stage (doc, "s2"), "p-ana", "Ana", -2, NULL, &error));
  g_assert_cmpuint (changes, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_ratings (doc)), ==, 1);
  g_assert_true (trail_document_find_rating (doc, stage (doc, "s2"), "p-ana") == rating);
  g_assert_cmpint (trail_rating_get_score (rating), ==, -2);
  g_assert_null (trail_rating_get_word (rating));
  trail_document_undo (doc);
  g_assert_cmpint (trail_rating_get_score (rating), ==, 1);
  g_assert_cmpstr (trail_rating_get_word (rating), ==, "slow");
  trail_document_undo (doc);
  g_assert_false (trail_document_has_ratings (doc));
  trail_document_redo (doc);
  g_assert_true (trail_document_find_rating (doc, stage (doc, "s2"), "p-ana") == rating);

  /* Anonymous: no name, shown as such. */
  g_assert_true (trail_document_rate_stage (doc, stage (doc, "s2"), "p-x", "   ", 0, "", &error));
  {
    TrailRating *anon = trail_document_find_rating (doc, stage (doc, "s2"), "p-x");
    g_autofree char *label = trail_rating_dup_label (anon);

    g_assert_null (trail_rating_get_name (anon));
    g_assert_null (trail_rating_get_word (anon));
    g_assert_cmpstr (label, ==, "Anonymous");
  }

  /* Ordered by participant, then stage. */
  rate (doc, "s1", "p-ana", 2, NULL);
  rate (doc, "s4", "p-ana", 0, NULL);
  rate (doc, "s3", "p-ana", 0, NULL);
  rate (doc, "s1", "p-ben", 0, NULL);
  {
    GListModel *list = trail_document_get_ratings (doc);
    const char *expected[][2] = { { "p-ana", "s1" }, { "p-ana", "s2" }, { "p-ana", "s3" },
                                  { "p-ana", "s4" }, { "p-ben", "s1" }, { "p-x", "s2" } };

    g_assert_cmpuint (g_list_model_get_n_items (list), ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_autoptr(TrailRating) r = g_list_model_get_item (list, i);

        g_assert_cmpstr (trail_rating_get_participant (r), ==, expected[i][0]);
        g_assert_cmpstr (trail_rating_get_stage_id (r), ==, expected[i][1]);
      }
  }

  ratings = trail_document_dup_stage_ratings (doc, stage (doc, "s2"));
  g_assert_cmpuint (ratings->len, ==, 2);

  /* Removing one rating, then all of a stage: one step each. */
  g_assert_true (trail_document_unrate_stage (doc, stage (doc, "s2"), "p-x"));
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Remove Rating");
  g_assert_false (trail_document_unrate_stage (doc, stage (doc, "s2"), "p-x"));
  g_assert_cmpuint (trail_document_clear_stage_ratings (doc, stage (doc, "s1")), ==, 2);
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Clear Ratings");
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_ratings (doc)), ==, 3);
  trail_document_undo (doc);
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_ratings (doc)), ==, 5);

  /* Removing a stage takes its ratings; undo brings them back. */
  trail_document_remove_stage (doc, stage (doc, "s1"));
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_ratings (doc)), ==, 3);
  trail_document_undo (doc);
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_ratings (doc)), ==, 5);
  g_assert_nonnull (trail_document_find_rating (doc, stage (doc, "s1"), "p-ben"));
}

static void
test_ratings_refused (void)
{
  g_autoptr(TrailDocument) doc = template ();
  g_autoptr(GError) error = NULL;
  g_autofree char *long_word = g_strnfill (TRAIL_RATING_MAX_WORD + 1, 'a');
  g_autofree char *long_key = g_strnfill (TRAIL_RATING_MAX_PARTICIPANT + 1, 'k');
  g_autofree char *fits = g_strnfill (TRAIL_RATING_MAX_WORD, 'a');
  TrailStage *s1 = stage (doc, "s1");

  g_assert_false (trail_document_rate_stage (doc, s1, "p", NULL, 3, NULL, &error));
  g_assert_error (error, TRAIL_RATING_ERROR, TRAIL_RATING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "scale"));
  g_clear_error (&error);
  g_assert_false (trail_document_rate_stage (doc, s1, "p", NULL, -3, NULL, &error));
  g_clear_error (&error);
  g_assert_false (trail_document_rate_stage (doc, s1, "p", NULL, 0, long_word, &error));
  g_assert_error (error, TRAIL_RATING_ERROR, TRAIL_RATING_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (trail_document_rate_stage (doc, s1, "p", NULL, 0, "a\x07" "b", &error));
  g_assert_error (error, TRAIL_RATING_ERROR, TRAIL_RATING_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (trail_document_rate_stage (doc, s1, "p", "Ana\nBen", 0, NULL, &error));
  g_clear_error (&error);
  g_assert_false (trail_document_rate_stage (doc, s1, "", NULL, 0, NULL, &error));
  g_clear_error (&error);
  g_assert_false (trail_document_rate_stage (doc, s1, NULL, NULL, 0, NULL, &error));
  g_clear_error (&error);
  g_assert_false (trail_document_rate_stage (doc, s1, long_key, NULL, 0, NULL, &error));
  g_clear_error (&error);
  g_assert_false (trail_document_get_can_undo (doc));

  /* Forty characters (not bytes) fit. */
  g_assert_true (trail_document_rate_stage (doc, s1, "p", NULL, 2, fits, NULL));
  g_assert_true (trail_document_rate_stage (doc, s1, "p", NULL, 2, "äöüßäöüßäöüßäöüßäöüßäöüßäöüßäöüßäöüßäöüß", NULL));

  for (guint i = 1; i < TRAIL_RATING_MAX_PER_STAGE; i++)
    {
      g_autofree char *key = g_strdup_printf ("p%03u", i);

      g_assert_true (trail_document_rate_stage (doc, s1, key, NULL, 0, NULL, NULL));
    }
  g_assert_false (trail_document_rate_stage (doc, s1, "one-too-many", NULL, 0, NULL, &error));
  g_assert_error (error, TRAIL_RATING_ERROR, TRAIL_RATING_ERROR_LIMIT);
  g_clear_error (&error);
  /* A full stage still takes a re-rating, and other stages are open. */
  g_assert_true (trail_document_rate_stage (doc, s1, "p001", NULL, 1, NULL, &error));
  g_assert_true (trail_document_rate_stage (doc, stage (doc, "s2"), "one-too-many", NULL, 1, NULL, &error));
  g_assert_no_error (error);
}

static void
test_ratings_crowd_point (void)
{
  g_autoptr(TrailDocument) doc = template ();
  TrailCrowdPoint p;
  int scores[] = { -2, -1, 1, 2, 2 };

  g_assert_false (trail_document_crowd_point (doc, stage (doc, "s1"), &p));
  g_assert_cmpint (trail_document_get_crowd_statistic (doc), ==, TRAIL_CROWD_MEAN);

  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    {
      g_autofree char *key = g_strdup_printf ("p%u", i);

      rate (doc, "s1", key, scores[i], NULL);
    }

  /* Mean 0.4, sample SD √(13.2 / 4) ≈ 1.817: the band clamps to the scale's top. */
  g_assert_true (trail_document_crowd_point (doc, stage (doc, "s1"), &p));
  g_assert_cmpuint (p.n, ==, 5);
  g_assert_cmpfloat_with_epsilon (p.centre, 0.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (p.low, 0.4 - 1.8165902, 1e-6);
  g_assert_cmpfloat_with_epsilon (p.high, 2.0, 1e-9);

  /* The one-pass table for drawing says the same. */
  {
    g_autoptr(GHashTable) points = trail_document_dup_crowd_points (doc);
    const TrailCrowdPoint *q = g_hash_table_lookup (points, "s1");

    g_assert_cmpuint (g_hash_table_size (points), ==, 1);
    g_assert_nonnull (q);
    g_assert_cmpuint (q->n, ==, p.n);
    g_assert_cmpfloat (q->centre, ==, p.centre);
    g_assert_cmpfloat (q->low, ==, p.low);
    g_assert_cmpfloat (q->high, ==, p.high);
  }

  trail_document_set_crowd_statistic (doc, TRAIL_CROWD_MEDIAN);
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Change Crowd Line");
  g_assert_true (trail_document_crowd_point (doc, stage (doc, "s1"), &p));
  g_assert_cmpfloat_with_epsilon (p.centre, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (p.low, -1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (p.high, 2.0, 1e-9);
  {
    g_autoptr(GHashTable) points = trail_document_dup_crowd_points (doc);
    const TrailCrowdPoint *q = g_hash_table_lookup (points, "s1");

    g_assert_cmpfloat (q->centre, ==, 1.0);
    g_assert_cmpfloat (q->low, ==, -1.0);
  }

  /* Setting what is set records nothing. */
  trail_document_undo (doc);
  g_assert_cmpint (trail_document_get_crowd_statistic (doc), ==, TRAIL_CROWD_MEAN);
  trail_document_set_crowd_statistic (doc, TRAIL_CROWD_MEAN);
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Rate Stage");

  /* One rating: no spread. */
  rate (doc, "s3", "solo", -1, NULL);
  g_assert_true (trail_document_crowd_point (doc, stage (doc, "s3"), &p));
  g_assert_cmpuint (p.n, ==, 1);
  g_assert_cmpfloat (p.centre, ==, -1.0);
  g_assert_cmpfloat (p.low, ==, -1.0);
  g_assert_cmpfloat (p.high, ==, -1.0);

  /* A new scale takes the ratings with it. */
  trail_document_set_scale (doc, 1, 5, NULL);
  g_assert_cmpint (trail_rating_get_score (trail_document_find_rating (doc, stage (doc, "s3"), "solo")), ==, 2);
  trail_document_undo (doc);
  g_assert_cmpint (trail_rating_get_score (trail_document_find_rating (doc, stage (doc, "s3"), "solo")), ==, -1);
}

static void
test_ratings_file (void)
{
  g_autoptr(TrailDocument) doc = template ();
  g_autoptr(TrailDocument) copy = NULL;
  g_autoptr(GBytes) before = trail_document_serialize (doc);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  const char *text;

  /* A map never rated is written as before. */
  g_assert_null (strstr (g_bytes_get_data (before, NULL), "ratings"));
  g_assert_null (strstr (g_bytes_get_data (before, NULL), "crowd-statistic"));

  rate (doc, "s1", "p-ana", 2, "easy \"fun\" <b>");
  rate (doc, "s2", "p-ana", -1, NULL);
  g_assert_true (trail_document_rate_stage (doc, stage (doc, "s2"), "p-anon", NULL, 0, NULL, NULL));
  trail_document_set_crowd_statistic (doc, TRAIL_CROWD_MEDIAN);

  bytes = trail_document_serialize (doc);
  text = g_bytes_get_data (bytes, NULL);
  g_assert_nonnull (strstr (text, "\"ratings\": ["));
  g_assert_nonnull (strstr (text, "\"crowd-statistic\": \"median\""));
  g_assert_nonnull (strstr (text, "\"score\": -1"));

  copy = reload (doc);
  g_assert_true (trail_document_equal (doc, copy));
  g_assert_cmpint (trail_document_get_crowd_statistic (copy), ==, TRAIL_CROWD_MEDIAN);
  g_assert_cmpstr (trail_rating_get_word (trail_document_find_rating (copy, stage (copy, "s1"), "p-ana")), ==,
                   "easy \"fun\" <b>");
  again = trail_document_serialize (copy);
  g_assert_true (g_bytes_equal (bytes, again));

  /* Back to the mean: the member goes. */
  trail_document_set_crowd_statistic (doc, TRAIL_CROWD_MEAN);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = trail_document_serialize (doc);
  g_assert_null (strstr (g_bytes_get_data (bytes, NULL), "crowd-statistic"));
}

/* A map with one rating, its member @member set to @value (JSON), or with
 * the document's "crowd-statistic" set to @value when @member is NULL. */
static char *
map_with (const char *member,
          const char *value)
{
  const char *keys[] = { "id", "stage", "participant", "score" };
  const char *values[] = { "\"r1\"", "\"s1\"", "\"p\"", "1" };
  g_autoptr(GString) rating = g_string_new ("{ ");
  gboolean set = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      gboolean replace = member != NULL && g_str_equal (member, keys[i]);

      g_string_append_printf (rating, "%s\"%s\": %s", i > 0 ? ", " : "", keys[i], replace ? value : values[i]);
      set |= replace;
    }
  if (member != NULL && !set)
    g_string_append_printf (rating, ", \"%s\": %s", member, value);
  g_string_append (rating, " }");

  return g_strdup_printf ("{ \"format\": \"trailmap\", \"version\": 1, \"title\": \"T\",\n"
                          "  \"stages\": [ { \"id\": \"s1\", \"name\": \"One\" } ],\n"
                          "  \"ratings\": [ %s ]%s%s }",
                          rating->str,
                          member == NULL ? ", \"crowd-statistic\": " : "",
                          member == NULL ? value : "");
}

static void
expect_refused (const char *text,
                const char *fragment)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailDocument) doc = trail_document_load_from_bytes (bytes, "bad.trailmap", &error);

  g_assert_null (doc);
  g_assert_nonnull (error);
  if (strstr (error->message, fragment) == NULL)
    g_error ("expected “%s” in: %s\n(map: %s)", fragment, error->message, text);
}

static void
test_ratings_strict (void)
{
  struct { const char *member, *value, *fragment; } bad[] = {
    { "score", "3", "outside the scale" },
    { "score", "1.5", "whole number" },
    { "score", "\"1\"", "whole number" },
    { "word", "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", "at most 40" },
    { "word", "\"a\\u0007b\"", "control characters" },
    { "word", "7", "must be text" },
    { "name", "\"Ana\\nBen\"", "control characters" },
    { NULL, "\"mode\"", "“mean” or “median”" },
    { NULL, "1", "must be text" },
  };
  g_autofree char *good = map_with ("future-field", "{ \"kept\": true }");
  g_autoptr(GBytes) bytes = g_bytes_new (good, strlen (good));
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailDocument) doc = NULL;
  g_autoptr(GBytes) written = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = map_with (bad[i].member, bad[i].value);

      expect_refused (text, bad[i].fragment);
    }
  expect_refused ("{ \"format\": \"trailmap\", \"version\": 1, \"title\": \"T\",\n"
                  "  \"stages\": [ { \"id\": \"s1\", \"name\": \"One\" } ],\n"
                  "  \"ratings\": [ { \"id\": \"r1\", \"stage\": \"s9\", \"participant\": \"p\", \"score\": 1 } ] }",
                  "refers to unknown stage s9");
  expect_refused ("{ \"format\": \"trailmap\", \"version\": 1, \"title\": \"T\",\n"
                  "  \"stages\": [ { \"id\": \"s1\", \"name\": \"One\" } ],\n"
                  "  \"ratings\": [ { \"id\": \"r1\", \"stage\": \"s1\", \"participant\": \"p\", \"score\": 1 },\n"
                  "                 { \"id\": \"r2\", \"stage\": \"s1\", \"participant\": \"p\", \"score\": 0 } ] }",
                  "ratings[1]: rating r2: participant “p” rated stage s1 twice");
  expect_refused ("{ \"format\": \"trailmap\", \"version\": 1, \"title\": \"T\",\n"
                  "  \"stages\": [ { \"id\": \"s1\", \"name\": \"One\" } ],\n"
                  "  \"ratings\": [ { \"id\": \"r1\", \"stage\": \"s1\", \"score\": 1 } ] }",
                  "has no participant");
  expect_refused ("{ \"format\": \"trailmap\", \"version\": 1, \"title\": \"T\",\n"
                  "  \"stages\": [ { \"id\": \"s1\", \"name\": \"One\" } ],\n"
                  "  \"ratings\": { } }",
                  "expected a list");

  /* Unknown members of a rating are kept. */
  doc = trail_document_load_from_bytes (bytes, "good.trailmap", &error);
  g_assert_no_error (error);
  written = trail_document_serialize (doc);
  g_assert_nonnull (strstr (g_bytes_get_data (written, NULL), "\"future-field\""));
  g_assert_cmpint (trail_document_get_crowd_statistic (doc), ==, TRAIL_CROWD_MEAN);
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

static int
score_of (TrailDocument *doc,
          const char    *stage_id,
          const char    *participant)
{
  TrailRating *rating = trail_document_find_rating (doc, stage (doc, stage_id), participant);

  g_assert_nonnull (rating);
  return trail_rating_get_score (rating);
}

/* After a first session (Ana, Cem and Eva rated), two facilitators take
 * copies of the map: in one Ana re-rates and Ben rates for the first time,
 * in the other Cem re-rates, Dan rates for the first time and Eva takes a
 * rating back. git merges the copies line by line. */
static void
test_ratings_merge (void)
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
  const char * const stages[] = { "s1", "s2", "s3" };
  TrailCrowdPoint p;
  int status = -1;

  if (git == NULL)
    {
      g_test_skip ("git is not installed");
      return;
    }

  dir = g_dir_make_tmp ("trailmap-rating-merge-XXXXXX", &error);
  g_assert_no_error (error);
  base_path = g_build_filename (dir, "base.trailmap", NULL);
  ours_path = g_build_filename (dir, "ours.trailmap", NULL);
  theirs_path = g_build_filename (dir, "theirs.trailmap", NULL);

  base = template ();
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      rate (base, stages[i], "ana", 1, NULL);
      rate (base, stages[i], "cem", -1, NULL);
      rate (base, stages[i], "eva", 0, NULL);
    }
  save (base, base_path);

  ours = load (base_path);
  rate (ours, "s1", "ana", 2, "great");
  rate (ours, "s2", "ana", -2, NULL);
  rate (ours, "s1", "ben", 2, NULL);
  rate (ours, "s2", "ben", 1, NULL);
  save (ours, ours_path);

  theirs = load (base_path);
  rate (theirs, "s1", "cem", -2, "slow");
  rate (theirs, "s3", "cem", 2, NULL);
  rate (theirs, "s1", "dan", 0, NULL);
  g_assert_true (trail_document_unrate_stage (theirs, stage (theirs, "s3"), "eva"));
  save (theirs, theirs_path);

  {
    const char *argv[] = { git, "merge-file", ours_path, base_path, theirs_path, NULL };

    g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
  }
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("git merge-file found conflicts: %s\n%s", error->message, err);

  merged = load (ours_path);
  g_assert_cmpint (score_of (merged, "s1", "ana"), ==, 2);
  g_assert_cmpstr (trail_rating_get_word (trail_document_find_rating (merged, stage (merged, "s1"), "ana")), ==, "great");
  g_assert_cmpint (score_of (merged, "s2", "ana"), ==, -2);
  g_assert_cmpint (score_of (merged, "s1", "ben"), ==, 2);
  g_assert_cmpint (score_of (merged, "s2", "ben"), ==, 1);
  g_assert_cmpint (score_of (merged, "s1", "cem"), ==, -2);
  g_assert_cmpint (score_of (merged, "s3", "cem"), ==, 2);
  g_assert_cmpint (score_of (merged, "s1", "dan"), ==, 0);
  g_assert_null (trail_document_find_rating (merged, stage (merged, "s3"), "eva"));
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_ratings (merged)), ==, 11);
  /* s1: ana 2, ben 2, cem -2, dan 0, eva 0. */
  g_assert_true (trail_document_crowd_point (merged, stage (merged, "s1"), &p));
  g_assert_cmpuint (p.n, ==, 5);
  g_assert_cmpfloat_with_epsilon (p.centre, 0.4, 1e-9);

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
  g_setenv ("LANGUAGE", "C", TRUE);

  g_test_add_func ("/model/ratings/rate-and-undo", test_ratings_rate_and_undo);
  g_test_add_func ("/model/ratings/refused", test_ratings_refused);
  g_test_add_func ("/model/ratings/crowd-point", test_ratings_crowd_point);
  g_test_add_func ("/model/ratings/file", test_ratings_file);
  g_test_add_func ("/model/ratings/strict", test_ratings_strict);
  g_test_add_func ("/model/ratings/merge", test_ratings_merge);

  return g_test_run ();
}
