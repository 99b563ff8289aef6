/* trail-timer.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-timer"

#include "config.h"

#include "trail-timer.h"

struct _TrailTimer
{
  GObject          parent_instance;

  TrailTimerClock  clock;
  gpointer         clock_data;
  gboolean         real_clock;

  TrailTimerState  state;
  gint64           duration;     /* µs */
  gint64           end_time;     /* clock time it runs out, while running */
  gint64           left;         /* µs left, while paused or at the last update */
  guint            shown;        /* whole seconds last notified */
  guint            tick_id;
};

G_DEFINE_FINAL_TYPE (TrailTimer, trail_timer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_DURATION,
  PROP_REMAINING,
  PROP_LAST_MINUTE,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gint64
real_clock (gpointer user_data)
{
  return g_get_monotonic_time ();
}

static gint64
now (TrailTimer *self)
{
  return self->clock (self->clock_data);
}

static guint
seconds_up (gint64 us)
{
  return us <= 0 ? 0 : (guint) ((us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

static gboolean
tick_cb (gpointer data)
{
  trail_timer_update (data);
  return G_SOURCE_CONTINUE;
}

/* Only the real clock needs the main loop; a few checks a second keep the
 * shown second within a quarter of a second of the truth. */
static void
update_ticking (TrailTimer *self)
{
  gboolean want = self->real_clock && self->state == TRAIL_TIMER_RUNNING;

  if (want && self->tick_id == 0)
    self->tick_id = g_timeout_add (250, tick_cb, self);
  else if (!want)
    g_clear_handle_id (&self->tick_id, g_source_remove);
}

static void
set_left (TrailTimer *self,
          gint64      left)
{
  gboolean was_last = trail_timer_get_last_minute (self);
  guint shown;

  self->left = MAX (0, left);
  shown = seconds_up (self->left);
  if (shown != self->shown)
    {
      self->shown = shown;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMAINING]);
    }
  if (was_last != trail_timer_get_last_minute (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_MINUTE]);
}

static void
set_state (TrailTimer      *self,
           TrailTimerState  state)
{
  gboolean was_last = trail_timer_get_last_minute (self);

  if (self->state == state)
    return;
  self->state = state;
  update_ticking (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (was_last != trail_timer_get_last_minute (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_MINUTE]);
}

static void
set_duration (TrailTimer *self,
              gint64      duration)
{
  if (self->duration == duration)
    return;
  self->duration = duration;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
}

static void
trail_timer_dispose (GObject *object)
{
  TrailTimer *self = TRAIL_TIMER (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  G_OBJECT_CLASS (trail_timer_parent_class)->dispose (object);
}

static void
trail_timer_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TrailTimer *self = TRAIL_TIMER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_DURATION:
      g_value_set_uint (value, trail_timer_get_duration (self));
      break;
    case PROP_REMAINING:
      g_value_set_uint (value, trail_timer_get_remaining (self));
      break;
    case PROP_LAST_MINUTE:
      g_value_set_boolean (value, trail_timer_get_last_minute (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_timer_class_init (TrailTimerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = trail_timer_dispose;
  object_class->get_property = trail_timer_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, TRAIL_TIMER_STOPPED, TRAIL_TIMER_FINISHED, TRAIL_TIMER_STOPPED, flags);
  properties[PROP_DURATION] = g_param_spec_uint ("duration", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_REMAINING] = g_param_spec_uint ("remaining", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_LAST_MINUTE] = g_param_spec_boolean ("last-minute", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
trail_timer_init (TrailTimer *self)
{
  self->clock = real_clock;
  self->real_clock = TRUE;
}

TrailTimer *
trail_timer_new (void)
{
  return g_object_new (TRAIL_TYPE_TIMER, NULL);
}

TrailTimer *
trail_timer_new_with_clock (TrailTimerClock clock,
                            gpointer        user_data)
{
  TrailTimer *self = g_object_new (TRAIL_TYPE_TIMER, NULL);

  g_return_val_if_fail (clock != NULL, self);
  self->clock = clock;
  self->clock_data = user_data;
  self->real_clock = FALSE;
  return self;
}

void
trail_timer_start (TrailTimer *self,
                   guint       seconds)
{
  g_return_if_fail (TRAIL_IS_TIMER (self));
  g_return_if_fail (seconds > 0);

  g_object_freeze_notify (G_OBJECT (self));
  set_duration (self, (gint64) seconds * G_USEC_PER_SEC);
  self->end_time = now (self) + self->duration;
  set_left (self, self->duration);
  set_state (self, TRAIL_TIMER_RUNNING);
  g_object_thaw_notify (G_OBJECT (self));
}

void
trail_timer_toggle_pause (TrailTimer *self)
{
  g_return_if_fail (TRAIL_IS_TIMER (self));

  if (self->state == TRAIL_TIMER_RUNNING)
    {
      trail_timer_update (self);
      if (self->state == TRAIL_TIMER_RUNNING)
        set_state (self, TRAIL_TIMER_PAUSED);
    }
  else if (self->state == TRAIL_TIMER_PAUSED)
    {
      self->end_time = now (self) + self->left;
      set_state (self, TRAIL_TIMER_RUNNING);
    }
}

void
trail_timer_add_minute (TrailTimer *self)
{
  g_return_if_fail (TRAIL_IS_TIMER (self));

  switch (self->state)
    {
    case TRAIL_TIMER_STOPPED:
    case TRAIL_TIMER_FINISHED:
      trail_timer_start (self, 60);
      break;
    case TRAIL_TIMER_RUNNING:
      trail_timer_update (self);
      if (self->state != TRAIL_TIMER_RUNNING)
        {
          trail_timer_start (self, 60);
          break;
        }
      g_object_freeze_notify (G_OBJECT (self));
      self->end_time += 60 * G_USEC_PER_SEC;
      set_duration (self, self->duration + 60 * G_USEC_PER_SEC);
      set_left (self, self->left + 60 * G_USEC_PER_SEC);
      g_object_thaw_notify (G_OBJECT (self));
      break;
    case TRAIL_TIMER_PAUSED:
      g_object_freeze_notify (G_OBJECT (self));
      set_duration (self, self->duration + 60 * G_USEC_PER_SEC);
      set_left (self, self->left + 60 * G_USEC_PER_SEC);
      g_object_thaw_notify (G_OBJECT (self));
      break;
    default:
      g_assert_not_reached ();
    }
}

void
trail_timer_stop (TrailTimer *self)
{
  g_return_if_fail (TRAIL_IS_TIMER (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_left (self, 0);
  set_state (self, TRAIL_TIMER_STOPPED);
  g_object_thaw_notify (G_OBJECT (self));
}

void
trail_timer_update (TrailTimer *self)
{
  g_return_if_fail (TRAIL_IS_TIMER (self));

  if (self->state != TRAIL_TIMER_RUNNING)
    return;

  set_left (self, self->end_time - now (self));
  if (self->left == 0)
    {
      set_state (self, TRAIL_TIMER_FINISHED);
      g_signal_emit (self, signals[FINISHED], 0);
    }
}

TrailTimerState
trail_timer_get_state (TrailTimer *self)
{
  g_return_val_if_fail (TRAIL_IS_TIMER (self), TRAIL_TIMER_STOPPED);
  return self->state;
}

guint
trail_timer_get_duration (TrailTimer *self)
{
  g_return_val_if_fail (TRAIL_IS_TIMER (self), 0);
  return seconds_up (self->duration);
}

guint
trail_timer_get_remaining (TrailTimer *self)
{
  g_return_val_if_fail (TRAIL_IS_TIMER (self), 0);
  return self->shown;
}

gboolean
trail_timer_get_last_minute (TrailTimer *self)
{
  g_return_val_if_fail (TRAIL_IS_TIMER (self), FALSE);
  return (self->state == TRAIL_TIMER_RUNNING || self->state == TRAIL_TIMER_PAUSED) &&
         self->shown <= 60;
}

char *
trail_timer_format_seconds (guint seconds)
{
  if (seconds >= 3600)
    return g_strdup_printf ("%u:%02u:%02u", seconds / 3600, seconds / 60 % 60, seconds % 60);
  return g_strdup_printf ("%u:%02u", seconds / 60, seconds % 60);
}
