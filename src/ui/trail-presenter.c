/* trail-presenter.c — presenting a map to a room
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The presenter borrows the window's map view rather than making a second
 * canvas: the room sees the very map the facilitator edits, so typing,
 * voting and undo go on while presenting, and nothing has to be kept in
 * step. It hides the window's chrome, zooms the canvas to a size a room
 * can read (trail-present-metrics.c) and pans it stage by stage; what is
 * drawn over the map (sticky headers, reveal, spotlight, the timer) is
 * TrailPresentOverlay's.
 */
#define G_LOG_DOMAIN "trail-presenter"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "trail-application.h"
#include "trail-card-widget.h"
#include "trail-present-console.h"
#include "trail-present-metrics.h"
#include "trail-present-monitors.h"
#include "trail-present-overlay.h"
#include "trail-presenter.h"

#define PRESENTER_KEY "trail-presenter"

struct _TrailPresenter
{
  GObject              parent_instance;

  GtkWindow           *window;        /* weak: the window owns us */
  TrailMapView        *map_view;      /* weak */
  GtkWidget           *header_bar;    /* weak */
  TrailPresentOverlay *overlay;       /* weak: in the map view */
  GtkWidget           *console;       /* weak: a toplevel of its own */
  GtkWidget           *timer_button;  /* weak: in the header bar */
  GtkWidget           *votes_widget;  /* the voting round's results, for the console */
  GtkWidget           *session_widget; /* the workshop session, for the console */
  TrailTimer          *timer;
  TrailDocument       *document;      /* followed while presenting */

  gboolean             presenting;
  gboolean             overview;
  gboolean             reveal;
  gboolean             spotlight;
  gboolean             show_timer;
  int                  stage_index;
  TrailCard           *spotlight_card;
  guint                last_timer;    /* seconds, for T */

  /* The size the map was laid out for; a new one lays it out again. */
  int                  laid_out_width;
  int                  laid_out_height;
  guint                tick_id;
  AdwAnimation        *pan;

  /* What presenting changed, to put back. */
  gboolean             was_fullscreen;
  gboolean             had_palette;
  gboolean             had_inspector;
  double               saved_zoom;
  double               saved_h, saved_v;

  char                *debug_path;
  guint                debug_tick;
  guint                debug_frames;
  guint                n_flashes;     /* for tests: the end was signalled */

  /* TRAILMAP_BENCH_PRESENT: frame times while moving stage by stage. */
  char                *bench_path;
  GArray              *bench_times;
  gint64               bench_frame_start;
  guint                bench_moves;
  int                  bench_direction;
  guint                bench_idle_frames;
  guint                bench_start_id;
};

G_DEFINE_FINAL_TYPE (TrailPresenter, trail_presenter, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void emit_changed (TrailPresenter *self);
static void write_debug  (TrailPresenter *self);

/* ---- Helpers ------------------------------------------------------------- */

static TrailCanvas *
get_canvas (TrailPresenter *self)
{
  return self->map_view != NULL ? trail_map_view_get_canvas (self->map_view) : NULL;
}

static GPtrArray *
get_stage_items (TrailPresenter *self)
{
  TrailCanvas *canvas = get_canvas (self);
  TrailLayout *layout = canvas != NULL ? trail_canvas_get_layout (canvas) : NULL;

  return layout != NULL ? trail_layout_get_stages (layout) : NULL;
}

static GtkAdjustment *
get_hadjustment (TrailPresenter *self)
{
  TrailCanvas *canvas = get_canvas (self);

  return canvas != NULL ? gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (canvas)) : NULL;
}

static GtkAdjustment *
get_vadjustment (TrailPresenter *self)
{
  TrailCanvas *canvas = get_canvas (self);

  return canvas != NULL ? gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (canvas)) : NULL;
}

static void
pan_cb (double   value,
        gpointer data)
{
  TrailPresenter *self = data;
  GtkAdjustment *h = get_hadjustment (self);

  if (h != NULL)
    gtk_adjustment_set_value (h, value);
}

/* The current stage at the left, just right of the lane titles that stick
 * there; as far as the map goes at its end. */
static void
scroll_to_stage (TrailPresenter *self,
                 gboolean        animate)
{
  TrailCanvas *canvas = get_canvas (self);
  GPtrArray *stages = get_stage_items (self);
  GPtrArray *lanes;
  GtkAdjustment *h = get_hadjustment (self);
  const TrailLayoutItem *item;
  double wx, wy, lane_width = 0, target, zoom;

  if (canvas == NULL || stages == NULL || stages->len == 0 || h == NULL || self->overview)
    return;

  zoom = trail_canvas_get_zoom (canvas);
  item = stages->pdata[CLAMP (self->stage_index, 0, (int) stages->len - 1)];
  lanes = trail_layout_get_lanes (trail_canvas_get_layout (canvas));
  if (lanes->len > 0)
    lane_width = ((TrailLayoutItem *) lanes->pdata[0])->bounds.size.width * zoom;

  /* From where the pan would end, not where an unfinished one is now. */
  if (self->pan != NULL && adw_animation_get_state (self->pan) == ADW_ANIMATION_PLAYING)
    adw_animation_skip (self->pan);

  trail_canvas_map_to_widget (canvas, item->bounds.origin.x, item->bounds.origin.y, &wx, &wy);
  target = gtk_adjustment_get_value (h) + wx - (lane_width + 8);
  target = CLAMP (target, gtk_adjustment_get_lower (h),
                  MAX (gtk_adjustment_get_lower (h), gtk_adjustment_get_upper (h) - gtk_adjustment_get_page_size (h)));

  if (!animate || self->pan == NULL)
    {
      gtk_adjustment_set_value (h, target);
      return;
    }
  adw_timed_animation_set_value_from (ADW_TIMED_ANIMATION (self->pan), gtk_adjustment_get_value (h));
  adw_timed_animation_set_value_to (ADW_TIMED_ANIMATION (self->pan), target);
  adw_animation_play (self->pan);
}

