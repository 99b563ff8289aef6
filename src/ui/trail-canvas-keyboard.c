/* trail-canvas-keyboard.c — the keyboard on the canvas
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A facilitator captures what the room says with the keyboard alone:
 * arrows and Tab walk cards and cells, Enter or N starts a card in an empty
 * cell, typing on a card edits it, typing on a selected stage or lane
 * renames it, + and − vote. Keys that edit the map name the map view's
 * actions (trail-map-view-actions.c), so keys, menus and buttons all run
 * the same code.
 */
#define G_LOG_DOMAIN "trail-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "trail-canvas-private.h"
#include "trail-card-widget.h"

/* ---- Where the keyboard is --------------------------------------------- */

static TrailCard *
get_focus_card (TrailCanvas *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (TRAIL_IS_CARD_WIDGET (focus) && gtk_widget_get_parent (focus) == GTK_WIDGET (self))
    return trail_card_widget_get_card (TRAIL_CARD_WIDGET (focus));

  return NULL;
}

TrailCard *
trail_canvas_get_current_card (TrailCanvas *self)
{
  TrailCard *card;

  g_return_val_if_fail (TRAIL_IS_CANVAS (self), NULL);

  if (self->selection == NULL)
    return NULL;
  if ((card = get_focus_card (self)) == NULL)
    card = trail_selection_get_single_card (self->selection);

  return card;
}

static int
index_of_object (GPtrArray *items,
                 gpointer   object)
{
  for (guint i = 0; i < items->len; i++)
    if (((TrailLayoutItem *) items->pdata[i])->object == object)
      return i;

  return -1;
}

/* The cell of the keyboard: the current card's, else the cursor. */
static gboolean
get_current_cell (TrailCanvas  *self,
                  TrailLane   **lane,
                  TrailStage  **stage)
{
  TrailCard *card = trail_canvas_get_current_card (self);

  if (card != NULL)
    {
      *lane = trail_document_find_lane (self->document, trail_card_get_lane_id (card));
      *stage = trail_document_find_stage (self->document, trail_card_get_stage_id (card));
    }
  else
    trail_selection_get_cursor (self->selection, lane, stage);

  return *lane != NULL && *stage != NULL;
}

/* Moves the keyboard to a cell: its card at @card_index (clamped; -1 for
 * the last), or the cell itself when it is empty. */
static void
go_to_cell (TrailCanvas *self,
            TrailLane   *lane,
            TrailStage  *stage,
            int          card_index)
{
  g_autoptr(GPtrArray) cards = trail_document_get_cell_cards (self->document, lane, stage);

  if (cards->len > 0 && trail_lane_get_kind (lane) != TRAIL_LANE_KIND_EMOTIONS)
    {
      TrailCard *card;

      if (card_index < 0 || card_index >= (int) cards->len)
        card_index = card_index < 0 ? (int) cards->len - 1 : (int) cards->len - 1;
      card = cards->pdata[card_index];
      trail_selection_select_card (self->selection, card);
      trail_canvas_focus_card (self, card);
      return;
    }

  _trail_canvas_focus_cell (self, lane, stage);
}

static gboolean
move_cursor (TrailCanvas *self,
             int          dx,
             int          dy)
{
  GPtrArray *lanes, *stages;
  TrailLane *lane;
  TrailStage *stage;
  TrailCard *card;
  int li, si, ci = -1;
  g_autoptr(GPtrArray) cards = NULL;

  if (self->layout == NULL || !get_current_cell (self, &lane, &stage))
    return FALSE;

  lanes = trail_layout_get_lanes (self->layout);
  stages = trail_layout_get_stages (self->layout);
  li = index_of_object (lanes, lane);
  si = index_of_object (stages, stage);
  if (li < 0 || si < 0)
    return FALSE;

  card = get_focus_card (self);
  cards = trail_document_get_cell_cards (self->document, lane, stage);
  if (card != NULL)
    ci = trail_document_get_card_index (self->document, card);

  if (dy != 0 && card != NULL)
    {
      int next = ci + dy;

      if (next >= 0 && next < (int) cards->len)
        {
          go_to_cell (self, lane, stage, next);
          return TRUE;
        }
    }

  li += dy;
  si += dx;
  if (li < 0 || li >= (int) lanes->len || si < 0 || si >= (int) stages->len)
    return TRUE;  /* at the edge: stay */

  go_to_cell (self, ((TrailLayoutItem *) lanes->pdata[li])->object,
              ((TrailLayoutItem *) stages->pdata[si])->object,
              dy < 0 ? -1 : dy > 0 ? 0 : MAX (ci, 0));
  return TRUE;
}

/* Tab walks the cells along each lane; past the last one it lets focus
 * leave the canvas, so the panels stay reachable. */
