/* test-metrics.c — metric cards: dated values in the file, and a metrics
 * CSV (metric, stage, date, value) imported onto the KPIs lane.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "csv-fixtures.h"
#include "trail-model.h"

static TrailDocument *
make_map (TrailCard **user_card)
{
  TrailDocument *doc = trail_document_new ();
  TrailStage *orders;
  TrailLane *kpis;

  trail_document_add_stage (doc, -1, "Sees an ad");
  orders = trail_document_add_stage (doc, -1, "Orders");
  trail_document_add_stage (doc, -1, "Set-up");
  kpis = trail_document_add_lane (doc, -1, TRAIL_LANE_KIND_KPIS, "KPIs");
  /* Someone typed the metric's name already; the import fills it in. */
  *user_card = trail_document_add_card (doc, kpis, orders, -1, "conversion");
  trail_document_clear_history (doc);

  return doc;
}

static void
test_metrics_import (void)
{
  TrailCard *user_card, *card;
  g_autoptr(TrailDocument) doc = make_map (&user_card);
  g_autoptr(GBytes) csv = csv_fixture_read ("metrics.csv");
  g_autoptr(GBytes) before = trail_document_serialize (doc);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailMetricImport) import = NULL;
  g_autoptr(GArray) series = NULL;
  double target;
  guint line;

  import = trail_metric_import_new (csv, "metrics.csv", 0, &error);
  g_assert_no_error (error);

  g_assert_true (trail_metric_import_check (import, doc, &error));
  g_assert_cmpuint (trail_metric_import_get_n_good (import), ==, 5);
  g_assert_cmpuint (trail_metric_import_get_n_bad (import), ==, 2);
  g_assert_cmpstr (trail_metric_import_get_bad (import, 0, &line), ==,
                   "the date “March” is not like 2026-03 or 2026-03-31");
  g_assert_cmpuint (line, ==, 6);
  g_assert_cmpstr (trail_metric_import_get_bad (import, 1, &line), ==, "no stage is called “Warehouse”");
  g_assert_cmpuint (line, ==, 8);

  g_assert_cmpuint (trail_metric_import_apply (import, doc, &error), ==, 3);
  g_assert_no_error (error);
  g_assert_cmpstr (trail_document_get_undo_label (doc), ==, "Import Metrics");

  /* The card someone wrote is the metric's card now. */
  g_assert_true (csv_fixture_card_with_text (doc, "conversion") == user_card);
  g_assert_true (trail_card_is_metric (user_card));
  g_assert_cmpstrv (trail_card_get_metric_values (user_card),
                    ((const char *[]) { "2026-03=3.1", "2026-04=2.7", NULL }));
  g_assert_cmpstr (trail_card_get_metric_unit (user_card), ==, "%");
  g_assert_true (trail_card_get_metric_target (user_card, &target));
  g_assert_cmpfloat (target, ==, 3.5);
  g_assert_cmpint (trail_card_get_evidence_source (user_card), ==, TRAIL_EVIDENCE_SOURCE_ANALYTICS);

  series = trail_card_dup_metric_series (user_card);
  g_assert_cmpuint (series->len, ==, 2);
  g_assert_cmpstr (g_array_index (series, TrailMetricValue, 1).date, ==, "2026-04");
  g_assert_cmpfloat (g_array_index (series, TrailMetricValue, 1).value, ==, 2.7);

  card = csv_fixture_card_with_text (doc, "Time to first cup");
  g_assert_nonnull (card);
  g_assert_cmpstr (trail_card_get_metric_unit (card), ==, "min");
  g_assert_cmpstrv (trail_card_get_metric_values (card),
                    ((const char *[]) { "2026-03=42", "2026-04=35", NULL }));
  /* "61%" with no unit column value: the unit is "%". */
  card = csv_fixture_card_with_text (doc, "Bounce rate");
  g_assert_cmpstr (trail_card_get_metric_unit (card), ==, "%");
  g_assert_cmpstrv (trail_card_get_metric_values (card), ((const char *[]) { "2026-04=61", NULL }));

  /* The file keeps it all. */
  {
    g_autoptr(GBytes) saved = trail_document_serialize (doc);
    g_autoptr(TrailDocument) again = trail_document_load_from_bytes (saved, "m.trailmap", &error);

    g_assert_no_error (error);
    g_assert_true (trail_document_equal (doc, again));
    g_assert_nonnull (strstr (g_bytes_get_data (saved, NULL),
                              "\"metric-values\": [\"2026-03=3.1\", \"2026-04=2.7\"]"));
  }

  /* A later export merges: April corrected, May added, no new card. */
  {
    const char *more = "metric,stage,date,value\nConversion,Orders,2026-04,2.8\nConversion,Orders,2026-05,3.3\n";
    g_autoptr(GBytes) bytes = g_bytes_new_static (more, strlen (more));
    g_autoptr(TrailMetricImport) second = trail_metric_import_new (bytes, "may.csv", 0, &error);
    guint n_cards = g_list_model_get_n_items (trail_document_get_cards (doc));

    g_assert_no_error (error);
    g_assert_cmpuint (trail_metric_import_apply (second, doc, &error), ==, 1);
    g_assert_cmpstrv (trail_card_get_metric_values (user_card),
                      ((const char *[]) { "2026-03=3.1", "2026-04=2.8", "2026-05=3.3", NULL }));
    g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_cards (doc)), ==, n_cards);
  }

  /* Each import is one step. */
  trail_document_undo (doc);
  trail_document_undo (doc);
  {
    g_autoptr(GBytes) now = trail_document_serialize (doc);
    g_assert_true (g_bytes_equal (now, before));
  }
}

