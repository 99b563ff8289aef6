/* trail-present-console.c — the facilitator's window while presenting
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-present-console"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-compat.h"
#include "trail-present-console.h"

struct _TrailPresentConsole
{
  AdwWindow        parent_instance;

  TrailPresenter  *presenter;          /* weak: the presenter closes us when it goes */

  GtkWidget       *position_label;
  GtkWidget       *stage_label;
  GtkWidget       *next_label;
  GtkWidget       *notes_label;
  GtkWidget       *timer_label;
  GtkWidget       *pause_button;
  GtkWidget       *minutes_spin;
  GtkWidget       *reveal_check;
  GtkWidget       *spotlight_check;
  GtkWidget       *show_timer_check;
  GtkWidget       *present_button;
  GtkWidget       *votes_group;
  GtkWidget       *votes_slot;
  GtkWidget       *session_slot;
  gboolean         updating;
};

G_DEFINE_FINAL_TYPE (TrailPresentConsole, trail_present_console, ADW_TYPE_WINDOW)

static void
update (TrailPresentConsole *self)
{
  TrailPresenter *p = self->presenter;
  TrailTimer *timer;
  TrailStage *stage, *next;
  g_autofree char *position = NULL;
  g_autofree char *next_text = NULL;
  g_autofree char *time = NULL;
  const char *notes;
  int index;

  if (p == NULL)
    return;

  self->updating = TRUE;
  index = trail_presenter_get_stage_index (p);
  stage = trail_presenter_get_stage (p, index);
  next = trail_presenter_get_stage (p, index + 1);

  /* Translators: where the presentation is, "Stage 2 of 5" */
  position = g_strdup_printf (_("Stage %d of %u"), stage != NULL ? index + 1 : 0,
                              trail_presenter_get_n_stages (p));
  gtk_label_set_label (GTK_LABEL (self->position_label), position);
  gtk_label_set_label (GTK_LABEL (self->stage_label),
                       stage != NULL ? trail_stage_get_name (stage) : _("No stages"));
  if (next != NULL)
    /* Translators: the stage after the current one */
    next_text = g_strdup_printf (_("Next: %s"), trail_stage_get_name (next));
  else
    next_text = g_strdup (_("This is the last stage"));
  gtk_label_set_label (GTK_LABEL (self->next_label), next_text);

  notes = stage != NULL ? trail_stage_get_presenter_notes (stage) : NULL;
  if (notes != NULL && notes[0] != '\0')
    {
      gtk_label_set_label (GTK_LABEL (self->notes_label), notes);
      gtk_widget_remove_css_class (self->notes_label, "dim-label");
    }
  else
    {
      gtk_label_set_label (GTK_LABEL (self->notes_label),
                           _("No notes for this stage. Add them in the stage’s inspector, under Notes for Presenting."));
      gtk_widget_add_css_class (self->notes_label, "dim-label");
    }

  timer = trail_presenter_get_timer (p);
  time = trail_timer_format_seconds (trail_timer_get_remaining (timer));
  gtk_label_set_label (GTK_LABEL (self->timer_label), time);
  if (trail_timer_get_last_minute (timer))
    gtk_widget_add_css_class (self->timer_label, "last-minute");
  else
    gtk_widget_remove_css_class (self->timer_label, "last-minute");
  if (trail_timer_get_state (timer) == TRAIL_TIMER_FINISHED)
    gtk_widget_add_css_class (self->timer_label, "finished");
  else
    gtk_widget_remove_css_class (self->timer_label, "finished");
  gtk_button_set_label (GTK_BUTTON (self->pause_button),
                        trail_timer_get_state (timer) == TRAIL_TIMER_PAUSED ? _("_Resume") : _("_Pause"));
  gtk_widget_set_sensitive (self->pause_button,
                            trail_timer_get_state (timer) == TRAIL_TIMER_RUNNING ||
                            trail_timer_get_state (timer) == TRAIL_TIMER_PAUSED);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->reveal_check), trail_presenter_get_reveal (p));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->spotlight_check), trail_presenter_get_spotlight (p));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->show_timer_check), trail_presenter_get_show_timer (p));
  gtk_button_set_label (GTK_BUTTON (self->present_button),
                        trail_presenter_get_presenting (p) ? _("_Stop Presenting") : _("_Present"));
  self->updating = FALSE;
}

static void
on_previous_clicked_cb (TrailPresentConsole *self)
{
  trail_presenter_move (self->presenter, -1);
}

static void
on_next_clicked_cb (TrailPresentConsole *self)
{
  trail_presenter_move (self->presenter, 1);
}

static void
on_overview_clicked_cb (TrailPresentConsole *self)
{
  trail_presenter_toggle_overview (self->presenter);
}

static void
on_present_clicked_cb (TrailPresentConsole *self)
{
  trail_presenter_set_presenting (self->presenter, !trail_presenter_get_presenting (self->presenter));
}