/* The stage headers at the top of the screen: the room reads the journey,
 * not the map's title block. */
static void
scroll_to_stage_headers (TrailPresenter *self)
{
  TrailCanvas *canvas = get_canvas (self);
  GPtrArray *stages = get_stage_items (self);
  GtkAdjustment *v = get_vadjustment (self);
  double wx, wy;

  if (canvas == NULL || stages == NULL || stages->len == 0 || v == NULL)
    return;
  trail_canvas_map_to_widget (canvas, 0, ((TrailLayoutItem *) stages->pdata[0])->bounds.origin.y, &wx, &wy);
  gtk_adjustment_set_value (v, gtk_adjustment_get_value (v) + wy - 8);
}

static int
screen_height (TrailPresenter *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self->window));
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self->window));
  GdkMonitor *monitor = surface != NULL ? gdk_display_get_monitor_at_surface (display, surface) : NULL;
  GdkRectangle geometry;

  if (monitor == NULL)
    return gtk_widget_get_height (GTK_WIDGET (self->window));
  gdk_monitor_get_geometry (monitor, &geometry);
  return geometry.height;
}

static void
lay_out (TrailPresenter *self)
{
  TrailCanvas *canvas = get_canvas (self);
  TrailLayout *layout = canvas != NULL ? trail_canvas_get_layout (canvas) : NULL;
  int height;

  if (layout == NULL || self->window == NULL)
    return;

  /* The screen's height, a projector's 1080 or 720 lines: the size the
   * room reads at, whether or not the window manager made the window full
   * screen yet. */
  height = screen_height (self);
  self->laid_out_width = gtk_widget_get_width (GTK_WIDGET (canvas));
  self->laid_out_height = gtk_widget_get_height (GTK_WIDGET (canvas));

  if (self->overview)
    {
      trail_canvas_zoom_to_fit (canvas);
      return;
    }
  trail_canvas_set_zoom (canvas, trail_present_zoom_for_screen (trail_layout_get_style (layout), height));
  scroll_to_stage_headers (self);
  scroll_to_stage (self, FALSE);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  TrailPresenter *self = data;

  /* Full screen arrives a few frames after asking for it, and a projector
   * may be plugged in while presenting. */
  if (gtk_widget_get_width (widget) != self->laid_out_width ||
      gtk_widget_get_height (widget) != self->laid_out_height)
    lay_out (self);
  /* The test aid follows the card widgets, which come and go per frame. */
  if (self->debug_path != NULL && ++self->debug_frames % 10 == 0)
    write_debug (self);
  return G_SOURCE_CONTINUE;
}

/* Where the keyboard is: the current stage, in the lane it was in, so
 * typing, N and + act on what the room sees. */
static void
move_keyboard (TrailPresenter *self)
{
  TrailCanvas *canvas = get_canvas (self);
  TrailSelection *selection = self->map_view != NULL ? trail_map_view_get_selection (self->map_view) : NULL;
  TrailStage *stage = trail_presenter_get_stage (self, self->stage_index);

  if (canvas == NULL || selection == NULL || stage == NULL)
    return;
  if (trail_selection_get_cursor_stage (selection) == stage)
    return;
  trail_selection_clear (selection);
  trail_selection_set_cursor (selection, trail_selection_get_cursor_lane (selection), stage);
  gtk_widget_grab_focus (GTK_WIDGET (canvas));
}

static void
write_debug (TrailPresenter *self)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;
  TrailCanvas *canvas = get_canvas (self);
  TrailLayout *layout = canvas != NULL ? trail_canvas_get_layout (canvas) : NULL;
  TrailStage *stage = trail_presenter_get_stage (self, self->stage_index);

  if (self->debug_path == NULL)
    return;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "presenting");
  json_builder_add_boolean_value (builder, self->presenting);
  json_builder_set_member_name (builder, "fullscreen");
  json_builder_add_boolean_value (builder, self->window != NULL && gtk_window_is_fullscreen (self->window));
  json_builder_set_member_name (builder, "header_bar");
  json_builder_add_boolean_value (builder, self->header_bar != NULL && gtk_widget_get_mapped (self->header_bar));
  json_builder_set_member_name (builder, "stage_index");
  json_builder_add_int_value (builder, self->stage_index);
  json_builder_set_member_name (builder, "stage");
  json_builder_add_string_value (builder, stage != NULL ? trail_stage_get_id (stage) : "");
  json_builder_set_member_name (builder, "overview");
  json_builder_add_boolean_value (builder, self->overview);
  json_builder_set_member_name (builder, "reveal");
  json_builder_add_boolean_value (builder, self->reveal);
  json_builder_set_member_name (builder, "spotlight");
  json_builder_add_boolean_value (builder, self->spotlight);
  json_builder_set_member_name (builder, "spotlight_card");
  json_builder_add_string_value (builder, self->spotlight_card != NULL ? trail_card_get_id (self->spotlight_card) : "");
  json_builder_set_member_name (builder, "console");
  json_builder_add_boolean_value (builder, self->console != NULL && gtk_widget_get_visible (self->console));
  json_builder_set_member_name (builder, "timer_state");
  json_builder_add_int_value (builder, trail_timer_get_state (self->timer));
  json_builder_set_member_name (builder, "timer_remaining");
  json_builder_add_int_value (builder, trail_timer_get_remaining (self->timer));
  json_builder_set_member_name (builder, "timer_last_minute");
  json_builder_add_boolean_value (builder, trail_timer_get_last_minute (self->timer));
  json_builder_set_member_name (builder, "flashes");
  json_builder_add_int_value (builder, self->n_flashes);
  json_builder_set_member_name (builder, "timer_shown");
  json_builder_add_boolean_value (builder, self->show_timer);
  if (layout != NULL)
    {
      json_builder_set_member_name (builder, "card_cap_height");
      json_builder_add_double_value (builder, trail_present_card_cap_height (trail_layout_get_style (layout)));
    }

  /* Each card widget's own size and where it lands on the canvas: their
   * ratio is the zoom the room sees, measured, not asked. */
  json_builder_set_member_name (builder, "card_widgets");
  json_builder_begin_array (builder);
  for (GtkWidget *child = canvas != NULL ? gtk_widget_get_first_child (GTK_WIDGET (canvas)) : NULL;
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (!TRAIL_IS_CARD_WIDGET (child) || !gtk_widget_get_child_visible (child) ||
          gtk_widget_get_width (child) <= 0 ||
          !gtk_widget_compute_bounds (child, GTK_WIDGET (canvas), &bounds))
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "width");
      json_builder_add_int_value (builder, gtk_widget_get_width (child));
      json_builder_set_member_name (builder, "shown_width");
      json_builder_add_double_value (builder, bounds.size.width);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);
  g_file_set_contents (self->debug_path, data, -1, NULL);
}

