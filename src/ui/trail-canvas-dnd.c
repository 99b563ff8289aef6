/* trail-canvas-dnd.c — the pointer on the canvas: selection, rubber band,
 * dragging cards, headers and emotion points, drops from the palette,
 * context menus.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A drag never moves a widget: while it lasts the canvas draws a preview
 * (the carried item under the pointer, a cell highlight or an insertion
 * marker), and at the end it issues one document command. Emotion points
 * are the exception: the curve has to follow live, so their drag edits the
 * point inside one undo group.
 */
#define G_LOG_DOMAIN "trail-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "trail-canvas-private.h"
#include "trail-compat.h"
#include "trail-card-widget.h"

#define DRAG_THRESHOLD 5.0

typedef enum
{
  TRAIL_CANVAS_DRAG_NONE,
  TRAIL_CANVAS_DRAG_PENDING,     /* pressed, not yet moved past the threshold */
  TRAIL_CANVAS_DRAG_PAN,
  TRAIL_CANVAS_DRAG_RUBBER_BAND,
  TRAIL_CANVAS_DRAG_CARD,
  TRAIL_CANVAS_DRAG_STAGE,
  TRAIL_CANVAS_DRAG_LANE,
  TRAIL_CANVAS_DRAG_POINT,
} TrailCanvasDrag;

typedef enum
{
  TRAIL_DROP_NONE,
  TRAIL_DROP_CELL,          /* a card into lane × stage at index */
  TRAIL_DROP_STAGE_GAP,     /* a stage at index */
  TRAIL_DROP_LANE_GAP,      /* a lane at index */
  TRAIL_DROP_ON_CARD,       /* a persona tag */
  TRAIL_DROP_ON_LANE,       /* a persona's lane */
  TRAIL_DROP_ON_EMOTIONS,   /* a persona's emotion line */
} TrailDropKind;

typedef enum
{
  TRAIL_CANVAS_HIT_NONE,
  TRAIL_CANVAS_HIT_CARD,
  TRAIL_CANVAS_HIT_STAGE,
  TRAIL_CANVAS_HIT_LANE,
  TRAIL_CANVAS_HIT_POINT,
  TRAIL_CANVAS_HIT_EMOTIONS,
  TRAIL_CANVAS_HIT_PERSONA,
  TRAIL_CANVAS_HIT_CELL,
} TrailCanvasHitKind;

/* What is under the pointer. */
typedef struct
{
  TrailCanvasHitKind  kind;
  gpointer            object;   /* card, stage, lane, point, persona */
  TrailLane          *lane;     /* for cells and emotion plots */
  TrailStage         *stage;    /* for cells */
  graphene_rect_t     bounds;
} TrailCanvasHit;

typedef struct
{
  TrailDropKind  kind;
  TrailLane     *lane;
  TrailStage    *stage;
  TrailCard     *card;
  guint          index;
} TrailDropTarget;

/* The canvas's pointer state: only this file reads or writes it. */
struct _TrailCanvasPointer
{
  TrailCanvasDrag    drag;
  TrailCanvasHit     press_hit;                    /* under the pointer at the press */
  GdkModifierType    press_state;
  guint32            last_press_time;              /* for double-clicks */
  double             last_press_x, last_press_y;
  int                n_press;
  double             drag_start_x, drag_start_y;   /* widget coordinates */
  double             drag_x, drag_y;               /* widget coordinates, now */
  double             pan_start_h, pan_start_v;
  gpointer           drag_object;                  /* card, stage, lane or point */
  graphene_rect_t    drag_bounds;                  /* the dragged item, map coordinates */
  TrailDropTarget    drop;
  GPtrArray         *rubber_base;                  /* selection before a Shift/Ctrl rubber band */
  gboolean           space_held;
  gboolean           point_moved;

  TrailPaletteItem  *dnd_item;                     /* dragged from the palette, over the canvas */

  GtkWidget         *context_menu;
  GtkBuilder        *menus;
  guint              menu_closing;                 /* idle: the menu closed, its item runs */
  guint              edit_after_menu;              /* an editor chosen in the menu */
  gboolean           edit_after_menu_new_card;
};

static void
clear_drop (TrailCanvas *self)
{
  memset (&self->pointer->drop, 0, sizeof self->pointer->drop);
}

static const TrailLayoutItem *
find_emotions_item (TrailCanvas *self,
                    TrailLane   *lane)
{
  g_autoptr(GPtrArray) plots = NULL;
  graphene_rect_t all;

  trail_layout_get_bounds (self->layout, &all);
  plots = trail_layout_query (self->layout, &all, TRAIL_LAYOUT_ITEM_EMOTIONS);
  for (guint i = 0; i < plots->len; i++)
    if (((TrailLayoutItem *) plots->pdata[i])->object == (gpointer) lane)
      return plots->pdata[i];

  return NULL;
}

static TrailEmotionPoint *
pick_point (TrailCanvas           *self,
            const TrailLayoutItem *emotions,
            double                 mx,
            double                 my)
{
  GListModel *lines = trail_document_get_emotion_lines (self->document);
  const char *lane_persona = trail_lane_get_persona_id (emotions->object);
  double reach = (self->style->emotion_point_radius + 5) / MIN (self->zoom, 1.0);
  TrailEmotionPoint *best = NULL;
  double best_d = reach * reach;

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(TrailEmotionLine) line = g_list_model_get_item (lines, i);
      GListModel *points;

      if (lane_persona != NULL && g_strcmp0 (lane_persona, trail_emotion_line_get_persona_id (line)) != 0)
        continue;

      points = trail_emotion_line_get_points (line);
      for (guint j = 0; j < g_list_model_get_n_items (points); j++)
        {
          g_autoptr(TrailEmotionPoint) point = g_list_model_get_item (points, j);
          graphene_point_t pt;
          double d;

          if (!_trail_canvas_point_position (self, point, emotions, &pt))
            continue;
          d = (pt.x - mx) * (pt.x - mx) + (pt.y - my) * (pt.y - my);
          if (d <= best_d)
            {
              best_d = d;
              best = point;
            }
        }
    }

  return best;
}

static TrailCanvasHit
hit_test (TrailCanvas *self,
          double       mx,
          double       my)
{
  TrailCanvasHit hit = { TRAIL_CANVAS_HIT_NONE, NULL, NULL, NULL, GRAPHENE_RECT_INIT (0, 0, 0, 0) };
  const TrailLayoutItem *item;

  if (self->layout == NULL)
    return hit;

  if ((item = trail_layout_pick (self->layout, mx, my, TRAIL_LAYOUT_ITEM_EMOTIONS)) != NULL)
    {
      TrailEmotionPoint *point = pick_point (self, item, mx, my);

      hit.lane = item->object;
      hit.bounds = item->bounds;
      if (point != NULL)
        {
          hit.kind = TRAIL_CANVAS_HIT_POINT;
          hit.object = point;
        }
      else
        hit.kind = TRAIL_CANVAS_HIT_EMOTIONS;
      return hit;
    }

  if ((item = trail_layout_pick (self->layout, mx, my,
                                 TRAIL_LAYOUT_ITEM_CARD | TRAIL_LAYOUT_ITEM_STAGE |
                                 TRAIL_LAYOUT_ITEM_LANE | TRAIL_LAYOUT_ITEM_PERSONA |
                                 TRAIL_LAYOUT_ITEM_CELL)) != NULL)
    {
      hit.object = item->object;
      hit.bounds = item->bounds;
      switch (item->kind)
        {
        case TRAIL_LAYOUT_ITEM_CARD:
          hit.kind = TRAIL_CANVAS_HIT_CARD;
          break;
        case TRAIL_LAYOUT_ITEM_STAGE:
          hit.kind = TRAIL_CANVAS_HIT_STAGE;
          break;
        case TRAIL_LAYOUT_ITEM_LANE:
          hit.kind = TRAIL_CANVAS_HIT_LANE;
          hit.lane = item->object;
          break;
        case TRAIL_LAYOUT_ITEM_PERSONA:
          hit.kind = TRAIL_CANVAS_HIT_PERSONA;
          break;
        case TRAIL_LAYOUT_ITEM_CELL:
          hit.kind = TRAIL_CANVAS_HIT_CELL;
          hit.lane = item->object;
          hit.stage = trail_layout_cell_get_stage (item);
          break;
        case TRAIL_LAYOUT_ITEM_HEADER:
        case TRAIL_LAYOUT_ITEM_EMOTIONS:
        case TRAIL_LAYOUT_ITEM_LEGEND:
        case TRAIL_LAYOUT_ITEM_ALL:
        default:
          hit.kind = TRAIL_CANVAS_HIT_NONE;
          break;
        }
    }

  return hit;
}

