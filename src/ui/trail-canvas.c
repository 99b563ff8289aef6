/* trail-canvas.c — the journey map editor's drawing surface
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canvas draws the map with the same layout and painters as the
 * exporters. Lanes, headers and emotion lines are painted in its own
 * snapshot, from render nodes cached per tile of the map and dropped only
 * where a document change damaged them; cards are small child widgets
 * (focus, tooltips, screen readers), created only near the viewport and
 * recycled. Pointer handling lives in trail-canvas-dnd.c, keys in
 * trail-canvas-keyboard.c, inline editing in trail-canvas-editor.c. What is
 * selected is the map view's TrailSelection, which the canvas follows; the
 * editing actions are the map view's (trail-map-view-actions.c).
 */
#define G_LOG_DOMAIN "trail-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "trail-canvas-a11y.h"
#include "trail-canvas-private.h"
#include "trail-card-widget.h"

/* Space around the map, in screen pixels, so its edges can be scrolled
 * away from the window's edges. */
#define TRAIL_CANVAS_PAD 32.0
/* Screen pixels per cached tile of the background (lanes, headers, emotions). */
#define TRAIL_CANVAS_TILE 512
/* Below this zoom card text is too small to read or click: cards are
 * painted with the background tiles and get no widgets, so a whole
 * 2,000-card map in view costs no more widgets than a screenful. */
#define TRAIL_CANVAS_CARD_WIDGET_ZOOM 0.35
/* How far beyond the viewport card widgets are kept, in screen pixels. */
#define TRAIL_CANVAS_WIDGET_MARGIN 400.0
/* A map opens fitted to the window, but never smaller than this: card
 * text (16 px) stays about 10 px high, still readable. */
#define TRAIL_CANVAS_READABLE_ZOOM 0.6

enum {
  PROP_0,
  PROP_SELECTION,
  PROP_ZOOM,
  PROP_EDITING,
  N_PROPS,

  /* GtkScrollable */
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

#if TRAIL_HAVE_GTK_4_10
/* Re-implemented over GtkWidget's: the map's objects are our children. */
#define IMPLEMENT_ACCESSIBLE G_IMPLEMENT_INTERFACE (GTK_TYPE_ACCESSIBLE, _trail_canvas_a11y_init_iface)
#else
#define IMPLEMENT_ACCESSIBLE
#endif

G_DEFINE_FINAL_TYPE_WITH_CODE (TrailCanvas, trail_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL)
                               IMPLEMENT_ACCESSIBLE)

/* ---- Geometry ---------------------------------------------------------- */

static float
map_width (TrailCanvas *self)
{
  return self->layout != NULL ? trail_layout_get_width (self->layout) : 0;
}

static float
map_height (TrailCanvas *self)
{
  return self->layout != NULL ? trail_layout_get_height (self->layout) : 0;
}

static void
update_origin (TrailCanvas *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  double content_w = map_width (self) * self->zoom;

  /* A map narrower than the window sits in the middle; a taller one
   * starts at the top, like a page. */
  if (content_w + 2 * TRAIL_CANVAS_PAD <= width || self->hadjustment == NULL)
    self->ox = -floor ((width - content_w) / 2);
  else
    self->ox = round (gtk_adjustment_get_value (self->hadjustment)) - TRAIL_CANVAS_PAD;

  /* Whole pixels, so tile edges fall between device pixels: no seams. */
  self->oy = round (self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0) - TRAIL_CANVAS_PAD;
}

void
_trail_canvas_map_to_widget (TrailCanvas *self,
                            double       mx,
                            double       my,
                            double      *wx,
                            double      *wy)
{
  *wx = mx * self->zoom - self->ox;
  *wy = my * self->zoom - self->oy;
}

void
_trail_canvas_widget_to_map (TrailCanvas *self,
                            double       wx,
                            double       wy,
                            double      *mx,
                            double      *my)
{
  *mx = (wx + self->ox) / self->zoom;
  *my = (wy + self->oy) / self->zoom;
}

void
trail_canvas_map_to_widget (TrailCanvas *self,
                            double       mx,
                            double       my,
                            double      *wx,
                            double      *wy)
{
  g_return_if_fail (TRAIL_IS_CANVAS (self));
  _trail_canvas_map_to_widget (self, mx, my, wx, wy);
}

static void
get_visible_map_rect (TrailCanvas     *self,
                      double           margin,
                      graphene_rect_t *rect)
{
  double x0, y0, x1, y1;

  _trail_canvas_widget_to_map (self, -margin, -margin, &x0, &y0);
  _trail_canvas_widget_to_map (self,
                              gtk_widget_get_width (GTK_WIDGET (self)) + margin,
                              gtk_widget_get_height (GTK_WIDGET (self)) + margin,
                              &x1, &y1);
  *rect = GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0);
}

static void
configure_adjustments (TrailCanvas *self,
                       double       hvalue,
                       double       vvalue)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  /* Whole pixels, as measured: the scrolled window decides on its
   * scrollbars from our natural size, and changes its mind (a resize,
   * queued from inside our allocation) if the adjustments disagree. */
  double content_w = ceil (map_width (self) * self->zoom + 2 * TRAIL_CANVAS_PAD);
  double content_h = ceil (map_height (self) * self->zoom + 2 * TRAIL_CANVAS_PAD);

  if (self->hadjustment != NULL)
    gtk_adjustment_configure (self->hadjustment,
                              CLAMP (hvalue, 0, MAX (0, content_w - width)),
                              0, MAX (content_w, width),
                              width * 0.1, width * 0.9, width);
  if (self->vadjustment != NULL)
    gtk_adjustment_configure (self->vadjustment,
                              CLAMP (vvalue, 0, MAX (0, content_h - height)),
                              0, MAX (content_h, height),
                              height * 0.1, height * 0.9, height);
  update_origin (self);
}

