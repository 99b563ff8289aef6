/* trail-document-edits.c — the editing verbs the views share.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-document-edits"

#include "config.h"

#include <glib/gi18n.h>
#include <gobject/gvaluecollector.h>
#include <string.h>

#include "trail-document-edits.h"
#include "trail-document-io.h"
#include "trail-model-private.h"

/* ---- Helpers ------------------------------------------------------------ */

static gboolean
card_in_document (TrailDocument *self,
                  TrailCard     *card)
{
  return TRAIL_IS_CARD (card) &&
         trail_document_find_card (self, trail_card_get_id (card)) == card;
}

static gboolean
check_cards (TrailDocument     *self,
             TrailCard * const *cards,
             guint              n_cards)
{
  g_return_val_if_fail (cards != NULL || n_cards == 0, FALSE);

  for (guint i = 0; i < n_cards; i++)
    if (!card_in_document (self, cards[i]))
      {
        g_critical ("A card given to an edit is not in the document");
        return FALSE;
      }

  return TRUE;
}

static gboolean
check_cell (TrailDocument *self,
            TrailLane     *lane,
            TrailStage    *stage)
{
  g_return_val_if_fail (TRAIL_IS_LANE (lane), FALSE);
  g_return_val_if_fail (TRAIL_IS_STAGE (stage), FALSE);
  g_return_val_if_fail (trail_document_find_lane (self, trail_lane_get_id (lane)) == lane, FALSE);
  g_return_val_if_fail (trail_document_find_stage (self, trail_stage_get_id (stage)) == stage, FALSE);
  g_return_val_if_fail (trail_lane_get_kind (lane) != TRAIL_LANE_KIND_EMOTIONS, FALSE);

  return TRUE;
}

typedef struct
{
  TrailCard *card;
  guint      stage;
  guint      lane;
  guint      index;
} SortKey;

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const SortKey *ka = a, *kb = b;

  if (ka->stage != kb->stage)
    return ka->stage < kb->stage ? -1 : 1;
  if (ka->lane != kb->lane)
    return ka->lane < kb->lane ? -1 : 1;
  if (ka->index != kb->index)
    return ka->index < kb->index ? -1 : 1;
  return 0;
}

static const char *
remove_label (gpointer item)
{
  if (TRAIL_IS_CARD (item))
    return _("Remove Card");
  if (TRAIL_IS_STAGE (item))
    return _("Remove Stage");
  if (TRAIL_IS_LANE (item))
    return _("Remove Lane");
  if (TRAIL_IS_PERSONA (item))
    return _("Remove Persona");
  if (TRAIL_IS_EMOTION_LINE (item))
    return _("Remove Emotion Line");
  if (TRAIL_IS_EMOTION_POINT (item))
    return _("Remove Emotion Point");
  if (TRAIL_IS_CUSTOM_CHANNEL (item))
    return _("Remove Channel");
  return _("Remove");
}

/* Still in the document: an item removed earlier in the same call (a card
 * of a removed stage) is skipped. */
static gboolean
item_present (TrailDocument *self,
              gpointer       item)
{
  if (TRAIL_IS_CARD (item))
    return trail_document_find_card (self, trail_card_get_id (item)) == item;
  if (TRAIL_IS_STAGE (item))
    return trail_document_find_stage (self, trail_stage_get_id (item)) == item;
  if (TRAIL_IS_LANE (item))
    return trail_document_find_lane (self, trail_lane_get_id (item)) == item;
  if (TRAIL_IS_PERSONA (item))
    return trail_document_find_persona (self, trail_persona_get_id (item)) == item;
  if (TRAIL_IS_EMOTION_LINE (item))
    return trail_document_find_emotion_line (self, trail_emotion_line_get_id (item)) == item;
  if (TRAIL_IS_EMOTION_POINT (item))
    return trail_document_find_emotion_point (self, trail_emotion_point_get_id (item)) == item;
  if (TRAIL_IS_CUSTOM_CHANNEL (item))
    return trail_document_find_channel (self, trail_custom_channel_get_id (item)) == item;
  return FALSE;
}

static void
remove_one (TrailDocument *self,
            gpointer       item)
{
  if (TRAIL_IS_CARD (item))
    trail_document_remove_card (self, item);
  else if (TRAIL_IS_STAGE (item))
    trail_document_remove_stage (self, item);
  else if (TRAIL_IS_LANE (item))
    trail_document_remove_lane (self, item);
  else if (TRAIL_IS_PERSONA (item))
    trail_document_remove_persona (self, item);
  else if (TRAIL_IS_EMOTION_LINE (item))
    trail_document_remove_emotion_line (self, item);
  else if (TRAIL_IS_EMOTION_POINT (item))
    trail_document_remove_emotion_point (self, item);
  else if (TRAIL_IS_CUSTOM_CHANNEL (item))
    trail_document_remove_channel (self, item);
}

