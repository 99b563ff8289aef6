/* trail-canvas-editor.c — editing text in place on the canvas
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One editor at a time, placed exactly over what it edits: a card's text
 * (a GtkTextView; Ctrl+Enter commits, Enter makes a new line), a card not
 * made yet (the card is added only when there is text), or a stage's or
 * lane's name (a GtkEntry; Enter commits). Escape cancels; clicking or
 * tabbing away commits, as in a spreadsheet. A commit is one undo step.
 */
#define G_LOG_DOMAIN "trail-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "trail-canvas-private.h"
#include "trail-card-widget.h"
#include "trail-compat.h"

/* What is edited, private to this file: the editor widget itself is the
 * canvas's (self->editor), which the other files ask about. */
struct _TrailCanvasEdit
{
  TrailCard         *card;              /* the card edited */
  GObject           *header;            /* or the stage or lane renamed */
  TrailLane         *lane;              /* or a new card, at lane × stage */
  TrailPaletteItem  *palette_item;      /* the new card's palette item (its channel) */
  TrailStage        *stage;
  int                index;
  graphene_rect_t    bounds;
  gboolean           finishing;
  guint              finish_idle;       /* the editor lost the keyboard */
};

/* ---- Signals of the editor ---------------------------------------------- */

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
  /* A crash while typing must not lose the text: it is drafted too. */
  if (self->document != NULL)
    trail_document_note_pending_edit (self->document);
}

static void
on_editor_entry_changed_cb (TrailCanvas *self)
{
  if (self->document != NULL)
    trail_document_note_pending_edit (self->document);
}

/* Tab in a stage's or lane's name commits it and goes on to the next
 * header's name (Shift+Tab the one before), so that a facilitator names
 * the stages one after another, as Tab fills cards. Past the last one the
 * keyboard stays on the canvas, on that header: GTK's own Tab would carry
 * it off to whatever button comes next, where Space presses it. */
static void
rename_next_header (TrailCanvas *self,
                    int          direction)
{
  g_autoptr(GObject) header = g_object_ref (self->edit->header);
  GPtrArray *items;
  GObject *next = NULL;

  _trail_canvas_finish_edit (self, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->layout == NULL)
    return;

  items = TRAIL_IS_STAGE (header) ? trail_layout_get_stages (self->layout) : trail_layout_get_lanes (self->layout);
  for (guint i = 0; i < items->len; i++)
    if (((TrailLayoutItem *) items->pdata[i])->object == header)
      {
        if ((int) i + direction >= 0 && (int) i + direction < (int) items->len)
          next = ((TrailLayoutItem *) items->pdata[i + direction])->object;
        break;
      }

  if (next == NULL)
    return;
  trail_selection_select_object (self->selection, next);
  _trail_canvas_begin_rename (self, next, NULL);
}

static gboolean
on_editor_key_pressed_cb (TrailCanvas           *self,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          GtkEventControllerKey *controller)
{
  gboolean enter = keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter;

  if (keyval == GDK_KEY_Escape)
    {
      _trail_canvas_finish_edit (self, FALSE);
      return TRUE;
    }
  /* A name is one line: Enter commits it. */
  if (enter && ((state & GDK_CONTROL_MASK) || self->edit->header != NULL))
    {
      _trail_canvas_finish_edit (self, TRUE);
      return TRUE;
    }
  if ((keyval == GDK_KEY_Tab || keyval == GDK_KEY_ISO_Left_Tab) && self->edit->header != NULL)
    {
      rename_next_header (self, keyval == GDK_KEY_Tab && !(state & GDK_SHIFT_MASK) ? 1 : -1);
      return TRUE;
    }
  if ((keyval == GDK_KEY_Tab || keyval == GDK_KEY_ISO_Left_Tab) && self->edit->header == NULL)
    {
      /* Tab commits and moves on, like a spreadsheet. */
      _trail_canvas_finish_edit (self, TRUE);
      _trail_canvas_tab (self, keyval == GDK_KEY_Tab ? 1 : -1);
      return TRUE;
    }

  return FALSE;
}

/* An entry gives the keyboard to its text inside, and the text its own
 * context menu or emoji chooser: popovers whose parent chain leads back to
 * the editor. All of that is still the editor's. */
