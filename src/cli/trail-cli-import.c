/* trail-cli-import.c — trailmap --import-csv=FILE [--import-mapping=FILE]
 *                      [--import-scale=MIN..MAX] MAP
 *
 * Survey results onto a map with no display, for pipelines: the map is
 * read, the survey imported (or refreshed, when the map already has one
 * from a file of that name) and the map saved in place, atomically.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "trail-cli.h"
#include "trail-model.h"

/* Bad rows are listed up to this many; then a count. */
#define MAX_LISTED_ROWS 50

static char *import_csv;
static char *import_mapping;
static char *import_scale;

static const GOptionEntry import_entries[] = {
  { "import-csv", 0, 0, G_OPTION_ARG_FILENAME, &import_csv,
    N_("Import survey results, metrics or a spreadsheet of cards from a CSV file into the map and save it"), N_("FILE") },
  { "import-mapping", 0, 0, G_OPTION_ARG_FILENAME, &import_mapping,
    N_("Columns, scale and stages of the import, from a mapping file (see trailmap(1))"), N_("FILE") },
  { "import-scale", 0, 0, G_OPTION_ARG_STRING, &import_scale,
    N_("The scores’ scale, e.g. 0..10 (default: guessed from the scores)"), N_("MIN..MAX") },
  { NULL }
};

const GOptionEntry *
trail_cli_import_get_entries (void)
{
  return import_entries;
}

gboolean
trail_cli_import_requested (void)
{
  return import_csv != NULL || import_mapping != NULL || import_scale != NULL;
}

static gboolean
parse_scale (const char *text,
             double     *min,
             double     *max)
{
  const char *dots = strstr (text, "..");
  g_autofree char *first = NULL;

  if (dots == NULL)
    return FALSE;

  first = g_strndup (text, dots - text);
  return trail_csv_parse_number (first, min) &&
         trail_csv_parse_number (dots + 2, max) &&
         *min < *max && fabs (*min) <= 1e6 && fabs (*max) <= 1e6;
}

static GBytes *
read_input (const char  *path,
            gsize        limit,
            GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileInfo) info = NULL;

  /* Refuse a huge file before reading it. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return NULL;
  if ((guint64) g_file_info_get_size (info) > limit)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));
      g_autofree char *max = g_format_size (limit);

      g_set_error (error, TRAIL_CSV_ERROR, TRAIL_CSV_ERROR_TOO_BIG,
                   _("the file is too big (%s; the limit is %s)"), size, max);
      return NULL;
    }

  return g_file_load_bytes (file, NULL, NULL, error);
}

static void
print_bad_rows (guint        n_bad,
                const char *(*get) (gpointer, guint, guint *),
                gpointer     import)
{
  for (guint i = 0; i < MIN (n_bad, MAX_LISTED_ROWS); i++)
    {
      guint line;
      const char *why = get (import, i, &line);

      g_printerr ("%s:%u: %s\n", import_csv, line, why);
    }
  if (n_bad > MAX_LISTED_ROWS)
    g_printerr (ngettext ("%s: %u more row cannot be read\n",
                          "%s: %u more rows cannot be read\n", n_bad - MAX_LISTED_ROWS),
                import_csv, n_bad - MAX_LISTED_ROWS);
}

static const char *
get_metric_bad (gpointer import,
                guint    index,
                guint   *line)
{
  return trail_metric_import_get_bad (import, index, line);
}

static const char *
get_survey_bad (gpointer import,
                guint    index,
                guint   *line)
{
  return trail_survey_import_get_bad (import, index, line);
}

static int
import_metrics (TrailDocument *doc,
                GFile         *map_file,
                const char    *map_path,
                GBytes        *csv_bytes)
{
  g_autoptr(TrailMetricImport) import = NULL;
  g_autoptr(GError) error = NULL;
  guint n_cards;

  import = trail_metric_import_new (csv_bytes, import_csv, 0, &error);
  if (import == NULL || !trail_metric_import_check (import, doc, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  print_bad_rows (trail_metric_import_get_n_bad (import),
                  get_metric_bad, import);

  n_cards = trail_metric_import_apply (import, doc, &error);
  if (n_cards == 0)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (!trail_document_save_to_file (doc, map_file, NULL, NULL, NULL, &error))
    {
      g_printerr ("%s: %s\n", map_path, error->message);
      return 1;
    }

  g_print (ngettext ("%s: %u metric card updated from %s\n",
                     "%s: %u metric cards updated from %s\n", n_cards),
           map_path, n_cards, import_csv);
  return 0;
}

/* A spreadsheet of cards (as --export=cards.csv writes it): rows with a
 * card's id update that card, the others are added. */
static int
import_cards (TrailDocument *doc,
              GFile         *map_file,
              const char    *map_path,
              GBytes        *csv_bytes)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint n_cards;

  n_cards = trail_map_csv_import (doc, csv_bytes, import_csv, problems, &error);
  for (guint i = 0; i < MIN (problems->len, MAX_LISTED_ROWS); i++)
    g_printerr ("%s: %s\n", import_csv, (char *) problems->pdata[i]);
  if (n_cards == 0)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (!trail_document_save_to_file (doc, map_file, NULL, NULL, NULL, &error))
    {
      g_printerr ("%s: %s\n", map_path, error->message);
      return 1;
    }

  g_print (ngettext ("%s: %u card added or updated from %s\n",
                     "%s: %u cards added or updated from %s\n", n_cards),
           map_path, n_cards, import_csv);
  return 0;
}