/* ---- Sorting and moving ------------------------------------------------- */

GPtrArray *
trail_document_sort_cards (TrailDocument     *self,
                           TrailCard * const *cards,
                           guint              n_cards)
{
  g_autofree SortKey *keys = NULL;
  GPtrArray *sorted;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);

  sorted = g_ptr_array_new_full (n_cards, g_object_unref);
  if (!check_cards (self, cards, n_cards))
    return sorted;

  keys = g_new (SortKey, n_cards);
  for (guint i = 0; i < n_cards; i++)
    {
      TrailCard *card = cards[i];

      keys[i].card = card;
      keys[i].stage = trail_document_get_stage_index (self, trail_document_find_stage (self, trail_card_get_stage_id (card)));
      keys[i].lane = trail_document_get_lane_index (self, trail_document_find_lane (self, trail_card_get_lane_id (card)));
      keys[i].index = trail_document_get_card_index (self, card);
    }
  /* Stable, so a card given twice keeps one place. */
  g_qsort_with_data (keys, n_cards, sizeof (SortKey), (GCompareDataFunc) compare_keys, NULL);

  for (guint i = 0; i < n_cards; i++)
    if (i == 0 || keys[i].card != keys[i - 1].card)
      g_ptr_array_add (sorted, g_object_ref (keys[i].card));

  return sorted;
}

void
trail_document_move_cards (TrailDocument     *self,
                           TrailCard * const *cards,
                           guint              n_cards,
                           TrailLane         *lane,
                           TrailStage        *stage,
                           int                index)
{
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GPtrArray) cell = NULL;
  g_autoptr(GHashTable) moving = NULL;
  TrailCard *anchor = NULL;

  g_return_if_fail (TRAIL_IS_DOCUMENT (self));
  if (!check_cards (self, cards, n_cards) || !check_cell (self, lane, stage) || n_cards == 0)
    return;

  sorted = trail_document_sort_cards (self, cards, n_cards);
  moving = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < sorted->len; i++)
    g_hash_table_add (moving, sorted->pdata[i]);

  /* The cards land before the first card, at @index or after it, that is
   * not moving: it keeps its place whatever happens around it, which makes
   * moves within a cell come out right in every order. */
  cell = trail_document_get_cell_cards (self, lane, stage);
  for (guint i = index < 0 ? cell->len : (guint) index; i < cell->len; i++)
    if (!g_hash_table_contains (moving, cell->pdata[i]))
      {
        anchor = g_object_ref (cell->pdata[i]);
        break;
      }

  trail_document_begin_group (self, sorted->len > 1 ? _("Move Cards") : _("Move Card"));
  for (guint i = 0; i < sorted->len; i++)
    {
      TrailCard *card = sorted->pdata[i];
      int target = -1;

      if (anchor != NULL)
        {
          guint anchor_index = trail_document_get_card_index (self, anchor);
          gboolean same_cell = g_strcmp0 (trail_card_get_lane_id (card), trail_lane_get_id (lane)) == 0 &&
                               g_strcmp0 (trail_card_get_stage_id (card), trail_stage_get_id (stage)) == 0;

          /* Taking the card out from before the anchor shifts the anchor
           * left by one; the card ends up where the anchor then is. */
          if (same_cell && trail_document_get_card_index (self, card) < anchor_index)
            target = anchor_index - 1;
          else
            target = anchor_index;
        }
      else
        {
          /* Appending: in its own cell, the end is one less than the
           * length, which still counts the card. */
          g_autoptr(GPtrArray) dest = trail_document_get_cell_cards (self, lane, stage);
          gboolean same_cell = g_strcmp0 (trail_card_get_lane_id (card), trail_lane_get_id (lane)) == 0 &&
                               g_strcmp0 (trail_card_get_stage_id (card), trail_stage_get_id (stage)) == 0;

          target = same_cell ? (int) dest->len - 1 : (int) dest->len;
        }

      if (g_strcmp0 (trail_card_get_lane_id (card), trail_lane_get_id (lane)) != 0 ||
          g_strcmp0 (trail_card_get_stage_id (card), trail_stage_get_id (stage)) != 0 ||
          trail_document_get_card_index (self, card) != (guint) target)
        trail_document_move_card (self, card, lane, stage, target);
    }
  trail_document_end_group (self);

  g_clear_object (&anchor);
}

