/* trail-canvas-clipboard.c — cut, copy and paste of cards
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the GdkClipboard plumbing lives here: the format (the file's own card
 * objects under TRAIL_CARDS_MIME_TYPE, plus plain text with one card per
 * line for other applications) and pasting are the model's
 * (trail-document-edits.h), where they are tested without a display.
 */
#define G_LOG_DOMAIN "trail-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trail-canvas-private.h"
#include "trail-document-edits.h"


/* A copy holding its own references (and, like the selection, freeing them). */
static GPtrArray *
get_cards_to_copy (TrailCanvas *self)
{
  GPtrArray *cards = g_ptr_array_copy (trail_canvas_get_selected_cards (self), (GCopyFunc) (void (*) (void)) g_object_ref, NULL);

  return cards;
}

void
trail_canvas_copy (TrailCanvas *self)
{
  g_autoptr(GPtrArray) cards = get_cards_to_copy (self);
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GBytes) text_bytes = NULL;
  char *text;
  GdkContentProvider *providers[2];
  g_autoptr(GdkContentProvider) provider = NULL;

  if (cards->len == 0)
    return;

  json = trail_document_copy_cards (self->document, (TrailCard **) cards->pdata, cards->len);
  text = trail_cards_to_text ((TrailCard **) cards->pdata, cards->len);
  text_bytes = g_bytes_new_take (text, strlen (text));

  providers[0] = gdk_content_provider_new_for_bytes (TRAIL_CARDS_MIME_TYPE, json);
  providers[1] = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", text_bytes);
  provider = gdk_content_provider_new_union (providers, 2);
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), provider);
}

void
trail_canvas_cut (TrailCanvas *self)
{
  trail_canvas_copy (self);
  trail_canvas_delete_selection (self);
}

typedef struct
{
  TrailCanvas *canvas;
  TrailLane   *lane;
  TrailStage  *stage;
  int          index;
  char        *mime_type;
} PasteData;

static void
paste_data_free (PasteData *data)
{
  g_clear_object (&data->canvas);
  g_clear_object (&data->lane);
  g_clear_object (&data->stage);
  g_free (data->mime_type);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PasteData, paste_data_free)

static void
paste_bytes (TrailCanvas *self,
             PasteData   *data,
             GBytes      *bytes)
{
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GError) error = NULL;

  if (g_str_has_prefix (data->mime_type, TRAIL_CARDS_MIME_TYPE))
    added = trail_document_paste_cards (self->document, bytes, data->lane, data->stage,
                                        data->index, &error);
  else
    added = trail_document_paste_text (self->document, g_bytes_get_data (bytes, NULL),
                                       g_bytes_get_size (bytes), data->lane, data->stage,
                                       data->index);

  if (added == NULL)
    {
      g_debug ("Could not paste: %s", error->message);
      trail_canvas_show_toast (self, adw_toast_new (_("The clipboard holds cards that cannot be pasted")));
      return;
    }

  if (added->len > 0)
    {
      trail_canvas_set_selection (self, (TrailCard **) added->pdata, added->len);
      trail_canvas_focus_card (self, added->pdata[added->len - 1]);
    }
}

static void
on_splice_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PasteData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GOutputStream *out = G_OUTPUT_STREAM (object);

  if (g_output_stream_splice_finish (out, result, &error) < 0)
    {
      g_debug ("Could not paste: %s", error->message);
      return;
    }
  if (data->canvas->document == NULL)
    return;

  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  paste_bytes (data->canvas, data, bytes);
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

  data->mime_type = g_strdup (mime_type);
  out = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (out, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, on_splice_cb, g_steal_pointer (&data));
}

void
trail_canvas_paste (TrailCanvas *self)
{
  static const char *mime_types[] = {
    TRAIL_CARDS_MIME_TYPE, "text/plain;charset=utf-8", "text/plain", "UTF8_STRING", NULL
  };
  GPtrArray *selection = trail_canvas_get_selected_cards (self);
  PasteData *data;
  TrailLane *lane = self->cursor_lane;
  TrailStage *stage = self->cursor_stage;
  int index = -1;

  if (self->document == NULL)
    return;

  /* After the selected card, else at the end of the keyboard's cell. */
  if (selection->len > 0)
    {
      TrailCard *last = selection->pdata[selection->len - 1];

      lane = trail_document_find_lane (self->document, trail_card_get_lane_id (last));
      stage = trail_document_find_stage (self->document, trail_card_get_stage_id (last));
      index = trail_document_get_card_index (self->document, last) + 1;
    }
  if (lane == NULL || stage == NULL || trail_lane_get_kind (lane) == TRAIL_LANE_KIND_EMOTIONS)
    {
      trail_canvas_show_toast (self, adw_toast_new (_("Choose a cell to paste into")));
      return;
    }

  data = g_new0 (PasteData, 1);
  data->canvas = g_object_ref (self);
  data->lane = g_object_ref (lane);
  data->stage = g_object_ref (stage);
  data->index = index;
  gdk_clipboard_read_async (gtk_widget_get_clipboard (GTK_WIDGET (self)), mime_types,
                            G_PRIORITY_DEFAULT, NULL, on_clipboard_read_cb, data);
}
