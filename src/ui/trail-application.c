/* trail-application.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-application"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "trail-application.h"
#include "trail-cli.h"
#include "trail-compat.h"
#include "trail-model.h"
#include "trail-preferences-page.h"
#include "trail-template-gallery.h"
#include "trail-templates.h"
#include "trail-window.h"

struct _TrailApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;

  guint           drafts_checked : 1;
  /* --session: start a workshop session on the map opened. */
  guint           start_session : 1;
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

/* An empty window to reuse (the one the app starts with), or a new one. */
static TrailWindow *
get_empty_window (TrailApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (TRAIL_IS_WINDOW (active) && trail_window_is_empty (TRAIL_WINDOW (active)))
    return TRAIL_WINDOW (active);

  return create_window (self);
}

static TrailWindow *
find_window_for_file (TrailApplication *self,
                      GFile            *file)
{
  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (TRAIL_IS_WINDOW (l->data) && trail_window_is_showing (l->data, file))
        return l->data;
    }

  return NULL;
}

static void
recover_drafts (TrailApplication *self,
                GPtrArray        *drafts)
{
  g_autoptr(GString) failures = g_string_new (NULL);

  for (guint i = 0; i < drafts->len; i++)
    {
      TrailDraft *draft = g_ptr_array_index (drafts, i);
      g_autoptr(TrailDocument) document = NULL;
      g_autoptr(TrailMapFile) map_file = NULL;
      g_autoptr(GError) error = NULL;

      document = trail_document_load_from_file (draft->content, NULL, &error);
      if (document == NULL)
        {
          /* The draft stays on disk: a later version may read it, or a
           * person can. The loader's message names the file. */
          g_string_append_printf (failures, "\n\n%s", error->message);
          continue;
        }

      map_file = trail_map_file_new_recovered (document, draft->original, draft->id);
      trail_window_set_map_file (get_empty_window (self), map_file);
    }

  if (failures->len > 0)
    {
      g_autofree char *body = g_strconcat (_("These drafts could not be read. They are kept where they are:"),
                                           failures->str, NULL);

      trail_compat_tell (GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (self))),
                         _("Some Changes Could Not Be Recovered"), body);
    }
}

static void
on_recover_response_cb (TrailApplication *self,
                        const char       *response,
                        GObject          *dialog)
{
  GPtrArray *drafts = g_object_get_data (dialog, "drafts");

  if (g_str_equal (response, "recover"))
    recover_drafts (self, drafts);
  else if (g_str_equal (response, "discard"))
    {
      for (guint i = 0; i < drafts->len; i++)
        trail_drafts_remove (((TrailDraft *) g_ptr_array_index (drafts, i))->id);
    }
}

/* What the recovery dialog lists: made safe, as it comes from the draft. */
static char *
dup_draft_name (TrailDraft *draft)
{
  g_autofree char *name = NULL;

  if (draft->original != NULL)
    {
      g_autofree char *basename = g_file_get_basename (draft->original);
      name = trail_display_text_dup (basename, TRAIL_DISPLAY_TEXT_MAX_CHARS);
    }
  else
    name = trail_display_text_dup (draft->title, TRAIL_DISPLAY_TEXT_MAX_CHARS);

  if (name[0] == '\0')
    return g_strdup (_("Unsaved Map"));

  return g_steal_pointer (&name);
}

/* After a crash or a kill, the first window of the next start offers back
 * every map whose changes were not saved. */
static void
offer_drafts (TrailApplication *self,
              TrailWindow      *window)
{
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GString) body = NULL;
  const TrailResponse responses[] = {
    { "later", _("_Not Now"), ADW_RESPONSE_DEFAULT },
    { "discard", _("_Discard"), ADW_RESPONSE_DESTRUCTIVE },
    { "recover", _("_Recover"), ADW_RESPONSE_SUGGESTED },
    { NULL }
  };
  GObject *dialog;

  if (self->drafts_checked)
    return;
  self->drafts_checked = TRUE;

  drafts = trail_drafts_list ();
  if (drafts->len == 0)
    return;

  body = g_string_new (g_dngettext (GETTEXT_PACKAGE,
                                    "Trailmap closed before this map was saved:",
                                    "Trailmap closed before these maps were saved:",
                                    drafts->len));
  for (guint i = 0; i < drafts->len; i++)
    {
      g_autofree char *name = dup_draft_name (g_ptr_array_index (drafts, i));
      g_string_append_printf (body, "\n• %s", name);
    }

  dialog = trail_compat_ask (GTK_WIDGET (window), _("Recover Unsaved Changes?"), body->str,
                             responses, "recover", "later",
                             G_CALLBACK (on_recover_response_cb), self);
  g_object_set_data_full (dialog, "drafts",
                          g_steal_pointer (&drafts), (GDestroyNotify) g_ptr_array_unref);
}