/* ---- Removing ----------------------------------------------------------- */

guint
trail_document_remove_items (TrailDocument  *self,
                             gpointer const *items,
                             guint           n_items)
{
  g_autoptr(GPtrArray) held = NULL;
  guint n_cards = 0;
  guint removed = 0;
  const char *label;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (items != NULL || n_items == 0, 0);

  /* References, so an item removed along with an earlier one stays valid
   * for the check below. */
  held = g_ptr_array_new_full (n_items, g_object_unref);
  for (guint i = 0; i < n_items; i++)
    {
      g_return_val_if_fail (G_IS_OBJECT (items[i]), 0);
      g_ptr_array_add (held, g_object_ref (items[i]));
      if (TRAIL_IS_CARD (items[i]))
        n_cards++;
    }

  if (n_items == 0)
    return 0;
  if (n_items == 1)
    label = remove_label (items[0]);
  else if (n_cards == n_items)
    label = _("Remove Cards");
  else
    label = _("Remove Items");

  trail_document_begin_group (self, label);
  for (guint i = 0; i < held->len; i++)
    {
      gpointer item = held->pdata[i];

      if (!item_present (self, item))
        continue;
      remove_one (self, item);
      removed++;
    }
  trail_document_end_group (self);

  return removed;
}

guint
trail_document_remove_selection (TrailDocument  *self,
                                 TrailSelection *selection)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (TRAIL_IS_SELECTION (selection), 0);
  g_return_val_if_fail (trail_selection_get_document (selection) == self, 0);

  items = g_ptr_array_new_with_free_func (g_object_unref);
  if (trail_selection_get_object (selection) != NULL)
    g_ptr_array_add (items, g_object_ref (trail_selection_get_object (selection)));
  else
    {
      GPtrArray *cards = trail_selection_get_cards (selection);

      for (guint i = 0; i < cards->len; i++)
        g_ptr_array_add (items, g_object_ref (cards->pdata[i]));
    }

  if (items->len == 0)
    return 0;

  /* One selection change rather than one per removed card. */
  trail_selection_clear (selection);

  return trail_document_remove_items (self, items->pdata, items->len);
}

/* ---- Persona tags ------------------------------------------------------- */

gboolean
trail_card_has_persona_tag (TrailCard  *card,
                            const char *persona_id)
{
  const char * const *tags;

  g_return_val_if_fail (TRAIL_IS_CARD (card), FALSE);

  tags = trail_card_get_persona_tags (card);
  return persona_id != NULL && tags != NULL && g_strv_contains (tags, persona_id);
}

void
trail_document_set_persona_tag (TrailDocument     *self,
                                TrailCard * const *cards,
                                guint              n_cards,
                                const char        *persona_id,
                                gboolean           tagged)
{
  g_return_if_fail (TRAIL_IS_DOCUMENT (self));
  g_return_if_fail (persona_id != NULL);

  if (trail_document_find_persona (self, persona_id) == NULL)
    {
      g_critical ("%s: the map has no persona %s", G_STRFUNC, persona_id);
      return;
    }
  if (!check_cards (self, cards, n_cards))
    return;

  trail_document_begin_group (self, tagged ? _("Tag Persona") : _("Untag Persona"));
  for (guint i = 0; i < n_cards; i++)
    {
      const char * const *tags = trail_card_get_persona_tags (cards[i]);
      g_autoptr(GStrvBuilder) builder = NULL;
      g_auto(GStrv) new_tags = NULL;

      if (trail_card_has_persona_tag (cards[i], persona_id) == !!tagged)
        continue;

      builder = g_strv_builder_new ();
      for (guint t = 0; tags != NULL && tags[t] != NULL; t++)
        if (strcmp (tags[t], persona_id) != 0)
          g_strv_builder_add (builder, tags[t]);
      if (tagged)
        g_strv_builder_add (builder, persona_id);
      new_tags = g_strv_builder_end (builder);

      trail_document_update (self, cards[i], "persona-tags", new_tags, NULL);
    }
  trail_document_end_group (self);
}

/* ---- Adding, duplicating, voting ---------------------------------------- */

