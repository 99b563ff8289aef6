/* trail-present-monitors.c — which monitor shows the map, which the console
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-present-monitors"

#include "config.h"

#include "trail-present-monitors.h"

static gboolean
is_built_in (const TrailMonitorInfo *monitor)
{
  static const char *prefixes[] = { "eDP", "LVDS", "DSI" };

  if (monitor->connector == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (monitor->connector, prefixes[i]))
      return TRUE;
  return FALSE;
}

gboolean
trail_present_choose_monitors (const TrailMonitorInfo *monitors,
                               guint                   n_monitors,
                               int                     window_monitor,
                               int                    *map_monitor,
                               int                    *console_monitor)
{
  int console = -1, map = -1;
  gint64 best_area = -1;

  *map_monitor = *console_monitor = -1;
  if (monitors == NULL || n_monitors < 2)
    return FALSE;

  for (guint i = 0; i < n_monitors && console < 0; i++)
    if (is_built_in (&monitors[i]))
      console = i;
  if (console < 0)
    console = window_monitor >= 0 && (guint) window_monitor < n_monitors ? window_monitor : 0;

  /* The projector is the biggest picture; on a tie, the first listed. */
  for (guint i = 0; i < n_monitors; i++)
    {
      gint64 area = (gint64) monitors[i].width * monitors[i].height;

      if ((int) i != console && area > best_area)
        {
          best_area = area;
          map = i;
        }
    }

  *map_monitor = map;
  *console_monitor = console;
  return TRUE;
}
