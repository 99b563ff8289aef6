/* trail-map-view-voting.c — dot voting in the map view: the map.*-vot*
 * actions, clicks on cards that cast dots, and the results as CSV
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-map-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trail-compat.h"
#include "trail-file-writer.h"
#include "trail-map-view-private.h"
#include "trail-voting-dialog.h"

static void
on_round_started_cb (gpointer        owner,
                     TrailVoteRound *round)
{
  TrailMapView *self = owner;

  trail_voting_bar_set_round (self->voting_bar, round);
  _trail_map_view_update_voting_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

/* Casts (or takes back) one dot of the bar's participant on @card; a
 * refusal is said in the bar, where the facilitator looks. */
static void
cast (TrailMapView *self,
      TrailCard    *card,
      gboolean      take_back)
{
  TrailVoter *voter = trail_voting_bar_get_voter (self->voting_bar);
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (voter == NULL)
    return;
  done = take_back ? trail_document_take_back_dot (self->document, voter, card, &error)
                   : trail_document_cast_dot (self->document, voter, card, &error);
  trail_voting_bar_show_message (self->voting_bar, done ? NULL : error->message, !done);
  if (!done)
    gtk_widget_error_bell (GTK_WIDGET (self));
}

gboolean
_trail_map_view_vote (TrailMapView *self,
                      GPtrArray    *cards,
                      gboolean      up)
{
  if (self->voting_bar == NULL || trail_voting_bar_get_round (self->voting_bar) == NULL)
    return FALSE;
  for (guint i = 0; i < cards->len; i++)
    cast (self, cards->pdata[i], !up);
  return TRUE;
}

static void
on_canvas_pressed_cb (TrailMapView    *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  TrailVoteRound *round = trail_voting_bar_get_round (self->voting_bar);
  TrailCard *card;

  if (round == NULL || (button != GDK_BUTTON_PRIMARY && button != GDK_BUTTON_SECONDARY) ||
      (gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture)) &
       (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) ||
      trail_canvas_get_editing (self->canvas))
    return;
  card = trail_canvas_pick_card (self->canvas, x, y);
  if (card == NULL || !trail_vote_round_applies_to (round, self->document, card))
    return;

  /* Ours, before the canvas starts a drag or opens its menu: a click is a
   * dot, a right-click takes one back. The card is selected too, so + and
   * − go on with it. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  trail_selection_select_card (self->selection, card);
  cast (self, card, button == GDK_BUTTON_SECONDARY);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
start_voting_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  TrailMapView *self = TRAIL_MAP_VIEW (widget);

  if (self->document == NULL)
    return;
  trail_canvas_commit_edit (self->canvas);
  trail_voting_dialog_present (widget, self->document, on_round_started_cb, self);
}

static void
resume_voting_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  TrailMapView *self = TRAIL_MAP_VIEW (widget);

  if (self->document != NULL)
    trail_voting_bar_set_round (self->voting_bar, trail_document_get_current_vote_round (self->document));
  _trail_map_view_update_voting_actions (self);
}

static void
close_voting_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  TrailMapView *self = TRAIL_MAP_VIEW (widget);

  trail_voting_bar_set_round (self->voting_bar, NULL);
  _trail_map_view_update_voting_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
step_voter_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  TrailMapView *self = TRAIL_MAP_VIEW (widget);

  trail_voting_bar_step_voter (self->voting_bar, g_str_equal (action_name, "map.next-voter") ? 1 : -1);
}

static void
reveal_votes_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  TrailMapView *self = TRAIL_MAP_VIEW (widget);
  TrailVoteRound *round = trail_voting_bar_get_round (self->voting_bar);

  if (round == NULL && self->document != NULL)
    round = trail_document_get_current_vote_round (self->document);
  if (round != NULL)
    trail_document_reveal_vote_round (self->document, round, !trail_vote_round_get_revealed (round));
}

static gboolean
write_csv (GFile       *file,
           const char  *csv,
           GError     **error)
{
  TrailFileWriter *writer = trail_file_writer_open (file, NULL, G_FILE_CREATE_NONE, 0, NULL, error);

  if (writer == NULL)
    return FALSE;
  if (!g_output_stream_write_all (trail_file_writer_get_stream (writer), csv, strlen (csv), NULL, NULL, error))
    {
      trail_file_writer_free (writer);
      return FALSE;
    }
  return trail_file_writer_commit (writer, NULL, NULL, error);
}

static void
on_csv_chosen_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  TrailMapView *self = TRAIL_MAP_VIEW (source);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  TrailVoteRound *round;

  file = trail_compat_choose_file_finish (result, &error);
  if (file == NULL || self->document == NULL ||
      (round = trail_document_get_current_vote_round (self->document)) == NULL)
    return;

  csv = trail_vote_round_to_csv (round, self->document);
  if (!write_csv (file, csv, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The results could not be saved: %s"), error->message);

      trail_voting_bar_show_message (self->voting_bar, message, TRUE);
      return;
    }
  {
    g_autofree char *name = g_file_get_basename (file);
    /* Translators: %s is a file name */
    g_autofree char *message = g_strdup_printf (_("Results saved as “%s”"), name);

    trail_voting_bar_show_message (self->voting_bar, message, FALSE);
  }
}

