/* trail-window.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-window"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-drafts.h"
#include "trail-export-dialog.h"
#include "trail-import-dialog.h"
#include "trail-map-view.h"
#include "trail-model.h"
#include "trail-print.h"
#include "trail-window.h"

struct _TrailWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  AdwBin               *map_bin;
  GtkWidget            *palette_button;
  GtkWidget            *inspector_button;
  GtkWidget            *map_view;
  GMenu                *undo_section;

  TrailDocument        *document;
  GFile                *file;
  char                 *etag;
  GCancellable         *cancellable;
  GtkNativeDialog      *file_chooser;

  /* Unsaved work goes to a draft a few seconds after the first change. */
  char                 *draft_id;
  guint                 draft_source;

  guint                 saving : 1;
  guint                 writing_draft : 1;
  guint                 draft_failed : 1;
  /* Close once the save in progress succeeds (Save in the close dialog). */
  guint                 close_after_save : 1;
  /* The user chose to discard, or everything is saved: close for real. */
  guint                 close_confirmed : 1;
};

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_FILE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TrailWindow, trail_window, ADW_TYPE_APPLICATION_WINDOW)

static GParamSpec *properties[N_PROPS];

static void save_to_file (TrailWindow *self,
                          GFile       *file,
                          const char  *etag);

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

static void
show_toast (TrailWindow *self,
            const char  *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Errors that lose the user's work or block it deserve a dialog that stays
 * until read, not a toast that fades. */
static void
show_error (TrailWindow *self,
            const char  *heading,
            const char  *body)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

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
  GtkWidget *dialog;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    advice = _("The disk is full. Free some space, or save the map somewhere else.");
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
    advice = _("The location is read-only. Save the map somewhere else.");
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    advice = _("You do not have permission to write there. Save the map somewhere else.");
  else
    advice = _("Your map is still open and nothing on disk was changed.");

  body = g_strdup_printf ("%s\n\n%s", advice, error->message);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "save-as", _("Save _As…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save-as",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save-as");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_error_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
dup_display_name (TrailWindow *self)
{
  if (self->file != NULL)
    return g_file_get_basename (self->file);

  return g_strdup (_("Unsaved Map"));
}

static void
update_title (TrailWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  const char *map_title = NULL;
  gboolean modified = FALSE;

  if (self->document == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Trailmap"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Trailmap"));
      return;
    }

  name = dup_display_name (self);
  modified = trail_document_get_modified (self->document);
  map_title = trail_document_get_title (self->document);
  if (map_title == NULL || map_title[0] == '\0')
    map_title = name;

  /* A bullet before the name marks unsaved changes, as gnome-text-editor does. */
  title = modified ? g_strdup_printf ("• %s", map_title) : g_strdup (map_title);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, name);

  g_free (title);
  title = g_strdup_printf ("%s%s – %s", modified ? "• " : "", map_title, _("Trailmap"));
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
update_undo_actions (TrailWindow *self)
{
  gboolean can_undo = FALSE;
  gboolean can_redo = FALSE;
  const char *undo_label = NULL;
  const char *redo_label = NULL;
  g_autofree char *undo_text = NULL;
  g_autofree char *redo_text = NULL;

  if (self->document != NULL)
    {
      can_undo = trail_document_get_can_undo (self->document);
      can_redo = trail_document_get_can_redo (self->document);
      undo_label = trail_document_get_undo_label (self->document);
      redo_label = trail_document_get_redo_label (self->document);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", can_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", can_redo);

  /* Translators: %s is what undo takes back, such as "Move Card". */
  undo_text = undo_label ? g_strdup_printf (_("_Undo %s"), undo_label) : g_strdup (_("_Undo"));
  /* Translators: %s is what redo does again, such as "Move Card". */
  redo_text = redo_label ? g_strdup_printf (_("_Redo %s"), redo_label) : g_strdup (_("_Redo"));

  g_menu_remove_all (self->undo_section);
  g_menu_append (self->undo_section, undo_text, "win.undo");
  g_menu_append (self->undo_section, redo_text, "win.redo");
}

static void
update_actions (TrailWindow *self)
{
  gboolean has_document = self->document != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", has_document && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", has_document && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh-surveys", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", has_document);
  update_undo_actions (self);
}

