/* trail-canvas-keyboard.c — keys, actions and inline text editing
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A facilitator captures what the room says with the keyboard alone:
 * arrows and Tab walk cards and cells, Enter or N starts a card in an empty
 * cell, typing on a card edits it, Ctrl+Enter commits. Every menu item is
 * an action here, so keys, menus and buttons all run the same code.
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

/* The card the keyboard acts on: the focused one, else a lone selection. */
static TrailCard *
get_current_card (TrailCanvas *self)
{
  TrailCard *card = get_focus_card (self);
  GPtrArray *selection = trail_canvas_get_selected_cards (self);

  if (card == NULL && selection->len == 1)
    card = selection->pdata[0];

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
  TrailCard *card = get_current_card (self);

  if (card != NULL)
    {
      *lane = trail_document_find_lane (self->document, trail_card_get_lane_id (card));
      *stage = trail_document_find_stage (self->document, trail_card_get_stage_id (card));
    }
  else
    {
      *lane = self->cursor_lane;
      *stage = self->cursor_stage;
    }

  if (*lane == NULL || *stage == NULL)
    {
      GPtrArray *lanes = trail_layout_get_lanes (self->layout);
      GPtrArray *stages = trail_layout_get_stages (self->layout);

      if (lanes->len == 0 || stages->len == 0)
        return FALSE;
      /* Nothing chosen yet: start at the first cell that takes cards. */
      *stage = ((TrailLayoutItem *) stages->pdata[0])->object;
      *lane = NULL;
      for (guint i = 0; i < lanes->len && *lane == NULL; i++)
        if (trail_lane_get_kind (((TrailLayoutItem *) lanes->pdata[i])->object) != TRAIL_LANE_KIND_EMOTIONS)
          *lane = ((TrailLayoutItem *) lanes->pdata[i])->object;
      if (*lane == NULL)
        *lane = ((TrailLayoutItem *) lanes->pdata[0])->object;
    }

  return TRUE;
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
  const TrailLayoutItem *cell;

  if (cards->len > 0 && trail_lane_get_kind (lane) != TRAIL_LANE_KIND_EMOTIONS)
    {
      TrailCard *card;

      if (card_index < 0 || card_index >= (int) cards->len)
        card_index = card_index < 0 ? (int) cards->len - 1 : (int) cards->len - 1;
      card = cards->pdata[card_index];
      trail_canvas_set_selection (self, &card, 1);
      trail_canvas_focus_card (self, card);
      return;
    }

  trail_canvas_set_selection (self, NULL, 0);
  trail_canvas_set_cursor (self, lane, stage);
  if ((cell = trail_layout_get_cell (self->layout, lane, stage)) != NULL)
    trail_canvas_scroll_to_rect (self, &cell->bounds);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
static gboolean
tab_cursor (TrailCanvas *self,
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

/* ---- Inline editor ------------------------------------------------------ */

static void
on_editor_buffer_changed_cb (TrailCanvas   *self,
                             GtkTextBuffer *buffer)
{
  GtkTextIter start, end;
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "card");

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  if (tag != NULL)
    gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static gboolean
on_editor_key_pressed_cb (TrailCanvas           *self,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          GtkEventControllerKey *controller)
{
  if (keyval == GDK_KEY_Escape)
    {
      trail_canvas_finish_edit (self, FALSE);
      return TRUE;
    }
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
      (state & GDK_CONTROL_MASK))
    {
      trail_canvas_finish_edit (self, TRUE);
      return TRUE;
    }
  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_ISO_Left_Tab)
    {
      /* Tab commits and moves on, like a spreadsheet. */
      trail_canvas_finish_edit (self, TRUE);
      tab_cursor (self, keyval == GDK_KEY_Tab ? 1 : -1);
      return TRUE;
    }

  return FALSE;
}

