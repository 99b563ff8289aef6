/* trail-window.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-window"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-window.h"

struct _TrailWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkStack             *stack;

  GFile                *file;
};

G_DEFINE_FINAL_TYPE (TrailWindow, trail_window, ADW_TYPE_APPLICATION_WINDOW)

static GSettings *
get_settings (TrailWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (TRAIL_IS_APPLICATION (app))
    return trail_application_get_settings (TRAIL_APPLICATION (app));

  return NULL;
}

static void
save_window_state (TrailWindow *self)
{
  GSettings *settings = get_settings (self);
  gboolean maximized;
  int width, height;

  if (settings == NULL)
    return;

  maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  g_settings_set_boolean (settings, "window-maximized", maximized);

  /* The default size keeps the unmaximized size while maximized. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && height > 0)
    g_settings_set (settings, "window-size", "(ii)", width, height);
}

static void
restore_window_state (TrailWindow *self)
{
  GSettings *settings = get_settings (self);
  int width, height;

  if (settings == NULL)
    return;

  g_settings_get (settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
trail_window_close_request (GtkWindow *window)
{
  save_window_state (TRAIL_WINDOW (window));

  return GTK_WINDOW_CLASS (trail_window_parent_class)->close_request (window);
}

static void
trail_window_dispose (GObject *object)
{
  TrailWindow *self = TRAIL_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TRAIL_TYPE_WINDOW);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (trail_window_parent_class)->dispose (object);
}

static void
trail_window_class_init (TrailWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = trail_window_dispose;

  window_class->close_request = trail_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/trail-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TrailWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TrailWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TrailWindow, stack);
}

static void
trail_window_init (TrailWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (g_strcmp0 (PROFILE, "Devel") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

TrailWindow *
trail_window_new (TrailApplication *application)
{
  TrailWindow *self;

  self = g_object_new (TRAIL_TYPE_WINDOW,
                       "application", application,
                       NULL);
  /* Needs the application's settings, which "constructed" is too early for:
   * "application" is not a construct property. */
  restore_window_state (self);

  return self;
}

void
trail_window_open_file (TrailWindow *self,
                        GFile       *file)
{
  g_autofree char *name = NULL;

  g_return_if_fail (TRAIL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->file, file);

  name = g_file_get_basename (file);
  adw_window_title_set_subtitle (self->window_title, name);
}
