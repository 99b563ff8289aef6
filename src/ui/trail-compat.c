/* trail-compat.c — dialogs on the GTK and libadwaita at hand
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-compat"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-compat.h"

#if !TRAIL_HAVE_ADW_DIALOG
/* The window a dialog is transient for, as libadwaita 1.2 wants one. */
static GtkWindow *
get_parent_window (GtkWidget *parent)
{
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}
#endif

/* An AdwAlertDialog from libadwaita 1.5 on (it adapts to a narrow window,
 * and lays a long body out without complaint), else an AdwMessageDialog. */
GObject *
trail_compat_ask (GtkWidget           *parent,
                  const char          *heading,
                  const char          *body,
                  const TrailResponse *responses,
                  const char          *default_response,
                  const char          *close_response,
                  GCallback            callback,
                  gpointer             owner)
{
  GtkWidget *dialog;

  g_return_val_if_fail (parent == NULL || GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (responses != NULL && responses[0].id != NULL, NULL);
  g_return_val_if_fail (callback == NULL || G_IS_OBJECT (owner), NULL);

#if TRAIL_HAVE_ADW_DIALOG
  dialog = GTK_WIDGET (adw_alert_dialog_new (heading, body));
  for (const TrailResponse *r = responses; r->id != NULL; r++)
    {
      adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), r->id, r->label);
      adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), r->id, r->appearance);
    }
  if (default_response != NULL)
    adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), default_response);
  if (close_response != NULL)
    adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), close_response);
#else
  dialog = adw_message_dialog_new (get_parent_window (parent), heading, body);
  for (const TrailResponse *r = responses; r->id != NULL; r++)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), r->id, r->label);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), r->id, r->appearance);
    }
  if (default_response != NULL)
    adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), default_response);
  if (close_response != NULL)
    adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), close_response);
#endif

  if (callback != NULL)
    g_signal_connect_object (dialog, "response", callback, owner, G_CONNECT_SWAPPED);

#if TRAIL_HAVE_ADW_DIALOG
  adw_dialog_present (ADW_DIALOG (dialog), parent);
#else
  gtk_window_present (GTK_WINDOW (dialog));
#endif

  return G_OBJECT (dialog);
}

AdwToast *
trail_compat_toast_new (const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  return adw_toast_new (markup);
}

/* AdwToastOverlay's hide animation; a little more, as its frames come late
 * under load. */
#define TOAST_FADE_US (350 * G_TIME_SPAN_MILLISECOND)

typedef struct
{
  AdwToastOverlay *overlay;          /* unowned: this dies with it */
  AdwToast        *shown;            /* added, not dismissed yet */
  AdwToast        *pending;          /* waiting for the last one to fade */
  gint64           faded_at;         /* when the last one dismissed is gone */
  guint            pending_id;
} ToastState;

static void
toast_state_free (gpointer data)
{
  ToastState *state = data;

  g_clear_handle_id (&state->pending_id, g_source_remove);
  if (state->shown != NULL)
    g_signal_handlers_disconnect_by_data (state->shown, state);
  if (state->pending != NULL)
    g_signal_handlers_disconnect_by_data (state->pending, state);
  g_clear_object (&state->shown);
  g_clear_object (&state->pending);
  g_free (state);
}

static void
on_toast_dismissed_cb (AdwToast   *toast,
                       ToastState *state)
{
  g_signal_handlers_disconnect_by_data (toast, state);
  if (toast == state->shown)
    {
      state->faded_at = g_get_monotonic_time () + TOAST_FADE_US;
      g_clear_object (&state->shown);
    }
  else if (toast == state->pending)
    {
      /* Dismissed before it was shown: it never will be. */
      g_clear_handle_id (&state->pending_id, g_source_remove);
      g_clear_object (&state->pending);
    }
}

static void
add_now (ToastState *state,
         AdwToast   *toast)
{
  state->shown = toast;   /* the ref taken in trail_compat_show_toast() */
  adw_toast_overlay_add_toast (state->overlay, g_object_ref (toast));
}

static gboolean
add_pending_cb (gpointer data)
{
  ToastState *state = data;

  state->pending_id = 0;
  add_now (state, g_steal_pointer (&state->pending));
  return G_SOURCE_REMOVE;
}

/* Shows @toast (transfer full) in the toast overlay that is @widget or
 * holds it, in place of the one shown there before: the newest says what
 * just happened, and an Undo toast never waits behind an older one.
 *
 * The one before is dismissed, and the new one added once it has faded
 * out. The overlay is never asked to queue, postpone or replace a toast
 * while another is still on screen: libadwaita 1.2 aborts there
 * (adw-toast-overlay.c, show_toast: assertion "!info->widget") when a
 * high-priority toast that postponed another is dismissed during that
 * other's fade, and crashes (a freed toast's show animation ending) when
 * a toast shown while another faded is dismissed within 200 ms — a
 * removal's Undo toast over a paste's, then Escape or a second Delete. */
