/* trail-inspector-channel-section.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-inspector-section.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_INSPECTOR_CHANNEL_SECTION (trail_inspector_channel_section_get_type())

G_DECLARE_FINAL_TYPE (TrailInspectorChannelSection, trail_inspector_channel_section,
                      TRAIL, INSPECTOR_CHANNEL_SECTION, TrailInspectorSection)

/* One of the map's own channels: its name and icon. */

G_END_DECLS
