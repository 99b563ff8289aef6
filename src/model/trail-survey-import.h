/* trail-survey-import.h — survey results from a CSV file onto a map
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-csv.h"
#include "trail-document.h"

G_BEGIN_DECLS

typedef enum
{
  TRAIL_SURVEY_COLUMN_STAGE,
  TRAIL_SURVEY_COLUMN_SCORE,
  TRAIL_SURVEY_COLUMN_PERSONA,
  TRAIL_SURVEY_COLUMN_VERBATIM,
  TRAIL_SURVEY_COLUMN_DATE,
  TRAIL_SURVEY_COLUMN_CHANNEL,
  TRAIL_SURVEY_COLUMN_RESPONDENT,
  TRAIL_SURVEY_N_COLUMNS
} TrailSurveyColumn;

/* Rows an import reads at most, whatever the file's size. */
#define TRAIL_SURVEY_MAX_ROWS 2000000

typedef struct _TrailSurveyImport TrailSurveyImport;

/* An import in three steps, which the dialog and the command line share:
 *
 * 1. trail_survey_import_new() reads the file (the first row holds the
 *    column names) and guesses the mapping: columns from their headers
 *    (stage or phase, score or rating, persona or segment, verbatim or
 *    comment, date, channel, respondent), the scores' scale from their
 *    range (within 1–5: CSAT; 1–7: CES; 0–10: NPS; else the range);
 * 2. the mapping is changed (set_column, set_scale, map_value…, or a
 *    mapping file with load_mapping), and trail_survey_import_check()
 *    reads every row against a document: it lists the rows that cannot be
 *    used, with their line and reason, and the stage values no stage
 *    matches, and changes nothing;
 * 3. trail_survey_import_apply() puts the good rows on the map as one undo
 *    step: per stage (and per persona, when a persona column is mapped)
 *    the measured emotion; per stage the quote cards (the most extreme or
 *    the most recent verbatims) in the thoughts lane; and the import itself
 *    (TrailSurvey), so that importing the same file name again refreshes
 *    it: the numbers are updated, the quote cards it made are updated,
 *    added or removed, and cards people wrote are not touched. */
TrailSurveyImport *trail_survey_import_new          (GBytes             *bytes,
                                                     const char         *source,
                                                     char                separator,
                                                     GError            **error);
/* An import that reads @bytes with the mapping recorded in @survey: what
 * Refresh does. Fails when a recorded column is not in the file. */
TrailSurveyImport *trail_survey_import_new_refresh  (GBytes             *bytes,
                                                     TrailSurvey        *survey,
                                                     GError            **error);
void               trail_survey_import_free         (TrailSurveyImport  *self);

TrailCsv          *trail_survey_import_get_csv      (TrailSurveyImport  *self);
const char        *trail_survey_import_get_source   (TrailSurveyImport  *self);

/* The column (index in the header row) for a role, or -1. */
/* Reads the file again with another separator (',', ';' or '\t') and
 * guesses its columns and scale again. */
gboolean           trail_survey_import_set_separator (TrailSurveyImport *self,
                                                      char               separator,
                                                      GError           **error);
int                trail_survey_import_get_column   (TrailSurveyImport  *self,
                                                     TrailSurveyColumn   role);
void               trail_survey_import_set_column   (TrailSurveyImport  *self,
                                                     TrailSurveyColumn   role,
                                                     int                 column);
void               trail_survey_import_get_scale    (TrailSurveyImport  *self,
                                                     double             *min,
                                                     double             *max);
/* @min < @max. */
void               trail_survey_import_set_scale    (TrailSurveyImport  *self,
                                                     double              min,
                                                     double              max);
/* Maps a stage (or persona) value of the file that matches no stage (or
 * persona) by name onto one, by id; NULL forgets the mapping. Values are
 * compared without case, as names are. */
void               trail_survey_import_map_value    (TrailSurveyImport  *self,
                                                     TrailSurveyColumn   role,
                                                     const char         *value,
                                                     const char         *id);
/* How many quote cards per stage (0–20; the default is 2) and which. */
void               trail_survey_import_set_quotes   (TrailSurveyImport  *self,
                                                     guint               n,
                                                     gboolean            most_recent);
/* The quote cards per stage, whether the most recent, and the band. */
void               trail_survey_import_get_options  (TrailSurveyImport  *self,
                                                     guint              *quotes,
                                                     gboolean           *most_recent,
                                                     gboolean           *band_sd);
/* The band around the measured line: ±1 standard deviation instead of the
 * interquartile range. */
void               trail_survey_import_set_band_sd  (TrailSurveyImport  *self,
                                                     gboolean            sd);

/* Reads a mapping file (docs/model.md and trailmap(1) describe it);
 * stage and persona values may name stages and personas by name or id,
 * so @document is needed. Unknown members are refused. */
gboolean           trail_survey_import_load_mapping (TrailSurveyImport  *self,
                                                     TrailDocument      *document,
                                                     GBytes             *json,
                                                     GError            **error);
/* The mapping as a mapping file, to save from the dialog. */
GBytes            *trail_survey_import_save_mapping (TrailSurveyImport  *self);
/* The mapping in a few lines, for people: what the command line prints. */
char              *trail_survey_import_describe     (TrailSurveyImport  *self);

/* Reads every row against @document. Fails (TRAIL_DOCUMENT_ERROR_INVALID)
 * only when the stage or score column is not mapped; bad rows are not an
 * error. */
gboolean           trail_survey_import_check        (TrailSurveyImport  *self,
                                                     TrailDocument      *document,
                                                     GError            **error);
/* After check: the rows that will be used, and those that will not. */
guint              trail_survey_import_get_n_good   (TrailSurveyImport  *self);
guint              trail_survey_import_get_n_bad    (TrailSurveyImport  *self);
/* The @index-th bad row: its line in the file and why (translated). */
const char        *trail_survey_import_get_bad      (TrailSurveyImport  *self,
                                                     guint               index,
                                                     guint              *line);
/* Stage values no stage matches, most common first. NULL-terminated. */
char             **trail_survey_import_get_unmatched (TrailSurveyImport *self,
                                                      TrailSurveyColumn  role);

/* Puts the good rows on @document as one undo step ("Import Survey", or
 * "Refresh Survey" when a survey with the same source is already there).
 * Calls check first if it has not run for @document. Returns the survey,
 * or NULL with an error (nothing changed). @imported is the date and time
 * to record (NULL: now). */
TrailSurvey       *trail_survey_import_apply        (TrailSurveyImport  *self,
                                                     TrailDocument      *document,
                                                     GDateTime          *imported,
                                                     GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrailSurveyImport, trail_survey_import_free)

G_END_DECLS
