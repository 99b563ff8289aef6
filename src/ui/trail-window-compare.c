/* trail-window-compare.c — the window's Compare With… and Compare With
 * Earlier Version… actions (win.compare-with, win.compare-revision)
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-window"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-actions-window.h"
#include "trail-compare-window.h"
#include "trail-compat.h"
#include "trail-window-private.h"
#include "trail-window.h"

/* How many commits the history dialog lists. */
#define MAX_REVISIONS 200

static char *
dup_map_label (TrailWindow *self)
{
  GFile *file = trail_window_get_file (self);

  if (file != NULL)
    return g_file_get_basename (file);
  return g_strdup (trail_document_get_title (_trail_window_get_document (self)));
}

/* The comparison of this window's map, the new side, with @old_doc; it
 * follows the map's edits. */
static void
open_comparison (TrailWindow   *self,
                 TrailDocument *old_doc,
                 const char    *old_label)
{
  TrailDocument *document = _trail_window_get_document (self);
  g_autofree char *label = NULL;
  TrailCompareWindow *window;

  if (document == NULL)
    return;
  label = dup_map_label (self);
  window = trail_compare_window_new (GTK_WINDOW (self), old_doc, document, old_label, label);
  trail_compare_window_follow (window, document, TRUE);
  gtk_window_present (GTK_WINDOW (window));
}

/* This window's map, the old side (a current state), against @new_doc
 * (its future state). */
static void
open_comparison_with_future (TrailWindow   *self,
                             TrailDocument *new_doc,
                             const char    *new_label)
{
  TrailDocument *document = _trail_window_get_document (self);
  g_autofree char *label = NULL;
  TrailCompareWindow *window;

  if (document == NULL)
    return;
  label = dup_map_label (self);
  window = trail_compare_window_new (GTK_WINDOW (self), document, new_doc, label, new_label);
  trail_compare_window_follow (window, document, FALSE);
  gtk_window_present (GTK_WINDOW (window));
}

/* The window (a reference), the file being read, and which side of the
 * comparison it becomes: the map's future state (the new side) or a map
 * to compare the open one against (the old side). */
typedef struct
{
  TrailWindow *self;
  GFile       *file;
  gboolean     as_future;
} LoadData;

static void
on_compare_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  LoadData *data = user_data;
  g_autoptr(TrailWindow) self = data->self;
  g_autoptr(GFile) file = data->file;
  gboolean as_future = data->as_future;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailDocument) other = trail_document_load_from_file_finish (result, &error);
  g_autofree char *label = g_file_get_basename (file);

  g_free (data);
  if (other == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *heading = g_strdup_printf (_("Cannot Compare With “%s”"), label);
          trail_compat_tell (GTK_WIDGET (self), heading, error->message);
        }
      return;
    }
  if (as_future)
    open_comparison_with_future (self, other, label);
  else
    open_comparison (self, other, label);
}

static void
load_for_comparison (TrailWindow *self,
                     GFile       *file,
                     gboolean     as_future)
{
  LoadData *data = g_new0 (LoadData, 1);

  data->self = g_object_ref (self);
  data->file = g_object_ref (file);
  data->as_future = as_future;
  trail_document_load_from_file_async (file, self->cancellable, on_compare_loaded_cb, data);
}

/* @user_data is TRUE when the file chosen is the map's future state (the
 * new side), not a map to compare it against. */
static void
on_compare_chosen_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  TrailWindow *self = TRAIL_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = trail_compat_choose_file_finish (result, &error);

  self->choosing_file = FALSE;
  if (file == NULL)
    return;
  load_for_comparison (self, file, GPOINTER_TO_INT (user_data));
}

