/* trail-voting-bar.c — the facilitator's controls while a room votes
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-voting-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-voting-bar.h"

struct _TrailVotingBar
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkLabel       *question_label;
  GtkDropDown    *voter_dropdown;
  GtkStringList  *voter_names;
  GtkLabel       *remaining_label;
  GtkButton      *reveal_button;
  GtkLabel       *message_label;

  TrailDocument  *document;
  TrailVoteRound *round;
  GPtrArray      *voters;          /* the round's TrailVoter, in order (refs) */
  guint           refreshing : 1;
};

G_DEFINE_FINAL_TYPE (TrailVotingBar, trail_voting_bar, GTK_TYPE_WIDGET)

static void
update_remaining (TrailVotingBar *self)
{
  TrailVoter *voter = trail_voting_bar_get_voter (self);
  g_autofree char *text = NULL;
  guint budget, left;

  if (voter == NULL || self->round == NULL)
    return;

  budget = trail_vote_round_get_budget (self->round);
  left = trail_voter_get_remaining (voter, self->document);
  /* Translators: dots a participant has left, of their budget: "2 of 3 dots left" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u dot left", "%u of %u dots left", budget),
                          left, budget);
  gtk_label_set_label (self->remaining_label, text);
  if (left == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->remaining_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->remaining_label), "warning");

  gtk_button_set_label (self->reveal_button,
                        trail_vote_round_get_revealed (self->round) ? _("_Hide Results") : _("_Reveal"));
}

static void
rebuild_voters (TrailVotingBar *self)
{
  guint selected = gtk_drop_down_get_selected (self->voter_dropdown);
  g_autoptr(GPtrArray) voters = NULL;
  const char *question;

  self->refreshing = TRUE;
  g_clear_pointer (&self->voters, g_ptr_array_unref);
  gtk_string_list_splice (self->voter_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->voter_names)), NULL);
  if (self->round != NULL)
    {
      voters = trail_vote_round_dup_voters (self->round, self->document);
      self->voters = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < voters->len; i++)
        {
          g_autofree char *label = trail_voter_dup_label (voters->pdata[i], self->document);

          g_ptr_array_add (self->voters, g_object_ref (voters->pdata[i]));
          gtk_string_list_append (self->voter_names, label);
        }
      if (selected == GTK_INVALID_LIST_POSITION || selected >= self->voters->len)
        selected = 0;
      gtk_drop_down_set_selected (self->voter_dropdown, selected);

      question = trail_vote_round_get_question (self->round);
      gtk_label_set_label (self->question_label, question != NULL ? question : _("Dot Voting"));
    }
  self->refreshing = FALSE;
  update_remaining (self);
}

static void
on_document_changed_cb (TrailVotingBar   *self,
                        TrailChangeFlags  what,
                        GObject          *object)
{
  if (self->round == NULL || !(what & TRAIL_CHANGE_VOTES))
    return;

  /* Undo may take the round away. */
  if (trail_document_find_vote_round (self->document, trail_vote_round_get_id (self->round)) != self->round)
    {
      trail_voting_bar_set_round (self, NULL);
      return;
    }
  if (TRAIL_IS_VOTER (object) && self->voters != NULL && !g_ptr_array_find (self->voters, object, NULL))
    rebuild_voters (self);
  else
    update_remaining (self);
}

static void
on_voter_selected_cb (TrailVotingBar *self)
{
  if (self->refreshing)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  update_remaining (self);
}

