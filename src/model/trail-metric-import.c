/* trail-metric-import.c — dated metrics from a CSV file onto a map's KPIs
 *
 * As for surveys: check reads every row and changes nothing; apply makes
 * one group of edits that cannot fail.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-metric-import"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "trail-metric-import.h"
#include "trail-model-private.h"

/* Beyond this a value would need an exponent, which the file does not
 * write. */
#define MAX_VALUE 1e12

enum { COL_METRIC, COL_STAGE, COL_DATE, COL_VALUE, COL_UNIT, COL_TARGET, N_COLS };

static const char * const col_words[N_COLS][8] = {
  { "metric", "kpi", "metricname", "kpiname", "measure", "name", NULL },
  { "stage", "journeystage", "phase", "step", NULL },
  { "date", "month", "period", "day", "datum", NULL },
  { "value", "wert", "valeur", "valor", NULL },
  { "unit", "einheit", "unite", NULL },
  { "target", "goal", "ziel", "objectif", NULL },
};

typedef struct
{
  guint       row;
  const char *stage_id;
  char       *metric;   /* as the file writes it, trimmed */
  char       *folded;
  char        date[11];
  char       *value;    /* formatted as the file keeps numbers */
  char       *unit;
  char       *target;
} GoodRow;


struct _TrailMetricImport
{
  TrailCsv *csv;
  char     *source;
  int       cols[N_COLS];
  GArray   *good;
  TrailCsvBadRows *bad;
};

static void
good_row_clear (gpointer data)
{
  GoodRow *row = data;

  g_free (row->metric);
  g_free (row->folded);
  g_free (row->value);
  g_free (row->unit);
  g_free (row->target);
}


static void
guess_columns (TrailCsv *csv,
               int      *cols)
{
  guint n = trail_csv_get_n_fields (csv, 0);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c < n; c++)
    g_ptr_array_add (keys, trail_csv_header_key (trail_csv_get_field (csv, 0, c)));

  for (guint r = 0; r < N_COLS; r++)
    {
      cols[r] = -1;
      for (guint w = 0; cols[r] < 0 && col_words[r][w] != NULL; w++)
        for (guint c = 0; c < n; c++)
          if (strcmp (g_ptr_array_index (keys, c), col_words[r][w]) == 0)
            {
              gboolean taken = FALSE;

              for (guint o = 0; o < r; o++)
                taken |= cols[o] == (int) c;
              if (!taken)
                {
                  cols[r] = c;
                  break;
                }
            }
    }
}

gboolean
trail_metric_import_looks_like (TrailCsv *csv)
{
  int cols[N_COLS];
  guint n;

  g_return_val_if_fail (csv != NULL, FALSE);

  guess_columns (csv, cols);
  if (cols[COL_METRIC] < 0 || cols[COL_VALUE] < 0)
    return FALSE;

  /* A survey names a score; metrics files do not. */
  n = trail_csv_get_n_fields (csv, 0);
  for (guint c = 0; c < n; c++)
    {
      g_autofree char *key = trail_csv_header_key (trail_csv_get_field (csv, 0, c));

      if (strstr (key, "score") != NULL || strstr (key, "rating") != NULL)
        return FALSE;
    }
  return TRUE;
}

TrailMetricImport *
trail_metric_import_new (GBytes      *bytes,
                         const char  *source,
                         char         separator,
                         GError     **error)
{
  g_autoptr(TrailMetricImport) self = g_new0 (TrailMetricImport, 1);
  static const char * const names[] = { N_("metric"), N_("stage"), N_("date"), N_("value") };

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  self->source = g_path_get_basename (source);
  self->good = g_array_new (FALSE, FALSE, sizeof (GoodRow));
  g_array_set_clear_func (self->good, good_row_clear);
  self->bad = trail_csv_bad_rows_new ();

  self->csv = trail_csv_parse (bytes, separator, 0, error);
  if (self->csv == NULL)
    return NULL;

  guess_columns (self->csv, self->cols);
  for (guint r = 0; r <= COL_VALUE; r++)
    if (self->cols[r] < 0)
      {
        g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                     _("%s has no %s column (a metrics file has the columns metric, stage, date and value)"),
                     self->source, _(names[r]));
        return NULL;
      }

  return g_steal_pointer (&self);
}

