/* trail-survey.h — survey results imported into a map
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-types.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_SURVEY (trail_survey_get_type())
#define TRAIL_TYPE_SURVEY_RESULT (trail_survey_result_get_type())

G_DECLARE_FINAL_TYPE (TrailSurvey, trail_survey, TRAIL, SURVEY, GObject)
G_DECLARE_FINAL_TYPE (TrailSurveyResult, trail_survey_result, TRAIL, SURVEY_RESULT, GObject)

/* One import of a survey's CSV file, kept in the file's optional
 * "surveys" list so that Refresh can read the same file the same way:
 *
 *   "id", "source" (the file's name, no folder), "imported" (ISO 8601 date
 *   and time of the last import or refresh), "rows" (rows imported),
 *   "skipped" (rows that could not be read), "scale-min", "scale-max" (the
 *   scores' scale, mapped linearly onto the map's emotion scale),
 *   "separator" (",", ";" or "tab"; NULL: guessed), the header of each
 *   column used ("stage-column", "score-column", "persona-column",
 *   "verbatim-column", "date-column", "channel-column",
 *   "respondent-column"; NULL: not used), "stage-values" and
 *   "persona-values" (values mapped by hand, each "value=id"), "quotes"
 *   (quote cards per stage, default 2), "quote-choice" ("extreme", the
 *   default, or "recent") and "band" ("iqr", the default, or "sd": what the
 *   band around the measured line shows).
 *
 * Change them with trail_document_update(). */
const char   *trail_survey_get_id              (TrailSurvey *self);
const char   *trail_survey_get_source          (TrailSurvey *self);
const char   *trail_survey_get_imported        (TrailSurvey *self);
guint         trail_survey_get_rows            (TrailSurvey *self);
double        trail_survey_get_scale_min       (TrailSurvey *self);
double        trail_survey_get_scale_max       (TrailSurvey *self);
/* TRUE when the band is mean ± one standard deviation rather than the
 * interquartile range. */
gboolean      trail_survey_get_band_is_sd      (TrailSurvey *self);

/* The measured emotion of one stage, for everyone (no persona) or for one
 * persona, from one survey, kept in the file's optional "survey-results"
 * list: "id", "survey", "stage", "persona", "n", and "mean", "median",
 * "q1", "q3" (quartiles) and "sd" (standard deviation), all on the map's
 * emotion scale. A result whose stage or persona the map no longer has is
 * kept (undo may bring the stage back) and not drawn. */
const char   *trail_survey_result_get_id       (TrailSurveyResult *self);
const char   *trail_survey_result_get_survey   (TrailSurveyResult *self);
const char   *trail_survey_result_get_stage_id (TrailSurveyResult *self);
const char   *trail_survey_result_get_persona_id (TrailSurveyResult *self);
guint         trail_survey_result_get_n        (TrailSurveyResult *self);
double        trail_survey_result_get_mean     (TrailSurveyResult *self);
double        trail_survey_result_get_median   (TrailSurveyResult *self);
double        trail_survey_result_get_q1       (TrailSurveyResult *self);
double        trail_survey_result_get_q3       (TrailSurveyResult *self);
double        trail_survey_result_get_sd       (TrailSurveyResult *self);

G_END_DECLS