static gboolean
finish_edit_idle_cb (gpointer data)
{
  TrailCanvas *self = data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  self->finish_edit_idle = 0;
  /* Only the window went inactive: the editor still has the keyboard. */
  if (self->editor != NULL && root != NULL && gtk_root_get_focus (root) == self->editor)
    return G_SOURCE_REMOVE;

  trail_canvas_finish_edit (self, TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_editor_focus_leave_cb (TrailCanvas *self)
{
  /* Clicking or tabbing away commits, as in a spreadsheet; but not from
   * here. GTK is in the middle of moving the focus and walks up from the
   * editor when this returns: removing it now, or changing the document
   * (its views rebuild widgets, maybe the one getting the focus), leaves
   * GTK walking a broken chain forever. Before any further event. */
  if (self->editor != NULL && !self->edit_finishing && self->finish_edit_idle == 0)
    self->finish_edit_idle = g_idle_add_full (G_PRIORITY_HIGH, finish_edit_idle_cb, self, NULL);
}

static graphene_rect_t
new_card_bounds (TrailCanvas *self,
                 TrailLane   *lane,
                 TrailStage  *stage,
                 int          index)
{
  const TrailLayoutItem *cell = trail_layout_get_cell (self->layout, lane, stage);
  g_autoptr(GPtrArray) cards = trail_document_get_cell_cards (self->document, lane, stage);
  TrailStyle *style = self->style;
  float pad = style->cell_padding;
  float y;

  if (cell == NULL)
    return GRAPHENE_RECT_INIT (0, 0, style->stage_width, 60);

  if (index < 0 || index > (int) cards->len)
    index = cards->len;

  if (cards->len == 0)
    y = cell->bounds.origin.y + pad;
  else if (index < (int) cards->len)
    {
      const TrailLayoutItem *c = trail_layout_find (self->layout, cards->pdata[index]);
      y = c != NULL ? c->bounds.origin.y : cell->bounds.origin.y + pad;
    }
  else
    {
      const TrailLayoutItem *c = trail_layout_find (self->layout, cards->pdata[cards->len - 1]);
      y = c != NULL ? c->bounds.origin.y + c->bounds.size.height + style->card_gap : cell->bounds.origin.y + pad;
    }

  return GRAPHENE_RECT_INIT (cell->bounds.origin.x + pad, y, cell->bounds.size.width - 2 * pad, 56);
}

static void
start_editor (TrailCanvas *self,
              const char  *text)
{
  GtkTextBuffer *buffer;
  GtkTextTag *tag;
  GtkTextIter end;
  GtkEventController *controller;
  const PangoFontDescription *font = trail_style_get_font (self->style, TRAIL_FONT_CARD_TEXT);

  self->editor = gtk_text_view_new ();
  gtk_widget_add_css_class (self->editor, "trail-card-editor");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->editor), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self->editor), FALSE);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->editor), self->style->card_padding + self->style->card_accent_width);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->editor), self->style->card_padding);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->editor), self->style->card_padding);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->editor), self->style->card_padding);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Card text"),
                                  -1);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->editor));
  tag = gtk_text_buffer_create_tag (buffer, "card", NULL);
  if (font != NULL)
    g_object_set (tag, "font-desc", font, NULL);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_editor_buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_editor_key_pressed_cb), self);
  gtk_widget_add_controller (self->editor, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_editor_focus_leave_cb), self);
  gtk_widget_add_controller (self->editor, controller);

  gtk_widget_set_parent (self->editor, GTK_WIDGET (self));
  gtk_widget_grab_focus (self->editor);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  trail_canvas_update_actions (self);
  trail_canvas_queue_geometry (self);
}

void
trail_canvas_begin_edit (TrailCanvas *self,
                         TrailCard   *card,
                         const char  *initial)
{
  const TrailLayoutItem *item;

  if (self->editor != NULL)
    trail_canvas_finish_edit (self, TRUE);
  if (self->layout == NULL || (item = trail_layout_find (self->layout, card)) == NULL)
    return;

  g_set_object (&self->edit_card, card);
  g_clear_object (&self->edit_lane);
  g_clear_object (&self->edit_stage);
  self->edit_bounds = item->bounds;
  trail_canvas_scroll_to_rect (self, &item->bounds);
  trail_canvas_ensure_card_widget (self, card);
  start_editor (self, initial != NULL ? initial : trail_card_get_text (card));
}