void
trail_metric_import_free (TrailMetricImport *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->csv, trail_csv_free);
  g_clear_pointer (&self->good, g_array_unref);
  g_clear_pointer (&self->bad, trail_csv_bad_rows_free);
  g_free (self->source);
  g_free (self);
}

static void
add_bad (TrailMetricImport *self,
         guint              row,
         char              *message)
{
  trail_csv_bad_rows_add (self->bad, trail_csv_get_line (self->csv, row), message);
}

/* 2026-03, 2026-03-31, 2026/03, 2026/03/31. */
static gboolean
parse_date (const char *text,
            char       *date)
{
  g_autofree char *t = g_strstrip (g_strdup (text));
  gsize len = strlen (t);

  if (len != 7 && len != 10)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (i == 4 || i == 7)
        {
          if (t[i] != '-' && t[i] != '/')
            return FALSE;
          date[i] = '-';
        }
      else if (g_ascii_isdigit (t[i]))
        date[i] = t[i];
      else
        return FALSE;
    }
  date[len] = '\0';

  /* Months and days that exist, roughly: 01–12 and 01–31. */
  if (memcmp (date + 5, "01", 2) < 0 || memcmp (date + 5, "12", 2) > 0)
    return FALSE;
  if (len == 10 && (memcmp (date + 8, "01", 2) < 0 || memcmp (date + 8, "31", 2) > 0))
    return FALSE;
  return TRUE;
}

/* The file's way of writing a number: "3.1", "-12", never "1e-05". */
static char *
format_number (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  g_ascii_formatd (buf, sizeof buf, "%.6f", v);
  end = buf + strlen (buf) - 1;
  while (*end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  if (strcmp (buf, "-0") == 0)
    return g_strdup ("0");
  return g_strdup (buf);
}

/* A value, with a decimal comma and a trailing "%" allowed. */
static gboolean
parse_value (const char  *text,
             char       **value,
             gboolean    *percent)
{
  g_autofree char *t = g_strstrip (g_strdup (text));
  gsize len = strlen (t);
  double v;

  *percent = len > 0 && t[len - 1] == '%';
  if (*percent)
    t[len - 1] = '\0';

  if (!trail_csv_parse_number (t, &v) || fabs (v) >= MAX_VALUE)
    return FALSE;
  *value = format_number (v);
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_DEFAULT);

  return g_utf8_casefold (normal != NULL ? normal : "", -1);
}

