/* trail-application.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-application"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-application.h"
#include "trail-cli.h"
#include "trail-window.h"

struct _TrailApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (TrailApplication, trail_application, ADW_TYPE_APPLICATION)

static TrailWindow *
create_window (TrailApplication *self)
{
  TrailWindow *window;

  window = trail_window_new (self);
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static void
trail_application_new_window_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  create_window (TRAIL_APPLICATION (user_data));
}

static void
trail_application_quit_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  TrailApplication *self = user_data;
  g_autoptr(GList) windows = NULL;

  /* Close windows one by one so each gets its close-request (and, once
   * documents exist, its chance to ask about unsaved changes). */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (const GList *iter = windows; iter != NULL; iter = iter->next)
    gtk_window_close (GTK_WINDOW (iter->data));
}

static void
trail_application_about_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  TrailApplication *self = user_data;
  static const char *developers[] = {
    "The Trailmap authors",
    NULL
  };
  static const char *designers[] = {
    "The Trailmap authors",
    NULL
  };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Trailmap"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Trailmap authors"),
                         "version", PACKAGE_VERSION,
                         "website", PACKAGE_WEBSITE,
                         "issue-url", PACKAGE_WEBSITE "/issues",
                         "comments", _("Map customer journeys — stages, touchpoints, "
                                       "personas and the emotions between them — "
                                       "on your own desktop, in plain files."),
                         "copyright", "© 2026 The Trailmap authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         "designers", designers,
                         /* Translators: Replace "translator-credits" with your names, one name per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "new-window", trail_application_new_window_action },
  { "about", trail_application_about_action },
  { "quit", trail_application_quit_action },
};

static void
trail_application_activate (GApplication *app)
{
  create_window (TRAIL_APPLICATION (app));
}

static void
trail_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  TrailApplication *self = TRAIL_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      TrailWindow *window = create_window (self);

      trail_window_open_file (window, files[i]);
    }
}

static void
trail_application_startup (GApplication *app)
{
  TrailApplication *self = TRAIL_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *new_window_accels[] = { "<Control><Shift>n", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (trail_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-window", new_window_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
trail_application_dispose (GObject *object)
{
  TrailApplication *self = TRAIL_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (trail_application_parent_class)->dispose (object);
}

static void
trail_application_class_init (TrailApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = trail_application_dispose;

  app_class->activate = trail_application_activate;
  app_class->open = trail_application_open;
  app_class->startup = trail_application_startup;
}

static void
trail_application_init (TrailApplication *self)
{
  /* Listed in --help; main() runs them before the application starts. */
  g_application_add_option_group (G_APPLICATION (self), trail_cli_get_option_group ());
}

TrailApplication *
trail_application_new (void)
{
  return g_object_new (TRAIL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       /* The same resources serve the release and the .Devel build. */
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

/**
 * trail_application_get_settings:
 *
 * Returns: (transfer none): the application's settings, created on first use
 */
GSettings *
trail_application_get_settings (TrailApplication *self)
{
  g_return_val_if_fail (TRAIL_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    self->settings = g_settings_new (BASE_ID);

  return self->settings;
}