void
trail_canvas_begin_new_card (TrailCanvas *self,
                             TrailLane   *lane,
                             TrailStage  *stage,
                             int          index)
{
  if (self->editor != NULL)
    trail_canvas_finish_edit (self, TRUE);
  if (self->layout == NULL || lane == NULL || stage == NULL ||
      trail_lane_get_kind (lane) == TRAIL_LANE_KIND_EMOTIONS)
    return;

  g_clear_object (&self->edit_card);
  g_set_object (&self->edit_lane, lane);
  g_set_object (&self->edit_stage, stage);
  self->edit_index = index;
  self->edit_bounds = new_card_bounds (self, lane, stage, index);
  trail_canvas_set_cursor (self, lane, stage);
  trail_canvas_scroll_to_rect (self, &self->edit_bounds);
  start_editor (self, NULL);
}

void
trail_canvas_finish_edit (TrailCanvas *self,
                          gboolean     commit)
{
  g_autoptr(TrailCard) card = NULL;
  g_autoptr(TrailLane) lane = NULL;
  g_autoptr(TrailStage) stage = NULL;
  g_autofree char *text = NULL;
  GtkWidget *editor = self->editor;
  gboolean had_focus;
  GtkTextIter start, end;
  GtkTextBuffer *buffer;

  g_clear_handle_id (&self->finish_edit_idle, g_source_remove);
  if (editor == NULL || self->edit_finishing)
    return;

  self->edit_finishing = TRUE;
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  had_focus = gtk_widget_has_focus (editor);

  card = g_steal_pointer (&self->edit_card);
  lane = g_steal_pointer (&self->edit_lane);
  stage = g_steal_pointer (&self->edit_stage);
  self->editor = NULL;
  gtk_widget_unparent (editor);
  self->edit_finishing = FALSE;

  g_strchomp (text);
  if (commit && self->document != NULL)
    {
      if (card != NULL && trail_document_find_card (self->document, trail_card_get_id (card)) == card)
        {
          if (g_strcmp0 (text, trail_card_get_text (card)) != 0)
            trail_document_update (self->document, card, "text", text, NULL);
        }
      else if (card == NULL && lane != NULL && stage != NULL && text[0] != '\0')
        {
          TrailCard *added = trail_document_add_card (self->document, lane, stage, self->edit_index, text);

          g_set_object (&card, added);
          /* Committed by a click elsewhere: that click chose what comes
           * next, so the selection stays. */
          if (had_focus)
            trail_canvas_set_selection (self, &added, 1);
        }
    }

  if (had_focus)
    {
      if (card != NULL && trail_layout_find (self->layout, card) != NULL)
        trail_canvas_focus_card (self, card);
      else
        gtk_widget_grab_focus (GTK_WIDGET (self));
    }

  gtk_widget_queue_allocate (GTK_WIDGET (self));
  trail_canvas_update_actions (self);
  trail_canvas_queue_geometry (self);
}

void
trail_canvas_commit_edit (TrailCanvas *self)
{
  g_return_if_fail (TRAIL_IS_CANVAS (self));

  if (self->editor != NULL)
    trail_canvas_finish_edit (self, TRUE);
}

void
trail_canvas_allocate_editor (TrailCanvas *self)
{
  graphene_rect_t bounds = self->edit_bounds;
  const TrailLayoutItem *item;
  GskTransform *transform = NULL;
  int min_h, nat_h;
  double wx, wy;

  if (self->editor == NULL)
    return;

  if (self->edit_card != NULL && (item = trail_layout_find (self->layout, self->edit_card)) != NULL)
    bounds = item->bounds;

  gtk_widget_measure (self->editor, GTK_ORIENTATION_VERTICAL, bounds.size.width, &min_h, &nat_h, NULL, NULL);
  trail_canvas_map_to_widget (self, bounds.origin.x, bounds.origin.y, &wx, &wy);
  transform = gsk_transform_translate (transform, &GRAPHENE_POINT_INIT (round (wx), round (wy)));
  transform = gsk_transform_scale (transform, self->zoom, self->zoom);
  gtk_widget_allocate (self->editor, ceilf (bounds.size.width), MAX (ceilf (bounds.size.height), nat_h),
                       -1, transform);
}

