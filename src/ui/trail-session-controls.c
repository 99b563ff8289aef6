/* trail-session-controls.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-session-controls"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "trail-compat.h"
#include "trail-qr-code.h"
#include "trail-room-voting.h"
#include "trail-session-controls.h"

struct _TrailSessionControls
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkWidget          *menu_button;
  GtkPopover         *popover;
  GtkStack           *stack;
  GtkDropDown        *address_dropdown;
  GtkStringList      *addresses;
  GtkCheckButton     *anonymous_check;
  TrailQrCode        *qr_code;
  GtkLabel           *link_label;
  GtkLabel           *participants_label;
  GtkListBox         *participants_list;
  GtkCheckButton     *pause_check;
  GtkCheckButton     *inbox_check;

  TrailDocument      *document;
  TrailSession       *session;
  TrailSessionServer *server;
  GBindingGroup      *session_bindings;
  TrailRoomVoting    *room;       /* the session's workshop, while it runs */

  /* What the phones are shown of presenting, kept for the next session. */
  TrailTimer         *timer;
  char               *presented_stage;

  /* bench/room: TRAILMAP_BENCH_SESSION_FRAMES=FILE records when the
   * first frame after each card from the room was painted. */
  FILE               *bench_frames;
  GPtrArray          *bench_pending;   /* card ids added since the last paint */
  gulong              bench_paint_id;

  guint               start_when_ready : 1;
  /* `trailmap --session`: the links go to standard output. */
  guint               print_links : 1;
};

G_DEFINE_FINAL_TYPE (TrailSessionControls, trail_session_controls, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The dropdown's first row listens everywhere; the others name one
 * network's address. */
static void
fill_addresses (TrailSessionControls *self)
{
  g_auto(GStrv) addresses = trail_session_list_lan_addresses ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->addresses));

  gtk_string_list_splice (self->addresses, 0, n, NULL);
  gtk_string_list_append (self->addresses, _("All networks of this computer"));
  for (guint i = 0; addresses[i] != NULL; i++)
    gtk_string_list_append (self->addresses, addresses[i]);
  gtk_drop_down_set_selected (self->address_dropdown, 0);
}

static void
update_participants_label (TrailSessionControls *self)
{
  guint n;
  g_autofree char *text = NULL;

  if (self->session == NULL)
    return;
  n = g_list_model_get_n_items (trail_session_get_participants (self->session));
  if (n == 0)
    text = g_strdup (_("Nobody has joined yet"));
  else
    text = g_strdup_printf (ngettext ("%u participant", "%u participants", n), n);
  gtk_label_set_label (self->participants_label, text);
}

static void
on_remove_clicked_cb (GtkButton *button,
                      gpointer   user_data)
{
  TrailSessionControls *self = user_data;
  TrailSessionParticipant *participant = g_object_get_data (G_OBJECT (button), "participant");

  if (self->session != NULL && participant != NULL)
    trail_session_remove_participant (self->session, participant);
}

static void
update_participant_subtitle (AdwActionRow            *row,
                             GParamSpec              *pspec,
                             TrailSessionParticipant *participant)
{
  /* A phone that slept or left the room is still a participant: it comes
   * back with its key. */
  adw_action_row_set_subtitle (row, trail_session_participant_get_connected (participant)
                                    ? _("Connected") : _("Not connected"));
}

static GtkWidget *
create_participant_row (gpointer item,
                        gpointer user_data)
{
  TrailSessionParticipant *participant = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  g_autofree char *label = NULL;

  /* A name is the participant's own text: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), trail_session_participant_get_name (participant));
  update_participant_subtitle (ADW_ACTION_ROW (row), NULL, participant);
  g_signal_connect_object (participant, "notify::connected",
                           G_CALLBACK (update_participant_subtitle), row, G_CONNECT_SWAPPED);

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  /* Translators: %s is a participant's name */
  label = g_strdup_printf (_("Remove %s"), trail_session_participant_get_name (participant));
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (button), "participant", g_object_ref (participant), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked_cb), user_data);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
update_state (TrailSessionControls *self)
{
  gboolean running = self->server != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self), self->document != NULL);
  gtk_stack_set_visible_child_name (self->stack, running ? "running" : "stopped");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.start", !running && self->document != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.stop", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.copy-link", running);
  /* A running session shows in the header bar, so nobody forgets the
   * port is open. */
  if (running)
    gtk_widget_add_css_class (self->menu_button, "accent");
  else
    gtk_widget_remove_css_class (self->menu_button, "accent");
  gtk_widget_set_tooltip_text (self->menu_button,
                               running ? _("Workshop Session (running)") : _("Workshop Session"));
}

