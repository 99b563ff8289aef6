/* trail-card.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-card"

#include "config.h"

#include <math.h>
#include <string.h>

#include "trail-card.h"
#include "trail-enums.h"
#include "trail-model-private.h"

/* Votes are counted by hand in a workshop; a million is plenty and keeps
 * files free of absurd numbers. */
#define MAX_VOTES 1000000

struct _TrailCard
{
  GObject              parent_instance;

  char                *id;
  char                *lane_id;
  char                *stage_id;
  char                *text;
  char                *details;
  char               **persona_tags;
  char                *evidence_note;
  char                *color;
  char                *custom_channel;
  char                *survey;
  char                *survey_key;
  char                *metric_unit;
  char                *metric_target;
  char               **metric_values;
  TrailChannel         channel;
  TrailEvidence        evidence;
  TrailEvidenceSource  evidence_source;
  TrailPriority        priority;
  guint                votes;
};

G_DEFINE_FINAL_TYPE (TrailCard, trail_card, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LANE_ID,
  PROP_STAGE_ID,
  PROP_TEXT,
  PROP_DETAILS,
  PROP_CHANNEL,
  PROP_PERSONA_TAGS,
  PROP_EVIDENCE,
  PROP_EVIDENCE_SOURCE,
  PROP_EVIDENCE_NOTE,
  PROP_PRIORITY,
  PROP_COLOR,
  PROP_VOTES,
  PROP_CUSTOM_CHANNEL,
  PROP_SURVEY,
  PROP_SURVEY_KEY,
  PROP_METRIC_UNIT,
  PROP_METRIC_TARGET,
  PROP_METRIC_VALUES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char **
string_field (TrailCard *self,
              guint      prop_id)
{
  switch (prop_id)
    {
    case PROP_ID:            return &self->id;
    case PROP_LANE_ID:       return &self->lane_id;
    case PROP_STAGE_ID:      return &self->stage_id;
    case PROP_TEXT:          return &self->text;
    case PROP_DETAILS:       return &self->details;
    case PROP_EVIDENCE_NOTE: return &self->evidence_note;
    case PROP_COLOR:         return &self->color;
    case PROP_CUSTOM_CHANNEL: return &self->custom_channel;
    case PROP_SURVEY:        return &self->survey;
    case PROP_SURVEY_KEY:    return &self->survey_key;
    case PROP_METRIC_UNIT:   return &self->metric_unit;
    case PROP_METRIC_TARGET: return &self->metric_target;
    default:                 return NULL;
    }
}

static void
trail_card_finalize (GObject *object)
{
  TrailCard *self = (TrailCard *)object;

  for (guint i = PROP_0 + 1; i < N_PROPS; i++)
    {
      char **field = string_field (self, i);

      if (field != NULL)
        g_clear_pointer (field, g_free);
    }
  g_clear_pointer (&self->persona_tags, g_strfreev);
  g_clear_pointer (&self->metric_values, g_strfreev);

  G_OBJECT_CLASS (trail_card_parent_class)->finalize (object);
}

static void
trail_card_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TrailCard *self = TRAIL_CARD (object);
  char **field = string_field (self, prop_id);

  if (field != NULL)
    {
      g_value_set_string (value, *field);
      return;
    }

  switch (prop_id)
    {
    case PROP_CHANNEL:
      g_value_set_enum (value, self->channel);
      break;

    case PROP_PERSONA_TAGS:
      g_value_set_boxed (value, self->persona_tags);
      break;

    case PROP_METRIC_VALUES:
      g_value_set_boxed (value, self->metric_values);
      break;

    case PROP_EVIDENCE:
      g_value_set_enum (value, self->evidence);
      break;

    case PROP_EVIDENCE_SOURCE:
      g_value_set_enum (value, self->evidence_source);
      break;

    case PROP_PRIORITY:
      g_value_set_enum (value, self->priority);
      break;

    case PROP_VOTES:
      g_value_set_uint (value, self->votes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_card_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TrailCard *self = TRAIL_CARD (object);
  char **field = string_field (self, prop_id);

  if (field != NULL)
    {
      g_free (*field);
      *field = g_value_dup_string (value);
      g_object_notify_by_pspec (object, properties[prop_id]);
      return;
    }

  switch (prop_id)
    {
    case PROP_CHANNEL:
      self->channel = g_value_get_enum (value);
      break;

    case PROP_PERSONA_TAGS:
      {
        const char * const *tags = g_value_get_boxed (value);

        /* No tags is always NULL, so that files and comparisons agree. */
        g_clear_pointer (&self->persona_tags, g_strfreev);
        if (tags != NULL && tags[0] != NULL)
          self->persona_tags = g_strdupv ((char **) tags);
      }
      break;

    case PROP_METRIC_VALUES:
      {
        const char * const *values = g_value_get_boxed (value);

        g_clear_pointer (&self->metric_values, g_strfreev);
        if (values != NULL && values[0] != NULL)
          self->metric_values = g_strdupv ((char **) values);
      }
      break;

    case PROP_EVIDENCE:
      self->evidence = g_value_get_enum (value);
      break;

    case PROP_EVIDENCE_SOURCE:
      self->evidence_source = g_value_get_enum (value);
      break;

    case PROP_PRIORITY:
      self->priority = g_value_get_enum (value);
      break;

    case PROP_VOTES:
      self->votes = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  g_object_notify_by_pspec (object, properties[prop_id]);
}

static void
trail_card_class_init (TrailCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = trail_card_finalize;
  object_class->get_property = trail_card_get_property;
  object_class->set_property = trail_card_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANE_ID] = g_param_spec_string ("lane-id", NULL, NULL, NULL, flags);
  properties[PROP_STAGE_ID] = g_param_spec_string ("stage-id", NULL, NULL, NULL, flags);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, "", flags);
  properties[PROP_DETAILS] = g_param_spec_string ("details", NULL, NULL, NULL, flags);
  properties[PROP_CHANNEL] =
    g_param_spec_enum ("channel", NULL, NULL,
                       TRAIL_TYPE_CHANNEL, TRAIL_CHANNEL_NONE, flags);
  properties[PROP_PERSONA_TAGS] =
    g_param_spec_boxed ("persona-tags", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_EVIDENCE] =
    g_param_spec_enum ("evidence", NULL, NULL,
                       TRAIL_TYPE_EVIDENCE, TRAIL_EVIDENCE_NONE, flags);
  properties[PROP_EVIDENCE_SOURCE] =
    g_param_spec_enum ("evidence-source", NULL, NULL,
                       TRAIL_TYPE_EVIDENCE_SOURCE, TRAIL_EVIDENCE_SOURCE_NONE, flags);
  properties[PROP_EVIDENCE_NOTE] = g_param_spec_string ("evidence-note", NULL, NULL, NULL, flags);
  properties[PROP_PRIORITY] =
    g_param_spec_enum ("priority", NULL, NULL,
                       TRAIL_TYPE_PRIORITY, TRAIL_PRIORITY_NONE, flags);
  properties[PROP_COLOR] = g_param_spec_string ("color", NULL, NULL, NULL, flags);
  properties[PROP_VOTES] = g_param_spec_uint ("votes", NULL, NULL, 0, MAX_VOTES, 0, flags);
  properties[PROP_CUSTOM_CHANNEL] = g_param_spec_string ("custom-channel", NULL, NULL, NULL, flags);
  properties[PROP_SURVEY] = g_param_spec_string ("survey", NULL, NULL, NULL, flags);
  properties[PROP_SURVEY_KEY] = g_param_spec_string ("survey-key", NULL, NULL, NULL, flags);
  properties[PROP_METRIC_UNIT] = g_param_spec_string ("metric-unit", NULL, NULL, NULL, flags);
  properties[PROP_METRIC_TARGET] = g_param_spec_string ("metric-target", NULL, NULL, NULL, flags);
  properties[PROP_METRIC_VALUES] = g_param_spec_boxed ("metric-values", NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trail_card_init (TrailCard *self)
{
  self->text = g_strdup ("");
}

TrailCard *
_trail_card_new (const char *id)
{
  return g_object_new (TRAIL_TYPE_CARD, "id", id, NULL);
}

const char *
trail_card_get_id (TrailCard *self)
{
  g_return_val_if_fail (TRAIL_IS_CARD (self), NULL);
  return self->id;
}

const char *
trail_card_get_lane_id (TrailCard *self)
{
  g_return_val_if_fail (TRAIL_IS_CARD (self), NULL);
  return self->lane_id;
}

const char *
trail_card_get_stage_id (TrailCard *self)
{
  g_return_val_if_fail (TRAIL_IS_CARD (self), NULL);
  return self->stage_id;
}

const char *
trail_card_get_text (TrailCard *self)
{
  g_return_val_if_fail (TRAIL_IS_CARD (self), NULL);
  return self->text;
}

const char *
trail_card_get_details (TrailCard *self)
{
  g_return_val_if_fail (TRAIL_IS_CARD (self), NULL);
  return self->details;
}

TrailChannel
trail_card_get_channel (TrailCard *self)
{
  g_return_val_if_fail (TRAIL_IS_CARD (self), TRAIL_CHANNEL_NONE);
  return self->channel;
}

const char * const *
trail_card_get_persona_tags (TrailCard *self)
{
  g_return_val_if_fail (TRAIL_IS_CARD (self), NULL);
  return (const char * const *) self->persona_tags;
}

TrailEvidence
trail_card_get_evidence (TrailCard *self)
{
  g_return_val_if_fail (TRAIL_IS_CARD (self), TRAIL_EVIDENCE_NONE);
  return self->evidence;
}

TrailEvidenceSource
trail_card_get_evidence_source (TrailCard *self)
{
  g_return_val_if_fail (TRAIL_IS_CARD (self), TRAIL_EVIDENCE_SOURCE_NONE);
  return self->evidence_source;
}

const char *
trail_card_get_evidence_note (TrailCard *self)
{
  g_return_val_if_fail (TRAIL_IS_CARD (self), NULL);
  return self->evidence_note;
}

TrailPriority
trail_card_get_priority (TrailCard *self)
{
  g_return_val_if_fail (TRAIL_IS_CARD (self), TRAIL_PRIORITY_NONE);
  return self->priority;
}

const char *
trail_card_get_color (TrailCard *self)
{
  g_return_val_if_fail (TRAIL_IS_CARD (self), NULL);
  return self->color;
}

guint
trail_card_get_votes (TrailCard *self)
{
  g_return_val_if_fail (TRAIL_IS_CARD (self), 0);
  return self->votes;
}

const char *
trail_card_get_custom_channel (TrailCard *self)
{
  g_return_val_if_fail (TRAIL_IS_CARD (self), NULL);
  return self->custom_channel;
}

const char *
trail_card_get_survey (TrailCard *self)
{
  g_return_val_if_fail (TRAIL_IS_CARD (self), NULL);
  return self->survey;
}

const char *
trail_card_get_survey_key (TrailCard *self)
{
  g_return_val_if_fail (TRAIL_IS_CARD (self), NULL);
  return self->survey_key;
}

gboolean
trail_metric_number_parse (const char *text,
                           double     *number)
{
  const char *p = text;
  char *end;
  double v;

  if (text == NULL)
    return FALSE;

  /* What JSON calls a number, without exponents: "-3.25", "12". */
  if (*p == '-')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p != '\0' || p - text > 30)
    return FALSE;

  v = g_ascii_strtod (text, &end);
  if (*end != '\0' || !isfinite (v))
    return FALSE;

  if (number != NULL)
    *number = v;
  return TRUE;
}

gboolean
trail_metric_value_parse (const char *entry,
                          char       *date,
                          double     *value)
{
  const char *eq;
  gsize len;

  if (entry == NULL || (eq = strchr (entry, '=')) == NULL)
    return FALSE;

  /* YYYY-MM or YYYY-MM-DD: they sort as text. */
  len = eq - entry;
  if (len != 7 && len != 10)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      gboolean dash = i == 4 || i == 7;

      if (dash ? entry[i] != '-' : !g_ascii_isdigit (entry[i]))
        return FALSE;
    }

  if (!trail_metric_number_parse (eq + 1, value))
    return FALSE;

  if (date != NULL)
    {
      memcpy (date, entry, len);
      date[len] = '\0';
    }
  return TRUE;
}

const char *
trail_card_get_metric_unit (TrailCard *self)
{
  g_return_val_if_fail (TRAIL_IS_CARD (self), NULL);
  return self->metric_unit;
}

gboolean
trail_card_get_metric_target (TrailCard *self,
                              double    *target)
{
  g_return_val_if_fail (TRAIL_IS_CARD (self), FALSE);
  return trail_metric_number_parse (self->metric_target, target);
}

gboolean
trail_card_is_metric (TrailCard *self)
{
  g_return_val_if_fail (TRAIL_IS_CARD (self), FALSE);
  return self->metric_values != NULL;
}

const char * const *
trail_card_get_metric_values (TrailCard *self)
{
  g_return_val_if_fail (TRAIL_IS_CARD (self), NULL);
  return (const char * const *) self->metric_values;
}

static int
compare_metric_values (gconstpointer a,
                       gconstpointer b)
{
  return strcmp (((const TrailMetricValue *) a)->date, ((const TrailMetricValue *) b)->date);
}

GArray *
trail_card_dup_metric_series (TrailCard *self)
{
  GArray *series;

  g_return_val_if_fail (TRAIL_IS_CARD (self), NULL);

  series = g_array_new (FALSE, FALSE, sizeof (TrailMetricValue));
  for (guint i = 0; self->metric_values != NULL && self->metric_values[i] != NULL; i++)
    {
      TrailMetricValue v;

      if (trail_metric_value_parse (self->metric_values[i], v.date, &v.value))
        g_array_append_val (series, v);
    }
  g_array_sort (series, compare_metric_values);

  return series;
}
