/* trail-lane.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-types.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_LANE (trail_lane_get_type())

G_DECLARE_FINAL_TYPE (TrailLane, trail_lane, TRAIL, LANE, GObject)

/* Properties: "id", "kind" (TrailLaneKind), "title", "hidden" (boolean),
 * "persona-id" (string or NULL). Order is the position in
 * trail_document_get_lanes(). An emotions lane holds no cards: it is where
 * the emotion lines are drawn. */
const char    *trail_lane_get_id         (TrailLane *self);
TrailLaneKind  trail_lane_get_kind       (TrailLane *self);
const char    *trail_lane_get_title      (TrailLane *self);
gboolean       trail_lane_get_hidden     (TrailLane *self);
const char    *trail_lane_get_persona_id (TrailLane *self);

G_END_DECLS