static void
choose_map_to_compare (TrailWindow *self,
                       gboolean     as_future)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) folder = NULL;
  TrailFileRequest request = { 0, };

  if (_trail_window_get_document (self) == NULL || self->choosing_file)
    return;

  gtk_file_filter_set_name (filter, _("Journey Maps"));
  gtk_file_filter_add_mime_type (filter, TRAIL_FILE_MIME_TYPE);
  gtk_file_filter_add_suffix (filter, "trailmap");
  if (trail_window_get_file (self) != NULL)
    folder = g_file_get_parent (trail_window_get_file (self));

  request.action = TRAIL_FILE_OPEN;
  request.title = _("Compare With");
  request.accept_label = _("_Compare");
  request.filter = filter;
  request.initial_folder = folder;
  self->choosing_file = TRUE;
  trail_compat_choose_file (GTK_WIDGET (self), &request, self->cancellable, on_compare_chosen_cb,
                            GINT_TO_POINTER (as_future));
}

static void
trail_window_compare_with_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  choose_map_to_compare (TRAIL_WINDOW (widget), FALSE);
}

/* ---- Earlier versions from git ---------------------------------------- */

typedef struct
{
  TrailWindow *self;
  GtkWindow   *dialog;
  GtkStack    *stack;
  GtkListBox  *list;
  AdwStatusPage *status;
  GFile       *file;
  GPtrArray   *revisions;
} HistoryDialog;

static void
history_dialog_free (gpointer data)
{
  HistoryDialog *history = data;

  g_clear_object (&history->file);
  g_clear_pointer (&history->revisions, g_ptr_array_unref);
  g_free (history);
}

static void
on_revision_activated_cb (GtkListBox    *list,
                          GtkListBoxRow *row,
                          HistoryDialog *history)
{
  guint index = gtk_list_box_row_get_index (row);
  const TrailGitRevision *rev;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TrailDocument) old_doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  TrailWindow *self = history->self;

  if (history->revisions == NULL || index >= history->revisions->len)
    return;
  rev = history->revisions->pdata[index];
  /* One blob of at most a map's size: quick enough to wait for. */
  bytes = trail_git_show (history->file, rev->commit, TRAIL_FILE_MAX_BYTES, NULL, &error);
  name = g_file_get_basename (history->file);
  /* Translators: a file name and a commit ("journey.trailmap at 3f2a1c0"). */
  label = g_strdup_printf (_("%s at %.7s"), name, rev->commit);
  if (bytes != NULL)
    old_doc = trail_document_load_from_bytes (bytes, label, &error);
  if (old_doc == NULL)
    {
      adw_status_page_set_title (history->status, _("Cannot Read That Version"));
      adw_status_page_set_description (history->status, error->message);
      gtk_stack_set_visible_child_name (history->stack, "status");
      return;
    }
  gtk_window_destroy (history->dialog);
  open_comparison (self, old_doc, label);
}

static void
on_revisions_listed_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GtkWindow *dialog = user_data;
  HistoryDialog *history = g_object_get_data (G_OBJECT (dialog), "history");
  g_autoptr(GError) error = NULL;
  GPtrArray *revisions = trail_git_list_revisions_finish (result, &error);

  if (history == NULL)
    {
      g_clear_pointer (&revisions, g_ptr_array_unref);
      g_object_unref (dialog);
      return;
    }
  if (revisions == NULL)
    {
      adw_status_page_set_title (history->status, _("No Earlier Versions"));
      adw_status_page_set_description (history->status, error->message);
      gtk_stack_set_visible_child_name (history->stack, "status");
      g_object_unref (dialog);
      return;
    }

  history->revisions = revisions;
  for (guint i = 0; i < revisions->len; i++)
    {
      const TrailGitRevision *rev = revisions->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_markup_escape_text (*rev->subject ? rev->subject : _("(no message)"), -1);
      g_autofree char *author = g_markup_escape_text (rev->author, -1);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s · %.7s", rev->date, author, rev->commit);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (history->list, row);
    }
  gtk_stack_set_visible_child_name (history->stack, "list");
  g_object_unref (dialog);
}

static void
on_history_destroy_cb (GtkWindow *dialog)
{
  /* The listing may still run: it finds no dialog data and stops. */
  g_object_set_data (G_OBJECT (dialog), "history", NULL);
}

