/* trail-present-overlay.c — what a presented map shows over the canvas
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-present-overlay"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-painter.h"
#include "trail-present-overlay.h"

struct _TrailPresentOverlay
{
  GtkWidget          parent_instance;

  TrailCanvas       *canvas;           /* weak: the canvas outlives us in the map view */
  TrailTimer        *timer;
  gboolean           presenting;
  int                stage_index;
  gboolean           reveal;
  gboolean           spotlight;
  TrailCard         *spotlight_card;
  gboolean           show_timer;

  GtkWidget         *timer_label;
  GtkWidget         *card_box;
  GtkWidget         *card_title;
  GtkWidget         *card_text;
  GtkWidget         *card_details;
  GtkWidget         *card_meta;

  AdwAnimation      *flash;
  double             flash_value;

  /* The sticky headers in map coordinates, drawn once and moved each
   * frame: a pan redraws them every frame, and laying out their text is
   * the costly part. Dropped on any change of state, document or style. */
  GskRenderNode     *stages_node;
  GskRenderNode     *lanes_node;
  gpointer           cached_layout;
  gconstpointer      cached_style;
};

G_DEFINE_FINAL_TYPE (TrailPresentOverlay, trail_present_overlay, GTK_TYPE_WIDGET)

/* ---- Geometry ------------------------------------------------------------ */

/* The canvas's origin in our coordinates: we cover the scrolled window,
 * the canvas is its child. */
static void
get_canvas_offset (TrailPresentOverlay *self,
                   double              *dx,
                   double              *dy)
{
  graphene_point_t origin;

  *dx = *dy = 0;
  if (self->canvas != NULL &&
      gtk_widget_compute_point (GTK_WIDGET (self->canvas), GTK_WIDGET (self), &GRAPHENE_POINT_INIT (0, 0), &origin))
    {
      *dx = origin.x;
      *dy = origin.y;
    }
}

static void
push_map_transform (TrailPresentOverlay *self,
                    GtkSnapshot         *snapshot,
                    double               shift_x,
                    double               shift_y)
{
  double dx, dy, ox, oy;
  double zoom = trail_canvas_get_zoom (self->canvas);

  get_canvas_offset (self, &dx, &dy);
  trail_canvas_map_to_widget (self->canvas, 0, 0, &ox, &oy);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (dx + ox + shift_x, dy + oy + shift_y));
  gtk_snapshot_scale (snapshot, zoom, zoom);
}

/* A map rectangle in our coordinates. */
static graphene_rect_t
to_widget (TrailPresentOverlay   *self,
           const graphene_rect_t *r)
{
  double dx, dy, x0, y0, x1, y1;

  get_canvas_offset (self, &dx, &dy);
  trail_canvas_map_to_widget (self->canvas, r->origin.x, r->origin.y, &x0, &y0);
  trail_canvas_map_to_widget (self->canvas, r->origin.x + r->size.width, r->origin.y + r->size.height, &x1, &y1);
  return GRAPHENE_RECT_INIT (x0 + dx, y0 + dy, x1 - x0, y1 - y0);
}

/* ---- Drawing ------------------------------------------------------------- */

static void
snapshot_covers (TrailPresentOverlay *self,
                 GtkSnapshot         *snapshot,
                 TrailLayout         *layout,
                 const TrailStyle    *style,
                 GPtrArray           *stages)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  const TrailLayoutItem *current;
  graphene_rect_t column;
  GdkRGBA dim = style->page;

  if (stages->len == 0)
    return;
  current = stages->pdata[CLAMP (self->stage_index, 0, (int) stages->len - 1)];
  column = to_widget (self, &current->bounds);

  /* Reveal: what comes after the current stage is not there yet. */
  if (self->reveal && column.origin.x + column.size.width < width)
    gtk_snapshot_append_color (snapshot, &style->page,
                               &GRAPHENE_RECT_INIT (column.origin.x + column.size.width, 0,
                                                    width - (column.origin.x + column.size.width), height));

  if (self->spotlight_card != NULL)
    {
      dim.alpha = 0.85f;
      gtk_snapshot_append_color (snapshot, &dim, &GRAPHENE_RECT_INIT (0, 0, width, height));
    }
  else if (self->spotlight)
    {
      dim.alpha = 0.8f;
      if (column.origin.x > 0)
        gtk_snapshot_append_color (snapshot, &dim, &GRAPHENE_RECT_INIT (0, 0, column.origin.x, height));
      if (!self->reveal && column.origin.x + column.size.width < width)
        gtk_snapshot_append_color (snapshot, &dim,
                                   &GRAPHENE_RECT_INIT (column.origin.x + column.size.width, 0,
                                                        width - (column.origin.x + column.size.width), height));
    }
}

