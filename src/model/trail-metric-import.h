/* trail-metric-import.h — dated metrics from a CSV file onto a map's KPIs
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-csv.h"
#include "trail-document.h"

G_BEGIN_DECLS

typedef struct _TrailMetricImport TrailMetricImport;

/* A file of "metric,stage,date,value" rows (headers guessed: metric, KPI
 * or name; stage or phase; date, month or period; value; optionally unit
 * and target), as analytics tools export them. Each (metric, stage)
 * becomes a metric card in the stage's cell of the first KPIs lane (made
 * if the map has none): the card named after the metric there, or a new
 * one. Its dated values are merged: a date already there takes the file's
 * value. Dates are YYYY-MM or YYYY-MM-DD (or with '/'); values may have
 * decimal commas and a trailing "%", which becomes the unit when the file
 * names none. One undo step ("Import Metrics"); rows that cannot be read
 * are listed by line and left out, as for surveys.
 *
 * trail_metric_import_new() fails when the file has no metric, stage, date
 * or value column. */
TrailMetricImport *trail_metric_import_new       (GBytes             *bytes,
                                                  const char         *source,
                                                  char                separator,
                                                  GError            **error);
void               trail_metric_import_free      (TrailMetricImport  *self);

/* TRUE when @csv's header names a metric and a value and no score: a
 * metrics file rather than a survey. */
gboolean           trail_metric_import_looks_like (TrailCsv          *csv);

gboolean           trail_metric_import_check     (TrailMetricImport  *self,
                                                  TrailDocument      *document,
                                                  GError            **error);
guint              trail_metric_import_get_n_good (TrailMetricImport *self);
guint              trail_metric_import_get_n_bad (TrailMetricImport  *self);
const char        *trail_metric_import_get_bad   (TrailMetricImport  *self,
                                                  guint               index,
                                                  guint              *line);
/* Returns the number of metric cards added or changed, or 0 and an error
 * when no row can be used (nothing changed). */
guint              trail_metric_import_apply     (TrailMetricImport  *self,
                                                  TrailDocument      *document,
                                                  GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrailMetricImport, trail_metric_import_free)

G_END_DECLS
