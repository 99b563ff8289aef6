/* trail-compare-window.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-compare-window"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-canvas.h"
#include "trail-compare-canvas.h"
#include "trail-compare-window.h"
#include "trail-compat.h"
#include "trail-comparison.h"

struct _TrailCompareWindow
{
  AdwWindow           parent_instance;

  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *window_title;
  GtkScrolledWindow  *canvas_scroller;
  GtkLabel           *summary_label;
  GtkListBox         *changes_list;
  GtkMenuButton      *zoom_button;
  TrailCompareCanvas *canvas;

  /* Copies of the two maps as compared now: a map being edited is
   * compared as it was at the last diff. */
  TrailDocument      *old_doc;
  TrailDocument      *new_doc;
  char               *old_label;
  char               *new_label;
  GCancellable       *cancellable;
  TrailExportFormat   exporting;

  /* The map being edited that the window follows (trail_compare_window_follow()),
   * and which side of the comparison it is. */
  TrailDocument      *live;
  gboolean            live_is_new;
  guint               rediff_id;
  gboolean            diffing;      /* a diff runs in a thread */
  gboolean            diff_again;   /* the map changed meanwhile */
  /* The zoom to restore the view's centre at once the new size is laid out. */
  double              zoom_centre[2];
  guint               zoom_tick_id;
};

G_DEFINE_FINAL_TYPE (TrailCompareWindow, trail_compare_window, ADW_TYPE_WINDOW)

/* At most this many rows in the list of changes: beyond, the map shows
 * them and the summary counts them. */
#define MAX_ROWS 500

/* A pause in editing this long, and the comparison follows: once per
 * pause, not once per key. */
#define REDIFF_DELAY_MS 400

static void
show_toast (TrailCompareWindow *self,
            const char         *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static GtkWidget *
make_row (const char *title,
          const char *subtitle,
          const char *view_id)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (title);
  g_autofree char *accessible = g_strdup_printf ("%s. %s", title, subtitle);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (box), label);
  label = gtk_label_new (subtitle);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), view_id != NULL);
  g_object_set_data_full (G_OBJECT (row), "view-id", g_strdup (view_id), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return row;
}

static const char *
kind_label (TrailDiffKind kind)
{
  if (kind & TRAIL_DIFF_ADDED)
    return _("Added");
  if (kind & TRAIL_DIFF_REMOVED)
    return _("Removed");
  if ((kind & TRAIL_DIFF_CHANGED) && (kind & TRAIL_DIFF_MOVED))
    return _("Changed and moved");
  if (kind & TRAIL_DIFF_CHANGED)
    return _("Changed");
  if (kind & TRAIL_DIFF_RENAMED)
    return _("Renamed");
  return _("Moved");
}

/* The view's id of a diff item: the new id, or the ghost's for a removed
 * item (found by asking the comparison about the view's items). */
static const char *
find_view_id (TrailComparison     *comparison,
              GListModel          *items,
              const TrailDiffItem *item,
              const char        *(*get_id) (gpointer))
{
  if (item->new_id != NULL)
    return item->new_id;
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (items, i);
      if (trail_comparison_lookup (comparison, get_id (object)) == item)
        return get_id (object);
    }
  return NULL;
}

static const char *
card_id (gpointer item)
{
  return trail_card_get_id (item);
}

static const char *
stage_id (gpointer item)
{
  return trail_stage_get_id (item);
}

static const char *
lane_id (gpointer item)
{
  return trail_lane_get_id (item);
}

