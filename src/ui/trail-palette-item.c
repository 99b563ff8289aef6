/* trail-palette-item.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-palette"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-palette-item.h"

struct _TrailPaletteItem
{
  GObject               parent_instance;

  TrailPaletteItemKind  kind;
  TrailLaneKind         lane_kind;
  TrailChannel          channel;
  char                 *persona_id;
  /* A map channel's id, name and icon, for a touchpoint on it. */
  char                 *custom_channel;
  char                 *channel_name;
  const char           *channel_icon;
};

G_DEFINE_FINAL_TYPE (TrailPaletteItem, trail_palette_item, G_TYPE_OBJECT)

static void
trail_palette_item_finalize (GObject *object)
{
  TrailPaletteItem *self = TRAIL_PALETTE_ITEM (object);

  g_clear_pointer (&self->persona_id, g_free);
  g_clear_pointer (&self->custom_channel, g_free);
  g_clear_pointer (&self->channel_name, g_free);

  G_OBJECT_CLASS (trail_palette_item_parent_class)->finalize (object);
}

static void
trail_palette_item_class_init (TrailPaletteItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trail_palette_item_finalize;
}

static void
trail_palette_item_init (TrailPaletteItem *self)
{
}

static TrailPaletteItem *
new_item (TrailPaletteItemKind kind)
{
  TrailPaletteItem *self = g_object_new (TRAIL_TYPE_PALETTE_ITEM, NULL);

  self->kind = kind;
  return self;
}

TrailPaletteItem *
trail_palette_item_new_stage (void)
{
  return new_item (TRAIL_PALETTE_ITEM_STAGE);
}

TrailPaletteItem *
trail_palette_item_new_lane (TrailLaneKind lane_kind)
{
  TrailPaletteItem *self = new_item (TRAIL_PALETTE_ITEM_LANE);

  self->lane_kind = lane_kind;
  return self;
}

TrailPaletteItem *
trail_palette_item_new_card (TrailLaneKind lane_kind,
                             TrailChannel  channel)
{
  TrailPaletteItem *self = new_item (TRAIL_PALETTE_ITEM_CARD);

  self->lane_kind = lane_kind;
  self->channel = channel;
  return self;
}

TrailPaletteItem *
trail_palette_item_new_custom_channel (TrailCustomChannel *channel)
{
  TrailPaletteItem *self;

  g_return_val_if_fail (TRAIL_IS_CUSTOM_CHANNEL (channel), NULL);

  self = trail_palette_item_new_card (TRAIL_LANE_KIND_TOUCHPOINTS, TRAIL_CHANNEL_OTHER);
  self->custom_channel = g_strdup (trail_custom_channel_get_id (channel));
  self->channel_name = g_strdup (trail_custom_channel_get_name (channel));
  self->channel_icon = g_intern_string (trail_custom_channel_get_icon (channel));
  return self;
}

const char *
trail_palette_item_get_custom_channel (TrailPaletteItem *self)
{
  g_return_val_if_fail (TRAIL_IS_PALETTE_ITEM (self), NULL);
  return self->custom_channel;
}

const char *
trail_palette_item_get_channel_icon (TrailPaletteItem *self)
{
  g_return_val_if_fail (TRAIL_IS_PALETTE_ITEM (self), NULL);
  return self->channel_icon;
}

TrailPaletteItem *
trail_palette_item_new_persona (const char *persona_id)
{
  TrailPaletteItem *self = new_item (TRAIL_PALETTE_ITEM_PERSONA);

  self->persona_id = g_strdup (persona_id);
  return self;
}

TrailPaletteItemKind
trail_palette_item_get_kind (TrailPaletteItem *self)
{
  g_return_val_if_fail (TRAIL_IS_PALETTE_ITEM (self), 0);
  return self->kind;
}

TrailLaneKind
trail_palette_item_get_lane_kind (TrailPaletteItem *self)
{
  g_return_val_if_fail (TRAIL_IS_PALETTE_ITEM (self), 0);
  return self->lane_kind;
}

TrailChannel
trail_palette_item_get_channel (TrailPaletteItem *self)
{
  g_return_val_if_fail (TRAIL_IS_PALETTE_ITEM (self), 0);
  return self->channel;
}

const char *
trail_palette_item_get_persona_id (TrailPaletteItem *self)
{
  g_return_val_if_fail (TRAIL_IS_PALETTE_ITEM (self), NULL);
  return self->persona_id;
}

static const char *
card_kind_label (TrailLaneKind kind)
{
  switch (kind)
    {
    case TRAIL_LANE_KIND_TOUCHPOINTS:   return _("Touchpoint");
    case TRAIL_LANE_KIND_ACTIONS:       return _("Action");
    case TRAIL_LANE_KIND_THOUGHTS:      return _("Thought");
    case TRAIL_LANE_KIND_PAIN_POINTS:   return _("Pain point");
    case TRAIL_LANE_KIND_OPPORTUNITIES: return _("Opportunity");
    case TRAIL_LANE_KIND_BACKSTAGE:     return _("Process");
    case TRAIL_LANE_KIND_KPIS:          return _("Metric");
    case TRAIL_LANE_KIND_NOTES:         return _("Note");
    case TRAIL_LANE_KIND_EMOTIONS:
    case TRAIL_LANE_KIND_CUSTOM:
    default:                            return _("Card");
    }
}

char *
trail_palette_item_dup_label (TrailPaletteItem *self)
{
  g_return_val_if_fail (TRAIL_IS_PALETTE_ITEM (self), NULL);

  switch (self->kind)
    {
    case TRAIL_PALETTE_ITEM_STAGE:
      return g_strdup (_("Stage"));

    case TRAIL_PALETTE_ITEM_LANE:
      /* Translators: %s is a lane kind such as "Pain points" */
      return g_strdup_printf (_("%s lane"), trail_lane_kind_get_label (self->lane_kind));

    case TRAIL_PALETTE_ITEM_CARD:
      if (self->custom_channel != NULL)
        /* Translators: %s is a channel such as "Website" */
        return g_strdup_printf (_("%s touchpoint"), self->channel_name);
      if (self->lane_kind == TRAIL_LANE_KIND_TOUCHPOINTS && self->channel != TRAIL_CHANNEL_NONE)
        /* Translators: %s is a channel such as "Website" */
        return g_strdup_printf (_("%s touchpoint"), trail_channel_get_label (self->channel));
      return g_strdup (card_kind_label (self->lane_kind));

    case TRAIL_PALETTE_ITEM_PERSONA:
      return g_strdup (_("Persona"));

    default:
      g_assert_not_reached ();
    }
}

gboolean
trail_palette_item_fits_lane (TrailPaletteItem *self,
                              TrailLaneKind     kind)
{
  g_return_val_if_fail (TRAIL_IS_PALETTE_ITEM (self), FALSE);

  if (self->kind != TRAIL_PALETTE_ITEM_CARD || kind == TRAIL_LANE_KIND_EMOTIONS)
    return FALSE;

  /* A note is the generic card: it goes anywhere cards go. */
  if (self->lane_kind == TRAIL_LANE_KIND_NOTES || self->lane_kind == TRAIL_LANE_KIND_CUSTOM)
    return TRUE;

  /* Lanes without a card kind of their own take any card. */
  if (kind == TRAIL_LANE_KIND_CUSTOM || kind == TRAIL_LANE_KIND_NOTES)
    return TRUE;

  return self->lane_kind == kind;
}