static void
emit_changed (TrailPresenter *self)
{
  if (self->overlay != NULL)
    trail_present_overlay_set_state (self->overlay, self->presenting && !self->overview,
                                     self->stage_index, self->reveal, self->spotlight,
                                     self->spotlight_card);
  g_signal_emit (self, signals[CHANGED], 0);
  write_debug (self);
}

static void
update_timer_button (TrailPresenter *self)
{
  TrailTimerState state = trail_timer_get_state (self->timer);

  /* Nothing to pause or stop on a stopped timer (a minute can always be
   * added: on a stopped timer it starts one). */
  if (self->window != NULL)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self->window), "win.timer-pause",
                                     state == TRAIL_TIMER_RUNNING || state == TRAIL_TIMER_PAUSED);
      gtk_widget_action_set_enabled (GTK_WIDGET (self->window), "win.timer-stop", state != TRAIL_TIMER_STOPPED);
    }

  if (self->timer_button == NULL)
    return;

  if (state == TRAIL_TIMER_STOPPED)
    {
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->timer_button), "preferences-system-time-symbolic");
    }
  else
    {
      g_autofree char *text = trail_timer_format_seconds (trail_timer_get_remaining (self->timer));

      gtk_menu_button_set_label (GTK_MENU_BUTTON (self->timer_button), text);
    }
  if (state == TRAIL_TIMER_FINISHED || trail_timer_get_last_minute (self->timer))
    gtk_widget_add_css_class (self->timer_button, "trail-timer-alert");
  else
    gtk_widget_remove_css_class (self->timer_button, "trail-timer-alert");
}

static void
on_timer_notify_cb (TrailPresenter *self)
{
  update_timer_button (self);
  write_debug (self);
}

/* The end is seen, and heard if the user allows it, without taking the
 * keyboard from whatever has it. */
static void
on_timer_finished_cb (TrailPresenter *self)
{
  GtkApplication *app = self->window != NULL ? gtk_window_get_application (self->window) : NULL;
  GSettings *settings = TRAIL_IS_APPLICATION (app) ? trail_application_get_settings (TRAIL_APPLICATION (app)) : NULL;

  if (self->overlay != NULL && self->presenting)
    {
      trail_present_overlay_flash (self->overlay);
      self->n_flashes++;
    }
  if (settings != NULL && g_settings_get_boolean (settings, "timer-sound"))
    gdk_display_beep (gtk_widget_get_display (GTK_WIDGET (self->window)));
  write_debug (self);
}

static void
on_document_changed_cb (TrailPresenter *self)
{
  guint n = trail_presenter_get_n_stages (self);

  /* A stage removed under us: stay on the last one there is. */
  if (n > 0 && self->stage_index >= (int) n)
    self->stage_index = n - 1;
  emit_changed (self);
}

static void
follow_document (TrailPresenter *self,
                 TrailDocument  *document)
{
  if (self->document == document)
    return;
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_swapped (document, "changed", G_CALLBACK (on_document_changed_cb), self);
}

static int
stage_index_of (TrailPresenter *self,
                TrailStage     *stage)
{
  GPtrArray *stages = get_stage_items (self);

  for (guint i = 0; stages != NULL && stage != NULL && i < stages->len; i++)
    if (((TrailLayoutItem *) stages->pdata[i])->object == stage)
      return i;
  return -1;
}

/* ---- Monitors ------------------------------------------------------------ */

/* With a second monitor the map goes full screen on the projector and the
 * console on the laptop; FALSE with one monitor. */
static gboolean
present_on_monitors (TrailPresenter *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self->window));
  GListModel *monitors = gdk_display_get_monitors (display);
  guint n = g_list_model_get_n_items (monitors);
  g_autofree TrailMonitorInfo *infos = NULL;
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self->window));
  GdkMonitor *current = surface != NULL ? gdk_display_get_monitor_at_surface (display, surface) : NULL;
  int window_monitor = -1, map_monitor, console_monitor;

  if (n < 2)
    return FALSE;

  infos = g_new0 (TrailMonitorInfo, n);
  for (guint i = 0; i < n; i++)
    {
      GdkMonitor *monitor = g_list_model_get_item (monitors, i);
      GdkRectangle geometry;

      g_ptr_array_add (objects, monitor);
      gdk_monitor_get_geometry (monitor, &geometry);
      infos[i] = (TrailMonitorInfo) { gdk_monitor_get_connector (monitor),
                                      geometry.x, geometry.y, geometry.width, geometry.height };
      if (monitor == current)
        window_monitor = i;
    }
  if (!trail_present_choose_monitors (infos, n, window_monitor, &map_monitor, &console_monitor))
    return FALSE;

  gtk_window_fullscreen_on_monitor (self->window, objects->pdata[map_monitor]);
  trail_presenter_show_console (self);
  gtk_window_fullscreen_on_monitor (GTK_WINDOW (self->console), objects->pdata[console_monitor]);
  return TRUE;
}