/* ---- Gaps between stages and lanes --------------------------------------- */

static guint
stage_gap_at (TrailCanvas *self,
              double       mx)
{
  GPtrArray *stages = trail_layout_get_stages (self->layout);
  guint gap = 0;

  for (guint i = 0; i < stages->len; i++)
    {
      const TrailLayoutItem *s = stages->pdata[i];
      if (mx > s->bounds.origin.x + s->bounds.size.width / 2)
        gap = i + 1;
    }

  return gap;
}

static guint
lane_gap_at (TrailCanvas *self,
             double       my)
{
  GPtrArray *lanes = trail_layout_get_lanes (self->layout);
  guint gap = 0;

  for (guint i = 0; i < lanes->len; i++)
    {
      const TrailLayoutItem *l = lanes->pdata[i];
      if (my > l->bounds.origin.y + l->bounds.size.height / 2)
        gap = i + 1;
    }

  return gap;
}

/* The document index a visible gap stands for. */
static guint
stage_gap_to_index (TrailCanvas *self,
                    guint        gap)
{
  GPtrArray *stages = trail_layout_get_stages (self->layout);

  if (gap < stages->len)
    return trail_document_get_stage_index (self->document, ((TrailLayoutItem *) stages->pdata[gap])->object);

  return g_list_model_get_n_items (trail_document_get_stages (self->document));
}

static guint
lane_gap_to_index (TrailCanvas *self,
                   guint        gap)
{
  GPtrArray *lanes = trail_layout_get_lanes (self->layout);

  if (gap < lanes->len)
    return trail_document_get_lane_index (self->document, ((TrailLayoutItem *) lanes->pdata[gap])->object);

  return g_list_model_get_n_items (trail_document_get_lanes (self->document));
}

static float
grid_bottom (TrailCanvas *self)
{
  GPtrArray *lanes = trail_layout_get_lanes (self->layout);

  if (lanes->len == 0)
    return trail_layout_get_height (self->layout);
  else
    {
      const TrailLayoutItem *last = lanes->pdata[lanes->len - 1];
      return last->bounds.origin.y + last->bounds.size.height;
    }
}

static float
grid_right (TrailCanvas *self)
{
  GPtrArray *stages = trail_layout_get_stages (self->layout);

  if (stages->len == 0)
    return trail_layout_get_width (self->layout);
  else
    {
      const TrailLayoutItem *last = stages->pdata[stages->len - 1];
      return last->bounds.origin.x + last->bounds.size.width;
    }
}

/* ---- Drop targets -------------------------------------------------------- */

static gboolean
card_drop_target (TrailCanvas     *self,
                  double           mx,
                  double           my,
                  TrailDropTarget *target)
{
  TrailLane *lane = NULL;
  TrailStage *stage = NULL;
  guint index = 0;

  if (!trail_layout_get_drop_target (self->layout, mx, my, &lane, &stage, &index))
    return FALSE;

  target->kind = TRAIL_DROP_CELL;
  target->lane = lane;
  target->stage = stage;
  target->index = index;
  return TRUE;
}

static gboolean
palette_drop_target (TrailCanvas      *self,
                     TrailPaletteItem *item,
                     double            mx,
                     double            my,
                     TrailDropTarget  *target)
{
  graphene_rect_t bounds;
  TrailCanvasHit hit;

  memset (target, 0, sizeof *target);
  if (self->layout == NULL)
    return FALSE;

  trail_layout_get_bounds (self->layout, &bounds);
  switch (trail_palette_item_get_kind (item))
    {
    case TRAIL_PALETTE_ITEM_STAGE:
      target->kind = TRAIL_DROP_STAGE_GAP;
      target->index = stage_gap_at (self, mx);
      return TRUE;

    case TRAIL_PALETTE_ITEM_LANE:
      target->kind = TRAIL_DROP_LANE_GAP;
      target->index = lane_gap_at (self, my);
      return TRUE;

    case TRAIL_PALETTE_ITEM_CARD:
      if (!card_drop_target (self, mx, my, target))
        return FALSE;
      if (!trail_palette_item_fits_lane (item, trail_lane_get_kind (target->lane)))
        {
          memset (target, 0, sizeof *target);
          return FALSE;
        }
      return TRUE;

    case TRAIL_PALETTE_ITEM_PERSONA:
      if (trail_document_find_persona (self->document, trail_palette_item_get_persona_id (item)) == NULL)
        return FALSE;
      hit = hit_test (self, mx, my);
      switch (hit.kind)
        {
        case TRAIL_CANVAS_HIT_CARD:
          target->kind = TRAIL_DROP_ON_CARD;
          target->card = hit.object;
          return TRUE;
        case TRAIL_CANVAS_HIT_EMOTIONS:
        case TRAIL_CANVAS_HIT_POINT:
          target->kind = TRAIL_DROP_ON_EMOTIONS;
          target->lane = hit.lane;
          return TRUE;
        case TRAIL_CANVAS_HIT_LANE:
        case TRAIL_CANVAS_HIT_CELL:
          target->kind = TRAIL_DROP_ON_LANE;
          target->lane = hit.lane;
          return TRUE;
        case TRAIL_CANVAS_HIT_NONE:
        case TRAIL_CANVAS_HIT_STAGE:
        case TRAIL_CANVAS_HIT_PERSONA:
        default:
          return FALSE;
        }

    default:
      return FALSE;
    }
}

static gboolean
apply_palette_item (TrailCanvas           *self,
                                 TrailPaletteItem      *item,
                                 const TrailDropTarget *target)
{
  const char *persona_id = trail_palette_item_get_persona_id (item);

  switch (target->kind)
    {
    case TRAIL_DROP_STAGE_GAP:
      {
        TrailStage *stage = trail_document_add_stage (self->document, stage_gap_to_index (self, target->index),
                                                      _("New stage"));
        trail_selection_select_object (self->selection, stage);
        return TRUE;
      }

    case TRAIL_DROP_LANE_GAP:
      {
        TrailLaneKind kind = trail_palette_item_get_lane_kind (item);
        TrailLane *lane = trail_document_add_lane (self->document, lane_gap_to_index (self, target->index),
                                                   kind, trail_lane_kind_get_label (kind));
        trail_selection_select_object (self->selection, lane);
        return TRUE;
      }

    case TRAIL_DROP_CELL:
      /* A new card wants its words right away. */
      trail_selection_clear (self->selection);
      _trail_canvas_begin_palette_card (self, item, target->lane, target->stage, target->index);
      return TRUE;

    case TRAIL_DROP_ON_CARD:
      trail_document_set_persona_tag (self->document, &target->card, 1, persona_id, TRUE);
      return TRUE;

    case TRAIL_DROP_ON_LANE:
      trail_document_update (self->document, target->lane, "persona-id", persona_id, NULL);
      return TRUE;

    case TRAIL_DROP_ON_EMOTIONS:
      if (trail_document_find_line_for_persona (self->document, persona_id) == NULL)
        trail_document_add_emotion_line (self->document, persona_id);
      trail_selection_set_active_persona (self->selection, persona_id);
      return TRUE;

    case TRAIL_DROP_NONE:
    default:
      return FALSE;
    }
}

