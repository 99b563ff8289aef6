/* trail-persona.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-types.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_PERSONA (trail_persona_get_type())

G_DECLARE_FINAL_TYPE (TrailPersona, trail_persona, TRAIL, PERSONA, GObject)

/* Properties (read-only from outside the model; edit through TrailDocument):
 * "id", "name", "role", "quote", "goals", "motivations", "pain-points"
 * (strings, free text, may hold newlines), "color" ("#rrggbb"),
 * "photo" (GBytes of a PNG or JPEG, or NULL). */
const char *trail_persona_get_id          (TrailPersona *self);
const char *trail_persona_get_name        (TrailPersona *self);
const char *trail_persona_get_role        (TrailPersona *self);
const char *trail_persona_get_quote       (TrailPersona *self);
const char *trail_persona_get_goals       (TrailPersona *self);
const char *trail_persona_get_motivations (TrailPersona *self);
const char *trail_persona_get_pain_points (TrailPersona *self);
const char *trail_persona_get_color       (TrailPersona *self);
GBytes     *trail_persona_get_photo       (TrailPersona *self);
/* Up to two letters from the name, for an avatar without a photo. */
char       *trail_persona_dup_initials    (TrailPersona *self);

G_END_DECLS