/* ---- Deleting ----------------------------------------------------------- */

void
trail_canvas_delete_selection (TrailCanvas *self)
{
  g_autoptr(GPtrArray) cards = NULL;
  GObject *object = trail_canvas_get_selected_object (self);
  g_autofree char *title = NULL;
  TrailCard *focus = get_focus_card (self);
  TrailLane *lane = NULL;
  TrailStage *stage = NULL;
  AdwToast *toast;

  if (self->document == NULL)
    return;

  cards = g_ptr_array_copy (trail_canvas_get_selected_cards (self), (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_set_free_func (cards, g_object_unref);
  if (cards->len == 0 && focus != NULL)
    g_ptr_array_add (cards, g_object_ref (focus));

  if (cards->len > 0)
    {
      TrailCard *first = cards->pdata[0];
      guint index = trail_document_get_card_index (self->document, first);

      lane = trail_document_find_lane (self->document, trail_card_get_lane_id (first));
      stage = trail_document_find_stage (self->document, trail_card_get_stage_id (first));

      trail_document_begin_group (self->document, cards->len > 1 ? _("Delete Cards") : _("Delete Card"));
      for (guint i = 0; i < cards->len; i++)
        trail_document_remove_card (self->document, cards->pdata[i]);
      trail_document_end_group (self->document);

      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card deleted", "%u cards deleted", cards->len),
                               cards->len);
      /* The keyboard stays where the card was. */
      if (lane != NULL && stage != NULL)
        go_to_cell (self, lane, stage, index > 0 ? (int) index - 1 : 0);
    }
  else if (TRAIL_IS_STAGE (object))
    {
      /* Translators: %s is a stage's name */
      title = g_strdup_printf (_("Stage “%s” deleted"), trail_stage_get_name (TRAIL_STAGE (object)));
      trail_document_remove_stage (self->document, TRAIL_STAGE (object));
    }
  else if (TRAIL_IS_LANE (object))
    {
      /* Translators: %s is a lane's title */
      title = g_strdup_printf (_("Lane “%s” deleted"), trail_lane_get_title (TRAIL_LANE (object)));
      trail_document_remove_lane (self->document, TRAIL_LANE (object));
    }
  else if (TRAIL_IS_EMOTION_POINT (object))
    {
      title = g_strdup (_("Emotion point deleted"));
      trail_document_remove_emotion_point (self->document, TRAIL_EMOTION_POINT (object));
    }
  else if (TRAIL_IS_PERSONA (object))
    {
      /* Translators: %s is a persona's name */
      title = g_strdup_printf (_("Persona “%s” deleted"), trail_persona_get_name (TRAIL_PERSONA (object)));
      trail_document_remove_persona (self->document, TRAIL_PERSONA (object));
    }
  else
    return;

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  trail_canvas_show_toast (self, toast);
}

/* ---- Actions ------------------------------------------------------------ */

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);
  TrailCard *card = get_current_card (self);

  if (card != NULL)
    trail_canvas_begin_edit (self, card, NULL);
}