/* After wheel or touchpad scrolling the scrolled window may still be
 * gliding (kinetic deceleration, held at an edge on GTK 4.8): its frame
 * callback sets its own position every frame, over any value set here,
 * and a card scrolled to by the keyboard jumped straight back out of view.
 * GTK has no call to stop the glide but turning kinetic scrolling off. */
static void
stop_kinetic_scrolling (TrailCanvas *self)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);

  if (scrolled == NULL || !gtk_scrolled_window_get_kinetic_scrolling (GTK_SCROLLED_WINDOW (scrolled)))
    return;

  gtk_scrolled_window_set_kinetic_scrolling (GTK_SCROLLED_WINDOW (scrolled), FALSE);
  gtk_scrolled_window_set_kinetic_scrolling (GTK_SCROLLED_WINDOW (scrolled), TRUE);
}

void
_trail_canvas_scroll_to_rect (TrailCanvas           *self,
                             const graphene_rect_t *rect)
{
  double x0, y0, x1, y1;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double h, v;
  const double margin = 24;

  if (self->hadjustment == NULL || self->vadjustment == NULL)
    return;

  _trail_canvas_map_to_widget (self, rect->origin.x, rect->origin.y, &x0, &y0);
  _trail_canvas_map_to_widget (self, rect->origin.x + rect->size.width,
                              rect->origin.y + rect->size.height, &x1, &y1);
  h = gtk_adjustment_get_value (self->hadjustment);
  v = gtk_adjustment_get_value (self->vadjustment);

  if (x0 < margin)
    h += x0 - margin;
  else if (x1 > width - margin)
    h += MIN (x1 - (width - margin), x0 - margin);
  if (y0 < margin)
    v += y0 - margin;
  else if (y1 > height - margin)
    v += MIN (y1 - (height - margin), y0 - margin);

  if (h == gtk_adjustment_get_value (self->hadjustment) && v == gtk_adjustment_get_value (self->vadjustment))
    return;

  stop_kinetic_scrolling (self);
  gtk_adjustment_set_value (self->hadjustment, h);
  gtk_adjustment_set_value (self->vadjustment, v);
}

/* ---- Tiles -------------------------------------------------------------- */

static inline gpointer
tile_key (int tx,
          int ty)
{
  return GUINT_TO_POINTER (((guint) tx << 16) | ((guint) ty & 0xffff));
}

/* Tiles are TRAIL_CANVAS_TILE screen pixels at the zoom they were drawn
 * for, so their edges are whole pixels and cached nodes are drawn 1:1. */
static double
tile_size (TrailCanvas *self)
{
  return TRAIL_CANVAS_TILE / self->zoom;
}

static void
invalidate_tiles (TrailCanvas           *self,
                  const graphene_rect_t *damage)
{
  double size = tile_size (self);
  int tx0, ty0, tx1, ty1;

  if (damage == NULL)
    {
      g_hash_table_remove_all (self->tiles);
      return;
    }
  if (damage->size.width <= 0 || damage->size.height <= 0)
    return;

  tx0 = MAX (0, (int) floor (damage->origin.x / size));
  ty0 = MAX (0, (int) floor (damage->origin.y / size));
  tx1 = (int) floor ((damage->origin.x + damage->size.width) / size);
  ty1 = (int) floor ((damage->origin.y + damage->size.height) / size);

  for (int tx = tx0; tx <= tx1; tx++)
    for (int ty = ty0; ty <= ty1; ty++)
      g_hash_table_remove (self->tiles, tile_key (tx, ty));
}

static GskRenderNode *
ensure_tile (TrailCanvas *self,
             int          tx,
             int          ty)
{
  GskRenderNode *node;
  graphene_rect_t rect;
  g_autoptr(GtkSnapshot) snapshot = NULL;

  node = g_hash_table_lookup (self->tiles, tile_key (tx, ty));
  if (node != NULL)
    return node;

  rect = GRAPHENE_RECT_INIT (tx * tile_size (self), ty * tile_size (self), tile_size (self), tile_size (self));
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_push_clip (snapshot, &rect);
  trail_painter_draw_map (snapshot, self->layout, &rect, self->cards_in_tiles ? 0 : TRAIL_PAINT_NO_CARDS);
  gtk_snapshot_pop (snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    node = gsk_container_node_new (NULL, 0);

  g_hash_table_insert (self->tiles, tile_key (tx, ty), node);
  return node;
}

/* ---- Card widgets ------------------------------------------------------- */

GtkWidget *
_trail_canvas_lookup_card_widget (TrailCanvas *self,
                                 TrailCard   *card)
{
  return g_hash_table_lookup (self->card_widgets, card);
}

GtkWidget *
_trail_canvas_ensure_card_widget (TrailCanvas *self,
                                 TrailCard   *card)
{
  GtkWidget *widget = g_hash_table_lookup (self->card_widgets, card);

  if (widget != NULL)
    return widget;

  if (self->spare_widgets->len > 0)
    widget = g_ptr_array_steal_index_fast (self->spare_widgets, self->spare_widgets->len - 1);
  else
    {
      widget = trail_card_widget_new ();
      gtk_widget_set_parent (widget, GTK_WIDGET (self));
    }

  trail_card_widget_set_card (TRAIL_CARD_WIDGET (widget), card);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN);
  trail_card_widget_set_placeholder (TRAIL_CARD_WIDGET (widget), _trail_canvas_is_dragging_card (self, card));
  gtk_widget_set_child_visible (widget, TRUE);
  g_hash_table_insert (self->card_widgets, card, widget);
  gtk_widget_queue_allocate (GTK_WIDGET (self));

  return widget;
}