static GPtrArray *
add_lines (TrailDocument *self,
           const char    *text,
           gssize         len,
           TrailLane     *lane,
           TrailStage    *stage,
           int            index,
           const char    *label,
           GError       **error)
{
  g_autofree char *valid = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *added;
  guint n_lines = 0;

  if (text == NULL)
    return g_ptr_array_new ();

  valid = g_utf8_make_valid (text, len);
  lines = g_strsplit_set (valid, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0')
        n_lines++;
    }

  /* A map the loader would refuse is never made: all the lines or none,
   * said before anything changes. */
  if (n_lines > 0 && !trail_document_check_room (self, n_lines, strlen (valid), error))
    return NULL;

  added = g_ptr_array_new ();
  trail_document_begin_group (self, label);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      TrailCard *card;

      if (lines[i][0] == '\0')
        continue;
      /* The file's limit on one text; a longer line is cut at a character. */
      if (strlen (lines[i]) > TRAIL_FILE_MAX_STRING)
        *g_utf8_find_prev_char (lines[i], lines[i] + TRAIL_FILE_MAX_STRING + 1) = '\0';

      card = trail_document_add_card (self, lane, stage, index, lines[i]);
      g_ptr_array_add (added, card);
      if (index >= 0)
        index++;
    }
  trail_document_end_group (self);

  return added;
}

GPtrArray *
trail_document_add_cards_from_text (TrailDocument *self,
                                    TrailLane     *lane,
                                    TrailStage    *stage,
                                    int            index,
                                    const char    *text,
                                    GError       **error)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (!check_cell (self, lane, stage))
    return g_ptr_array_new ();

  return add_lines (self, text, -1, lane, stage, index, _("Add Cards"), error);
}

TrailCard *
trail_document_add_card_with (TrailDocument *self,
                              TrailLane     *lane,
                              TrailStage    *stage,
                              int            index,
                              const char    *label,
                              const char    *first_property,
                              ...)
{
  g_autoptr(TrailCard) draft = NULL;
  const TrailField *fields;
  const char *property = first_property;
  guint n_fields;
  va_list args;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  if (!check_cell (self, lane, stage))
    return NULL;

  /* The fields are set on a card of no document, checked one by one, and
   * the document inserts a copy of it: one command, one signal. */
  draft = _trail_card_new ("draft");
  fields = _trail_fields_for_type (TRAIL_TYPE_CARD, &n_fields);

  va_start (args, first_property);
  while (property != NULL)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (draft), property);
      const TrailField *field = NULL;
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *collect_error = NULL;
      g_autoptr(GError) error = NULL;

      for (guint i = 0; pspec != NULL && i < n_fields; i++)
        if (g_str_equal (fields[i].property, pspec->name))
          field = &fields[i];
      if (field == NULL || (field->flags & (TRAIL_FIELD_ID | TRAIL_FIELD_PLACEMENT)))
        {
          g_critical ("%s: a new card cannot be given “%s”", G_STRFUNC, property);
          va_end (args);
          return NULL;
        }

      G_VALUE_COLLECT_INIT (&value, G_PARAM_SPEC_VALUE_TYPE (pspec), args, 0, &collect_error);
      if (collect_error != NULL)
        {
          g_critical ("%s: %s", G_STRFUNC, collect_error);
          va_end (args);
          return NULL;
        }
      if (!_trail_field_check_value (field, pspec, &value, &error))
        {
          g_critical ("%s: refusing a card's “%s”: %s", G_STRFUNC, property, error->message);
          va_end (args);
          return NULL;
        }
      _trail_item_set_value (draft, pspec, &value);
      property = va_arg (args, const char *);
    }
  va_end (args);

  return _trail_document_add_card_copy (self, draft, lane, stage, index,
                                        label != NULL ? label : _("Add Card"));
}

GPtrArray *
trail_document_duplicate_cards (TrailDocument     *self,
                                TrailCard * const *cards,
                                guint              n_cards)
{
  GPtrArray *copies;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);

  copies = g_ptr_array_new ();
  if (!check_cards (self, cards, n_cards))
    return copies;

  trail_document_begin_group (self, n_cards > 1 ? _("Duplicate Cards") : _("Duplicate Card"));
  for (guint i = 0; i < n_cards; i++)
    g_ptr_array_add (copies, trail_document_duplicate_card (self, cards[i]));
  trail_document_end_group (self);

  return copies;
}

