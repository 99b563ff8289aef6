/* trail-action.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-action"

#include "config.h"

#include "trail-action.h"
#include "trail-enums.h"
#include <stdio.h>
#include <string.h>

#include "trail-model-private.h"

struct _TrailAction
{
  GObject            parent_instance;

  char              *id;
  char              *title;
  char              *owner;
  char              *due;
  TrailActionStatus  status;
  char             **cards;
  char              *kpi;
  char              *kpi_target;
  char              *metric;
};

G_DEFINE_FINAL_TYPE (TrailAction, trail_action, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_OWNER,
  PROP_DUE,
  PROP_STATUS,
  PROP_CARDS,
  PROP_KPI,
  PROP_KPI_TARGET,
  PROP_METRIC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char **
string_field (TrailAction *self,
              guint        prop_id)
{
  switch (prop_id)
    {
    case PROP_ID:         return &self->id;
    case PROP_TITLE:      return &self->title;
    case PROP_OWNER:      return &self->owner;
    case PROP_DUE:        return &self->due;
    case PROP_KPI:        return &self->kpi;
    case PROP_KPI_TARGET: return &self->kpi_target;
    case PROP_METRIC:     return &self->metric;
    default:              return NULL;
    }
}

static void
trail_action_finalize (GObject *object)
{
  TrailAction *self = (TrailAction *) object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->owner);
  g_free (self->due);
  g_strfreev (self->cards);
  g_free (self->kpi);
  g_free (self->kpi_target);
  g_free (self->metric);

  G_OBJECT_CLASS (trail_action_parent_class)->finalize (object);
}

static void
trail_action_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TrailAction *self = TRAIL_ACTION (object);
  char **field = string_field (self, prop_id);

  if (field != NULL)
    g_value_set_string (value, *field);
  else if (prop_id == PROP_STATUS)
    g_value_set_enum (value, self->status);
  else if (prop_id == PROP_CARDS)
    g_value_set_boxed (value, self->cards);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
trail_action_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TrailAction *self = TRAIL_ACTION (object);
  char **field = string_field (self, prop_id);

  if (field != NULL)
    {
      g_free (*field);
      *field = g_value_dup_string (value);
    }
  else if (prop_id == PROP_STATUS)
    self->status = g_value_get_enum (value);
  else if (prop_id == PROP_CARDS)
    {
      g_strfreev (self->cards);
      self->cards = g_value_dup_boxed (value);
    }
  else
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_object_notify_by_pspec (object, properties[prop_id]);
}

static void
trail_action_class_init (TrailActionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = trail_action_finalize;
  object_class->get_property = trail_action_get_property;
  object_class->set_property = trail_action_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", flags);
  properties[PROP_OWNER] = g_param_spec_string ("owner", NULL, NULL, NULL, flags);
  properties[PROP_DUE] = g_param_spec_string ("due", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, TRAIL_TYPE_ACTION_STATUS,
                                               TRAIL_ACTION_STATUS_IDEA, flags);
  properties[PROP_CARDS] = g_param_spec_boxed ("cards", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_KPI] = g_param_spec_string ("kpi", NULL, NULL, NULL, flags);
  properties[PROP_KPI_TARGET] = g_param_spec_string ("kpi-target", NULL, NULL, NULL, flags);
  properties[PROP_METRIC] = g_param_spec_string ("metric", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trail_action_init (TrailAction *self)
{
  self->title = g_strdup ("");
}

TrailAction *
_trail_action_new (const char *id)
{
  return g_object_new (TRAIL_TYPE_ACTION, "id", id, NULL);
}

const char *
trail_action_get_id (TrailAction *self)
{
  g_return_val_if_fail (TRAIL_IS_ACTION (self), NULL);
  return self->id;
}

const char *
trail_action_get_title (TrailAction *self)
{
  g_return_val_if_fail (TRAIL_IS_ACTION (self), NULL);
  return self->title;
}

const char *
trail_action_get_owner (TrailAction *self)
{
  g_return_val_if_fail (TRAIL_IS_ACTION (self), NULL);
  return self->owner;
}

const char *
trail_action_get_due (TrailAction *self)
{
  g_return_val_if_fail (TRAIL_IS_ACTION (self), NULL);
  return self->due;
}

TrailActionStatus
trail_action_get_status (TrailAction *self)
{
  g_return_val_if_fail (TRAIL_IS_ACTION (self), TRAIL_ACTION_STATUS_IDEA);
  return self->status;
}

const char * const *
trail_action_get_cards (TrailAction *self)
{
  g_return_val_if_fail (TRAIL_IS_ACTION (self), NULL);
  return (const char * const *) self->cards;
}

const char *
trail_action_get_kpi (TrailAction *self)
{
  g_return_val_if_fail (TRAIL_IS_ACTION (self), NULL);
  return self->kpi;
}

const char *
trail_action_get_kpi_target (TrailAction *self)
{
  g_return_val_if_fail (TRAIL_IS_ACTION (self), NULL);
  return self->kpi_target;
}

const char *
trail_action_get_metric (TrailAction *self)
{
  g_return_val_if_fail (TRAIL_IS_ACTION (self), NULL);
  return self->metric;
}

gboolean
trail_action_due_is_valid (const char *due)
{
  int y, m, d;
  char end;

  if (due == NULL || strlen (due) != 10 || due[4] != '-' || due[7] != '-')
    return FALSE;
  if (sscanf (due, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3)
    return FALSE;
  return y >= 1 && g_date_valid_dmy (d, m, y);
}
