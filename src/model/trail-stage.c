/* trail-stage.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-stage"

#include "config.h"

#include "trail-model-private.h"
#include "trail-stage.h"

struct _TrailStage
{
  GObject  parent_instance;

  char    *id;
  char    *name;
  char    *description;
  char    *presenter_notes;
  char    *color;
};

G_DEFINE_FINAL_TYPE (TrailStage, trail_stage, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_PRESENTER_NOTES,
  PROP_COLOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char **
field_for_prop (TrailStage *self,
                guint       prop_id)
{
  switch (prop_id)
    {
    case PROP_ID:          return &self->id;
    case PROP_NAME:        return &self->name;
    case PROP_DESCRIPTION: return &self->description;
    case PROP_PRESENTER_NOTES: return &self->presenter_notes;
    case PROP_COLOR:       return &self->color;
    default:               return NULL;
    }
}

static void
trail_stage_finalize (GObject *object)
{
  TrailStage *self = (TrailStage *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->presenter_notes, g_free);
  g_clear_pointer (&self->color, g_free);

  G_OBJECT_CLASS (trail_stage_parent_class)->finalize (object);
}

static void
trail_stage_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TrailStage *self = TRAIL_STAGE (object);
  char **field = field_for_prop (self, prop_id);

  if (field != NULL)
    g_value_set_string (value, *field);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
trail_stage_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TrailStage *self = TRAIL_STAGE (object);
  char **field = field_for_prop (self, prop_id);

  if (field == NULL)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  g_free (*field);
  *field = g_value_dup_string (value);
  g_object_notify_by_pspec (object, properties[prop_id]);
}

static void
trail_stage_class_init (TrailStageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = trail_stage_finalize;
  object_class->get_property = trail_stage_get_property;
  object_class->set_property = trail_stage_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  /* What the facilitator reads on the presenter console; never drawn on the map. */
  properties[PROP_PRESENTER_NOTES] = g_param_spec_string ("presenter-notes", NULL, NULL, NULL, flags);
  properties[PROP_COLOR] = g_param_spec_string ("color", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trail_stage_init (TrailStage *self)
{
  self->name = g_strdup ("");
}

TrailStage *
_trail_stage_new (const char *id)
{
  return g_object_new (TRAIL_TYPE_STAGE, "id", id, NULL);
}

const char *
trail_stage_get_id (TrailStage *self)
{
  g_return_val_if_fail (TRAIL_IS_STAGE (self), NULL);
  return self->id;
}

const char *
trail_stage_get_name (TrailStage *self)
{
  g_return_val_if_fail (TRAIL_IS_STAGE (self), NULL);
  return self->name;
}

const char *
trail_stage_get_description (TrailStage *self)
{
  g_return_val_if_fail (TRAIL_IS_STAGE (self), NULL);
  return self->description;
}

const char *
trail_stage_get_presenter_notes (TrailStage *self)
{
  g_return_val_if_fail (TRAIL_IS_STAGE (self), NULL);
  return self->presenter_notes;
}

const char *
trail_stage_get_color (TrailStage *self)
{
  g_return_val_if_fail (TRAIL_IS_STAGE (self), NULL);
  return self->color;
}