static gboolean
editor_has_keyboard (TrailCanvas *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return self->editor != NULL && focus != NULL &&
         (focus == self->editor || gtk_widget_is_ancestor (focus, self->editor));
}

/* The first popover of the editor that is open, if any. */
static GtkWidget *
find_open_popover (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_POPOVER (child) && gtk_widget_get_visible (child))
        return child;
      if ((found = find_open_popover (child)) != NULL)
        return found;
    }

  return NULL;
}

static void on_editor_focus_leave_cb (TrailCanvas *self);

static gboolean
finish_edit_idle_cb (gpointer data)
{
  TrailCanvas *self = data;
  GtkWidget *popover;

  self->edit->finish_idle = 0;
  /* Only the window went inactive, or the keyboard went to the editor's
   * own menu: the editor still has it. */
  if (editor_has_keyboard (self))
    return G_SOURCE_REMOVE;

  /* While that menu closes the keyboard is nowhere for a moment. Where it
   * goes once the menu is closed decides. */
  if (self->editor != NULL && (popover = find_open_popover (self->editor)) != NULL)
    {
      g_signal_handlers_disconnect_by_func (popover, on_editor_focus_leave_cb, self);
      g_signal_connect_object (popover, "closed", G_CALLBACK (on_editor_focus_leave_cb),
                               self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      return G_SOURCE_REMOVE;
    }

  _trail_canvas_finish_edit (self, TRUE);
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
  if (self->editor != NULL && !self->edit->finishing && self->edit->finish_idle == 0)
    self->edit->finish_idle = g_idle_add_full (G_PRIORITY_HIGH, finish_edit_idle_cb, self, NULL);
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
add_editor_controllers (TrailCanvas *self)
{
  GtkEventController *controller;

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_editor_key_pressed_cb), self);
  gtk_widget_add_controller (self->editor, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_editor_focus_leave_cb), self);
  gtk_widget_add_controller (self->editor, controller);

  if (GTK_IS_EDITABLE (self->editor))
    g_signal_connect_swapped (self->editor, "changed", G_CALLBACK (on_editor_entry_changed_cb), self);

  gtk_widget_set_parent (self->editor, GTK_WIDGET (self));
  gtk_widget_grab_focus (self->editor);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  _trail_canvas_update_editing (self);
}

static void
start_editor (TrailCanvas *self,
              const char  *text)
{
  GtkTextBuffer *buffer;
  GtkTextTag *tag;
  GtkTextIter end;
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

  add_editor_controllers (self);
}

static const char *
get_header_name (GObject *header)
{
  return TRAIL_IS_STAGE (header) ? trail_stage_get_name (TRAIL_STAGE (header))
                                 : trail_lane_get_title (TRAIL_LANE (header));
}

void
_trail_canvas_begin_rename (TrailCanvas *self,
                            GObject     *header,
                            const char  *initial)
{
  const TrailLayoutItem *item;

  g_return_if_fail (TRAIL_IS_STAGE (header) || TRAIL_IS_LANE (header));

  if (self->editor != NULL)
    _trail_canvas_finish_edit (self, TRUE);
  if (self->layout == NULL || (item = trail_layout_find (self->layout, header)) == NULL)
    return;

  g_clear_object (&self->edit->card);
  g_clear_object (&self->edit->lane);
  g_clear_object (&self->edit->stage);
  g_clear_object (&self->edit->palette_item);
  g_set_object (&self->edit->header, header);
  self->edit->bounds = item->bounds;
  _trail_canvas_scroll_to_rect (self, &item->bounds);

  self->editor = gtk_entry_new ();
  /* Solid, over a coloured header. */
  gtk_widget_add_css_class (self->editor, "view");
  gtk_entry_set_max_length (GTK_ENTRY (self->editor), 200);
  gtk_editable_set_text (GTK_EDITABLE (self->editor), initial != NULL ? initial : get_header_name (header));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  TRAIL_IS_STAGE (header) ? _("Stage name") : _("Lane title"),
                                  -1);
  add_editor_controllers (self);
  /* F2 selects the name, to replace it or, after an arrow key, to fix it;
   * typed text has replaced it already. */
  if (initial != NULL)
    gtk_editable_set_position (GTK_EDITABLE (self->editor), -1);
  else
    gtk_editable_select_region (GTK_EDITABLE (self->editor), 0, -1);
}