static void
new_card_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);
  TrailCard *card = get_current_card (self);
  TrailLane *lane;
  TrailStage *stage;

  if (self->layout == NULL || !get_current_cell (self, &lane, &stage))
    return;

  trail_canvas_begin_new_card (self, lane, stage,
                               card != NULL ? (int) trail_document_get_card_index (self->document, card) + 1 : -1);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  trail_canvas_delete_selection (TRAIL_CANVAS (widget));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);
  g_autoptr(GPtrArray) cards = g_ptr_array_copy (trail_canvas_get_selected_cards (self), (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_autoptr(GPtrArray) copies = g_ptr_array_new ();

  if (cards->len == 0 || self->document == NULL)
    return;

  trail_document_begin_group (self->document, cards->len > 1 ? _("Duplicate Cards") : _("Duplicate Card"));
  for (guint i = 0; i < cards->len; i++)
    g_ptr_array_add (copies, trail_document_duplicate_card (self->document, cards->pdata[i]));
  trail_document_end_group (self->document);

  trail_canvas_set_selection (self, (TrailCard **) copies->pdata, copies->len);
  if (copies->len > 0)
    trail_canvas_focus_card (self, copies->pdata[copies->len - 1]);
}

static void
clipboard_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);

  if (g_str_equal (action_name, "canvas.copy"))
    trail_canvas_copy (self);
  else if (g_str_equal (action_name, "canvas.cut"))
    trail_canvas_cut (self);
  else
    trail_canvas_paste (self);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  graphene_rect_t all;

  if (self->layout == NULL)
    return;

  trail_layout_get_bounds (self->layout, &all);
  items = trail_layout_query (self->layout, &all, TRAIL_LAYOUT_ITEM_CARD);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (cards, ((TrailLayoutItem *) items->pdata[i])->object);
  trail_canvas_set_selection (self, (TrailCard **) cards->pdata, cards->len);
}

static void
move_card_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);
  const char *where = g_variant_get_string (param, NULL);
  TrailCard *card = get_current_card (self);
  GPtrArray *lanes, *stages;
  TrailLane *lane;
  TrailStage *stage;
  int li, si, ci;
  g_autoptr(GPtrArray) cards = NULL;

  if (card == NULL || self->layout == NULL)
    return;

  lane = trail_document_find_lane (self->document, trail_card_get_lane_id (card));
  stage = trail_document_find_stage (self->document, trail_card_get_stage_id (card));
  lanes = trail_layout_get_lanes (self->layout);
  stages = trail_layout_get_stages (self->layout);
  li = index_of_object (lanes, lane);
  si = index_of_object (stages, stage);
  ci = trail_document_get_card_index (self->document, card);
  cards = trail_document_get_cell_cards (self->document, lane, stage);
  if (li < 0 || si < 0)
    return;

  if (g_str_equal (where, "left") || g_str_equal (where, "right"))
    {
      si += g_str_equal (where, "left") ? -1 : 1;
      if (si < 0 || si >= (int) stages->len)
        return;
      trail_document_move_card (self->document, card, lane, ((TrailLayoutItem *) stages->pdata[si])->object, -1);
    }
  else
    {
      int step = g_str_equal (where, "up") ? -1 : 1;

      if (ci + step >= 0 && ci + step < (int) cards->len)
        trail_document_move_card (self->document, card, lane, stage, ci + step);
      else
        {
          /* Past the cell's edge: into the next lane that takes cards. */
          for (li += step; li >= 0 && li < (int) lanes->len; li += step)
            {
              TrailLane *next = ((TrailLayoutItem *) lanes->pdata[li])->object;

              if (trail_lane_get_kind (next) == TRAIL_LANE_KIND_EMOTIONS)
                continue;
              trail_document_move_card (self->document, card, next, stage, step < 0 ? -1 : 0);
              break;
            }
        }
    }

  trail_canvas_focus_card (self, card);
}

static TrailStage *
get_current_stage (TrailCanvas *self)
{
  GObject *object = trail_canvas_get_selected_object (self);
  TrailLane *lane;
  TrailStage *stage;

  if (TRAIL_IS_STAGE (object))
    return TRAIL_STAGE (object);
  if (self->layout != NULL && get_current_cell (self, &lane, &stage))
    return stage;
  return NULL;
}

static TrailLane *
get_current_lane (TrailCanvas *self)
{
  GObject *object = trail_canvas_get_selected_object (self);
  TrailLane *lane;
  TrailStage *stage;

  if (TRAIL_IS_LANE (object))
    return TRAIL_LANE (object);
  if (self->layout != NULL && get_current_cell (self, &lane, &stage))
    return lane;
  return NULL;
}