static void
on_document_notify_cb (TrailWindow *self,
                       GParamSpec  *pspec,
                       GObject     *document)
{
  update_title (self);
  update_actions (self);
}

static void
add_to_recent (GFile *file)
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

static void
discard_draft (TrailWindow *self)
{
  g_clear_handle_id (&self->draft_source, g_source_remove);

  if (self->draft_id != NULL)
    trail_drafts_remove (self->draft_id);
}

static void schedule_draft (TrailWindow *self);

static void
on_draft_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(TrailWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->writing_draft = FALSE;

  if (!trail_drafts_write_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_warning ("Could not write a draft of the map: %s", error->message);
      /* Say so once, not every few seconds: the map itself is unharmed,
       * but a crash now would lose more than usual. */
      if (!self->draft_failed)
        {
          g_autofree char *message = NULL;

          /* Translators: %s says why, e.g. "No space left on device" */
          message = g_strdup_printf (_("Unsaved changes cannot be kept safe in a draft: %s"),
                                     error->message);
          show_toast (self, message);
        }
      self->draft_failed = TRUE;
      return;
    }

  self->draft_failed = FALSE;

  /* Saved or discarded while the draft was being written. */
  if (self->document == NULL || !trail_document_get_modified (self->document))
    discard_draft (self);
}

