/* trail-map-view-actions.c — every editing action of a map, in one place
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The map view's "map.*" actions act on its TrailSelection through the
 * model's editing verbs (trail-document-edits.h), each one undo step. The
 * canvas's keys, its context menus (trail-canvas-menus.ui) and the
 * inspector's buttons all name these actions, so an edit behaves the same
 * wherever it was started, down to the Undo toast a removal shows.
 */
#define G_LOG_DOMAIN "trail-map-view"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-compat.h"
#include "trail-map-view-private.h"

/* ---- Toasts ------------------------------------------------------------- */

static void
on_undo_toast_dismissed_cb (TrailMapView *self,
                            AdwToast     *toast)
{
  if (self->undo_toast == toast)
    self->undo_toast = NULL;
}

void
_trail_map_view_show_toast (TrailMapView *self,
                            AdwToast     *toast)
{
  trail_compat_show_toast (GTK_WIDGET (self), toast);
}

/* The one Undo toast of every removal, however it was started. A toast
 * still shown is never added again (the overlay refuses it): the new one
 * replaces it, as it replaces any other toast (trail_compat_show_toast()),
 * so no priority is needed to show it at once. */
static void
show_undo_toast (TrailMapView *self,
                 const char   *title)
{
  AdwToast *toast = trail_compat_toast_new (title);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  self->undo_toast = toast;
  _trail_map_view_show_toast (self, toast);
}

/* ---- What the actions act on -------------------------------------------- */

/* The selected cards, else the card with the keyboard. Transfer container. */
static GPtrArray *
get_target_cards (TrailMapView *self)
{
  GPtrArray *cards = g_ptr_array_new ();
  TrailCard *current;

  if (self->selection == NULL)
    return cards;

  g_ptr_array_extend (cards, trail_selection_get_cards (self->selection), NULL, NULL);
  if (cards->len == 0 && trail_selection_get_object (self->selection) == NULL &&
      (current = trail_canvas_get_current_card (self->canvas)) != NULL)
    g_ptr_array_add (cards, current);

  return cards;
}

static TrailStage *
get_current_stage (TrailMapView *self)
{
  GObject *object = trail_selection_get_object (self->selection);
  TrailCard *card = trail_canvas_get_current_card (self->canvas);

  if (TRAIL_IS_STAGE (object))
    return TRAIL_STAGE (object);
  if (card != NULL)
    return trail_document_find_stage (self->document, trail_card_get_stage_id (card));
  return trail_selection_get_cursor_stage (self->selection);
}

static TrailLane *
get_current_lane (TrailMapView *self)
{
  GObject *object = trail_selection_get_object (self->selection);
  TrailCard *card = trail_canvas_get_current_card (self->canvas);

  if (TRAIL_IS_LANE (object))
    return TRAIL_LANE (object);
  if (card != NULL)
    return trail_document_find_lane (self->document, trail_card_get_lane_id (card));
  return trail_selection_get_cursor_lane (self->selection);
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

static gboolean
canvas_has_focus (TrailMapView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == GTK_WIDGET (self->canvas) ||
                           gtk_widget_is_ancestor (focus, GTK_WIDGET (self->canvas)));
}

/* ---- Removing ----------------------------------------------------------- */

/* A toast's title is Pango markup, and a name is whatever its author typed:
 * one line, cut to a toast's length, with its markup characters escaped. */
static char *
dup_toast_name (const char *name)
{
  g_autofree char *text = trail_display_text_dup (name, TRAIL_DISPLAY_TEXT_MAX_CHARS);

  return g_markup_escape_text (text, -1);
}

static char *
describe_removal (TrailMapView *self,
                  guint         n_cards,
                  GObject      *object)
{
  g_autofree char *name = NULL;

  if (n_cards > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card deleted", "%u cards deleted", n_cards),
                            n_cards);
  if (TRAIL_IS_STAGE (object))
    {
      name = dup_toast_name (trail_stage_get_name (TRAIL_STAGE (object)));
      /* Translators: %s is a stage's name */
      return g_strdup_printf (_("Stage “%s” deleted"), name);
    }
  if (TRAIL_IS_LANE (object))
    {
      name = dup_toast_name (trail_lane_get_title (TRAIL_LANE (object)));
      /* Translators: %s is a lane's title */
      return g_strdup_printf (_("Lane “%s” deleted"), name);
    }
  if (TRAIL_IS_PERSONA (object))
    {
      name = dup_toast_name (trail_persona_get_name (TRAIL_PERSONA (object)));
      /* Translators: %s is a persona's name */
      return g_strdup_printf (_("Persona “%s” deleted"), name);
    }
  if (TRAIL_IS_EMOTION_POINT (object))
    return g_strdup (_("Emotion point deleted"));
  if (TRAIL_IS_EMOTION_LINE (object))
    return g_strdup (_("Emotion line deleted"));
  return NULL;
}

