/* trail-persona.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-persona"

#include "config.h"

#include "trail-model-private.h"
#include "trail-persona.h"

struct _TrailPersona
{
  GObject  parent_instance;

  char    *id;
  char    *name;
  char    *role;
  char    *quote;
  char    *goals;
  char    *motivations;
  char    *pain_points;
  char    *color;
  GBytes  *photo;
};

G_DEFINE_FINAL_TYPE (TrailPersona, trail_persona, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ROLE,
  PROP_QUOTE,
  PROP_GOALS,
  PROP_MOTIVATIONS,
  PROP_PAIN_POINTS,
  PROP_COLOR,
  PROP_PHOTO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char **
field_for_prop (TrailPersona *self,
                guint         prop_id)
{
  switch (prop_id)
    {
    case PROP_ID:          return &self->id;
    case PROP_NAME:        return &self->name;
    case PROP_ROLE:        return &self->role;
    case PROP_QUOTE:       return &self->quote;
    case PROP_GOALS:       return &self->goals;
    case PROP_MOTIVATIONS: return &self->motivations;
    case PROP_PAIN_POINTS: return &self->pain_points;
    case PROP_COLOR:       return &self->color;
    default:               return NULL;
    }
}

static void
trail_persona_finalize (GObject *object)
{
  TrailPersona *self = (TrailPersona *)object;

  for (guint i = PROP_ID; i <= PROP_COLOR; i++)
    g_clear_pointer (field_for_prop (self, i), g_free);
  g_clear_pointer (&self->photo, g_bytes_unref);

  G_OBJECT_CLASS (trail_persona_parent_class)->finalize (object);
}

static void
trail_persona_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TrailPersona *self = TRAIL_PERSONA (object);

  if (prop_id == PROP_PHOTO)
    g_value_set_boxed (value, self->photo);
  else if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_set_string (value, *field_for_prop (self, prop_id));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
trail_persona_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TrailPersona *self = TRAIL_PERSONA (object);

  if (prop_id == PROP_PHOTO)
    {
      g_clear_pointer (&self->photo, g_bytes_unref);
      self->photo = g_value_dup_boxed (value);
    }
  else if (prop_id > PROP_0 && prop_id < N_PROPS)
    {
      char **field = field_for_prop (self, prop_id);

      g_free (*field);
      *field = g_value_dup_string (value);
    }
  else
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  g_object_notify_by_pspec (object, properties[prop_id]);
}

static void
trail_persona_class_init (TrailPersonaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = trail_persona_finalize;
  object_class->get_property = trail_persona_get_property;
  object_class->set_property = trail_persona_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, NULL, flags);
  properties[PROP_QUOTE] = g_param_spec_string ("quote", NULL, NULL, NULL, flags);
  properties[PROP_GOALS] = g_param_spec_string ("goals", NULL, NULL, NULL, flags);
  properties[PROP_MOTIVATIONS] = g_param_spec_string ("motivations", NULL, NULL, NULL, flags);
  properties[PROP_PAIN_POINTS] = g_param_spec_string ("pain-points", NULL, NULL, NULL, flags);
  properties[PROP_COLOR] = g_param_spec_string ("color", NULL, NULL, "#3584e4", flags);
  properties[PROP_PHOTO] = g_param_spec_boxed ("photo", NULL, NULL, G_TYPE_BYTES, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trail_persona_init (TrailPersona *self)
{
  self->name = g_strdup ("");
  self->color = g_strdup ("#3584e4");
}

TrailPersona *
_trail_persona_new (const char *id)
{
  return g_object_new (TRAIL_TYPE_PERSONA, "id", id, NULL);
}

const char *
trail_persona_get_id (TrailPersona *self)
{
  g_return_val_if_fail (TRAIL_IS_PERSONA (self), NULL);
  return self->id;
}

const char *
trail_persona_get_name (TrailPersona *self)
{
  g_return_val_if_fail (TRAIL_IS_PERSONA (self), NULL);
  return self->name;
}

const char *
trail_persona_get_role (TrailPersona *self)
{
  g_return_val_if_fail (TRAIL_IS_PERSONA (self), NULL);
  return self->role;
}

const char *
trail_persona_get_quote (TrailPersona *self)
{
  g_return_val_if_fail (TRAIL_IS_PERSONA (self), NULL);
  return self->quote;
}

const char *
trail_persona_get_goals (TrailPersona *self)
{
  g_return_val_if_fail (TRAIL_IS_PERSONA (self), NULL);
  return self->goals;
}

const char *
trail_persona_get_motivations (TrailPersona *self)
{
  g_return_val_if_fail (TRAIL_IS_PERSONA (self), NULL);
  return self->motivations;
}

const char *
trail_persona_get_pain_points (TrailPersona *self)
{
  g_return_val_if_fail (TRAIL_IS_PERSONA (self), NULL);
  return self->pain_points;
}

const char *
trail_persona_get_color (TrailPersona *self)
{
  g_return_val_if_fail (TRAIL_IS_PERSONA (self), NULL);
  return self->color;
}

GBytes *
trail_persona_get_photo (TrailPersona *self)
{
  g_return_val_if_fail (TRAIL_IS_PERSONA (self), NULL);
  return self->photo;
}

char *
trail_persona_dup_initials (TrailPersona *self)
{
  GString *initials;
  gboolean at_word_start = TRUE;

  g_return_val_if_fail (TRAIL_IS_PERSONA (self), NULL);

  initials = g_string_new (NULL);

  /* First letter of the first word and of the last word: "Ana María Pérez"
   * gives "AP". */
  for (const char *p = self->name; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          if (at_word_start)
            {
              gunichar upper = g_unichar_toupper (c);

              if (initials->len > 0)
                {
                  /* Keep only the first; replace the last. */
                  const char *first_end = g_utf8_next_char (initials->str);
                  g_string_truncate (initials, first_end - initials->str);
                }
              g_string_append_unichar (initials, upper);
            }
          at_word_start = FALSE;
        }
      else if (g_unichar_isspace (c) || c == '-')
        at_word_start = TRUE;
    }

  return g_string_free (initials, FALSE);
}
