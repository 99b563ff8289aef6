/* trail-inspector-lane-section.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-inspector-section.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_INSPECTOR_LANE_SECTION (trail_inspector_lane_section_get_type())

G_DECLARE_FINAL_TYPE (TrailInspectorLaneSection, trail_inspector_lane_section,
                      TRAIL, INSPECTOR_LANE_SECTION, TrailInspectorSection)

/* A lane: title, kind, hidden, and the persona an emotions lane draws. */

G_END_DECLS