void
_trail_canvas_begin_edit (TrailCanvas *self,
                         TrailCard   *card,
                         const char  *initial)
{
  const TrailLayoutItem *item;

  if (self->editor != NULL)
    _trail_canvas_finish_edit (self, TRUE);
  if (self->layout == NULL || (item = trail_layout_find (self->layout, card)) == NULL)
    return;

  g_set_object (&self->edit->card, card);
  g_clear_object (&self->edit->header);
  g_clear_object (&self->edit->palette_item);
  g_clear_object (&self->edit->lane);
  g_clear_object (&self->edit->stage);
  self->edit->bounds = item->bounds;
  _trail_canvas_scroll_to_rect (self, &item->bounds);
  _trail_canvas_ensure_card_widget (self, card);
  start_editor (self, initial != NULL ? initial : trail_card_get_text (card));
}

void
_trail_canvas_begin_new_card (TrailCanvas *self,
                             TrailLane   *lane,
                             TrailStage  *stage,
                             int          index)
{
  g_autoptr(GError) error = NULL;

  if (self->editor != NULL)
    _trail_canvas_finish_edit (self, TRUE);
  if (self->layout == NULL || lane == NULL || stage == NULL ||
      trail_lane_get_kind (lane) == TRAIL_LANE_KIND_EMOTIONS)
    return;
  /* The 20,001st card is refused before it is typed, not at the next save. */
  if (!trail_document_check_card_room (self->document, 1, &error))
    {
      _trail_canvas_show_toast (self, trail_compat_toast_new (error->message));
      return;
    }

  g_clear_object (&self->edit->card);
  g_clear_object (&self->edit->header);
  g_clear_object (&self->edit->palette_item);
  g_set_object (&self->edit->lane, lane);
  g_set_object (&self->edit->stage, stage);
  self->edit->index = index;
  self->edit->bounds = new_card_bounds (self, lane, stage, index);
  trail_selection_set_cursor (self->selection, lane, stage);
  _trail_canvas_scroll_to_rect (self, &self->edit->bounds);
  start_editor (self, NULL);
}

/* A card dragged from the palette is made when its text is: Escape leaves
 * nothing behind. */
void
_trail_canvas_begin_palette_card (TrailCanvas      *self,
                                  TrailPaletteItem *item,
                                  TrailLane        *lane,
                                  TrailStage       *stage,
                                  int               index)
{
  _trail_canvas_begin_new_card (self, lane, stage, index);
  if (self->editor != NULL)
    g_set_object (&self->edit->palette_item, item);
}

/* The palette item's channel, on the card made from it. */
static void
apply_palette_channel (TrailDocument    *document,
                       TrailCard        *card,
                       TrailPaletteItem *item)
{
  const char *custom = trail_palette_item_get_custom_channel (item);

  if (custom != NULL)
    {
      TrailCustomChannel *channel = trail_document_find_channel (document, custom);

      if (channel != NULL)
        trail_document_set_card_channel (document, &card, 1, TRAIL_CHANNEL_OTHER, channel);
    }
  else if (trail_palette_item_get_channel (item) != TRAIL_CHANNEL_NONE)
    trail_document_update (document, card, "channel", trail_palette_item_get_channel (item), NULL);
}

static char *
take_editor_text (GtkWidget *editor)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  if (GTK_IS_EDITABLE (editor))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (editor)));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
commit_header (TrailCanvas *self,
               GObject     *header,
               char        *text)
{
  g_strstrip (text);
  /* An empty name would leave a header nobody can point at. */
  if (text[0] == '\0' || g_strcmp0 (text, get_header_name (header)) == 0)
    return;
  if (TRAIL_IS_STAGE (header) &&
      trail_document_find_stage (self->document, trail_stage_get_id (TRAIL_STAGE (header))) == (gpointer) header)
    trail_document_update (self->document, header, "name", text, NULL);
  else if (TRAIL_IS_LANE (header) &&
           trail_document_find_lane (self->document, trail_lane_get_id (TRAIL_LANE (header))) == (gpointer) header)
    trail_document_update (self->document, header, "title", text, NULL);
}