static void
drop_cache (TrailPresentOverlay *self)
{
  g_clear_pointer (&self->stages_node, gsk_render_node_unref);
  g_clear_pointer (&self->lanes_node, gsk_render_node_unref);
  self->cached_layout = NULL;
  self->cached_style = NULL;
}

static GskRenderNode *
draw_items (TrailLayout *layout,
            GPtrArray   *items,
            int          last)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  GskRenderNode *node;

  for (int i = 0; i <= last && i < (int) items->len; i++)
    trail_painter_draw_item (snapshot, layout, items->pdata[i], TRAIL_PAINT_STATE_NORMAL);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  return node != NULL ? node : gsk_container_node_new (NULL, 0);
}

/* Stage headers stay at the top and lane titles at the left while the map
 * moves under them, so the room always knows where a card belongs. */
static void
snapshot_sticky (TrailPresentOverlay *self,
                 GtkSnapshot         *snapshot,
                 TrailLayout         *layout,
                 const TrailStyle    *style,
                 GPtrArray           *stages)
{
  GPtrArray *lanes = trail_layout_get_lanes (layout);
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  graphene_rect_t first_stage, first_lane = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  double shift_y = 0, shift_x = 0;
  int last_shown = self->reveal ? self->stage_index : (int) stages->len - 1;

  if (stages->len == 0)
    return;

  if (self->cached_layout != layout || self->cached_style != trail_layout_get_style (layout))
    {
      drop_cache (self);
      self->cached_layout = layout;
      self->cached_style = trail_layout_get_style (layout);
    }

  first_stage = to_widget (self, &((TrailLayoutItem *) stages->pdata[0])->bounds);
  if (first_stage.origin.y < 0)
    shift_y = -first_stage.origin.y;
  if (lanes->len > 0)
    {
      first_lane = to_widget (self, &((TrailLayoutItem *) lanes->pdata[0])->bounds);
      if (first_lane.origin.x < 0)
        shift_x = -first_lane.origin.x;
    }

  if (shift_y > 0)
    {
      gtk_snapshot_append_color (snapshot, &style->page,
                                 &GRAPHENE_RECT_INIT (0, 0, width, first_stage.size.height + 2));
      if (self->stages_node == NULL)
        self->stages_node = draw_items (layout, stages, last_shown);
      push_map_transform (self, snapshot, 0, shift_y);
      gtk_snapshot_append_node (snapshot, self->stages_node);
      gtk_snapshot_restore (snapshot);
    }

  if (shift_x > 0 && lanes->len > 0)
    {
      gtk_snapshot_append_color (snapshot, &style->page,
                                 &GRAPHENE_RECT_INIT (0, 0, first_lane.size.width + 2, height));
      if (self->lanes_node == NULL)
        self->lanes_node = draw_items (layout, lanes, (int) lanes->len - 1);
      push_map_transform (self, snapshot, shift_x, 0);
      gtk_snapshot_append_node (snapshot, self->lanes_node);
      gtk_snapshot_restore (snapshot);
      /* Where both stick, the corner is empty page above the lane titles. */
      if (shift_y > 0)
        gtk_snapshot_append_color (snapshot, &style->page,
                                   &GRAPHENE_RECT_INIT (0, 0, first_lane.size.width + 2,
                                                        first_stage.size.height + 2));
    }
}

static void
snapshot_flash (TrailPresentOverlay *self,
                GtkSnapshot         *snapshot)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  GdkRGBA color = { 0.88f, 0.11f, 0.14f, 0 };
  float edge = 24;
  GskRoundedRect outline;
  GdkRGBA colors[4];

  if (self->flash_value <= 0)
    return;
  color.alpha = self->flash_value;
  for (guint i = 0; i < 4; i++)
    colors[i] = color;
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (0, 0, width, height), 0);
  gtk_snapshot_append_border (snapshot, &outline, (float[]) { edge, edge, edge, edge }, colors);
}

static void
trail_present_overlay_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  TrailPresentOverlay *self = TRAIL_PRESENT_OVERLAY (widget);
  TrailLayout *layout;

  if (self->presenting && self->canvas != NULL &&
      (layout = trail_canvas_get_layout (self->canvas)) != NULL)
    {
      const TrailStyle *style = trail_layout_get_style (layout);
      GPtrArray *stages = trail_layout_get_stages (layout);

      snapshot_covers (self, snapshot, layout, style, stages);
      if (self->spotlight_card == NULL)
        snapshot_sticky (self, snapshot, layout, style, stages);
    }

  snapshot_flash (self, snapshot);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_snapshot_child (widget, child, snapshot);
}

/* ---- Children ------------------------------------------------------------ */

static void
trail_present_overlay_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  *minimum = *natural = 0;
}

