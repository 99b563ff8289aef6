/* test-survey.c — survey results from CSV files onto a map: the numbers,
 * the quote cards, refresh, undo, bad rows and the saved file.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "csv-fixtures.h"
#include "trail-model.h"

/* A map with the stages and personas the test files name, a thoughts lane
 * and a card someone wrote there. */
static TrailDocument *
make_map (void)
{
  TrailDocument *doc = trail_document_new ();
  TrailLane *lane;
  TrailStage *awareness;

  trail_document_set_scale (doc, -2, 2, NULL);
  awareness = trail_document_add_stage (doc, -1, "Awareness");
  trail_document_add_stage (doc, -1, "Consideration");
  trail_document_add_stage (doc, -1, "Purchase");
  trail_document_add_stage (doc, -1, "Setup");
  trail_document_add_persona (doc, -1, "Sofia");
  trail_document_add_persona (doc, -1, "Marco");
  trail_document_add_lane (doc, -1, TRAIL_LANE_KIND_EMOTIONS, "Emotions");
  lane = trail_document_add_lane (doc, -1, TRAIL_LANE_KIND_THOUGHTS, "Thoughts");
  trail_document_add_card (doc, lane, awareness, -1, "Written by hand");
  trail_document_clear_history (doc);

  return doc;
}

static TrailStage *
stage_named (TrailDocument *doc,
             const char    *name)
{
  GListModel *stages = trail_document_get_stages (doc);

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (stages, i);

      if (g_str_equal (trail_stage_get_name (stage), name))
        return stage;
    }
  g_assert_not_reached ();
}

static TrailPersona *
persona_named (TrailDocument *doc,
               const char    *name)
{
  GListModel *personas = trail_document_get_personas (doc);

  for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(TrailPersona) persona = g_list_model_get_item (personas, i);

      if (g_str_equal (trail_persona_get_name (persona), name))
        return persona;
    }
  g_assert_not_reached ();
}

static TrailSurveyResult *
find_result (TrailDocument *doc,
             const char    *stage,
             const char    *persona)
{
  GListModel *results = trail_document_get_survey_results (doc);
  const char *stage_id = trail_stage_get_id (stage_named (doc, stage));
  const char *persona_id = persona != NULL ? trail_persona_get_id (persona_named (doc, persona)) : NULL;

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(TrailSurveyResult) result = g_list_model_get_item (results, i);

      if (g_str_equal (trail_survey_result_get_stage_id (result), stage_id) &&
          g_strcmp0 (trail_survey_result_get_persona_id (result), persona_id) == 0)
        return result;
    }
  return NULL;
}

static GPtrArray *
quote_cards (TrailDocument *doc)
{
  GListModel *cards = trail_document_get_cards (doc);
  GPtrArray *quotes = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      TrailCard *card = g_list_model_get_item (cards, i);

      if (trail_card_get_survey (card) != NULL)
        g_ptr_array_add (quotes, card);
      else
        g_object_unref (card);
    }
  return quotes;
}

/* A German tool's export: BOM, ';', quoted line breaks, decimal commas,
 * stage names in other case. */
