/* trail-canvas-clipboard.c — cut, copy and paste of cards
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cards travel as JSON under a MIME type of our own, so they keep their
 * details between maps and windows, and as plain text (one card per line)
 * for every other application. Pasting plain text makes one card per line.
 */
#define G_LOG_DOMAIN "trail-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "trail-canvas-private.h"

#define CARDS_MIME_TYPE "application/x-trailmap-cards+json"

static const char *
enum_nick (GType type,
           int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);

  return v != NULL ? v->value_nick : NULL;
}

static int
enum_value (GType       type,
            const char *nick,
            int         fallback)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *v = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  return v != NULL ? v->value : fallback;
}

/* A copy holding its own references (and, like the selection, freeing them). */
static GPtrArray *
get_cards_to_copy (TrailCanvas *self)
{
  GPtrArray *cards = g_ptr_array_copy (trail_canvas_get_selected_cards (self), (GCopyFunc) (void (*) (void)) g_object_ref, NULL);

  return cards;
}

static GBytes *
serialize_cards (TrailCanvas *self,
                 GPtrArray   *cards)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  char *data;
  gsize len;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "trailmap-cards");
  json_builder_set_member_name (builder, "cards");
  json_builder_begin_array (builder);
  for (guint i = 0; i < cards->len; i++)
    {
      TrailCard *card = cards->pdata[i];
      const char * const *tags = trail_card_get_persona_tags (card);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, trail_card_get_text (card));
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, trail_lane_kind_to_string (trail_canvas_card_lane_kind (self, card)));
      if (trail_card_get_details (card) != NULL)
        {
          json_builder_set_member_name (builder, "details");
          json_builder_add_string_value (builder, trail_card_get_details (card));
        }
      json_builder_set_member_name (builder, "channel");
      json_builder_add_string_value (builder, trail_channel_to_string (trail_card_get_channel (card)));
      json_builder_set_member_name (builder, "evidence");
      json_builder_add_string_value (builder, trail_evidence_to_string (trail_card_get_evidence (card)));
      json_builder_set_member_name (builder, "evidence-source");
      json_builder_add_string_value (builder, enum_nick (TRAIL_TYPE_EVIDENCE_SOURCE,
                                                         trail_card_get_evidence_source (card)));
      if (trail_card_get_evidence_note (card) != NULL)
        {
          json_builder_set_member_name (builder, "evidence-note");
          json_builder_add_string_value (builder, trail_card_get_evidence_note (card));
        }
      json_builder_set_member_name (builder, "priority");
      json_builder_add_string_value (builder, enum_nick (TRAIL_TYPE_PRIORITY, trail_card_get_priority (card)));
      if (trail_card_get_color (card) != NULL)
        {
          json_builder_set_member_name (builder, "color");
          json_builder_add_string_value (builder, trail_card_get_color (card));
        }
      json_builder_set_member_name (builder, "votes");
      json_builder_add_int_value (builder, trail_card_get_votes (card));
      /* Persona ids only mean something in the same map; pasting
       * elsewhere drops the ones it does not know. */
      json_builder_set_member_name (builder, "persona-tags");
      json_builder_begin_array (builder);
      for (guint t = 0; tags != NULL && tags[t] != NULL; t++)
        json_builder_add_string_value (builder, tags[t]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &len);
  return g_bytes_new_take (data, len);
}

void
trail_canvas_copy (TrailCanvas *self)
{
  g_autoptr(GPtrArray) cards = get_cards_to_copy (self);
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) text_bytes = NULL;
  GdkContentProvider *providers[2];
  g_autoptr(GdkContentProvider) provider = NULL;

  if (cards->len == 0)
    return;

  json = serialize_cards (self, cards);
  for (guint i = 0; i < cards->len; i++)
    {
      g_autofree char *line = g_strdup (trail_card_get_text (cards->pdata[i]));

      /* One card per line: a card's own line breaks become spaces. */
      g_strdelimit (line, "\r\n", ' ');
      g_string_append_printf (text, "%s\n", line);
    }
  text_bytes = g_string_free_to_bytes (g_steal_pointer (&text));

  providers[0] = gdk_content_provider_new_for_bytes (CARDS_MIME_TYPE, json);
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