/* ---- Presenting ---------------------------------------------------------- */

static void
start_presenting (TrailPresenter *self)
{
  TrailCanvas *canvas = get_canvas (self);
  TrailSelection *selection = trail_map_view_get_selection (self->map_view);
  GtkAdjustment *h = get_hadjustment (self), *v = get_vadjustment (self);
  int index;

  self->presenting = TRUE;
  self->overview = FALSE;
  g_clear_object (&self->spotlight_card);
  follow_document (self, trail_canvas_get_document (canvas));

  self->was_fullscreen = gtk_window_is_fullscreen (self->window);
  g_object_get (self->map_view, "show-palette", &self->had_palette, "show-inspector", &self->had_inspector, NULL);
  self->saved_zoom = trail_canvas_get_zoom (canvas);
  self->saved_h = h != NULL ? gtk_adjustment_get_value (h) : 0;
  self->saved_v = v != NULL ? gtk_adjustment_get_value (v) : 0;

  /* Start where the facilitator was. */
  index = stage_index_of (self, selection != NULL ? trail_selection_get_cursor_stage (selection) : NULL);
  self->stage_index = MAX (0, index);

  trail_map_view_flush (self->map_view);
  g_object_set (self->map_view, "show-palette", FALSE, "show-inspector", FALSE, NULL);
  trail_map_view_set_zoom_controls_visible (self->map_view, FALSE);
  if (self->header_bar != NULL)
    gtk_widget_set_visible (self->header_bar, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->window), "presenting");

  if (!present_on_monitors (self))
    gtk_window_fullscreen (self->window);

  self->laid_out_width = self->laid_out_height = -1;
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (canvas), tick_cb, self, NULL);
  lay_out (self);
  gtk_widget_grab_focus (GTK_WIDGET (canvas));
  move_keyboard (self);
}

static void
stop_presenting (TrailPresenter *self)
{
  TrailCanvas *canvas = get_canvas (self);
  GtkAdjustment *h = get_hadjustment (self), *v = get_vadjustment (self);

  self->presenting = FALSE;
  self->overview = FALSE;
  g_clear_object (&self->spotlight_card);
  if (self->tick_id != 0 && canvas != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (canvas), self->tick_id);
  self->tick_id = 0;
  if (self->pan != NULL)
    adw_animation_skip (self->pan);
  follow_document (self, NULL);

  if (self->window == NULL)
    return;
  if (!self->was_fullscreen)
    gtk_window_unfullscreen (self->window);
  if (self->console != NULL && gtk_window_is_fullscreen (GTK_WINDOW (self->console)))
    gtk_window_unfullscreen (GTK_WINDOW (self->console));
  if (self->header_bar != NULL)
    gtk_widget_set_visible (self->header_bar, TRUE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->window), "presenting");
  if (self->map_view != NULL)
    {
      g_object_set (self->map_view, "show-palette", self->had_palette, "show-inspector", self->had_inspector, NULL);
      trail_map_view_set_zoom_controls_visible (self->map_view, TRUE);
    }
  if (canvas != NULL)
    {
      trail_canvas_set_zoom (canvas, self->saved_zoom);
      if (h != NULL)
        gtk_adjustment_set_value (h, self->saved_h);
      if (v != NULL)
        gtk_adjustment_set_value (v, self->saved_v);
      gtk_widget_grab_focus (GTK_WIDGET (canvas));
    }
}

/* ---- Keys and actions ---------------------------------------------------- */

gboolean
trail_presenter_handle_key (TrailPresenter  *self,
                            guint            keyval,
                            GdkModifierType  state)
{
  TrailCanvas *canvas = get_canvas (self);
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;

  g_return_val_if_fail (TRAIL_IS_PRESENTER (self), FALSE);

  /* Keys with Ctrl or Alt are the editor's (Ctrl+Z undoes while presenting). */
  if (!self->presenting || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      trail_presenter_move (self, 1);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      trail_presenter_move (self, -1);
      return TRUE;
    case GDK_KEY_Home:
      trail_presenter_move (self, -self->stage_index);
      return TRUE;
    case GDK_KEY_End:
      trail_presenter_move (self, (int) trail_presenter_get_n_stages (self) - 1 - self->stage_index);
      return TRUE;
    case GDK_KEY_o:
    case GDK_KEY_O:
      trail_presenter_toggle_overview (self);
      return TRUE;
    case GDK_KEY_r:
    case GDK_KEY_R:
      trail_presenter_set_reveal (self, !self->reveal);
      return TRUE;
    case GDK_KEY_s:
    case GDK_KEY_S:
      trail_presenter_set_spotlight (self, !self->spotlight);
      return TRUE;
    case GDK_KEY_h:
    case GDK_KEY_H:
      trail_presenter_set_show_timer (self, !self->show_timer);
      return TRUE;
    case GDK_KEY_c:
    case GDK_KEY_C:
      trail_presenter_show_console (self);
      return TRUE;
    case GDK_KEY_t:
    case GDK_KEY_T:
      if (shift)
        trail_timer_stop (self->timer);
      else if (trail_timer_get_state (self->timer) == TRAIL_TIMER_RUNNING ||
               trail_timer_get_state (self->timer) == TRAIL_TIMER_PAUSED)
        trail_timer_toggle_pause (self->timer);
      else
        trail_presenter_start_timer (self, self->last_timer);
      return TRUE;
    case GDK_KEY_m:
    case GDK_KEY_M:
      trail_timer_add_minute (self->timer);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      if (self->spotlight_card != NULL)
        {
          g_clear_object (&self->spotlight_card);
          emit_changed (self);
          return TRUE;
        }
      if (self->spotlight && canvas != NULL && trail_canvas_get_current_card (canvas) != NULL)
        {
          self->spotlight_card = g_object_ref (trail_canvas_get_current_card (canvas));
          emit_changed (self);
          return TRUE;
        }
      return FALSE;
    case GDK_KEY_Escape:
      if (self->spotlight_card != NULL)
        {
          g_clear_object (&self->spotlight_card);
          emit_changed (self);
        }
      else if (self->overview)
        trail_presenter_toggle_overview (self);
      else
        trail_presenter_set_presenting (self, FALSE);
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
on_window_key_pressed_cb (TrailPresenter        *self,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          GtkEventControllerKey *controller)
{
  TrailCanvas *canvas = get_canvas (self);
  GtkWidget *focus;

  if (!self->presenting || self->window == NULL)
    return FALSE;

  /* Typing into a card or a name: every key is the editor's. */
  focus = gtk_root_get_focus (GTK_ROOT (self->window));
  if ((canvas != NULL && trail_canvas_get_editing (canvas)) ||
      (focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus))))
    return FALSE;

  return trail_presenter_handle_key (self, keyval, state);
}