static void
trail_window_compare_revision_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  TrailWindow *self = TRAIL_WINDOW (widget);
  GFile *file = trail_window_get_file (self);
  HistoryDialog *history;
  GtkWidget *box, *header, *scroller, *spinner, *clamp;
  GtkEventController *shortcuts;
  g_autofree char *name = NULL;

  if (file == NULL || _trail_window_get_document (self) == NULL)
    return;

  history = g_new0 (HistoryDialog, 1);
  history->self = self;
  history->file = g_object_ref (file);
  history->dialog = GTK_WINDOW (adw_window_new ());
  gtk_window_set_title (history->dialog, _("Compare With Earlier Version"));
  gtk_window_set_modal (history->dialog, TRUE);
  gtk_window_set_transient_for (history->dialog, GTK_WINDOW (self));
  gtk_window_set_default_size (history->dialog, 520, 560);
  gtk_window_set_destroy_with_parent (history->dialog, TRUE);
  g_object_set_data_full (G_OBJECT (history->dialog), "history", history, history_dialog_free);
  g_signal_connect (history->dialog, "destroy", G_CALLBACK (on_history_destroy_cb), NULL);
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (GTK_WIDGET (history->dialog), shortcuts);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  history->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (history->stack), TRUE);

  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_stack_add_named (history->stack, spinner, "loading");

  history->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (history->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (history->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (history->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Versions"), -1);
  g_signal_connect (history->list, "row-activated", G_CALLBACK (on_revision_activated_cb), history);
  clamp = adw_clamp_new ();
  gtk_widget_set_margin_top (clamp, 12);
  gtk_widget_set_margin_bottom (clamp, 12);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (history->list));
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_stack_add_named (history->stack, scroller, "list");

  history->status = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (history->status, "dialog-information-symbolic");
  gtk_stack_add_named (history->stack, GTK_WIDGET (history->status), "status");

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (history->stack));
  adw_window_set_content (ADW_WINDOW (history->dialog), box);
  name = g_file_get_basename (file);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (_("Compare With Earlier Version"), name));

  trail_git_list_revisions_async (file, MAX_REVISIONS, self->cancellable, on_revisions_listed_cb,
                                  g_object_ref (history->dialog));
  gtk_window_present (history->dialog);
}

static void
compare_with_file (TrailWindow *self,
                   GFile       *file)
{
  load_for_comparison (self, file, FALSE);
}

static void
on_drop_response_cb (TrailWindow *self,
                     const char  *response,
                     GObject     *dialog)
{
  GFile *file = g_object_get_data (dialog, "file");
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (g_strcmp0 (response, "compare") == 0)
    compare_with_file (self, file);
  else if (g_strcmp0 (response, "open") == 0 && app != NULL)
    g_application_open (G_APPLICATION (app), &file, 1, "");
}