static void
insert_stage_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);
  TrailStage *stage = get_current_stage (self);
  guint index = stage != NULL ? trail_document_get_stage_index (self->document, stage) : 0;
  TrailStage *added;

  if (self->document == NULL)
    return;
  if (stage != NULL && g_str_equal (g_variant_get_string (param, NULL), "after"))
    index++;

  added = trail_document_add_stage (self->document, index, _("New stage"));
  trail_canvas_select_object (self, G_OBJECT (added));
}

static void
move_stage_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);
  TrailStage *stage = get_current_stage (self);
  guint n, index;
  gboolean left = g_str_equal (g_variant_get_string (param, NULL), "left");

  if (stage == NULL)
    return;
  n = g_list_model_get_n_items (trail_document_get_stages (self->document));
  index = trail_document_get_stage_index (self->document, stage);
  if ((left && index == 0) || (!left && index + 1 >= n))
    return;
  trail_document_move_stage (self->document, stage, left ? index - 1 : index + 1);
}

static void
move_lane_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);
  TrailLane *lane = get_current_lane (self);
  guint n, index;
  gboolean up = g_str_equal (g_variant_get_string (param, NULL), "up");

  if (lane == NULL)
    return;
  n = g_list_model_get_n_items (trail_document_get_lanes (self->document));
  index = trail_document_get_lane_index (self->document, lane);
  if ((up && index == 0) || (!up && index + 1 >= n))
    return;
  trail_document_move_lane (self->document, lane, up ? index - 1 : index + 1);
}

static void
hide_lane_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);
  TrailLane *lane = get_current_lane (self);

  if (lane != NULL)
    trail_document_update (self->document, lane, "hidden", TRUE, NULL);
}

static void
show_hidden_lanes_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);
  GListModel *lanes;
  gboolean grouped = FALSE;

  if (self->document == NULL)
    return;

  /* A hidden lane has no header to click: this is the way back. */
  lanes = trail_document_get_lanes (self->document);
  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(TrailLane) lane = g_list_model_get_item (lanes, i);

      if (!trail_lane_get_hidden (lane))
        continue;
      if (!grouped)
        trail_document_begin_group (self->document, _("Show Hidden Lanes"));
      grouped = TRUE;
      trail_document_update (self->document, lane, "hidden", FALSE, NULL);
    }
  if (grouped)
    trail_document_end_group (self->document);
}

static void
select_header_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);
  GObject *object = g_str_equal (action_name, "canvas.select-stage") ? G_OBJECT (get_current_stage (self))
                                                                      : G_OBJECT (get_current_lane (self));

  /* The inspector follows the selection: this opens its properties. */
  if (object != NULL)
    trail_canvas_select_object (self, object);
}

static void
context_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);
  TrailCard *card = get_focus_card (self);
  const TrailLayoutItem *item = NULL;
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  double wx, wy;

  if (self->layout == NULL)
    return;

  if (card != NULL)
    item = trail_layout_find (self->layout, card);
  else if (self->cursor_lane != NULL && self->cursor_stage != NULL)
    item = trail_layout_get_cell (self->layout, self->cursor_lane, self->cursor_stage);
  if (item != NULL)
    bounds = item->bounds;

  trail_canvas_map_to_widget (self, bounds.origin.x + bounds.size.width / 2,
                              bounds.origin.y + bounds.size.height / 2, &wx, &wy);
  trail_canvas_open_context_menu (self, wx, wy);
}

static void
adjust_emotion (TrailCanvas *self,
                int          step)
{
  TrailLane *lane = self->cursor_lane;
  TrailStage *stage = self->cursor_stage;
  TrailEmotionLine *line;
  TrailEmotionPoint *point = NULL;
  GListModel *points;
  int min, max;

  if (lane == NULL || stage == NULL)
    return;

  min = trail_document_get_scale_min (self->document);
  max = trail_document_get_scale_max (self->document);
  trail_document_begin_group (self->document, _("Change Emotion"));
  line = trail_canvas_line_for_lane (self, lane, TRUE);
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
    trail_canvas_select_object (self, G_OBJECT (point));
}