static TrailCard *
paste_json_card (TrailCanvas *self,
                 JsonObject  *object,
                 PasteData   *data,
                 int          index)
{
  TrailDocument *doc = self->document;
  TrailCard *card;
  const char *text = json_object_get_string_member_with_default (object, "text", "");
  const char *details = json_object_get_string_member_with_default (object, "details", NULL);
  const char *note = json_object_get_string_member_with_default (object, "evidence-note", NULL);
  const char *color = json_object_get_string_member_with_default (object, "color", NULL);
  gint64 votes = json_object_get_int_member_with_default (object, "votes", 0);
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  g_auto(GStrv) tag_list = NULL;
  JsonArray *array;

  card = trail_document_add_card (doc, data->lane, data->stage, index, text);
  if (card == NULL)
    return NULL;

  if ((array = json_object_get_array_member (object, "persona-tags")) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        const char *id = json_array_get_string_element (array, i);
        if (id != NULL && trail_document_find_persona (doc, id) != NULL)
          g_strv_builder_add (tags, id);
      }
  tag_list = g_strv_builder_end (tags);

  trail_document_update (doc, card,
                         "details", details,
                         "channel", enum_value (TRAIL_TYPE_CHANNEL,
                                                json_object_get_string_member_with_default (object, "channel", NULL),
                                                TRAIL_CHANNEL_NONE),
                         "evidence", enum_value (TRAIL_TYPE_EVIDENCE,
                                                 json_object_get_string_member_with_default (object, "evidence", NULL),
                                                 TRAIL_EVIDENCE_NONE),
                         "evidence-source", enum_value (TRAIL_TYPE_EVIDENCE_SOURCE,
                                                        json_object_get_string_member_with_default (object, "evidence-source", NULL),
                                                        TRAIL_EVIDENCE_SOURCE_NONE),
                         "evidence-note", note,
                         "priority", enum_value (TRAIL_TYPE_PRIORITY,
                                                 json_object_get_string_member_with_default (object, "priority", NULL),
                                                 TRAIL_PRIORITY_NONE),
                         "votes", (guint) CLAMP (votes, 0, 999),
                         "persona-tags", tag_list,
                         NULL);
  /* A colour that is not "#rrggbb" would be refused loudly. */
  if (color != NULL && strlen (color) == 7 && color[0] == '#')
    trail_document_update (doc, card, "color", color, NULL);

  return card;
}

static void
paste_text (TrailCanvas *self,
            PasteData   *data,
            const char  *text,
            gsize        len)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  int index = data->index;

  if (g_str_has_prefix (data->mime_type, CARDS_MIME_TYPE))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonNode *root;
      JsonArray *cards;

      if (!json_parser_load_from_data (parser, text, len, NULL) ||
          (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
          (cards = json_object_get_array_member (json_node_get_object (root), "cards")) == NULL)
        return;

      trail_document_begin_group (self->document, _("Paste"));
      for (guint i = 0; i < json_array_get_length (cards); i++)
        {
          JsonNode *node = json_array_get_element (cards, i);
          TrailCard *card;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          card = paste_json_card (self, json_node_get_object (node), data, index);
          if (card != NULL)
            {
              g_ptr_array_add (added, card);
              if (index >= 0)
                index++;
            }
        }
      trail_document_end_group (self->document);
    }
  else
    {
      g_autofree char *valid = g_utf8_make_valid (text, len);
      g_auto(GStrv) lines = g_strsplit (valid, "\n", -1);

      trail_document_begin_group (self->document, _("Paste"));
      for (guint i = 0; lines[i] != NULL; i++)
        {
          TrailCard *card;

          g_strstrip (lines[i]);
          if (lines[i][0] == '\0')
            continue;
          card = trail_document_add_card (self->document, data->lane, data->stage, index, lines[i]);
          if (card != NULL)
            {
              g_ptr_array_add (added, card);
              if (index >= 0)
                index++;
            }
        }
      trail_document_end_group (self->document);
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
  paste_text (data->canvas, data, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
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
    CARDS_MIME_TYPE, "text/plain;charset=utf-8", "text/plain", "UTF8_STRING", NULL
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
