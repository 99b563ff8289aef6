/* trail-custom-channel.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-types.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_CUSTOM_CHANNEL (trail_custom_channel_get_type())

G_DECLARE_FINAL_TYPE (TrailCustomChannel, trail_custom_channel, TRAIL, CUSTOM_CHANNEL, GObject)

/* A channel the user added to a map ("App store", "SMS"), beside the ten
 * standard ones of TrailChannel: a name and one of the bundled icons.
 * Kept in the file's optional top-level "channels" list; a card names it in
 * "custom-channel" and keeps "channel": "other", so an older Trailmap
 * shows such a card as "Other channel" and writes the reference back.
 *
 * Properties: "id", "name", "icon" (one of trail_custom_channel_list_icons()).
 * Change them with trail_document_update(). */
const char         *trail_custom_channel_get_id   (TrailCustomChannel *self);
const char         *trail_custom_channel_get_name (TrailCustomChannel *self);
const char         *trail_custom_channel_get_icon (TrailCustomChannel *self);

/* The icons a channel may have: names of icons bundled with the render
 * layer ("channel-phone", "lane-kpis"), stable, used in files. The first is
 * the default. NULL-terminated. */
const char * const *trail_custom_channel_list_icons   (void);
gboolean            trail_custom_channel_icon_is_valid (const char *icon);

G_END_DECLS
