/* trail-window-actions.c — the window's actions: files, undo, export,
 * print and the view's keys
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-window-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-compat.h"
#include "trail-export-dialog.h"
#include "trail-import-dialog.h"
#include "trail-map-view.h"
#include "trail-print.h"
#include "trail-window-private.h"

static void save_map (TrailWindow           *self,
                      GFile                 *file,
                      TrailMapFileSaveFlags  flags);

static void
on_save_error_response_cb (TrailWindow *self,
                           const char  *response)
{
  if (g_str_equal (response, "save-as"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.save-as", NULL);
}

/* A save failed: say in plain words what to do, keep GIO's message for the
 * details, and offer to save elsewhere. Nothing on disk was changed. */
static void
show_save_error (TrailWindow  *self,
                 const char   *heading,
                 const GError *error)
{
  g_autofree char *body = NULL;
  const char *advice;
  const TrailResponse responses[] = {
    { "close", _("_Close"), ADW_RESPONSE_DEFAULT },
    { "save-as", _("Save _As…"), ADW_RESPONSE_SUGGESTED },
    { NULL }
  };

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    advice = _("The disk is full. Free some space, or save the map somewhere else.");
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
    advice = _("The location is read-only. Save the map somewhere else.");
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    advice = _("You do not have permission to write there. Save the map somewhere else.");
  else
    advice = _("Your map is still open and nothing on disk was changed.");

  body = g_strdup_printf ("%s\n\n%s", advice, error->message);
  trail_compat_ask (GTK_WIDGET (self), heading, body, responses, "save-as", "close",
                    G_CALLBACK (on_save_error_response_cb), self);
}

/* Replaces the item at @position only when its label changed: each item
 * replaced rebuilds its row in the open or closed menu, and while a room
 * of phones adds cards the undo label changes every frame but the redo
 * label does not. */
static void
set_menu_item_label (GMenu      *section,
                     int         position,
                     const char *label,
                     const char *action)
{
  g_autofree char *current = NULL;

  if (position < g_menu_model_get_n_items (G_MENU_MODEL (section)))
    {
      if (g_menu_model_get_item_attribute (G_MENU_MODEL (section), position,
                                           G_MENU_ATTRIBUTE_LABEL, "s", &current) &&
          g_strcmp0 (current, label) == 0)
        return;
      g_menu_remove (section, position);
    }
  g_menu_insert (section, position, label, action);
}

static gboolean
update_undo_menu_cb (GtkWidget     *widget,
                     GdkFrameClock *frame_clock,
                     gpointer       user_data)
{
  TrailWindow *self = TRAIL_WINDOW (widget);
  TrailDocument *document = _trail_window_get_document (self);
  const char *undo_label = NULL;
  const char *redo_label = NULL;
  g_autofree char *undo_text = NULL;
  g_autofree char *redo_text = NULL;

  self->undo_menu_idle = 0;
  if (self->undo_section == NULL)
    return G_SOURCE_REMOVE;
  if (document != NULL)
    {
      undo_label = trail_document_get_undo_label (document);
      redo_label = trail_document_get_redo_label (document);
    }

  /* Translators: %s is what undo takes back, such as "Move Card". */
  undo_text = undo_label ? g_strdup_printf (_("_Undo %s"), undo_label) : g_strdup (_("_Undo"));
  /* Translators: %s is what redo does again, such as "Move Card". */
  redo_text = redo_label ? g_strdup_printf (_("_Redo %s"), redo_label) : g_strdup (_("_Redo"));

  if (g_menu_model_get_n_items (G_MENU_MODEL (self->undo_section)) != 2)
    g_menu_remove_all (self->undo_section);
  set_menu_item_label (self->undo_section, 0, undo_text, "win.undo");
  set_menu_item_label (self->undo_section, 1, redo_text, "win.redo");

  return G_SOURCE_REMOVE;
}

void
_trail_window_update_undo_actions (TrailWindow *self)
{
  TrailDocument *document = _trail_window_get_document (self);
  gboolean can_undo = document != NULL && trail_document_get_can_undo (document);
  gboolean can_redo = document != NULL && trail_document_get_can_redo (document);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", can_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", can_redo);

  /* The labels change with every edit ("Card from Ada", "Card from
   * Bo"…): rebuilding the menu each time cost 7% of the app's time while
   * a hundred phones added cards. Once in the next frame, before it is
   * painted, is soon enough for anyone to see. */
  if (self->undo_menu_idle == 0)
    self->undo_menu_idle = gtk_widget_add_tick_callback (GTK_WIDGET (self), update_undo_menu_cb, NULL, NULL);
}

