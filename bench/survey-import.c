/* survey-import.c — a survey import of 10,000 to 100,000 rows against
 * Python's csv module reading the same file, in the same run.
 *
 * Not a unit test (timings vary): `meson test -C build --benchmark
 * survey-import -v`, or run it directly. For each size it writes a survey
 * export like a German tool's (BOM, ';', CRLF, decimal commas, quoted
 * comments with quotes, separators and line breaks), then times, best of
 * RUNS:
 *
 *   trailmap  the whole import: parse, map, aggregate, update the document
 *             (trail_survey_import_new + apply, on a fresh 6-stage map);
 *   python    `list(csv.reader(f, delimiter=';'))` on the same file, timed
 *             inside Python (start-up not counted), reading included.
 *
 * Both in process CPU time, best of RUNS.
 *
 * The goal: the whole import no slower than Python's bare parse, and
 * linear from 10,000 to 100,000 rows.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <time.h>

#include "trail-model.h"

#define RUNS 7

static const char * const stages[] = {
  "Awareness", "Consideration", "Purchase", "Delivery", "Setup", "First use",
};
static const char * const segments[] = { "Commuter", "Student", "Family" };
static const char * const comments[] = {
  "Great",
  "\"Took ages; the \"\"pro\"\" model was confusing\"",
  "\"Late,\r\nand the box was damaged\"",
  "",
  "Descaling instructions were wrong",
  "\"Loved it, would buy again\"",
};

static GBytes *
make_csv (guint n_rows)
{
  GString *out = g_string_new ("\xEF\xBB\xBF" "Antwort-ID;Datum;Phase;Segment;Bewertung;Kommentar\r\n");

  for (guint i = 0; i < n_rows; i++)
    {
      guint score10 = (i * 7919u) % 101u;  /* 0.0 … 10.0 in tenths */

      g_string_append_printf (out, "r%06u;2026-%02u-%02u;%s;%s;%u,%u;%s\r\n",
                              i, 1 + i % 12, 1 + i % 28,
                              stages[(i / 3) % G_N_ELEMENTS (stages)],
                              segments[i % G_N_ELEMENTS (segments)],
                              score10 / 10, score10 % 10,
                              comments[i % G_N_ELEMENTS (comments)]);
    }

  return g_string_free_to_bytes (out);
}

static TrailDocument *
make_map (void)
{
  TrailDocument *doc = trail_document_new ();

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    trail_document_add_stage (doc, -1, stages[i]);
  for (guint i = 0; i < G_N_ELEMENTS (segments); i++)
    trail_document_add_persona (doc, -1, segments[i]);
  trail_document_add_lane (doc, -1, TRAIL_LANE_KIND_EMOTIONS, "Emotions");
  trail_document_add_lane (doc, -1, TRAIL_LANE_KIND_THOUGHTS, "Thoughts");
  trail_document_clear_history (doc);

  return doc;
}

/* CPU time, not wall time: the machines this runs on are shared, and a
 * busy neighbour should not count as our cost (nor as Python's). */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
time_import (GBytes *csv)
{
  double best = G_MAXDOUBLE;

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(TrailDocument) doc = make_map ();
      g_autoptr(TrailSurveyImport) import = NULL;
      g_autoptr(GError) error = NULL;
      double start = cpu_ms ();
      TrailSurvey *survey;

      import = trail_survey_import_new (csv, "bench.csv", 0, &error);
      g_assert_no_error (error);
      survey = trail_survey_import_apply (import, doc, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (survey);
      best = MIN (best, cpu_ms () - start);
    }

  return best;
}

/* Python's own best of RUNS, in ms, or a negative number without it. */
static double
time_python (const char *path)
{
  g_autofree char *script = g_strdup_printf (
    "import csv, time\n"
    "best = None\n"
    "for _ in range(%d):\n"
    "    t = time.process_time()\n"
    "    with open(%s, encoding='utf-8-sig', newline='') as f:\n"
    "        rows = list(csv.reader(f, delimiter=';'))\n"
    "    d = time.process_time() - t\n"
    "    best = d if best is None or d < best else best\n"
    "print(best * 1000, len(rows))\n", RUNS, "__import__('sys').argv[1]");
  const char *argv[] = { "python3", "-c", script, path, NULL };
  g_autofree char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return -1;

  return g_ascii_strtod (out, NULL);
}

int
main (int   argc,
      char *argv[])
{
  const guint sizes[] = { 10000, 30000, 100000 };
  g_autofree char *dir = g_dir_make_tmp ("trailmap-survey-bench-XXXXXX", NULL);
  double per_row_10k = 0;

  setlocale (LC_ALL, "");
  g_random_set_seed (16);

  g_print ("%-8s %10s %12s %12s %8s %14s\n", "rows", "MiB", "trailmap ms", "python ms", "ratio", "µs/row (ours)");

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GBytes) csv = make_csv (sizes[i]);
      g_autofree char *path = g_build_filename (dir, "survey.csv", NULL);
      g_autofree char *python_ms = NULL;
      g_autofree char *ratio = NULL;
      double ours, python, per_row;

      g_file_set_contents (path, g_bytes_get_data (csv, NULL), g_bytes_get_size (csv), NULL);
      ours = time_import (csv);
      python = time_python (path);
      per_row = ours * 1000 / sizes[i];
      if (i == 0)
        per_row_10k = per_row;

      python_ms = python >= 0 ? g_strdup_printf ("%.1f", python) : g_strdup ("n/a");
      ratio = python > 0 ? g_strdup_printf ("%.2f", ours / python) : g_strdup ("n/a");
      g_print ("%-8u %10.1f %12.1f %12s %8s %8.2f (%.2f× 10k)\n",
               sizes[i], g_bytes_get_size (csv) / 1048576.0, ours, python_ms, ratio,
               per_row, per_row / per_row_10k);
      g_unlink (path);
    }

  g_rmdir (dir);
  g_print ("ratio = trailmap's whole import / Python's bare csv parse (CPU time, best of %d each)\n", RUNS);
  return 0;
}