static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  TrailPresenter *self = trail_presenter_from_window (widget);

  if (self == NULL)
    return;

  if (g_str_equal (action_name, "win.present"))
    trail_presenter_set_presenting (self, !self->presenting);
  else if (g_str_equal (action_name, "win.fullscreen"))
    {
      if (gtk_window_is_fullscreen (GTK_WINDOW (widget)))
        gtk_window_unfullscreen (GTK_WINDOW (widget));
      else
        gtk_window_fullscreen (GTK_WINDOW (widget));
    }
  else if (g_str_equal (action_name, "win.present-console"))
    trail_presenter_show_console (self);
  else if (g_str_equal (action_name, "win.timer-start"))
    trail_presenter_start_timer (self, g_variant_get_uint32 (param));
  else if (g_str_equal (action_name, "win.timer-pause"))
    trail_timer_toggle_pause (self->timer);
  else if (g_str_equal (action_name, "win.timer-add-minute"))
    trail_timer_add_minute (self->timer);
  else if (g_str_equal (action_name, "win.timer-stop"))
    trail_timer_stop (self->timer);
}

void
trail_presenter_install_actions (GtkWidgetClass *window_class)
{
  gtk_widget_class_install_action (window_class, "win.present", NULL, present_action);
  gtk_widget_class_install_action (window_class, "win.fullscreen", NULL, present_action);
  gtk_widget_class_install_action (window_class, "win.present-console", NULL, present_action);
  gtk_widget_class_install_action (window_class, "win.timer-start", "u", present_action);
  gtk_widget_class_install_action (window_class, "win.timer-pause", NULL, present_action);
  gtk_widget_class_install_action (window_class, "win.timer-add-minute", NULL, present_action);
  gtk_widget_class_install_action (window_class, "win.timer-stop", NULL, present_action);

  gtk_widget_class_add_binding_action (window_class, GDK_KEY_F5, 0, "win.present", NULL);
  gtk_widget_class_add_binding_action (window_class, GDK_KEY_F11, 0, "win.fullscreen", NULL);
}

/* ---- Header bar ---------------------------------------------------------- */

/* A plain GtkPopover stays open when a button in it is pressed: each
 * choice closes it, as a menu's items do. */
static void
close_timer_menu (GtkWidget *inside)
{
  GtkWidget *menu_button = gtk_widget_get_ancestor (inside, GTK_TYPE_MENU_BUTTON);

  /* Through the menu button, which keeps its own state in step. */
  if (menu_button != NULL)
    gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
}

static void
on_timer_choice_clicked_cb (GtkWidget *button)
{
  close_timer_menu (button);
}

static void
on_custom_start_cb (GtkWidget     *button,
                    GtkSpinButton *spin)
{
  TrailPresenter *self = g_object_get_data (G_OBJECT (spin), PRESENTER_KEY);
  gtk_spin_button_update (spin);
  trail_presenter_start_timer (self, MAX (1, gtk_spin_button_get_value_as_int (spin)) * 60);
  close_timer_menu (GTK_WIDGET (spin));
}

static GtkWidget *
timer_popover_button (GtkWidget  *box,
                      const char *label,
                      const char *action,
                      GVariant   *target)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  g_signal_connect (button, "clicked", G_CALLBACK (on_timer_choice_clicked_cb), NULL);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_widget_add_css_class (button, "flat");
  gtk_box_append (GTK_BOX (box), button);
  return button;
}