gboolean
_trail_canvas_tab (TrailCanvas *self,
                   int          direction)
{
  GPtrArray *lanes, *stages;
  TrailLane *lane;
  TrailStage *stage;
  int li, si;

  if (self->layout == NULL || !get_current_cell (self, &lane, &stage))
    return FALSE;

  lanes = trail_layout_get_lanes (self->layout);
  stages = trail_layout_get_stages (self->layout);
  li = index_of_object (lanes, lane);
  si = index_of_object (stages, stage);
  if (li < 0 || si < 0)
    return FALSE;

  si += direction;
  if (si >= (int) stages->len)
    {
      si = 0;
      li++;
    }
  else if (si < 0)
    {
      si = stages->len - 1;
      li--;
    }
  if (li < 0 || li >= (int) lanes->len)
    return FALSE;

  go_to_cell (self, ((TrailLayoutItem *) lanes->pdata[li])->object,
              ((TrailLayoutItem *) stages->pdata[si])->object, 0);
  return TRUE;
}

static void
adjust_emotion (TrailCanvas *self,
                int          step)
{
  TrailLane *lane = trail_selection_get_cursor_lane (self->selection);
  TrailStage *stage = trail_selection_get_cursor_stage (self->selection);
  TrailEmotionLine *line;
  TrailEmotionPoint *point = NULL;
  GListModel *points;
  int min, max;

  if (lane == NULL || stage == NULL)
    return;

  min = trail_document_get_scale_min (self->document);
  max = trail_document_get_scale_max (self->document);
  trail_document_begin_group (self->document, _("Change Emotion"));
  line = _trail_canvas_line_for_lane (self, lane);
  points = trail_emotion_line_get_points (line);
  for (guint i = 0; i < g_list_model_get_n_items (points) && point == NULL; i++)
    {
      g_autoptr(TrailEmotionPoint) p = g_list_model_get_item (points, i);
      if (g_strcmp0 (trail_emotion_point_get_stage_id (p), trail_stage_get_id (stage)) == 0)
        point = p;
    }

  if (point == NULL)
    point = trail_document_add_emotion_point (self->document, line, stage, 0.5,
                                              CLAMP (round (trail_document_get_scale_neutral (self->document)) + step,
                                                     min, max), NULL);
  else
    trail_document_set_emotion_point (self->document, point, stage, trail_emotion_point_get_position (point),
                                      CLAMP (round (trail_emotion_point_get_score (point)) + step, min, max));
  trail_document_end_group (self->document);

  if (point != NULL)
    trail_selection_select_object (self->selection, point);
}

/* ---- The canvas's own editing entry points ------------------------------ */

gboolean
trail_canvas_edit (TrailCanvas *self)
{
  TrailCard *card;
  GObject *object;

  g_return_val_if_fail (TRAIL_IS_CANVAS (self), FALSE);

  if (self->selection == NULL || self->layout == NULL)
    return FALSE;
  if (_trail_canvas_context_menu_is_open (self))
    {
      _trail_canvas_edit_after_menu (self, FALSE);
      return TRUE;
    }

  object = trail_selection_get_object (self->selection);
  if (TRAIL_IS_STAGE (object) || TRAIL_IS_LANE (object))
    {
      _trail_canvas_begin_rename (self, object, NULL);
      return self->editor != NULL;
    }
  if ((card = trail_canvas_get_current_card (self)) != NULL)
    {
      _trail_canvas_begin_edit (self, card, NULL);
      return self->editor != NULL;
    }

  return FALSE;
}

void
trail_canvas_new_card (TrailCanvas *self)
{
  TrailCard *card;
  TrailLane *lane;
  TrailStage *stage;

  g_return_if_fail (TRAIL_IS_CANVAS (self));

  if (self->layout == NULL || !get_current_cell (self, &lane, &stage))
    return;
  if (_trail_canvas_context_menu_is_open (self))
    {
      _trail_canvas_edit_after_menu (self, TRUE);
      return;
    }

  card = trail_canvas_get_current_card (self);
  _trail_canvas_begin_new_card (self, lane, stage,
                                card != NULL ? (int) trail_document_get_card_index (self->document, card) + 1 : -1);
}

/* ---- Key bindings with conditions -------------------------------------- */

static gboolean
arrow_binding (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);
  int dx, dy;

  if (self->editor != NULL || self->layout == NULL)
    return FALSE;
  g_variant_get (args, "(ii)", &dx, &dy);
  return move_cursor (self, dx, dy);
}