static void
on_preset_clicked_cb (GtkButton           *button,
                      TrailPresentConsole *self)
{
  trail_presenter_start_timer (self->presenter,
                               GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "seconds")));
}

static void
on_custom_clicked_cb (TrailPresentConsole *self)
{
  int minutes = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->minutes_spin));

  trail_presenter_start_timer (self->presenter, MAX (1, minutes) * 60);
}

static void
on_pause_clicked_cb (TrailPresentConsole *self)
{
  trail_timer_toggle_pause (trail_presenter_get_timer (self->presenter));
}

static void
on_add_minute_clicked_cb (TrailPresentConsole *self)
{
  trail_timer_add_minute (trail_presenter_get_timer (self->presenter));
}

static void
on_stop_clicked_cb (TrailPresentConsole *self)
{
  trail_timer_stop (trail_presenter_get_timer (self->presenter));
}

static void
on_check_toggled_cb (TrailPresentConsole *self)
{
  if (self->updating || self->presenter == NULL)
    return;
  trail_presenter_set_reveal (self->presenter, gtk_check_button_get_active (GTK_CHECK_BUTTON (self->reveal_check)));
  trail_presenter_set_spotlight (self->presenter, gtk_check_button_get_active (GTK_CHECK_BUTTON (self->spotlight_check)));
  trail_presenter_set_show_timer (self->presenter, gtk_check_button_get_active (GTK_CHECK_BUTTON (self->show_timer_check)));
}

static gboolean
on_key_pressed_cb (TrailPresentConsole   *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* The minutes field takes digits and arrows itself. */
  if (focus != NULL && (GTK_IS_EDITABLE (focus) || gtk_widget_get_ancestor (focus, GTK_TYPE_SPIN_BUTTON) != NULL))
    return FALSE;
  if (self->presenter == NULL)
    return FALSE;
  return trail_presenter_handle_key (self->presenter, keyval, state);
}

static GtkWidget *
make_button (TrailPresentConsole *self,
             GtkWidget           *box,
             const char          *label,
             GCallback            callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  g_signal_connect_swapped (button, "clicked", callback, self);
  gtk_box_append (GTK_BOX (box), button);
  return button;
}

static GtkWidget *
make_heading (GtkWidget  *box,
              const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static GtkWidget *
make_check (TrailPresentConsole *self,
            GtkWidget           *box,
            const char          *label)
{
  GtkWidget *check = gtk_check_button_new_with_mnemonic (label);

  g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
  gtk_box_append (GTK_BOX (box), check);
  return check;
}

static void
trail_present_console_dispose (GObject *object)
{
  TrailPresentConsole *self = TRAIL_PRESENT_CONSOLE (object);

  if (self->presenter != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->presenter, self);
      g_signal_handlers_disconnect_by_data (trail_presenter_get_timer (self->presenter), self);
    }
  g_clear_weak_pointer (&self->presenter);

  G_OBJECT_CLASS (trail_present_console_parent_class)->dispose (object);
}

static void
trail_present_console_class_init (TrailPresentConsoleClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = trail_present_console_dispose;
}

