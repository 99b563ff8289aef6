/* trail-emotion-line.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "trail-types.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_EMOTION_POINT (trail_emotion_point_get_type())
#define TRAIL_TYPE_EMOTION_LINE  (trail_emotion_line_get_type())

G_DECLARE_FINAL_TYPE (TrailEmotionPoint, trail_emotion_point, TRAIL, EMOTION_POINT, GObject)
G_DECLARE_FINAL_TYPE (TrailEmotionLine, trail_emotion_line, TRAIL, EMOTION_LINE, GObject)

/* A point: "id", "stage-id", "position" (0.0 … 1.0 across the stage's
 * width; several points per stage are allowed), "score" (double, within the
 * document's scale; whole steps when set from the canvas), "note". */
const char *trail_emotion_point_get_id       (TrailEmotionPoint *self);
const char *trail_emotion_point_get_stage_id (TrailEmotionPoint *self);
double      trail_emotion_point_get_position (TrailEmotionPoint *self);
double      trail_emotion_point_get_score    (TrailEmotionPoint *self);
const char *trail_emotion_point_get_note     (TrailEmotionPoint *self);

/* A line: "id", "persona-id" (NULL: the line for everyone, used when the map
 * has no personas). Its points, a GListModel of TrailEmotionPoint, are kept
 * sorted along the journey (stage order, then position). */
const char *trail_emotion_line_get_id         (TrailEmotionLine *self);
const char *trail_emotion_line_get_persona_id (TrailEmotionLine *self);
GListModel *trail_emotion_line_get_points     (TrailEmotionLine *self);

G_END_DECLS
