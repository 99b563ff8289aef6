/* trail-inspector-point-section.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-inspector-section.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_INSPECTOR_POINT_SECTION (trail_inspector_point_section_get_type())

G_DECLARE_FINAL_TYPE (TrailInspectorPointSection, trail_inspector_point_section,
                      TRAIL, INSPECTOR_POINT_SECTION, TrailInspectorSection)

/* An emotion point: its stage, score and note. */

G_END_DECLS
