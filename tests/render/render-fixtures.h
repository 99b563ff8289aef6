/* render-fixtures.h — documents built in code for the render tests and the
 * benchmark.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

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

/* ---- Pictures, shared by the render tests ------------------------------- */

/* TRAILMAP_SOURCE_ROOT, else @fallback. */
const char      *render_fixture_source_root   (const char      *fallback);
/* A PNG decoded as cairo reads it (ARGB32 or RGB24 as the file is); fails
 * the test when it is not a PNG. */
cairo_surface_t *render_fixture_decode_png    (GBytes          *bytes);
/* The same, always ARGB32 (an RGB PNG painted opaque). */
cairo_surface_t *render_fixture_decode_png_argb (GBytes        *bytes);
/* @surface as TRAILMAP_TEST_ARTIFACTS/@name (nothing without the
 * variable). */
void             render_fixture_save_artifact (cairo_surface_t *surface,
                                               const char      *name);
/* Whether two ARGB32 surfaces of the same size differ in at most
 * @max_share of their pixels by more than @tolerance in any channel; when
 * not, says why and saves @a as NAME-actual.png. */
gboolean         render_fixture_similar       (cairo_surface_t *a,
                                               cairo_surface_t *b,
                                               int              tolerance,
                                               double           max_share,
                                               const char      *name);

G_END_DECLS
