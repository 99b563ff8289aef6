/* trail-vote-results.c — a voting round's ranked results
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-vote-results"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-style.h"
#include "trail-vote-results.h"

struct _TrailVoteResults
{
  GtkWidget      parent_instance;

  GtkWidget     *box;
  GtkLabel      *title_label;
  GtkLabel      *question_label;
  GtkListBox    *list;

  TrailDocument *document;
  guint          rebuild_idle;
};

G_DEFINE_FINAL_TYPE (TrailVoteResults, trail_vote_results, GTK_TYPE_WIDGET)

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  gdk_cairo_set_source_rgba (cr, user_data);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static GtkWidget *
make_row (TrailDocument         *document,
          const TrailVoteResult *result,
          guint                  max)
{
  g_autoptr(TrailStyle) style = trail_style_new (TRAIL_STYLE_LIGHT);
  GdkRGBA heat = trail_style_get_heat_color (style, max > 0 ? (float) result->dots / max : 0);
  g_autofree char *rank = g_strdup_printf ("%u", result->rank);
  g_autofree char *dots = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u dot", "%u dots", result->dots),
                                           result->dots);
  g_autofree char *name = NULL;
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label, *swatch, *item;

  gtk_widget_set_margin_start (row, 8);
  gtk_widget_set_margin_end (row, 8);
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);

  label = gtk_label_new (rank);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_width_chars (GTK_LABEL (label), 2);
  gtk_box_append (GTK_BOX (row), label);

  label = gtk_label_new (trail_card_get_text (result->card));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (row), label);

  /* The card's heat colour as a swatch, so the list and the map agree. */
  swatch = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 14);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch,
                                  g_memdup2 (&heat, sizeof heat), g_free);
  gtk_box_append (GTK_BOX (row), swatch);

  label = gtk_label_new (dots);
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (row), label);

  /* Translators: a result's accessible name: rank, card, dots */
  name = g_strdup_printf (_("%s. %s, %s"), rank, trail_card_get_text (result->card), dots);
  item = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (item), row);
  gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  (void) document;
  return item;
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  TrailVoteResults *self = user_data;
  TrailVoteRound *round = self->document != NULL ? trail_document_get_current_vote_round (self->document) : NULL;
  g_autoptr(GArray) results = NULL;
  GtkWidget *child;
  guint max = 0;

  self->rebuild_idle = 0;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  if (round == NULL || !trail_vote_round_get_revealed (round))
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return G_SOURCE_REMOVE;
    }

  gtk_label_set_label (self->question_label, trail_vote_round_get_question (round) != NULL
                                             ? trail_vote_round_get_question (round) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->question_label), trail_vote_round_get_question (round) != NULL);
  results = trail_vote_round_dup_results (round, self->document);
  for (guint i = 0; i < results->len; i++)
    max = MAX (max, g_array_index (results, TrailVoteResult, i).dots);
  for (guint i = 0; i < results->len; i++)
    gtk_list_box_append (self->list, make_row (self->document, &g_array_index (results, TrailVoteResult, i), max));
  if (results->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("No dots cast yet"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 8);
      gtk_widget_set_margin_bottom (label, 8);
      gtk_list_box_append (self->list, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (TrailVoteResults *self)
{
  /* Many dots change at once in an undo group: rebuild once. */
  if (self->rebuild_idle == 0)
    self->rebuild_idle = g_idle_add (rebuild_idle_cb, self);
}

static void
on_document_changed_cb (TrailVoteResults *self,
                        TrailChangeFlags  what,
                        GObject          *object)
{
  if (what & (TRAIL_CHANGE_VOTES | TRAIL_CHANGE_CARD_TEXT | TRAIL_CHANGE_CARDS | TRAIL_CHANGE_STAGES |
              TRAIL_CHANGE_LANES))
    queue_rebuild (self);
}

static void
trail_vote_results_dispose (GObject *object)
{
  TrailVoteResults *self = TRAIL_VOTE_RESULTS (object);

  trail_vote_results_set_document (self, NULL);
  g_clear_handle_id (&self->rebuild_idle, g_source_remove);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (trail_vote_results_parent_class)->dispose (object);
}

static void
trail_vote_results_class_init (TrailVoteResultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trail_vote_results_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "trailvoteresults");
}

static void
trail_vote_results_init (TrailVoteResults *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->title_label = GTK_LABEL (gtk_label_new (_("Vote Results")));
  gtk_label_set_xalign (self->title_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->title_label));

  self->question_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->question_label, 0);
  gtk_label_set_wrap (self->question_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->question_label), "dim-label");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->question_label));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Vote Results"), -1);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->list));
}

GtkWidget *
trail_vote_results_new (void)
{
  return g_object_new (TRAIL_TYPE_VOTE_RESULTS, NULL);
}

void
trail_vote_results_set_document (TrailVoteResults *self,
                                 TrailDocument    *document)
{
  g_return_if_fail (TRAIL_IS_VOTE_RESULTS (self));

  if (self->document == document)
    return;
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, on_document_changed_cb, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (document, "changed", G_CALLBACK (on_document_changed_cb), self, G_CONNECT_SWAPPED);
  queue_rebuild (self);
}