void
_trail_window_ask_open_or_compare (TrailWindow *self,
                                   GFile       *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *body = NULL;
  const TrailResponse responses[] = {
    { "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT },
    { "open", _("_Open"), ADW_RESPONSE_DEFAULT },
    { "compare", _("_Compare"), ADW_RESPONSE_SUGGESTED },
    { NULL }
  };
  GObject *dialog;

  /* Translators: %s is a file name */
  body = g_strdup_printf (_("Open “%s” in a window of its own, or compare this map with it?"), name);
  dialog = trail_compat_ask (GTK_WIDGET (self), _("Open or Compare?"), body, responses, "compare", "cancel",
                             G_CALLBACK (on_drop_response_cb), self);
  g_object_set_data_full (dialog, "file", g_object_ref (file), g_object_unref);
}

/* ---- Future states -------------------------------------------------- */

static void
on_future_title_response_cb (TrailWindow *self,
                             const char  *response,
                             GObject     *dialog)
{
  GtkEditable *entry = g_object_get_data (dialog, "entry");
  TrailDocument *document = _trail_window_get_document (self);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GFile *file = trail_window_get_file (self);
  g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;
  g_autoptr(TrailDocument) future = NULL;
  g_autoptr(TrailMapFile) map_file = NULL;
  TrailWindow *window;

  if (g_strcmp0 (response, "create") != 0 || document == NULL || app == NULL)
    return;
  title = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  if (*title == '\0')
    {
      g_free (title);
      title = g_strdup (g_object_get_data (dialog, "default-title"));
    }

  future = trail_future_state_new (document, name, title);
  if (future == NULL)
    return;
  /* A new map of its own, as a template gives: unsaved, in a new window. */
  map_file = trail_map_file_new (future);
  window = trail_window_new (TRAIL_APPLICATION (app));
  trail_window_set_map_file (window, map_file);
  if (file != NULL)
    window->suggested_folder = g_file_get_parent (file);
  gtk_window_present (GTK_WINDOW (window));
  /* The map now has an id to be linked by. */
  _trail_window_compare_update_actions (self);
  if (name != NULL)
    /* Translators: %s is the current state's file name */
    message = g_strdup_printf (_("Future state of “%s”: save it in the same folder to keep the two linked"), name);
  else
    message = g_strdup (_("Future state made: save both maps in one folder to keep them linked"));
  _trail_window_show_toast (window, message);
}

static void
trail_window_new_future_state_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  TrailWindow *self = TRAIL_WINDOW (widget);
  TrailDocument *document = _trail_window_get_document (self);
  g_autofree char *default_title = NULL;
  GtkWidget *entry;
  GObject *dialog;
  const TrailResponse responses[] = {
    { "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT },
    { "create", _("C_reate"), ADW_RESPONSE_SUGGESTED },
    { NULL }
  };

  if (document == NULL)
    return;
  /* Translators: the title a future state of a map gets; %s is the map's title. */
  default_title = g_strdup_printf (_("%s — Future State"), trail_document_get_title (document));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), default_title);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title"), -1);
  dialog = trail_compat_ask (GTK_WIDGET (self), _("New Future State"),
                             _("A copy of this map to plan the journey as it should become. "
                               "It remembers this map, so the two can be compared in one click."),
                             responses, "create", "cancel", G_CALLBACK (on_future_title_response_cb), self);
  trail_compat_dialog_set_extra_child (dialog, entry);
  g_object_set_data_full (dialog, "default-title", g_steal_pointer (&default_title), g_free);
  g_object_set_data (dialog, "entry", entry);
  gtk_widget_grab_focus (entry);
}

static void
on_not_found_response_cb (TrailWindow *self,
                          const char  *response,
                          GObject     *dialog)
{
  /* The future state located is the new side; a current state the old. */
  if (g_strcmp0 (response, "locate") == 0)
    choose_map_to_compare (self, GPOINTER_TO_INT (g_object_get_data (dialog, "as-future")));
}

static void
tell_not_found (TrailWindow *self,
                const char  *heading,
                const char  *body,
                gboolean     as_future)
{
  GObject *dialog;
  const TrailResponse responses[] = {
    { "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT },
    { "locate", _("Compare _With…"), ADW_RESPONSE_SUGGESTED },
    { NULL }
  };

  dialog = trail_compat_ask (GTK_WIDGET (self), heading, body, responses, "locate", "cancel",
                             G_CALLBACK (on_not_found_response_cb), self);
  g_object_set_data (dialog, "as-future", GINT_TO_POINTER (as_future));
}

/* Another window of the application whose map @match accepts. */
static TrailWindow *
find_window (TrailWindow *self,
             gboolean   (*match) (TrailDocument *mine, TrailDocument *theirs, const char *their_name,
                                  const char *my_name))
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  TrailDocument *mine = _trail_window_get_document (self);
  GFile *my_file = trail_window_get_file (self);
  g_autofree char *my_name = my_file != NULL ? g_file_get_basename (my_file) : NULL;

  for (const GList *l = app != NULL ? gtk_application_get_windows (app) : NULL; l != NULL; l = l->next)
    {
      TrailWindow *other = l->data;
      TrailDocument *theirs;
      g_autofree char *their_name = NULL;

      if (!TRAIL_IS_WINDOW (other) || other == self || (theirs = _trail_window_get_document (other)) == NULL)
        continue;
      their_name = trail_window_get_file (other) != NULL ? g_file_get_basename (trail_window_get_file (other)) : NULL;
      if (match (mine, theirs, their_name, my_name))
        return other;
    }
  return NULL;
}