void
_trail_window_update_actions (TrailWindow *self)
{
  static const char * const view_actions[] = {
    "win.zoom-in", "win.zoom-out", "win.zoom-fit", "win.zoom-reset",
    "win.toggle-palette", "win.toggle-inspector",
  };
  gboolean has_document = _trail_window_get_document (self) != NULL;
  gboolean can_save = has_document && !trail_map_file_get_saving (self->map_file);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", can_save);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", can_save);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh-surveys", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", has_document);
  for (guint i = 0; i < G_N_ELEMENTS (view_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), view_actions[i], has_document);
  _trail_window_compare_update_actions (self);
  _trail_window_update_undo_actions (self);
}

static void
on_overwrite_response_cb (TrailWindow *self,
                          const char  *response)
{
  TrailMapFile *map_file = self->map_file;

  /* The user chose to replace a file that changed on disk. */
  if (g_str_equal (response, "overwrite") &&
      map_file != NULL && trail_map_file_get_file (map_file) != NULL &&
      !trail_map_file_get_saving (map_file))
    save_map (self, NULL, TRAIL_MAP_FILE_SAVE_OVERWRITE);
}

static void
show_changed_on_disk (TrailWindow *self,
                      GFile       *file)
{
  g_autofree char *name = _trail_window_dup_file_name (file);
  g_autofree char *heading = NULL;
  const TrailResponse responses[] = {
    { "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT },
    { "overwrite", _("_Replace"), ADW_RESPONSE_DESTRUCTIVE },
    { NULL }
  };

  /* Translators: %s is a file name */
  heading = g_strdup_printf (_("“%s” Changed on Disk"), name);
  trail_compat_ask (GTK_WIDGET (self), heading,
                    _("Someone else changed the file since you opened it. "
                      "Saving replaces their changes with yours."),
                    responses, NULL, "cancel",
                    G_CALLBACK (on_overwrite_response_cb), self);
}

typedef struct
{
  TrailWindow *self;
  GFile       *file;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->file);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveData, save_data_free)

static void
on_save_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  g_autoptr(GError) error = NULL;
  TrailWindow *self = data->self;
  TrailMapFile *map_file = TRAIL_MAP_FILE (object);
  GFile *file = data->file;

  if (!trail_map_file_save_finish (map_file, result, &error))
    {
      g_autofree char *name = _trail_window_dup_file_name (file);
      g_autofree char *heading = NULL;

      /* The window stays open: nothing was saved. */
      self->close_after_save = FALSE;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || map_file != self->map_file)
        return;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
        {
          show_changed_on_disk (self, file);
          return;
        }

      /* Translators: %s is a file name */
      heading = g_strdup_printf (_("Could Not Save “%s”"), name);
      show_save_error (self, heading, error);
      return;
    }

  _trail_window_add_to_recent (file);

  if (self->close_after_save && !trail_map_file_get_modified (map_file))
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

/* Saves to @file, or where the map was saved before when NULL. */
static void
save_map (TrailWindow           *self,
          GFile                 *file,
          TrailMapFileSaveFlags  flags)
{
  SaveData *data;

  g_assert (_trail_window_get_document (self) != NULL);

  /* Text still being typed on the canvas or in the inspector belongs in
   * the file: commit it first. */
  trail_window_commit_edits (self);

  if (file == NULL)
    file = trail_map_file_get_file (self->map_file);

  data = g_new0 (SaveData, 1);
  data->self = g_object_ref (self);
  data->file = g_object_ref (file);
  trail_map_file_save_async (self->map_file,
                             file == trail_map_file_get_file (self->map_file) ? NULL : file,
                             flags, self->cancellable, on_save_cb, data);
}

static GtkFileFilter *
create_trailmap_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Journey Maps"));
  gtk_file_filter_add_mime_type (filter, TRAIL_FILE_MIME_TYPE);
  gtk_file_filter_add_suffix (filter, "trailmap");

  return filter;
}

/* Mermaid journeys open as new maps (trail_window_open_file()). */
static GtkFileFilter *
create_open_filter (void)
{
  GtkFileFilter *filter = create_trailmap_filter ();

  gtk_file_filter_set_name (filter, _("Journey Maps and Mermaid Journeys"));
  gtk_file_filter_add_suffix (filter, "mmd");
  gtk_file_filter_add_suffix (filter, "mermaid");

  return filter;
}

/* True when the chooser gave a file and the window is still there. */
static gboolean
finish_choosing_file (TrailWindow   *self,
                      GAsyncResult  *result,
                      GFile        **file)
{
  g_autoptr(GError) error = NULL;

  *file = trail_compat_choose_file_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;

  self->choosing_file = FALSE;
  if (error != NULL)
    _trail_window_show_toast (self, error->message);

  return *file != NULL;
}