static gboolean
write_draft_cb (gpointer user_data)
{
  TrailWindow *self = user_data;
  g_autoptr(GBytes) bytes = NULL;

  self->draft_source = 0;

  /* Undone back to what is saved: the draft has nothing left to keep. */
  if (self->document == NULL || !trail_document_get_modified (self->document))
    {
      if (!self->writing_draft && self->draft_id != NULL)
        trail_drafts_remove (self->draft_id);
      return G_SOURCE_REMOVE;
    }

  /* One write at a time, so an older draft never lands after a newer one. */
  if (self->writing_draft)
    {
      schedule_draft (self);
      return G_SOURCE_REMOVE;
    }

  if (self->draft_id == NULL)
    self->draft_id = trail_drafts_new_id ();

  bytes = trail_document_serialize (self->document);
  self->writing_draft = TRUE;
  trail_drafts_write_async (self->draft_id, bytes, self->file,
                            trail_document_get_title (self->document),
                            NULL, on_draft_written_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

/* Called on every change: a draft is written at most once per delay, so
 * that continuous editing cannot postpone it forever. */
static void
schedule_draft (TrailWindow *self)
{
  GSettings *settings;
  guint delay = 3;

  if (self->draft_source != 0)
    return;

  if ((settings = get_settings (self)) != NULL)
    delay = g_settings_get_uint (settings, "auto-save-delay");

  self->draft_source = g_timeout_add_seconds (delay, write_draft_cb, self);
}

static void
on_document_changed_cb (TrailWindow      *self,
                        TrailChangeFlags  what,
                        GObject          *object,
                        TrailDocument    *document)
{
  /* "modified" may not be updated yet while the change is signalled;
   * the timeout looks again. */
  schedule_draft (self);
}

static void
set_document (TrailWindow   *self,
              TrailDocument *document,
              GFile         *file,
              const char    *etag)
{
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);

  g_set_object (&self->document, document);
  g_set_object (&self->file, file);
  g_free (self->etag);
  self->etag = g_strdup (etag);

  if (document != NULL)
    {
      g_signal_connect_object (document, "notify::modified",
                               G_CALLBACK (on_document_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::title",
                               G_CALLBACK (on_document_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::can-undo",
                               G_CALLBACK (on_document_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::can-redo",
                               G_CALLBACK (on_document_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::undo-label",
                               G_CALLBACK (on_document_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::redo-label",
                               G_CALLBACK (on_document_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "changed",
                               G_CALLBACK (on_document_changed_cb), self, G_CONNECT_SWAPPED);
    }

  trail_map_view_set_document (TRAIL_MAP_VIEW (self->map_view), document);
  gtk_widget_set_visible (self->palette_button, document != NULL);
  gtk_widget_set_visible (self->inspector_button, document != NULL);
  gtk_stack_set_visible_child_name (self->stack, document != NULL ? "map" : "empty");

  update_title (self);
  update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

static void
on_load_query_info_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GFileInfo) info = NULL;
  TrailWindow *self = g_task_get_source_object (task);
  TrailDocument *document = g_task_get_task_data (task);

  /* Without an etag Save simply cannot tell whether the file changed. */
  info = g_file_query_info_finish (G_FILE (object), result, NULL);

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;

  set_document (self, document, G_FILE (object),
                info ? g_file_info_get_etag (info) : NULL);
  add_to_recent (G_FILE (object));
}

static void
on_load_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(TrailDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  TrailWindow *self = g_task_get_source_object (task);
  GFile *file = g_task_get_task_data (task);
  GTask *info_task;

  document = trail_document_load_from_file_finish (result, &error);

  if (document == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *heading = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* Translators: %s is a file name */
      heading = g_strdup_printf (_("Could Not Open “%s”"), name);
      show_error (self, heading, error->message);
      return;
    }

  /* The etag lets Save notice when someone else changed the file. */
  info_task = g_task_new (self, self->cancellable, NULL, NULL);
  g_task_set_task_data (info_task, g_steal_pointer (&document), g_object_unref);
  g_file_query_info_async (file, G_FILE_ATTRIBUTE_ETAG_VALUE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, self->cancellable,
                           on_load_query_info_cb, info_task);
}

static void
on_overwrite_response_cb (TrailWindow *self,
                          const char  *response)
{
  /* The user chose to replace a file that changed on disk. */
  if (self->document != NULL && self->file != NULL && !self->saving)
    save_to_file (self, self->file, NULL);
}

static void
on_save_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *new_etag = NULL;
  TrailWindow *self = g_task_get_source_object (task);
  GFile *file = g_task_get_task_data (task);

  self->saving = FALSE;

  if (!trail_document_save_to_file_finish (TRAIL_DOCUMENT (object), result, &new_etag, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = NULL;

      /* The window stays open: nothing was saved. */
      self->close_after_save = FALSE;
      update_actions (self);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
        {
          GtkWidget *dialog;

          /* Translators: %s is a file name */
          heading = g_strdup_printf (_("“%s” Changed on Disk"), name);
          dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                           _("Someone else changed the file since you opened it. "
                                             "Saving replaces their changes with yours."));
          adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                            "cancel", _("_Cancel"),
                                            "overwrite", _("_Replace"),
                                            NULL);
          adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "overwrite",
                                                      ADW_RESPONSE_DESTRUCTIVE);
          g_signal_connect_object (dialog, "response::overwrite",
                                   G_CALLBACK (on_overwrite_response_cb), self,
                                   G_CONNECT_SWAPPED);
          gtk_window_present (GTK_WINDOW (dialog));
          return;
        }

      /* Translators: %s is a file name */
      heading = g_strdup_printf (_("Could Not Save “%s”"), name);
      show_save_error (self, heading, error);
      return;
    }

  g_set_object (&self->file, file);
  g_free (self->etag);
  self->etag = g_steal_pointer (&new_etag);
  add_to_recent (file);

  /* Edits made while saving keep the document modified, and their draft. */
  if (!trail_document_get_modified (self->document))
    discard_draft (self);

  update_title (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);

  if (self->close_after_save && !trail_document_get_modified (self->document))
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static void
save_to_file (TrailWindow *self,
              GFile       *file,
              const char  *etag)
{
  GTask *task;

  g_assert (self->document != NULL);

  /* Text still being typed on the canvas or in the inspector belongs in
   * the file: commit it first. */
  trail_window_commit_edits (self);

  self->saving = TRUE;
  update_actions (self);

  task = g_task_new (self, self->cancellable, NULL, NULL);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  trail_document_save_to_file_async (self->document, file, etag, self->cancellable,
                                     on_save_cb, task);
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

static void
on_open_response_cb (TrailWindow          *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      /* An empty window takes the map; otherwise it gets its own window. */
      if (self->document == NULL)
        trail_window_open_file (self, file);
      else
        g_application_open (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                            &file, 1, "");
    }

  g_clear_object (&self->file_chooser);
}

static void
trail_window_open_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  TrailWindow *self = TRAIL_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = create_trailmap_filter ();

  if (self->file_chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Open Map"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_open_response_cb), self,
                           G_CONNECT_SWAPPED);
  self->file_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->file_chooser);
}

static void
on_save_as_response_cb (TrailWindow          *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT && self->document != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      /* A new location: there is nothing there of ours to protect. */
      save_to_file (self, file, NULL);
    }
  else
    self->close_after_save = FALSE;

  g_clear_object (&self->file_chooser);
}

static void
trail_window_save_as_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  TrailWindow *self = TRAIL_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = create_trailmap_filter ();

  if (self->document == NULL || self->file_chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Save Map"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  if (self->file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), self->file, NULL);
  else
    {
      const char *title = trail_document_get_title (self->document);
      g_autofree char *name = NULL;

      name = g_strdup_printf ("%s.trailmap", title && *title ? title : _("Journey Map"));
      g_strdelimit (name, "/\\", '-');
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }

  g_signal_connect_object (chooser, "response", G_CALLBACK (on_save_as_response_cb), self,
                           G_CONNECT_SWAPPED);
  self->file_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->file_chooser);
}