static GtkWidget *
icon_button (const char *icon,
             const char *action,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
trail_voting_bar_dispose (GObject *object)
{
  TrailVotingBar *self = TRAIL_VOTING_BAR (object);

  trail_voting_bar_set_document (self, NULL);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (trail_voting_bar_parent_class)->dispose (object);
}

static void
trail_voting_bar_class_init (TrailVotingBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trail_voting_bar_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "trailvotingbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TOOLBAR);
}

static void
trail_voting_bar_init (TrailVotingBar *self)
{
  GtkWidget *row, *button;

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dot Voting"), -1);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (self->box, "osd");
  gtk_widget_add_css_class (self->box, "toolbar");
  gtk_widget_add_css_class (self->box, "trail-voting-bar");
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (self->box), row);

  self->question_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->question_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->question_label, 32);
  gtk_label_set_width_chars (self->question_label, 8);
  gtk_widget_add_css_class (GTK_WIDGET (self->question_label), "heading");
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->question_label));

  gtk_box_append (GTK_BOX (row), icon_button ("go-previous-symbolic", "map.previous-voter",
                                              _("Previous Participant ([)")));
  self->voter_names = gtk_string_list_new (NULL);
  self->voter_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->voter_names)), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->voter_dropdown), _("Whose dots clicks and + cast"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->voter_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Participant"), -1);
  g_signal_connect_object (self->voter_dropdown, "notify::selected",
                           G_CALLBACK (on_voter_selected_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->voter_dropdown));
  gtk_box_append (GTK_BOX (row), icon_button ("go-next-symbolic", "map.next-voter",
                                              _("Next Participant (])")));

  self->remaining_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->remaining_label), "numeric");
  gtk_widget_set_margin_start (GTK_WIDGET (self->remaining_label), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->remaining_label), 6);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->remaining_label));

  button = gtk_button_new_with_mnemonic (_("_Reveal"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "map.reveal-votes");
  gtk_widget_set_tooltip_text (button, _("Show or hide the results on the cards"));
  self->reveal_button = GTK_BUTTON (button);
  gtk_box_append (GTK_BOX (row), button);
  gtk_box_append (GTK_BOX (row), icon_button ("document-save-as-symbolic", "map.export-votes",
                                              _("Export Results as CSV")));
  gtk_box_append (GTK_BOX (row), icon_button ("window-close-symbolic", "map.close-voting",
                                              _("Stop Voting")));

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->message_label));
}

TrailVotingBar *
trail_voting_bar_new (void)
{
  return g_object_new (TRAIL_TYPE_VOTING_BAR, NULL);
}

void
trail_voting_bar_set_document (TrailVotingBar *self,
                               TrailDocument  *document)
{
  g_return_if_fail (TRAIL_IS_VOTING_BAR (self));

  if (self->document == document)
    return;
  trail_voting_bar_set_round (self, NULL);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, on_document_changed_cb, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (document, "changed", G_CALLBACK (on_document_changed_cb), self, G_CONNECT_SWAPPED);
}

void
trail_voting_bar_set_round (TrailVotingBar *self,
                            TrailVoteRound *round)
{
  g_return_if_fail (TRAIL_IS_VOTING_BAR (self));

  if (!g_set_object (&self->round, round))
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  gtk_drop_down_set_selected (self->voter_dropdown, 0);
  rebuild_voters (self);
  gtk_widget_set_visible (GTK_WIDGET (self), round != NULL);
}

TrailVoteRound *
trail_voting_bar_get_round (TrailVotingBar *self)
{
  g_return_val_if_fail (TRAIL_IS_VOTING_BAR (self), NULL);
  return self->round;
}

TrailVoter *
trail_voting_bar_get_voter (TrailVotingBar *self)
{
  guint selected;

  g_return_val_if_fail (TRAIL_IS_VOTING_BAR (self), NULL);

  selected = gtk_drop_down_get_selected (self->voter_dropdown);
  if (self->voters == NULL || selected >= self->voters->len)
    return NULL;
  return self->voters->pdata[selected];
}

void
trail_voting_bar_step_voter (TrailVotingBar *self,
                             int             delta)
{
  guint n, selected;

  g_return_if_fail (TRAIL_IS_VOTING_BAR (self));

  if (self->voters == NULL || (n = self->voters->len) == 0)
    return;
  selected = gtk_drop_down_get_selected (self->voter_dropdown);
  if (selected >= n)
    selected = 0;
  gtk_drop_down_set_selected (self->voter_dropdown, (selected + n + (delta % (int) n)) % n);
}

void
trail_voting_bar_show_message (TrailVotingBar *self,
                               const char     *message,
                               gboolean        error)
{
  g_return_if_fail (TRAIL_IS_VOTING_BAR (self));

  gtk_label_set_label (self->message_label, message);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}
