/* render-golden.h — where the golden images of the running stack are.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* tests/render/golden under @source_root for the Cantarell the goldens
 * were first drawn with, else its cantarell-VERSION subfolder: glyph
 * outlines differ between Cantarell versions. */
const char *render_golden_dir (const char *source_root);

G_END_DECLS
