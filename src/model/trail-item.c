/* trail-item.c — what personas, stages, lanes, cards and points share: how
 * the document writes their read-only properties, and the table of their
 * fields in a .trailmap file.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-item"

#include "config.h"

#include <glib/gi18n.h>
#include <gobject/gvaluecollector.h>
#include <math.h>
#include <string.h>

#include "trail-image.h"
#include "trail-model-private.h"
#include "trail-ratings.h"

static const TrailField persona_fields[] = {
  { "id",          "id",          TRAIL_FIELD_ID | TRAIL_FIELD_REQUIRED },
  { "name",        "name",        TRAIL_FIELD_REQUIRED },
  { "role",        "role",        0 },
  { "quote",       "quote",       0 },
  { "goals",       "goals",       0 },
  { "motivations", "motivations", 0 },
  { "pain-points", "pain-points", 0 },
  { "color",       "color",       TRAIL_FIELD_COLOR | TRAIL_FIELD_REQUIRED },
  { "photo",       "photo",       TRAIL_FIELD_IMAGE },
};

static const TrailField stage_fields[] = {
  { "id",          "id",          TRAIL_FIELD_ID | TRAIL_FIELD_REQUIRED },
  { "name",        "name",        TRAIL_FIELD_REQUIRED },
  { "description", "description", 0 },
  { "presenter-notes", "presenter-notes", 0 },
  { "color",       "color",       TRAIL_FIELD_COLOR },
};

static const TrailField lane_fields[] = {
  { "id",          "id",          TRAIL_FIELD_ID | TRAIL_FIELD_REQUIRED },
  { "kind",        "kind",        TRAIL_FIELD_REQUIRED },
  { "title",       "title",       TRAIL_FIELD_REQUIRED },
  { "hidden",      "hidden",      0 },
  { "persona",     "persona-id",  TRAIL_FIELD_REF_PERSONA },
};

static const TrailField card_fields[] = {
  { "id",              "id",              TRAIL_FIELD_ID | TRAIL_FIELD_REQUIRED },
  { "lane",            "lane-id",         TRAIL_FIELD_REQUIRED | TRAIL_FIELD_REF_LANE | TRAIL_FIELD_PLACEMENT },
  { "stage",           "stage-id",        TRAIL_FIELD_REQUIRED | TRAIL_FIELD_REF_STAGE | TRAIL_FIELD_PLACEMENT },
  { "text",            "text",            TRAIL_FIELD_REQUIRED },
  { "details",         "details",         0 },
  { "channel",         "channel",         0 },
  { "personas",        "persona-tags",    TRAIL_FIELD_REF_PERSONA },
  { "evidence",        "evidence",        0 },
  { "evidence-source", "evidence-source", 0 },
  { "evidence-note",   "evidence-note",   0 },
  { "priority",        "priority",        0 },
  { "color",           "color",           TRAIL_FIELD_COLOR },
  { "votes",           "votes",           0 },
  { "custom-channel",  "custom-channel",  TRAIL_FIELD_REF_CHANNEL },
  { "survey",          "survey",          0 },
  { "survey-key",      "survey-key",      0 },
  { "metric-unit",     "metric-unit",     0 },
  { "metric-target",   "metric-target",   TRAIL_FIELD_NUMBER },
  { "metric-values",   "metric-values",   TRAIL_FIELD_DATED },
};

static const TrailField survey_fields[] = {
  { "id",                "id",                TRAIL_FIELD_ID | TRAIL_FIELD_REQUIRED },
  { "source",            "source",            TRAIL_FIELD_REQUIRED },
  { "imported",          "imported",          0 },
  { "rows",              "rows",              TRAIL_FIELD_REQUIRED },
  { "skipped",           "skipped",           0 },
  { "scale-min",         "scale-min",         TRAIL_FIELD_REQUIRED },
  { "scale-max",         "scale-max",         TRAIL_FIELD_REQUIRED },
  { "separator",         "separator",         0 },
  { "stage-column",      "stage-column",      TRAIL_FIELD_REQUIRED },
  { "score-column",      "score-column",      TRAIL_FIELD_REQUIRED },
  { "persona-column",    "persona-column",    0 },
  { "verbatim-column",   "verbatim-column",   0 },
  { "date-column",       "date-column",       0 },
  { "channel-column",    "channel-column",    0 },
  { "respondent-column", "respondent-column", 0 },
  { "stage-values",      "stage-values",      0 },
  { "persona-values",    "persona-values",    0 },
  { "quotes",            "quotes",            TRAIL_FIELD_REQUIRED },
  { "quote-choice",      "quote-choice",      0 },
  { "band",              "band",              0 },
};

static const TrailField vote_round_fields[] = {
  { "id",        "id",        TRAIL_FIELD_ID | TRAIL_FIELD_REQUIRED },
  { "question",  "question",  0 },
  { "lane-kind", "lane-kind", 0 },
  { "budget",    "budget",    TRAIL_FIELD_REQUIRED },
  { "revealed",  "revealed",  0 },
};

/* "dots" last: a voter's votes are one line at the end of their record. */
static const TrailField voter_fields[] = {
  { "id",    "id",    TRAIL_FIELD_ID | TRAIL_FIELD_REQUIRED },
  { "round", "round", TRAIL_FIELD_REQUIRED },
  { "name",  "name",  0 },
  { "dots",  "dots",  TRAIL_FIELD_REPEATS },
};

