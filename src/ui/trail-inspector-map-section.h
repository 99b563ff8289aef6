/* trail-inspector-map-section.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-inspector-section.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_INSPECTOR_MAP_SECTION (trail_inspector_map_section_get_type())

G_DECLARE_FINAL_TYPE (TrailInspectorMapSection, trail_inspector_map_section,
                      TRAIL, INSPECTOR_MAP_SECTION, TrailInspectorSection)

/* The map itself: title, objective, scope, notes and the emotion scale. */

G_END_DECLS
