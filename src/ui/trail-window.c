/* trail-window.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-window"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-compat.h"
#include "trail-import-dialog.h"
#include "trail-map-view.h"
#include "trail-presenter.h"
#include "trail-model.h"
#include "trail-session-controls.h"
#include "trail-session-panel.h"
#include "trail-vote-results.h"
#include "trail-window-private.h"

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_FILE,
  PROP_MAP_FILE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TrailWindow, trail_window, ADW_TYPE_APPLICATION_WINDOW)

static GParamSpec *properties[N_PROPS];

TrailDocument *
_trail_window_get_document (TrailWindow *self)
{
  return self->map_file != NULL ? trail_map_file_get_document (self->map_file) : NULL;
}

GSettings *
_trail_window_get_settings (TrailWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (TRAIL_IS_APPLICATION (app))
    return trail_application_get_settings (TRAIL_APPLICATION (app));

  return NULL;
}

static void
save_window_state (TrailWindow *self)
{
  GSettings *settings = _trail_window_get_settings (self);
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
  GSettings *settings = _trail_window_get_settings (self);
  int width, height;

  if (settings == NULL)
    return;

  g_settings_get (settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

void
_trail_window_show_toast (TrailWindow *self,
                          const char  *message)
{
  AdwToast *toast = trail_compat_toast_new (message);

  adw_toast_set_timeout (toast, 5);
  trail_compat_show_toast (GTK_WIDGET (self->toast_overlay), toast);
}

/* Errors that lose the user's work or block it deserve a dialog that stays
 * until read, not a toast that fades. */
static void
show_error (TrailWindow *self,
            const char  *heading,
            const char  *body)
{
  trail_compat_tell (GTK_WIDGET (self), heading, body);
}

static char *
dup_display_name (TrailWindow *self)
{
  if (self->map_file != NULL)
    return g_strdup (trail_map_file_get_name (self->map_file));

  return g_strdup (_("Unsaved Map"));
}

/* A file's name for a dialog heading or a toast. */
char *
_trail_window_dup_file_name (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return trail_display_text_dup (name, TRAIL_DISPLAY_TEXT_MAX_CHARS);
}

static void
update_title (TrailWindow *self)
{
  g_autofree char *title = NULL;
  const char *map_title;
  gboolean modified;

  if (_trail_window_get_document (self) == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Trailmap"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Trailmap"));
      return;
    }

  /* Already safe to show: the map file strips what a title must not hold. */
  map_title = trail_map_file_get_title (self->map_file);
  modified = trail_map_file_get_modified (self->map_file);

  /* A bullet before the name marks unsaved changes, as gnome-text-editor does. */
  title = modified ? g_strdup_printf ("• %s", map_title) : g_strdup (map_title);
  adw_window_title_set_title (self->window_title, title);

  g_free (title);
  title = g_strdup_printf ("%s%s – %s", modified ? "• " : "", map_title, _("Trailmap"));
  gtk_window_set_title (GTK_WINDOW (self), title);
}

void
_trail_window_add_to_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = (char *) TRAIL_FILE_MIME_TYPE,
    .app_name = (char *) g_get_application_name (),
    .app_exec = (char *) "trailmap %u",
    .groups = NULL,
    .is_private = FALSE,
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

/* The console's ranked results follow the map the window shows. */
static void
on_document_for_votes_cb (TrailVoteResults *results,
                          GParamSpec       *pspec,
                          TrailWindow      *self)
{
  trail_vote_results_set_document (results, _trail_window_get_document (self));
}

/* The phones show "Now: STAGE" while the map is presented. */
static void
on_presenter_changed_for_session_cb (TrailWindow    *self,
                                     TrailPresenter *presenter)
{
  TrailStage *stage = NULL;

  if (self->session_controls == NULL)
    return;
  if (trail_presenter_get_presenting (presenter))
    stage = trail_presenter_get_stage (presenter, trail_presenter_get_stage_index (presenter));
  trail_session_controls_set_presented_stage (TRAIL_SESSION_CONTROLS (self->session_controls), stage);
}

static void
on_draft_failed_cb (TrailWindow  *self,
                    const GError *error)
{
  g_autofree char *message = NULL;

  /* Translators: %s says why, e.g. "No space left on device" */
  message = g_strdup_printf (_("Unsaved changes cannot be kept safe in a draft: %s"),
                             error->message);
  _trail_window_show_toast (self, message);
}

