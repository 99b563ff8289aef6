/* trail-timer.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TRAIL_TYPE_TIMER (trail_timer_get_type())

G_DECLARE_FINAL_TYPE (TrailTimer, trail_timer, TRAIL, TIMER, GObject)

typedef enum
{
  TRAIL_TIMER_STOPPED,
  TRAIL_TIMER_RUNNING,
  TRAIL_TIMER_PAUSED,
  TRAIL_TIMER_FINISHED,   /* ran out; shows 0:00 until stopped or restarted */
} TrailTimerState;

/* Microseconds of a monotonic clock; tests pass a fake one. */
typedef gint64 (*TrailTimerClock) (gpointer user_data);

/* A workshop countdown with no display: "state", "duration" and
 * "remaining" (whole seconds left, rounded up, notified once a second) are
 * properties; "finished" is emitted once when it runs out. With the real
 * clock it checks itself on the main loop while running; with a fake clock
 * the caller calls trail_timer_update() after moving the clock. */
TrailTimer     *trail_timer_new              (void);
TrailTimer     *trail_timer_new_with_clock   (TrailTimerClock clock,
                                              gpointer        user_data);

void            trail_timer_start            (TrailTimer *self,
                                              guint       seconds);
/* Pauses a running timer, resumes a paused one. */
void            trail_timer_toggle_pause     (TrailTimer *self);
/* One more minute: to the time left, or a new minute when it ran out or
 * was stopped. */
void            trail_timer_add_minute       (TrailTimer *self);
void            trail_timer_stop             (TrailTimer *self);
/* Reads the clock: counts down, and finishes at zero. */
void            trail_timer_update           (TrailTimer *self);

TrailTimerState trail_timer_get_state        (TrailTimer *self);
/* The length last started, plus added minutes, in seconds. */
guint           trail_timer_get_duration     (TrailTimer *self);
guint           trail_timer_get_remaining    (TrailTimer *self);
/* TRUE while running or paused with at most a minute left. */
gboolean        trail_timer_get_last_minute  (TrailTimer *self);
/* "4:05", "12:00", "1:02:03". */
char           *trail_timer_format_seconds   (guint       seconds);

G_END_DECLS