void
_trail_canvas_finish_edit (TrailCanvas *self,
                           gboolean     commit)
{
  g_autoptr(TrailCard) card = NULL;
  g_autoptr(GObject) header = NULL;
  g_autoptr(TrailLane) lane = NULL;
  g_autoptr(TrailStage) stage = NULL;
  g_autoptr(TrailPaletteItem) item = NULL;
  g_autofree char *text = NULL;
  GtkWidget *editor = self->editor;
  gboolean had_focus;

  g_clear_handle_id (&self->edit->finish_idle, g_source_remove);
  if (editor == NULL || self->edit->finishing)
    return;

  /* Taken before anything can run again: the text is committed once. */
  self->edit->finishing = TRUE;
  text = take_editor_text (editor);
  had_focus = editor_has_keyboard (self);

  card = g_steal_pointer (&self->edit->card);
  header = g_steal_pointer (&self->edit->header);
  lane = g_steal_pointer (&self->edit->lane);
  stage = g_steal_pointer (&self->edit->stage);
  item = g_steal_pointer (&self->edit->palette_item);
  self->editor = NULL;
  /* An open menu of the editor holds GTK's input: removed with the editor
   * while open, it would leave the window ignoring every key and click. */
  for (GtkWidget *popover = find_open_popover (editor); popover != NULL; popover = find_open_popover (editor))
    {
      gtk_popover_popdown (GTK_POPOVER (popover));
      if (gtk_widget_get_visible (popover))
        break;
    }
  gtk_widget_unparent (editor);
  self->edit->finishing = FALSE;

  g_strchomp (text);
  if (commit && self->document != NULL)
    {
      if (header != NULL)
        commit_header (self, header, text);
      else if (card != NULL && trail_document_find_card (self->document, trail_card_get_id (card)) == card)
        {
          if (g_strcmp0 (text, trail_card_get_text (card)) != 0)
            trail_document_update (self->document, card, "text", text, NULL);
        }
      else if (card == NULL && lane != NULL && stage != NULL && text[0] != '\0')
        {
          TrailCard *added;

          trail_document_begin_group (self->document, _("Add Card"));
          added = trail_document_add_card (self->document, lane, stage, self->edit->index, text);
          if (added != NULL && item != NULL)
            apply_palette_channel (self->document, added, item);
          trail_document_end_group (self->document);

          g_set_object (&card, added);
          /* Committed by a click elsewhere: that click chose what comes
           * next, so the selection stays. */
          if (had_focus)
            trail_selection_select_card (self->selection, added);
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
  gtk_widget_queue_draw (GTK_WIDGET (self));
  _trail_canvas_update_editing (self);
  /* Cancelled text must not come back from a draft written while typing. */
  if (!commit && self->document != NULL)
    trail_document_note_pending_edit (self->document);
}

/* Before a draft is written: the editor's text, not committed, goes onto
 * @draft, the overlay the draft is written with (see
 * trail_document_prepare_draft()), as the commit would put it; with @draft
 * NULL only says whether there is any. */
gboolean
_trail_canvas_prepare_draft (TrailCanvas       *self,
                             TrailDraftOverlay *draft)
{
  g_autofree char *text = NULL;

  if (self->editor == NULL || self->edit->finishing || self->document == NULL)
    return FALSE;

  text = take_editor_text (self->editor);
  g_strchomp (text);

  if (self->edit->header != NULL)
    {
      g_strstrip (text);
      if (text[0] == '\0' || g_strcmp0 (text, get_header_name (self->edit->header)) == 0)
        return FALSE;
      if (draft != NULL)
        trail_draft_overlay_set_text (draft, self->edit->header,
                                      TRAIL_IS_STAGE (self->edit->header) ? "name" : "title", text);
      return TRUE;
    }

  if (self->edit->card != NULL)
    {
      if (g_strcmp0 (text, trail_card_get_text (self->edit->card)) == 0)
        return FALSE;
      if (draft != NULL)
        trail_draft_overlay_set_text (draft, self->edit->card, "text", text);
      return TRUE;
    }

  if (self->edit->lane != NULL && self->edit->stage != NULL && text[0] != '\0')
    {
      TrailChannel channel = TRAIL_CHANNEL_NONE;
      TrailCustomChannel *custom = NULL;

      if (draft == NULL)
        return TRUE;
      if (self->edit->palette_item != NULL)
        {
          const char *custom_id = trail_palette_item_get_custom_channel (self->edit->palette_item);

          if (custom_id != NULL)
            custom = trail_document_find_channel (self->document, custom_id);
          else
            channel = trail_palette_item_get_channel (self->edit->palette_item);
        }
      trail_draft_overlay_add_card (draft, self->edit->lane, self->edit->stage, self->edit->index,
                                    text, channel, custom);
      return TRUE;
    }

  return FALSE;
}

void
trail_canvas_commit_edit (TrailCanvas *self)
{
  g_return_if_fail (TRAIL_IS_CANVAS (self));

  if (self->editor != NULL)
    _trail_canvas_finish_edit (self, TRUE);
}

/* A name's entry is drawn at the screen's size, so it stays readable
 * however far the map is zoomed out: across its header, on the name's
 * line (a stage header's middle, a lane title's top). */
static void
allocate_name_editor (TrailCanvas           *self,
                      const graphene_rect_t *bounds)
{
  int min_h, nat_h;
  int width = MAX (120, ceil (bounds->size.width * self->zoom) - 8);
  double wx, wy;

  gtk_widget_measure (self->editor, GTK_ORIENTATION_VERTICAL, width, &min_h, &nat_h, NULL, NULL);
  _trail_canvas_map_to_widget (self, bounds->origin.x, bounds->origin.y, &wx, &wy);
  wx += 4;
  if (TRAIL_IS_STAGE (self->edit->header))
    wy += (bounds->size.height * self->zoom - nat_h) / 2;
  else
    wy += 4;
  gtk_widget_allocate (self->editor, width, nat_h, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (round (wx), round (wy))));
}

void
_trail_canvas_allocate_editor (TrailCanvas *self)
{
  graphene_rect_t bounds = self->edit->bounds;
  const TrailLayoutItem *item;
  GskTransform *transform = NULL;
  int min_h, nat_h;
  double wx, wy;

  if (self->editor == NULL)
    return;

  if (self->edit->header != NULL)
    {
      if ((item = trail_layout_find (self->layout, self->edit->header)) != NULL)
        bounds = item->bounds;
      allocate_name_editor (self, &bounds);
      return;
    }
  if (self->edit->card != NULL && (item = trail_layout_find (self->layout, self->edit->card)) != NULL)
    bounds = item->bounds;

  gtk_widget_measure (self->editor, GTK_ORIENTATION_VERTICAL, bounds.size.width, &min_h, &nat_h, NULL, NULL);
  _trail_canvas_map_to_widget (self, bounds.origin.x, bounds.origin.y, &wx, &wy);
  transform = gsk_transform_translate (transform, &GRAPHENE_POINT_INIT (round (wx), round (wy)));
  transform = gsk_transform_scale (transform, self->zoom, self->zoom);
  gtk_widget_allocate (self->editor, ceilf (bounds.size.width), MAX (ceilf (bounds.size.height), nat_h),
                       -1, transform);
}

/* ---- Its life with the canvas ------------------------------------------- */

void
_trail_canvas_init_editor (TrailCanvas *self)
{
  self->edit = g_new0 (TrailCanvasEdit, 1);
}

void
_trail_canvas_dispose_editor (TrailCanvas *self)
{
  if (self->editor != NULL)
    _trail_canvas_finish_edit (self, FALSE);
  g_clear_handle_id (&self->edit->finish_idle, g_source_remove);
}

void
_trail_canvas_free_editor (TrailCanvas *self)
{
  g_clear_pointer (&self->edit, g_free);
}

/* Its widget stays while it is edited, wherever the view goes. */
gboolean
_trail_canvas_is_editing_card (TrailCanvas *self,
                               TrailCard   *card)
{
  return self->edit->card == card;
}