void
trail_compat_show_toast (GtkWidget *widget,
                         AdwToast  *toast)
{
  GtkWidget *overlay;
  ToastState *state;
  gint64 now;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = ADW_IS_TOAST_OVERLAY (widget) ? widget : gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      g_object_unref (toast);
      return;
    }

  state = g_object_get_data (G_OBJECT (overlay), "trail-toast-state");
  if (state == NULL)
    {
      state = g_new0 (ToastState, 1);
      state->overlay = ADW_TOAST_OVERLAY (overlay);
      g_object_set_data_full (G_OBJECT (overlay), "trail-toast-state", state, toast_state_free);
    }

  /* A toast still waiting is replaced. Whoever keeps a pointer to it (the
   * map view, to its Undo toast) is told that it went, as for one shown:
   * the signal is emitted here because adw_toast_dismiss() does nothing
   * for a toast that was never added (libadwaita 1.2). */
  if (state->pending != NULL)
    {
      AdwToast *replaced = g_steal_pointer (&state->pending);

      g_clear_handle_id (&state->pending_id, g_source_remove);
      g_signal_handlers_disconnect_by_data (replaced, state);
      g_signal_emit_by_name (replaced, "dismissed");
      g_object_unref (replaced);
    }
  if (state->shown != NULL)
    adw_toast_dismiss (state->shown);

  g_signal_connect (toast, "dismissed", G_CALLBACK (on_toast_dismissed_cb), state);
  now = g_get_monotonic_time ();
  if (now >= state->faded_at)
    {
      add_now (state, toast);
      return;
    }

  state->pending = toast;
  state->pending_id = g_timeout_add ((guint) ((state->faded_at - now) / G_TIME_SPAN_MILLISECOND) + 1,
                                     add_pending_cb, state);
}

void
trail_compat_dialog_set_extra_child (GObject   *dialog,
                                     GtkWidget *child)
{
#if TRAIL_HAVE_ADW_DIALOG
  adw_alert_dialog_set_extra_child (ADW_ALERT_DIALOG (dialog), child);
#else
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), child);
#endif
}

/* A message that stays until read, with one Close button. */
void
trail_compat_tell (GtkWidget  *parent,
                   const char *heading,
                   const char *body)
{
  const TrailResponse responses[] = {
    { "close", _("_Close"), ADW_RESPONSE_DEFAULT },
    { NULL }
  };

  trail_compat_ask (parent, heading, body, responses, "close", "close", NULL, NULL);
}

/* The properties are those AdwAboutWindow and AdwAboutDialog share. */
void
trail_compat_show_about (GtkWidget  *parent,
                         const char *first_property_name,
                         ...)
{
  va_list args;

  va_start (args, first_property_name);
#if TRAIL_HAVE_ADW_DIALOG
  {
    AdwDialog *about = ADW_DIALOG (g_object_new_valist (ADW_TYPE_ABOUT_DIALOG, first_property_name, args));
    adw_dialog_present (about, parent);
  }
#else
  {
    GtkWindow *about = GTK_WINDOW (g_object_new_valist (ADW_TYPE_ABOUT_WINDOW, first_property_name, args));
    gtk_window_set_transient_for (about, get_parent_window (parent));
    gtk_window_set_modal (about, TRUE);
    gtk_window_present (about);
  }
#endif
  va_end (args);
}

/* Preferences of one page, without search: there are few of them. */
void
trail_compat_present_preferences (GtkWidget          *parent,
                                  const char         *title,
                                  int                 width,
                                  int                 height,
                                  AdwPreferencesPage *page)
{
  g_return_if_fail (ADW_IS_PREFERENCES_PAGE (page));

#if TRAIL_HAVE_ADW_DIALOG
  {
    AdwDialog *dialog = adw_preferences_dialog_new ();

    adw_dialog_set_title (dialog, title);
    adw_dialog_set_content_width (dialog, width);
    adw_dialog_set_content_height (dialog, height);
    adw_preferences_dialog_set_search_enabled (ADW_PREFERENCES_DIALOG (dialog), FALSE);
    adw_preferences_dialog_add (ADW_PREFERENCES_DIALOG (dialog), page);
    adw_dialog_present (dialog, parent);
  }
#else
  {
    GtkWidget *window = adw_preferences_window_new ();

    gtk_window_set_title (GTK_WINDOW (window), title);
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
    gtk_window_set_transient_for (GTK_WINDOW (window), get_parent_window (parent));
    gtk_window_set_modal (GTK_WINDOW (window), TRUE);
    adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (window), FALSE);
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), page);
    gtk_window_present (GTK_WINDOW (window));
  }
#endif
}

void
trail_compat_use_toolbar_view (AdwToastOverlay *overlay,
                               GtkWidget       *top_bar,
                               GtkWidget       *content)
{
#if TRAIL_HAVE_ADW_SPLIT_VIEW
  GtkWidget *box = gtk_widget_get_parent (top_bar);
  AdwToolbarView *toolbar_view;

  g_return_if_fail (GTK_IS_BOX (box) && gtk_widget_get_parent (content) == box);

  toolbar_view = ADW_TOOLBAR_VIEW (adw_toolbar_view_new ());
  /* A line under the header bar, as on 1.2, since the map scrolls under it
   * in two directions and the panels beside it do not. */
  adw_toolbar_view_set_top_bar_style (toolbar_view, ADW_TOOLBAR_RAISED_BORDER);

  g_object_ref (top_bar);
  g_object_ref (content);
  gtk_box_remove (GTK_BOX (box), top_bar);
  gtk_box_remove (GTK_BOX (box), content);
  adw_toolbar_view_add_top_bar (toolbar_view, top_bar);
  adw_toolbar_view_set_content (toolbar_view, content);
  g_object_unref (top_bar);
  g_object_unref (content);

  adw_toast_overlay_set_child (overlay, GTK_WIDGET (toolbar_view));
#endif
}

