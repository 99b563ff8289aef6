/* render-golden.h — where the golden images of the running stack are.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* tests/render/golden under @source_root for the Cantarell the goldens
 * were first drawn with, else its cantarell-VERSION subfolder: glyph
 * outlines differ between Cantarell versions. */
const char *render_golden_dir (const char *source_root);

/* A PNG decoded to ARGB32 whatever its format. */
cairo_surface_t *render_golden_decode_png (GBytes          *bytes);
/* Whether at most @max_share of the pixels differ by more than @tolerance
 * in a channel; a differing picture is saved as NAME-actual.png in
 * $TRAILMAP_TEST_ARTIFACTS. */
/* The golden picture @file_name (in render_golden_dir()) that @png is
 * checked against, decoded. With TRAILMAP_UPDATE_GOLDEN=1, @png is written
 * as the new golden picture instead and NULL is returned: the caller's
 * comparison is skipped. A missing golden picture fails the test. */
cairo_surface_t *render_golden_expected (const char *source_root,
                                         const char *file_name,
                                         GBytes     *png);
gboolean    render_golden_similar    (cairo_surface_t *a,
                                      cairo_surface_t *b,
                                      int              tolerance,
                                      double           max_share,
                                      const char      *name);

G_END_DECLS