static void
trail_window_save_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  TrailWindow *self = TRAIL_WINDOW (widget);

  if (self->document == NULL || self->saving)
    return;

  if (self->file == NULL)
    trail_window_save_as_action (widget, "win.save-as", NULL);
  else
    save_to_file (self, self->file, self->etag);
}

static void
trail_window_undo_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  TrailWindow *self = TRAIL_WINDOW (widget);

  if (self->document != NULL && trail_document_get_can_undo (self->document))
    trail_document_undo (self->document);
}

static void
trail_window_redo_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  TrailWindow *self = TRAIL_WINDOW (widget);

  if (self->document != NULL && trail_document_get_can_redo (self->document))
    trail_document_redo (self->document);
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
      GtkWidget *dialog;

      /* Translators: %s is a file name */
      body = g_strdup_printf (_("“%s” has unsaved changes. Changes which are not saved will be permanently lost."),
                              name);
      dialog = adw_message_dialog_new (window, _("Save Changes?"), body);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "discard", _("_Discard"),
                                        "save", _("_Save"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));

      return TRUE;
    }

  save_window_state (self);

  return GTK_WINDOW_CLASS (trail_window_parent_class)->close_request (window);
}

static void
on_exported_cb (TrailWindow *self,
                GFile       *output)
{
  g_autofree char *name = g_file_get_basename (output);
  g_autofree char *title = NULL;
  g_autofree char *uri = g_file_get_uri (output);
  AdwToast *toast;

  /* Translators: %s is a file name */
  title = g_strdup_printf (_("Exported “%s”"), name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-export");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
trail_window_export_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  TrailWindow *self = TRAIL_WINDOW (widget);
  TrailExportDialog *dialog;
  GSettings *settings = get_settings (self);

  if (self->document == NULL || settings == NULL)
    return;

  trail_window_commit_edits (self);
  dialog = trail_export_dialog_new (GTK_WINDOW (self), self->document, self->file, settings);
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
    show_toast (self, error->message);
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

  if (self->document == NULL)
    return;

  trail_window_commit_edits (self);
  name = dup_display_name (self);
  trail_print_document (GTK_WINDOW (self), self->document, name);
}

static void
trail_window_import_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  TrailWindow *self = TRAIL_WINDOW (widget);

  if (self->document != NULL)
    trail_import_dialog_choose (GTK_WINDOW (self), self->document);
}