static TrailPaletteItem *
get_drop_item (GtkDropTarget *drop_target)
{
  const GValue *value = gtk_drop_target_get_value (drop_target);

  if (value == NULL || !G_VALUE_HOLDS (value, TRAIL_TYPE_PALETTE_ITEM))
    return NULL;

  return g_value_get_object (value);
}

static GdkDragAction
on_drop_motion_cb (TrailCanvas   *self,
                   double         x,
                   double         y,
                   GtkDropTarget *drop_target)
{
  TrailPaletteItem *item = get_drop_item (drop_target);
  double mx, my;
  gboolean valid;

  self->pointer_x = x;
  self->pointer_y = y;
  g_set_object (&self->pointer->dnd_item, item);
  if (item == NULL || self->document == NULL)
    {
      clear_drop (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return 0;
    }

  _trail_canvas_widget_to_map (self, x, y, &mx, &my);
  valid = palette_drop_target (self, item, mx, my, &self->pointer->drop);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return valid ? GDK_ACTION_COPY : 0;
}

static void
on_drop_leave_cb (TrailCanvas *self)
{
  clear_drop (self);
  g_clear_object (&self->pointer->dnd_item);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_drop_cb (TrailCanvas   *self,
            const GValue  *value,
            double         x,
            double         y,
            GtkDropTarget *drop_target)
{
  TrailPaletteItem *item;
  TrailDropTarget target;
  double mx, my;
  gboolean ok = FALSE;

  on_drop_leave_cb (self);
  if (!G_VALUE_HOLDS (value, TRAIL_TYPE_PALETTE_ITEM) || self->document == NULL)
    return FALSE;

  item = g_value_get_object (value);
  _trail_canvas_widget_to_map (self, x, y, &mx, &my);
  if (palette_drop_target (self, item, mx, my, &target))
    ok = apply_palette_item (self, item, &target);

  return ok;
}

/* Text dropped from another application: one card per line. */
static gboolean
on_text_drop_cb (TrailCanvas   *self,
                 const GValue  *value,
                 double         x,
                 double         y,
                 GtkDropTarget *drop_target)
{
  TrailDropTarget target;
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GError) error = NULL;
  double mx, my;

  if (self->document == NULL || !G_VALUE_HOLDS_STRING (value) || g_value_get_string (value) == NULL)
    return FALSE;

  _trail_canvas_widget_to_map (self, x, y, &mx, &my);
  if (!card_drop_target (self, mx, my, &target))
    return FALSE;

  added = trail_document_add_cards_from_text (self->document, target.lane, target.stage, target.index,
                                              g_value_get_string (value), &error);
  if (added == NULL)
    {
      _trail_canvas_show_toast (self, trail_compat_toast_new (error->message));
      return TRUE;
    }
  trail_selection_select_cards (self->selection, (TrailCard **) added->pdata, added->len);

  return TRUE;
}

/* ---- Moving things ------------------------------------------------------ */

static void
update_point_drag (TrailCanvas *self,
                   double       mx,
                   double       my)
{
  TrailCanvasPointer *pointer = self->pointer;
  TrailEmotionPoint *point = pointer->drag_object;
  const TrailLayoutItem *emotions = find_emotions_item (self, pointer->press_hit.lane);
  TrailStage *stage = NULL;
  double position = 0.5;
  double score;

  if (emotions == NULL || !_trail_canvas_stage_at (self, mx, &stage, &position))
    return;

  /* Scores snap to the scale's whole steps. */
  score = round (trail_layout_emotion_score_at (emotions, my));
  position = round (position * 100) / 100;

  if (g_strcmp0 (trail_stage_get_id (stage), trail_emotion_point_get_stage_id (point)) == 0 &&
      fabs (position - trail_emotion_point_get_position (point)) < 0.005 &&
      score == trail_emotion_point_get_score (point))
    return;

  trail_document_set_emotion_point (self->document, point, stage, position, score);
  pointer->point_moved = TRUE;
}

static void
add_point_at (TrailCanvas *self,
              TrailLane   *lane,
              double       mx,
              double       my)
{
  const TrailLayoutItem *emotions = find_emotions_item (self, lane);
  TrailEmotionLine *line;
  TrailEmotionPoint *point;
  TrailStage *stage = NULL;
  double position;

  if (emotions == NULL || !_trail_canvas_stage_at (self, mx, &stage, &position))
    return;

  trail_document_begin_group (self->document, _("Add Emotion Point"));
  line = _trail_canvas_line_for_lane (self, lane);
  point = trail_document_add_emotion_point (self->document, line, stage, round (position * 100) / 100,
                                            round (trail_layout_emotion_score_at (emotions, my)), NULL);
  trail_document_end_group (self->document);

  if (point != NULL)
    trail_selection_select_object (self->selection, point);
}

static void
update_rubber_band (TrailCanvas *self)
{
  TrailCanvasPointer *pointer = self->pointer;
  double x0, y0, x1, y1;
  graphene_rect_t rect;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();

  _trail_canvas_widget_to_map (self, MIN (pointer->drag_start_x, pointer->drag_x),
                              MIN (pointer->drag_start_y, pointer->drag_y), &x0, &y0);
  _trail_canvas_widget_to_map (self, MAX (pointer->drag_start_x, pointer->drag_x),
                              MAX (pointer->drag_start_y, pointer->drag_y), &x1, &y1);
  rect = GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0);
  items = trail_layout_query (self->layout, &rect, TRAIL_LAYOUT_ITEM_CARD);

  if (pointer->rubber_base != NULL)
    for (guint i = 0; i < pointer->rubber_base->len; i++)
      g_ptr_array_add (cards, pointer->rubber_base->pdata[i]);
  for (guint i = 0; i < items->len; i++)
    {
      TrailLayoutItem *item = items->pdata[i];
      if (!g_ptr_array_find (cards, item->object, NULL))
        g_ptr_array_add (cards, item->object);
    }

  trail_selection_select_cards (self->selection, (TrailCard **) cards->pdata, cards->len);
}

/* ---- The drag state machine (also driven by the benchmark) ------------- */

/* A new document: what a drag carried is gone. */
void
_trail_canvas_reset_drag (TrailCanvas *self)
{
  g_clear_pointer (&self->pointer->rubber_base, g_ptr_array_unref);
  self->pointer->drag = TRAIL_CANVAS_DRAG_NONE;
}

gboolean
_trail_canvas_is_dragging_card (TrailCanvas *self,
                                TrailCard   *card)
{
  return self->pointer->drag == TRAIL_CANVAS_DRAG_CARD && self->pointer->drag_object == card;
}

void
_trail_canvas_drag_begin_at (TrailCanvas *self,
                            double       wx,
                            double       wy)
{
  TrailCanvasPointer *pointer = self->pointer;
  double mx, my;

  pointer->drag_start_x = pointer->drag_x = wx;
  pointer->drag_start_y = pointer->drag_y = wy;
  pointer->drag = TRAIL_CANVAS_DRAG_PENDING;
  pointer->point_moved = FALSE;
  clear_drop (self);

  _trail_canvas_widget_to_map (self, wx, wy, &mx, &my);
  pointer->press_hit = hit_test (self, mx, my);

  /* Pressing an unselected card selects it, so a drag carries what the
   * user sees selected. */
  if (pointer->press_hit.kind == TRAIL_CANVAS_HIT_CARD &&
      !(pointer->press_state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) &&
      !trail_selection_contains_card (self->selection, pointer->press_hit.object))
    {
      TrailCard *card = pointer->press_hit.object;
      trail_selection_select_card (self->selection, card);
    }
  if (pointer->press_hit.kind == TRAIL_CANVAS_HIT_CARD)
    trail_canvas_focus_card (self, pointer->press_hit.object);
}