static void
trail_present_console_init (TrailPresentConsole *self)
{
  GtkWidget *content, *scroller, *page, *row, *box, *button, *keys;
  GtkEventController *controller;
  static const guint presets[] = { 2, 5, 10 };

  gtk_window_set_title (GTK_WINDOW (self), _("Presenter Console"));
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 640);
  gtk_widget_add_css_class (GTK_WIDGET (self), "trail-present-console");

  page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 18);
  gtk_widget_set_margin_start (page, 24);
  gtk_widget_set_margin_end (page, 24);

  self->position_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->position_label), 0);
  gtk_widget_add_css_class (self->position_label, "dim-label");
  gtk_box_append (GTK_BOX (page), self->position_label);
  self->stage_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->stage_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->stage_label), TRUE);
  gtk_widget_add_css_class (self->stage_label, "title-1");
  gtk_box_append (GTK_BOX (page), self->stage_label);
  self->next_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->next_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->next_label), TRUE);
  gtk_widget_add_css_class (self->next_label, "title-4");
  gtk_box_append (GTK_BOX (page), self->next_label);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  make_button (self, row, _("_Previous Stage"), G_CALLBACK (on_previous_clicked_cb));
  make_button (self, row, _("_Next Stage"), G_CALLBACK (on_next_clicked_cb));
  make_button (self, row, _("_Overview"), G_CALLBACK (on_overview_clicked_cb));
  self->present_button = make_button (self, row, _("_Present"), G_CALLBACK (on_present_clicked_cb));
  gtk_widget_add_css_class (self->present_button, "suggested-action");
  gtk_box_append (GTK_BOX (page), row);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  self->reveal_check = make_check (self, row, _("_Reveal Stage by Stage"));
  self->spotlight_check = make_check (self, row, _("S_potlight the Stage"));
  self->show_timer_check = make_check (self, row, _("Show Timer on the _Map"));
  gtk_box_append (GTK_BOX (page), row);

  make_heading (page, _("Notes for Presenting"));
  self->notes_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->notes_label), 0);
  gtk_label_set_yalign (GTK_LABEL (self->notes_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->notes_label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (self->notes_label), TRUE);
  gtk_widget_add_css_class (self->notes_label, "trail-present-notes");
  gtk_box_append (GTK_BOX (page), self->notes_label);

  make_heading (page, _("Timer"));
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  self->timer_label = gtk_label_new ("0:00");
  gtk_widget_add_css_class (self->timer_label, "trail-console-timer");
  gtk_widget_add_css_class (self->timer_label, "numeric");
  gtk_box_append (GTK_BOX (box), self->timer_label);
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (row, GTK_ALIGN_CENTER);
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      /* Translators: a timer preset button, "5 min" */
      g_autofree char *label = g_strdup_printf (_("%u min"), presets[i]);

      button = gtk_button_new_with_label (label);
      g_object_set_data (G_OBJECT (button), "seconds", GUINT_TO_POINTER (presets[i] * 60));
      g_signal_connect (button, "clicked", G_CALLBACK (on_preset_clicked_cb), self);
      gtk_box_append (GTK_BOX (row), button);
    }
  self->minutes_spin = gtk_spin_button_new_with_range (1, 180, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->minutes_spin), 15);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->minutes_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Custom length in minutes"), -1);
  gtk_box_append (GTK_BOX (row), self->minutes_spin);
  make_button (self, row, _("_Start"), G_CALLBACK (on_custom_clicked_cb));
  gtk_box_append (GTK_BOX (box), row);
  gtk_box_append (GTK_BOX (page), box);
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->pause_button = make_button (self, row, _("_Pause"), G_CALLBACK (on_pause_clicked_cb));
  make_button (self, row, _("_Add a Minute"), G_CALLBACK (on_add_minute_clicked_cb));
  make_button (self, row, _("S_top Timer"), G_CALLBACK (on_stop_clicked_cb));
  gtk_box_append (GTK_BOX (page), row);

  /* The workshop session (trail_present_console_set_session_widget()):
   * started and ended here too, its join link shown while it runs. */
  self->session_slot = adw_bin_new ();
  gtk_widget_set_visible (self->session_slot, FALSE);
  gtk_box_append (GTK_BOX (page), self->session_slot);

  /* The voting round's results go here (trail_present_console_set_votes_widget());
   * the results widget carries its own heading. */
  self->votes_group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->votes_slot = adw_bin_new ();
  gtk_box_append (GTK_BOX (self->votes_group), self->votes_slot);
  gtk_widget_set_visible (self->votes_group, FALSE);
  gtk_box_append (GTK_BOX (page), self->votes_group);

  make_heading (page, _("Keys"));
  keys = gtk_label_new (_("Right, Page Down: next stage · Left, Page Up: previous stage · O: overview\n"
                          "R: reveal · S: spotlight · Enter: spotlight the card (in spotlight)\n"
                          "T: start or pause the timer · M: a minute more · Shift+T: stop the timer · H: hide the timer\n"
                          "C: this console · F5 or Escape: stop presenting · F11: full screen"));
  gtk_label_set_xalign (GTK_LABEL (keys), 0);
  gtk_label_set_wrap (GTK_LABEL (keys), TRUE);
  gtk_widget_add_css_class (keys, "dim-label");
  gtk_box_append (GTK_BOX (page), keys);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), page);
  gtk_widget_set_vexpand (scroller, TRUE);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (content), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (content), scroller);
  adw_window_set_content (ADW_WINDOW (self), content);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

GtkWidget *
trail_present_console_new (TrailPresenter *presenter)
{
  TrailPresentConsole *self = g_object_new (TRAIL_TYPE_PRESENT_CONSOLE, NULL);

  g_set_weak_pointer (&self->presenter, presenter);
  g_signal_connect_swapped (presenter, "changed", G_CALLBACK (update), self);
  g_signal_connect_swapped (trail_presenter_get_timer (presenter), "notify", G_CALLBACK (update), self);
  update (self);
  return GTK_WIDGET (self);
}

void
trail_present_console_set_votes_widget (TrailPresentConsole *self,
                                        GtkWidget           *widget)
{
  g_return_if_fail (TRAIL_IS_PRESENT_CONSOLE (self));

  adw_bin_set_child (ADW_BIN (self->votes_slot), widget);
  /* The heading goes with the results: a results widget hides itself
   * while there is nothing revealed to show. */
  if (widget != NULL)
    g_object_bind_property (widget, "visible", self->votes_group, "visible", G_BINDING_SYNC_CREATE);
  else
    gtk_widget_set_visible (self->votes_group, FALSE);
}

void
trail_present_console_set_session_widget (TrailPresentConsole *self,
                                          GtkWidget           *widget)
{
  g_return_if_fail (TRAIL_IS_PRESENT_CONSOLE (self));

  adw_bin_set_child (ADW_BIN (self->session_slot), widget);
  gtk_widget_set_visible (self->session_slot, widget != NULL);
}