static void
add_rows (TrailCompareWindow *self,
          TrailComparison    *comparison,
          GPtrArray          *items,
          const char         *what,
          GListModel         *view_items,
          const char       *(*get_id) (gpointer),
          guint              *n_rows)
{
  g_autoptr(GHashTable) removed = NULL;

  /* Removed cards' ghosts, looked up once rather than per row. */
  if (get_id == card_id)
    {
      removed = g_hash_table_new (NULL, NULL);
      for (guint i = 0; i < g_list_model_get_n_items (view_items); i++)
        {
          g_autoptr(TrailCard) card = g_list_model_get_item (view_items, i);
          const TrailDiffItem *item = trail_comparison_lookup (comparison, trail_card_get_id (card));
          if (item != NULL && (item->kind & TRAIL_DIFF_REMOVED))
            g_hash_table_insert (removed, (gpointer) item, (gpointer) trail_card_get_id (card));
        }
    }

  for (guint i = 0; i < items->len && *n_rows < MAX_ROWS; i++, (*n_rows)++)
    {
      const TrailDiffItem *item = items->pdata[i];
      const char *name = item->new_name != NULL ? item->new_name : item->old_name;
      g_autofree char *title = trail_display_text_dup (name != NULL && *name ? name : _("(empty)"), 80);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", what, kind_label (item->kind));
      const char *view_id = removed != NULL && item->new_id == NULL ? g_hash_table_lookup (removed, item)
                                                                    : find_view_id (comparison, view_items, item, get_id);

      gtk_list_box_append (self->changes_list, make_row (title, subtitle, view_id));
    }
}

/* An action row leads to the first card it addresses on the map. */
static const char *
action_view_id (TrailDocument       *view,
                const TrailDiffItem *item)
{
  TrailAction *action = item->new_id != NULL ? trail_document_find_action (view, item->new_id) : NULL;
  const char * const *cards = action != NULL ? trail_action_get_cards (action) : NULL;

  for (guint i = 0; cards != NULL && cards[i] != NULL; i++)
    if (trail_document_find_card (view, cards[i]) != NULL)
      return cards[i];
  return NULL;
}

static void
add_action_rows (TrailCompareWindow *self,
                 TrailComparison    *comparison,
                 guint              *n_rows)
{
  GPtrArray *items = trail_diff_get_actions (trail_comparison_get_diff (comparison));
  TrailDocument *view = trail_comparison_get_document (comparison);

  for (guint i = 0; i < items->len && *n_rows < MAX_ROWS; i++, (*n_rows)++)
    {
      const TrailDiffItem *item = items->pdata[i];
      const char *name = item->new_name != NULL ? item->new_name : item->old_name;
      g_autofree char *title = trail_display_text_dup (name != NULL && *name ? name : _("(untitled)"), 80);
      g_autofree char *change = trail_comparison_describe_action (comparison, item);
      /* Translators: a row in the list of changes: "Action · Status: Planned → Done". */
      g_autofree char *subtitle = g_strdup_printf (_("Action · %s"), change);

      gtk_list_box_append (self->changes_list, make_row (title, subtitle, action_view_id (view, item)));
    }
}

static void
show_comparison (TrailCompareWindow *self,
                 TrailComparison    *comparison)
{
  TrailDiff *diff = trail_comparison_get_diff (comparison);
  TrailDocument *view = trail_comparison_get_document (comparison);
  g_autofree char *summary = trail_comparison_dup_summary (comparison);
  g_autofree char *subtitle = g_strdup_printf (_("%s against %s"), self->new_label, self->old_label);
  GPtrArray *emotions = trail_diff_get_emotions (diff);
  GtkWidget *child;
  guint n_rows = 0;

  trail_compare_canvas_set_comparison (self->canvas, comparison);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_label_set_text (self->summary_label, summary);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->changes_list))) != NULL)
    gtk_list_box_remove (self->changes_list, child);

  add_rows (self, comparison, trail_diff_get_stages (diff), _("Stage"), trail_document_get_stages (view), stage_id, &n_rows);
  add_rows (self, comparison, trail_diff_get_lanes (diff), _("Lane"), trail_document_get_lanes (view), lane_id, &n_rows);
  add_rows (self, comparison, trail_diff_get_cards (diff), _("Card"), trail_document_get_cards (view), card_id, &n_rows);
  add_action_rows (self, comparison, &n_rows);
  for (guint i = 0; i < emotions->len && n_rows < MAX_ROWS; i++, n_rows++)
    {
      const TrailDiffEmotion *e = emotions->pdata[i];
      g_autofree char *delta = trail_diff_format_delta (e->delta);
      g_autofree char *title = g_strdup_printf ("%s · %s", e->new_persona_id != NULL ? e->persona : _("Everyone"), e->stage);
      g_autofree char *sub = g_strdup_printf (_("Emotion · %.1f → %.1f (%s)"), e->old_score, e->new_score, delta);

      gtk_list_box_append (self->changes_list, make_row (title, sub, e->new_stage_id));
    }
  if (n_rows == 0)
    gtk_list_box_append (self->changes_list, make_row (_("No differences"), _("The two maps are the same."), NULL));
}