/* ---- Key bindings with conditions -------------------------------------- */

static gboolean
arrow_binding (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);
  int dx, dy;

  if (self->editor != NULL || self->document == NULL)
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
  const char *where;

  if (self->editor != NULL || self->document == NULL)
    return FALSE;
  g_variant_get (args, "&s", &where);

  /* In an emotions lane, Alt+Up/Down raise and lower the stage's point. */
  if (get_focus_card (self) == NULL && self->cursor_lane != NULL &&
      trail_lane_get_kind (self->cursor_lane) == TRAIL_LANE_KIND_EMOTIONS)
    {
      if (g_str_equal (where, "up") || g_str_equal (where, "down"))
        adjust_emotion (self, g_str_equal (where, "up") ? 1 : -1);
      return TRUE;
    }

  gtk_widget_activate_action (widget, "canvas.move-card", "s", where);
  return TRUE;
}

static gboolean
tab_binding (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);

  if (self->editor != NULL || self->document == NULL)
    return FALSE;
  return tab_cursor (self, g_variant_get_int32 (args));
}

/* Enter edits the card, or starts one in an empty cell; N always starts
 * one, unless a card has focus: there "n" is the first letter typed. */
static gboolean
enter_binding (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);
  gboolean is_n = g_variant_get_boolean (args);
  TrailCard *card;
  TrailLane *lane;
  TrailStage *stage;

  if (self->editor != NULL || self->document == NULL)
    return FALSE;

  card = get_focus_card (self);
  if (card != NULL)
    {
      if (is_n)
        return FALSE;
      trail_canvas_begin_edit (self, card, NULL);
      return TRUE;
    }

  if (!get_current_cell (self, &lane, &stage))
    return FALSE;
  if (trail_lane_get_kind (lane) == TRAIL_LANE_KIND_EMOTIONS)
    {
      adjust_emotion (self, 0);
      return TRUE;
    }
  trail_canvas_begin_new_card (self, lane, stage, -1);
  return TRUE;
}

static gboolean
escape_binding (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  TrailCanvas *self = TRAIL_CANVAS (widget);

  if (self->editor != NULL)
    return FALSE;
  if (trail_canvas_get_selected_cards (self)->len == 0 && trail_canvas_get_selected_object (self) == NULL)
    return FALSE;

  trail_canvas_set_selection (self, NULL, 0);
  trail_canvas_select_object (self, NULL);
  return TRUE;
}

static gboolean
on_key_pressed_cb (TrailCanvas           *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  gunichar c = gdk_keyval_to_unicode (keyval);
  char text[8] = { 0 };
  TrailCard *card;
  TrailLane *lane;
  TrailStage *stage;

  if (self->editor != NULL || self->document == NULL || self->layout == NULL)
    return FALSE;
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;
  if (c == 0 || !g_unichar_isprint (c) || c == ' ')
    return FALSE;
  /* N on a cell is the new-card key binding, not a letter. */
  if ((keyval == GDK_KEY_n || keyval == GDK_KEY_N) && get_focus_card (self) == NULL)
    return FALSE;

  g_unichar_to_utf8 (c, text);

  /* Typing on a card edits it, replacing its text; on a cell it starts a
   * new card: no key to press first. */
  card = get_focus_card (self);
  if (card != NULL)
    {
      trail_canvas_begin_edit (self, card, text);
      return TRUE;
    }
  if (gtk_widget_has_focus (GTK_WIDGET (self)) && self->cursor_lane != NULL && self->cursor_stage != NULL &&
      get_current_cell (self, &lane, &stage) && trail_lane_get_kind (lane) != TRAIL_LANE_KIND_EMOTIONS)
    {
      trail_canvas_begin_new_card (self, lane, stage, -1);
      if (self->editor != NULL)
        {
          GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->editor));
          gtk_text_buffer_insert_at_cursor (buffer, text, -1);
        }
      return TRUE;
    }

  return FALSE;
}