static void
test_survey_german_export (void)
{
  g_autoptr(TrailDocument) doc = make_map ();
  g_autoptr(TrailDocument) saved = NULL;
  g_autoptr(GBytes) csv = csv_fixture_read ("survey-de.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailSurveyImport) import = NULL;
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 12, 6, 4, 0, 0);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *description = NULL;
  TrailSurveyResult *result;
  TrailSurvey *survey;
  TrailCard *card;
  double min, max;

  import = trail_survey_import_new (csv, "/home/ana/exports/survey-de.csv", 0, &error);
  g_assert_no_error (error);

  /* Guessed from the headers and the scores. */
  g_assert_cmpint (trail_survey_import_get_column (import, TRAIL_SURVEY_COLUMN_RESPONDENT), ==, 0);
  g_assert_cmpint (trail_survey_import_get_column (import, TRAIL_SURVEY_COLUMN_DATE), ==, 1);
  g_assert_cmpint (trail_survey_import_get_column (import, TRAIL_SURVEY_COLUMN_STAGE), ==, 2);
  g_assert_cmpint (trail_survey_import_get_column (import, TRAIL_SURVEY_COLUMN_PERSONA), ==, 3);
  g_assert_cmpint (trail_survey_import_get_column (import, TRAIL_SURVEY_COLUMN_SCORE), ==, 4);
  g_assert_cmpint (trail_survey_import_get_column (import, TRAIL_SURVEY_COLUMN_VERBATIM), ==, 5);
  g_assert_cmpint (trail_survey_import_get_column (import, TRAIL_SURVEY_COLUMN_CHANNEL), ==, -1);
  trail_survey_import_get_scale (import, &min, &max);
  g_assert_cmpfloat (min, ==, 0);
  g_assert_cmpfloat (max, ==, 10);
  description = trail_survey_import_describe (import);
  g_assert_nonnull (strstr (description, "“Bewertung”, scale 0 to 10 (NPS)"));

  g_assert_true (trail_survey_import_check (import, doc, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (trail_survey_import_get_n_good (import), ==, 6);
  g_assert_cmpuint (trail_survey_import_get_n_bad (import), ==, 0);

  survey = trail_survey_import_apply (import, doc, when, &error);
  g_assert_no_error (error);
  g_assert_nonnull (survey);
  g_assert_cmpstr (trail_survey_get_source (survey), ==, "survey-de.csv");
  g_assert_cmpuint (trail_survey_get_rows (survey), ==, 6);
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Import Survey");

  /* Awareness: 8 and 6,5 of 0–10 are 1.2 and 0.6 on −2…+2. */
  result = find_result (doc, "Awareness", NULL);
  g_assert_nonnull (result);
  g_assert_cmpuint (trail_survey_result_get_n (result), ==, 2);
  g_assert_cmpfloat_with_epsilon (trail_survey_result_get_mean (result), 0.9, 1e-9);
  g_assert_cmpfloat_with_epsilon (trail_survey_result_get_median (result), 0.9, 1e-9);
  g_assert_cmpfloat_with_epsilon (trail_survey_result_get_q1 (result), 0.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (trail_survey_result_get_q3 (result), 1.05, 1e-9);
  g_assert_cmpfloat_with_epsilon (trail_survey_result_get_sd (result), 0.424, 1e-9);

  /* Purchase: 9 and 7,5 → 1.6 and 1.0. */
  result = find_result (doc, "Purchase", NULL);
  g_assert_cmpuint (trail_survey_result_get_n (result), ==, 2);
  g_assert_cmpfloat_with_epsilon (trail_survey_result_get_mean (result), 1.3, 1e-9);

  /* The segments are not personas of this map: no results per persona. */
  g_assert_null (find_result (doc, "Purchase", "Sofia"));
  /* No answers for Consideration's name? One: r003. */
  g_assert_cmpuint (trail_survey_result_get_n (find_result (doc, "Consideration", NULL)), ==, 1);

  /* Quotes: a verbatim with a quoted line break, from its row, observed. */
  card = csv_fixture_card_with_text (doc, "Comparing models took ages.\nThe table was confusing; too many \"pro\" variants");
  g_assert_nonnull (card);
  g_assert_cmpint (trail_card_get_evidence (card), ==, TRAIL_EVIDENCE_OBSERVED);
  g_assert_cmpint (trail_card_get_evidence_source (card), ==, TRAIL_EVIDENCE_SOURCE_SURVEY);
  g_assert_cmpstr (trail_card_get_evidence_note (card), ==, "survey-de.csv, row 4");
  g_assert_cmpstr (trail_card_get_survey_key (card), ==, "respondent:r003");
  g_assert_cmpstr (trail_stage_get_name (trail_document_find_stage (doc, trail_card_get_stage_id (card))),
                   ==, "Consideration");
  /* r006 has no comment: no card. Awareness 2, Consideration 1,
   * Purchase 1, Setup 1. */
  quotes = quote_cards (doc);
  g_assert_cmpuint (quotes->len, ==, 5);

  /* Everything is in the file and comes back. */
  saved = csv_fixture_save_and_load (doc);
  bytes = trail_document_serialize (doc);
  g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), "\"score-column\": \"Bewertung\""));
  g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), "\"imported\": \"2026-12-06T04:00:00Z\""));
  g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), "\"sd\": 0.424"));
}