static void
start_drag (TrailCanvas *self)
{
  TrailCanvasPointer *pointer = self->pointer;

  switch (pointer->press_hit.kind)
    {
    case TRAIL_CANVAS_HIT_CARD:
      {
        GtkWidget *widget = _trail_canvas_lookup_card_widget (self, pointer->press_hit.object);

        pointer->drag = TRAIL_CANVAS_DRAG_CARD;
        pointer->drag_object = pointer->press_hit.object;
        pointer->drag_bounds = pointer->press_hit.bounds;
        if (widget != NULL)
          trail_card_widget_set_placeholder (TRAIL_CARD_WIDGET (widget), TRUE);
      }
      break;

    case TRAIL_CANVAS_HIT_STAGE:
      pointer->drag = TRAIL_CANVAS_DRAG_STAGE;
      pointer->drag_object = pointer->press_hit.object;
      pointer->drag_bounds = pointer->press_hit.bounds;
      trail_selection_select_object (self->selection, pointer->press_hit.object);
      break;

    case TRAIL_CANVAS_HIT_LANE:
      pointer->drag = TRAIL_CANVAS_DRAG_LANE;
      pointer->drag_object = pointer->press_hit.object;
      pointer->drag_bounds = pointer->press_hit.bounds;
      trail_selection_select_object (self->selection, pointer->press_hit.object);
      break;

    case TRAIL_CANVAS_HIT_POINT:
      pointer->drag = TRAIL_CANVAS_DRAG_POINT;
      pointer->drag_object = pointer->press_hit.object;
      trail_selection_select_object (self->selection, pointer->press_hit.object);
      trail_document_begin_group (self->document, _("Move Emotion Point"));
      break;

    case TRAIL_CANVAS_HIT_NONE:
    case TRAIL_CANVAS_HIT_EMOTIONS:
    case TRAIL_CANVAS_HIT_PERSONA:
    case TRAIL_CANVAS_HIT_CELL:
    default:
      pointer->drag = TRAIL_CANVAS_DRAG_RUBBER_BAND;
      g_clear_pointer (&pointer->rubber_base, g_ptr_array_unref);
      if (pointer->press_state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK))
        pointer->rubber_base = g_ptr_array_copy (trail_selection_get_cards (self->selection), (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
      break;
    }
}

void
_trail_canvas_drag_update_to (TrailCanvas *self,
                             double       wx,
                             double       wy)
{
  TrailCanvasPointer *pointer = self->pointer;
  double mx, my;

  pointer->drag_x = wx;
  pointer->drag_y = wy;

  if (pointer->drag == TRAIL_CANVAS_DRAG_NONE || self->layout == NULL)
    return;

  if (pointer->drag == TRAIL_CANVAS_DRAG_PAN)
    {
      gtk_adjustment_set_value (self->hadjustment, pointer->pan_start_h - (wx - pointer->drag_start_x));
      gtk_adjustment_set_value (self->vadjustment, pointer->pan_start_v - (wy - pointer->drag_start_y));
      /* The view moved under the pointer: the start moves with it. */
      pointer->drag_start_x = wx + gtk_adjustment_get_value (self->hadjustment) - pointer->pan_start_h;
      pointer->drag_start_y = wy + gtk_adjustment_get_value (self->vadjustment) - pointer->pan_start_v;
      pointer->pan_start_h = gtk_adjustment_get_value (self->hadjustment);
      pointer->pan_start_v = gtk_adjustment_get_value (self->vadjustment);
      return;
    }

  if (pointer->drag == TRAIL_CANVAS_DRAG_PENDING)
    {
      if (hypot (wx - pointer->drag_start_x, wy - pointer->drag_start_y) < DRAG_THRESHOLD)
        return;
      start_drag (self);
    }

  _trail_canvas_widget_to_map (self, wx, wy, &mx, &my);
  clear_drop (self);

  switch (pointer->drag)
    {
    case TRAIL_CANVAS_DRAG_CARD:
      card_drop_target (self, mx, my, &pointer->drop);
      break;
    case TRAIL_CANVAS_DRAG_STAGE:
      pointer->drop.kind = TRAIL_DROP_STAGE_GAP;
      pointer->drop.index = stage_gap_at (self, mx);
      break;
    case TRAIL_CANVAS_DRAG_LANE:
      pointer->drop.kind = TRAIL_DROP_LANE_GAP;
      pointer->drop.index = lane_gap_at (self, my);
      break;
    case TRAIL_CANVAS_DRAG_POINT:
      update_point_drag (self, mx, my);
      break;
    case TRAIL_CANVAS_DRAG_RUBBER_BAND:
      update_rubber_band (self);
      break;
    case TRAIL_CANVAS_DRAG_NONE:
    case TRAIL_CANVAS_DRAG_PENDING:
    case TRAIL_CANVAS_DRAG_PAN:
    default:
      break;
    }

  /* Keep the pointer's goal in view near the edges. */
  if (pointer->drag != TRAIL_CANVAS_DRAG_RUBBER_BAND && pointer->drag != TRAIL_CANVAS_DRAG_POINT)
    _trail_canvas_scroll_to_rect (self, &GRAPHENE_RECT_INIT (mx - 8 / self->zoom, my - 8 / self->zoom,
                                                            16 / self->zoom, 16 / self->zoom));

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The second click of a double-click: edit what was clicked. */
static gboolean
finish_double_click (TrailCanvas *self)
{
  TrailCanvasPointer *pointer = self->pointer;

  switch (pointer->press_hit.kind)
    {
    case TRAIL_CANVAS_HIT_CARD:
      _trail_canvas_begin_edit (self, pointer->press_hit.object, NULL);
      return TRUE;
    case TRAIL_CANVAS_HIT_CELL:
      _trail_canvas_begin_new_card (self, pointer->press_hit.lane, pointer->press_hit.stage, -1);
      return TRUE;
    case TRAIL_CANVAS_HIT_STAGE:
    case TRAIL_CANVAS_HIT_LANE:
      trail_selection_select_object (self->selection, pointer->press_hit.object);
      _trail_canvas_begin_rename (self, pointer->press_hit.object, NULL);
      return TRUE;
    case TRAIL_CANVAS_HIT_NONE:
    case TRAIL_CANVAS_HIT_POINT:
    case TRAIL_CANVAS_HIT_EMOTIONS:
    case TRAIL_CANVAS_HIT_PERSONA:
    default:
      return FALSE;
    }
}

/* A click on the map gives it the keyboard, as a click on any widget
 * does: what is typed next renames the header just clicked, Delete
 * removes the point, and no key goes on to the inspector field or button
 * that had the keyboard before. A card widget of the canvas that has it
 * keeps it: the canvas's keys reach it through that card. */
static void
take_keyboard (TrailCanvas *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || (focus != GTK_WIDGET (self) && !gtk_widget_is_ancestor (focus, GTK_WIDGET (self))))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
finish_click (TrailCanvas *self,
              double       mx,
              double       my)
{
  TrailCanvasPointer *pointer = self->pointer;

  if (pointer->n_press == 2 && !(pointer->press_state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) &&
      finish_double_click (self))
    return;

  switch (pointer->press_hit.kind)
    {
    case TRAIL_CANVAS_HIT_CARD:
      if (pointer->press_state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK))
        trail_selection_toggle_card (self->selection, pointer->press_hit.object);
      else
        {
          TrailCard *card = pointer->press_hit.object;
          trail_selection_select_card (self->selection, card);
        }
      break;

    case TRAIL_CANVAS_HIT_STAGE:
    case TRAIL_CANVAS_HIT_LANE:
    case TRAIL_CANVAS_HIT_PERSONA:
    case TRAIL_CANVAS_HIT_POINT:
      trail_selection_select_object (self->selection, pointer->press_hit.object);
      take_keyboard (self);
      break;

    case TRAIL_CANVAS_HIT_EMOTIONS:
      {
        TrailStage *stage = NULL;
        double position;

        if (_trail_canvas_stage_at (self, mx, &stage, &position))
          trail_selection_set_cursor (self->selection, pointer->press_hit.lane, stage);
        add_point_at (self, pointer->press_hit.lane, mx, my);
        take_keyboard (self);
      }
      break;

    case TRAIL_CANVAS_HIT_CELL:
      _trail_canvas_focus_cell (self, pointer->press_hit.lane, pointer->press_hit.stage);
      break;

    case TRAIL_CANVAS_HIT_NONE:
    default:
      trail_selection_clear (self->selection);
      gtk_widget_grab_focus (GTK_WIDGET (self));
      break;
    }
}

void
_trail_canvas_drag_end_at (TrailCanvas *self,
                          double       wx,
                          double       wy)
{
  TrailCanvasPointer *pointer = self->pointer;
  TrailCanvasDrag drag;
  TrailDropTarget drop;
  double mx, my;

  if (pointer->drag == TRAIL_CANVAS_DRAG_NONE)
    return;

  _trail_canvas_drag_update_to (self, wx, wy);
  drag = pointer->drag;
  drop = pointer->drop;
  pointer->drag = TRAIL_CANVAS_DRAG_NONE;
  clear_drop (self);
  _trail_canvas_widget_to_map (self, wx, wy, &mx, &my);

  switch (drag)
    {
    case TRAIL_CANVAS_DRAG_PENDING:
      finish_click (self, mx, my);
      break;

    case TRAIL_CANVAS_DRAG_CARD:
      {
        GtkWidget *widget = _trail_canvas_lookup_card_widget (self, pointer->drag_object);
        g_autoptr(GPtrArray) cards = g_ptr_array_new ();

        if (widget != NULL)
          trail_card_widget_set_placeholder (TRAIL_CARD_WIDGET (widget), FALSE);
        if (drop.kind != TRAIL_DROP_CELL)
          break;

        if (trail_selection_contains_card (self->selection, pointer->drag_object))
          g_ptr_array_extend (cards, trail_selection_get_cards (self->selection), NULL, NULL);
        else
          g_ptr_array_add (cards, pointer->drag_object);
        trail_document_move_cards (self->document, (TrailCard **) cards->pdata, cards->len,
                                   drop.lane, drop.stage, drop.index);
        if (pointer->drag_object != NULL)
          trail_canvas_focus_card (self, pointer->drag_object);
      }
      break;

    case TRAIL_CANVAS_DRAG_STAGE:
      {
        TrailStage *stage = pointer->drag_object;
        guint from = trail_document_get_stage_index (self->document, stage);
        guint to = stage_gap_to_index (self, drop.index);

        if (to > from)
          to--;
        if (to != from)
          trail_document_move_stage (self->document, stage, to);
      }
      break;

    case TRAIL_CANVAS_DRAG_LANE:
      {
        TrailLane *lane = pointer->drag_object;
        guint from = trail_document_get_lane_index (self->document, lane);
        guint to = lane_gap_to_index (self, drop.index);

        if (to > from)
          to--;
        if (to != from)
          trail_document_move_lane (self->document, lane, to);
      }
      break;

    case TRAIL_CANVAS_DRAG_POINT:
      trail_document_end_group (self->document);
      break;

    case TRAIL_CANVAS_DRAG_RUBBER_BAND:
      g_clear_pointer (&pointer->rubber_base, g_ptr_array_unref);
      if (trail_selection_get_cards (self->selection)->len > 0)
        trail_canvas_focus_card (self, g_ptr_array_index (trail_selection_get_cards (self->selection), 0));
      else
        gtk_widget_grab_focus (GTK_WIDGET (self));
      break;

    case TRAIL_CANVAS_DRAG_PAN:
    case TRAIL_CANVAS_DRAG_NONE:
    default:
      break;
    }

  pointer->drag_object = NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  _trail_canvas_queue_geometry (self);
}

/* ---- Gesture callbacks -------------------------------------------------- */

static gboolean
event_in_editor (TrailCanvas *self,
                 double       x,
                 double       y)
{
  GtkWidget *picked;

  if (self->editor == NULL)
    return FALSE;
  picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  return picked != NULL && (picked == self->editor || gtk_widget_is_ancestor (picked, self->editor));
}

/* Double-clicks are counted here, not by a click gesture beside the drag
 * gesture: then a press is handled once, in one order. */
static void
count_press (TrailCanvas    *self,
             double          x,
             double          y,
             GtkGestureDrag *gesture)
{
  TrailCanvasPointer *pointer = self->pointer;
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (gesture));
  guint32 time = event != NULL ? gdk_event_get_time (event) : 0;
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));
  int double_time = 400, distance = 5;

  g_object_get (settings, "gtk-double-click-time", &double_time,
                "gtk-double-click-distance", &distance, NULL);
  if (pointer->n_press == 1 && time - pointer->last_press_time <= (guint32) double_time &&
      fabs (x - pointer->last_press_x) <= distance && fabs (y - pointer->last_press_y) <= distance)
    pointer->n_press = 2;
  else
    pointer->n_press = 1;
  pointer->last_press_time = time;
  pointer->last_press_x = x;
  pointer->last_press_y = y;
}