static void
on_map_file_notify_file_cb (TrailWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

/* The keyboard goes where the work is: on the map, not on the header's
 * Open button, where Space would open the file chooser again. */
static void
focus_map (TrailWindow *self)
{
  TrailCanvas *canvas = trail_map_view_get_canvas (TRAIL_MAP_VIEW (self->map_view));

  if (!gtk_widget_grab_focus (self->map_view))
    gtk_widget_grab_focus (GTK_WIDGET (canvas));
}

static void
set_map_file (TrailWindow  *self,
              TrailMapFile *map_file)
{
  TrailDocument *document;
  GSettings *settings;

  g_return_if_fail (!map_file || trail_map_file_get_document (map_file) != NULL);

  if (!g_set_object (&self->map_file, map_file))
    return;

  document = _trail_window_get_document (self);

  /* The draft delay follows the preference for as long as the map lives. */
  if (map_file != NULL && (settings = _trail_window_get_settings (self)) != NULL)
    g_settings_bind (settings, "auto-save-delay", map_file, "draft-delay", G_SETTINGS_BIND_GET);

  g_signal_group_set_target (self->file_signals, map_file);
  g_signal_group_set_target (self->document_signals, document);
  g_binding_group_set_source (self->file_bindings, map_file);

  trail_map_view_set_document (TRAIL_MAP_VIEW (self->map_view), document);
  gtk_widget_set_visible (self->palette_button, document != NULL);
  gtk_widget_set_visible (self->inspector_button, document != NULL);
  gtk_stack_set_visible_child_name (self->stack, document != NULL ? "map" : "empty");

  update_title (self);
  _trail_window_update_actions (self);

  if (document != NULL)
    focus_map (self);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP_FILE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
on_load_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TrailWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  TrailMapFile *map_file = TRAIL_MAP_FILE (object);

  if (self->loading == map_file)
    g_clear_object (&self->loading);

  if (!trail_map_file_load_finish (map_file, result, &error))
    {
      g_autofree char *parse_name = NULL;
      g_autofree char *name = NULL;
      g_autofree char *heading = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      parse_name = g_file_get_parse_name (trail_map_file_get_file (map_file));
      name = trail_display_text_dup (parse_name, TRAIL_DISPLAY_TEXT_MAX_CHARS);
      /* Translators: %s is a file name */
      heading = g_strdup_printf (_("Could Not Open “%s”"), name);
      show_error (self, heading, error->message);
      return;
    }

  set_map_file (self, map_file);
  _trail_window_add_to_recent (trail_map_file_get_file (map_file));
}

static gboolean
discard_and_close_cb (gpointer user_data)
{
  trail_window_discard_and_close (user_data);

  return G_SOURCE_REMOVE;
}

static void
on_close_response_cb (TrailWindow *self,
                      const char  *response)
{
  /* Closing happens once the dialog has gone: a dialog that outlives the
   * window it is transient for touches it while being destroyed. */
  if (g_str_equal (response, "save"))
    trail_window_save_and_close (self);
  else if (g_str_equal (response, "discard"))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, discard_and_close_cb,
                     g_object_ref (self), g_object_unref);
}