static void
on_open_chosen_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TrailWindow *self = TRAIL_WINDOW (object);
  g_autoptr(GFile) file = NULL;

  if (!finish_choosing_file (self, result, &file))
    return;

  /* An empty window takes the map; otherwise it gets its own window. */
  if (trail_window_is_empty (self))
    trail_window_open_file (self, file);
  else
    g_application_open (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                        &file, 1, "");
}

static void
trail_window_open_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  TrailWindow *self = TRAIL_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = create_open_filter ();
  TrailFileRequest request = {
    .action = TRAIL_FILE_OPEN,
    .title = _("Open Map"),
    .accept_label = _("_Open"),
    .filter = filter,
  };

  if (self->choosing_file)
    return;

  self->choosing_file = TRUE;
  trail_compat_choose_file (GTK_WIDGET (self), &request, self->cancellable,
                            on_open_chosen_cb, NULL);
}

static void
on_save_as_chosen_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  TrailWindow *self = TRAIL_WINDOW (object);
  g_autoptr(GFile) file = NULL;

  if (finish_choosing_file (self, result, &file) && _trail_window_get_document (self) != NULL)
    {
      /* The chooser asked before replacing anything there. */
      save_map (self, file, TRAIL_MAP_FILE_SAVE_OVERWRITE);
    }
  else
    self->close_after_save = FALSE;
}

/* A file name for a map never saved: its title, as one line without
 * characters that would make a path. */
static char *
dup_suggested_name (TrailWindow *self)
{
  TrailDocument *document = _trail_window_get_document (self);
  g_autofree char *title = NULL;
  char *name;

  title = trail_display_text_dup (trail_document_get_title (document), TRAIL_DISPLAY_TEXT_MAX_CHARS);

  name = g_strdup_printf ("%s.trailmap", title[0] != '\0' ? title : _("Journey Map"));
  g_strdelimit (name, "/\\", '-');

  return name;
}

static void
trail_window_save_as_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  TrailWindow *self = TRAIL_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = create_trailmap_filter ();
  g_autofree char *name = NULL;
  TrailFileRequest request = {
    .action = TRAIL_FILE_SAVE,
    .title = _("Save Map"),
    .accept_label = _("_Save"),
    .filter = filter,
  };

  if (_trail_window_get_document (self) == NULL || self->choosing_file)
    return;

  if ((request.initial_file = trail_map_file_get_file (self->map_file)) == NULL)
    {
      request.initial_name = name = dup_suggested_name (self);
      request.initial_folder = self->suggested_folder;
    }

  self->choosing_file = TRUE;
  trail_compat_choose_file (GTK_WIDGET (self), &request, self->cancellable,
                            on_save_as_chosen_cb, NULL);
}

static void
trail_window_save_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  TrailWindow *self = TRAIL_WINDOW (widget);

  if (_trail_window_get_document (self) == NULL || trail_map_file_get_saving (self->map_file))
    return;

  if (trail_map_file_get_file (self->map_file) == NULL)
    trail_window_save_as_action (widget, "win.save-as", NULL);
  else
    save_map (self, NULL, TRAIL_MAP_FILE_SAVE_NONE);
}

static void
trail_window_undo_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  TrailDocument *document = _trail_window_get_document (TRAIL_WINDOW (widget));

  if (document != NULL && trail_document_get_can_undo (document))
    trail_document_undo (document);
}

static void
trail_window_redo_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  TrailDocument *document = _trail_window_get_document (TRAIL_WINDOW (widget));

  if (document != NULL && trail_document_get_can_redo (document))
    trail_document_redo (document);
}

/* Ctrl+Z in a text field undoes that field's typing, never the map. The
 * field's own undo runs first (GtkText, GtkTextView); when it has nothing
 * left, the key comes on to the window, and undoing the map then would
 * change it under the user's cursor — in a card being edited, in Find, in
 * an inspector field typed for one item. Bound before the undo and redo
 * keys: of a class's shortcuts for one key, the first that acts wins, so
 * away from a field this lets them run. */
gboolean
trail_window_text_field_has_focus (GtkRoot *root)
{
  GtkWidget *focus = gtk_root_get_focus (root);

  return (GTK_IS_TEXT (focus) && gtk_editable_get_editable (GTK_EDITABLE (focus))) ||
         (GTK_IS_TEXT_VIEW (focus) && gtk_text_view_get_editable (GTK_TEXT_VIEW (focus)));
}

static gboolean
text_field_undo_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  if (!trail_window_text_field_has_focus (GTK_ROOT (widget)))
    return FALSE;
  gtk_widget_error_bell (widget);
  return TRUE;
}

