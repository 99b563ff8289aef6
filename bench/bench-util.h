/* bench-util.h — what the model benchmarks share
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

/* Milliseconds since @start (g_get_monotonic_time()). */
static inline double
bench_since_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The best of @n times: the run the rest of the machine disturbed least. */
static inline double
bench_best (const double *times,
            guint         n)
{
  double best = times[0];

  for (guint i = 1; i < n; i++)
    best = MIN (best, times[i]);
  return best;
}