GtkWidget *
trail_presenter_create_timer_button (TrailPresenter *self)
{
  GtkWidget *button, *popover, *box, *row, *spin, *start;
  static const guint presets[] = { 2, 5, 10 };

  g_return_val_if_fail (TRAIL_IS_PRESENTER (self), NULL);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (row, "linked");
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      g_autofree char *label = g_strdup_printf (_("%u min"), presets[i]);
      GtkWidget *b = timer_popover_button (row, label, "win.timer-start", g_variant_new_uint32 (presets[i] * 60));

      gtk_widget_remove_css_class (b, "flat");
    }
  gtk_box_append (GTK_BOX (box), row);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  spin = gtk_spin_button_new_with_range (1, 180, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 15);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Custom length in minutes"), -1);
  g_object_set_data (G_OBJECT (spin), PRESENTER_KEY, self);
  gtk_box_append (GTK_BOX (row), spin);
  start = gtk_button_new_with_mnemonic (_("_Start"));
  g_signal_connect (start, "clicked", G_CALLBACK (on_custom_start_cb), spin);
  /* Enter after typing a length starts it, as Start does (GtkSpinButton
   * has its own "activate" only from GTK 4.14: its text's is older). */
  g_signal_connect (gtk_editable_get_delegate (GTK_EDITABLE (spin)), "activate",
                    G_CALLBACK (on_custom_start_cb), spin);
  gtk_box_append (GTK_BOX (row), start);
  gtk_box_append (GTK_BOX (box), row);

  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  timer_popover_button (box, _("_Pause or Resume (T)"), "win.timer-pause", NULL);
  timer_popover_button (box, _("_Add a Minute (M)"), "win.timer-add-minute", NULL);
  timer_popover_button (box, _("S_top (Shift+T)"), "win.timer-stop", NULL);
  timer_popover_button (box, _("Presenter _Console"), "win.present-console", NULL);

  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  button = gtk_menu_button_new ();
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_tooltip_text (button, _("Workshop Timer"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Workshop Timer"), -1);
  gtk_widget_add_css_class (button, "numeric");
  g_set_weak_pointer (&self->timer_button, button);
  update_timer_button (self);
  return button;
}

GtkWidget *
trail_presenter_create_present_button (TrailPresenter *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("video-display-symbolic");

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.present");
  gtk_widget_set_tooltip_text (button, _("Present (F5)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Present"), -1);
  return button;
}


/* ---- Benchmark ----------------------------------------------------------- */

#define BENCH_MOVES 40

static void
finish_bench (TrailPresenter *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  TrailDocument *document = trail_presenter_get_document (self);
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self->window));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "cards");
  json_builder_add_int_value (builder, document != NULL ? g_list_model_get_n_items (trail_document_get_cards (document)) : 0);
  json_builder_set_member_name (builder, "renderer");
  json_builder_add_string_value (builder, native != NULL ? G_OBJECT_TYPE_NAME (gtk_native_get_renderer (native)) : "");
  json_builder_set_member_name (builder, "zoom");
  json_builder_add_double_value (builder, trail_canvas_get_zoom (get_canvas (self)));
  json_builder_set_member_name (builder, "moves");
  json_builder_add_int_value (builder, self->bench_moves);
  json_builder_set_member_name (builder, "frames_ms");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->bench_times->len; i++)
    json_builder_add_double_value (builder, g_array_index (self->bench_times, double, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);
  if (!g_file_set_contents (self->bench_path, data, -1, &error))
    g_warning ("Could not write %s: %s", self->bench_path, error->message);
  g_clear_pointer (&self->bench_path, g_free);
  g_application_quit (g_application_get_default ());
}

static void
on_bench_update_cb (GdkFrameClock  *clock,
                    TrailPresenter *self)
{
  self->bench_frame_start = 0;
  if (self->bench_path == NULL || !self->presenting)
    return;
  /* Only frames of a pan count: a still presented map draws nothing. */
  if (self->pan != NULL && adw_animation_get_state (self->pan) == ADW_ANIMATION_PLAYING)
    {
      self->bench_frame_start = g_get_monotonic_time ();
      self->bench_idle_frames = 0;
      return;
    }

  /* A few frames between pans, then the next stage; back at either end. */
  if (++self->bench_idle_frames < 3)
    return;
  if (self->bench_moves >= BENCH_MOVES)
    {
      finish_bench (self);
      return;
    }
  if (self->stage_index + self->bench_direction < 0 ||
      self->stage_index + self->bench_direction >= (int) trail_presenter_get_n_stages (self))
    self->bench_direction = -self->bench_direction;
  self->bench_moves++;
  trail_presenter_move (self, self->bench_direction);
}

static void
on_bench_after_paint_cb (GdkFrameClock  *clock,
                         TrailPresenter *self)
{
  double ms;

  if (self->bench_path == NULL || self->bench_frame_start == 0)
    return;
  ms = (g_get_monotonic_time () - self->bench_frame_start) / 1000.0;
  /* The first move's frames warm the caches up. */
  if (self->bench_moves > 1)
    g_array_append_val (self->bench_times, ms);
  self->bench_frame_start = 0;
}