gboolean
trail_metric_import_check (TrailMetricImport  *self,
                           TrailDocument      *document,
                           GError            **error)
{
  g_autoptr(GHashTable) stages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *list;
  guint n_rows;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), FALSE);

  g_array_set_size (self->good, 0);
  trail_csv_bad_rows_clear (self->bad);

  list = trail_document_get_stages (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (list, i);
      char *key = fold (trail_stage_get_name (stage));

      if (!g_hash_table_contains (stages, key))
        g_hash_table_insert (stages, key, (gpointer) trail_stage_get_id (stage));
      else
        g_free (key);
    }

  n_rows = trail_csv_get_n_rows (self->csv);
  for (guint i = 1; i < n_rows; i++)
    {
      const char *problem = trail_csv_get_row_problem (self->csv, i);
      const char *metric = trail_csv_get_field (self->csv, i, self->cols[COL_METRIC]);
      const char *stage = trail_csv_get_field (self->csv, i, self->cols[COL_STAGE]);
      const char *date = trail_csv_get_field (self->csv, i, self->cols[COL_DATE]);
      const char *value = trail_csv_get_field (self->csv, i, self->cols[COL_VALUE]);
      const char *unit = self->cols[COL_UNIT] >= 0 ? trail_csv_get_field (self->csv, i, self->cols[COL_UNIT]) : NULL;
      const char *target = self->cols[COL_TARGET] >= 0 ? trail_csv_get_field (self->csv, i, self->cols[COL_TARGET]) : NULL;
      g_autofree char *name = NULL;
      g_autofree char *stage_key = NULL;
      g_autofree char *stage_name = NULL;
      GoodRow good = { 0 };
      gboolean percent = FALSE, target_percent = FALSE;

      if (problem != NULL)
        {
          add_bad (self, i, g_strdup (problem));
          continue;
        }
      if (metric == NULL || stage == NULL || date == NULL || value == NULL)
        {
          add_bad (self, i, g_strdup_printf (_("too few fields (%u of the header’s %u)"),
                                             trail_csv_get_n_fields (self->csv, i),
                                             trail_csv_get_n_fields (self->csv, 0)));
          continue;
        }

      name = g_strstrip (g_strdup (metric));
      if (name[0] == '\0' || strlen (name) > 1000)
        {
          add_bad (self, i, g_strdup (_("no metric name")));
          continue;
        }

      stage_name = g_strstrip (g_strdup (stage));
      stage_key = fold (stage_name);
      good.stage_id = g_hash_table_lookup (stages, stage_key);
      if (good.stage_id == NULL)
        {
          add_bad (self, i, g_strdup_printf (_("no stage is called “%s”"), stage_name));
          continue;
        }

      if (!parse_date (date, good.date))
        {
          g_autofree char *stripped = g_strstrip (g_strdup (date));
          add_bad (self, i, g_strdup_printf (_("the date “%s” is not like 2026-03 or 2026-03-31"), stripped));
          continue;
        }

      if (!parse_value (value, &good.value, &percent))
        {
          g_autofree char *stripped = g_strstrip (g_strdup (value));
          add_bad (self, i, g_strdup_printf (_("the value “%s” is not a number"), stripped));
          continue;
        }

      if (target != NULL && !is_blank (target) &&
          !parse_value (target, &good.target, &target_percent))
        {
          g_autofree char *stripped = g_strstrip (g_strdup (target));
          g_free (good.value);
          add_bad (self, i, g_strdup_printf (_("the target “%s” is not a number"), stripped));
          continue;
        }

      good.row = i;
      good.metric = g_steal_pointer (&name);
      good.folded = fold (good.metric);
      if (unit != NULL && !is_blank (unit) && strlen (unit) < 100)
        good.unit = g_strstrip (g_strdup (unit));
      else if (percent || target_percent)
        good.unit = g_strdup ("%");
      g_array_append_val (self->good, good);
    }

  return TRUE;
}

guint
trail_metric_import_get_n_good (TrailMetricImport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->good->len;
}

guint
trail_metric_import_get_n_bad (TrailMetricImport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return trail_csv_bad_rows_get_n (self->bad);
}

const char *
trail_metric_import_get_bad (TrailMetricImport *self,
                             guint              index,
                             guint             *line)
{
  g_return_val_if_fail (self != NULL, NULL);

  return trail_csv_bad_rows_get (self->bad, index, line);
}

static TrailLane *
kpis_lane (TrailDocument *document)
{
  GListModel *lanes = trail_document_get_lanes (document);

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(TrailLane) lane = g_list_model_get_item (lanes, i);

      if (trail_lane_get_kind (lane) == TRAIL_LANE_KIND_KPIS)
        return lane;
    }

  return trail_document_add_lane (document, -1, TRAIL_LANE_KIND_KPIS, _("KPIs"));
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

