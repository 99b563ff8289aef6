/* render-fixtures.h — documents built in code for the render tests and the
 * benchmark.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-model.h"

G_BEGIN_DECLS

/* A small, filled-in map: three personas (one with a photo), every lane
 * kind, channels, evidence, votes, tags and two emotion lines. */
TrailDocument *render_fixture_sample   (void);
/* Text meant to break things: markup, script, control characters, bidi
 * overrides, a 10,000-character word, emoji, Arabic and Hebrew. */
TrailDocument *render_fixture_hostile  (void);
/* A large map of about @n_cards cards spread over stages and lanes, with
 * deterministic varied text (same @n_cards, same map). */
TrailDocument *render_fixture_large    (guint n_cards);

/* The hostile strings, for checking they survive. */
extern const char * const render_fixture_hostile_texts[];

G_END_DECLS
