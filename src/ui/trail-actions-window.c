/* trail-actions-window.c — every action of a map in one sortable table
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A window beside the map: title, status, owner, due date and the cards
 * addressed, one row per action, each column sortable. Activating a row
 * (double-click, Enter) selects the action's cards on the map and scrolls
 * to the first one; Export CSV… writes trail_document_actions_to_csv()
 * through the safe file writer.
 */
#define G_LOG_DOMAIN "trail-actions-window"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-actions-window.h"
#include "trail-canvas.h"
#include "trail-compat.h"
#include "trail-file-writer.h"

typedef enum
{
  COLUMN_TITLE,
  COLUMN_STATUS,
  COLUMN_OWNER,
  COLUMN_DUE,
  COLUMN_CARDS,
  N_COLUMNS
} Column;

typedef struct
{
  GtkWindow     *window;
  TrailDocument *document;
  TrailMapView  *view;      /* weak: the map may close first */
} ActionsView;

static void
actions_view_free (gpointer data)
{
  ActionsView *av = data;

  g_clear_object (&av->document);
  g_clear_weak_pointer (&av->view);
  g_free (av);
}

static char *
dup_cards_text (TrailDocument *document,
                TrailAction   *action)
{
  const char * const *cards = trail_action_get_cards (action);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; cards != NULL && cards[i] != NULL; i++)
    {
      TrailCard *card = trail_document_find_card (document, cards[i]);

      if (card == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, trail_card_get_text (card));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
dup_column_text (TrailDocument *document,
                 TrailAction   *action,
                 Column         column)
{
  switch (column)
    {
    case COLUMN_TITLE:
      return g_strdup (trail_action_get_title (action));
    case COLUMN_STATUS:
      return g_strdup (trail_action_status_get_label (trail_action_get_status (action)));
    case COLUMN_OWNER:
      return g_strdup (trail_action_get_owner (action));
    case COLUMN_DUE:
      return g_strdup (trail_action_get_due (action));
    case COLUMN_CARDS:
    case N_COLUMNS:
    default:
      return dup_cards_text (document, action);
    }
}

/* ---- Cells ---------------------------------------------------------------- */

static void
update_label (GtkLabel *label)
{
  TrailAction *action = g_object_get_data (G_OBJECT (label), "action");
  ActionsView *av = g_object_get_data (G_OBJECT (label), "view");
  g_autofree char *text = NULL;

  if (action == NULL)
    return;
  text = dup_column_text (av->document, action, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (label), "column")));
  gtk_label_set_text (label, text != NULL ? text : "");
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  column)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  g_object_set_data (G_OBJECT (label), "column", column);
  g_object_set_data (G_OBJECT (label), "view", g_object_get_data (G_OBJECT (factory), "view"));
  gtk_list_item_set_child (item, label);
}

/* A cell follows its action's edits (made in the inspector or undone)
 * while it shows it. */
static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  TrailAction *action = gtk_list_item_get_item (item);
  ActionsView *av = g_object_get_data (G_OBJECT (label), "view");
  gulong handler;

  g_object_set_data (G_OBJECT (label), "action", action);
  handler = g_signal_connect_object (action, "notify", G_CALLBACK (update_label), label, G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (label), "handler", GSIZE_TO_POINTER (handler));
  /* The cards column names card texts, which change on the document. */
  handler = g_signal_connect_object (av->document, "changed", G_CALLBACK (update_label), label, G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (label), "doc-handler", GSIZE_TO_POINTER (handler));
  update_label (GTK_LABEL (label));
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  TrailAction *action = g_object_get_data (G_OBJECT (label), "action");
  ActionsView *av = g_object_get_data (G_OBJECT (label), "view");

  if (action != NULL)
    g_signal_handler_disconnect (action, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (label), "handler")));
  g_signal_handler_disconnect (av->document, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (label), "doc-handler")));
  g_object_set_data (G_OBJECT (label), "action", NULL);
}

/* ---- Sorting ----------------------------------------------------------------- */

static int
compare_actions_cb (gconstpointer a,
                    gconstpointer b,
                    gpointer      column_data)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (column_data), "column"));
  ActionsView *av = g_object_get_data (G_OBJECT (column_data), "view");
  g_autofree char *ta = NULL;
  g_autofree char *tb = NULL;
  g_autofree char *ka = NULL;
  g_autofree char *kb = NULL;

  /* Statuses in their working order, not alphabetically. */
  if (column == COLUMN_STATUS)
    return (int) trail_action_get_status ((TrailAction *) a) - (int) trail_action_get_status ((TrailAction *) b);

  ta = dup_column_text (av->document, (TrailAction *) a, column);
  tb = dup_column_text (av->document, (TrailAction *) b, column);
  /* No due date or owner sorts last, as "no date yet". */
  if ((ta == NULL || ta[0] == '\0') != (tb == NULL || tb[0] == '\0'))
    return (ta == NULL || ta[0] == '\0') ? 1 : -1;
  ka = g_utf8_collate_key (ta != NULL ? ta : "", -1);
  kb = g_utf8_collate_key (tb != NULL ? tb : "", -1);
  return strcmp (ka, kb);
}

/* ---- Activation ------------------------------------------------------------ */