static gboolean
is_my_current_state (TrailDocument *mine,
                     TrailDocument *theirs,
                     const char    *their_name,
                     const char    *my_name)
{
  return trail_future_state_links (mine, theirs, their_name);
}

static gboolean
is_my_future_state (TrailDocument *mine,
                    TrailDocument *theirs,
                    const char    *their_name,
                    const char    *my_name)
{
  return trail_future_state_links (theirs, mine, my_name);
}

/* Looking for the current state in files: next to the map, then in the
 * recent maps; each candidate read and checked in turn. */
typedef struct
{
  TrailWindow *self;
  GPtrArray   *candidates;
  guint        next;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_object_unref (lookup->self);
  g_ptr_array_unref (lookup->candidates);
  g_free (lookup);
}

static void lookup_next (Lookup *lookup);

static void
tell_current_state_missing (TrailWindow *self)
{
  TrailDocument *document = _trail_window_get_document (self);
  const char *name = document != NULL ? trail_document_get_current_state_file (document) : NULL;
  g_autofree char *body = NULL;

  if (name != NULL)
    /* Translators: %s is a file name */
    body = g_strdup_printf (_("This map is the future state of “%s”, which is neither open, next to this map, "
                              "nor among the recent maps. Locate it to compare the two."), name);
  else
    body = g_strdup (_("This map is the future state of a map that was never saved. Locate it to compare the two."));
  tell_not_found (self, _("Current State Not Found"), body, FALSE);
}

static void
on_candidate_loaded_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  Lookup *lookup = user_data;
  TrailWindow *self = lookup->self;
  GFile *file = lookup->candidates->pdata[lookup->next - 1];
  g_autoptr(TrailDocument) current = trail_document_load_from_file_finish (result, NULL);
  TrailDocument *document = _trail_window_get_document (self);
  g_autofree char *name = g_file_get_basename (file);

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      lookup_free (lookup);
      return;
    }
  /* A file of that name that is another map (another id) is not it. */
  if (current != NULL && document != NULL && trail_future_state_links (document, current, name))
    {
      open_comparison (self, current, name);
      lookup_free (lookup);
      return;
    }
  lookup_next (lookup);
}

static void
lookup_next (Lookup *lookup)
{
  if (lookup->next >= lookup->candidates->len)
    {
      tell_current_state_missing (lookup->self);
      lookup_free (lookup);
      return;
    }
  trail_document_load_from_file_async (lookup->candidates->pdata[lookup->next++], lookup->self->cancellable,
                                       on_candidate_loaded_cb, lookup);
}

static void
add_candidate (GPtrArray *candidates,
               GFile     *file)
{
  for (guint i = 0; i < candidates->len; i++)
    if (g_file_equal (candidates->pdata[i], file))
      return;
  if (g_file_query_exists (file, NULL))
    g_ptr_array_add (candidates, g_object_ref (file));
}

static void
trail_window_compare_current_state_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *param)
{
  TrailWindow *self = TRAIL_WINDOW (widget);
  TrailDocument *document = _trail_window_get_document (self);
  GFile *file = trail_window_get_file (self);
  const char *name;
  TrailWindow *other;
  Lookup *lookup;
  GList *items;

  if (document == NULL)
    return;
  /* Open, perhaps with edits not saved yet: compare with that. */
  other = find_window (self, is_my_current_state);
  if (other != NULL)
    {
      g_autofree char *label = trail_window_dup_display_name (other);
      open_comparison (self, _trail_window_get_document (other), label);
      return;
    }

  name = trail_document_get_current_state_file (document);
  lookup = g_new0 (Lookup, 1);
  lookup->self = g_object_ref (self);
  lookup->candidates = g_ptr_array_new_with_free_func (g_object_unref);
  if (name != NULL && file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);
      g_autoptr(GFile) next_to = folder != NULL ? g_file_get_child (folder, name) : NULL;

      if (next_to != NULL && (file == NULL || !g_file_equal (next_to, file)))
        add_candidate (lookup->candidates, next_to);
    }
  /* Moved apart: the recent maps of that name. */
  items = name != NULL ? gtk_recent_manager_get_items (gtk_recent_manager_get_default ()) : NULL;
  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GFile) recent = g_file_new_for_uri (gtk_recent_info_get_uri (l->data));
      g_autofree char *recent_name = g_file_get_basename (recent);

      if (g_strcmp0 (recent_name, name) == 0 && (file == NULL || !g_file_equal (recent, file)))
        add_candidate (lookup->candidates, recent);
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  lookup_next (lookup);
}