static void
test_survey_nps_personas (void)
{
  g_autoptr(TrailDocument) doc = make_map ();
  g_autoptr(GBytes) csv = csv_fixture_read ("nps-personas.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailSurveyImport) import = NULL;
  g_auto(GStrv) unmatched = NULL;
  g_autoptr(TrailDocument) saved = NULL;
  TrailSurveyResult *result;
  TrailCard *card;
  double min, max;
  guint line;

  import = trail_survey_import_new (csv, "nps-personas.csv", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trail_survey_import_get_column (import, TRAIL_SURVEY_COLUMN_STAGE), ==, 2);
  g_assert_cmpint (trail_survey_import_get_column (import, TRAIL_SURVEY_COLUMN_SCORE), ==, 4);
  g_assert_cmpint (trail_survey_import_get_column (import, TRAIL_SURVEY_COLUMN_PERSONA), ==, 3);
  g_assert_cmpint (trail_survey_import_get_column (import, TRAIL_SURVEY_COLUMN_RESPONDENT), ==, 0);
  trail_survey_import_get_scale (import, &min, &max);
  g_assert_cmpfloat (max, ==, 10);

  /* "Checkout" is no stage of the map: listed, and mappable. */
  g_assert_true (trail_survey_import_check (import, doc, &error));
  g_assert_cmpuint (trail_survey_import_get_n_bad (import), ==, 1);
  g_assert_cmpstr (trail_survey_import_get_bad (import, 0, &line), ==, "no stage is called “Checkout”");
  g_assert_cmpuint (line, ==, 7);
  unmatched = trail_survey_import_get_unmatched (import, TRAIL_SURVEY_COLUMN_STAGE);
  g_assert_cmpstrv (unmatched, ((const char *[]) { "Checkout", NULL }));

  trail_survey_import_map_value (import, TRAIL_SURVEY_COLUMN_STAGE, "checkout",
                                 trail_stage_get_id (stage_named (doc, "Purchase")));
  trail_survey_import_set_quotes (import, 1, FALSE);
  g_assert_nonnull (trail_survey_import_apply (import, doc, NULL, &error));
  g_assert_no_error (error);

  /* Purchase for everyone: 10, 3, 0, 8 → 2, −0.8, −2, 1.2. */
  result = find_result (doc, "Purchase", NULL);
  g_assert_cmpuint (trail_survey_result_get_n (result), ==, 4);
  g_assert_cmpfloat_with_epsilon (trail_survey_result_get_mean (result), 0.1, 1e-9);
  g_assert_cmpfloat_with_epsilon (trail_survey_result_get_median (result), 0.2, 1e-9);
  /* Per persona: Marco 3 and 0; Sofia 10 and 8. */
  result = find_result (doc, "Purchase", "Marco");
  g_assert_cmpuint (trail_survey_result_get_n (result), ==, 2);
  g_assert_cmpfloat_with_epsilon (trail_survey_result_get_mean (result), -1.4, 1e-9);
  result = find_result (doc, "Purchase", "Sofia");
  g_assert_cmpfloat_with_epsilon (trail_survey_result_get_mean (result), 1.6, 1e-9);
  g_assert_null (find_result (doc, "Setup", "Marco"));

  /* The most extreme verbatim of Purchase: "Never again" (0 of 10), tagged
   * with its persona. */
  card = csv_fixture_card_with_text (doc, "Never again");
  g_assert_nonnull (card);
  g_assert_cmpstr (trail_card_get_persona_tags (card)[0], ==,
                   trail_persona_get_id (persona_named (doc, "Marco")));
  g_assert_null (csv_fixture_card_with_text (doc, "Checkout, finally, was easy"));

  /* The hand-made mapping is kept for Refresh. */
  saved = csv_fixture_save_and_load (doc);
  {
    g_autoptr(TrailSurvey) survey = g_list_model_get_item (trail_document_get_surveys (saved), 0);
    g_auto(GStrv) values = NULL;
    g_autofree char *expected = g_strdup_printf ("checkout=%s",
                                                 trail_stage_get_id (stage_named (doc, "Purchase")));

    g_object_get (survey, "stage-values", &values, NULL);
    g_assert_cmpstrv (values, ((const char *[]) { expected, NULL }));
  }
}

static void
test_survey_bad_rows (void)
{
  g_autoptr(TrailDocument) doc = make_map ();
  g_autoptr(GBytes) csv = csv_fixture_read ("survey-bad.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailSurveyImport) import = NULL;
  g_autoptr(GBytes) before = trail_document_serialize (doc);
  static const struct { guint line; const char *message; } expected[] = {
    { 3, "no stage is called “Onboarding”" },
    { 4, "the score “n/a” is not a number" },
    { 5, "the score 9 is outside the scale 1 to 7" },
    { 6, "no score" },
    { 7, "too few fields (1 of the header’s 3)" },
  };

  import = trail_survey_import_new (csv, "survey-bad.csv", 0, &error);
  g_assert_no_error (error);
  /* Given, as the file's range (2–9) would say 0–10. */
  trail_survey_import_set_scale (import, 1, 7);

  g_assert_true (trail_survey_import_check (import, doc, &error));
  g_assert_cmpuint (trail_survey_import_get_n_good (import), ==, 3);
  g_assert_cmpuint (trail_survey_import_get_n_bad (import), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      guint line;

      g_assert_cmpstr (trail_survey_import_get_bad (import, i, &line), ==, expected[i].message);
      g_assert_cmpuint (line, ==, expected[i].line);
    }

  /* Checking changed nothing. */
  {
    g_autoptr(GBytes) after = trail_document_serialize (doc);
    g_assert_true (g_bytes_equal (before, after));
  }

  /* The good rows go in; the survey says how many were skipped. */
  g_assert_nonnull (trail_survey_import_apply (import, doc, NULL, &error));
  g_assert_cmpuint (trail_survey_result_get_n (find_result (doc, "Purchase", NULL)), ==, 1);
  g_assert_nonnull (csv_fixture_card_with_text (doc, "Setup was \"fun\""));
}

static void
test_survey_refused (void)
{
  g_autoptr(TrailDocument) doc = make_map ();
  g_autoptr(GBytes) before = trail_document_serialize (doc);
  g_autoptr(GBytes) nothing_good = g_bytes_new_static ("stage,score\nNowhere,3\n", 22);
  g_autoptr(GBytes) no_score = g_bytes_new_static ("stage,words\nSetup,hi\n", 21);
  g_autoptr(GBytes) mapping = g_bytes_new_static ("{\"columns\": {\"stage\": \"stage\", \"score\": \"points\"}}", 50);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailSurveyImport) a = trail_survey_import_new (nothing_good, "a.csv", 0, &error);
  g_autoptr(TrailSurveyImport) b = trail_survey_import_new (no_score, "b.csv", 0, &error);
  g_autoptr(GBytes) after = NULL;

  g_assert_no_error (error);
  g_assert_null (trail_survey_import_apply (a, doc, NULL, &error));
  g_assert_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (trail_survey_import_apply (b, doc, NULL, &error));
  g_assert_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);

  /* A mapping naming a column the file lacks says which columns it has. */
  g_assert_false (trail_survey_import_load_mapping (b, doc, mapping, &error));
  g_assert_nonnull (strstr (error->message, "no column “points” (its columns: “stage”, “words”)"));

  after = trail_document_serialize (doc);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (trail_document_get_can_undo (doc));
}

