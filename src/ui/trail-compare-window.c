/* trail-compare-window.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-compare-window"

#include "config.h"

#include <glib/gi18n.h>

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
  TrailCompareCanvas *canvas;

  TrailDocument      *new_doc;     /* the copy compared against */
  char               *new_label;
  GCancellable       *cancellable;
  TrailExportFormat   exporting;
};

G_DEFINE_FINAL_TYPE (TrailCompareWindow, trail_compare_window, ADW_TYPE_WINDOW)

/* At most this many rows in the list of changes: beyond, the map shows
 * them and the summary counts them. */
#define MAX_ROWS 500

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
                 TrailComparison    *comparison,
                 const char         *old_label)
{
  TrailDiff *diff = trail_comparison_get_diff (comparison);
  TrailDocument *view = trail_comparison_get_document (comparison);
  g_autofree char *summary = trail_comparison_dup_summary (comparison);
  g_autofree char *subtitle = g_strdup_printf (_("%s against %s"), self->new_label, old_label);
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
  comparison = trail_comparison_new (old_doc, self->new_doc, label, self->new_label);
  show_comparison (self, comparison, label);
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

static void
trail_compare_window_dispose (GObject *object)
{
  TrailCompareWindow *self = TRAIL_COMPARE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRAIL_TYPE_COMPARE_WINDOW);

  G_OBJECT_CLASS (trail_compare_window_parent_class)->dispose (object);
}

static void
trail_compare_window_finalize (GObject *object)
{
  TrailCompareWindow *self = TRAIL_COMPARE_WINDOW (object);

  g_clear_object (&self->new_doc);
  g_clear_object (&self->cancellable);
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
  gtk_widget_class_bind_template_callback (widget_class, on_changes_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "compare.export", "s", trail_compare_window_export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "compare.export", "s", "pdf");
}

static void
trail_compare_window_init (TrailCompareWindow *self)
{
  GtkDropTarget *drop_target;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->canvas = TRAIL_COMPARE_CANVAS (trail_compare_canvas_new ());
  gtk_scrolled_window_set_child (self->canvas_scroller, GTK_WIDGET (self->canvas));

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
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (old_doc), NULL);
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (new_doc), NULL);

  self = g_object_new (TRAIL_TYPE_COMPARE_WINDOW,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "transient-for", parent,
                       NULL);
  /* The map as it is now: later edits do not change what is shown. */
  bytes = trail_document_serialize (new_doc);
  self->new_doc = trail_document_load_from_bytes (bytes, new_label, NULL);
  if (self->new_doc == NULL)
    self->new_doc = g_object_ref (new_doc);
  self->new_label = g_strdup (new_label != NULL ? new_label : trail_document_get_title (new_doc));

  title = g_strdup_printf (_("Comparison — %s"), self->new_label);
  gtk_window_set_title (GTK_WINDOW (self), title);
  comparison = trail_comparison_new (old_doc, self->new_doc, old_label, self->new_label);
  show_comparison (self, comparison, old_label);
  return self;
}