static void
trail_window_refresh_surveys_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  TrailWindow *self = TRAIL_WINDOW (widget);

  if (self->document != NULL)
    trail_import_dialog_refresh (GTK_WINDOW (self), self->document, self->file);
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
      if (self->document != NULL && trail_import_dialog_accepts (file))
        {
          trail_import_dialog_open_file (GTK_WINDOW (self), self->document, file);
          handled = TRUE;
          continue;
        }

      if (name == NULL || !g_str_has_suffix (name, ".trailmap"))
        continue;

      if (self->document == NULL && !handled)
        trail_window_open_file (self, file);
      else if (app != NULL)
        g_application_open (G_APPLICATION (app), &file, 1, "");
      handled = TRUE;
    }

  if (!handled)
    show_toast (self, _("Only .trailmap files can be opened"));

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
      g_value_set_object (value, self->document);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_window_dispose (GObject *object)
{
  TrailWindow *self = TRAIL_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->draft_source, g_source_remove);

  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (self->file_chooser);
  g_clear_object (&self->file_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), TRAIL_TYPE_WINDOW);

  g_clear_object (&self->document);
  g_clear_object (&self->file);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->draft_id, g_free);
  g_clear_object (&self->cancellable);

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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/trail-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TrailWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TrailWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TrailWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TrailWindow, map_bin);
  gtk_widget_class_bind_template_child (widget_class, TrailWindow, palette_button);
  gtk_widget_class_bind_template_child (widget_class, TrailWindow, inspector_button);
  gtk_widget_class_bind_template_child (widget_class, TrailWindow, undo_section);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, trail_window_open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, trail_window_save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, trail_window_save_as_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, trail_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, trail_window_import_action);
  gtk_widget_class_install_action (widget_class, "win.refresh-surveys", NULL, trail_window_refresh_surveys_action);
  gtk_widget_class_install_action (widget_class, "win.open-export", "s", trail_window_open_export_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, trail_window_print_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, trail_window_undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, trail_window_redo_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo", NULL);
}

static void
trail_window_init (TrailWindow *self)
{
  GtkDropTarget *drop_target;

  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The map editor: palette, canvas and inspector. */
  self->map_view = trail_map_view_new ();
  adw_bin_set_child (self->map_bin, self->map_view);
  g_object_bind_property (self->map_view, "show-palette", self->palette_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->map_view, "show-inspector", self->inspector_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  /* Maps dropped from the file manager open; the canvas has its own
   * targets for what it accepts (images on personas). */
  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop_target, "drop", G_CALLBACK (on_drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  if (g_strcmp0 (PROFILE, "Devel") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  update_title (self);
  update_actions (self);
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

  return self->document;
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

  return self->file;
}

/* Loads @file into the window; on failure the window keeps what it showed
 * and explains why in a dialog. */
void
trail_window_open_file (TrailWindow *self,
                        GFile       *file)
{
  GTask *task;

  g_return_if_fail (TRAIL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, self->cancellable, NULL, NULL);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  trail_document_load_from_file_async (file, self->cancellable, on_load_cb, task);
}

/* Shows @document, not yet saved anywhere (a new map). */
void
trail_window_set_document (TrailWindow   *self,
                           TrailDocument *document)
{
  g_return_if_fail (TRAIL_IS_WINDOW (self));
  g_return_if_fail (!document || TRAIL_IS_DOCUMENT (document));

  set_document (self, document, NULL, NULL);
}

/* Commits what is being typed on the canvas or in the inspector, so that
 * "modified" and what gets saved include it. */
void
trail_window_commit_edits (TrailWindow *self)
{
  g_return_if_fail (TRAIL_IS_WINDOW (self));

  if (self->document != NULL)
    trail_map_view_flush (TRAIL_MAP_VIEW (self->map_view));
}

gboolean
trail_window_get_modified (TrailWindow *self)
{
  g_return_val_if_fail (TRAIL_IS_WINDOW (self), FALSE);

  return self->document != NULL && trail_document_get_modified (self->document);
}

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

  discard_draft (self);
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* Shows a map recovered from a draft: it keeps the draft until saved, and
 * counts as unsaved even though it was just loaded. */
void
trail_window_recover_draft (TrailWindow   *self,
                            TrailDocument *document,
                            GFile         *original,
                            const char    *draft_id)
{
  g_return_if_fail (TRAIL_IS_WINDOW (self));
  g_return_if_fail (TRAIL_IS_DOCUMENT (document));

  g_free (self->draft_id);
  self->draft_id = g_strdup (draft_id);
  trail_document_mark_unsaved (document);
  /* No etag: whatever is on disk now is what the user saved last. */
  set_document (self, document, original, NULL);
}

gboolean
trail_window_is_showing (TrailWindow *self,
                         GFile       *file)
{
  g_return_val_if_fail (TRAIL_IS_WINDOW (self), FALSE);

  return self->file != NULL && file != NULL && g_file_equal (self->file, file);
}