/* One line each for what a re-rating changes, "score" and "word", between
 * lines it keeps: two people re-rating in copies of a map merge. */
static const TrailField rating_fields[] = {
  { "id",          "id",          TRAIL_FIELD_ID | TRAIL_FIELD_REQUIRED },
  { "stage",       "stage-id",    TRAIL_FIELD_REQUIRED | TRAIL_FIELD_REF_STAGE },
  { "participant", "participant", TRAIL_FIELD_REQUIRED | TRAIL_FIELD_RATING_TEXT },
  { "name",        "name",        TRAIL_FIELD_RATING_TEXT },
  { "score",       "score",       TRAIL_FIELD_REQUIRED | TRAIL_FIELD_SCORE },
  { "word",        "word",        TRAIL_FIELD_RATING_TEXT },
};

static const TrailField survey_result_fields[] = {
  { "id",          "id",          TRAIL_FIELD_ID | TRAIL_FIELD_REQUIRED },
  { "survey",      "survey",      TRAIL_FIELD_REQUIRED },
  { "stage",       "stage-id",    TRAIL_FIELD_REQUIRED },
  { "persona",     "persona-id",  0 },
  { "n",           "n",           TRAIL_FIELD_REQUIRED },
  { "mean",        "mean",        TRAIL_FIELD_REQUIRED },
  { "median",      "median",      TRAIL_FIELD_REQUIRED },
  { "q1",          "q1",          TRAIL_FIELD_REQUIRED },
  { "q3",          "q3",          TRAIL_FIELD_REQUIRED },
  { "sd",          "sd",          TRAIL_FIELD_REQUIRED },
};

static const TrailField channel_fields[] = {
  { "id",          "id",          TRAIL_FIELD_ID | TRAIL_FIELD_REQUIRED },
  { "name",        "name",        TRAIL_FIELD_REQUIRED },
  { "icon",        "icon",        TRAIL_FIELD_REQUIRED | TRAIL_FIELD_ICON },
};

static const TrailField action_fields[] = {
  { "id",          "id",          TRAIL_FIELD_ID | TRAIL_FIELD_REQUIRED },
  { "title",       "title",       TRAIL_FIELD_REQUIRED },
  { "status",      "status",      TRAIL_FIELD_REQUIRED },
  { "owner",       "owner",       0 },
  { "due",         "due",         TRAIL_FIELD_DATE },
  { "cards",       "cards",       TRAIL_FIELD_REF_CARD },
  { "kpi",         "kpi",         0 },
  { "kpi-target",  "kpi-target",  TRAIL_FIELD_NUMBER },
  { "metric",      "metric",      TRAIL_FIELD_REF_CARD },
};