static void
remove_selection (TrailMapView *self)
{
  g_autoptr(GPtrArray) cards = get_target_cards (self);
  g_autoptr(TrailLane) lane = NULL;
  g_autoptr(TrailStage) stage = NULL;
  g_autofree char *title = NULL;
  gboolean keyboard_here = canvas_has_focus (self);
  guint index = 0;

  if (self->document == NULL)
    return;

  if (cards->len > 0)
    {
      TrailCard *first = cards->pdata[0];

      /* The keyboard stays where the first card was. */
      g_set_object (&lane, trail_document_find_lane (self->document, trail_card_get_lane_id (first)));
      g_set_object (&stage, trail_document_find_stage (self->document, trail_card_get_stage_id (first)));
      index = trail_document_get_card_index (self->document, first);
      trail_selection_select_cards (self->selection, (TrailCard **) cards->pdata, cards->len);
    }

  title = describe_removal (self, cards->len, trail_selection_get_object (self->selection));
  if (title == NULL || trail_document_remove_selection (self->document, self->selection) == 0)
    return;

  show_undo_toast (self, title);

  if (keyboard_here && lane != NULL && stage != NULL)
    {
      g_autoptr(GPtrArray) left = trail_document_get_cell_cards (self->document, lane, stage);

      if (left->len > 0)
        {
          TrailCard *card = left->pdata[MIN (index > 0 ? index - 1 : 0, left->len - 1)];

          trail_selection_select_card (self->selection, card);
          trail_canvas_focus_card (self->canvas, card);
        }
      else
        trail_canvas_focus_cell (self->canvas, lane, stage);
    }
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  remove_selection (TRAIL_MAP_VIEW (widget));
}

/* ---- Cards -------------------------------------------------------------- */

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  trail_canvas_edit (TRAIL_MAP_VIEW (widget)->canvas);
}

static void
new_card_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  trail_canvas_new_card (TRAIL_MAP_VIEW (widget)->canvas);
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  TrailMapView *self = TRAIL_MAP_VIEW (widget);
  g_autoptr(GPtrArray) cards = get_target_cards (self);
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GError) error = NULL;

  if (cards->len == 0)
    return;
  /* Refused now, with the reason, rather than at the next save. */
  if (!trail_document_check_room (self->document, cards->len, 0, &error))
    {
      _trail_map_view_show_toast (self, trail_compat_toast_new (error->message));
      return;
    }

  copies = trail_document_duplicate_cards (self->document, (TrailCard **) cards->pdata, cards->len);
  trail_selection_select_cards (self->selection, (TrailCard **) copies->pdata, copies->len);
  if (copies->len > 0)
    trail_canvas_focus_card (self->canvas, copies->pdata[copies->len - 1]);
}

/* One action addressing every selected card, opened in the inspector (the
 * new row is expanded there) so its title, owner and due date can be
 * filled in at once. */
static void
add_action_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  TrailMapView *self = TRAIL_MAP_VIEW (widget);
  g_autoptr(GPtrArray) cards = get_target_cards (self);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  if (cards->len == 0)
    return;

  for (guint i = 0; i < cards->len; i++)
    g_ptr_array_add (ids, (gpointer) trail_card_get_id (cards->pdata[i]));
  g_ptr_array_add (ids, NULL);
  /* The card first, so the inspector shows it when the action appears
   * and opens the new action there. */
  if (cards->len == 1)
    trail_selection_select_cards (self->selection, (TrailCard **) cards->pdata, 1);
  trail_side_panes_set_show_end (self->panes, TRUE);
  trail_document_add_action (self->document, -1, _("New Action"), (const char * const *) ids->pdata);
}