static void
test_metrics_recognised (void)
{
  g_autoptr(GBytes) metrics = csv_fixture_read ("metrics.csv");
  g_autoptr(GBytes) survey = csv_fixture_read ("nps-personas.csv");
  g_autoptr(TrailCsv) a = trail_csv_parse (metrics, 0, 0, NULL);
  g_autoptr(TrailCsv) b = trail_csv_parse (survey, 0, 0, NULL);
  g_autoptr(GBytes) no_value = g_bytes_new_static ("metric,stage,date\nA,B,2026-01\n", 30);
  g_autoptr(GError) error = NULL;
  TrailMetricImport *import;

  g_assert_true (trail_metric_import_looks_like (a));
  g_assert_false (trail_metric_import_looks_like (b));

  import = trail_metric_import_new (no_value, "x.csv", 0, &error);
  g_assert_null (import);
  g_assert_nonnull (strstr (error->message, "x.csv has no value column"));
}

/* The file refuses values that are not numbers and dates, as the edit API
 * does. */
static void
test_metrics_file_checks (void)
{
  const char *head =
    "{\n  \"format\": \"trailmap\",\n  \"version\": 1,\n  \"title\": \"M\",\n"
    "  \"stages\": [{\"id\": \"s1\", \"name\": \"S\"}],\n"
    "  \"lanes\": [{\"id\": \"l1\", \"kind\": \"kpis\", \"title\": \"KPIs\"}],\n"
    "  \"cards\": [{\"id\": \"c1\", \"lane\": \"l1\", \"stage\": \"s1\", \"text\": \"NPS\", ";
  const char *tail = "}]\n}\n";
  const char *bad[] = {
    "\"metric-values\": [\"March=3\"]",
    "\"metric-values\": [\"2026-03=3,1\"]",
    "\"metric-values\": [\"2026-03=3\", \"2026-03=4\"]",
    "\"metric-values\": [\"2026-03=1e5\"]",
    "\"metric-target\": \"high\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = g_strconcat (head, bad[i], tail, NULL);
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
      g_autoptr(GError) error = NULL;
      g_autoptr(TrailDocument) doc = trail_document_load_from_bytes (bytes, "bad.trailmap", &error);

      g_assert_null (doc);
      g_assert_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID);
    }

  {
    g_autofree char *text = g_strconcat (head, "\"metric-unit\": \"%\", \"metric-target\": \"-0.5\", "
                                         "\"metric-values\": [\"2026-03-31=12\", \"2026-04=-3.25\"]", tail, NULL);
    g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
    g_autoptr(GError) error = NULL;
    g_autoptr(TrailDocument) doc = trail_document_load_from_bytes (bytes, "good.trailmap", &error);

    g_assert_no_error (error);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_random_set_seed (16);

  g_test_add_func ("/metrics/import", test_metrics_import);
  g_test_add_func ("/metrics/recognised", test_metrics_recognised);
  g_test_add_func ("/metrics/file-checks", test_metrics_file_checks);

  return g_test_run ();
}