static int
import_one (const char *map_path)
{
  g_autoptr(GFile) map_file = g_file_new_for_commandline_arg (map_path);
  g_autoptr(GBytes) map_bytes = NULL;
  g_autoptr(GBytes) csv_bytes = NULL;
  g_autoptr(TrailDocument) doc = NULL;
  g_autoptr(TrailSurveyImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_name = g_path_get_basename (import_csv);
  TrailSurvey *survey = NULL;
  GListModel *surveys;
  guint n_bad;

  map_bytes = trail_document_read_file (map_file, NULL, &error);
  if (map_bytes == NULL)
    {
      g_printerr ("%s: %s\n", map_path, error->message);
      return 1;
    }

  doc = trail_document_load_from_bytes (map_bytes, map_path, &error);
  if (doc == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  csv_bytes = read_input (import_csv, TRAIL_CSV_DEFAULT_MAX_BYTES, &error);
  if (csv_bytes == NULL)
    {
      g_printerr ("%s: %s\n", import_csv, error->message);
      return 1;
    }

  /* A metrics file (metric, stage, date, value) goes onto the KPIs lane. */
  if (import_mapping == NULL && import_scale == NULL)
    {
      g_autoptr(TrailCsv) csv = trail_csv_parse (csv_bytes, 0, 0, NULL);

      if (csv != NULL && trail_metric_import_looks_like (csv))
        return import_metrics (doc, map_file, map_path, csv_bytes);
      if (csv != NULL && trail_map_csv_looks_like (csv))
        return import_cards (doc, map_file, map_path, csv_bytes);
    }

  /* A survey already imported from a file of this name: refresh it the
   * way it was read, unless a mapping says otherwise. */
  surveys = trail_document_get_surveys (doc);
  for (guint i = 0; i < g_list_model_get_n_items (surveys) && survey == NULL; i++)
    {
      g_autoptr(TrailSurvey) other = g_list_model_get_item (surveys, i);

      if (g_strcmp0 (trail_survey_get_source (other), csv_name) == 0)
        survey = other;
    }

  if (survey != NULL && import_mapping == NULL)
    import = trail_survey_import_new_refresh (csv_bytes, survey, &error);
  else
    import = trail_survey_import_new (csv_bytes, import_csv, 0, &error);

  if (import == NULL)
    {
      g_printerr ("%s: %s\n", import_csv, error->message);
      return 1;
    }

  if (import_mapping != NULL)
    {
      g_autoptr(GBytes) mapping = read_input (import_mapping, 256 * 1024, &error);

      if (mapping == NULL ||
          !trail_survey_import_load_mapping (import, doc, mapping, &error))
        {
          g_printerr ("%s: %s\n", import_mapping, error->message);
          return 1;
        }
    }

  if (import_scale != NULL)
    {
      double min, max;

      if (!parse_scale (import_scale, &min, &max))
        {
          g_printerr ("trailmap: %s\n",
                      _("--import-scale takes MIN..MAX with MIN below MAX, e.g. 0..10"));
          return 2;
        }
      trail_survey_import_set_scale (import, min, max);
    }

  /* Without a mapping, say what was guessed, so a pipeline's log shows
   * it and a person can write the mapping that fixes it. */
  if (import_mapping == NULL && survey == NULL)
    {
      g_autofree char *description = trail_survey_import_describe (import);
      g_print ("%s", description);
    }

  if (!trail_survey_import_check (import, doc, &error))
    {
      g_printerr ("%s\n", error->message);
      g_printerr ("%s\n", _("Name the columns in a mapping file and give it with --import-mapping=FILE (see trailmap(1))."));
      return 1;
    }

  n_bad = trail_survey_import_get_n_bad (import);
  print_bad_rows (n_bad, get_survey_bad, import);

  survey = trail_survey_import_apply (import, doc, NULL, &error);
  if (survey == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (!trail_document_save_to_file (doc, map_file, NULL, NULL, NULL, &error))
    {
      g_printerr ("%s: %s\n", map_path, error->message);
      return 1;
    }

  g_print (ngettext ("%s: %u row imported from %s",
                     "%s: %u rows imported from %s", trail_survey_get_rows (survey)),
           map_path, trail_survey_get_rows (survey), csv_name);
  if (n_bad > 0)
    g_print (ngettext (", %u skipped\n", ", %u skipped\n", n_bad), n_bad);
  else
    g_print ("\n");

  return 0;
}

int
trail_cli_import_run (const char * const *files)
{
  g_return_val_if_fail (files != NULL, 2);

  if (import_csv == NULL)
    {
      g_printerr ("trailmap: %s\n", _("--import-mapping and --import-scale need --import-csv=FILE."));
      return 2;
    }

  if (files[0] == NULL || files[1] != NULL)
    {
      g_printerr ("trailmap: %s\n", _("--import-csv updates one map: name exactly one .trailmap file."));
      return 2;
    }

  return import_one (files[0]);
}