static void
recycle_card_widget (TrailCanvas *self,
                     GtkWidget   *widget)
{
  trail_card_widget_set_card (TRAIL_CARD_WIDGET (widget), NULL);

  /* A few spares are cheap; hundreds after zooming out are not. */
  if (self->spare_widgets->len < 64)
    {
      /* A spare is out of sight, and out of the screen reader's reach (it
       * would read the card it last showed). */
      gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      gtk_widget_set_child_visible (widget, FALSE);
      g_ptr_array_add (self->spare_widgets, widget);
    }
  else
    gtk_widget_unparent (widget);
}

/* Keeps widgets for the cards near the viewport, and for the focused and
 * the edited card wherever they are. Never from the allocation: a widget
 * added, given a new card's text or shown there queues a new allocation
 * on every ancestor, which GTK has just allocated for this frame and then
 * paints unallocated (GTK warns). */
static void
sync_card_widgets (TrailCanvas *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) wanted = NULL;
  GHashTableIter iter;
  gpointer key, value;
  graphene_rect_t visible;
  GtkWidget *focus;

  if (self->layout == NULL)
    {
      g_hash_table_iter_init (&iter, self->card_widgets);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_hash_table_iter_steal (&iter);
          recycle_card_widget (self, value);
        }
      return;
    }

  get_visible_map_rect (self, TRAIL_CANVAS_WIDGET_MARGIN, &visible);
  if (self->cards_in_tiles)
    visible = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  self->synced_rect = visible;
  items = trail_layout_query (self->layout, &visible, TRAIL_LAYOUT_ITEM_CARD);
  wanted = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < items->len; i++)
    {
      const TrailLayoutItem *item = items->pdata[i];
      g_hash_table_add (wanted, item->object);
    }

  focus = gtk_widget_get_root (GTK_WIDGET (self)) != NULL
          ? gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self))) : NULL;

  g_hash_table_iter_init (&iter, self->card_widgets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      TrailCard *card = key;
      gboolean alive = trail_layout_find (self->layout, card) != NULL;

      if (alive && (g_hash_table_contains (wanted, card) || value == (gpointer) focus ||
                    _trail_canvas_is_editing_card (self, card)))
        continue;

      if (value == (gpointer) focus && gtk_widget_get_mapped (GTK_WIDGET (self)))
        gtk_widget_grab_focus (GTK_WIDGET (self));
      g_hash_table_iter_steal (&iter);
      recycle_card_widget (self, value);
    }

  for (guint i = 0; i < items->len; i++)
    {
      const TrailLayoutItem *item = items->pdata[i];
      _trail_canvas_ensure_card_widget (self, item->object);
    }

  _trail_canvas_a11y_sync_widgets (self);
}

static void apply_document_changes (TrailCanvas *self);

static gboolean
sync_card_widgets_tick_cb (GtkWidget     *widget,
                           GdkFrameClock *frame_clock,
                           gpointer       user_data)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);

  self->sync_tick = 0;
  if (self->changes_pending)
    apply_document_changes (self);
  else
    sync_card_widgets (self);
  gtk_widget_queue_allocate (widget);
  return G_SOURCE_REMOVE;
}

/* Before the layout phase of the next frame. */
static void
queue_sync_card_widgets (TrailCanvas *self)
{
  if (self->sync_tick == 0)
    self->sync_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), sync_card_widgets_tick_cb,
                                                    NULL, NULL);
}

static void
queue_draw_card_widgets (TrailCanvas *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->card_widgets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      gtk_widget_queue_draw (value);
      trail_card_widget_update_description (value);
    }
}

/* After changes that added, removed or edited cards: the cards of other
 * cells are as they were, those below a change only moved. */
static void
queue_draw_changed_card_widgets (TrailCanvas *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->card_widgets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      trail_card_widget_queue_draw_if_changed (value, trail_layout_find (self->layout, key));
      trail_card_widget_update_description (value);
    }
}

/* ---- Following the selection ------------------------------------------ */

static void
on_selection_changed_cb (TrailCanvas *self)
{
  /* Selected cards draw themselves selected; headers and points are drawn
   * selected by the canvas. */
  queue_draw_card_widgets (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  _trail_canvas_queue_geometry (self);
}

static void
on_cursor_changed_cb (TrailCanvas *self)
{
  TrailLane *lane = trail_selection_get_cursor_lane (self->selection);
  TrailStage *stage = trail_selection_get_cursor_stage (self->selection);

  gtk_widget_queue_draw (GTK_WIDGET (self));
  _trail_canvas_queue_geometry (self);
  if (lane != NULL && stage != NULL)
    {
      /* Translators: the keyboard is on an empty cell; %s are a stage and a lane */
      g_autofree char *label = g_strdup_printf (_("Cell %s, %s"), trail_stage_get_name (stage),
                                                trail_lane_get_title (lane));

      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, label,
                                      -1);
    }
}