static void
on_drag_begin_cb (TrailCanvas    *self,
                  double          x,
                  double          y,
                  GtkGestureDrag *gesture)
{
  TrailCanvasPointer *pointer = self->pointer;
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  if (self->document == NULL || event_in_editor (self, x, y))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  if (self->editor != NULL)
    _trail_canvas_finish_edit (self, TRUE);

  pointer->press_state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  if (button == GDK_BUTTON_MIDDLE || (button == GDK_BUTTON_PRIMARY && pointer->space_held))
    {
      pointer->drag = TRAIL_CANVAS_DRAG_PAN;
      pointer->drag_start_x = x;
      pointer->drag_start_y = y;
      pointer->pan_start_h = gtk_adjustment_get_value (self->hadjustment);
      pointer->pan_start_v = gtk_adjustment_get_value (self->vadjustment);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }
  if (button != GDK_BUTTON_PRIMARY)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  count_press (self, x, y, gesture);
  _trail_canvas_drag_begin_at (self, x, y);
}

static void
on_drag_update_cb (TrailCanvas    *self,
                   double          dx,
                   double          dy,
                   GtkGestureDrag *gesture)
{
  TrailCanvasPointer *pointer = self->pointer;
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  if (pointer->drag == TRAIL_CANVAS_DRAG_PAN)
    {
      /* Panning: offsets stay relative to the press, not the view. */
      gtk_adjustment_set_value (self->hadjustment, pointer->pan_start_h - dx);
      gtk_adjustment_set_value (self->vadjustment, pointer->pan_start_v - dy);
      return;
    }
  _trail_canvas_drag_update_to (self, x + dx, y + dy);
}

static void
on_drag_end_cb (TrailCanvas    *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  TrailCanvasPointer *pointer = self->pointer;
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  if (pointer->drag == TRAIL_CANVAS_DRAG_PAN)
    {
      pointer->drag = TRAIL_CANVAS_DRAG_NONE;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), pointer->space_held ? "grab" : NULL);
      return;
    }
  _trail_canvas_drag_end_at (self, x + dx, y + dy);
}

