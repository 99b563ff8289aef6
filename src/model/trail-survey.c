/* trail-survey.c — survey results imported into a map
 *
 * Both types are plain records of file fields: their values live in one
 * GValue per property, so the field table (trail-item.c) drives loading,
 * saving, editing and undo as for every other item.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-survey"

#include "config.h"

#include <string.h>

#include "trail-survey.h"
#include "trail-model-private.h"

/* The widest score scale a survey may have; far beyond 0–100. */
#define SCALE_LIMIT 1e6
/* Results are on the map's scale, whose bounds are within ±1000. */
#define RESULT_LIMIT 1e4

enum {
  SURVEY_PROP_0,
  SURVEY_PROP_ID,
  SURVEY_PROP_SOURCE,
  SURVEY_PROP_IMPORTED,
  SURVEY_PROP_ROWS,
  SURVEY_PROP_SKIPPED,
  SURVEY_PROP_SCALE_MIN,
  SURVEY_PROP_SCALE_MAX,
  SURVEY_PROP_SEPARATOR,
  SURVEY_PROP_STAGE_COLUMN,
  SURVEY_PROP_SCORE_COLUMN,
  SURVEY_PROP_PERSONA_COLUMN,
  SURVEY_PROP_VERBATIM_COLUMN,
  SURVEY_PROP_DATE_COLUMN,
  SURVEY_PROP_CHANNEL_COLUMN,
  SURVEY_PROP_RESPONDENT_COLUMN,
  SURVEY_PROP_STAGE_VALUES,
  SURVEY_PROP_PERSONA_VALUES,
  SURVEY_PROP_QUOTES,
  SURVEY_PROP_QUOTE_CHOICE,
  SURVEY_PROP_BAND,
  SURVEY_N_PROPS
};

enum {
  RESULT_PROP_0,
  RESULT_PROP_ID,
  RESULT_PROP_SURVEY,
  RESULT_PROP_STAGE,
  RESULT_PROP_PERSONA,
  RESULT_PROP_N,
  RESULT_PROP_MEAN,
  RESULT_PROP_MEDIAN,
  RESULT_PROP_Q1,
  RESULT_PROP_Q3,
  RESULT_PROP_SD,
  RESULT_N_PROPS
};

struct _TrailSurvey
{
  GObject parent_instance;
  GValue  values[SURVEY_N_PROPS];
};

struct _TrailSurveyResult
{
  GObject parent_instance;
  GValue  values[RESULT_N_PROPS];
};