void
trail_document_add_votes (TrailDocument     *self,
                          TrailCard * const *cards,
                          guint              n_cards,
                          int                delta)
{
  GParamSpecUInt *pspec;

  g_return_if_fail (TRAIL_IS_DOCUMENT (self));
  if (!check_cards (self, cards, n_cards) || n_cards == 0 || delta == 0)
    return;

  pspec = G_PARAM_SPEC_UINT (g_object_class_find_property (G_OBJECT_GET_CLASS (cards[0]), "votes"));

  trail_document_begin_group (self, delta > 0 ? _("Add Vote") : _("Remove Vote"));
  for (guint i = 0; i < n_cards; i++)
    {
      gint64 votes = (gint64) trail_card_get_votes (cards[i]) + delta;

      votes = CLAMP (votes, (gint64) pspec->minimum, (gint64) pspec->maximum);
      if ((guint) votes != trail_card_get_votes (cards[i]))
        trail_document_update (self, cards[i], "votes", (guint) votes, NULL);
    }
  trail_document_end_group (self);
}

void
trail_document_set_card_channel (TrailDocument      *self,
                                 TrailCard * const  *cards,
                                 guint               n_cards,
                                 TrailChannel        channel,
                                 TrailCustomChannel *custom)
{
  const char *custom_id = NULL;

  g_return_if_fail (TRAIL_IS_DOCUMENT (self));
  g_return_if_fail (custom == NULL || TRAIL_IS_CUSTOM_CHANNEL (custom));
  if (!check_cards (self, cards, n_cards))
    return;

  if (custom != NULL)
    {
      custom_id = trail_custom_channel_get_id (custom);
      if (trail_document_find_channel (self, custom_id) != custom)
        {
          g_critical ("%s: channel %s is not one of the map's", G_STRFUNC, custom_id);
          return;
        }
      /* What an older Trailmap, which knows no map channels, shows. */
      channel = TRAIL_CHANNEL_OTHER;
    }

  trail_document_begin_group (self, _("Set Channel"));
  for (guint i = 0; i < n_cards; i++)
    trail_document_update (self, cards[i], "channel", channel, "custom-channel", custom_id, NULL);
  trail_document_end_group (self);
}

const char *
trail_document_get_card_channel_label (TrailDocument *self,
                                       TrailCard     *card)
{
  TrailCustomChannel *custom;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (TRAIL_IS_CARD (card), NULL);

  custom = trail_document_find_channel (self, trail_card_get_custom_channel (card));
  if (custom != NULL)
    return trail_custom_channel_get_name (custom);
  if (trail_card_get_channel (card) == TRAIL_CHANNEL_NONE)
    return NULL;
  return trail_channel_get_label (trail_card_get_channel (card));
}

/* ---- Clipboard ---------------------------------------------------------- */

GBytes *
trail_document_copy_cards (TrailDocument     *self,
                           TrailCard * const *cards,
                           guint              n_cards)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  if (!check_cards (self, cards, n_cards))
    return NULL;

  return _trail_cards_serialize (cards, n_cards);
}

char *
trail_cards_to_text (TrailCard * const *cards,
                     guint              n_cards)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_cards; i++)
    {
      g_autofree char *line = NULL;

      g_return_val_if_fail (TRAIL_IS_CARD (cards[i]), g_string_free (text, TRUE));

      line = g_strdup (trail_card_get_text (cards[i]));
      g_strdelimit (line, "\r\n", ' ');
      g_string_append (text, line);
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

GPtrArray *
trail_document_paste_cards (TrailDocument  *self,
                            GBytes         *content,
                            TrailLane      *lane,
                            TrailStage     *stage,
                            int             index,
                            GError        **error)
{
  g_autoptr(GPtrArray) parsed = NULL;
  GPtrArray *added;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (content != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (!check_cell (self, lane, stage))
    return NULL;

  parsed = _trail_cards_load (content, _("Clipboard"), error);
  if (parsed == NULL)
    return NULL;

  /* The clipboard text's length is a fair measure of what the cards add
   * to the saved map. */
  if (!trail_document_check_room (self, parsed->len, g_bytes_get_size (content), error))
    return NULL;

  added = g_ptr_array_new ();
  trail_document_begin_group (self, _("Paste"));
  for (guint i = 0; i < parsed->len; i++)
    {
      TrailCard *card = _trail_document_add_card_copy (self, parsed->pdata[i], lane, stage, index,
                                                       _("Paste"));

      g_ptr_array_add (added, card);
      if (index >= 0)
        index++;
    }
  trail_document_end_group (self);

  return added;
}

GPtrArray *
trail_document_paste_text (TrailDocument *self,
                           const char    *text,
                           gssize         len,
                           TrailLane     *lane,
                           TrailStage    *stage,
                           int            index,
                           GError       **error)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (!check_cell (self, lane, stage))
    return g_ptr_array_new ();

  return add_lines (self, text, len, lane, stage, index, _("Paste"), error);
}
