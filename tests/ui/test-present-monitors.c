/* test-present-monitors.c — the choice of monitors for presenting, on its
 * own: no headless X server gives GTK two monitors.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "trail-present-monitors.h"

static void
test_one_monitor (void)
{
  TrailMonitorInfo one[] = { { "eDP-1", 0, 0, 1920, 1080 } };
  int map = 7, console = 7;

  g_assert_false (trail_present_choose_monitors (one, 1, 0, &map, &console));
  g_assert_cmpint (map, ==, -1);
  g_assert_cmpint (console, ==, -1);
  g_assert_false (trail_present_choose_monitors (NULL, 0, -1, &map, &console));
}

static void
test_laptop_and_projector (void)
{
  /* The laptop's panel listed second, and bigger than the projector: the
   * console still goes on the panel. */
  TrailMonitorInfo monitors[] = {
    { "HDMI-1", 0, 0, 1280, 720 },
    { "eDP-1", 1280, 0, 2560, 1600 },
  };
  int map, console;

  g_assert_true (trail_present_choose_monitors (monitors, 2, 0, &map, &console));
  g_assert_cmpint (console, ==, 1);
  g_assert_cmpint (map, ==, 0);

  monitors[1].connector = "LVDS1";
  g_assert_true (trail_present_choose_monitors (monitors, 2, 0, &map, &console));
  g_assert_cmpint (console, ==, 1);
  g_assert_cmpint (map, ==, 0);
}

static void
test_no_built_in (void)
{
  /* Two external screens: the console stays where the window is, the map
   * takes the biggest other one. */
  TrailMonitorInfo monitors[] = {
    { "DP-1", 0, 0, 1920, 1080 },
    { "HDMI-1", 1920, 0, 1280, 720 },
    { NULL, 3200, 0, 3840, 2160 },
  };
  int map, console;

  g_assert_true (trail_present_choose_monitors (monitors, 3, 0, &map, &console));
  g_assert_cmpint (console, ==, 0);
  g_assert_cmpint (map, ==, 2);

  g_assert_true (trail_present_choose_monitors (monitors, 3, 2, &map, &console));
  g_assert_cmpint (console, ==, 2);
  g_assert_cmpint (map, ==, 0);

  /* An unknown window monitor counts as the first. */
  g_assert_true (trail_present_choose_monitors (monitors, 2, -1, &map, &console));
  g_assert_cmpint (console, ==, 0);
  g_assert_cmpint (map, ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/present/monitors/one", test_one_monitor);
  g_test_add_func ("/present/monitors/laptop-and-projector", test_laptop_and_projector);
  g_test_add_func ("/present/monitors/no-built-in", test_no_built_in);
  return g_test_run ();
}
