/* trail-preferences-page.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-preferences-page"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-compat.h"
#include "trail-preferences-page.h"
#include "trail-settings-row.h"

struct _TrailPreferencesPage
{
  AdwPreferencesPage    parent_instance;

  AdwComboRow          *style_row;
  AdwComboRow          *scale_row;
  GtkSpinButton        *delay_spin;
  GtkSwitch            *timer_sound_switch;

  GSettings            *settings;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TrailPreferencesPage, trail_preferences_page, ADW_TYPE_PREFERENCES_PAGE)

static GParamSpec *properties[N_PROPS];

/* The rows list these in the order of the schema's choices. */
static const char * const style_choices[] = { "follow", "light", "dark", NULL };
static const char * const scale_choices[] = { "-2..2", "1..5", "1..7", "0..10", NULL };

static void
trail_preferences_page_constructed (GObject *object)
{
  TrailPreferencesPage *self = TRAIL_PREFERENCES_PAGE (object);

  G_OBJECT_CLASS (trail_preferences_page_parent_class)->constructed (object);

  trail_settings_bind_choice (self->settings, "style-variant", self->style_row, style_choices);
  trail_settings_bind_choice (self->settings, "default-emotion-scale", self->scale_row, scale_choices);
  g_settings_bind (self->settings, "timer-sound", self->timer_sound_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "auto-save-delay",
                   gtk_spin_button_get_adjustment (self->delay_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
trail_preferences_page_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  TrailPreferencesPage *self = TRAIL_PREFERENCES_PAGE (object);

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
trail_preferences_page_dispose (GObject *object)
{
  TrailPreferencesPage *self = TRAIL_PREFERENCES_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TRAIL_TYPE_PREFERENCES_PAGE);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (trail_preferences_page_parent_class)->dispose (object);
}

static void
trail_preferences_page_class_init (TrailPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = trail_preferences_page_constructed;
  object_class->dispose = trail_preferences_page_dispose;
  object_class->set_property = trail_preferences_page_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/trail-preferences-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TrailPreferencesPage, style_row);
  gtk_widget_class_bind_template_child (widget_class, TrailPreferencesPage, scale_row);
  gtk_widget_class_bind_template_child (widget_class, TrailPreferencesPage, delay_spin);
  gtk_widget_class_bind_template_child (widget_class, TrailPreferencesPage, timer_sound_switch);
}

static void
trail_preferences_page_init (TrailPreferencesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A window on libadwaita 1.2, a dialog inside parent's window from 1.5 on. */
void
trail_preferences_page_present (GtkWidget *parent,
                                GSettings *settings)
{
  AdwPreferencesPage *page;

  g_return_if_fail (G_IS_SETTINGS (settings));

  page = g_object_new (TRAIL_TYPE_PREFERENCES_PAGE,
                       "settings", settings,
                       NULL);
  trail_compat_present_preferences (parent, _("Preferences"), 560, 480, page);
}
