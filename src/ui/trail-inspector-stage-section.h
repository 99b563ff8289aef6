/* trail-inspector-stage-section.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-inspector-section.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_INSPECTOR_STAGE_SECTION (trail_inspector_stage_section_get_type())

G_DECLARE_FINAL_TYPE (TrailInspectorStageSection, trail_inspector_stage_section,
                      TRAIL, INSPECTOR_STAGE_SECTION, TrailInspectorSection)

/* A stage's name, description and colour. */

G_END_DECLS