static void
vote_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  TrailMapView *self = TRAIL_MAP_VIEW (widget);
  g_autoptr(GPtrArray) cards = get_target_cards (self);

  if (cards->len > 0 && !_trail_map_view_vote (self, cards, g_str_equal (action_name, "map.vote-up")))
    trail_document_add_votes (self->document, (TrailCard **) cards->pdata, cards->len,
                              g_str_equal (action_name, "map.vote-up") ? 1 : -1);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  TrailMapView *self = TRAIL_MAP_VIEW (widget);
  TrailLayout *layout = trail_canvas_get_layout (self->canvas);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  graphene_rect_t all;

  if (layout == NULL)
    return;

  /* What the map shows: cards of hidden lanes stay out of it. */
  trail_layout_get_bounds (layout, &all);
  items = trail_layout_query (layout, &all, TRAIL_LAYOUT_ITEM_CARD);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (cards, ((TrailLayoutItem *) items->pdata[i])->object);
  trail_selection_select_cards (self->selection, (TrailCard **) cards->pdata, cards->len);
}

/* Alt+arrows: left and right to the next stage, up and down within the
 * cell and on into the next lane that takes cards. */
static void
move_card_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  TrailMapView *self = TRAIL_MAP_VIEW (widget);
  TrailLayout *layout = trail_canvas_get_layout (self->canvas);
  const char *where = g_variant_get_string (param, NULL);
  TrailCard *card = trail_canvas_get_current_card (self->canvas);
  g_autoptr(GPtrArray) cards = NULL;
  GPtrArray *lanes, *stages;
  TrailLane *lane;
  TrailStage *stage;
  int li, si, ci;

  if (card == NULL || layout == NULL)
    return;

  lane = trail_document_find_lane (self->document, trail_card_get_lane_id (card));
  stage = trail_document_find_stage (self->document, trail_card_get_stage_id (card));
  lanes = trail_layout_get_lanes (layout);
  stages = trail_layout_get_stages (layout);
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
      trail_document_move_cards (self->document, &card, 1, lane, ((TrailLayoutItem *) stages->pdata[si])->object, -1);
    }
  else
    {
      int step = g_str_equal (where, "up") ? -1 : 1;

      /* move_cards counts the cell before the move: down is past the next card. */
      if (ci + step >= 0 && ci + step < (int) cards->len)
        trail_document_move_cards (self->document, &card, 1, lane, stage, step < 0 ? ci - 1 : ci + 2);
      else
        for (li += step; li >= 0 && li < (int) lanes->len; li += step)
          {
            TrailLane *next = ((TrailLayoutItem *) lanes->pdata[li])->object;

            if (trail_lane_get_kind (next) == TRAIL_LANE_KIND_EMOTIONS)
              continue;
            trail_document_move_cards (self->document, &card, 1, next, stage, step < 0 ? -1 : 0);
            break;
          }
    }

  trail_selection_select_card (self->selection, card);
  trail_canvas_focus_card (self->canvas, card);
}

/* ---- Clipboard ---------------------------------------------------------- */

static void
copy_cards (TrailMapView *self,
            GPtrArray    *cards)
{
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GdkContentProvider) provider = NULL;
  GdkContentProvider *providers[2];
  char *plain;

  json = trail_document_copy_cards (self->document, (TrailCard **) cards->pdata, cards->len);
  plain = trail_cards_to_text ((TrailCard **) cards->pdata, cards->len);
  text = g_bytes_new_take (plain, strlen (plain));

  /* Our own format keeps every field; plain text is for other apps. */
  providers[0] = gdk_content_provider_new_for_bytes (TRAIL_CARDS_MIME_TYPE, json);
  providers[1] = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", text);
  provider = gdk_content_provider_new_union (providers, 2);
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), provider);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  TrailMapView *self = TRAIL_MAP_VIEW (widget);
  g_autoptr(GPtrArray) cards = get_target_cards (self);

  if (cards->len == 0)
    return;

  copy_cards (self, cards);
  if (g_str_equal (action_name, "map.cut"))
    remove_selection (self);
}

typedef struct
{
  TrailMapView  *view;
  TrailDocument *document;
  TrailLane     *lane;
  TrailStage    *stage;
  int            index;
} PasteData;

static void
paste_data_free (PasteData *data)
{
  g_clear_object (&data->view);
  g_clear_object (&data->document);
  g_clear_object (&data->lane);
  g_clear_object (&data->stage);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PasteData, paste_data_free)