static const TrailField line_fields[] = {
  { "id",          "id",          TRAIL_FIELD_ID | TRAIL_FIELD_REQUIRED },
  { "persona",     "persona-id",  TRAIL_FIELD_REF_PERSONA | TRAIL_FIELD_PLACEMENT },
};

static const TrailField point_fields[] = {
  { "id",          "id",          TRAIL_FIELD_ID | TRAIL_FIELD_REQUIRED },
  { "stage",       "stage-id",    TRAIL_FIELD_REQUIRED | TRAIL_FIELD_REF_STAGE | TRAIL_FIELD_PLACEMENT },
  { "position",    "position",    TRAIL_FIELD_REQUIRED | TRAIL_FIELD_PLACEMENT },
  { "score",       "score",       TRAIL_FIELD_REQUIRED | TRAIL_FIELD_SCORE | TRAIL_FIELD_PLACEMENT },
  { "note",        "note",        0 },
};

static GQuark
unknown_quark (void)
{
  return g_quark_from_static_string ("trail-unknown-fields");
}

const TrailField *
_trail_fields_for_type (GType  type,
                        guint *n_fields)
{
#define RETURN_TABLE(t) G_STMT_START { *n_fields = G_N_ELEMENTS (t); return t; } G_STMT_END
  if (type == TRAIL_TYPE_PERSONA)
    RETURN_TABLE (persona_fields);
  if (type == TRAIL_TYPE_STAGE)
    RETURN_TABLE (stage_fields);
  if (type == TRAIL_TYPE_LANE)
    RETURN_TABLE (lane_fields);
  if (type == TRAIL_TYPE_CARD)
    RETURN_TABLE (card_fields);
  if (type == TRAIL_TYPE_EMOTION_LINE)
    RETURN_TABLE (line_fields);
  if (type == TRAIL_TYPE_EMOTION_POINT)
    RETURN_TABLE (point_fields);
  if (type == TRAIL_TYPE_CUSTOM_CHANNEL)
    RETURN_TABLE (channel_fields);
  if (type == TRAIL_TYPE_SURVEY)
    RETURN_TABLE (survey_fields);
  if (type == TRAIL_TYPE_SURVEY_RESULT)
    RETURN_TABLE (survey_result_fields);
  if (type == TRAIL_TYPE_ACTION)
    RETURN_TABLE (action_fields);
  if (type == TRAIL_TYPE_VOTE_ROUND)
    RETURN_TABLE (vote_round_fields);
  if (type == TRAIL_TYPE_VOTER)
    RETURN_TABLE (voter_fields);
  if (type == TRAIL_TYPE_RATING)
    RETURN_TABLE (rating_fields);
#undef RETURN_TABLE

  *n_fields = 0;
  return NULL;
}

gboolean
_trail_color_is_valid (const char *color)
{
  if (color == NULL || color[0] != '#' || strlen (color) != 7)
    return FALSE;

  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;

  return TRUE;
}

static gboolean
check_text (const char  *text,
            GError     **error)
{
  gsize len = strlen (text);

  if (len > TRAIL_FILE_MAX_STRING)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT,
                   _("text is too long (%lu bytes; the limit is %d)"),
                   (unsigned long) len, TRAIL_FILE_MAX_STRING);
      return FALSE;
    }

  if (!g_utf8_validate (text, len, NULL))
    {
      g_set_error_literal (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                           _("text is not valid UTF-8"));
      return FALSE;
    }

  return TRUE;
}

