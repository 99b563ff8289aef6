/* trail-inspector-persona-section.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-inspector-section.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_INSPECTOR_PERSONA_SECTION (trail_inspector_persona_section_get_type())

G_DECLARE_FINAL_TYPE (TrailInspectorPersonaSection, trail_inspector_persona_section,
                      TRAIL, INSPECTOR_PERSONA_SECTION, TrailInspectorSection)

/* A persona: name, role, colour, quote, goals, motivations, pain points
 * and photo. */

G_END_DECLS
