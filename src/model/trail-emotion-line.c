/* trail-emotion-line.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-emotion-line"

#include "config.h"

#include "trail-emotion-line.h"
#include "trail-model-private.h"

/* Scores are checked against the document's scale; this is only the bound
 * no scale may exceed. */
#define MAX_ABS_SCORE 1000.0

struct _TrailEmotionPoint
{
  GObject           parent_instance;

  char             *id;
  char             *stage_id;
  char             *note;
  double            position;
  double            score;
  TrailEmotionLine *line; /* unowned: the line owns the point */
};

struct _TrailEmotionLine
{
  GObject     parent_instance;

  char       *id;
  char       *persona_id;
  GListStore *points;
};

G_DEFINE_FINAL_TYPE (TrailEmotionPoint, trail_emotion_point, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (TrailEmotionLine, trail_emotion_line, G_TYPE_OBJECT)

enum {
  POINT_PROP_0,
  POINT_PROP_ID,
  POINT_PROP_STAGE_ID,
  POINT_PROP_POSITION,
  POINT_PROP_SCORE,
  POINT_PROP_NOTE,
  N_POINT_PROPS
};

enum {
  LINE_PROP_0,
  LINE_PROP_ID,
  LINE_PROP_PERSONA_ID,
  N_LINE_PROPS
};

static GParamSpec *point_properties[N_POINT_PROPS];
static GParamSpec *line_properties[N_LINE_PROPS];

/* ---- TrailEmotionPoint ---------------------------------------------- */

static void
trail_emotion_point_finalize (GObject *object)
{
  TrailEmotionPoint *self = (TrailEmotionPoint *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->stage_id, g_free);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (trail_emotion_point_parent_class)->finalize (object);
}

static void
trail_emotion_point_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TrailEmotionPoint *self = TRAIL_EMOTION_POINT (object);

  switch (prop_id)
    {
    case POINT_PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case POINT_PROP_STAGE_ID:
      g_value_set_string (value, self->stage_id);
      break;

    case POINT_PROP_POSITION:
      g_value_set_double (value, self->position);
      break;

    case POINT_PROP_SCORE:
      g_value_set_double (value, self->score);
      break;

    case POINT_PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_emotion_point_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TrailEmotionPoint *self = TRAIL_EMOTION_POINT (object);

  switch (prop_id)
    {
    case POINT_PROP_ID:
      g_free (self->id);
      self->id = g_value_dup_string (value);
      break;

    case POINT_PROP_STAGE_ID:
      g_free (self->stage_id);
      self->stage_id = g_value_dup_string (value);
      break;

    case POINT_PROP_POSITION:
      self->position = g_value_get_double (value);
      break;

    case POINT_PROP_SCORE:
      self->score = g_value_get_double (value);
      break;

    case POINT_PROP_NOTE:
      g_free (self->note);
      self->note = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  g_object_notify_by_pspec (object, point_properties[prop_id]);
}

static void
trail_emotion_point_class_init (TrailEmotionPointClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = trail_emotion_point_finalize;
  object_class->get_property = trail_emotion_point_get_property;
  object_class->set_property = trail_emotion_point_set_property;

  point_properties[POINT_PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  point_properties[POINT_PROP_STAGE_ID] =
    g_param_spec_string ("stage-id", NULL, NULL, NULL, flags);
  point_properties[POINT_PROP_POSITION] =
    g_param_spec_double ("position", NULL, NULL, 0.0, 1.0, 0.5, flags);
  point_properties[POINT_PROP_SCORE] =
    g_param_spec_double ("score", NULL, NULL, -MAX_ABS_SCORE, MAX_ABS_SCORE, 0.0, flags);
  point_properties[POINT_PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_POINT_PROPS, point_properties);
}

static void
trail_emotion_point_init (TrailEmotionPoint *self)
{
  self->position = 0.5;
}

TrailEmotionPoint *
_trail_emotion_point_new (const char *id)
{
  return g_object_new (TRAIL_TYPE_EMOTION_POINT, "id", id, NULL);
}

TrailEmotionLine *
_trail_emotion_point_get_line (TrailEmotionPoint *self)
{
  return self->line;
}

void
_trail_emotion_point_set_line (TrailEmotionPoint *self,
                               TrailEmotionLine  *line)
{
  self->line = line;
}

const char *
trail_emotion_point_get_id (TrailEmotionPoint *self)
{
  g_return_val_if_fail (TRAIL_IS_EMOTION_POINT (self), NULL);
  return self->id;
}

const char *
trail_emotion_point_get_stage_id (TrailEmotionPoint *self)
{
  g_return_val_if_fail (TRAIL_IS_EMOTION_POINT (self), NULL);
  return self->stage_id;
}

double
trail_emotion_point_get_position (TrailEmotionPoint *self)
{
  g_return_val_if_fail (TRAIL_IS_EMOTION_POINT (self), 0.0);
  return self->position;
}

double
trail_emotion_point_get_score (TrailEmotionPoint *self)
{
  g_return_val_if_fail (TRAIL_IS_EMOTION_POINT (self), 0.0);
  return self->score;
}

const char *
trail_emotion_point_get_note (TrailEmotionPoint *self)
{
  g_return_val_if_fail (TRAIL_IS_EMOTION_POINT (self), NULL);
  return self->note;
}

/* ---- TrailEmotionLine ----------------------------------------------- */

static void
trail_emotion_line_dispose (GObject *object)
{
  TrailEmotionLine *self = (TrailEmotionLine *)object;

  if (self->points != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->points));

      /* Points may outlive the line (an undo command holds them). */
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TrailEmotionPoint) point = g_list_model_get_item (G_LIST_MODEL (self->points), i);
          point->line = NULL;
        }
    }
  g_clear_object (&self->points);

  G_OBJECT_CLASS (trail_emotion_line_parent_class)->dispose (object);
}