static void
on_activate_cb (GtkColumnView *column_view,
                guint          position,
                ActionsView   *av)
{
  g_autoptr(TrailAction) action = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (column_view)), position);
  const char * const *ids = action != NULL ? trail_action_get_cards (action) : NULL;
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  GtkRoot *root;

  if (av->view == NULL || ids == NULL)
    return;
  for (guint i = 0; ids[i] != NULL; i++)
    {
      TrailCard *card = trail_document_find_card (av->document, ids[i]);

      if (card != NULL)
        g_ptr_array_add (cards, card);
    }
  if (cards->len == 0)
    return;

  trail_selection_select_cards (trail_map_view_get_selection (av->view), (TrailCard **) cards->pdata, cards->len);
  trail_canvas_focus_card (trail_map_view_get_canvas (av->view), cards->pdata[0]);
  root = gtk_widget_get_root (GTK_WIDGET (av->view));
  if (GTK_IS_WINDOW (root))
    gtk_window_present (GTK_WINDOW (root));
}

/* ---- Export -------------------------------------------------------------------- */

static void
on_export_chosen_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  ActionsView *av = g_object_get_data (source, "actions-view");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = trail_compat_choose_file_finish (result, &error);
  g_autoptr(GBytes) csv = NULL;
  TrailFileWriter *writer;

  if (file == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        trail_compat_tell (GTK_WIDGET (source), _("Could Not Export the Actions"), error->message);
      return;
    }

  csv = trail_document_actions_to_csv (av->document);
  writer = trail_file_writer_open (file, NULL, G_FILE_CREATE_NONE, 0, NULL, &error);
  if (writer == NULL ||
      !g_output_stream_write_all (trail_file_writer_get_stream (writer), g_bytes_get_data (csv, NULL),
                                  g_bytes_get_size (csv), NULL, NULL, &error) ||
      !trail_file_writer_commit (writer, NULL, NULL, &error))
    trail_compat_tell (GTK_WIDGET (source), _("Could Not Export the Actions"), error->message);
  g_clear_pointer (&writer, trail_file_writer_free);
}

static void
on_export_clicked_cb (GtkButton   *button,
                      ActionsView *av)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  TrailFileRequest request = {
    .action = TRAIL_FILE_SAVE,
    .title = _("Export Actions"),
    .accept_label = _("_Export"),
    .filter = filter,
    .initial_name = _("actions.csv"),
  };

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_suffix (filter, "csv");
  trail_compat_choose_file (GTK_WIDGET (av->window), &request, NULL, on_export_chosen_cb, NULL);
}

/* ---- Window ------------------------------------------------------------------ */

static void
add_column (ActionsView   *av,
            GtkColumnView *column_view,
            Column         column,
            const char    *title,
            gboolean       expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) col = NULL;
  GtkSorter *sorter;

  g_object_set_data (G_OBJECT (factory), "view", av);
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), NULL);
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_column_set_resizable (col, TRUE);
  g_object_set_data (G_OBJECT (col), "column", GINT_TO_POINTER (column));
  g_object_set_data (G_OBJECT (col), "view", av);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_actions_cb, col, NULL));
  gtk_column_view_column_set_sorter (col, sorter);
  g_object_unref (sorter);
  gtk_column_view_append_column (column_view, col);
}

GtkWindow *
trail_actions_window_new (GtkWindow     *parent,
                          TrailDocument *document,
                          TrailMapView  *view)
{
  ActionsView *av = g_new0 (ActionsView, 1);
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export CSV…"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *column_view = gtk_column_view_new (NULL);
  GtkSortListModel *sorted;
  GtkSingleSelection *selection;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), NULL);

  av->window = GTK_WINDOW (window);
  av->document = g_object_ref (document);
  g_set_weak_pointer (&av->view, view);
  g_object_set_data_full (G_OBJECT (window), "actions-view", av, actions_view_free);

  gtk_window_set_title (GTK_WINDOW (window), _("Actions"));
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_default_size (GTK_WINDOW (window), 760, 420);

  g_signal_connect (export, "clicked", G_CALLBACK (on_export_clicked_cb), av);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), export);
  gtk_box_append (GTK_BOX (box), header);

  add_column (av, GTK_COLUMN_VIEW (column_view), COLUMN_TITLE, _("Title"), TRUE);
  add_column (av, GTK_COLUMN_VIEW (column_view), COLUMN_STATUS, _("Status"), FALSE);
  add_column (av, GTK_COLUMN_VIEW (column_view), COLUMN_OWNER, _("Owner"), FALSE);
  add_column (av, GTK_COLUMN_VIEW (column_view), COLUMN_DUE, _("Due"), FALSE);
  add_column (av, GTK_COLUMN_VIEW (column_view), COLUMN_CARDS, _("Cards"), TRUE);

  sorted = gtk_sort_list_model_new (g_object_ref (trail_document_get_actions (document)),
                                    g_object_ref (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (column_view))));
  selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_column_view_set_model (GTK_COLUMN_VIEW (column_view), GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  gtk_column_view_set_show_column_separators (GTK_COLUMN_VIEW (column_view), TRUE);
  g_signal_connect (column_view, "activate", G_CALLBACK (on_activate_cb), av);

  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), column_view);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);

  return GTK_WINDOW (window);
}
