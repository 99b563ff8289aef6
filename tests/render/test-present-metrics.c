/* test-present-metrics.c — the room's text size, with no display: the
 * target cap heights and the zoom that reaches them with the card font.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtk/gtk.h>

#include "trail-present-metrics.h"

static void
test_targets (void)
{
  g_assert_cmpfloat_with_epsilon (trail_present_target_cap_height (1080), 24, 1e-9);
  g_assert_cmpfloat_with_epsilon (trail_present_target_cap_height (720), 16, 1e-9);
  g_assert_cmpfloat_with_epsilon (trail_present_target_cap_height (2160), 48, 1e-9);
  /* Never smaller than 16 px, even on a small screen. */
  g_assert_cmpfloat_with_epsilon (trail_present_target_cap_height (600), 16, 1e-9);
}

static void
test_zoom (void)
{
  TrailStyle *style = trail_style_new (TRAIL_STYLE_LIGHT);
  double cap = trail_present_card_cap_height (style);
  const int heights[] = { 720, 1080, 1200, 2160 };

  /* Card text is 16 px: its capitals are well over half of that and
   * under all of it, from the font's metrics or the fallback. */
  g_assert_cmpfloat (cap, >, 8);
  g_assert_cmpfloat (cap, <, 16);
  for (guint i = 0; i < G_N_ELEMENTS (heights); i++)
    {
      double zoom = trail_present_zoom_for_screen (style, heights[i]);

      g_assert_cmpfloat (cap * zoom, >=, trail_present_target_cap_height (heights[i]));
      g_assert_cmpfloat (cap * zoom, <, trail_present_target_cap_height (heights[i]) * 1.05);
    }
  trail_style_unref (style);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init_check ();
  g_test_add_func ("/present/metrics/targets", test_targets);
  g_test_add_func ("/present/metrics/zoom", test_zoom);
  return g_test_run ();
}