static void
export_votes_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  TrailMapView *self = TRAIL_MAP_VIEW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  TrailFileRequest request = {
    .action = TRAIL_FILE_SAVE,
    .title = _("Export Vote Results"),
    .accept_label = _("_Export"),
    .filter = filter,
    .initial_name = _("vote-results.csv"),
  };

  if (self->document == NULL || trail_document_get_current_vote_round (self->document) == NULL)
    return;
  gtk_file_filter_set_name (filter, _("CSV Files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  trail_compat_choose_file (widget, &request, NULL, on_csv_chosen_cb, NULL);
}

void
_trail_map_view_update_voting_actions (TrailMapView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_round = self->document != NULL && trail_document_get_current_vote_round (self->document) != NULL;
  gboolean voting = trail_voting_bar_get_round (self->voting_bar) != NULL;

  gtk_widget_action_set_enabled (widget, "map.start-voting", self->document != NULL);
  gtk_widget_action_set_enabled (widget, "map.resume-voting", has_round && !voting);
  gtk_widget_action_set_enabled (widget, "map.close-voting", voting);
  gtk_widget_action_set_enabled (widget, "map.next-voter", voting);
  gtk_widget_action_set_enabled (widget, "map.previous-voter", voting);
  gtk_widget_action_set_enabled (widget, "map.reveal-votes", has_round);
  gtk_widget_action_set_enabled (widget, "map.export-votes", has_round);
}

static void
on_document_changed_cb (TrailMapView     *self,
                        TrailChangeFlags  what,
                        GObject          *object)
{
  if (what & TRAIL_CHANGE_VOTES)
    _trail_map_view_update_voting_actions (self);
}

void
_trail_map_view_set_voting_document (TrailMapView  *self,
                                     TrailDocument *old_document)
{
  if (old_document != NULL)
    g_signal_handlers_disconnect_by_func (old_document, on_document_changed_cb, self);
  trail_voting_bar_set_document (self->voting_bar, self->document);
  trail_vote_results_set_document (self->vote_results, self->document);
  if (self->document != NULL)
    g_signal_connect_object (self->document, "changed", G_CALLBACK (on_document_changed_cb), self,
                             G_CONNECT_SWAPPED);
  _trail_map_view_update_voting_actions (self);
}

/* While a round is open, [ ] + − are the facilitator's, wherever the map's
 * focus is (a card, the canvas): typing on a focused card would otherwise
 * start editing it. Text fields keep their keys. */
static gboolean
on_key_pressed_cb (TrailMapView          *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  g_autoptr(GPtrArray) cards = NULL;
  gboolean up;

  if (trail_voting_bar_get_round (self->voting_bar) == NULL ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) ||
      trail_canvas_get_editing (self->canvas) || focus == NULL ||
      (focus != GTK_WIDGET (self->canvas) && !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->canvas))) ||
      GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_bracketright:
    case GDK_KEY_bracketleft:
      trail_voting_bar_step_voter (self->voting_bar, keyval == GDK_KEY_bracketright ? 1 : -1);
      return TRUE;
    case GDK_KEY_plus:
    case GDK_KEY_KP_Add:
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      up = keyval == GDK_KEY_plus || keyval == GDK_KEY_KP_Add;
      cards = g_ptr_array_new ();
      g_ptr_array_extend (cards, trail_selection_get_cards (self->selection), NULL, NULL);
      if (cards->len == 0 && trail_canvas_get_current_card (self->canvas) != NULL)
        g_ptr_array_add (cards, trail_canvas_get_current_card (self->canvas));
      if (cards->len == 0)
        return FALSE;
      _trail_map_view_vote (self, cards, up);
      return TRUE;
    default:
      return FALSE;
    }
}

void
_trail_map_view_init_voting (TrailMapView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  /* Before the canvas's own gestures see the press. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_canvas_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), GTK_EVENT_CONTROLLER (click));
  _trail_map_view_update_voting_actions (self);
}

void
_trail_map_view_class_init_voting (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "map.start-voting", NULL, start_voting_action);
  gtk_widget_class_install_action (widget_class, "map.resume-voting", NULL, resume_voting_action);
  gtk_widget_class_install_action (widget_class, "map.close-voting", NULL, close_voting_action);
  gtk_widget_class_install_action (widget_class, "map.next-voter", NULL, step_voter_action);
  gtk_widget_class_install_action (widget_class, "map.previous-voter", NULL, step_voter_action);
  gtk_widget_class_install_action (widget_class, "map.reveal-votes", NULL, reveal_votes_action);
  gtk_widget_class_install_action (widget_class, "map.export-votes", NULL, export_votes_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "map.start-voting", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketright, 0, "map.next-voter", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketleft, 0, "map.previous-voter", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "map.reveal-votes", NULL);
}