static gboolean
alt_arrow_binding (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);
  TrailLane *lane;
  const char *where;

  if (self->editor != NULL || self->layout == NULL)
    return FALSE;
  g_variant_get (args, "&s", &where);

  /* In an emotions lane, Alt+Up/Down raise and lower the stage's point. */
  lane = trail_selection_get_cursor_lane (self->selection);
  if (get_focus_card (self) == NULL && lane != NULL &&
      trail_lane_get_kind (lane) == TRAIL_LANE_KIND_EMOTIONS)
    {
      if (g_str_equal (where, "up") || g_str_equal (where, "down"))
        adjust_emotion (self, g_str_equal (where, "up") ? 1 : -1);
      return TRUE;
    }

  return gtk_widget_activate_action (widget, "map.move-card", "s", where);
}

static gboolean
tab_binding (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);

  if (self->editor != NULL || self->layout == NULL)
    return FALSE;
  return _trail_canvas_tab (self, g_variant_get_int32 (args));
}

/* Enter edits the card or renames the selected header, or starts a card
 * in an empty cell; N always starts one, unless a card has focus: there
 * "n" is the first letter typed. */
static gboolean
enter_binding (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);
  gboolean is_n = g_variant_get_boolean (args);
  GObject *object;
  TrailCard *card;
  TrailLane *lane;
  TrailStage *stage;

  if (self->editor != NULL || self->layout == NULL)
    return FALSE;

  card = get_focus_card (self);
  if (card != NULL)
    {
      if (is_n)
        return FALSE;
      _trail_canvas_begin_edit (self, card, NULL);
      return TRUE;
    }

  /* On a selected header, N is the first letter of its new name. */
  object = trail_selection_get_object (self->selection);
  if (TRAIL_IS_STAGE (object) || TRAIL_IS_LANE (object))
    {
      if (is_n)
        return FALSE;
      _trail_canvas_begin_rename (self, object, NULL);
      return TRUE;
    }

  if (!get_current_cell (self, &lane, &stage))
    return FALSE;
  if (trail_lane_get_kind (lane) == TRAIL_LANE_KIND_EMOTIONS)
    {
      adjust_emotion (self, 0);
      return TRUE;
    }
  _trail_canvas_begin_new_card (self, lane, stage, -1);
  return TRUE;
}

static gboolean
escape_binding (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);

  if (self->editor != NULL || self->selection == NULL || trail_selection_is_empty (self->selection))
    return FALSE;

  trail_selection_clear (self->selection);
  if (get_focus_card (self) != NULL)
    gtk_widget_grab_focus (widget);
  return TRUE;
}

/* Shift+F10 and Menu: the menu of what has the keyboard. */
static gboolean
context_menu_binding (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);
  TrailCard *card = get_focus_card (self);
  GObject *object;
  const TrailLayoutItem *item = NULL;
  TrailLane *lane;
  TrailStage *stage;
  double wx, wy;

  if (self->editor != NULL || self->layout == NULL)
    return FALSE;

  object = trail_selection_get_object (self->selection);
  if (card != NULL)
    item = trail_layout_find (self->layout, card);
  else if (object != NULL && !TRAIL_IS_EMOTION_POINT (object))
    item = trail_layout_find (self->layout, object);
  else if (get_current_cell (self, &lane, &stage))
    item = trail_layout_get_cell (self->layout, lane, stage);
  if (item == NULL || !gtk_widget_get_mapped (widget))
    return FALSE;

  /* The menu points at what it is for: that has to be in view, wherever
   * the keyboard left it. */
  _trail_canvas_scroll_to_rect (self, &item->bounds);
  _trail_canvas_map_to_widget (self, item->bounds.origin.x + item->bounds.size.width / 2,
                               item->bounds.origin.y + MIN (item->bounds.size.height / 2, 24), &wx, &wy);
  _trail_canvas_open_context_menu (self, wx, wy);
  return TRUE;
}

static gboolean
is_vote_key (guint keyval)
{
  return keyval == GDK_KEY_plus || keyval == GDK_KEY_KP_Add ||
         keyval == GDK_KEY_minus || keyval == GDK_KEY_KP_Subtract;
}

/* Typing starts an editor with what was typed: on a card it replaces the
 * card's text; on a selected stage or lane it replaces the name (typing
 * on what is selected replaces it, as everywhere); on a cell it starts a
 * new card there. The first letters go into the editor, none is lost. */