/* Whether a line of pasted text is longer than a card's text may be: it
 * is cut, and the user is told (not left to find a shortened card). */
static gboolean
has_long_line (const char *text,
               gsize       len)
{
  gsize start = 0;

  for (gsize i = 0; i <= len; i++)
    if (i == len || text[i] == '\n' || text[i] == '\r')
      {
        if (i - start > TRAIL_FILE_MAX_STRING)
          return TRUE;
        start = i + 1;
      }
  return FALSE;
}

static void
finish_paste (PasteData  *data,
              GPtrArray  *added,
              GError     *error,
              gboolean    cut_lines)
{
  TrailMapView *self = data->view;

  if (error != NULL)
    {
      g_autofree char *title = NULL;

      /* Translators: %s says why, e.g. "The map cannot hold 3 more cards" */
      title = g_strdup_printf (_("Could not paste: %s"), error->message);
      _trail_map_view_show_toast (self, trail_compat_toast_new (title));
      return;
    }

  if (added != NULL && added->len > 0)
    {
      trail_selection_select_cards (self->selection, (TrailCard **) added->pdata, added->len);
      trail_canvas_focus_card (self->canvas, added->pdata[added->len - 1]);
      if (cut_lines)
        _trail_map_view_show_toast (self, trail_compat_toast_new (_("Lines longer than a card’s text allows were shortened")));
    }
}

/* A Mermaid journey from a wiki becomes stages, steps and emotion points,
 * wherever the keyboard is: one undo step. */
static void
paste_mermaid (PasteData *data,
               GBytes    *bytes)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  added = trail_mermaid_paste (data->document, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                               warnings, &error);
  if (added == NULL)
    {
      finish_paste (data, NULL, error, FALSE);
      return;
    }

  finish_paste (data, added, NULL, FALSE);
  if (warnings->len > 0)
    /* Translators: %s is a note such as "line 4: a score outside 1 to 5 is …" */
    title = g_strdup_printf (_("Pasted a Mermaid journey; %s"), (char *) warnings->pdata[0]);
  else
    title = g_strdup_printf (ngettext ("Pasted a Mermaid journey with %u step",
                                       "Pasted a Mermaid journey with %u steps", added->len), added->len);
  toast = trail_compat_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  _trail_map_view_show_toast (data->view, toast);
}

static void
on_splice_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PasteData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) added = NULL;
  gboolean cut_lines = FALSE;
  GOutputStream *out = G_OUTPUT_STREAM (object);
  const char *mime_type = g_object_get_data (object, "mime-type");

  if (g_output_stream_splice_finish (out, result, &error) < 0)
    {
      g_debug ("Could not paste: %s", error->message);
      return;
    }
  /* The map may have been closed, or another opened, meanwhile. */
  if (data->view->document != data->document)
    return;

  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  if (!g_str_has_prefix (mime_type, TRAIL_CARDS_MIME_TYPE) &&
      trail_mermaid_detect (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)))
    {
      paste_mermaid (data, bytes);
      return;
    }
  if (data->lane == NULL)
    {
      _trail_map_view_show_toast (data->view, trail_compat_toast_new (_("Choose a cell to paste into")));
      return;
    }
  if (g_str_has_prefix (mime_type, TRAIL_CARDS_MIME_TYPE))
    added = trail_document_paste_cards (data->document, bytes, data->lane, data->stage, data->index, &error);
  else
    {
      cut_lines = has_long_line (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      added = trail_document_paste_text (data->document, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                         data->lane, data->stage, data->index, &error);
    }
  finish_paste (data, added, error, cut_lines);
}

