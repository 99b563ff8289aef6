/* trail-svg-writer.h — SVG with editable text (private to src/render)
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "trail-layout.h"

G_BEGIN_DECLS

typedef enum /*< flags >*/
{
  TRAIL_SVG_DEFAULT      = 0,
  TRAIL_SVG_TRANSPARENT  = 1 << 0, /* no page background */
  TRAIL_SVG_TEXT_TO_PATH = 1 << 1, /* glyph outlines instead of <text> */
  TRAIL_SVG_EMBED_FONTS  = 1 << 2, /* subsets of the fonts used, as @font-face data */
} TrailSvgFlags;

/* Writes @layout as SVG 1.1 from the same geometry and colours the painters
 * use: text as <text> (escaped) or, with TRAIL_SVG_TEXT_TO_PATH, as glyph
 * outlines defined once and placed with <use>; groups with ids per stage,
 * lane and card, px units, icons inlined as symbols. Nothing active: no
 * script, no event attributes, no external references. */
gboolean trail_svg_write         (TrailLayout    *layout,
                                  TrailSvgFlags   flags,
                                  const GdkRGBA  *background,   /* NULL: the style's page */
                                  GOutputStream  *stream,
                                  GCancellable   *cancellable,
                                  GError        **error);

/* @text escaped for XML 1.0 character data and attribute values: markup
 * characters as entities, characters XML forbids dropped, bidi controls
 * dropped (the writer states direction explicitly). Appends to @out. */
void     trail_svg_append_escaped (GString       *out,
                                   const char    *text,
                                   gssize         len);

G_END_DECLS