G_DEFINE_FINAL_TYPE (TrailSurvey, trail_survey, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (TrailSurveyResult, trail_survey_result, G_TYPE_OBJECT)

static GParamSpec *survey_properties[SURVEY_N_PROPS];
static GParamSpec *result_properties[RESULT_N_PROPS];

/* What both types share: values stored by property id. */

static void
values_init (GValue      *values,
             GParamSpec **pspecs,
             guint        n)
{
  for (guint i = 1; i < n; i++)
    {
      g_value_init (&values[i], G_PARAM_SPEC_VALUE_TYPE (pspecs[i]));
      g_param_value_set_default (pspecs[i], &values[i]);
    }
}

static void
values_clear (GValue *values,
              guint   n)
{
  for (guint i = 1; i < n; i++)
    g_value_unset (&values[i]);
}

static void
values_set (GObject      *object,
            GValue       *values,
            GParamSpec  **pspecs,
            guint         prop_id,
            const GValue *value)
{
  g_value_copy (value, &values[prop_id]);
  /* Only the id is set at construction, and nobody watches yet. */
  if (prop_id > 1)
    g_object_notify_by_pspec (object, pspecs[prop_id]);
}

/* ---- TrailSurvey ------------------------------------------------------ */

static void
trail_survey_finalize (GObject *object)
{
  TrailSurvey *self = (TrailSurvey *)object;

  values_clear (self->values, SURVEY_N_PROPS);

  G_OBJECT_CLASS (trail_survey_parent_class)->finalize (object);
}

static void
trail_survey_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TrailSurvey *self = TRAIL_SURVEY (object);

  if (prop_id > 0 && prop_id < SURVEY_N_PROPS)
    g_value_copy (&self->values[prop_id], value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
trail_survey_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TrailSurvey *self = TRAIL_SURVEY (object);

  if (prop_id > 0 && prop_id < SURVEY_N_PROPS)
    {
      g_value_reset (&self->values[prop_id]);
      values_set (object, self->values, survey_properties, prop_id, value);
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
trail_survey_class_init (TrailSurveyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const char * const columns[] = {
    "stage-column", "score-column", "persona-column", "verbatim-column",
    "date-column", "channel-column", "respondent-column",
  };

  object_class->finalize = trail_survey_finalize;
  object_class->get_property = trail_survey_get_property;
  object_class->set_property = trail_survey_set_property;

  survey_properties[SURVEY_PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  survey_properties[SURVEY_PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, "", flags);
  survey_properties[SURVEY_PROP_IMPORTED] = g_param_spec_string ("imported", NULL, NULL, NULL, flags);
  survey_properties[SURVEY_PROP_ROWS] = g_param_spec_uint ("rows", NULL, NULL, 0, G_MAXINT, 0, flags);
  survey_properties[SURVEY_PROP_SKIPPED] = g_param_spec_uint ("skipped", NULL, NULL, 0, G_MAXINT, 0, flags);
  survey_properties[SURVEY_PROP_SCALE_MIN] =
    g_param_spec_double ("scale-min", NULL, NULL, -SCALE_LIMIT, SCALE_LIMIT, 0, flags);
  survey_properties[SURVEY_PROP_SCALE_MAX] =
    g_param_spec_double ("scale-max", NULL, NULL, -SCALE_LIMIT, SCALE_LIMIT, 10, flags);
  survey_properties[SURVEY_PROP_SEPARATOR] = g_param_spec_string ("separator", NULL, NULL, NULL, flags);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    survey_properties[SURVEY_PROP_STAGE_COLUMN + i] =
      g_param_spec_string (columns[i], NULL, NULL, NULL, flags);
  survey_properties[SURVEY_PROP_STAGE_VALUES] =
    g_param_spec_boxed ("stage-values", NULL, NULL, G_TYPE_STRV, flags);
  survey_properties[SURVEY_PROP_PERSONA_VALUES] =
    g_param_spec_boxed ("persona-values", NULL, NULL, G_TYPE_STRV, flags);
  survey_properties[SURVEY_PROP_QUOTES] = g_param_spec_uint ("quotes", NULL, NULL, 0, 20, 2, flags);
  survey_properties[SURVEY_PROP_QUOTE_CHOICE] = g_param_spec_string ("quote-choice", NULL, NULL, NULL, flags);
  survey_properties[SURVEY_PROP_BAND] = g_param_spec_string ("band", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, SURVEY_N_PROPS, survey_properties);
}

static void
trail_survey_init (TrailSurvey *self)
{
  values_init (self->values, survey_properties, SURVEY_N_PROPS);
}

TrailSurvey *
_trail_survey_new (const char *id)
{
  return g_object_new (TRAIL_TYPE_SURVEY, "id", id, NULL);
}

const char *
trail_survey_get_id (TrailSurvey *self)
{
  g_return_val_if_fail (TRAIL_IS_SURVEY (self), NULL);
  return g_value_get_string (&self->values[SURVEY_PROP_ID]);
}

const char *
trail_survey_get_source (TrailSurvey *self)
{
  g_return_val_if_fail (TRAIL_IS_SURVEY (self), NULL);
  return g_value_get_string (&self->values[SURVEY_PROP_SOURCE]);
}

const char *
trail_survey_get_imported (TrailSurvey *self)
{
  g_return_val_if_fail (TRAIL_IS_SURVEY (self), NULL);
  return g_value_get_string (&self->values[SURVEY_PROP_IMPORTED]);
}

guint
trail_survey_get_rows (TrailSurvey *self)
{
  g_return_val_if_fail (TRAIL_IS_SURVEY (self), 0);
  return g_value_get_uint (&self->values[SURVEY_PROP_ROWS]);
}

double
trail_survey_get_scale_min (TrailSurvey *self)
{
  g_return_val_if_fail (TRAIL_IS_SURVEY (self), 0);
  return g_value_get_double (&self->values[SURVEY_PROP_SCALE_MIN]);
}

double
trail_survey_get_scale_max (TrailSurvey *self)
{
  g_return_val_if_fail (TRAIL_IS_SURVEY (self), 0);
  return g_value_get_double (&self->values[SURVEY_PROP_SCALE_MAX]);
}

gboolean
trail_survey_get_band_is_sd (TrailSurvey *self)
{
  g_return_val_if_fail (TRAIL_IS_SURVEY (self), FALSE);
  return g_strcmp0 (g_value_get_string (&self->values[SURVEY_PROP_BAND]), "sd") == 0;
}

/* ---- TrailSurveyResult ------------------------------------------------ */

static void
trail_survey_result_finalize (GObject *object)
{
  TrailSurveyResult *self = (TrailSurveyResult *)object;

  values_clear (self->values, RESULT_N_PROPS);

  G_OBJECT_CLASS (trail_survey_result_parent_class)->finalize (object);
}

static void
trail_survey_result_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TrailSurveyResult *self = TRAIL_SURVEY_RESULT (object);

  if (prop_id > 0 && prop_id < RESULT_N_PROPS)
    g_value_copy (&self->values[prop_id], value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
trail_survey_result_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TrailSurveyResult *self = TRAIL_SURVEY_RESULT (object);

  if (prop_id > 0 && prop_id < RESULT_N_PROPS)
    {
      g_value_reset (&self->values[prop_id]);
      values_set (object, self->values, result_properties, prop_id, value);
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
trail_survey_result_class_init (TrailSurveyResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const char * const numbers[] = { "mean", "median", "q1", "q3", "sd" };

  object_class->finalize = trail_survey_result_finalize;
  object_class->get_property = trail_survey_result_get_property;
  object_class->set_property = trail_survey_result_set_property;

  result_properties[RESULT_PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  result_properties[RESULT_PROP_SURVEY] = g_param_spec_string ("survey", NULL, NULL, "", flags);
  result_properties[RESULT_PROP_STAGE] = g_param_spec_string ("stage-id", NULL, NULL, "", flags);
  result_properties[RESULT_PROP_PERSONA] = g_param_spec_string ("persona-id", NULL, NULL, NULL, flags);
  result_properties[RESULT_PROP_N] = g_param_spec_uint ("n", NULL, NULL, 0, G_MAXINT, 0, flags);
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    result_properties[RESULT_PROP_MEAN + i] =
      g_param_spec_double (numbers[i], NULL, NULL, -RESULT_LIMIT, RESULT_LIMIT, 0, flags);

  g_object_class_install_properties (object_class, RESULT_N_PROPS, result_properties);
}

static void
trail_survey_result_init (TrailSurveyResult *self)
{
  values_init (self->values, result_properties, RESULT_N_PROPS);
}

TrailSurveyResult *
_trail_survey_result_new (const char *id)
{
  return g_object_new (TRAIL_TYPE_SURVEY_RESULT, "id", id, NULL);
}

#define RESULT_GETTER(name, type, getter, PROP, fallback)                  \
  type                                                                     \
  trail_survey_result_get_##name (TrailSurveyResult *self)                 \
  {                                                                        \
    g_return_val_if_fail (TRAIL_IS_SURVEY_RESULT (self), fallback);        \
    return getter (&self->values[PROP]);                                   \
  }

RESULT_GETTER (id, const char *, g_value_get_string, RESULT_PROP_ID, NULL)
RESULT_GETTER (survey, const char *, g_value_get_string, RESULT_PROP_SURVEY, NULL)
RESULT_GETTER (stage_id, const char *, g_value_get_string, RESULT_PROP_STAGE, NULL)
RESULT_GETTER (persona_id, const char *, g_value_get_string, RESULT_PROP_PERSONA, NULL)
RESULT_GETTER (n, guint, g_value_get_uint, RESULT_PROP_N, 0)
RESULT_GETTER (mean, double, g_value_get_double, RESULT_PROP_MEAN, 0)
RESULT_GETTER (median, double, g_value_get_double, RESULT_PROP_MEDIAN, 0)
RESULT_GETTER (q1, double, g_value_get_double, RESULT_PROP_Q1, 0)
RESULT_GETTER (q3, double, g_value_get_double, RESULT_PROP_Q3, 0)
RESULT_GETTER (sd, double, g_value_get_double, RESULT_PROP_SD, 0)

#undef RESULT_GETTER
