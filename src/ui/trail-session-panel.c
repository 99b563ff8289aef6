/* trail-session-panel.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-session-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-qr-code.h"
#include "trail-session-panel.h"

struct _TrailSessionPanel
{
  AdwBin                parent_instance;

  TrailSessionControls *controls;   /* weak: the window's header bar holds it */
  GListModel           *participants;

  GtkWidget            *stack;
  GtkWidget            *start_button;
  GtkWidget            *error_label;
  GtkWidget            *qr_code;
  GtkWidget            *link_label;
  GtkWidget            *participants_label;
};

G_DEFINE_FINAL_TYPE (TrailSessionPanel, trail_session_panel, ADW_TYPE_BIN)

static void
update_participants (TrailSessionPanel *self)
{
  guint n = self->participants != NULL ? g_list_model_get_n_items (self->participants) : 0;
  g_autofree char *text = NULL;

  if (n == 0)
    text = g_strdup (_("Nobody has joined yet"));
  else
    text = g_strdup_printf (ngettext ("%u participant", "%u participants", n), n);
  gtk_label_set_label (GTK_LABEL (self->participants_label), text);
}

static void
update (TrailSessionPanel *self)
{
  TrailSession *session = self->controls != NULL ? trail_session_controls_get_session (self->controls) : NULL;
  GListModel *participants = session != NULL ? trail_session_get_participants (session) : NULL;
  const char * const *urls = self->controls != NULL ? trail_session_controls_get_join_urls (self->controls) : NULL;

  if (participants != self->participants)
    {
      if (self->participants != NULL)
        g_signal_handlers_disconnect_by_data (self->participants, self);
      g_set_object (&self->participants, participants);
      if (participants != NULL)
        g_signal_connect_object (participants, "items-changed", G_CALLBACK (update_participants), self,
                                 G_CONNECT_SWAPPED);
    }
  update_participants (self);

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), session != NULL ? "running" : "stopped");
  /* No map, no session (the header bar hides its button then). */
  gtk_widget_set_sensitive (self->start_button,
                            self->controls != NULL &&
                            gtk_widget_get_visible (GTK_WIDGET (self->controls)));
  if (urls != NULL && urls[0] != NULL)
    {
      g_autofree char *links = g_strjoinv ("\n", (char **) urls);

      gtk_label_set_label (GTK_LABEL (self->link_label), links);
      trail_qr_code_set_text (TRAIL_QR_CODE (self->qr_code), urls[0]);
    }
  else
    {
      gtk_label_set_label (GTK_LABEL (self->link_label), "");
      trail_qr_code_set_text (TRAIL_QR_CODE (self->qr_code), NULL);
    }
}

static void
on_start_clicked_cb (TrailSessionPanel *self)
{
  g_autoptr(GError) error = NULL;

  if (self->controls == NULL)
    return;
  /* The console has no toast overlay: the reason stays in the panel
   * until the next try. */
  if (!trail_session_controls_start (self->controls, &error))
    {
      g_autofree char *text = g_strdup_printf (_("No other device can join. %s"), error->message);

      gtk_label_set_label (GTK_LABEL (self->error_label), text);
      gtk_widget_set_visible (self->error_label, TRUE);
      return;
    }
  gtk_widget_set_visible (self->error_label, FALSE);
}

static void
on_end_clicked_cb (TrailSessionPanel *self)
{
  if (self->controls != NULL)
    trail_session_controls_stop (self->controls);
}

static GtkWidget *
make_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
trail_session_panel_dispose (GObject *object)
{
  TrailSessionPanel *self = TRAIL_SESSION_PANEL (object);

  if (self->participants != NULL)
    g_signal_handlers_disconnect_by_data (self->participants, self);
  g_clear_object (&self->participants);
  if (self->controls != NULL)
    g_signal_handlers_disconnect_by_data (self->controls, self);
  g_clear_weak_pointer (&self->controls);

  G_OBJECT_CLASS (trail_session_panel_parent_class)->dispose (object);
}

static void
trail_session_panel_class_init (TrailSessionPanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = trail_session_panel_dispose;
}

static void
trail_session_panel_init (TrailSessionPanel *self)
{
  GtkWidget *box, *page, *column, *button;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), make_label (_("Workshop Session"), "heading"));

  self->stack = gtk_stack_new ();
  gtk_stack_set_vhomogeneous (GTK_STACK (self->stack), FALSE);
  gtk_stack_set_hhomogeneous (GTK_STACK (self->stack), FALSE);

  page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (page),
                  make_label (_("Let the room add cards, rate stages and vote from their phones, on this network, with nothing to install."),
                              "dim-label"));
  self->start_button = gtk_button_new_with_mnemonic (_("Start a _Workshop Session"));
  gtk_widget_set_halign (self->start_button, GTK_ALIGN_START);
  g_signal_connect_swapped (self->start_button, "clicked", G_CALLBACK (on_start_clicked_cb), self);
  gtk_box_append (GTK_BOX (page), self->start_button);
  self->error_label = make_label (NULL, "error");
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_box_append (GTK_BOX (page), self->error_label);
  gtk_stack_add_named (GTK_STACK (self->stack), page, "stopped");

  /* The code large enough to scan from a few steps away, the link beside
   * it for those who type. */
  page = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  self->qr_code = trail_qr_code_new ();
  gtk_widget_set_size_request (self->qr_code, 180, 180);
  gtk_widget_set_valign (self->qr_code, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (page), self->qr_code);
  column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_hexpand (column, TRUE);
  gtk_box_append (GTK_BOX (column), make_label (_("Join on a phone"), "dim-label"));
  self->link_label = make_label (NULL, "title-4");
  gtk_label_set_selectable (GTK_LABEL (self->link_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->link_label), PANGO_WRAP_CHAR);
  gtk_box_append (GTK_BOX (column), self->link_label);
  self->participants_label = make_label (NULL, NULL);
  gtk_box_append (GTK_BOX (column), self->participants_label);
  button = gtk_button_new_with_mnemonic (_("_End Session"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "destructive-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_end_clicked_cb), self);
  gtk_box_append (GTK_BOX (column), button);
  gtk_box_append (GTK_BOX (page), column);
  gtk_stack_add_named (GTK_STACK (self->stack), page, "running");

  gtk_box_append (GTK_BOX (box), self->stack);
  adw_bin_set_child (ADW_BIN (self), box);
}

GtkWidget *
trail_session_panel_new (TrailSessionControls *controls)
{
  TrailSessionPanel *self;

  g_return_val_if_fail (TRAIL_IS_SESSION_CONTROLS (controls), NULL);

  self = g_object_new (TRAIL_TYPE_SESSION_PANEL, NULL);
  g_set_weak_pointer (&self->controls, controls);
  g_signal_connect_object (controls, "notify::running", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (controls, "notify::visible", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
  return GTK_WIDGET (self);
}