static void
on_changes_row_activated_cb (TrailCompareWindow *self,
                             GtkListBoxRow      *row)
{
  const char *view_id = g_object_get_data (G_OBJECT (row), "view-id");
  graphene_rect_t bounds;
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (self->canvas_scroller);
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (self->canvas_scroller);

  if (!trail_compare_canvas_get_item_bounds (self->canvas, view_id, &bounds))
    return;
  /* The item in the middle of the view. */
  gtk_adjustment_set_value (h, bounds.origin.x + bounds.size.width / 2 - gtk_adjustment_get_page_size (h) / 2);
  gtk_adjustment_set_value (v, bounds.origin.y + bounds.size.height / 2 - gtk_adjustment_get_page_size (v) / 2);
}

static void
on_export_chosen_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  TrailCompareWindow *self = TRAIL_COMPARE_WINDOW (source);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  TrailExportOptions options;

  file = trail_compat_choose_file_finish (result, &error);
  /* Without a window manager (and with some), the focus does not come
   * back from the file chooser by itself: Escape and the zoom keys would
   * go nowhere. */
  if (!g_cancellable_is_cancelled (self->cancellable))
    {
      gtk_window_present (GTK_WINDOW (self));
      gtk_widget_grab_focus (GTK_WIDGET (self->canvas_scroller));
    }
  if (file == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
      return;
    }

  trail_export_options_init (&options);
  options.format = self->exporting;
  if (!trail_comparison_export_to_file (trail_compare_canvas_get_comparison (self->canvas), &options, file,
                                        self->cancellable, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not export the comparison: %s"), error->message);
      trail_compat_tell (GTK_WIDGET (self), _("Export Failed"), message);
      return;
    }
  show_toast (self, _("Comparison exported"));
}

static void
trail_compare_window_export_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  TrailCompareWindow *self = TRAIL_COMPARE_WINDOW (widget);
  const char *type = g_variant_get_string (param, NULL);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  TrailFileRequest request = { 0, };

  if (!trail_export_format_from_string (type, &self->exporting))
    return;
  base = g_strdup (self->new_label);
  if (g_str_has_suffix (base, ".trailmap"))
    base[strlen (base) - strlen (".trailmap")] = '\0';
  /* Translators: the file name an exported comparison gets; %s is the map's. */
  name = g_strdup_printf (_("%s-comparison.%s"), base, trail_export_format_to_extension (self->exporting));
  gtk_file_filter_add_suffix (filter, trail_export_format_to_extension (self->exporting));
  gtk_file_filter_set_name (filter, type);

  request.action = TRAIL_FILE_SAVE;
  request.title = _("Export Comparison");
  request.accept_label = _("_Export");
  request.filter = filter;
  request.initial_name = name;
  trail_compat_choose_file (GTK_WIDGET (self), &request, self->cancellable, on_export_chosen_cb, NULL);
}

static void
on_dropped_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(TrailCompareWindow) self = user_data;
  g_autoptr(GFile) file = g_object_steal_data (G_OBJECT (self), "dropped-file");
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailDocument) old_doc = trail_document_load_from_file_finish (result, &error);
  g_autoptr(TrailComparison) comparison = NULL;
  g_autofree char *label = file != NULL ? g_file_get_basename (file) : g_strdup ("");

  if (old_doc == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        trail_compat_tell (GTK_WIDGET (self), _("Cannot Compare"), error->message);
      return;
    }
  /* The dropped map takes the place of the side not being edited. */
  if (self->live != NULL && !self->live_is_new)
    {
      g_set_object (&self->new_doc, old_doc);
      g_free (self->new_label);
      self->new_label = g_steal_pointer (&label);
    }
  else
    {
      g_set_object (&self->old_doc, old_doc);
      g_free (self->old_label);
      self->old_label = g_steal_pointer (&label);
    }
  comparison = trail_comparison_new (self->old_doc, self->new_doc, self->old_label, self->new_label);
  show_comparison (self, comparison);
}

