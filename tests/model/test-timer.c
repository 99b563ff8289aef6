/* test-timer.c — the workshop countdown on a fake clock: no waiting, no
 * timing thresholds.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "trail-model.h"

static gint64 fake_now;

static gint64
fake_clock (gpointer user_data)
{
  return fake_now;
}

static void
advance (TrailTimer *timer,
         double      seconds)
{
  fake_now += (gint64) (seconds * G_USEC_PER_SEC);
  trail_timer_update (timer);
}

static void
count_cb (gpointer data)
{
  (*(guint *) data)++;
}

static void
test_countdown (void)
{
  g_autoptr(TrailTimer) timer = trail_timer_new_with_clock (fake_clock, NULL);
  guint finished = 0, remaining_notes = 0;

  g_signal_connect_swapped (timer, "finished", G_CALLBACK (count_cb), &finished);
  g_signal_connect_swapped (timer, "notify::remaining", G_CALLBACK (count_cb), &remaining_notes);

  g_assert_cmpint (trail_timer_get_state (timer), ==, TRAIL_TIMER_STOPPED);
  trail_timer_start (timer, 120);
  g_assert_cmpint (trail_timer_get_state (timer), ==, TRAIL_TIMER_RUNNING);
  g_assert_cmpuint (trail_timer_get_remaining (timer), ==, 120);
  g_assert_false (trail_timer_get_last_minute (timer));

  /* Part of a second still shows the whole second. */
  remaining_notes = 0;
  advance (timer, 0.4);
  g_assert_cmpuint (trail_timer_get_remaining (timer), ==, 120);
  g_assert_cmpuint (remaining_notes, ==, 0);
  advance (timer, 0.6);
  g_assert_cmpuint (trail_timer_get_remaining (timer), ==, 119);
  g_assert_cmpuint (remaining_notes, ==, 1);

  advance (timer, 59);
  g_assert_cmpuint (trail_timer_get_remaining (timer), ==, 60);
  g_assert_true (trail_timer_get_last_minute (timer));

  /* Paused, time passes without counting. */
  trail_timer_toggle_pause (timer);
  g_assert_cmpint (trail_timer_get_state (timer), ==, TRAIL_TIMER_PAUSED);
  advance (timer, 500);
  g_assert_cmpuint (trail_timer_get_remaining (timer), ==, 60);
  g_assert_true (trail_timer_get_last_minute (timer));

  /* A minute more while paused, then resumed. */
  trail_timer_add_minute (timer);
  g_assert_cmpuint (trail_timer_get_remaining (timer), ==, 120);
  g_assert_cmpuint (trail_timer_get_duration (timer), ==, 180);
  g_assert_false (trail_timer_get_last_minute (timer));
  trail_timer_toggle_pause (timer);
  g_assert_cmpint (trail_timer_get_state (timer), ==, TRAIL_TIMER_RUNNING);
  advance (timer, 30);
  g_assert_cmpuint (trail_timer_get_remaining (timer), ==, 90);

  /* A minute more while running. */
  trail_timer_add_minute (timer);
  g_assert_cmpuint (trail_timer_get_remaining (timer), ==, 150);

  /* Runs out once, however late the update comes. */
  advance (timer, 149);
  g_assert_cmpuint (finished, ==, 0);
  advance (timer, 5);
  g_assert_cmpuint (finished, ==, 1);
  g_assert_cmpint (trail_timer_get_state (timer), ==, TRAIL_TIMER_FINISHED);
  g_assert_cmpuint (trail_timer_get_remaining (timer), ==, 0);
  g_assert_false (trail_timer_get_last_minute (timer));
  advance (timer, 5);
  g_assert_cmpuint (finished, ==, 1);

  /* A minute after the end is a new minute. */
  trail_timer_add_minute (timer);
  g_assert_cmpint (trail_timer_get_state (timer), ==, TRAIL_TIMER_RUNNING);
  g_assert_cmpuint (trail_timer_get_remaining (timer), ==, 60);

  trail_timer_stop (timer);
  g_assert_cmpint (trail_timer_get_state (timer), ==, TRAIL_TIMER_STOPPED);
  g_assert_cmpuint (trail_timer_get_remaining (timer), ==, 0);
  advance (timer, 120);
  g_assert_cmpuint (finished, ==, 1);

  /* Pausing a stopped timer does nothing. */
  trail_timer_toggle_pause (timer);
  g_assert_cmpint (trail_timer_get_state (timer), ==, TRAIL_TIMER_STOPPED);
}

static void
test_format (void)
{
  const struct { guint s; const char *text; } cases[] = {
    { 0, "0:00" }, { 5, "0:05" }, { 65, "1:05" }, { 600, "10:00" }, { 3723, "1:02:03" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = trail_timer_format_seconds (cases[i].s);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/timer/countdown", test_countdown);
  g_test_add_func ("/model/timer/format", test_format);
  return g_test_run ();
}
