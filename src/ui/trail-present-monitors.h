/* trail-present-monitors.h — which monitor shows the map, which the console
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the choice needs to know of a monitor; plain data, so that the
 * choice is tested without a display (no headless X server gives GTK two
 * monitors). */
typedef struct
{
  const char *connector;   /* "eDP-1", "HDMI-1"; may be NULL */
  int         x, y, width, height;
} TrailMonitorInfo;

/* With two or more monitors, the map goes full screen on one and the
 * console on another: the console on the laptop's own panel (eDP, LVDS,
 * DSI) when there is one, else on the monitor the window is on
 * (@window_monitor, -1 when unknown); the map on the largest of the
 * others. FALSE, with both -1, for a single monitor. */
gboolean trail_present_choose_monitors (const TrailMonitorInfo *monitors,
                                        guint                   n_monitors,
                                        int                     window_monitor,
                                        int                    *map_monitor,
                                        int                    *console_monitor);

G_END_DECLS