static gboolean
trail_window_close_request (GtkWindow *window)
{
  TrailWindow *self = TRAIL_WINDOW (window);

  /* Typing not yet committed counts as an unsaved change. */
  if (!self->close_confirmed)
    trail_window_commit_edits (self);

  if (!self->close_confirmed && trail_window_get_modified (self))
    {
      g_autofree char *name = dup_display_name (self);
      g_autofree char *body = NULL;
      const TrailResponse responses[] = {
        { "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT },
        { "discard", _("_Discard"), ADW_RESPONSE_DESTRUCTIVE },
        { "save", _("_Save"), ADW_RESPONSE_SUGGESTED },
        { NULL }
      };

      /* Translators: %s is a file name */
      body = g_strdup_printf (_("“%s” has unsaved changes. Changes which are not saved will be permanently lost."),
                              name);
      trail_compat_ask (GTK_WIDGET (self), _("Save Changes?"), body,
                        responses, "save", "cancel",
                        G_CALLBACK (on_close_response_cb), self);

      return TRUE;
    }

  save_window_state (self);
  /* The room's port closes with the window, before anything else goes. */
  trail_session_controls_stop (TRAIL_SESSION_CONTROLS (self->session_controls));

  return GTK_WINDOW_CLASS (trail_window_parent_class)->close_request (window);
}

static gboolean
on_drop_cb (TrailWindow   *self,
            const GValue  *value,
            double         x,
            double         y,
            GtkDropTarget *target)
{
  GdkFileList *list = g_value_get_boxed (value);
  g_autoptr(GSList) files = gdk_file_list_get_files (list);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  gboolean handled = FALSE;

  for (const GSList *l = files; l != NULL; l = l->next)
    {
      GFile *file = l->data;
      g_autofree char *name = g_file_get_basename (file);

      /* Survey results and metrics dropped on a map are imported into it. */
      if (_trail_window_get_document (self) != NULL && trail_import_dialog_accepts (file))
        {
          trail_import_dialog_open_file (GTK_WINDOW (self), _trail_window_get_document (self), file);
          handled = TRUE;
          continue;
        }

      if (name == NULL || (!g_str_has_suffix (name, ".trailmap") && !trail_mermaid_is_filename (name)))
        continue;

      if (trail_window_is_empty (self) && !handled)
        trail_window_open_file (self, file);
      else if (_trail_window_get_document (self) != NULL && files->next == NULL &&
               g_str_has_suffix (name, ".trailmap"))
        _trail_window_ask_open_or_compare (self, file);
      else if (app != NULL)
        g_application_open (G_APPLICATION (app), &file, 1, "");
      handled = TRUE;
    }

  if (!handled)
    _trail_window_show_toast (self, _("Only .trailmap and Mermaid .mmd files can be opened"));

  return handled;
}

static void
trail_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TrailWindow *self = TRAIL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, _trail_window_get_document (self));
      break;

    case PROP_FILE:
      g_value_set_object (value, trail_window_get_file (self));
      break;

    case PROP_MAP_FILE:
      g_value_set_object (value, self->map_file);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_window_dispose (GObject *object)
{
  TrailWindow *self = TRAIL_WINDOW (object);

  /* Closes a file chooser still open, too. */
  g_cancellable_cancel (self->cancellable);
  if (self->undo_menu_idle != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->undo_menu_idle);
  self->undo_menu_idle = 0;

  if (self->file_signals != NULL)
    g_signal_group_set_target (self->file_signals, NULL);
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);
  if (self->file_bindings != NULL)
    g_binding_group_set_source (self->file_bindings, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), TRAIL_TYPE_WINDOW);

  g_clear_object (&self->map_file);
  g_clear_object (&self->loading);
  g_clear_object (&self->file_signals);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->file_bindings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->suggested_folder);

  G_OBJECT_CLASS (trail_window_parent_class)->dispose (object);
}

static void
trail_window_class_init (TrailWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = trail_window_dispose;
  object_class->get_property = trail_window_get_property;

  window_class->close_request = trail_window_close_request;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         TRAIL_TYPE_DOCUMENT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MAP_FILE] =
    g_param_spec_object ("map-file", NULL, NULL,
                         TRAIL_TYPE_MAP_FILE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/trail-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TrailWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TrailWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TrailWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, TrailWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TrailWindow, map_bin);
  gtk_widget_class_bind_template_child (widget_class, TrailWindow, palette_button);
  gtk_widget_class_bind_template_child (widget_class, TrailWindow, inspector_button);
  gtk_widget_class_bind_template_child (widget_class, TrailWindow, undo_section);

  _trail_window_class_actions_init (widget_class);
  trail_presenter_install_actions (widget_class);
}