/* The survey gains rows: Refresh updates the numbers and the quote cards
 * it made, adds no duplicates, leaves the user's card alone, and is one
 * undo step. */
static void
test_survey_refresh (void)
{
  g_autoptr(TrailDocument) doc = make_map ();
  g_autoptr(GBytes) first = csv_fixture_read ("nps-personas.csv");
  g_autoptr(GBytes) before_import = trail_document_serialize (doc);
  g_autoptr(GBytes) before_refresh = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailSurveyImport) import = NULL;
  g_autoptr(TrailSurveyImport) refresh = NULL;
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GString) more = NULL;
  TrailCard *user_card;
  TrailSurvey *survey;
  guint n_quotes;

  import = trail_survey_import_new (first, "nps-personas.csv", 0, &error);
  g_assert_no_error (error);
  survey = trail_survey_import_apply (import, doc, NULL, &error);
  g_assert_no_error (error);
  quotes = quote_cards (doc);
  n_quotes = quotes->len;
  g_clear_pointer (&quotes, g_ptr_array_unref);
  g_assert_cmpuint (trail_survey_result_get_n (find_result (doc, "Setup", NULL)), ==, 1);
  before_refresh = trail_document_serialize (doc);

  /* The user edits their own card between import and refresh. */
  user_card = csv_fixture_card_with_text (doc, "Written by hand");
  trail_document_update (doc, user_card, "votes", 3, NULL);
  g_clear_pointer (&before_refresh, g_bytes_unref);
  before_refresh = trail_document_serialize (doc);

  more = g_string_new_len (g_bytes_get_data (first, NULL), g_bytes_get_size (first));
  g_string_append (more, "1008,2026-04-05,Setup,Marco,1,\"Manual in the wrong language\"\n");
  g_string_append (more, "1009,2026-04-05,Setup,Sofia,9,\n");
  again = g_string_free_to_bytes (g_steal_pointer (&more));

  refresh = trail_survey_import_new_refresh (again, survey, &error);
  g_assert_no_error (error);
  g_assert_true (trail_survey_import_apply (refresh, doc, NULL, &error) == survey);
  g_assert_no_error (error);
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Refresh Survey");

  g_assert_cmpuint (trail_survey_get_rows (survey), ==, 8);
  g_assert_cmpuint (trail_survey_result_get_n (find_result (doc, "Setup", NULL)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_surveys (doc)), ==, 1);

  /* One more quote (Setup had one, now two); no duplicates. */
  quotes = quote_cards (doc);
  g_assert_cmpuint (quotes->len, ==, n_quotes + 1);
  g_assert_nonnull (csv_fixture_card_with_text (doc, "Manual in the wrong language"));
  g_assert_true (csv_fixture_card_with_text (doc, "Written by hand") == user_card);
  g_assert_cmpuint (trail_card_get_votes (user_card), ==, 3);

  /* The same rows again change nothing. */
  {
    g_autoptr(TrailSurveyImport) same = trail_survey_import_new_refresh (again, survey, &error);
    g_autoptr(GDateTime) when = NULL;
    gboolean could_undo_to_refresh;

    g_assert_no_error (error);
    when = g_date_time_new_from_iso8601 (trail_survey_get_imported (survey), NULL);
    g_assert_nonnull (trail_survey_import_apply (same, doc, when, &error));
    could_undo_to_refresh = g_str_equal (trail_document_get_undo_label (doc), "Refresh Survey");
    g_assert_true (could_undo_to_refresh);
    g_clear_pointer (&quotes, g_ptr_array_unref);
    quotes = quote_cards (doc);
    g_assert_cmpuint (quotes->len, ==, n_quotes + 1);
  }

  /* Undo the refreshes: the map as before them; then before the import. */
  while (g_strcmp0 (trail_document_get_undo_label (doc), "Refresh Survey") == 0)
    trail_document_undo (doc);
  {
    g_autoptr(GBytes) now = trail_document_serialize (doc);
    g_assert_true (g_bytes_equal (now, before_refresh));
  }
  trail_document_undo (doc); /* the votes */
  trail_document_undo (doc); /* the import */
  {
    g_autoptr(GBytes) now = trail_document_serialize (doc);
    g_assert_true (g_bytes_equal (now, before_import));
  }
}

