/* trail-stage.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-types.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_STAGE (trail_stage_get_type())

G_DECLARE_FINAL_TYPE (TrailStage, trail_stage, TRAIL, STAGE, GObject)

/* Properties: "id", "name", "description", "presenter-notes" (shown only on
 * the presenter console), "color" ("#rrggbb" or NULL for the
 * default). Order is the position in trail_document_get_stages(). */
const char *trail_stage_get_id          (TrailStage *self);
const char *trail_stage_get_name        (TrailStage *self);
const char *trail_stage_get_description (TrailStage *self);
const char *trail_stage_get_presenter_notes (TrailStage *self);
const char *trail_stage_get_color       (TrailStage *self);

G_END_DECLS