void
_trail_canvas_focus_cell (TrailCanvas *self,
                          TrailLane   *lane,
                          TrailStage  *stage)
{
  const TrailLayoutItem *cell;

  trail_selection_clear (self->selection);
  trail_selection_set_cursor (self->selection, lane, stage);
  if (self->layout != NULL && (cell = trail_layout_get_cell (self->layout, lane, stage)) != NULL)
    _trail_canvas_scroll_to_rect (self, &cell->bounds);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_trail_canvas_show_toast (TrailCanvas *self,
                         AdwToast    *toast)
{
  trail_compat_show_toast (GTK_WIDGET (self), toast);
}

/* ---- Emotion geometry --------------------------------------------------- */

/* The render layout owns where points sit, so the canvas hits exactly what
 * it draws. */
gboolean
_trail_canvas_point_position (TrailCanvas           *self,
                             TrailEmotionPoint     *point,
                             const TrailLayoutItem *emotions,
                             graphene_point_t      *out)
{
  return trail_layout_emotion_point_at (self->layout, emotions, point, out);
}

gboolean
_trail_canvas_stage_at (TrailCanvas           *self,
                       double                 mx,
                       TrailStage           **stage,
                       double                *position)
{
  return trail_layout_emotion_stage_at (self->layout, mx, stage, position);
}

/* The line a click in @lane edits, added if the map has none yet: the
 * checked persona's wins over the lane's own, so a choice is never
 * ignored. Call inside an undo group. */
TrailEmotionLine *
_trail_canvas_line_for_lane (TrailCanvas *self,
                             TrailLane   *lane)
{
  const char *persona_id = NULL;
  TrailEmotionLine *line = trail_selection_get_active_line (self->selection, lane, &persona_id);

  if (line == NULL)
    line = trail_document_add_emotion_line (self->document, persona_id);

  return line;
}

/* ---- Document ----------------------------------------------------------- */

/* What a frame's worth of document changes leaves for the widgets: the
 * layout follows each change at once (every reader of it stays exact), but
 * the card widgets, their descriptions and the resize wait for the next
 * frame, once however many changes came (a hundred phones sending at once
 * are hundreds of changes a frame). */
static void
apply_document_changes (TrailCanvas *self)
{
  if (self->changes_redraw_cards)
    queue_draw_card_widgets (self);
  else if (self->changes_moved_cards)
    queue_draw_changed_card_widgets (self);
  if (self->changes_resized)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  self->changes_redraw_cards = FALSE;
  self->changes_moved_cards = FALSE;
  self->changes_resized = FALSE;
  self->changes_pending = FALSE;

  sync_card_widgets (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  _trail_canvas_queue_geometry (self);
}

static void
on_document_changed_cb (TrailCanvas      *self,
                        TrailChangeFlags  what,
                        GObject          *object,
                        TrailDocument    *document)
{
  graphene_rect_t damage;

  if (self->layout == NULL)
    return;

  if (trail_layout_update (self->layout, what, object, &damage))
    self->changes_resized = TRUE;
  invalidate_tiles (self, &damage);
  _trail_canvas_a11y_changed (self, what, object);

  if ((what & ~(TRAIL_CHANGE_CARD_TEXT | TRAIL_CHANGE_CARDS)) == 0 && TRAIL_IS_CARD (object))
    {
      GtkWidget *widget = g_hash_table_lookup (self->card_widgets, object);

      if (widget != NULL)
        {
          gtk_widget_queue_draw (widget);
          trail_card_widget_update_description (TRAIL_CARD_WIDGET (widget));
        }
      /* Cards below it in the cell moved, and may have changed size. */
      if (what & TRAIL_CHANGE_CARDS)
        self->changes_moved_cards = TRUE;
    }
  /* Neither the persona lines nor the crowd's ratings touch a card. */
  else if (what != TRAIL_CHANGE_EMOTIONS && what != TRAIL_CHANGE_RATINGS)
    self->changes_redraw_cards = TRUE;

  /* In the next frame's update phase, before its layout: every change
   * until then makes one pass over the widgets. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      apply_document_changes (self);
      return;
    }
  self->changes_pending = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  queue_sync_card_widgets (self);
}

static TrailStyleVariant
get_style_variant (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  if (adw_style_manager_get_high_contrast (manager))
    return TRAIL_STYLE_HIGH_CONTRAST;
  if (adw_style_manager_get_dark (manager))
    return TRAIL_STYLE_DARK;
  return TRAIL_STYLE_LIGHT;
}

static void
on_style_changed_cb (TrailCanvas *self)
{
  TrailStyleVariant variant = get_style_variant ();

  if (self->style != NULL && self->style->variant == variant)
    return;

  g_clear_pointer (&self->style, trail_style_unref);
  self->style = trail_style_new (variant);
  if (self->layout != NULL)
    trail_layout_set_style (self->layout, self->style);
  invalidate_tiles (self, NULL);
  queue_draw_card_widgets (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* ---- Zoom --------------------------------------------------------------- */

static void
zoom_at (TrailCanvas *self,
                      double       zoom,
                      double       wx,
                      double       wy)
{
  double mx, my;
  double h, v;

  zoom = CLAMP (zoom, TRAIL_CANVAS_MIN_ZOOM, TRAIL_CANVAS_MAX_ZOOM);
  if (fabs (zoom - self->zoom) < 1e-6)
    return;

  _trail_canvas_widget_to_map (self, wx, wy, &mx, &my);
  self->zoom = zoom;
  self->cards_in_tiles = zoom < TRAIL_CANVAS_CARD_WIDGET_ZOOM;

  /* Keep the map point under (wx, wy) where it was. */
  h = mx * zoom + TRAIL_CANVAS_PAD - wx;
  v = my * zoom + TRAIL_CANVAS_PAD - wy;
  self->in_allocate = TRUE;
  configure_adjustments (self, h, v);
  self->in_allocate = FALSE;
  sync_card_widgets (self);

  if (self->editor != NULL)
    _trail_canvas_allocate_editor (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  _trail_canvas_queue_geometry (self);
}

/* ---- Event controllers that are not drags ------------------------------ */

static gboolean
on_scroll_cb (TrailCanvas              *self,
              double                    dx,
              double                    dy,
              GtkEventControllerScroll *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double factor;

  /* Plain scrolling pans: the scrolled window does that. */
  if (!(state & GDK_CONTROL_MASK))
    return FALSE;

  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    factor = pow (1.15, -dy);
  else
    factor = exp (-dy * 0.01);

  zoom_at (self, self->zoom * factor, self->pointer_x, self->pointer_y);
  return TRUE;
}

static void
on_motion_cb (TrailCanvas *self,
              double       x,
              double       y)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static void
on_zoom_begin_cb (TrailCanvas *self,
                  GdkEventSequence *sequence,
                  GtkGesture  *gesture)
{
  self->zoom_gesture_start = self->zoom;
}

static void
on_zoom_scale_changed_cb (TrailCanvas    *self,
                          double          scale,
                          GtkGestureZoom *gesture)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  zoom_at (self, self->zoom_gesture_start * scale, x, y);
}

static void
on_adjustment_value_changed_cb (TrailCanvas *self)
{
  update_origin (self);
  if (!self->in_allocate)
    {
      /* The scrolled window may change the value in its own allocation:
       * the card widgets come and go before the next layout instead. */
      queue_sync_card_widgets (self);
      gtk_widget_queue_allocate (GTK_WIDGET (self));
      _trail_canvas_queue_geometry (self);
    }
}

static void
set_adjustment (TrailCanvas    *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (*slot == adjustment && adjustment != NULL)
    return;

  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, on_adjustment_value_changed_cb, self);
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  g_set_object (slot, g_object_ref_sink (adjustment));
  g_object_unref (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed",
                            G_CALLBACK (on_adjustment_value_changed_cb), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* ---- GtkWidget ---------------------------------------------------------- */

static void
trail_canvas_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);
  GHashTableIter iter;
  gpointer value;
  float size = orientation == GTK_ORIENTATION_HORIZONTAL ? map_width (self) : map_height (self);

  /* Children are placed freely; measuring them keeps GTK content. */
  g_hash_table_iter_init (&iter, self->card_widgets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    gtk_widget_measure (value, orientation, -1, NULL, NULL, NULL, NULL);
  for (guint i = 0; i < self->spare_widgets->len; i++)
    gtk_widget_measure (self->spare_widgets->pdata[i], orientation, -1, NULL, NULL, NULL, NULL);

  *minimum = 0;
  *natural = ceil (size * self->zoom + 2 * TRAIL_CANVAS_PAD);
}

static void
allocate_card (TrailCanvas *self,
               GtkWidget   *widget,
               TrailCard   *card)
{
  const TrailLayoutItem *item = trail_layout_find (self->layout, card);
  GskTransform *transform = NULL;
  double wx, wy;

  if (item == NULL)
    {
      gtk_widget_set_child_visible (widget, FALSE);
      return;
    }
  gtk_widget_set_child_visible (widget, TRUE);

  _trail_canvas_map_to_widget (self, item->bounds.origin.x, item->bounds.origin.y, &wx, &wy);
  /* Whole pixels at 100 % keep text crisp. */
  transform = gsk_transform_translate (transform, &GRAPHENE_POINT_INIT (round (wx), round (wy)));
  transform = gsk_transform_scale (transform, self->zoom, self->zoom);
  gtk_widget_allocate (widget, ceilf (item->bounds.size.width), ceilf (item->bounds.size.height),
                       -1, transform);
}

static gboolean
notify_zoom_idle_cb (gpointer data)
{
  TrailCanvas *self = data;

  self->zoom_notify_idle = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  return G_SOURCE_REMOVE;
}

/* A map opens fitted to the window when it is larger, but never below a
 * readable zoom: then at that zoom, at the start of the journey. Done in
 * the first allocation, so the first frame shows it. */
static void
fit_new_map (TrailCanvas *self,
             int          width,
             int          height)
{
  double zoom;

  self->fit_pending = FALSE;
  if (map_width (self) <= 0 || map_height (self) <= 0)
    return;

  zoom = MIN ((width - 2 * TRAIL_CANVAS_PAD) / map_width (self),
              (height - 2 * TRAIL_CANVAS_PAD) / map_height (self));
  zoom = CLAMP (zoom, TRAIL_CANVAS_READABLE_ZOOM, 1.0);
  if (fabs (zoom - self->zoom) < 1e-6)
    return;

  self->zoom = zoom;
  self->cards_in_tiles = zoom < TRAIL_CANVAS_CARD_WIDGET_ZOOM;
  if (self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment, 0);
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, 0);
  /* Not from inside the allocation: the zoom label would resize. */
  if (self->zoom_notify_idle == 0)
    self->zoom_notify_idle = g_idle_add (notify_zoom_idle_cb, self);
}

static void
trail_canvas_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);
  GHashTableIter iter;
  gpointer key, value;

  self->in_allocate = TRUE;
  if (self->fit_pending && self->layout != NULL && width > 2 * TRAIL_CANVAS_PAD && height > 2 * TRAIL_CANVAS_PAD)
    fit_new_map (self, width, height);
  configure_adjustments (self,
                         self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0,
                         self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0);

  /* A new size, zoom or clamped scroll position shows other cards: their
   * widgets come before the next frame's layout, not now. */
  if (self->layout != NULL)
    {
      graphene_rect_t visible;

      get_visible_map_rect (self, TRAIL_CANVAS_WIDGET_MARGIN, &visible);
      if (self->cards_in_tiles)
        visible = GRAPHENE_RECT_INIT (0, 0, 0, 0);
      if (!graphene_rect_equal (&visible, &self->synced_rect))
        queue_sync_card_widgets (self);
    }

  g_hash_table_iter_init (&iter, self->card_widgets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    allocate_card (self, value, key);
  for (guint i = 0; i < self->spare_widgets->len; i++)
    gtk_widget_allocate (self->spare_widgets->pdata[i], 0, 0, -1, NULL);

  if (self->editor != NULL)
    _trail_canvas_allocate_editor (self);
  _trail_canvas_allocate_context_menu (self);

  self->in_allocate = FALSE;
  _trail_canvas_queue_geometry (self);
}

static void
snapshot_selection_overlays (TrailCanvas *self,
                             GtkSnapshot *snapshot)
{
  GPtrArray *cards = trail_selection_get_cards (self->selection);
  GObject *object = trail_selection_get_object (self->selection);
  const TrailLayoutItem *item;

  /* Zoomed far out the tiles hold the cards: selected ones again on top. */
  if (self->cards_in_tiles)
    for (guint i = 0; i < cards->len; i++)
      if ((item = trail_layout_find (self->layout, cards->pdata[i])) != NULL)
        trail_painter_draw_card (snapshot, self->layout, item, TRAIL_PAINT_STATE_SELECTED);

  if (object == NULL)
    return;

  /* A header being renamed is under its editor. */
  if ((TRAIL_IS_STAGE (object) || TRAIL_IS_LANE (object) || TRAIL_IS_PERSONA (object)) &&
      (item = trail_layout_find (self->layout, object)) != NULL)
    trail_painter_draw_item (snapshot, self->layout, item, TRAIL_PAINT_STATE_SELECTED);
  else if (TRAIL_IS_EMOTION_POINT (object))
    {
      g_autoptr(GPtrArray) plots = NULL;
      graphene_rect_t all;

      trail_layout_get_bounds (self->layout, &all);
      plots = trail_layout_query (self->layout, &all, TRAIL_LAYOUT_ITEM_EMOTIONS);
      for (guint i = 0; i < plots->len; i++)
        {
          graphene_point_t pt;
          GskRoundedRect ring;
          float r = self->style->emotion_point_radius + 6;
          GdkRGBA colors[4];

          if (!_trail_canvas_point_position (self, TRAIL_EMOTION_POINT (object),
                                            plots->pdata[i], &pt))
            continue;
          for (guint c = 0; c < 4; c++)
            colors[c] = self->style->selection;
          gsk_rounded_rect_init_from_rect (&ring, &GRAPHENE_RECT_INIT (pt.x - r, pt.y - r, 2 * r, 2 * r), r);
          gtk_snapshot_append_border (snapshot, &ring, (float[]) { 2.5f, 2.5f, 2.5f, 2.5f }, colors);
        }
    }
}

static void
snapshot_cursor (TrailCanvas *self,
                 GtkSnapshot *snapshot)
{
  TrailLane *lane = trail_selection_get_cursor_lane (self->selection);
  TrailStage *stage = trail_selection_get_cursor_stage (self->selection);
  const TrailLayoutItem *cell;
  GskRoundedRect ring;
  graphene_rect_t r;
  GdkRGBA colors[4];

  if (!gtk_widget_has_visible_focus (GTK_WIDGET (self)) || lane == NULL || stage == NULL ||
      (cell = trail_layout_get_cell (self->layout, lane, stage)) == NULL)
    return;

  graphene_rect_inset_r (&cell->bounds, 3, 3, &r);
  for (guint c = 0; c < 4; c++)
    colors[c] = self->style->selection;
  gsk_rounded_rect_init_from_rect (&ring, &r, 8);
  gtk_snapshot_append_border (snapshot, &ring, (float[]) { 2, 2, 2, 2 }, colors);
}

static void
trail_canvas_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t visible;
  int tx0, ty0, tx1, ty1;

  if (self->style == NULL)
    return;

  gtk_snapshot_append_color (snapshot, &self->style->page, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->layout == NULL)
    return;

  get_visible_map_rect (self, 0, &visible);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-self->ox, -self->oy));
  gtk_snapshot_scale (snapshot, self->zoom, self->zoom);

  if (self->tile_zoom != self->zoom)
    {
      invalidate_tiles (self, NULL);
      self->tile_zoom = self->zoom;
    }

  tx0 = MAX (0, (int) floor (visible.origin.x / tile_size (self)));
  ty0 = MAX (0, (int) floor (visible.origin.y / tile_size (self)));
  tx1 = MIN ((int) floor (map_width (self) / tile_size (self)),
             (int) floor ((visible.origin.x + visible.size.width) / tile_size (self)));
  ty1 = MIN ((int) floor (map_height (self) / tile_size (self)),
             (int) floor ((visible.origin.y + visible.size.height) / tile_size (self)));
  for (int tx = tx0; tx <= tx1; tx++)
    for (int ty = ty0; ty <= ty1; ty++)
      gtk_snapshot_append_node (snapshot, ensure_tile (self, tx, ty));

  self->first_frame_done = TRUE;
  snapshot_selection_overlays (self, snapshot);
  snapshot_cursor (self, snapshot);
  _trail_canvas_snapshot_overlays (self, snapshot);
  gtk_snapshot_restore (snapshot);

  /* Cards, then the editor and whatever a drag carries, on top. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_snapshot_child (widget, child, snapshot);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-self->ox, -self->oy));
  gtk_snapshot_scale (snapshot, self->zoom, self->zoom);
  _trail_canvas_snapshot_marks (self, snapshot);
  _trail_canvas_snapshot_dnd (self, snapshot);
  gtk_snapshot_restore (snapshot);
}

static gboolean
trail_canvas_focus (GtkWidget        *widget,
                    GtkDirectionType  direction)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  g_autoptr(GPtrArray) items = NULL;
  graphene_rect_t visible;

  /* Inside the canvas, Tab and arrows are handled by our key bindings;
   * GTK's own focus chain only enters and leaves. */
  if (focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget)))
    return FALSE;

  if (self->layout == NULL)
    return gtk_widget_grab_focus (widget);

  if (trail_selection_get_n_cards (self->selection) > 0)
    {
      GPtrArray *cards = trail_selection_get_cards (self->selection);

      trail_canvas_focus_card (self, cards->pdata[cards->len - 1]);
      return TRUE;
    }

  get_visible_map_rect (self, 0, &visible);
  items = trail_layout_query (self->layout, &visible, TRAIL_LAYOUT_ITEM_CARD);
  if (items->len > 0)
    {
      trail_canvas_focus_card (self, ((TrailLayoutItem *) items->pdata[0])->object);
      return TRUE;
    }

  return gtk_widget_grab_focus (widget);
}

