/* trail-present-metrics.c — sizes for presenting a map to a room
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-present-metrics"

#include "config.h"

#include <math.h>
#include <hb-ot.h>
#include <pango/pangocairo.h>

#include "trail-present-metrics.h"

double
trail_present_target_cap_height (int screen_height)
{
  return MAX (16.0, 24.0 * screen_height / 1080.0);
}

double
trail_present_card_cap_height (const TrailStyle *style)
{
  const PangoFontDescription *desc;
  PangoContext *context;
  PangoFont *font;
  double size_px, result;
  hb_font_t *hb;
  hb_position_t cap = 0;
  int x_scale = 0, y_scale = 0;

  g_return_val_if_fail (style != NULL, 0);

  desc = trail_style_get_font (style, TRAIL_FONT_CARD_TEXT);
  size_px = pango_font_description_get_size (desc) / (double) PANGO_SCALE;
  /* Points at 96 dpi unless the size is absolute, as the layout measures. */
  if (!pango_font_description_get_size_is_absolute (desc))
    size_px *= 96.0 / 72.0;

  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (context, 96);
  font = pango_context_load_font (context, desc);
  result = size_px * 0.7;
  if (font != NULL && (hb = pango_font_get_hb_font (font)) != NULL)
    {
      hb_font_get_scale (hb, &x_scale, &y_scale);
      if (y_scale != 0 && hb_ot_metrics_get_position (hb, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap) && cap > 0)
        result = size_px * cap / (double) y_scale;
    }
  /* Pango 1.50 has no autoptr for these. */
  g_clear_object (&font);
  g_object_unref (context);
  return result;
}

double
trail_present_zoom_for_screen (const TrailStyle *style,
                               int               screen_height)
{
  double cap = trail_present_card_cap_height (style);

  if (cap <= 0)
    return 1.0;
  /* A hair over, so rounding never leaves it a fraction short. */
  return trail_present_target_cap_height (screen_height) / cap * 1.01;
}