static gboolean
bench_start_cb (gpointer data)
{
  TrailPresenter *self = data;
  TrailCanvas *canvas = get_canvas (self);
  GdkFrameClock *clock;

  if (canvas == NULL || trail_canvas_get_layout (canvas) == NULL || !gtk_widget_get_mapped (GTK_WIDGET (canvas)))
    return G_SOURCE_CONTINUE;

  self->bench_start_id = 0;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->window));
  g_signal_connect_object (clock, "update", G_CALLBACK (on_bench_update_cb), self, 0);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_bench_after_paint_cb), self, 0);
  trail_presenter_set_presenting (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* ---- GObject ------------------------------------------------------------- */

static void
on_window_destroy_cb (TrailPresenter *self)
{
  trail_timer_stop (self->timer);
  if (self->console != NULL)
    gtk_window_destroy (GTK_WINDOW (self->console));
}

static void
trail_presenter_dispose (GObject *object)
{
  TrailPresenter *self = TRAIL_PRESENTER (object);

  follow_document (self, NULL);
  if (self->console != NULL)
    gtk_window_destroy (GTK_WINDOW (self->console));
  g_clear_weak_pointer (&self->console);
  g_clear_weak_pointer (&self->window);
  g_clear_weak_pointer (&self->map_view);
  g_clear_weak_pointer (&self->header_bar);
  g_clear_weak_pointer (&self->overlay);
  g_clear_weak_pointer (&self->timer_button);
  g_clear_object (&self->pan);
  g_clear_object (&self->spotlight_card);
  g_clear_object (&self->votes_widget);
  g_clear_object (&self->session_widget);
  if (self->timer != NULL)
    g_signal_handlers_disconnect_by_data (self->timer, self);
  g_clear_object (&self->timer);
  g_clear_pointer (&self->debug_path, g_free);
  g_clear_handle_id (&self->debug_tick, g_source_remove);
  g_clear_handle_id (&self->bench_start_id, g_source_remove);
  g_clear_pointer (&self->bench_path, g_free);
  g_clear_pointer (&self->bench_times, g_array_unref);

  G_OBJECT_CLASS (trail_presenter_parent_class)->dispose (object);
}

static void
trail_presenter_class_init (TrailPresenterClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = trail_presenter_dispose;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

/* TRAILMAP_DEBUG_TIMER_SPEED=N runs the timer N times faster, so a UI test
 * sees a minute run out in a second (like TRAILMAP_DEBUG_GEOMETRY, an aid
 * for tests, not a feature). */
static double debug_timer_speed;

static gint64
debug_timer_clock (gpointer user_data)
{
  return (gint64) (g_get_monotonic_time () * debug_timer_speed);
}

static gboolean
debug_timer_tick_cb (gpointer data)
{
  trail_timer_update (data);
  return G_SOURCE_CONTINUE;
}

static void
trail_presenter_init (TrailPresenter *self)
{
  const char *speed = g_getenv ("TRAILMAP_DEBUG_TIMER_SPEED");

  self->show_timer = TRUE;
  self->last_timer = 5 * 60;
  if (speed != NULL && (debug_timer_speed = g_ascii_strtod (speed, NULL)) >= 1)
    {
      self->timer = trail_timer_new_with_clock (debug_timer_clock, NULL);
      self->debug_tick = g_timeout_add (20, debug_timer_tick_cb, self->timer);
    }
  else
    self->timer = trail_timer_new ();
  g_signal_connect_swapped (self->timer, "notify", G_CALLBACK (on_timer_notify_cb), self);
  g_signal_connect_swapped (self->timer, "finished", G_CALLBACK (on_timer_finished_cb), self);
}

/* ---- Public API ---------------------------------------------------------- */

TrailPresenter *
trail_presenter_new (GtkWindow    *window,
                     TrailMapView *map_view,
                     GtkWidget    *header_bar)
{
  TrailPresenter *self = g_object_new (TRAIL_TYPE_PRESENTER, NULL);
  GtkEventController *keys;
  GtkWidget *overlay;
  const char *debug = g_getenv ("TRAILMAP_DEBUG_PRESENT");
  const char *bench;

  g_set_weak_pointer (&self->window, window);
  g_set_weak_pointer (&self->map_view, map_view);
  g_set_weak_pointer (&self->header_bar, header_bar);
  if (debug != NULL && debug[0] != '\0')
    self->debug_path = g_strdup (debug);

  overlay = trail_present_overlay_new (trail_map_view_get_canvas (map_view));
  g_set_weak_pointer (&self->overlay, TRAIL_PRESENT_OVERLAY (overlay));
  trail_present_overlay_set_timer (self->overlay, self->timer);
  trail_map_view_add_overlay (map_view, overlay);

  self->pan = adw_timed_animation_new (GTK_WIDGET (map_view), 0, 1, 450,
                                       adw_callback_animation_target_new (pan_cb, self, NULL));
  adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->pan), ADW_EASE_OUT_CUBIC);

  /* Before the canvas's own keys: Right moves a stage, not a cell. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_window_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (window), keys);
  g_signal_connect_object (window, "destroy", G_CALLBACK (on_window_destroy_cb), self, G_CONNECT_SWAPPED);

  g_object_set_data_full (G_OBJECT (window), PRESENTER_KEY, self, g_object_unref);

  bench = g_getenv ("TRAILMAP_BENCH_PRESENT");
  if (bench != NULL && bench[0] != '\0')
    {
      self->bench_path = g_strdup (bench);
      self->bench_times = g_array_new (FALSE, FALSE, sizeof (double));
      self->bench_direction = 1;
      self->bench_start_id = g_timeout_add (50, bench_start_cb, self);
    }
  return self;
}

TrailPresenter *
trail_presenter_from_window (GtkWidget *window)
{
  return g_object_get_data (G_OBJECT (window), PRESENTER_KEY);
}

gboolean
trail_presenter_get_presenting (TrailPresenter *self)
{
  g_return_val_if_fail (TRAIL_IS_PRESENTER (self), FALSE);
  return self->presenting;
}

void
trail_presenter_set_presenting (TrailPresenter *self,
                                gboolean        presenting)
{
  TrailCanvas *canvas;

  g_return_if_fail (TRAIL_IS_PRESENTER (self));

  presenting = !!presenting;
  if (presenting == self->presenting || self->window == NULL || self->map_view == NULL)
    return;
  canvas = get_canvas (self);
  /* Nothing to present on the start page. */
  if (presenting && (canvas == NULL || trail_canvas_get_layout (canvas) == NULL))
    return;

  if (presenting)
    start_presenting (self);
  else
    stop_presenting (self);
  emit_changed (self);
}

TrailDocument *
trail_presenter_get_document (TrailPresenter *self)
{
  TrailCanvas *canvas = get_canvas (self);

  return canvas != NULL ? trail_canvas_get_document (canvas) : NULL;
}

int
trail_presenter_get_stage_index (TrailPresenter *self)
{
  g_return_val_if_fail (TRAIL_IS_PRESENTER (self), 0);
  return self->stage_index;
}

guint
trail_presenter_get_n_stages (TrailPresenter *self)
{
  GPtrArray *stages = get_stage_items (self);

  return stages != NULL ? stages->len : 0;
}

