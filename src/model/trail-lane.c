/* trail-lane.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-lane"

#include "config.h"

#include "trail-enums.h"
#include "trail-lane.h"
#include "trail-model-private.h"

struct _TrailLane
{
  GObject        parent_instance;

  char          *id;
  TrailLaneKind  kind;
  char          *title;
  char          *persona_id;
  guint          hidden : 1;
};

G_DEFINE_FINAL_TYPE (TrailLane, trail_lane, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_TITLE,
  PROP_HIDDEN,
  PROP_PERSONA_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
trail_lane_finalize (GObject *object)
{
  TrailLane *self = (TrailLane *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->persona_id, g_free);

  G_OBJECT_CLASS (trail_lane_parent_class)->finalize (object);
}

static void
trail_lane_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TrailLane *self = TRAIL_LANE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_HIDDEN:
      g_value_set_boolean (value, self->hidden);
      break;

    case PROP_PERSONA_ID:
      g_value_set_string (value, self->persona_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_lane_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TrailLane *self = TRAIL_LANE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_free (self->id);
      self->id = g_value_dup_string (value);
      break;

    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;

    case PROP_TITLE:
      g_free (self->title);
      self->title = g_value_dup_string (value);
      break;

    case PROP_HIDDEN:
      self->hidden = g_value_get_boolean (value);
      break;

    case PROP_PERSONA_ID:
      g_free (self->persona_id);
      self->persona_id = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  g_object_notify_by_pspec (object, properties[prop_id]);
}

static void
trail_lane_class_init (TrailLaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = trail_lane_finalize;
  object_class->get_property = trail_lane_get_property;
  object_class->set_property = trail_lane_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       TRAIL_TYPE_LANE_KIND, TRAIL_LANE_KIND_TOUCHPOINTS, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", flags);
  properties[PROP_HIDDEN] = g_param_spec_boolean ("hidden", NULL, NULL, FALSE, flags);
  properties[PROP_PERSONA_ID] = g_param_spec_string ("persona-id", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trail_lane_init (TrailLane *self)
{
  self->title = g_strdup ("");
}

TrailLane *
_trail_lane_new (const char *id)
{
  return g_object_new (TRAIL_TYPE_LANE, "id", id, NULL);
}

const char *
trail_lane_get_id (TrailLane *self)
{
  g_return_val_if_fail (TRAIL_IS_LANE (self), NULL);
  return self->id;
}

TrailLaneKind
trail_lane_get_kind (TrailLane *self)
{
  g_return_val_if_fail (TRAIL_IS_LANE (self), TRAIL_LANE_KIND_CUSTOM);
  return self->kind;
}

const char *
trail_lane_get_title (TrailLane *self)
{
  g_return_val_if_fail (TRAIL_IS_LANE (self), NULL);
  return self->title;
}

gboolean
trail_lane_get_hidden (TrailLane *self)
{
  g_return_val_if_fail (TRAIL_IS_LANE (self), FALSE);
  return self->hidden;
}

const char *
trail_lane_get_persona_id (TrailLane *self)
{
  g_return_val_if_fail (TRAIL_IS_LANE (self), NULL);
  return self->persona_id;
}