gboolean
_trail_field_check_value (const TrailField  *field,
                          GParamSpec        *pspec,
                          const GValue      *value,
                          GError           **error)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (type == G_TYPE_STRING)
    {
      const char *s = g_value_get_string (value);

      if (s == NULL)
        {
          if (field->flags & TRAIL_FIELD_REQUIRED)
            {
              g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                           _("%s cannot be empty"), field->key);
              return FALSE;
            }
          return TRUE;
        }

      if (!check_text (s, error))
        return FALSE;

      if ((field->flags & TRAIL_FIELD_NUMBER) && !trail_metric_number_parse (s, NULL))
        {
          g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                       _("“%s” is not a number like “3.5”"), s);
          return FALSE;
        }

      if (field->flags & TRAIL_FIELD_RATING_TEXT)
        {
          g_autoptr(GError) local = NULL;

          if (!_trail_rating_check_text (field->key, s, &local))
            {
              g_set_error_literal (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID, local->message);
              return FALSE;
            }
        }

      if ((field->flags & TRAIL_FIELD_COLOR) && !_trail_color_is_valid (s))
        {
          g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                       _("“%s” is not a colour like “#3584e4”"), s);
          return FALSE;
        }

      if ((field->flags & TRAIL_FIELD_DATE) && !trail_action_due_is_valid (s))
        {
          g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                       _("“%s” is not a date like “2026-03-31”"), s);
          return FALSE;
        }

      if ((field->flags & TRAIL_FIELD_ICON) && !trail_custom_channel_icon_is_valid (s))
        {
          g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                       _("“%s” is not one of Trailmap’s icons"), s);
          return FALSE;
        }

      if ((field->flags & (TRAIL_FIELD_ID | TRAIL_FIELD_REF_LANE | TRAIL_FIELD_REF_STAGE |
                           TRAIL_FIELD_REF_PERSONA | TRAIL_FIELD_REF_CHANNEL | TRAIL_FIELD_REF_CARD)) &&
          s[0] == '\0')
        {
          g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                       _("%s cannot be empty"), field->key);
          return FALSE;
        }
    }
  else if (type == G_TYPE_STRV)
    {
      const char * const *strv = g_value_get_boxed (value);
      guint n = strv != NULL ? g_strv_length ((char **) strv) : 0;

      if (n > TRAIL_FILE_MAX_TAGS)
        {
          g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT,
                       _("too many entries in %s (%u; the limit is %d)"),
                       field->key, n, TRAIL_FILE_MAX_TAGS);
          return FALSE;
        }

      for (guint i = 0; i < n; i++)
        {
          if (!check_text (strv[i], error))
            return FALSE;

          if ((field->flags & TRAIL_FIELD_DATED) && !trail_metric_value_parse (strv[i], NULL, NULL))
            {
              g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                           _("“%s” is not a date and a number like “2026-03=3.1”"), strv[i]);
              return FALSE;
            }

          for (guint j = 0; j < i && !(field->flags & TRAIL_FIELD_REPEATS); j++)
            if (strcmp (strv[i], strv[j]) == 0 ||
                ((field->flags & TRAIL_FIELD_DATED) &&
                 strcspn (strv[i], "=") == strcspn (strv[j], "=") &&
                 strncmp (strv[i], strv[j], strcspn (strv[i], "=")) == 0))
              {
                g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                             _("“%s” appears twice in %s"), strv[i], field->key);
                return FALSE;
              }
        }
    }
  else if (type == G_TYPE_DOUBLE)
    {
      GParamSpecDouble *d = G_PARAM_SPEC_DOUBLE (pspec);
      double v = g_value_get_double (value);

      if (!isfinite (v) || v < d->minimum || v > d->maximum)
        {
          g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                       _("%s must be a number from %g to %g"),
                       field->key, d->minimum, d->maximum);
          return FALSE;
        }
    }
  else if (type == G_TYPE_INT)
    {
      GParamSpecInt *d = G_PARAM_SPEC_INT (pspec);
      int v = g_value_get_int (value);

      if (v < d->minimum || v > d->maximum)
        {
          g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                       _("%s must be a whole number from %d to %d"),
                       field->key, d->minimum, d->maximum);
          return FALSE;
        }
    }
  else if (type == G_TYPE_UINT)
    {
      GParamSpecUInt *u = G_PARAM_SPEC_UINT (pspec);
      guint v = g_value_get_uint (value);

      if (v < u->minimum || v > u->maximum)
        {
          g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                       _("%s must be a whole number from %u to %u"),
                       field->key, u->minimum, u->maximum);
          return FALSE;
        }
    }
  else if (G_TYPE_IS_ENUM (type))
    {
      GEnumClass *klass = G_PARAM_SPEC_ENUM (pspec)->enum_class;

      if (g_enum_get_value (klass, g_value_get_enum (value)) == NULL)
        {
          g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                       _("%d is not a valid %s"), g_value_get_enum (value), field->key);
          return FALSE;
        }
    }
  else if (type == G_TYPE_BYTES)
    {
      GBytes *bytes = g_value_get_boxed (value);

      if (bytes != NULL && !trail_image_check_bytes (bytes, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
_trail_value_equal (const GValue *a,
                    const GValue *b)
{
  GType type = G_VALUE_TYPE (a);

  if (type != G_VALUE_TYPE (b))
    return FALSE;

  if (type == G_TYPE_STRING)
    return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;

  if (type == G_TYPE_STRV)
    {
      const char * const *sa = g_value_get_boxed (a);
      const char * const *sb = g_value_get_boxed (b);

      if (sa == NULL || sb == NULL)
        return (sa == NULL || sa[0] == NULL) && (sb == NULL || sb[0] == NULL);

      return g_strv_equal (sa, sb);
    }

  if (type == G_TYPE_BYTES)
    {
      GBytes *ba = g_value_get_boxed (a);
      GBytes *bb = g_value_get_boxed (b);

      if (ba == NULL || bb == NULL)
        return ba == bb;

      return g_bytes_equal (ba, bb);
    }

  if (type == G_TYPE_DOUBLE)
    return g_value_get_double (a) == g_value_get_double (b);
  if (type == G_TYPE_UINT)
    return g_value_get_uint (a) == g_value_get_uint (b);
  if (type == G_TYPE_INT)
    return g_value_get_int (a) == g_value_get_int (b);
  if (type == G_TYPE_BOOLEAN)
    return !g_value_get_boolean (a) == !g_value_get_boolean (b);
  if (G_TYPE_IS_ENUM (type))
    return g_value_get_enum (a) == g_value_get_enum (b);

  g_return_val_if_reached (FALSE);
}

gboolean
_trail_item_set_value (gpointer      item,
                       GParamSpec   *pspec,
                       const GValue *value)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (item);
  g_auto(GValue) old = G_VALUE_INIT;

  g_return_val_if_fail (G_VALUE_TYPE (value) == G_PARAM_SPEC_VALUE_TYPE (pspec), FALSE);

  g_value_init (&old, G_PARAM_SPEC_VALUE_TYPE (pspec));
  g_object_get_property (item, pspec->name, &old);

  if (_trail_value_equal (&old, value))
    return FALSE;

  /* The property is read-only for everyone else; the class's set_property
   * still handles it and notifies. */
  klass->set_property (item, pspec->param_id, value, pspec);

  return TRUE;
}

void
_trail_item_init_value (gpointer      item,
                        GParamSpec   *pspec,
                        const GValue *value)
{
  G_OBJECT_GET_CLASS (item)->set_property (item, pspec->param_id, value, pspec);
}

gboolean
_trail_item_set (gpointer    item,
                 const char *property,
                 ...)
{
  gboolean changed = FALSE;
  va_list args;

  va_start (args, property);

  while (property != NULL)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (item), property);
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *error = NULL;

      if (pspec == NULL)
        {
          g_critical ("%s has no property “%s”", G_OBJECT_TYPE_NAME (item), property);
          break;
        }

      G_VALUE_COLLECT_INIT (&value, G_PARAM_SPEC_VALUE_TYPE (pspec), args, 0, &error);
      if (error != NULL)
        {
          g_critical ("%s", error);
          break;
        }

      changed |= _trail_item_set_value (item, pspec, &value);
      property = va_arg (args, const char *);
    }

  va_end (args);

  return changed;
}

JsonObject *
_trail_item_get_unknown (gpointer item)
{
  return g_object_get_qdata (item, unknown_quark ());
}

void
_trail_item_set_unknown (gpointer    item,
                         JsonObject *unknown)
{
  if (unknown != NULL && json_object_get_size (unknown) == 0)
    unknown = NULL;

  g_object_set_qdata_full (item, unknown_quark (),
                           unknown != NULL ? json_object_ref (unknown) : NULL,
                           (GDestroyNotify) json_object_unref);
}