static void
trail_emotion_line_finalize (GObject *object)
{
  TrailEmotionLine *self = (TrailEmotionLine *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->persona_id, g_free);

  G_OBJECT_CLASS (trail_emotion_line_parent_class)->finalize (object);
}

static void
trail_emotion_line_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TrailEmotionLine *self = TRAIL_EMOTION_LINE (object);

  switch (prop_id)
    {
    case LINE_PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case LINE_PROP_PERSONA_ID:
      g_value_set_string (value, self->persona_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_emotion_line_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TrailEmotionLine *self = TRAIL_EMOTION_LINE (object);

  switch (prop_id)
    {
    case LINE_PROP_ID:
      g_free (self->id);
      self->id = g_value_dup_string (value);
      break;

    case LINE_PROP_PERSONA_ID:
      g_free (self->persona_id);
      self->persona_id = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  g_object_notify_by_pspec (object, line_properties[prop_id]);
}

static void
trail_emotion_line_class_init (TrailEmotionLineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = trail_emotion_line_dispose;
  object_class->finalize = trail_emotion_line_finalize;
  object_class->get_property = trail_emotion_line_get_property;
  object_class->set_property = trail_emotion_line_set_property;

  line_properties[LINE_PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  line_properties[LINE_PROP_PERSONA_ID] =
    g_param_spec_string ("persona-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_LINE_PROPS, line_properties);
}

static void
trail_emotion_line_init (TrailEmotionLine *self)
{
  self->points = g_list_store_new (TRAIL_TYPE_EMOTION_POINT);
}

TrailEmotionLine *
_trail_emotion_line_new (const char *id)
{
  return g_object_new (TRAIL_TYPE_EMOTION_LINE, "id", id, NULL);
}

GListStore *
_trail_emotion_line_get_store (TrailEmotionLine *self)
{
  return self->points;
}

const char *
trail_emotion_line_get_id (TrailEmotionLine *self)
{
  g_return_val_if_fail (TRAIL_IS_EMOTION_LINE (self), NULL);
  return self->id;
}

const char *
trail_emotion_line_get_persona_id (TrailEmotionLine *self)
{
  g_return_val_if_fail (TRAIL_IS_EMOTION_LINE (self), NULL);
  return self->persona_id;
}

GListModel *
trail_emotion_line_get_points (TrailEmotionLine *self)
{
  g_return_val_if_fail (TRAIL_IS_EMOTION_LINE (self), NULL);
  return G_LIST_MODEL (self->points);
}