static void
on_future_found_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data);

static void
tell_future_state_missing (TrailWindow *self)
{
  g_autofree char *name = dup_map_label (self);
  /* Translators: %s is a file name */
  g_autofree char *body = g_strdup_printf (_("No open map and no map next to “%s” is a future state of it. "
                                             "Locate one to compare the two, or make one with New Future State…"),
                                           name);

  tell_not_found (self, _("Future State Not Found"), body, TRUE);
}

static void
on_future_found_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TrailWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) found = trail_future_state_find_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (found == NULL)
    {
      tell_future_state_missing (self);
      return;
    }
  load_for_comparison (self, found, TRUE);
}

static void
trail_window_compare_future_state_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *param)
{
  TrailWindow *self = TRAIL_WINDOW (widget);
  TrailDocument *document = _trail_window_get_document (self);
  GFile *file = trail_window_get_file (self);
  TrailWindow *other;

  if (document == NULL)
    return;
  other = find_window (self, is_my_future_state);
  if (other != NULL)
    {
      g_autofree char *label = trail_window_dup_display_name (other);
      open_comparison_with_future (self, _trail_window_get_document (other), label);
      return;
    }
  if (file == NULL)
    {
      tell_future_state_missing (self);
      return;
    }
  trail_future_state_find_async (file, document, self->cancellable, on_future_found_cb, g_object_ref (self));
}

/* The map's actions in a table beside it (issue 18: compare and act). */
static void
trail_window_show_actions_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  TrailWindow *self = TRAIL_WINDOW (widget);
  TrailDocument *document = _trail_window_get_document (self);

  if (document != NULL)
    trail_actions_window_present (GTK_WINDOW (self), document, TRAIL_MAP_VIEW (self->map_view));
}

void
_trail_window_compare_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-actions", NULL, trail_window_show_actions_action);
  gtk_widget_class_install_action (widget_class, "win.compare-with", NULL, trail_window_compare_with_action);
  gtk_widget_class_install_action (widget_class, "win.compare-revision", NULL, trail_window_compare_revision_action);
  gtk_widget_class_install_action (widget_class, "win.new-future-state", NULL, trail_window_new_future_state_action);
  gtk_widget_class_install_action (widget_class, "win.compare-current-state", NULL,
                                   trail_window_compare_current_state_action);
  gtk_widget_class_install_action (widget_class, "win.compare-future-state", NULL,
                                   trail_window_compare_future_state_action);
}

void
_trail_window_compare_update_actions (TrailWindow *self)
{
  TrailDocument *document = _trail_window_get_document (self);
  gboolean has_document = document != NULL;
  gboolean is_future = has_document && (trail_document_get_current_state_file (document) != NULL ||
                                        trail_document_get_current_state_id (document) != NULL);
  GFile *file = trail_window_get_file (self);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare-with", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-future-state", has_document);
  /* Offered where there is a link: a future state knows its current
   * state; a map that ever had a future state has an id (a future state
   * has one too, but its own future is not what its menu offers). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare-current-state", is_future);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare-future-state",
                                 has_document && !is_future && trail_document_get_map_id (document) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-actions", has_document);
  /* Offered only where git can answer: a local file and a git command. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare-revision",
                                 has_document && path != NULL && trail_git_is_available ());
}