static void
trail_window_init (TrailWindow *self)
{
  GtkDropTarget *drop_target;

  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  trail_compat_use_toolbar_view (self->toast_overlay, self->header_bar, GTK_WIDGET (self->stack));

  /* The workshop session follows the map shown. */
  self->session_controls = trail_session_controls_new ();
  adw_header_bar_pack_end (ADW_HEADER_BAR (self->header_bar), self->session_controls);
  g_object_bind_property (self, "document", self->session_controls, "document", G_BINDING_SYNC_CREATE);

  /* The map editor: palette, canvas and inspector. */
  self->map_view = trail_map_view_new ();
  adw_bin_set_child (self->map_bin, self->map_view);
  g_object_bind_property (self->map_view, "show-palette", self->palette_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->map_view, "show-inspector", self->inspector_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  /* Presenting, the workshop timer and the presenter console. */
  {
    TrailPresenter *presenter = trail_presenter_new (GTK_WINDOW (self), TRAIL_MAP_VIEW (self->map_view),
                                                     self->header_bar);
    GtkWidget *present_button = trail_presenter_create_present_button (presenter);
    GtkWidget *votes;

    /* Shown with a map, as the panel buttons are. */
    g_object_bind_property (self->inspector_button, "visible", present_button, "visible", G_BINDING_SYNC_CREATE);
    adw_header_bar_pack_end (ADW_HEADER_BAR (self->header_bar), present_button);
    adw_header_bar_pack_end (ADW_HEADER_BAR (self->header_bar), trail_presenter_create_timer_button (presenter));

    /* The presenter console's "Votes": the current round's ranking, shown
     * (by the widget itself) once the round is revealed. */
    votes = trail_vote_results_new ();
    trail_presenter_set_votes_widget (presenter, votes);
    g_signal_connect_object (self, "notify::document", G_CALLBACK (on_document_for_votes_cb), votes,
                             G_CONNECT_SWAPPED);
    on_document_for_votes_cb (TRAIL_VOTE_RESULTS (votes), NULL, self);

    /* The workshop session from the console as from the header bar, and
     * the timer and the stage presented on the phones. */
    trail_presenter_set_session_widget (presenter,
                                        trail_session_panel_new (TRAIL_SESSION_CONTROLS (self->session_controls)));
    trail_session_controls_set_timer (TRAIL_SESSION_CONTROLS (self->session_controls),
                                      trail_presenter_get_timer (presenter));
    g_signal_connect_object (presenter, "changed", G_CALLBACK (on_presenter_changed_for_session_cb), self,
                             G_CONNECT_SWAPPED);
  }

  /* The window follows whichever map it shows, and its document, without
   * connecting and disconnecting by hand when the map changes. */
  self->file_signals = g_signal_group_new (TRAIL_TYPE_MAP_FILE);
  g_signal_group_connect_object (self->file_signals, "notify::title",
                                 G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->file_signals, "notify::modified",
                                 G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->file_signals, "notify::saving",
                                 G_CALLBACK (_trail_window_update_actions), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->file_signals, "notify::file",
                                 G_CALLBACK (on_map_file_notify_file_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->file_signals, "draft-failed",
                                 G_CALLBACK (on_draft_failed_cb), self, G_CONNECT_SWAPPED);

  self->document_signals = g_signal_group_new (TRAIL_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "notify::can-undo",
                                 G_CALLBACK (_trail_window_update_undo_actions), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::can-redo",
                                 G_CALLBACK (_trail_window_update_undo_actions), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::undo-label",
                                 G_CALLBACK (_trail_window_update_undo_actions), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::redo-label",
                                 G_CALLBACK (_trail_window_update_undo_actions), self,
                                 G_CONNECT_SWAPPED);

  _trail_window_init_workshop (self);

  self->file_bindings = g_binding_group_new ();
  g_binding_group_bind (self->file_bindings, "name", self->window_title, "subtitle",
                        G_BINDING_SYNC_CREATE);

  /* Maps dropped from the file manager open; the canvas has its own
   * targets for what it accepts (images on personas). */
  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop_target, "drop", G_CALLBACK (on_drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  if (g_strcmp0 (PROFILE, "Devel") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  update_title (self);
  _trail_window_update_actions (self);
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

/**
 * trail_window_get_document:
 *
 * Returns: (transfer none) (nullable): the map shown in the window
 */
TrailDocument *
trail_window_get_document (TrailWindow *self)
{
  g_return_val_if_fail (TRAIL_IS_WINDOW (self), NULL);

  return _trail_window_get_document (self);
}

/**
 * trail_window_get_file:
 *
 * Returns: (transfer none) (nullable): where the map is saved
 */
GFile *
trail_window_get_file (TrailWindow *self)
{
  g_return_val_if_fail (TRAIL_IS_WINDOW (self), NULL);

  return self->map_file != NULL ? trail_map_file_get_file (self->map_file) : NULL;
}

/**
 * trail_window_get_map_file:
 *
 * Returns: (transfer none) (nullable): the map shown, with its file state
 */
TrailMapFile *
trail_window_get_map_file (TrailWindow *self)
{
  g_return_val_if_fail (TRAIL_IS_WINDOW (self), NULL);

  return self->map_file;
}

static void
convert_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  TrailDocument *document = trail_map_load_any (task_data, NULL, cancellable, &error);

  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, g_object_unref);
}

static void
on_converted_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TrailWindow *self = TRAIL_WINDOW (object);
  GFile *file = g_task_get_task_data (G_TASK (result));
  g_autoptr(TrailDocument) document = NULL;
  g_autoptr(TrailMapFile) map_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *name = trail_display_text_dup (basename, TRAIL_DISPLAY_TEXT_MAX_CHARS);
  g_autofree char *message = NULL;

  document = g_task_propagate_pointer (G_TASK (result), &error);
  if (document == NULL)
    {
      g_autofree char *heading = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s is a file name */
      heading = g_strdup_printf (_("Could Not Open “%s”"), name);
      show_error (self, heading, error->message);
      return;
    }

  /* A new map, not the journey file: Save asks where to keep it as a map,
   * and closing asks first. */
  trail_document_mark_unsaved (document);
  map_file = trail_map_file_new (document);
  set_map_file (self, map_file);
  /* Translators: %s is a file name such as journey.mmd */
  message = g_strdup_printf (_("Made a new map from “%s”"), name);
  _trail_window_show_toast (self, message);
}

/* Loads @file into the window; on failure the window keeps what it showed
 * and explains why in a dialog. A Mermaid journey becomes a new, unsaved
 * map. */
void
trail_window_open_file (TrailWindow *self,
                        GFile       *file)
{
  g_autoptr(TrailMapFile) map_file = NULL;
  g_autofree char *basename = NULL;

  g_return_if_fail (TRAIL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  basename = g_file_get_basename (file);
  if (trail_mermaid_is_filename (basename))
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_converted_cb, NULL);

      g_task_set_task_data (task, g_object_ref (file), g_object_unref);
      g_task_run_in_thread (task, convert_in_thread);
      return;
    }

  map_file = trail_map_file_new_for_file (file);
  g_set_object (&self->loading, map_file);
  trail_map_file_load_async (map_file, self->cancellable, on_load_cb, g_object_ref (self));
}

/* Shows @map_file, which holds a document: a new map, or one recovered
 * from a draft. */
void
trail_window_set_map_file (TrailWindow  *self,
                           TrailMapFile *map_file)
{
  g_return_if_fail (TRAIL_IS_WINDOW (self));
  g_return_if_fail (!map_file || TRAIL_IS_MAP_FILE (map_file));

  set_map_file (self, map_file);
}

/* Nothing shown and nothing being read: a window a new map can take. */
gboolean
trail_window_is_empty (TrailWindow *self)
{
  g_return_val_if_fail (TRAIL_IS_WINDOW (self), FALSE);

  return self->map_file == NULL && self->loading == NULL;
}

/* Commits what is being typed on the canvas or in the inspector, so that
 * "modified" and what gets saved include it. */
void
trail_window_commit_edits (TrailWindow *self)
{
  g_return_if_fail (TRAIL_IS_WINDOW (self));

  if (_trail_window_get_document (self) != NULL)
    trail_map_view_flush (TRAIL_MAP_VIEW (self->map_view));
}

gboolean
trail_window_get_modified (TrailWindow *self)
{
  g_return_val_if_fail (TRAIL_IS_WINDOW (self), FALSE);

  return self->map_file != NULL && trail_map_file_get_modified (self->map_file);
}

/* The map's file name, safe to show, or "Unsaved Map". */
char *
trail_window_dup_display_name (TrailWindow *self)
{
  g_return_val_if_fail (TRAIL_IS_WINDOW (self), NULL);

  return dup_display_name (self);
}

/* Saves (asking where, for a new map) and closes once the save succeeded;
 * a failed or cancelled save leaves the window open. */
void
trail_window_save_and_close (TrailWindow *self)
{
  g_return_if_fail (TRAIL_IS_WINDOW (self));

  if (!trail_window_get_modified (self))
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  self->close_after_save = TRUE;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.save", NULL);
}

void
trail_window_discard_and_close (TrailWindow *self)
{
  g_return_if_fail (TRAIL_IS_WINDOW (self));

  if (self->map_file != NULL)
    trail_map_file_discard_draft (self->map_file);
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* Whether the window shows the map at @file, or is reading it. */
gboolean
trail_window_is_showing (TrailWindow *self,
                         GFile       *file)
{
  g_return_val_if_fail (TRAIL_IS_WINDOW (self), FALSE);

  return (self->map_file != NULL && trail_map_file_is_for (self->map_file, file)) ||
         (self->loading != NULL && trail_map_file_is_for (self->loading, file));
}

/**
 * trail_window_start_session:
 *
 * Starts a workshop session on the map as soon as one is shown, and prints
 * its join links on standard output (`trailmap --session MAP`).
 */
void
trail_window_start_session (TrailWindow *self)
{
  g_return_if_fail (TRAIL_IS_WINDOW (self));

  trail_session_controls_start_when_ready (TRAIL_SESSION_CONTROLS (self->session_controls));
}