static void
trail_canvas_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (trail_canvas_parent_class)->root (widget);
  _trail_canvas_debug_init (TRAIL_CANVAS (widget));
}

static void
trail_canvas_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TrailCanvas *self = TRAIL_CANVAS (object);

  switch (prop_id)
    {
    case PROP_SELECTION:
      g_value_set_object (value, self->selection);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_EDITING:
      g_value_set_boolean (value, self->editor != NULL);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_canvas_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TrailCanvas *self = TRAIL_CANVAS (object);

  switch (prop_id)
    {
    case PROP_SELECTION:
      trail_canvas_set_selection (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      trail_canvas_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_canvas_dispose (GObject *object)
{
  TrailCanvas *self = TRAIL_CANVAS (object);
  GtkWidget *child;

  _trail_canvas_dispose_editor (self);
  trail_canvas_set_selection (self, NULL);

  _trail_canvas_dispose_pointer (self);
  _trail_canvas_clear_marks (self);
  _trail_canvas_a11y_clear (self);
  g_hash_table_remove_all (self->card_widgets);
  g_ptr_array_set_size (self->spare_widgets, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, on_adjustment_value_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_adjustment_value_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_pointer (&self->style, trail_style_unref);
  /* Last: dropping the document and the selection queues them again. */
  _trail_canvas_debug_dispose (self);
  g_clear_handle_id (&self->zoom_notify_idle, g_source_remove);
  if (self->sync_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->sync_tick);
  self->sync_tick = 0;

  G_OBJECT_CLASS (trail_canvas_parent_class)->dispose (object);
}

static void
trail_canvas_finalize (GObject *object)
{
  TrailCanvas *self = TRAIL_CANVAS (object);

  g_clear_pointer (&self->tiles, g_hash_table_unref);
  g_clear_pointer (&self->card_widgets, g_hash_table_unref);
  g_clear_pointer (&self->spare_widgets, g_ptr_array_unref);
  _trail_canvas_debug_free (self);
  _trail_canvas_free_pointer (self);
  _trail_canvas_free_editor (self);

  G_OBJECT_CLASS (trail_canvas_parent_class)->finalize (object);
}

static void
trail_canvas_class_init (TrailCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = trail_canvas_get_property;
  object_class->set_property = trail_canvas_set_property;
  object_class->dispose = trail_canvas_dispose;
  object_class->finalize = trail_canvas_finalize;

  widget_class->measure = trail_canvas_measure;
  widget_class->size_allocate = trail_canvas_size_allocate;
  widget_class->snapshot = trail_canvas_snapshot;
  widget_class->focus = trail_canvas_focus;
  widget_class->root = trail_canvas_root;

  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL, TRAIL_TYPE_SELECTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, TRAIL_CANVAS_MIN_ZOOM, TRAIL_CANVAS_MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITING] =
    g_param_spec_boolean ("editing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  _trail_canvas_init_keyboard (widget_class);

  gtk_widget_class_set_css_name (widget_class, "trailcanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
trail_canvas_init (TrailCanvas *self)
{
  GtkEventController *controller;
  GtkGesture *zoom;

  self->zoom = 1.0;
  /* The scrolled window then shows a scrollbar when the map is larger
   * than the view, as our adjustments say (with the minimum, 0, it hid
   * them, the adjustments showed them again: a resize in every frame's
   * allocation, and GTK painting the window unallocated). */
  self->hscroll_policy = GTK_SCROLL_NATURAL;
  self->vscroll_policy = GTK_SCROLL_NATURAL;
  self->tiles = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) gsk_render_node_unref);
  self->card_widgets = g_hash_table_new (NULL, NULL);
  self->spare_widgets = g_ptr_array_new ();
  _trail_canvas_init_editor (self);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Journey map"),
                                  -1);

  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (on_motion_cb), self);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (zoom, "begin", G_CALLBACK (on_zoom_begin_cb), self);
  g_signal_connect_swapped (zoom, "scale-changed", G_CALLBACK (on_zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));

  _trail_canvas_init_pointer (self);
  _trail_canvas_init_key_controller (self);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_style_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (on_style_changed_cb), self, G_CONNECT_SWAPPED);
  on_style_changed_cb (self);
}

/* ---- Public API --------------------------------------------------------- */

GtkWidget *
trail_canvas_new (void)
{
  return g_object_new (TRAIL_TYPE_CANVAS, NULL);
}

TrailDocument *
trail_canvas_get_document (TrailCanvas *self)
{
  g_return_val_if_fail (TRAIL_IS_CANVAS (self), NULL);

  return self->document;
}

TrailLayout *
trail_canvas_get_layout (TrailCanvas *self)
{
  g_return_val_if_fail (TRAIL_IS_CANVAS (self), NULL);

  return self->layout;
}

/* Stage and lane headers take no cards: the keyboard starts at the first
 * cell that does. */
static void
place_cursor_at_start (TrailCanvas *self)
{
  GPtrArray *lanes = trail_layout_get_lanes (self->layout);
  GPtrArray *stages = trail_layout_get_stages (self->layout);

  if (lanes->len == 0 || stages->len == 0)
    return;
  for (guint i = 0; i < lanes->len; i++)
    {
      TrailLane *lane = ((TrailLayoutItem *) lanes->pdata[i])->object;

      if (trail_lane_get_kind (lane) != TRAIL_LANE_KIND_EMOTIONS)
        {
          trail_selection_set_cursor (self->selection, lane, ((TrailLayoutItem *) stages->pdata[0])->object);
          return;
        }
    }
}

void
trail_canvas_set_selection (TrailCanvas    *self,
                            TrailSelection *selection)
{
  TrailDocument *document;

  g_return_if_fail (TRAIL_IS_CANVAS (self));
  g_return_if_fail (!selection || TRAIL_IS_SELECTION (selection));

  if (self->selection == selection)
    return;

  if (self->editor != NULL)
    _trail_canvas_finish_edit (self, FALSE);

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->document, on_document_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->document, _trail_canvas_prepare_draft, self);
    }
  if (self->selection != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->selection, on_selection_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->selection, on_cursor_changed_cb, self);
    }

  _trail_canvas_a11y_clear (self);
  g_clear_object (&self->layout);
  _trail_canvas_reset_drag (self);
  invalidate_tiles (self, NULL);
  g_set_object (&self->selection, selection);
  document = selection != NULL ? trail_selection_get_document (selection) : NULL;
  g_set_object (&self->document, document);

  if (selection != NULL)
    {
      self->layout = trail_layout_new (document, self->style);
      g_signal_connect_object (document, "changed",
                               G_CALLBACK (on_document_changed_cb), self, G_CONNECT_SWAPPED);
      /* Swapped: the handler gets the draft, then the document. */
      g_signal_connect_object (document, "prepare-draft",
                               G_CALLBACK (_trail_canvas_prepare_draft), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (selection, "changed",
                               G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (selection, "notify::cursor-lane",
                               G_CALLBACK (on_cursor_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (selection, "notify::cursor-stage",
                               G_CALLBACK (on_cursor_changed_cb), self, G_CONNECT_SWAPPED);
      place_cursor_at_start (self);
      self->fit_pending = TRUE;
    }

  sync_card_widgets (self);
  if (self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment, 0);
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, 0);

  gtk_widget_queue_resize (GTK_WIDGET (self));
  _trail_canvas_queue_geometry (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

TrailSelection *
trail_canvas_get_selection (TrailCanvas *self)
{
  g_return_val_if_fail (TRAIL_IS_CANVAS (self), NULL);

  return self->selection;
}

double
trail_canvas_get_zoom (TrailCanvas *self)
{
  g_return_val_if_fail (TRAIL_IS_CANVAS (self), 1.0);

  return self->zoom;
}

void
trail_canvas_set_zoom (TrailCanvas *self,
                       double       zoom)
{
  g_return_if_fail (TRAIL_IS_CANVAS (self));

  zoom_at (self, zoom,
                        gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                        gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

/* Steps that land on round numbers, like an image viewer's. */
static const double zoom_steps[] = { 0.1, 0.15, 0.25, 0.33, 0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0 };

double
trail_canvas_step_zoom (double zoom,
                        int    direction)
{
  if (direction > 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (zoom_steps); i++)
        if (zoom_steps[i] > zoom + 1e-3)
          return zoom_steps[i];
    }
  else
    {
      for (guint i = G_N_ELEMENTS (zoom_steps); i > 0; i--)
        if (zoom_steps[i - 1] < zoom - 1e-3)
          return zoom_steps[i - 1];
    }
  return zoom;
}

void
trail_canvas_zoom_in (TrailCanvas *self)
{
  g_return_if_fail (TRAIL_IS_CANVAS (self));

  trail_canvas_set_zoom (self, trail_canvas_step_zoom (self->zoom, 1));
}

void
trail_canvas_zoom_out (TrailCanvas *self)
{
  g_return_if_fail (TRAIL_IS_CANVAS (self));

  trail_canvas_set_zoom (self, trail_canvas_step_zoom (self->zoom, -1));
}

void
trail_canvas_zoom_to_fit (TrailCanvas *self)
{
  int width, height;
  double zoom;

  g_return_if_fail (TRAIL_IS_CANVAS (self));

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (self->layout == NULL || width <= 0 || height <= 0 || map_width (self) <= 0 || map_height (self) <= 0)
    return;

  zoom = MIN ((width - 2 * TRAIL_CANVAS_PAD) / map_width (self),
              (height - 2 * TRAIL_CANVAS_PAD) / map_height (self));
  zoom = CLAMP (zoom, TRAIL_CANVAS_MIN_ZOOM, TRAIL_CANVAS_MAX_ZOOM);
  self->zoom = zoom;
  self->cards_in_tiles = zoom < TRAIL_CANVAS_CARD_WIDGET_ZOOM;
  self->in_allocate = TRUE;
  configure_adjustments (self, 0, 0);
  self->in_allocate = FALSE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

gboolean
trail_canvas_get_editing (TrailCanvas *self)
{
  g_return_val_if_fail (TRAIL_IS_CANVAS (self), FALSE);

  return self->editor != NULL;
}

/* Called when the inline editor opens or closes. */
void
_trail_canvas_update_editing (TrailCanvas *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
  _trail_canvas_queue_geometry (self);
}

void
trail_canvas_focus_card (TrailCanvas *self,
                         TrailCard   *card)
{
  const TrailLayoutItem *item;
  GtkWidget *widget;

  g_return_if_fail (TRAIL_IS_CANVAS (self));
  g_return_if_fail (TRAIL_IS_CARD (card));

  if (self->layout == NULL || (item = trail_layout_find (self->layout, card)) == NULL)
    return;

  _trail_canvas_scroll_to_rect (self, &item->bounds);
  trail_selection_set_cursor (self->selection,
                              trail_document_find_lane (self->document, trail_card_get_lane_id (card)),
                              trail_document_find_stage (self->document, trail_card_get_stage_id (card)));
  widget = _trail_canvas_ensure_card_widget (self, card);
  gtk_widget_grab_focus (widget);
}

void
trail_canvas_focus_cell (TrailCanvas *self,
                         TrailLane   *lane,
                         TrailStage  *stage)
{
  g_return_if_fail (TRAIL_IS_CANVAS (self));
  g_return_if_fail (TRAIL_IS_LANE (lane));
  g_return_if_fail (TRAIL_IS_STAGE (stage));

  if (self->selection != NULL)
    _trail_canvas_focus_cell (self, lane, stage);
}

void
trail_canvas_queue_geometry (TrailCanvas *self)
{
  g_return_if_fail (TRAIL_IS_CANVAS (self));

  _trail_canvas_queue_geometry (self);
}
