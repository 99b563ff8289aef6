/* trail-inspector-card-section.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-inspector-section.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_INSPECTOR_CARD_SECTION (trail_inspector_card_section_get_type())

G_DECLARE_FINAL_TYPE (TrailInspectorCardSection, trail_inspector_card_section,
                      TRAIL, INSPECTOR_CARD_SECTION, TrailInspectorSection)

/* One card: text, details, channel, priority, votes, colour, evidence and
 * persona tags. */

G_END_DECLS