static void
trail_present_overlay_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  TrailPresentOverlay *self = TRAIL_PRESENT_OVERLAY (widget);
  int w, h, margin = MAX (12, height / 40);

  if (gtk_widget_should_layout (self->timer_label))
    {
      gtk_widget_measure (self->timer_label, GTK_ORIENTATION_HORIZONTAL, -1, &w, NULL, NULL, NULL);
      gtk_widget_measure (self->timer_label, GTK_ORIENTATION_VERTICAL, w, &h, NULL, NULL, NULL);
      gtk_widget_size_allocate (self->timer_label,
                                &(GtkAllocation) { MAX (0, width - w - margin), MAX (0, height - h - margin), w, h }, -1);
    }

  if (gtk_widget_should_layout (self->card_box))
    {
      int cw = MIN (width - 2 * margin, MAX (width * 2 / 3, 480));

      gtk_widget_measure (self->card_box, GTK_ORIENTATION_VERTICAL, cw, &h, NULL, NULL, NULL);
      h = MIN (h, height - 2 * margin);
      gtk_widget_size_allocate (self->card_box,
                                &(GtkAllocation) { (width - cw) / 2, (height - h) / 2, cw, h }, -1);
    }
}

static void
update_timer_label (TrailPresentOverlay *self)
{
  g_autofree char *text = NULL;
  TrailTimerState state;

  if (self->timer == NULL)
    {
      gtk_widget_set_visible (self->timer_label, FALSE);
      return;
    }

  state = trail_timer_get_state (self->timer);
  text = trail_timer_format_seconds (trail_timer_get_remaining (self->timer));
  gtk_label_set_label (GTK_LABEL (self->timer_label), text);
  gtk_widget_set_visible (self->timer_label,
                          self->presenting && self->show_timer && state != TRAIL_TIMER_STOPPED);
  if (trail_timer_get_last_minute (self->timer))
    gtk_widget_add_css_class (self->timer_label, "last-minute");
  else
    gtk_widget_remove_css_class (self->timer_label, "last-minute");
  if (state == TRAIL_TIMER_FINISHED)
    gtk_widget_add_css_class (self->timer_label, "finished");
  else
    gtk_widget_remove_css_class (self->timer_label, "finished");
  if (state == TRAIL_TIMER_PAUSED)
    gtk_widget_add_css_class (self->timer_label, "paused");
  else
    gtk_widget_remove_css_class (self->timer_label, "paused");
}

static void
update_card (TrailPresentOverlay *self)
{
  TrailCard *card = self->spotlight_card;
  TrailDocument *document = self->canvas != NULL ? trail_canvas_get_document (self->canvas) : NULL;
  g_autoptr(GString) meta = g_string_new (NULL);
  TrailStage *stage;
  TrailLane *lane;
  const char *details;

  gtk_widget_set_visible (self->card_box, self->presenting && card != NULL && document != NULL);
  if (card == NULL || document == NULL)
    return;

  stage = trail_document_find_stage (document, trail_card_get_stage_id (card));
  lane = trail_document_find_lane (document, trail_card_get_lane_id (card));
  gtk_label_set_label (GTK_LABEL (self->card_title),
                       lane != NULL ? trail_lane_get_title (lane) : "");
  gtk_label_set_label (GTK_LABEL (self->card_text), trail_card_get_text (card));
  details = trail_card_get_details (card);
  gtk_label_set_label (GTK_LABEL (self->card_details), details != NULL ? details : "");
  gtk_widget_set_visible (self->card_details, details != NULL && details[0] != '\0');

  if (stage != NULL)
    g_string_append (meta, trail_stage_get_name (stage));
  if (trail_card_get_channel (card) != TRAIL_CHANNEL_NONE)
    g_string_append_printf (meta, "%s%s", meta->len > 0 ? " · " : "",
                            trail_channel_get_label (trail_card_get_channel (card)));
  if (trail_card_get_votes (card) > 0)
    {
      guint votes = trail_card_get_votes (card);

      if (meta->len > 0)
        g_string_append (meta, " · ");
      g_string_append_printf (meta, g_dngettext (GETTEXT_PACKAGE, "%u vote", "%u votes", votes), votes);
    }
  gtk_label_set_label (GTK_LABEL (self->card_meta), meta->str);
}