/* The view's shortcuts belong to the window, so they work wherever the
 * keyboard is: in the header bar, the palette or an inspector field. */
static void
trail_window_view_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  TrailWindow *self = TRAIL_WINDOW (widget);
  TrailCanvas *canvas = trail_map_view_get_canvas (TRAIL_MAP_VIEW (self->map_view));
  const char *panel = NULL;

  if (_trail_window_get_document (self) == NULL)
    return;

  if (g_str_equal (action_name, "win.zoom-in"))
    trail_canvas_zoom_in (canvas);
  else if (g_str_equal (action_name, "win.zoom-out"))
    trail_canvas_zoom_out (canvas);
  else if (g_str_equal (action_name, "win.zoom-fit"))
    trail_canvas_zoom_to_fit (canvas);
  else if (g_str_equal (action_name, "win.zoom-reset"))
    trail_canvas_set_zoom (canvas, 1.0);
  else if (g_str_equal (action_name, "win.toggle-palette"))
    panel = "show-palette";
  else if (g_str_equal (action_name, "win.toggle-inspector"))
    panel = "show-inspector";

  if (panel != NULL)
    {
      gboolean shown;

      g_object_get (self->map_view, panel, &shown, NULL);
      g_object_set (self->map_view, panel, !shown, NULL);
    }
}

static void
on_exported_cb (TrailWindow *self,
                GFile       *output)
{
  g_autofree char *name = _trail_window_dup_file_name (output);
  g_autofree char *title = NULL;
  g_autofree char *uri = g_file_get_uri (output);
  AdwToast *toast;

  /* Translators: %s is a file name */
  title = g_strdup_printf (_("Exported “%s”"), name);
  toast = trail_compat_toast_new (title);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-export");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  trail_compat_show_toast (GTK_WIDGET (self->toast_overlay), toast);
}

static void
trail_window_export_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  TrailWindow *self = TRAIL_WINDOW (widget);
  TrailExportDialog *dialog;
  GSettings *settings = _trail_window_get_settings (self);

  if (_trail_window_get_document (self) == NULL || settings == NULL)
    return;

  trail_window_commit_edits (self);
  dialog = trail_export_dialog_new (GTK_WINDOW (self), _trail_window_get_document (self),
                                    trail_map_file_get_file (self->map_file), settings);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_exported_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_launch_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TrailWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    _trail_window_show_toast (self, error->message);
}

static void
trail_window_open_export_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  TrailWindow *self = TRAIL_WINDOW (widget);
  g_autoptr(GAppLaunchContext) context = NULL;

  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (widget)));
  g_app_info_launch_default_for_uri_async (g_variant_get_string (param, NULL), context, NULL,
                                           on_launch_cb, g_object_ref (self));
}

static void
trail_window_print_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  TrailWindow *self = TRAIL_WINDOW (widget);
  g_autofree char *name = NULL;

  if (_trail_window_get_document (self) == NULL)
    return;

  trail_window_commit_edits (self);
  name = trail_window_dup_display_name (self);
  trail_print_document (GTK_WINDOW (self), _trail_window_get_document (self), name);
}

static void
trail_window_import_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  TrailWindow *self = TRAIL_WINDOW (widget);
  TrailDocument *document = _trail_window_get_document (self);

  if (document != NULL)
    trail_import_dialog_choose (GTK_WINDOW (self), document);
}

static void
trail_window_refresh_surveys_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  TrailWindow *self = TRAIL_WINDOW (widget);
  TrailDocument *document = _trail_window_get_document (self);

  if (document != NULL)
    trail_import_dialog_refresh (GTK_WINDOW (self), document, trail_window_get_file (self));
}

void
_trail_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, trail_window_open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, trail_window_save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, trail_window_save_as_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, trail_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, trail_window_import_action);
  gtk_widget_class_install_action (widget_class, "win.refresh-surveys", NULL, trail_window_refresh_surveys_action);
  gtk_widget_class_install_action (widget_class, "win.open-export", "s", trail_window_open_export_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, trail_window_print_action);
  _trail_window_compare_actions_init (widget_class);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, trail_window_undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, trail_window_redo_action);
  /* Their keys are the application's accels (trail-application.c), so
   * that menus show the primary one and they work from any widget. */
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, trail_window_view_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, trail_window_view_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, trail_window_view_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, trail_window_view_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-palette", NULL, trail_window_view_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-inspector", NULL, trail_window_view_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, text_field_undo_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, text_field_undo_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, text_field_undo_cb, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  /* Of a class's keys for one action, menus show the last added: Ctrl+Y
   * goes first, so that they show Shift+Ctrl+Z, as GNOME apps do. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
}