TrailStage *
trail_presenter_get_stage (TrailPresenter *self,
                           int             index)
{
  GPtrArray *stages = get_stage_items (self);

  if (stages == NULL || index < 0 || index >= (int) stages->len)
    return NULL;
  return ((TrailLayoutItem *) stages->pdata[index])->object;
}

void
trail_presenter_move (TrailPresenter *self,
                      int             delta)
{
  int n = trail_presenter_get_n_stages (self);
  int index;

  g_return_if_fail (TRAIL_IS_PRESENTER (self));

  if (n == 0)
    return;
  index = CLAMP (self->stage_index + delta, 0, n - 1);
  if (index == self->stage_index)
    return;
  self->stage_index = index;
  g_clear_object (&self->spotlight_card);
  if (self->presenting)
    {
      /* Moving from the overview goes back to presenting at that stage. */
      if (self->overview)
        trail_presenter_toggle_overview (self);
      else
        scroll_to_stage (self, TRUE);
      move_keyboard (self);
    }
  emit_changed (self);
}

gboolean
trail_presenter_get_overview (TrailPresenter *self)
{
  g_return_val_if_fail (TRAIL_IS_PRESENTER (self), FALSE);
  return self->overview;
}

void
trail_presenter_toggle_overview (TrailPresenter *self)
{
  g_return_if_fail (TRAIL_IS_PRESENTER (self));

  if (!self->presenting)
    return;
  self->overview = !self->overview;
  g_clear_object (&self->spotlight_card);
  lay_out (self);
  emit_changed (self);
}

gboolean
trail_presenter_get_reveal (TrailPresenter *self)
{
  g_return_val_if_fail (TRAIL_IS_PRESENTER (self), FALSE);
  return self->reveal;
}

void
trail_presenter_set_reveal (TrailPresenter *self,
                            gboolean        reveal)
{
  g_return_if_fail (TRAIL_IS_PRESENTER (self));

  if (self->reveal == !!reveal)
    return;
  self->reveal = !!reveal;
  emit_changed (self);
}

gboolean
trail_presenter_get_spotlight (TrailPresenter *self)
{
  g_return_val_if_fail (TRAIL_IS_PRESENTER (self), FALSE);
  return self->spotlight;
}

void
trail_presenter_set_spotlight (TrailPresenter *self,
                               gboolean        spotlight)
{
  g_return_if_fail (TRAIL_IS_PRESENTER (self));

  if (self->spotlight == !!spotlight)
    return;
  self->spotlight = !!spotlight;
  if (!spotlight)
    g_clear_object (&self->spotlight_card);
  emit_changed (self);
}

gboolean
trail_presenter_get_show_timer (TrailPresenter *self)
{
  g_return_val_if_fail (TRAIL_IS_PRESENTER (self), FALSE);
  return self->show_timer;
}

void
trail_presenter_set_show_timer (TrailPresenter *self,
                                gboolean        show)
{
  g_return_if_fail (TRAIL_IS_PRESENTER (self));

  if (self->show_timer == !!show)
    return;
  self->show_timer = !!show;
  if (self->overlay != NULL)
    trail_present_overlay_set_show_timer (self->overlay, self->show_timer);
  emit_changed (self);
}

TrailTimer *
trail_presenter_get_timer (TrailPresenter *self)
{
  g_return_val_if_fail (TRAIL_IS_PRESENTER (self), NULL);
  return self->timer;
}

void
trail_presenter_start_timer (TrailPresenter *self,
                             guint           seconds)
{
  g_return_if_fail (TRAIL_IS_PRESENTER (self));

  if (seconds == 0)
    return;
  self->last_timer = seconds;
  trail_timer_start (self->timer, seconds);
}

void
trail_presenter_show_console (TrailPresenter *self)
{
  g_return_if_fail (TRAIL_IS_PRESENTER (self));

  if (self->console == NULL)
    {
      GtkWidget *console = trail_present_console_new (self);

      g_set_weak_pointer (&self->console, console);
      if (self->votes_widget != NULL)
        trail_present_console_set_votes_widget (TRAIL_PRESENT_CONSOLE (console), self->votes_widget);
      if (self->session_widget != NULL)
        trail_present_console_set_session_widget (TRAIL_PRESENT_CONSOLE (console), self->session_widget);
      if (self->window != NULL)
        gtk_window_set_application (GTK_WINDOW (console), gtk_window_get_application (self->window));
    }
  gtk_window_present (GTK_WINDOW (self->console));
  write_debug (self);
}

GtkWindow *
trail_presenter_get_console (TrailPresenter *self)
{
  g_return_val_if_fail (TRAIL_IS_PRESENTER (self), NULL);
  return self->console != NULL ? GTK_WINDOW (self->console) : NULL;
}

void
trail_presenter_set_votes_widget (TrailPresenter *self,
                                  GtkWidget      *widget)
{
  g_return_if_fail (TRAIL_IS_PRESENTER (self));
  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));

  if (widget == self->votes_widget)
    return;
  /* Ours, not the console's: the console comes and goes. */
  if (widget != NULL)
    g_object_ref_sink (widget);
  if (self->console != NULL)
    trail_present_console_set_votes_widget (TRAIL_PRESENT_CONSOLE (self->console), widget);
  g_clear_object (&self->votes_widget);
  self->votes_widget = widget;
}

void
trail_presenter_set_session_widget (TrailPresenter *self,
                                    GtkWidget      *widget)
{
  g_return_if_fail (TRAIL_IS_PRESENTER (self));
  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));

  if (widget == self->session_widget)
    return;
  if (widget != NULL)
    g_object_ref_sink (widget);
  if (self->console != NULL)
    trail_present_console_set_session_widget (TRAIL_PRESENT_CONSOLE (self->console), widget);
  g_clear_object (&self->session_widget);
  self->session_widget = widget;
}