/* A map dropped here is what the map is compared with from now on. */
static gboolean
on_drop_cb (TrailCompareWindow *self,
            const GValue       *value,
            double              x,
            double              y,
            GtkDropTarget      *target)
{
  GdkFileList *list = g_value_get_boxed (value);
  g_autoptr(GSList) files = gdk_file_list_get_files (list);

  for (const GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *name = g_file_get_basename (l->data);

      if (name != NULL && g_str_has_suffix (name, ".trailmap"))
        {
          /* One drop at a time: a second replaces the first's file name. */
          g_object_set_data_full (G_OBJECT (self), "dropped-file", g_object_ref (l->data), g_object_unref);
          trail_document_load_from_file_async (l->data, self->cancellable, on_dropped_loaded_cb, g_object_ref (self));
          return TRUE;
        }
    }
  show_toast (self, _("Only .trailmap files can be compared"));
  return FALSE;
}

/* ---- Following the map being edited -------------------------------- */

typedef struct
{
  GBytes        *live;       /* the edited map, serialized */
  GBytes        *fixed;      /* the other side, serialized */
  gboolean       live_is_new;
  char          *old_label;
  char          *new_label;
  TrailDocument *snapshot;   /* out: the edited map as loaded */
  TrailComparison *comparison;
} Rediff;

static void
rediff_free (gpointer data)
{
  Rediff *rediff = data;

  g_bytes_unref (rediff->live);
  g_bytes_unref (rediff->fixed);
  g_free (rediff->old_label);
  g_free (rediff->new_label);
  g_clear_object (&rediff->snapshot);
  g_clear_object (&rediff->comparison);
  g_free (rediff);
}

/* Reading, diffing and copying a 10,000-card map takes a good part of a
 * second: off the main thread, on copies only this thread sees, so
 * typing in the map never waits for it. */
static void
rediff_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Rediff *rediff = task_data;
  g_autoptr(TrailDocument) fixed = NULL;
  g_autoptr(GError) error = NULL;

  rediff->snapshot = trail_document_load_from_bytes (rediff->live, NULL, &error);
  if (rediff->snapshot != NULL)
    fixed = trail_document_load_from_bytes (rediff->fixed, NULL, &error);
  if (fixed == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  rediff->comparison = trail_comparison_new (rediff->live_is_new ? fixed : rediff->snapshot,
                                             rediff->live_is_new ? rediff->snapshot : fixed,
                                             rediff->old_label, rediff->new_label);
  g_task_return_boolean (task, TRUE);
}

static void schedule_rediff (TrailCompareWindow *self);

static void
on_rediff_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TrailCompareWindow *self = TRAIL_COMPARE_WINDOW (source);
  Rediff *rediff = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->diffing = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error) || g_cancellable_is_cancelled (self->cancellable))
    {
      /* Only a cancelled task (the window closing) or no memory. */
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot compare the edited map: %s", error->message);
      return;
    }

  if (rediff->live_is_new)
    g_set_object (&self->new_doc, rediff->snapshot);
  else
    g_set_object (&self->old_doc, rediff->snapshot);
  show_comparison (self, rediff->comparison);
  if (self->diff_again)
    schedule_rediff (self);
}

static gboolean
rediff_cb (gpointer data)
{
  TrailCompareWindow *self = data;
  g_autoptr(GTask) task = NULL;
  Rediff *rediff;

  self->rediff_id = 0;
  if (self->live == NULL)
    return G_SOURCE_REMOVE;
  if (self->diffing)
    {
      self->diff_again = TRUE;
      return G_SOURCE_REMOVE;
    }

  rediff = g_new0 (Rediff, 1);
  rediff->live = trail_document_serialize (self->live);
  rediff->fixed = trail_document_serialize (self->live_is_new ? self->old_doc : self->new_doc);
  rediff->live_is_new = self->live_is_new;
  rediff->old_label = g_strdup (self->old_label);
  rediff->new_label = g_strdup (self->new_label);
  self->diffing = TRUE;
  self->diff_again = FALSE;
  task = g_task_new (self, self->cancellable, on_rediff_done_cb, NULL);
  g_task_set_task_data (task, rediff, rediff_free);
  g_task_run_in_thread (task, rediff_in_thread);
  return G_SOURCE_REMOVE;
}