static void
on_view_changed_cb (TrailPresentOverlay *self)
{
  if (self->presenting)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
flash_cb (double   value,
          gpointer data)
{
  TrailPresentOverlay *self = data;

  self->flash_value = value;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- GObject ------------------------------------------------------------- */

static void
trail_present_overlay_dispose (GObject *object)
{
  TrailPresentOverlay *self = TRAIL_PRESENT_OVERLAY (object);
  GtkWidget *child;

  g_clear_object (&self->flash);
  drop_cache (self);
  if (self->timer != NULL)
    g_signal_handlers_disconnect_by_data (self->timer, self);
  g_clear_object (&self->timer);
  g_clear_weak_pointer (&self->canvas);
  g_clear_object (&self->spotlight_card);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (trail_present_overlay_parent_class)->dispose (object);
}

static void
trail_present_overlay_class_init (TrailPresentOverlayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trail_present_overlay_dispose;
  widget_class->snapshot = trail_present_overlay_snapshot;
  widget_class->measure = trail_present_overlay_measure;
  widget_class->size_allocate = trail_present_overlay_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "trail-present-overlay");
}

static GtkWidget *
add_label (GtkWidget  *box,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static void
trail_present_overlay_init (TrailPresentOverlay *self)
{
  self->show_timer = TRUE;
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (self), FALSE);

  self->timer_label = gtk_label_new ("0:00");
  gtk_widget_add_css_class (self->timer_label, "trail-present-timer");
  gtk_widget_add_css_class (self->timer_label, "numeric");
  gtk_widget_set_visible (self->timer_label, FALSE);
  gtk_widget_set_parent (self->timer_label, GTK_WIDGET (self));

  self->card_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (self->card_box, "trail-present-card");
  gtk_widget_add_css_class (self->card_box, "card");
  self->card_title = add_label (self->card_box, "trail-present-card-lane");
  self->card_text = add_label (self->card_box, "trail-present-card-text");
  self->card_details = add_label (self->card_box, "trail-present-card-details");
  self->card_meta = add_label (self->card_box, "trail-present-card-meta");
  gtk_widget_set_visible (self->card_box, FALSE);
  gtk_widget_set_parent (self->card_box, GTK_WIDGET (self));
}

GtkWidget *
trail_present_overlay_new (TrailCanvas *canvas)
{
  TrailPresentOverlay *self = g_object_new (TRAIL_TYPE_PRESENT_OVERLAY, NULL);
  GtkScrollable *scrollable = GTK_SCROLLABLE (canvas);

  g_set_weak_pointer (&self->canvas, canvas);
  g_signal_connect_object (canvas, "notify::zoom", G_CALLBACK (on_view_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (canvas, "notify::hadjustment", G_CALLBACK (on_view_changed_cb), self, G_CONNECT_SWAPPED);
  if (gtk_scrollable_get_hadjustment (scrollable) != NULL)
    g_signal_connect_object (gtk_scrollable_get_hadjustment (scrollable), "value-changed",
                             G_CALLBACK (on_view_changed_cb), self, G_CONNECT_SWAPPED);
  if (gtk_scrollable_get_vadjustment (scrollable) != NULL)
    g_signal_connect_object (gtk_scrollable_get_vadjustment (scrollable), "value-changed",
                             G_CALLBACK (on_view_changed_cb), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

void
trail_present_overlay_set_state (TrailPresentOverlay *self,
                                 gboolean             presenting,
                                 int                  stage_index,
                                 gboolean             reveal,
                                 gboolean             spotlight,
                                 TrailCard           *spotlight_card)
{
  g_return_if_fail (TRAIL_IS_PRESENT_OVERLAY (self));

  self->presenting = presenting;
  self->stage_index = stage_index;
  self->reveal = reveal;
  self->spotlight = spotlight;
  g_set_object (&self->spotlight_card, spotlight_card);
  drop_cache (self);
  update_card (self);
  update_timer_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
trail_present_overlay_set_timer (TrailPresentOverlay *self,
                                 TrailTimer          *timer)
{
  g_return_if_fail (TRAIL_IS_PRESENT_OVERLAY (self));

  if (self->timer != NULL)
    g_signal_handlers_disconnect_by_data (self->timer, self);
  g_set_object (&self->timer, timer);
  if (timer != NULL)
    {
      g_signal_connect_swapped (timer, "notify", G_CALLBACK (update_timer_label), self);
    }
  update_timer_label (self);
}

void
trail_present_overlay_set_show_timer (TrailPresentOverlay *self,
                                      gboolean             show)
{
  g_return_if_fail (TRAIL_IS_PRESENT_OVERLAY (self));

  self->show_timer = show;
  update_timer_label (self);
}

void
trail_present_overlay_flash (TrailPresentOverlay *self)
{
  AdwAnimationTarget *target;

  g_return_if_fail (TRAIL_IS_PRESENT_OVERLAY (self));

  if (self->flash == NULL)
    {
      target = adw_callback_animation_target_new (flash_cb, self, NULL);
      /* Three pulses in two seconds: seen from the back, gone by itself. */
      self->flash = adw_timed_animation_new (GTK_WIDGET (self), 0, 0.9, 330, target);
      adw_timed_animation_set_repeat_count (ADW_TIMED_ANIMATION (self->flash), 6);
      adw_timed_animation_set_alternate (ADW_TIMED_ANIMATION (self->flash), TRUE);
      adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->flash), ADW_EASE_IN_OUT_CUBIC);
    }
  adw_animation_reset (self->flash);
  adw_animation_play (self->flash);
}