static void
on_bench_after_paint_cb (GdkFrameClock        *clock,
                         TrailSessionControls *self)
{
  gint64 now = g_get_monotonic_time ();

  for (guint i = 0; i < self->bench_pending->len; i++)
    fprintf (self->bench_frames, "%s %" G_GINT64_FORMAT "\n",
             (const char *) g_ptr_array_index (self->bench_pending, i), now);
  fflush (self->bench_frames);
  g_ptr_array_set_size (self->bench_pending, 0);
}

static void
on_bench_document_changed_cb (TrailSessionControls *self,
                              TrailChangeFlags      what,
                              GObject              *object)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (!(what & TRAIL_CHANGE_CARDS) || !TRAIL_IS_CARD (object) ||
      trail_document_find_card (self->document, trail_card_get_id (TRAIL_CARD (object))) == NULL)
    return;
  g_ptr_array_add (self->bench_pending, g_strdup (trail_card_get_id (TRAIL_CARD (object))));
  if (clock != NULL && self->bench_paint_id == 0)
    self->bench_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_bench_after_paint_cb), self);
}

static void
bench_start (TrailSessionControls *self)
{
  const char *path = g_getenv ("TRAILMAP_BENCH_SESSION_FRAMES");

  if (path == NULL || self->bench_frames != NULL)
    return;
  self->bench_frames = fopen (path, "w");
  if (self->bench_frames == NULL)
    return;
  self->bench_pending = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect_object (self->document, "changed", G_CALLBACK (on_bench_document_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
bench_stop (TrailSessionControls *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->bench_frames == NULL)
    return;
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, on_bench_document_changed_cb, self);
  if (clock != NULL && self->bench_paint_id != 0)
    g_signal_handler_disconnect (clock, self->bench_paint_id);
  self->bench_paint_id = 0;
  g_clear_pointer (&self->bench_frames, fclose);
  g_clear_pointer (&self->bench_pending, g_ptr_array_unref);
}

static gboolean
mode_to_active (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_int (from) == TRAIL_SESSION_MODE_INBOX);
  return TRUE;
}

static gboolean
active_to_mode (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  g_value_set_int (to, g_value_get_boolean (from) ? TRAIL_SESSION_MODE_INBOX : TRAIL_SESSION_MODE_DIRECT);
  return TRUE;
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TrailSessionControls *self = TRAIL_SESSION_CONTROLS (widget);
  g_autoptr(GError) error = NULL;

  if (!trail_session_controls_start (self, &error))
    {
      GtkRoot *root = gtk_widget_get_root (widget);
      g_autofree char *body = g_strdup_printf (_("No other device can join. %s"), error->message);
      AdwToast *toast = trail_compat_toast_new (body);

      /* The window's toast overlay is the nearest ancestor that has one. */
      for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
        {
          if (ADW_IS_TOAST_OVERLAY (w))
            {
              trail_compat_show_toast (w, toast);
              return;
            }
        }
      g_object_unref (toast);
      g_warning ("Could not start a session in %s: %s", G_OBJECT_TYPE_NAME (root), error->message);
    }
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  trail_session_controls_stop (TRAIL_SESSION_CONTROLS (widget));
}

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TrailSessionControls *self = TRAIL_SESSION_CONTROLS (widget);
  const char * const *urls = trail_session_controls_get_join_urls (self);

  if (urls != NULL && urls[0] != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), urls[0]);
}

static void
trail_session_controls_dispose (GObject *object)
{
  TrailSessionControls *self = TRAIL_SESSION_CONTROLS (object);

  trail_session_controls_stop (self);
  /* No gtk_widget_dispose_template(): AdwBin unparents its child (the
   * template's menu button, and everything inside it) itself. */
  g_clear_object (&self->session_bindings);
  g_clear_object (&self->document);
  g_clear_object (&self->timer);
  g_clear_pointer (&self->presented_stage, g_free);

  G_OBJECT_CLASS (trail_session_controls_parent_class)->dispose (object);
}