/* A mapping file written by hand, with a named scale and a band setting. */
static void
test_survey_mapping_file (void)
{
  g_autoptr(TrailDocument) doc = make_map ();
  g_autoptr(GBytes) csv = csv_fixture_read ("nps-personas.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailSurveyImport) import = trail_survey_import_new (csv, "nps-personas.csv", 0, &error);
  const char *text =
    "{\n"
    "  \"columns\": { \"stage\": \"journey_stage\", \"score\": \"NPS_score\", \"verbatim\": \"comment\" },\n"
    "  \"scale\": \"nps\",\n"
    "  \"stages\": { \"Checkout\": \"purchase\" },\n"
    "  \"quotes\": 0,\n"
    "  \"band\": \"sd\"\n"
    "}\n";
  g_autoptr(GBytes) mapping = g_bytes_new_static (text, strlen (text));
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) bad = g_bytes_new_static ("{\"colums\": {}}", 14);
  g_autoptr(GBytes) german = csv_fixture_read ("survey-de.csv");
  g_autoptr(TrailSurveyImport) commas = trail_survey_import_new (german, "survey-de.csv", ',', &error);
  g_autoptr(GPtrArray) quotes = NULL;
  TrailSurvey *survey;

  /* Read with the wrong separator, the header is one column; the right
   * one brings the guess back. */
  g_assert_no_error (error);
  g_assert_cmpuint (trail_csv_get_n_fields (trail_survey_import_get_csv (commas), 0), ==, 1);
  g_assert_true (trail_survey_import_set_separator (commas, ';', &error));
  g_assert_cmpint (trail_survey_import_get_column (commas, TRAIL_SURVEY_COLUMN_STAGE), ==, 2);
  g_assert_cmpint (trail_csv_get_separator (trail_survey_import_get_csv (commas)), ==, ';');

  g_assert_true (trail_survey_import_load_mapping (import, doc, mapping, &error));
  g_assert_no_error (error);
  /* Columns the mapping leaves out are not used. */
  g_assert_cmpint (trail_survey_import_get_column (import, TRAIL_SURVEY_COLUMN_PERSONA), ==, -1);

  survey = trail_survey_import_apply (import, doc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (trail_survey_get_band_is_sd (survey));
  g_assert_cmpuint (trail_survey_get_rows (survey), ==, 7);
  g_assert_null (find_result (doc, "Purchase", "Marco"));
  quotes = quote_cards (doc);
  g_assert_cmpuint (quotes->len, ==, 0);

  saved = trail_survey_import_save_mapping (import);
  g_assert_nonnull (strstr (g_bytes_get_data (saved, NULL), "\"band\" : \"sd\""));

  g_assert_false (trail_survey_import_load_mapping (import, doc, bad, &error));
  g_assert_nonnull (strstr (error->message, "unknown member “colums”"));

  /* Read by the strict reader, as every file from outside is: what
   * json-glib alone would take (a comment hiding a quote, single quotes,
   * a number it wraps, a NUL, deep nesting) is refused, with where. */
  {
    g_autofree char *deep = g_strconcat ("{\"columns\": ", g_strnfill (2000, '['), g_strnfill (2000, ']'), "}", NULL);
    const char *hostile[] = {
      "{/*\"*/\"columns\": {\"stage\": \"stage\"}}",
      "{'columns': {'stage': 'stage'}}",
      "{\"columns\": {\"stage\": \"stage\"}, \"quotes\": 0x7fffffffffffffffffff}",
      "{\"columns\": {\"stage\": \"sta\\u0000ge\"}}",
      deep,
    };

    for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
      {
        g_autoptr(GBytes) bytes = g_bytes_new (hostile[i], strlen (hostile[i]));

        g_clear_error (&error);
        g_assert_false (trail_survey_import_load_mapping (import, doc, bytes, &error));
        g_assert_error (error, TRAIL_DOCUMENT_ERROR, error->code);
        g_assert_true (error->code != TRAIL_DOCUMENT_ERROR_INVALID || strstr (error->message, "\\u0000") != NULL);
        g_assert_true (g_str_has_prefix (error->message, "mapping:1:"));
        g_test_message ("%s", error->message);
      }
  }
}

/* A file from a newer Trailmap with fields we do not know in a survey
 * keeps them. */
static void
test_survey_unknown_fields (void)
{
  const char *text =
    "{\n"
    "  \"format\": \"trailmap\",\n"
    "  \"version\": 1,\n"
    "  \"title\": \"Map\",\n"
    "  \"stages\": [\n"
    "    {\n"
    "      \"id\": \"s1\",\n"
    "      \"name\": \"Awareness\"\n"
    "    }\n"
    "  ],\n"
    "  \"surveys\": [\n"
    "    {\n"
    "      \"id\": \"sv1\",\n"
    "      \"source\": \"r.csv\",\n"
    "      \"rows\": 2,\n"
    "      \"scale-min\": 0,\n"
    "      \"scale-max\": 10,\n"
    "      \"stage-column\": \"stage\",\n"
    "      \"score-column\": \"score\",\n"
    "      \"quotes\": 2,\n"
    "      \"weighting\": \"by-segment\"\n"
    "    }\n"
    "  ],\n"
    "  \"survey-results\": [\n"
    "    {\n"
    "      \"id\": \"sr1\",\n"
    "      \"survey\": \"sv1\",\n"
    "      \"stage\": \"s1\",\n"
    "      \"n\": 2,\n"
    "      \"mean\": 0.5,\n"
    "      \"median\": 0.5,\n"
    "      \"q1\": 0.25,\n"
    "      \"q3\": 0.75,\n"
    "      \"sd\": 0.707,\n"
    "      \"weight\": 1.5\n"
    "    }\n"
    "  ]\n"
    "}\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailDocument) doc = trail_document_load_from_bytes (bytes, "future.trailmap", &error);
  g_autoptr(GBytes) saved = NULL;

  g_assert_no_error (error);
  saved = trail_document_serialize (doc);
  g_assert_nonnull (strstr (g_bytes_get_data (saved, NULL),
                           "      \"quotes\": 2,\n      \"weighting\": \"by-segment\"\n"));
  g_assert_nonnull (strstr (g_bytes_get_data (saved, NULL),
                           "      \"sd\": 0.707,\n      \"weight\": 1.5\n"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_random_set_seed (16);

  g_test_add_func ("/survey/german-export", test_survey_german_export);
  g_test_add_func ("/survey/nps-personas", test_survey_nps_personas);
  g_test_add_func ("/survey/bad-rows", test_survey_bad_rows);
  g_test_add_func ("/survey/refused", test_survey_refused);
  g_test_add_func ("/survey/refresh", test_survey_refresh);
  g_test_add_func ("/survey/mapping-file", test_survey_mapping_file);
  g_test_add_func ("/survey/unknown-fields", test_survey_unknown_fields);

  return g_test_run ();
}