static void
apply_default_scale (TrailApplication *self,
                     TrailDocument    *document)
{
  g_autofree char *scale = g_settings_get_string (trail_application_get_settings (self),
                                                  "default-emotion-scale");
  int min, max;

  if (sscanf (scale, "%d..%d", &min, &max) != 2 || min >= max)
    return;

  if (min != trail_document_get_scale_min (document) ||
      max != trail_document_get_scale_max (document))
    trail_document_set_scale (document, min, max, NULL);
}

static void
on_template_chosen_cb (TrailApplication *self,
                       const char       *id)
{
  g_autoptr(TrailDocument) document = NULL;
  g_autoptr(TrailMapFile) map_file = NULL;
  g_autoptr(GError) error = NULL;
  TrailWindow *window;

  document = trail_template_load (id, &error);
  if (document == NULL)
    {
      g_critical ("Shipped template %s does not load: %s", id, error->message);
      return;
    }

  /* Examples keep the scale their data was gathered on; a blank map takes
   * the one the user works with. */
  if (g_str_equal (id, "blank"))
    {
      apply_default_scale (self, document);
      trail_document_clear_history (document);
    }

  map_file = trail_map_file_new (document);
  window = get_empty_window (self);
  trail_window_set_map_file (window, map_file);
  gtk_window_present (GTK_WINDOW (window));
}

static void
trail_application_new_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  TrailApplication *self = user_data;
  GtkWindow *gallery;

  gallery = trail_template_gallery_new (gtk_application_get_active_window (GTK_APPLICATION (self)));
  g_signal_connect_object (gallery, "chosen", G_CALLBACK (on_template_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (gallery);
}

static void
trail_application_new_window_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  create_window (TRAIL_APPLICATION (user_data));
}

static GPtrArray *
get_unsaved_windows (TrailApplication *self)
{
  GPtrArray *unsaved = g_ptr_array_new_with_free_func (g_object_unref);

  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (!TRAIL_IS_WINDOW (l->data))
        continue;
      /* Typing not yet committed counts as unsaved too. */
      trail_window_commit_edits (l->data);
      if (trail_window_get_modified (l->data))
        g_ptr_array_add (unsaved, g_object_ref (l->data));
    }

  return unsaved;
}

static void
close_all_windows (TrailApplication *self,
                   const char       *how)
{
  g_autoptr(GList) windows = NULL;

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (const GList *l = windows; l != NULL; l = l->next)
    {
      if (!TRAIL_IS_WINDOW (l->data))
        gtk_window_close (l->data);
      else if (g_strcmp0 (how, "save") == 0)
        trail_window_save_and_close (l->data);
      else if (g_strcmp0 (how, "discard") == 0)
        trail_window_discard_and_close (l->data);
      else
        gtk_window_close (l->data);
    }
}

static gboolean
discard_all_cb (gpointer user_data)
{
  close_all_windows (user_data, "discard");

  return G_SOURCE_REMOVE;
}

static void
on_quit_response_cb (TrailApplication *self,
                     const char       *response)
{
  /* Windows close once the dialog has gone, since it is transient for one
   * of them; saving closes each window only when its save succeeds. */
  if (g_str_equal (response, "save"))
    close_all_windows (self, response);
  else if (g_str_equal (response, "discard"))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, discard_all_cb,
                     g_object_ref (self), g_object_unref);
}

static void
trail_application_quit_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  TrailApplication *self = user_data;
  g_autoptr(GPtrArray) unsaved = get_unsaved_windows (self);
  g_autoptr(GString) body = NULL;
  const TrailResponse responses[] = {
    { "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT },
    { "discard", _("_Discard All"), ADW_RESPONSE_DESTRUCTIVE },
    { "save", _("_Save All"), ADW_RESPONSE_SUGGESTED },
    { NULL }
  };

  if (unsaved->len == 0)
    {
      close_all_windows (self, NULL);
      return;
    }

  /* One question for every unsaved map, not one dialog per window. */
  body = g_string_new (g_dngettext (GETTEXT_PACKAGE,
                                    "This map has unsaved changes:",
                                    "These maps have unsaved changes:",
                                    unsaved->len));
  for (guint i = 0; i < unsaved->len; i++)
    {
      g_autofree char *name = trail_window_dup_display_name (g_ptr_array_index (unsaved, i));
      g_string_append_printf (body, "\n• %s", name);
    }
  g_string_append (body, "\n\n");
  g_string_append (body, _("Changes which are not saved will be permanently lost."));

  trail_compat_ask (GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (self))),
                    _("Save Changes Before Quitting?"), body->str,
                    responses, "save", "cancel",
                    G_CALLBACK (on_quit_response_cb), self);
}