static void
on_clipboard_read_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(PasteData) data = user_data;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  const char *mime_type = NULL;

  stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (object), result, &mime_type, &error);
  if (stream == NULL)
    {
      g_debug ("Nothing to paste: %s", error->message);
      return;
    }

  out = g_memory_output_stream_new_resizable ();
  g_object_set_data_full (G_OBJECT (out), "mime-type", g_strdup (mime_type), g_free);
  g_output_stream_splice_async (out, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, on_splice_cb, g_steal_pointer (&data));
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  static const char *mime_types[] = {
    TRAIL_CARDS_MIME_TYPE, "text/plain;charset=utf-8", "text/plain", "UTF8_STRING", NULL
  };
  TrailMapView *self = TRAIL_MAP_VIEW (widget);
  g_autoptr(GPtrArray) cards = get_target_cards (self);
  TrailLane *lane = get_current_lane (self);
  TrailStage *stage = get_current_stage (self);
  PasteData *data;
  int index = -1;

  if (self->document == NULL)
    return;

  /* After the selected card, else at the end of the keyboard's cell. */
  if (cards->len > 0)
    {
      TrailCard *last = cards->pdata[cards->len - 1];

      lane = trail_document_find_lane (self->document, trail_card_get_lane_id (last));
      stage = trail_document_find_stage (self->document, trail_card_get_stage_id (last));
      index = trail_document_get_card_index (self->document, last) + 1;
    }
  /* Without a cell only a Mermaid journey can be pasted (it makes its
   * own): the clipboard is read first to tell. */
  if (lane == NULL || stage == NULL || trail_lane_get_kind (lane) == TRAIL_LANE_KIND_EMOTIONS)
    {
      lane = NULL;
      stage = NULL;
    }

  data = g_new0 (PasteData, 1);
  data->view = g_object_ref (self);
  data->document = g_object_ref (self->document);
  data->lane = lane != NULL ? g_object_ref (lane) : NULL;
  data->stage = stage != NULL ? g_object_ref (stage) : NULL;
  data->index = index;
  gdk_clipboard_read_async (gtk_widget_get_clipboard (widget), mime_types,
                            G_PRIORITY_DEFAULT, NULL, on_clipboard_read_cb, data);
}

/* ---- Stages and lanes --------------------------------------------------- */

static void
insert_stage_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  TrailMapView *self = TRAIL_MAP_VIEW (widget);
  TrailStage *stage = get_current_stage (self);
  guint index = stage != NULL ? trail_document_get_stage_index (self->document, stage) : 0;
  TrailStage *added;

  if (stage != NULL && g_str_equal (g_variant_get_string (param, NULL), "after"))
    index++;

  added = trail_document_add_stage (self->document, index, _("New stage"));
  trail_selection_select_object (self->selection, added);
  /* A new stage wants its name right away. */
  trail_canvas_edit (self->canvas);
}

static void
move_stage_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  TrailMapView *self = TRAIL_MAP_VIEW (widget);
  TrailStage *stage = get_current_stage (self);
  gboolean left = g_str_equal (g_variant_get_string (param, NULL), "left");
  guint n, index;

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
  TrailMapView *self = TRAIL_MAP_VIEW (widget);
  TrailLane *lane = get_current_lane (self);
  gboolean up = g_str_equal (g_variant_get_string (param, NULL), "up");
  guint n, index;

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
  TrailMapView *self = TRAIL_MAP_VIEW (widget);
  TrailLane *lane = get_current_lane (self);

  if (lane != NULL)
    trail_document_update (self->document, lane, "hidden", TRUE, NULL);
}

/* The crowd's ratings of a stage (the inspector's stage section): one
 * participant's ("(ss)": stage id, participant key), or all of them
 * ("s": stage id); one undo step with the Undo toast of every removal. */
static void
remove_rating_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  TrailMapView *self = TRAIL_MAP_VIEW (widget);
  const char *stage_id, *participant;
  TrailStage *stage;

  if (self->document == NULL)
    return;
  g_variant_get (param, "(&s&s)", &stage_id, &participant);
  stage = trail_document_find_stage (self->document, stage_id);
  if (stage != NULL && trail_document_unrate_stage (self->document, stage, participant))
    show_undo_toast (self, _("Rating removed"));
}

static void
clear_ratings_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  TrailMapView *self = TRAIL_MAP_VIEW (widget);
  TrailStage *stage;
  guint n;
  g_autofree char *title = NULL;

  if (self->document == NULL)
    return;
  stage = trail_document_find_stage (self->document, g_variant_get_string (param, NULL));
  if (stage == NULL || (n = trail_document_clear_stage_ratings (self->document, stage)) == 0)
    return;
  /* Translators: a toast after the facilitator cleared a stage's ratings. */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u rating removed", "%u ratings removed", n), n);
  show_undo_toast (self, title);
}