void
trail_canvas_update_actions (TrailCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_doc = self->document != NULL && self->layout != NULL;
  gboolean editing = self->editor != NULL;
  guint n_cards = trail_canvas_get_selected_cards (self)->len;
  GObject *object = trail_canvas_get_selected_object (self);
  gboolean has_card = has_doc && (n_cards > 0 || get_focus_card (self) != NULL);

  gtk_widget_action_set_enabled (widget, "canvas.edit", has_card && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.new-card", has_doc && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.delete", has_doc && !editing && (has_card || object != NULL));
  gtk_widget_action_set_enabled (widget, "canvas.duplicate", has_doc && !editing && n_cards > 0);
  gtk_widget_action_set_enabled (widget, "canvas.copy", has_doc && !editing && n_cards > 0);
  gtk_widget_action_set_enabled (widget, "canvas.cut", has_doc && !editing && n_cards > 0);
  gtk_widget_action_set_enabled (widget, "canvas.paste", has_doc && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.select-all", has_doc && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.move-card", has_card && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.insert-stage", has_doc && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.move-stage", has_doc && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.move-lane", has_doc && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.hide-lane", has_doc && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.context-menu", has_doc && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.select-stage", has_doc && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.show-hidden-lanes", has_doc && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.select-lane", has_doc && !editing);
}

void
trail_canvas_init_key_controller (TrailCanvas *self)
{
  GtkEventController *controller = gtk_event_controller_key_new ();

  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
trail_canvas_init_keyboard (GtkWidgetClass *widget_class)
{
  static const struct { guint key; int dx, dy; } arrows[] = {
    { GDK_KEY_Left, -1, 0 }, { GDK_KEY_Right, 1, 0 }, { GDK_KEY_Up, 0, -1 }, { GDK_KEY_Down, 0, 1 },
    { GDK_KEY_KP_Left, -1, 0 }, { GDK_KEY_KP_Right, 1, 0 }, { GDK_KEY_KP_Up, 0, -1 }, { GDK_KEY_KP_Down, 0, 1 },
  };
  static const struct { guint key; const char *where; } alt_arrows[] = {
    { GDK_KEY_Left, "left" }, { GDK_KEY_Right, "right" }, { GDK_KEY_Up, "up" }, { GDK_KEY_Down, "down" },
  };

  gtk_widget_class_install_action (widget_class, "canvas.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "canvas.new-card", NULL, new_card_action);
  gtk_widget_class_install_action (widget_class, "canvas.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "canvas.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "canvas.copy", NULL, clipboard_action);
  gtk_widget_class_install_action (widget_class, "canvas.cut", NULL, clipboard_action);
  gtk_widget_class_install_action (widget_class, "canvas.paste", NULL, clipboard_action);
  gtk_widget_class_install_action (widget_class, "canvas.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "canvas.move-card", "s", move_card_action);
  gtk_widget_class_install_action (widget_class, "canvas.insert-stage", "s", insert_stage_action);
  gtk_widget_class_install_action (widget_class, "canvas.move-stage", "s", move_stage_action);
  gtk_widget_class_install_action (widget_class, "canvas.move-lane", "s", move_lane_action);
  gtk_widget_class_install_action (widget_class, "canvas.hide-lane", NULL, hide_lane_action);
  gtk_widget_class_install_action (widget_class, "canvas.context-menu", NULL, context_menu_action);
  gtk_widget_class_install_action (widget_class, "canvas.select-stage", NULL, select_header_action);
  gtk_widget_class_install_action (widget_class, "canvas.show-hidden-lanes", NULL, show_hidden_lanes_action);
  gtk_widget_class_install_action (widget_class, "canvas.select-lane", NULL, select_header_action);

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

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "canvas.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_SHIFT_MASK, "canvas.new-card", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, 0, "canvas.new-card", NULL);
  /* The last binding is the one menus show. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "canvas.duplicate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "canvas.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x, GDK_CONTROL_MASK, "canvas.cut", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "canvas.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "canvas.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "canvas.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "canvas.context-menu", NULL);
}
