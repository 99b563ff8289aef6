/* trail-voting-dialog.c — starting a dot-voting round
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-voting-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-voting-dialog.h"

typedef struct
{
  GtkWindow          *window;
  TrailDocument      *document;
  TrailVotingStarted  started;
  GWeakRef            owner;
  AdwEntryRow        *question_row;
  AdwComboRow        *cards_row;
  GtkSpinButton      *budget_spin;
  AdwEntryRow        *names_row;
  GtkSpinButton      *anonymous_spin;
  GtkLabel           *error_label;
  GArray             *kinds;          /* TrailLaneKind per combo entry after "All cards" */
} Dialog;

static void
dialog_free (gpointer data)
{
  Dialog *d = data;

  g_clear_object (&d->document);
  g_weak_ref_clear (&d->owner);
  g_clear_pointer (&d->kinds, g_array_unref);
  g_free (d);
}

static char **
split_names (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text, ",;\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

static void
on_start_clicked_cb (GtkButton *button,
                     Dialog    *d)
{
  g_auto(GStrv) names = split_names (gtk_editable_get_text (GTK_EDITABLE (d->names_row)));
  g_autofree char *question = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->question_row))));
  guint anonymous = (guint) gtk_spin_button_get_value_as_int (d->anonymous_spin);
  guint budget = (guint) gtk_spin_button_get_value_as_int (d->budget_spin);
  guint kind_index = adw_combo_row_get_selected (d->cards_row);
  const char *kind = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) owner = NULL;
  TrailVoteRound *round;

  gtk_spin_button_update (d->budget_spin);
  gtk_spin_button_update (d->anonymous_spin);
  budget = (guint) gtk_spin_button_get_value_as_int (d->budget_spin);
  anonymous = (guint) gtk_spin_button_get_value_as_int (d->anonymous_spin);

  if (kind_index > 0 && kind_index <= d->kinds->len)
    kind = trail_lane_kind_to_string (g_array_index (d->kinds, TrailLaneKind, kind_index - 1));

  if (names[0] == NULL && anonymous == 0)
    {
      gtk_label_set_label (d->error_label, _("Name the participants, or give a number of anonymous ones"));
      gtk_widget_set_visible (GTK_WIDGET (d->error_label), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (d->names_row));
      return;
    }

  round = trail_document_add_vote_round (d->document, question[0] != '\0' ? question : NULL, kind, budget,
                                         names[0] != NULL ? (const char * const *) names : NULL,
                                         anonymous, &error);
  if (round == NULL)
    {
      gtk_label_set_label (d->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (d->error_label), TRUE);
      return;
    }

  owner = g_weak_ref_get (&d->owner);
  if (owner != NULL && d->started != NULL)
    d->started (owner, round);
  gtk_window_destroy (d->window);
}

static GtkWidget *
spin_row (const char     *title,
          const char     *subtitle,
          double          min,
          double          max,
          double          value,
          GtkSpinButton **spin_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  *spin_out = GTK_SPIN_BUTTON (spin);
  return row;
}

void
trail_voting_dialog_present (GtkWidget          *parent,
                             TrailDocument      *document,
                             TrailVotingStarted  started,
                             gpointer            owner)
{
  Dialog *d = g_new0 (Dialog, 1);
  GtkWidget *header, *cancel, *start, *box, *group, *toolbar;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  GListModel *lanes = trail_document_get_lanes (document);
  gboolean seen[TRAIL_LANE_KIND_CUSTOM + 1] = { FALSE, };
  guint pain = 0;

  d->document = g_object_ref (document);
  d->started = started;
  g_weak_ref_init (&d->owner, owner);
  d->kinds = g_array_new (FALSE, FALSE, sizeof (TrailLaneKind));

  d->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (d->window, _("Start Voting Round"));
  gtk_window_set_modal (d->window, TRUE);
  gtk_window_set_default_size (d->window, 460, -1);
  gtk_window_set_transient_for (d->window, GTK_WINDOW (gtk_widget_get_root (parent)));
  gtk_window_set_destroy_with_parent (d->window, TRUE);
  g_object_set_data_full (G_OBJECT (d->window), "trail-voting-dialog", d, dialog_free);

  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), d->window);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  start = gtk_button_new_with_mnemonic (_("_Start"));
  gtk_widget_add_css_class (start, "suggested-action");
  g_signal_connect (start, "clicked", G_CALLBACK (on_start_clicked_cb), d);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), start);
  gtk_window_set_default_widget (d->window, start);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);

  group = adw_preferences_group_new ();
  gtk_box_append (GTK_BOX (box), group);

  d->question_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->question_row), _("_Question"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (d->question_row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (d->question_row), _("Which pain points hurt most?"));
  adw_entry_row_set_activates_default (d->question_row, TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (d->question_row));

  /* Only the kinds of lane this map has, in map order. */
  gtk_string_list_append (kinds, _("All Cards"));
  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(TrailLane) lane = g_list_model_get_item (lanes, i);
      TrailLaneKind kind = trail_lane_get_kind (lane);

      if (kind == TRAIL_LANE_KIND_EMOTIONS || (guint) kind > TRAIL_LANE_KIND_CUSTOM || seen[kind])
        continue;
      seen[kind] = TRUE;
      g_array_append_val (d->kinds, kind);
      gtk_string_list_append (kinds, trail_lane_kind_get_label (kind));
      if (kind == TRAIL_LANE_KIND_PAIN_POINTS)
        pain = d->kinds->len;
    }
  d->cards_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->cards_row), _("C_ards"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (d->cards_row), TRUE);
  adw_combo_row_set_model (d->cards_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (d->cards_row, pain);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (d->cards_row));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             spin_row (_("_Dots per Person"), NULL, 1, TRAIL_VOTE_MAX_BUDGET, 3, &d->budget_spin));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Participants"));
  gtk_box_append (GTK_BOX (box), group);

  d->names_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->names_row), _("_Names, separated by commas"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (d->names_row), TRUE);
  adw_entry_row_set_activates_default (d->names_row, TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (d->names_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             spin_row (_("Or _Anonymous Participants"), _("Used when no names are given"),
                                       0, TRAIL_VOTE_MAX_VOTERS, 0, &d->anonymous_spin));

  d->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (d->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (d->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (d->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (d->error_label));

  toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (toolbar), header);
  gtk_box_append (GTK_BOX (toolbar), box);
  gtk_window_set_child (d->window, toolbar);

  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (GTK_WIDGET (d->window), keys);
  }

  gtk_window_present (d->window);
  gtk_widget_grab_focus (GTK_WIDGET (d->question_row));
}