guint
trail_metric_import_apply (TrailMetricImport  *self,
                           TrailDocument      *document,
                           GError            **error)
{
  g_autoptr(GHashTable) groups = NULL;   /* "stage\x1fmetric" → GPtrArray of GoodRow* */
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  TrailLane *lane = NULL;
  guint changed = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), 0);

  if (!trail_metric_import_check (self, document, error))
    return 0;

  if (self->good->len == 0)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                   _("%s: no row can be imported (%u cannot be read)"), self->source, trail_csv_bad_rows_get_n (self->bad));
      return 0;
    }

  groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < self->good->len; i++)
    {
      GoodRow *row = &g_array_index (self->good, GoodRow, i);
      char *key = g_strconcat (row->stage_id, "\x1f", row->folded, NULL);
      GPtrArray *rows = g_hash_table_lookup (groups, key);

      if (rows == NULL)
        {
          rows = g_ptr_array_new ();
          g_hash_table_insert (groups, key, rows);
          g_ptr_array_add (order, rows);
        }
      else
        g_free (key);
      g_ptr_array_add (rows, row);
    }

  trail_document_begin_group (document, _("Import Metrics"));

  for (guint g = 0; g < order->len; g++)
    {
      GPtrArray *rows = order->pdata[g];
      GoodRow *first = rows->pdata[0];
      TrailStage *stage = trail_document_find_stage (document, first->stage_id);
      g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);
      const char *unit = NULL, *target = NULL;
      TrailCard *card = NULL;
      GPtrArray *cell;
      GHashTableIter iter;
      gpointer date, value;

      if (lane == NULL)
        lane = kpis_lane (document);

      cell = trail_document_get_cell_cards (document, lane, stage);
      for (guint i = 0; i < cell->len && card == NULL; i++)
        {
          g_autofree char *folded = fold (trail_card_get_text (cell->pdata[i]));

          if (strcmp (folded, first->folded) == 0)
            card = cell->pdata[i];
        }
      g_ptr_array_unref (cell);

      if (card == NULL)
        card = trail_document_add_card (document, lane, stage, -1, first->metric);
      else
        {
          const char * const *old = trail_card_get_metric_values (card);

          for (guint i = 0; old != NULL && old[i] != NULL; i++)
            {
              const char *eq = strchr (old[i], '=');
              g_hash_table_insert (values, g_strndup (old[i], eq - old[i]), g_strdup (eq + 1));
            }
        }

      /* Later rows win, for the value of a date as for unit and target. */
      for (guint i = 0; i < rows->len; i++)
        {
          GoodRow *row = rows->pdata[i];

          g_hash_table_insert (values, g_strdup (row->date), g_strdup (row->value));
          if (row->unit != NULL)
            unit = row->unit;
          if (row->target != NULL)
            target = row->target;
        }

      g_hash_table_iter_init (&iter, values);
      while (g_hash_table_iter_next (&iter, &date, &value))
        g_ptr_array_add (entries, g_strconcat (date, "=", value, NULL));
      g_ptr_array_sort (entries, compare_entries);

      /* The file's limit on a list; the most recent dates are kept. */
      if (entries->len > TRAIL_FILE_MAX_TAGS)
        g_ptr_array_remove_range (entries, 0, entries->len - TRAIL_FILE_MAX_TAGS);
      g_ptr_array_add (entries, NULL);

      trail_document_update (document, card, "metric-values", (char **) entries->pdata, NULL);
      if (unit != NULL)
        trail_document_update (document, card, "metric-unit", unit, NULL);
      if (target != NULL)
        trail_document_update (document, card, "metric-target", target, NULL);
      if (trail_card_get_evidence (card) == TRAIL_EVIDENCE_NONE)
        trail_document_update (document, card,
                               "evidence", TRAIL_EVIDENCE_OBSERVED,
                               "evidence-source", TRAIL_EVIDENCE_SOURCE_ANALYTICS,
                               "evidence-note", self->source,
                               NULL);
      changed++;
    }

  trail_document_end_group (document);

  return changed;
}