static void
schedule_rediff (TrailCompareWindow *self)
{
  g_clear_handle_id (&self->rediff_id, g_source_remove);
  self->rediff_id = g_timeout_add (REDIFF_DELAY_MS, rediff_cb, self);
}

static void
on_live_changed_cb (TrailCompareWindow *self)
{
  /* Closed, perhaps not finalized yet: nothing more to follow. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  /* Each change starts the wait again: a burst of edits is one diff. */
  if (self->diffing)
    self->diff_again = TRUE;
  else
    schedule_rediff (self);
}

/* ---- Zoom -------------------------------------------------------------- */

static gboolean
restore_centre_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       data)
{
  TrailCompareWindow *self = TRAIL_COMPARE_WINDOW (data);
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (self->canvas_scroller);
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (self->canvas_scroller);

  self->zoom_tick_id = 0;
  gtk_adjustment_set_value (h, self->zoom_centre[0] * gtk_adjustment_get_upper (h) - gtk_adjustment_get_page_size (h) / 2);
  gtk_adjustment_set_value (v, self->zoom_centre[1] * gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v) / 2);
  return G_SOURCE_REMOVE;
}

/* Zooms keeping what is in the middle of the view there. */
static void
zoom_to (TrailCompareWindow *self,
         double              zoom)
{
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (self->canvas_scroller);
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (self->canvas_scroller);
  double upper_h = gtk_adjustment_get_upper (h), upper_v = gtk_adjustment_get_upper (v);

  if (self->zoom_tick_id == 0)
    {
      self->zoom_centre[0] = upper_h > 0 ? (gtk_adjustment_get_value (h) + gtk_adjustment_get_page_size (h) / 2) / upper_h : 0;
      self->zoom_centre[1] = upper_v > 0 ? (gtk_adjustment_get_value (v) + gtk_adjustment_get_page_size (v) / 2) / upper_v : 0;
      self->zoom_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->canvas), restore_centre_cb, self, NULL);
    }
  trail_compare_canvas_set_zoom (self->canvas, zoom);
}

/* The same actions, and through the application's accelerators the same
 * keys, as the map window's: Ctrl+plus, Ctrl+minus, Ctrl+0 (fit), Ctrl+1. */
static void
trail_compare_window_zoom_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  TrailCompareWindow *self = TRAIL_COMPARE_WINDOW (widget);
  double zoom = trail_compare_canvas_get_zoom (self->canvas);

  if (g_str_equal (action_name, "win.zoom-in"))
    zoom = trail_canvas_step_zoom (zoom, 1);
  else if (g_str_equal (action_name, "win.zoom-out"))
    zoom = trail_canvas_step_zoom (zoom, -1);
  else if (g_str_equal (action_name, "win.zoom-fit"))
    zoom = trail_compare_canvas_get_fit_zoom (self->canvas,
                                              gtk_widget_get_width (GTK_WIDGET (self->canvas_scroller)),
                                              gtk_widget_get_height (GTK_WIDGET (self->canvas_scroller)));
  else
    zoom = 1.0;
  zoom_to (self, zoom);
}

static void
on_zoom_notify_cb (TrailCompareWindow *self)
{
  double zoom = trail_compare_canvas_get_zoom (self->canvas);
  g_autofree char *label = g_strdup_printf ("%.0f%%", zoom * 100);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-in", trail_canvas_step_zoom (zoom, 1) != zoom);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-out", trail_canvas_step_zoom (zoom, -1) != zoom);
  gtk_menu_button_set_label (self->zoom_button, label);
}

static TrailDocument *
copy_document (TrailDocument *doc)
{
  g_autoptr(GBytes) bytes = trail_document_serialize (doc);
  TrailDocument *copy = trail_document_load_from_bytes (bytes, NULL, NULL);

  /* The map was valid a moment ago; nothing but memory fails here. */
  return copy != NULL ? copy : g_object_ref (doc);
}