static void
on_drag_cancel_cb (TrailCanvas      *self,
                   GdkEventSequence *sequence,
                   GtkGesture       *gesture)
{
  TrailCanvasPointer *pointer = self->pointer;
  GtkWidget *widget;

  if (pointer->drag == TRAIL_CANVAS_DRAG_POINT)
    trail_document_end_group (self->document);
  if (pointer->drag == TRAIL_CANVAS_DRAG_CARD &&
      (widget = _trail_canvas_lookup_card_widget (self, pointer->drag_object)) != NULL)
    trail_card_widget_set_placeholder (TRAIL_CARD_WIDGET (widget), FALSE);

  pointer->drag = TRAIL_CANVAS_DRAG_NONE;
  pointer->drag_object = NULL;
  clear_drop (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_click_pressed_cb (TrailCanvas     *self,
                     int              n_press,
                     double           x,
                     double           y,
                     GtkGestureClick *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  double mx, my;
  TrailCanvasHit hit;

  if (self->document == NULL || event_in_editor (self, x, y))
    {
      /* Not ours: no "released", so no menu either. */
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  _trail_canvas_widget_to_map (self, x, y, &mx, &my);
  hit = hit_test (self, mx, my);

  if (button == GDK_BUTTON_SECONDARY)
    {
      if (self->editor != NULL)
        _trail_canvas_finish_edit (self, TRUE);
      switch (hit.kind)
        {
        case TRAIL_CANVAS_HIT_CARD:
          if (!trail_selection_contains_card (self->selection, hit.object))
            {
              TrailCard *card = hit.object;
              trail_selection_select_card (self->selection, card);
            }
          trail_canvas_focus_card (self, hit.object);
          break;
        case TRAIL_CANVAS_HIT_STAGE:
        case TRAIL_CANVAS_HIT_LANE:
        case TRAIL_CANVAS_HIT_POINT:
          trail_selection_select_object (self->selection, hit.object);
          break;
        case TRAIL_CANVAS_HIT_CELL:
          _trail_canvas_focus_cell (self, hit.lane, hit.stage);
          break;
        case TRAIL_CANVAS_HIT_NONE:
        case TRAIL_CANVAS_HIT_EMOTIONS:
        case TRAIL_CANVAS_HIT_PERSONA:
        default:
          break;
        }
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }
}

/* The menu opens on release, not on press: with GTK 4.24 on X11, a
 * popover that grabs the pointer while the press is still down takes its
 * release from the window, which then ignored every later click and key
 * (a quick click, as a touchpad tap or xdotool sends, did it each time). */
static void
on_click_released_cb (TrailCanvas     *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  if (self->document == NULL)
    return;

  _trail_canvas_open_context_menu (self, x, y);
}

static void
on_key_space_cb (TrailCanvas *self,
                 gboolean     held)
{
  TrailCanvasPointer *pointer = self->pointer;

  if (pointer->space_held == held)
    return;
  pointer->space_held = held;
  if (pointer->drag != TRAIL_CANVAS_DRAG_PAN)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), held ? "grab" : NULL);
}

static gboolean
on_space_pressed_cb (TrailCanvas           *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  if (keyval != GDK_KEY_space || self->editor != NULL)
    return FALSE;
  on_key_space_cb (self, TRUE);
  return TRUE;
}

static void
on_space_released_cb (TrailCanvas           *self,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkEventControllerKey *controller)
{
  if (keyval == GDK_KEY_space)
    on_key_space_cb (self, FALSE);
}

void
_trail_canvas_init_pointer (TrailCanvas *self)
{
  GtkGesture *gesture;
  GtkDropTarget *drop;
  GtkEventController *keys;

  self->pointer = g_new0 (TrailCanvasPointer, 1);
  self->pointer->menus = gtk_builder_new_from_resource (RESOURCE_PATH "/ui/trail-canvas-menus.ui");

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  g_signal_connect_swapped (gesture, "cancel", G_CALLBACK (on_drag_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (on_click_pressed_cb), self);
  g_signal_connect_swapped (gesture, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  drop = gtk_drop_target_new (TRAIL_TYPE_PALETTE_ITEM, GDK_ACTION_COPY);
  gtk_drop_target_set_preload (drop, TRUE);
  g_signal_connect_swapped (drop, "motion", G_CALLBACK (on_drop_motion_cb), self);
  g_signal_connect_swapped (drop, "enter", G_CALLBACK (on_drop_motion_cb), self);
  g_signal_connect_swapped (drop, "leave", G_CALLBACK (on_drop_leave_cb), self);
  g_signal_connect_swapped (drop, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);
  g_signal_connect_swapped (drop, "drop", G_CALLBACK (on_text_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  /* Space+drag pans, as in every drawing program. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_space_pressed_cb), self);
  g_signal_connect_swapped (keys, "key-released", G_CALLBACK (on_space_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/* Drops what the pointer state holds; the state itself lives until
 * finalize, as the controllers that write it may. */
void
_trail_canvas_dispose_pointer (TrailCanvas *self)
{
  TrailCanvasPointer *pointer = self->pointer;

  g_clear_pointer (&pointer->context_menu, gtk_widget_unparent);
  g_clear_object (&pointer->menus);
  g_clear_object (&pointer->dnd_item);
  g_clear_pointer (&pointer->rubber_base, g_ptr_array_unref);
  /* After the menu: unmapping it queues this. */
  g_clear_handle_id (&pointer->menu_closing, g_source_remove);
  g_clear_handle_id (&pointer->edit_after_menu, g_source_remove);
}

void
_trail_canvas_free_pointer (TrailCanvas *self)
{
  g_clear_pointer (&self->pointer, g_free);
}

/* ---- Drawing the feedback ----------------------------------------------- */

static void
append_marker (TrailCanvas           *self,
               GtkSnapshot           *snapshot,
               const graphene_rect_t *rect)
{
  GskRoundedRect rr;

  gsk_rounded_rect_init_from_rect (&rr, rect, MIN (rect->size.width, rect->size.height) / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &rr);
  gtk_snapshot_append_color (snapshot, &self->style->selection, rect);
  gtk_snapshot_pop (snapshot);
}

static void
snapshot_drop_target (TrailCanvas           *self,
                      GtkSnapshot           *snapshot,
                      const TrailDropTarget *drop)
{
  const TrailLayoutItem *item;
  float thick = 4 / MIN (self->zoom, 1.0);

  switch (drop->kind)
    {
    case TRAIL_DROP_CELL:
      {
        GPtrArray *cards;
        float y;

        if ((item = trail_layout_get_cell (self->layout, drop->lane, drop->stage)) == NULL)
          break;
        trail_painter_draw_cell (snapshot, self->layout, item, TRAIL_PAINT_STATE_DROP_TARGET);

        /* The insertion marker: where among the cell's cards it lands. */
        cards = trail_document_get_cell_cards (self->document, drop->lane, drop->stage);
        if (cards->len == 0)
          y = item->bounds.origin.y + self->style->cell_padding / 2;
        else if (drop->index < cards->len)
          {
            const TrailLayoutItem *c = trail_layout_find (self->layout, cards->pdata[drop->index]);
            y = c != NULL ? c->bounds.origin.y - self->style->card_gap / 2 : item->bounds.origin.y;
          }
        else
          {
            const TrailLayoutItem *c = trail_layout_find (self->layout, cards->pdata[cards->len - 1]);
            y = c != NULL ? c->bounds.origin.y + c->bounds.size.height + self->style->card_gap / 2
                          : item->bounds.origin.y;
          }
        g_ptr_array_unref (cards);
        append_marker (self, snapshot,
                       &GRAPHENE_RECT_INIT (item->bounds.origin.x + self->style->cell_padding,
                                            y - thick / 2,
                                            item->bounds.size.width - 2 * self->style->cell_padding, thick));
      }
      break;

    case TRAIL_DROP_STAGE_GAP:
      {
        GPtrArray *stages = trail_layout_get_stages (self->layout);
        float x, top = 0;

        if (stages->len == 0)
          x = self->style->margin + self->style->lane_header_width;
        else if (drop->index < stages->len)
          x = ((TrailLayoutItem *) stages->pdata[drop->index])->bounds.origin.x;
        else
          x = grid_right (self);
        if (stages->len > 0)
          top = ((TrailLayoutItem *) stages->pdata[0])->bounds.origin.y;
        append_marker (self, snapshot, &GRAPHENE_RECT_INIT (x - thick / 2, top, thick, grid_bottom (self) - top));
      }
      break;

    case TRAIL_DROP_LANE_GAP:
      {
        GPtrArray *lanes = trail_layout_get_lanes (self->layout);
        float y, left = self->style->margin;

        if (lanes->len == 0)
          y = grid_bottom (self);
        else if (drop->index < lanes->len)
          y = ((TrailLayoutItem *) lanes->pdata[drop->index])->bounds.origin.y;
        else
          y = grid_bottom (self);
        if (lanes->len > 0)
          left = ((TrailLayoutItem *) lanes->pdata[0])->bounds.origin.x;
        append_marker (self, snapshot, &GRAPHENE_RECT_INIT (left, y - thick / 2, grid_right (self) - left, thick));
      }
      break;

    case TRAIL_DROP_ON_CARD:
      if ((item = trail_layout_find (self->layout, drop->card)) != NULL)
        {
          GskRoundedRect rr;
          GdkRGBA c[4] = { self->style->selection, self->style->selection,
                           self->style->selection, self->style->selection };
          graphene_rect_t r;

          graphene_rect_inset_r (&item->bounds, -4, -4, &r);
          gsk_rounded_rect_init_from_rect (&rr, &r, self->style->card_radius + 4);
          gtk_snapshot_append_border (snapshot, &rr, (float[]) { 3, 3, 3, 3 }, c);
        }
      break;

    case TRAIL_DROP_ON_LANE:
    case TRAIL_DROP_ON_EMOTIONS:
      if ((item = trail_layout_find (self->layout, drop->lane)) != NULL)
        trail_painter_draw_lane (snapshot, self->layout, item, TRAIL_PAINT_STATE_SELECTED);
      break;

    case TRAIL_DROP_NONE:
    default:
      break;
    }
}

/* Under the cards: drop targets and the rubber band. */
void
_trail_canvas_snapshot_overlays (TrailCanvas *self,
                                GtkSnapshot *snapshot)
{
  TrailCanvasPointer *pointer = self->pointer;

  if (pointer->drop.kind != TRAIL_DROP_NONE && pointer->drop.kind != TRAIL_DROP_ON_CARD)
    snapshot_drop_target (self, snapshot, &pointer->drop);
}

static void
snapshot_point_value (TrailCanvas *self,
                      GtkSnapshot *snapshot)
{
  TrailEmotionPoint *point = self->pointer->drag_object;
  const TrailLayoutItem *emotions = find_emotions_item (self, self->pointer->press_hit.lane);
  g_autofree char *text = NULL;
  PangoLayout *layout;
  graphene_point_t pt;
  int w, h;
  double score;
  GskRoundedRect rr;
  GdkRGBA on = self->style->page;

  if (emotions == NULL || !_trail_canvas_point_position (self, point, emotions, &pt))
    return;

  score = trail_emotion_point_get_score (point);
  /* Translators: an emotion point's value while it is dragged, e.g. "+1 · Positive" */
  text = g_strdup_printf (_("%+g · %s"), score,
                          trail_document_get_scale_label (self->document, (int) round (score)));
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  pango_layout_get_pixel_size (layout, &w, &h);

  gsk_rounded_rect_init_from_rect (&rr, &GRAPHENE_RECT_INIT (pt.x + 14, pt.y - h / 2.0 - 5, w + 16, h + 10), 6);
  gtk_snapshot_push_rounded_clip (snapshot, &rr);
  gtk_snapshot_append_color (snapshot, &self->style->text, &rr.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (pt.x + 22, pt.y - h / 2.0));
  gtk_snapshot_append_layout (snapshot, layout, &on);
  gtk_snapshot_restore (snapshot);
  g_object_unref (layout);
}

/* Above the cards: what a drag carries. */
void
_trail_canvas_snapshot_dnd (TrailCanvas *self,
                           GtkSnapshot *snapshot)
{
  TrailCanvasPointer *pointer = self->pointer;
  double mx, my, sx, sy;
  const TrailLayoutItem *item;

  if (pointer->drop.kind == TRAIL_DROP_ON_CARD)
    snapshot_drop_target (self, snapshot, &pointer->drop);

  if (pointer->drag == TRAIL_CANVAS_DRAG_RUBBER_BAND)
    {
      graphene_rect_t r;
      GdkRGBA fill = self->style->selection;
      GskRoundedRect rr;
      GdkRGBA c[4] = { self->style->selection, self->style->selection,
                       self->style->selection, self->style->selection };

      _trail_canvas_widget_to_map (self, MIN (pointer->drag_start_x, pointer->drag_x),
                                  MIN (pointer->drag_start_y, pointer->drag_y), &mx, &my);
      _trail_canvas_widget_to_map (self, MAX (pointer->drag_start_x, pointer->drag_x),
                                  MAX (pointer->drag_start_y, pointer->drag_y), &sx, &sy);
      r = GRAPHENE_RECT_INIT (mx, my, sx - mx, sy - my);
      fill.alpha = 0.15f;
      gtk_snapshot_append_color (snapshot, &fill, &r);
      gsk_rounded_rect_init_from_rect (&rr, &r, 0);
      gtk_snapshot_append_border (snapshot, &rr, (float[]) { 1, 1, 1, 1 }, c);
      return;
    }

  if (pointer->drag == TRAIL_CANVAS_DRAG_POINT)
    {
      snapshot_point_value (self, snapshot);
      return;
    }

  if (pointer->drag != TRAIL_CANVAS_DRAG_CARD && pointer->drag != TRAIL_CANVAS_DRAG_STAGE &&
      pointer->drag != TRAIL_CANVAS_DRAG_LANE)
    return;
  if ((item = trail_layout_find (self->layout, pointer->drag_object)) == NULL)
    return;

  /* The carried item follows the pointer, keeping where it was grabbed. */
  _trail_canvas_widget_to_map (self, pointer->drag_x, pointer->drag_y, &mx, &my);
  _trail_canvas_widget_to_map (self, pointer->drag_start_x, pointer->drag_start_y, &sx, &sy);
  gtk_snapshot_save (snapshot);
  if (pointer->drag == TRAIL_CANVAS_DRAG_STAGE)
    gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (mx - sx, 0));
  else if (pointer->drag == TRAIL_CANVAS_DRAG_LANE)
    gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, my - sy));
  else
    gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (mx - sx, my - sy));
  gtk_snapshot_push_opacity (snapshot, 0.9);
  trail_painter_draw_item (snapshot, self->layout, item,
                           pointer->drag == TRAIL_CANVAS_DRAG_CARD ? TRAIL_PAINT_STATE_DRAGGED
                                                                : TRAIL_PAINT_STATE_SELECTED);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_restore (snapshot);
}

/* ---- Context menus ------------------------------------------------------ */

/* The menus are in trail-canvas-menus.ui; their items name the map view's
 * actions, which act on the selection the click made. */
static GMenuModel *
get_context_menu (TrailCanvas *self)
{
  GObject *object = trail_selection_get_object (self->selection);
  const char *id;

  if (trail_selection_get_n_cards (self->selection) > 0)
    id = "card_menu";
  else if (TRAIL_IS_STAGE (object))
    id = "stage_menu";
  else if (TRAIL_IS_LANE (object))
    id = "lane_menu";
  else if (TRAIL_IS_EMOTION_POINT (object))
    id = "point_menu";
  else
    id = "cell_menu";

  return G_MENU_MODEL (gtk_builder_get_object (self->pointer->menus, id));
}

static gboolean
menu_closed_idle_cb (gpointer data)
{
  TrailCanvas *self = data;

  self->pointer->menu_closing = 0;
  return G_SOURCE_REMOVE;
}

static void
on_context_menu_closed_cb (TrailCanvas *self)
{
  TrailCanvasPointer *pointer = self->pointer;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* Until the item chosen has run and the menu has given the keyboard
   * back: an editor opened meanwhile waits for that. */
  if (pointer->menu_closing == 0)
    pointer->menu_closing = g_idle_add_full (G_PRIORITY_HIGH, menu_closed_idle_cb, self, NULL);

  /* Back to where the keyboard was, unless an item moved it on. */

  if (focus == NULL || focus == pointer->context_menu || gtk_widget_is_ancestor (focus, pointer->context_menu))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* The menu gives the keyboard back after its item ran. */
gboolean
_trail_canvas_context_menu_is_open (TrailCanvas *self)
{
  TrailCanvasPointer *pointer = self->pointer;

  return pointer->context_menu != NULL && (gtk_widget_get_mapped (pointer->context_menu) || pointer->menu_closing);
}

static gboolean
edit_after_menu_cb (gpointer data)
{
  TrailCanvas *self = data;
  gboolean new_card = self->pointer->edit_after_menu_new_card;

  self->pointer->edit_after_menu = 0;
  if (new_card)
    trail_canvas_new_card (self);
  else
    trail_canvas_edit (self);
  return G_SOURCE_REMOVE;
}

/* Chosen in the context menu: the editor opens once the menu has closed
 * and given the keyboard back, or closing it would close the editor. */
void
_trail_canvas_edit_after_menu (TrailCanvas *self,
                               gboolean     new_card)
{
  self->pointer->edit_after_menu_new_card = new_card;
  if (self->pointer->edit_after_menu == 0)
    self->pointer->edit_after_menu = g_idle_add_full (G_PRIORITY_HIGH, edit_after_menu_cb, self, NULL);
}

void
_trail_canvas_allocate_context_menu (TrailCanvas *self)
{
  if (self->pointer->context_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->pointer->context_menu));
}

void
_trail_canvas_open_context_menu (TrailCanvas *self,
                                 double       wx,
                                 double       wy)
{
  TrailCanvasPointer *pointer = self->pointer;

  if (pointer->context_menu == NULL)
    {
      pointer->context_menu = gtk_popover_menu_new_from_model (NULL);
      gtk_widget_set_parent (pointer->context_menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (pointer->context_menu), FALSE);
      gtk_widget_set_halign (pointer->context_menu, GTK_ALIGN_START);
      g_signal_connect_object (pointer->context_menu, "closed",
                               G_CALLBACK (on_context_menu_closed_cb), self, G_CONNECT_SWAPPED);
    }

  /* Pointed outside the visible canvas (an item larger than the view, or
   * not scrolled fully in) GTK finds no monitor for the menu. */
  wx = CLAMP (wx, 0, MAX (0, gtk_widget_get_width (GTK_WIDGET (self)) - 1));
  wy = CLAMP (wy, 0, MAX (0, gtk_widget_get_height (GTK_WIDGET (self)) - 1));

  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (pointer->context_menu), get_context_menu (self));
  gtk_popover_set_pointing_to (GTK_POPOVER (pointer->context_menu),
                               &(GdkRectangle) { (int) wx, (int) wy, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (pointer->context_menu));
}

/* ---- The keyboard's way to "drag" from the palette ---------------------- */

void
trail_canvas_insert_item (TrailCanvas      *self,
                          TrailPaletteItem *item)
{
  TrailDropTarget target = { TRAIL_DROP_NONE, NULL, NULL, NULL, 0 };
  GPtrArray *lanes, *stages;
  GPtrArray *selection;
  GObject *object;
  TrailLane *lane;
  TrailStage *stage;
  int li, si;

  g_return_if_fail (TRAIL_IS_CANVAS (self));
  g_return_if_fail (TRAIL_IS_PALETTE_ITEM (item));

  if (self->document == NULL || self->layout == NULL)
    return;

  trail_selection_get_cursor (self->selection, &lane, &stage);
  object = trail_selection_get_object (self->selection);
  selection = trail_selection_get_cards (self->selection);
  if (selection->len > 0)
    {
      TrailCard *card = selection->pdata[selection->len - 1];
      lane = trail_document_find_lane (self->document, trail_card_get_lane_id (card));
      stage = trail_document_find_stage (self->document, trail_card_get_stage_id (card));
    }
  if (TRAIL_IS_STAGE (object))
    stage = TRAIL_STAGE (object);
  if (TRAIL_IS_LANE (object))
    lane = TRAIL_LANE (object);

  lanes = trail_layout_get_lanes (self->layout);
  stages = trail_layout_get_stages (self->layout);
  li = -1;
  si = -1;
  for (guint i = 0; lane != NULL && i < lanes->len; i++)
    if (((TrailLayoutItem *) lanes->pdata[i])->object == (gpointer) lane)
      li = i;
  for (guint i = 0; stage != NULL && i < stages->len; i++)
    if (((TrailLayoutItem *) stages->pdata[i])->object == (gpointer) stage)
      si = i;

  switch (trail_palette_item_get_kind (item))
    {
    case TRAIL_PALETTE_ITEM_STAGE:
      target.kind = TRAIL_DROP_STAGE_GAP;
      target.index = si >= 0 ? (guint) si + 1 : stages->len;
      break;

    case TRAIL_PALETTE_ITEM_LANE:
      target.kind = TRAIL_DROP_LANE_GAP;
      target.index = li >= 0 ? (guint) li + 1 : lanes->len;
      break;

    case TRAIL_PALETTE_ITEM_CARD:
      if (stages->len == 0)
        break;
      if (si < 0)
        si = 0;
      /* The keyboard's lane if the card fits there, else the first that fits. */
      if (li < 0 || !trail_palette_item_fits_lane (item, trail_lane_get_kind (lane)))
        {
          li = -1;
          for (guint i = 0; i < lanes->len && li < 0; i++)
            if (trail_palette_item_fits_lane (item, trail_lane_get_kind (((TrailLayoutItem *) lanes->pdata[i])->object)))
              li = i;
        }
      if (li < 0)
        {
          _trail_canvas_show_toast (self, trail_compat_toast_new (_("No lane takes this kind of card")));
          break;
        }
      target.kind = TRAIL_DROP_CELL;
      target.lane = ((TrailLayoutItem *) lanes->pdata[li])->object;
      target.stage = ((TrailLayoutItem *) stages->pdata[si])->object;
      {
        g_autoptr(GPtrArray) cards = trail_document_get_cell_cards (self->document, target.lane, target.stage);
        target.index = cards->len;
        if (selection->len > 0 && target.lane == lane)
          target.index = trail_document_get_card_index (self->document, selection->pdata[selection->len - 1]) + 1;
      }
      break;

    case TRAIL_PALETTE_ITEM_PERSONA:
      if (selection->len > 0)
        {
          target.kind = TRAIL_DROP_ON_CARD;
          target.card = selection->pdata[selection->len - 1];
        }
      else if (lane != NULL)
        {
          target.kind = trail_lane_get_kind (lane) == TRAIL_LANE_KIND_EMOTIONS ? TRAIL_DROP_ON_EMOTIONS
                                                                              : TRAIL_DROP_ON_LANE;
          target.lane = lane;
        }
      break;

    default:
      break;
    }

  if (target.kind != TRAIL_DROP_NONE)
    apply_palette_item (self, item, &target);
}