#if TRAIL_HAVE_GTK_4_10

static void
on_file_dialog_done_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GFile *file;

  if (g_task_get_task_data (task) != NULL)
    file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, &error);
  else
    file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, &error);

  if (file != NULL)
    g_task_return_pointer (task, file, g_object_unref);
  else if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    g_task_return_pointer (task, NULL, NULL);
  else if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", error->message);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
trail_compat_choose_file (GtkWidget              *parent,
                          const TrailFileRequest *request,
                          GCancellable           *cancellable,
                          GAsyncReadyCallback     callback,
                          gpointer                user_data)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  GtkRoot *root = gtk_widget_get_root (parent);
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  GTask *task;

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, trail_compat_choose_file);
  /* The task data only tells the callback which finish to call. */
  if (request->action == TRAIL_FILE_SAVE)
    g_task_set_task_data (task, GINT_TO_POINTER (TRUE), NULL);

  gtk_file_dialog_set_title (dialog, request->title);
  gtk_file_dialog_set_accept_label (dialog, request->accept_label);
  gtk_file_dialog_set_modal (dialog, TRUE);
  if (request->filter != NULL)
    {
      g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

      g_list_store_append (filters, request->filter);
      gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
      gtk_file_dialog_set_default_filter (dialog, request->filter);
    }
  if (request->initial_folder != NULL)
    gtk_file_dialog_set_initial_folder (dialog, request->initial_folder);
  if (request->initial_file != NULL)
    gtk_file_dialog_set_initial_file (dialog, request->initial_file);
  else if (request->initial_name != NULL)
    gtk_file_dialog_set_initial_name (dialog, request->initial_name);

  if (request->action == TRAIL_FILE_SAVE)
    gtk_file_dialog_save (dialog, window, cancellable, on_file_dialog_done_cb, task);
  else
    gtk_file_dialog_open (dialog, window, cancellable, on_file_dialog_done_cb, task);
}

#else /* GTK 4.8 */

typedef struct
{
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  gulong                cancelled_id;
} ChooseData;

static void
choose_data_free (ChooseData *data)
{
  g_clear_signal_handler (&data->cancelled_id, data->cancellable);
  g_clear_object (&data->cancellable);
  if (data->chooser != NULL)
    {
      g_signal_handlers_disconnect_matched (data->chooser, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, NULL);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (data->chooser));
      g_clear_object (&data->chooser);
    }
  g_free (data);
}

/* Both handlers hold the task's one pending reference: whichever comes
 * first returns it, and freeing the data disconnects the other. */
static void
on_chooser_response_cb (GtkFileChooserNative *chooser,
                        int                   response,
                        GTask                *task)
{
  GFile *file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_task_return_pointer (task, file, g_object_unref);
  g_object_unref (task);
}

static void
on_chooser_cancelled_cb (GCancellable *cancellable,
                         GTask        *task)
{
  g_task_return_error_if_cancelled (task);
  g_object_unref (task);
}

void
trail_compat_choose_file (GtkWidget              *parent,
                          const TrailFileRequest *request,
                          GCancellable           *cancellable,
                          GAsyncReadyCallback     callback,
                          gpointer                user_data)
{
  GTask *task;
  ChooseData *data;
  GtkFileChooser *chooser;

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, trail_compat_choose_file);
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  data = g_new0 (ChooseData, 1);
  data->chooser = gtk_file_chooser_native_new (request->title, get_parent_window (parent),
                                               request->action == TRAIL_FILE_SAVE
                                                 ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                 : GTK_FILE_CHOOSER_ACTION_OPEN,
                                               request->accept_label, _("_Cancel"));
  g_task_set_task_data (task, data, (GDestroyNotify) choose_data_free);
  chooser = GTK_FILE_CHOOSER (data->chooser);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (request->filter != NULL)
    gtk_file_chooser_add_filter (chooser, request->filter);
  if (request->initial_folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, request->initial_folder, NULL);
  if (request->initial_file != NULL)
    gtk_file_chooser_set_file (chooser, request->initial_file, NULL);
  else if (request->initial_name != NULL)
    gtk_file_chooser_set_current_name (chooser, request->initial_name);

  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), task);
  if (cancellable != NULL)
    {
      data->cancellable = g_object_ref (cancellable);
      data->cancelled_id = g_signal_connect (cancellable, "cancelled",
                                             G_CALLBACK (on_chooser_cancelled_cb), task);
    }
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

#endif

GFile *
trail_compat_choose_file_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == trail_compat_choose_file, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