static void
trail_application_preferences_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  TrailApplication *self = user_data;

  trail_preferences_page_present (GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (self))),
                                  trail_application_get_settings (self));
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

  trail_compat_show_about (GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (self))),
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
  { "new", trail_application_new_action },
  { "new-window", trail_application_new_window_action },
  { "about", trail_application_about_action },
  { "preferences", trail_application_preferences_action },
  { "quit", trail_application_quit_action },
};

static void
trail_application_activate (GApplication *app)
{
  TrailApplication *self = TRAIL_APPLICATION (app);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));

  /* Launching again (the dock, the app grid) raises the app; it does not
   * pile up empty windows. */
  if (active != NULL)
    {
      gtk_window_present (active);
      return;
    }

  if (self->start_session)
    {
      g_printerr ("trailmap: %s\n", _("--session needs a map to share. Name a .trailmap file."));
      self->start_session = FALSE;
    }

  offer_drafts (self, create_window (self));
}

static void
trail_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  TrailApplication *self = TRAIL_APPLICATION (app);
  TrailWindow *first = NULL;

  for (int i = 0; i < n_files; i++)
    {
      TrailWindow *window = find_window_for_file (self, files[i]);

      /* One window per map: opening it again brings its window forward. */
      if (window == NULL)
        {
          window = get_empty_window (self);
          trail_window_open_file (window, files[i]);
        }

      gtk_window_present (GTK_WINDOW (window));
      if (first == NULL)
        first = window;
    }

  if (first != NULL && self->start_session)
    {
      self->start_session = FALSE;
      trail_window_start_session (first);
    }

  if (first != NULL)
    offer_drafts (self, first);
}

static int
trail_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  TrailApplication *self = TRAIL_APPLICATION (app);

  if (g_variant_dict_contains (options, "session"))
    {
      self->start_session = TRUE;
      /* The session, its port and the link printed belong to this
       * process: never hand the map to an instance already running. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static gboolean
style_variant_to_scheme (GValue   *value,
                         GVariant *variant,
                         gpointer  user_data)
{
  const char *style = g_variant_get_string (variant, NULL);

  if (g_str_equal (style, "light"))
    g_value_set_enum (value, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_str_equal (style, "dark"))
    g_value_set_enum (value, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    g_value_set_enum (value, ADW_COLOR_SCHEME_DEFAULT);

  return TRUE;
}

/* The first accel of each is the one menus and tooltips show. */
static const struct {
  const char *action;
  const char *accels[4];
} view_accels[] = {
  { "win.zoom-in", { "<Control>plus", "<Control>equal", "<Control>KP_Add", NULL } },
  { "win.zoom-out", { "<Control>minus", "<Control>KP_Subtract", NULL } },
  { "win.zoom-fit", { "<Control>0", "<Control>KP_0", NULL } },
  { "win.zoom-reset", { "<Control>1", "<Control>KP_1", NULL } },
  { "win.toggle-palette", { "F9", NULL } },
  { "win.toggle-inspector", { "<Shift>F9", NULL } },
};

static void
trail_application_startup (GApplication *app)
{
  TrailApplication *self = TRAIL_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *new_accels[] = { "<Control>n", NULL };
  static const char *new_window_accels[] = { "<Control><Shift>n", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (trail_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-window", new_window_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  for (guint i = 0; i < G_N_ELEMENTS (view_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), view_accels[i].action,
                                           view_accels[i].accels);

  gtk_window_set_default_icon_name (APP_ID);

  g_settings_bind_with_mapping (trail_application_get_settings (self), "style-variant",
                                adw_style_manager_get_default (), "color-scheme",
                                G_SETTINGS_BIND_GET,
                                style_variant_to_scheme, NULL, NULL, NULL);
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
  app_class->handle_local_options = trail_application_handle_local_options;
  app_class->startup = trail_application_startup;
}

static const GOptionEntry session_entries[] = {
  { "session", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the map, start a workshop session on it and print the link to join"), NULL },
  { NULL }
};

static void
trail_application_init (TrailApplication *self)
{
  /* Listed in --help; main() runs them before the application starts, so
   * the values the entries point to are never read from here. */
  g_application_add_main_option_entries (G_APPLICATION (self), trail_cli_get_validate_entries ());
  g_application_add_main_option_entries (G_APPLICATION (self), trail_cli_export_get_entries ());
  g_application_add_main_option_entries (G_APPLICATION (self), trail_cli_import_get_entries ());
  g_application_add_main_option_entries (G_APPLICATION (self), session_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[MAP…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Edit customer journey maps, or check and export them without a display."));
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