static void
trail_session_controls_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TrailSessionControls *self = TRAIL_SESSION_CONTROLS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->server != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_session_controls_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TrailSessionControls *self = TRAIL_SESSION_CONTROLS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      {
        TrailDocument *document = g_value_get_object (value);

        if (self->document == document)
          return;
        /* A session belongs to one map: another map ends it. */
        trail_session_controls_stop (self);
        g_set_object (&self->document, document);
        update_state (self);
        g_object_notify_by_pspec (object, pspec);
        if (document != NULL && self->start_when_ready)
          {
            g_autoptr(GError) error = NULL;

            self->start_when_ready = FALSE;
            if (!trail_session_controls_start (self, &error))
              g_printerr ("trailmap: %s\n", error->message);
          }
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_session_controls_class_init (TrailSessionControlsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trail_session_controls_dispose;
  object_class->get_property = trail_session_controls_get_property;
  object_class->set_property = trail_session_controls_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, TRAIL_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TRAIL_TYPE_QR_CODE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/trail-session-controls.ui");
  gtk_widget_class_bind_template_child (widget_class, TrailSessionControls, menu_button);
  gtk_widget_class_bind_template_child (widget_class, TrailSessionControls, popover);
  gtk_widget_class_bind_template_child (widget_class, TrailSessionControls, stack);
  gtk_widget_class_bind_template_child (widget_class, TrailSessionControls, address_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TrailSessionControls, addresses);
  gtk_widget_class_bind_template_child (widget_class, TrailSessionControls, anonymous_check);
  gtk_widget_class_bind_template_child (widget_class, TrailSessionControls, qr_code);
  gtk_widget_class_bind_template_child (widget_class, TrailSessionControls, link_label);
  gtk_widget_class_bind_template_child (widget_class, TrailSessionControls, participants_label);
  gtk_widget_class_bind_template_child (widget_class, TrailSessionControls, participants_list);
  gtk_widget_class_bind_template_child (widget_class, TrailSessionControls, pause_check);
  gtk_widget_class_bind_template_child (widget_class, TrailSessionControls, inbox_check);

  gtk_widget_class_install_action (widget_class, "session.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "session.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "session.copy-link", NULL, copy_link_action);
}

static void
on_popover_show_cb (TrailSessionControls *self)
{
  /* Networks come and go (a laptop moves to the projector's Wi-Fi). */
  if (self->server == NULL)
    fill_addresses (self);
}

static void
trail_session_controls_init (TrailSessionControls *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->session_bindings = g_binding_group_new ();
  g_binding_group_bind (self->session_bindings, "paused", self->pause_check, "active",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind_full (self->session_bindings, "mode", self->inbox_check, "active",
                             G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                             mode_to_active, active_to_mode, NULL, NULL);

  g_signal_connect_object (self->popover, "show", G_CALLBACK (on_popover_show_cb), self, G_CONNECT_SWAPPED);
  fill_addresses (self);
  update_state (self);
}

/* ---- Public API ------------------------------------------------------- */

GtkWidget *
trail_session_controls_new (void)
{
  return g_object_new (TRAIL_TYPE_SESSION_CONTROLS, NULL);
}

gboolean
trail_session_controls_start (TrailSessionControls  *self,
                              GError               **error)
{
  g_autoptr(TrailSession) session = NULL;
  g_autoptr(TrailSessionServer) server = NULL;
  g_autoptr(GString) links = NULL;
  const char * const *urls;
  const char *address = NULL;
  guint selected;

  g_return_val_if_fail (TRAIL_IS_SESSION_CONTROLS (self), FALSE);

  if (self->server != NULL)
    return TRUE;
  if (self->document == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No map is open."));
      return FALSE;
    }

  selected = gtk_drop_down_get_selected (self->address_dropdown);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    address = gtk_string_list_get_string (self->addresses, selected);

  session = trail_session_new (self->document);
  {
    /* The phones vote in the map's dot-voting round. */
    g_autoptr(TrailRoomVoting) voting = trail_room_voting_new (session);

    trail_room_voting_set_timer (voting, self->timer);
    trail_room_voting_set_presented_stage (voting, self->presented_stage);
    trail_session_set_workshop (session, TRAIL_SESSION_WORKSHOP (voting));
    /* The session holds it from here on. */
    self->room = voting;
  }
  trail_session_set_allow_anonymous (session, gtk_check_button_get_active (self->anonymous_check));
  server = trail_session_server_new (session);
  if (!trail_session_server_start (server, address, error))
    {
      self->room = NULL;
      return FALSE;
    }

  self->session = g_steal_pointer (&session);
  self->server = g_steal_pointer (&server);
  g_binding_group_set_source (self->session_bindings, self->session);
  gtk_list_box_bind_model (self->participants_list, trail_session_get_participants (self->session),
                           create_participant_row, self, NULL);
  g_signal_connect_object (trail_session_get_participants (self->session), "items-changed",
                           G_CALLBACK (update_participants_label), self, G_CONNECT_SWAPPED);
  update_participants_label (self);

  urls = trail_session_server_get_join_urls (self->server);
  links = g_string_new (NULL);
  for (guint i = 0; urls[i] != NULL; i++)
    g_string_append_printf (links, "%s%s", i > 0 ? "\n" : "", urls[i]);
  gtk_label_set_label (self->link_label, links->str);
  trail_qr_code_set_text (self->qr_code, urls[0]);
  if (self->print_links)
    {
      for (guint i = 0; urls[i] != NULL; i++)
        g_print ("%s\n", urls[i]);
      fflush (stdout);
    }

  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  bench_start (self);

  return TRUE;
}

void
trail_session_controls_stop (TrailSessionControls *self)
{
  g_return_if_fail (TRAIL_IS_SESSION_CONTROLS (self));

  if (self->server == NULL)
    return;

  bench_stop (self);
  trail_session_server_stop (self->server);
  if (self->participants_list != NULL)
    gtk_list_box_bind_model (self->participants_list, NULL, NULL, NULL, NULL);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (trail_session_get_participants (self->session), self);
  g_binding_group_set_source (self->session_bindings, NULL);
  g_clear_object (&self->server);
  self->room = NULL;
  g_clear_object (&self->session);
  if (self->qr_code != NULL)
    trail_qr_code_set_text (self->qr_code, NULL);
  if (self->link_label != NULL)
    gtk_label_set_label (self->link_label, "");

  if (self->stack != NULL)
    update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

gboolean
trail_session_controls_get_running (TrailSessionControls *self)
{
  g_return_val_if_fail (TRAIL_IS_SESSION_CONTROLS (self), FALSE);
  return self->server != NULL;
}

TrailSession *
trail_session_controls_get_session (TrailSessionControls *self)
{
  g_return_val_if_fail (TRAIL_IS_SESSION_CONTROLS (self), NULL);
  return self->session;
}

const char * const *
trail_session_controls_get_join_urls (TrailSessionControls *self)
{
  g_return_val_if_fail (TRAIL_IS_SESSION_CONTROLS (self), NULL);
  return self->server != NULL ? trail_session_server_get_join_urls (self->server) : NULL;
}

void
trail_session_controls_start_when_ready (TrailSessionControls *self)
{
  g_return_if_fail (TRAIL_IS_SESSION_CONTROLS (self));

  self->print_links = TRUE;
  if (self->document == NULL)
    {
      self->start_when_ready = TRUE;
      return;
    }
  {
    g_autoptr(GError) error = NULL;

    if (!trail_session_controls_start (self, &error))
      g_printerr ("trailmap: %s\n", error->message);
  }
}

void
trail_session_controls_set_timer (TrailSessionControls *self,
                                  TrailTimer           *timer)
{
  g_return_if_fail (TRAIL_IS_SESSION_CONTROLS (self));
  g_return_if_fail (timer == NULL || TRAIL_IS_TIMER (timer));

  g_set_object (&self->timer, timer);
  if (self->room != NULL)
    trail_room_voting_set_timer (self->room, timer);
}

void
trail_session_controls_set_presented_stage (TrailSessionControls *self,
                                            TrailStage           *stage)
{
  g_return_if_fail (TRAIL_IS_SESSION_CONTROLS (self));
  g_return_if_fail (stage == NULL || TRAIL_IS_STAGE (stage));

  g_free (self->presented_stage);
  self->presented_stage = stage != NULL ? g_strdup (trail_stage_get_id (stage)) : NULL;
  if (self->room != NULL)
    trail_room_voting_set_presented_stage (self->room, self->presented_stage);
}