static gboolean
on_key_pressed_cb (TrailCanvas           *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  gunichar c = gdk_keyval_to_unicode (keyval);
  char text[8] = { 0 };
  GObject *object;
  TrailCard *card;
  TrailLane *lane;
  TrailStage *stage;

  if (self->editor != NULL || self->layout == NULL)
    return FALSE;
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;
  if (c == 0 || !g_unichar_isprint (c) || c == ' ')
    return FALSE;

  card = trail_canvas_get_current_card (self);
  object = trail_selection_get_object (self->selection);
  /* + and − on a card vote (the map.vote-* shortcuts), never replace its text. */
  if (is_vote_key (keyval) && (card != NULL || trail_selection_get_n_cards (self->selection) > 0))
    return FALSE;
  /* N on a cell is the new-card key binding, not a letter. */
  if ((keyval == GDK_KEY_n || keyval == GDK_KEY_N) && card == NULL && object == NULL)
    return FALSE;

  g_unichar_to_utf8 (c, text);

  /* A header selected by a click leaves the keyboard's card widget
   * focused (GTK 4.8): the selection, not that card, is what is typed on. */
  if (TRAIL_IS_STAGE (object) || TRAIL_IS_LANE (object))
    {
      _trail_canvas_begin_rename (self, object, text);
      return TRUE;
    }
  if (card != NULL && get_focus_card (self) == card)
    {
      _trail_canvas_begin_edit (self, card, text);
      return TRUE;
    }
  if (object == NULL && trail_selection_get_n_cards (self->selection) == 0 &&
      gtk_widget_has_focus (GTK_WIDGET (self)) &&
      get_current_cell (self, &lane, &stage) && trail_lane_get_kind (lane) != TRAIL_LANE_KIND_EMOTIONS)
    {
      _trail_canvas_begin_new_card (self, lane, stage, -1);
      if (GTK_IS_TEXT_VIEW (self->editor))
        gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->editor)), text, -1);
      return TRUE;
    }

  return FALSE;
}

void
_trail_canvas_init_key_controller (TrailCanvas *self)
{
  GtkEventController *controller = gtk_event_controller_key_new ();

  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
_trail_canvas_init_keyboard (GtkWidgetClass *widget_class)
{
  static const struct { guint key; int dx, dy; } arrows[] = {
    { GDK_KEY_Left, -1, 0 }, { GDK_KEY_Right, 1, 0 }, { GDK_KEY_Up, 0, -1 }, { GDK_KEY_Down, 0, 1 },
    { GDK_KEY_KP_Left, -1, 0 }, { GDK_KEY_KP_Right, 1, 0 }, { GDK_KEY_KP_Up, 0, -1 }, { GDK_KEY_KP_Down, 0, 1 },
  };
  static const struct { guint key; const char *where; } alt_arrows[] = {
    { GDK_KEY_Left, "left" }, { GDK_KEY_Right, "right" }, { GDK_KEY_Up, "up" }, { GDK_KEY_Down, "down" },
  };
  /* Editing keys name the map view's actions; the last binding of an
   * action is the one menus show. */
  static const struct { guint key; GdkModifierType mods; const char *action; } actions[] = {
    { GDK_KEY_F2, 0, "map.rename" },
    { GDK_KEY_Return, GDK_SHIFT_MASK, "map.new-card" },
    { GDK_KEY_Insert, 0, "map.new-card" },
    { GDK_KEY_BackSpace, 0, "map.delete" },
    { GDK_KEY_KP_Delete, 0, "map.delete" },
    { GDK_KEY_Delete, 0, "map.delete" },
    { GDK_KEY_d, GDK_CONTROL_MASK, "map.duplicate" },
    { GDK_KEY_c, GDK_CONTROL_MASK, "map.copy" },
    { GDK_KEY_x, GDK_CONTROL_MASK, "map.cut" },
    { GDK_KEY_v, GDK_CONTROL_MASK, "map.paste" },
    { GDK_KEY_a, GDK_CONTROL_MASK, "map.select-all" },
    { GDK_KEY_KP_Add, 0, "map.vote-up" },
    { GDK_KEY_plus, GDK_SHIFT_MASK, "map.vote-up" },
    { GDK_KEY_plus, 0, "map.vote-up" },
    { GDK_KEY_KP_Subtract, 0, "map.vote-down" },
    { GDK_KEY_minus, 0, "map.vote-down" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    gtk_widget_class_add_binding (widget_class, arrows[i].key, 0, arrow_binding,
                                  "(ii)", arrows[i].dx, arrows[i].dy);
  for (guint i = 0; i < G_N_ELEMENTS (alt_arrows); i++)
    gtk_widget_class_add_binding (widget_class, alt_arrows[i].key, GDK_ALT_MASK, alt_arrow_binding,
                                  "s", alt_arrows[i].where);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Tab, 0, tab_binding, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK, tab_binding, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Tab, GDK_SHIFT_MASK, tab_binding, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, enter_binding, "b", FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, 0, enter_binding, "b", FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_n, 0, enter_binding, "b", TRUE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, context_menu_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, context_menu_binding, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_add_binding_action (widget_class, actions[i].key, actions[i].mods, actions[i].action, NULL);
}