static void
trail_compare_window_dispose (GObject *object)
{
  TrailCompareWindow *self = TRAIL_COMPARE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->rediff_id, g_source_remove);
  if (self->zoom_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->canvas), self->zoom_tick_id);
      self->zoom_tick_id = 0;
    }
  if (self->live != NULL)
    g_signal_handlers_disconnect_by_data (self->live, self);
  g_clear_object (&self->live);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRAIL_TYPE_COMPARE_WINDOW);

  G_OBJECT_CLASS (trail_compare_window_parent_class)->dispose (object);
}

static void
trail_compare_window_finalize (GObject *object)
{
  TrailCompareWindow *self = TRAIL_COMPARE_WINDOW (object);

  g_clear_object (&self->old_doc);
  g_clear_object (&self->new_doc);
  g_clear_object (&self->cancellable);
  g_free (self->old_label);
  g_free (self->new_label);

  G_OBJECT_CLASS (trail_compare_window_parent_class)->finalize (object);
}

static void
trail_compare_window_class_init (TrailCompareWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trail_compare_window_dispose;
  object_class->finalize = trail_compare_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/trailmap/Trailmap/ui/trail-compare-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TrailCompareWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TrailCompareWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TrailCompareWindow, canvas_scroller);
  gtk_widget_class_bind_template_child (widget_class, TrailCompareWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TrailCompareWindow, changes_list);
  gtk_widget_class_bind_template_child (widget_class, TrailCompareWindow, zoom_button);
  gtk_widget_class_bind_template_callback (widget_class, on_changes_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "compare.export", "s", trail_compare_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, trail_compare_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, trail_compare_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, trail_compare_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, trail_compare_window_zoom_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "compare.export", "s", "pdf");
}

static void
trail_compare_window_init (TrailCompareWindow *self)
{
  GtkDropTarget *drop_target;
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->canvas = TRAIL_COMPARE_CANVAS (trail_compare_canvas_new ());
  gtk_scrolled_window_set_child (self->canvas_scroller, GTK_WIDGET (self->canvas));
  g_signal_connect_object (self->canvas, "notify::zoom", G_CALLBACK (on_zoom_notify_cb), self, G_CONNECT_SWAPPED);
  on_zoom_notify_cb (self);

  /* Escape closes the window wherever the focus is in it (a row of the
   * list, the scroller, nothing at all after a dialog): in the capture
   * phase, before any child can take the key. Popovers are windows of
   * their own and still close first. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop_target, "drop", G_CALLBACK (on_drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));
}

TrailCompareWindow *
trail_compare_window_new (GtkWindow     *parent,
                          TrailDocument *old_doc,
                          TrailDocument *new_doc,
                          const char    *old_label,
                          const char    *new_label)
{
  TrailCompareWindow *self;
  g_autoptr(TrailComparison) comparison = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (old_doc), NULL);
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (new_doc), NULL);

  self = g_object_new (TRAIL_TYPE_COMPARE_WINDOW,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "transient-for", parent,
                       NULL);
  /* Copies of both maps as they are now: either may be open for editing;
   * trail_compare_window_follow() makes the window follow one. */
  self->old_doc = copy_document (old_doc);
  self->new_doc = copy_document (new_doc);
  self->old_label = g_strdup (old_label != NULL ? old_label : trail_document_get_title (old_doc));
  self->new_label = g_strdup (new_label != NULL ? new_label : trail_document_get_title (new_doc));

  title = g_strdup_printf (_("Comparison — %s"), self->new_label);
  gtk_window_set_title (GTK_WINDOW (self), title);
  comparison = trail_comparison_new (self->old_doc, self->new_doc, self->old_label, self->new_label);
  show_comparison (self, comparison);
  return self;
}

void
trail_compare_window_follow (TrailCompareWindow *self,
                             TrailDocument      *live,
                             gboolean            live_is_new)
{
  g_return_if_fail (TRAIL_IS_COMPARE_WINDOW (self));
  g_return_if_fail (live == NULL || TRAIL_IS_DOCUMENT (live));

  if (self->live != NULL)
    g_signal_handlers_disconnect_by_data (self->live, self);
  g_set_object (&self->live, live);
  self->live_is_new = live_is_new;
  if (live != NULL)
    g_signal_connect_object (live, "changed", G_CALLBACK (on_live_changed_cb), self, G_CONNECT_SWAPPED);
}
