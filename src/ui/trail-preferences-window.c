/* trail-preferences-window.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-preferences-window.h"
#include "trail-settings-row.h"

struct _TrailPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *style_row;
  AdwComboRow          *scale_row;
  GtkSpinButton        *delay_spin;

  GSettings            *settings;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TrailPreferencesWindow, trail_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static GParamSpec *properties[N_PROPS];

/* The rows list these in the order of the schema's choices. */
static const char * const style_choices[] = { "follow", "light", "dark", NULL };
static const char * const scale_choices[] = { "-2..2", "1..5", "1..7", "0..10", NULL };

static void
trail_preferences_window_constructed (GObject *object)
{
  TrailPreferencesWindow *self = TRAIL_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (trail_preferences_window_parent_class)->constructed (object);

  trail_settings_bind_choice (self->settings, "style-variant", self->style_row, style_choices);
  trail_settings_bind_choice (self->settings, "default-emotion-scale", self->scale_row, scale_choices);
  g_settings_bind (self->settings, "auto-save-delay",
                   gtk_spin_button_get_adjustment (self->delay_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
trail_preferences_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  TrailPreferencesWindow *self = TRAIL_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_preferences_window_dispose (GObject *object)
{
  TrailPreferencesWindow *self = TRAIL_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TRAIL_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (trail_preferences_window_parent_class)->dispose (object);
}

static void
trail_preferences_window_class_init (TrailPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = trail_preferences_window_constructed;
  object_class->dispose = trail_preferences_window_dispose;
  object_class->set_property = trail_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/trail-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TrailPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, TrailPreferencesWindow, scale_row);
  gtk_widget_class_bind_template_child (widget_class, TrailPreferencesWindow, delay_spin);
}

static void
trail_preferences_window_init (TrailPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWindow *
trail_preferences_window_new (GtkWindow *parent,
                              GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (TRAIL_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "settings", settings,
                       NULL);
}