static void
show_hidden_lanes_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  TrailMapView *self = TRAIL_MAP_VIEW (widget);
  GListModel *lanes = trail_document_get_lanes (self->document);
  gboolean grouped = FALSE;

  /* A hidden lane has no header to click: this is the way back. */
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
  TrailMapView *self = TRAIL_MAP_VIEW (widget);
  gpointer object = g_str_equal (action_name, "map.select-stage") ? (gpointer) get_current_stage (self)
                                                                   : (gpointer) get_current_lane (self);

  /* The inspector follows the selection: this opens its properties. */
  if (object != NULL)
    {
      trail_selection_select_object (self->selection, object);
      trail_side_panes_set_show_end (self->panes, TRUE);
    }
}

/* ---- Enabling ----------------------------------------------------------- */

void
_trail_map_view_update_actions (TrailMapView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_doc = self->selection != NULL;
  GObject *object = has_doc ? trail_selection_get_object (self->selection) : NULL;
  g_autoptr(GPtrArray) cards = get_target_cards (self);
  gboolean has_cards = cards->len > 0;
  gboolean header = TRAIL_IS_STAGE (object) || TRAIL_IS_LANE (object);
  gboolean hidden = FALSE;

  if (has_doc)
    {
      GListModel *lanes = trail_document_get_lanes (self->document);

      for (guint i = 0; i < g_list_model_get_n_items (lanes) && !hidden; i++)
        {
          g_autoptr(TrailLane) lane = g_list_model_get_item (lanes, i);
          hidden = trail_lane_get_hidden (lane);
        }
    }

  gtk_widget_action_set_enabled (widget, "map.rename", has_doc && (cards->len == 1 || header));
  gtk_widget_action_set_enabled (widget, "map.new-card", has_doc);
  gtk_widget_action_set_enabled (widget, "map.delete", has_doc && (has_cards || object != NULL));
  gtk_widget_action_set_enabled (widget, "map.duplicate", has_cards);
  gtk_widget_action_set_enabled (widget, "map.add-action", has_cards);
  gtk_widget_action_set_enabled (widget, "map.vote-up", has_cards);
  gtk_widget_action_set_enabled (widget, "map.vote-down", has_cards);
  gtk_widget_action_set_enabled (widget, "map.copy", has_cards);
  gtk_widget_action_set_enabled (widget, "map.cut", has_cards);
  gtk_widget_action_set_enabled (widget, "map.paste", has_doc);
  gtk_widget_action_set_enabled (widget, "map.select-all", has_doc);
  gtk_widget_action_set_enabled (widget, "map.move-card", cards->len == 1);
  gtk_widget_action_set_enabled (widget, "map.insert-stage", has_doc);
  gtk_widget_action_set_enabled (widget, "map.move-stage", has_doc);
  gtk_widget_action_set_enabled (widget, "map.move-lane", has_doc);
  gtk_widget_action_set_enabled (widget, "map.hide-lane", has_doc);
  gtk_widget_action_set_enabled (widget, "map.show-hidden-lanes", hidden);
  gtk_widget_action_set_enabled (widget, "map.select-stage", has_doc);
  gtk_widget_action_set_enabled (widget, "map.select-lane", has_doc);
}

void
_trail_map_view_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "map.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "map.new-card", NULL, new_card_action);
  gtk_widget_class_install_action (widget_class, "map.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "map.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "map.add-action", NULL, add_action_action);
  gtk_widget_class_install_action (widget_class, "map.vote-up", NULL, vote_action);
  gtk_widget_class_install_action (widget_class, "map.vote-down", NULL, vote_action);
  gtk_widget_class_install_action (widget_class, "map.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "map.cut", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "map.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "map.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "map.move-card", "s", move_card_action);
  gtk_widget_class_install_action (widget_class, "map.insert-stage", "s", insert_stage_action);
  gtk_widget_class_install_action (widget_class, "map.move-stage", "s", move_stage_action);
  gtk_widget_class_install_action (widget_class, "map.move-lane", "s", move_lane_action);
  gtk_widget_class_install_action (widget_class, "map.hide-lane", NULL, hide_lane_action);
  gtk_widget_class_install_action (widget_class, "map.show-hidden-lanes", NULL, show_hidden_lanes_action);
  gtk_widget_class_install_action (widget_class, "map.remove-rating", "(ss)", remove_rating_action);
  gtk_widget_class_install_action (widget_class, "map.clear-ratings", "s", clear_ratings_action);
  gtk_widget_class_install_action (widget_class, "map.select-stage", NULL, select_header_action);
  gtk_widget_class_install_action (widget_class, "map.select-lane", NULL, select_header_action);
}
