/* trail-palette-item.h — what is dragged from the palette onto the canvas
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "trail-model.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_PALETTE_ITEM (trail_palette_item_get_type())

G_DECLARE_FINAL_TYPE (TrailPaletteItem, trail_palette_item, TRAIL, PALETTE_ITEM, GObject)

typedef enum
{
  TRAIL_PALETTE_ITEM_STAGE,
  TRAIL_PALETTE_ITEM_LANE,
  TRAIL_PALETTE_ITEM_CARD,
  TRAIL_PALETTE_ITEM_PERSONA,
} TrailPaletteItemKind;

/* A card's kind is the kind of lane it belongs in; @channel presets a
 * touchpoint. A lane item makes a lane of @lane_kind. */
TrailPaletteItem     *trail_palette_item_new_stage   (void);
TrailPaletteItem     *trail_palette_item_new_lane    (TrailLaneKind  lane_kind);
TrailPaletteItem     *trail_palette_item_new_card    (TrailLaneKind  lane_kind,
                                                      TrailChannel   channel);
TrailPaletteItem     *trail_palette_item_new_persona (const char    *persona_id);
/* A touchpoint card on one of the map's own channels. */
TrailPaletteItem     *trail_palette_item_new_custom_channel (TrailCustomChannel *channel);

TrailPaletteItemKind  trail_palette_item_get_kind       (TrailPaletteItem *self);
TrailLaneKind         trail_palette_item_get_lane_kind  (TrailPaletteItem *self);
TrailChannel          trail_palette_item_get_channel    (TrailPaletteItem *self);
const char           *trail_palette_item_get_persona_id (TrailPaletteItem *self);
/* The map channel's id and icon name, or NULL for other items. */
const char           *trail_palette_item_get_custom_channel (TrailPaletteItem *self);
const char           *trail_palette_item_get_channel_icon   (TrailPaletteItem *self);
/* Translated, e.g. "Website touchpoint", "Pain point", "Stage". */
char                 *trail_palette_item_dup_label      (TrailPaletteItem *self);
/* Whether a card of this item belongs in a lane of @kind. */
gboolean              trail_palette_item_fits_lane      (TrailPaletteItem *self,
                                                         TrailLaneKind     kind);

G_END_DECLS
