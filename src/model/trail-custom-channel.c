/* trail-custom-channel.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-custom-channel"

#include "config.h"

#include "trail-custom-channel.h"
#include "trail-model-private.h"

struct _TrailCustomChannel
{
  GObject  parent_instance;

  char    *id;
  char    *name;
  char    *icon;
};

G_DEFINE_FINAL_TYPE (TrailCustomChannel, trail_custom_channel, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ICON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The render layer bundles an SVG for each (tests/render checks it). The
 * channel icons first, then the lanes' that make sense for a channel. */
static const char * const icons[] = {
  "channel-other",
  "channel-website",
  "channel-social-media",
  "channel-email",
  "channel-phone",
  "channel-store",
  "channel-mobile-app",
  "channel-live-chat",
  "channel-reviews",
  "channel-packaging",
  "channel-follow-up",
  "lane-touchpoints",
  "lane-actions",
  "lane-thoughts",
  "lane-pain-points",
  "lane-opportunities",
  "lane-backstage",
  "lane-kpis",
  "lane-notes",
  "lane-custom",
  NULL
};

static char **
field_for_prop (TrailCustomChannel *self,
                guint               prop_id)
{
  switch (prop_id)
    {
    case PROP_ID:   return &self->id;
    case PROP_NAME: return &self->name;
    case PROP_ICON: return &self->icon;
    default:        return NULL;
    }
}

static void
trail_custom_channel_finalize (GObject *object)
{
  TrailCustomChannel *self = (TrailCustomChannel *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->icon, g_free);

  G_OBJECT_CLASS (trail_custom_channel_parent_class)->finalize (object);
}

static void
trail_custom_channel_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  char **field = field_for_prop (TRAIL_CUSTOM_CHANNEL (object), prop_id);

  if (field != NULL)
    g_value_set_string (value, *field);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
trail_custom_channel_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  char **field = field_for_prop (TRAIL_CUSTOM_CHANNEL (object), prop_id);

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
trail_custom_channel_class_init (TrailCustomChannelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = trail_custom_channel_finalize;
  object_class->get_property = trail_custom_channel_get_property;
  object_class->set_property = trail_custom_channel_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_ICON] = g_param_spec_string ("icon", NULL, NULL, icons[0], flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trail_custom_channel_init (TrailCustomChannel *self)
{
  self->name = g_strdup ("");
  self->icon = g_strdup (icons[0]);
}

TrailCustomChannel *
_trail_custom_channel_new (const char *id)
{
  return g_object_new (TRAIL_TYPE_CUSTOM_CHANNEL, "id", id, NULL);
}

const char *
trail_custom_channel_get_id (TrailCustomChannel *self)
{
  g_return_val_if_fail (TRAIL_IS_CUSTOM_CHANNEL (self), NULL);
  return self->id;
}

const char *
trail_custom_channel_get_name (TrailCustomChannel *self)
{
  g_return_val_if_fail (TRAIL_IS_CUSTOM_CHANNEL (self), NULL);
  return self->name;
}

const char *
trail_custom_channel_get_icon (TrailCustomChannel *self)
{
  g_return_val_if_fail (TRAIL_IS_CUSTOM_CHANNEL (self), NULL);
  return self->icon;
}

const char * const *
trail_custom_channel_list_icons (void)
{
  return icons;
}

gboolean
trail_custom_channel_icon_is_valid (const char *icon)
{
  return icon != NULL && g_strv_contains (icons, icon);
}
