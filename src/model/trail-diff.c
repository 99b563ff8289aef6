/* trail-diff.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-diff"

#include "config.h"

#include <math.h>

#include "trail-diff.h"
#include "trail-enums.h"

struct _TrailDiff
{
  gatomicrefcount  ref_count;
  TrailDocument   *old_doc;
  TrailDocument   *new_doc;
  GPtrArray       *cards;
  GPtrArray       *stages;
  GPtrArray       *lanes;
  GPtrArray       *actions;
  GPtrArray       *emotions;
  GHashTable      *by_new_id;   /* new id → TrailDiffItem* (not owned) */
  GHashTable      *old_to_new;  /* kind letter + old id → new id (both owned) */
  GHashTable      *stage_new_to_old;
};

/* One kind of item (stages, lanes, personas): how to read its id and name. */
typedef const char *(*GetString) (gpointer item);

static void
field_free (gpointer data)
{
  TrailDiffField *field = data;

  g_free (field->name);
  g_free (field->old_value);
  g_free (field->new_value);
  g_free (field);
}

static void
item_free (gpointer data)
{
  TrailDiffItem *item = data;

  g_free (item->old_id);
  g_free (item->new_id);
  g_free (item->old_name);
  g_free (item->new_name);
  g_free (item->old_stage);
  g_free (item->old_lane);
  g_free (item->new_stage_id);
  g_free (item->new_lane_id);
  g_clear_pointer (&item->fields, g_ptr_array_unref);
  g_free (item);
}

static void
emotion_free (gpointer data)
{
  TrailDiffEmotion *emotion = data;

  g_free (emotion->persona);
  g_free (emotion->new_persona_id);
  g_free (emotion->stage);
  g_free (emotion->new_stage_id);
  g_free (emotion);
}

static TrailDiffItem *
item_new (TrailDiffKind  kind,
          const char    *old_id,
          const char    *new_id,
          const char    *old_name,
          const char    *new_name)
{
  TrailDiffItem *item = g_new0 (TrailDiffItem, 1);

  item->kind = kind;
  item->old_id = g_strdup (old_id);
  item->new_id = g_strdup (new_id);
  item->old_name = g_strdup (old_name);
  item->new_name = g_strdup (new_name);
  return item;
}

/* Names and texts match when they differ only in case and surrounding
 * white space: "Purchase " in one copy of a template is "purchase" in the
 * other. */
static char *
normalize (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  return g_utf8_casefold (copy, -1);
}

/* One table for every kind, the kind's letter before the id: a hostile
 * file may give a stage and a card the same id. */
static void
record_match (TrailDiff  *self,
              char        kind,
              const char *old_id,
              const char *new_id)
{
  char prefix[2] = { kind, 0 };

  g_hash_table_insert (self->old_to_new, g_strconcat (prefix, old_id, NULL), g_strdup (new_id));
  if (kind == 's')
    g_hash_table_insert (self->stage_new_to_old, g_strdup (new_id), g_strdup (old_id));
}

static const char *
map_old_id (TrailDiff  *self,
            char        kind,
            const char *old_id)
{
  char prefix[2] = { kind, 0 };
  g_autofree char *key = NULL;

  if (old_id == NULL)
    return NULL;
  key = g_strconcat (prefix, old_id, NULL);
  return g_hash_table_lookup (self->old_to_new, key);
}

/* Match the items of two lists by id, then what is left by name, in
 * order (the first unmatched "Notes" lane of the old map goes with the
 * first unmatched one of the new). Returns new item → old item. */
static GHashTable *
match_by_id_then_name (TrailDiff  *self,
                       char        kind,
                       GListModel *old_list,
                       GListModel *new_list,
                       GetString   get_id,
                       GetString   get_name)
{
  GHashTable *new_to_old = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) old_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) old_taken = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_queue_free);
  guint n_old = g_list_model_get_n_items (old_list);
  guint n_new = g_list_model_get_n_items (new_list);

  for (guint i = 0; i < n_old; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (old_list, i);
      g_hash_table_insert (old_by_id, (gpointer) get_id (item), item);
    }

  for (guint i = 0; i < n_new; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (new_list, i);
      GObject *old = g_hash_table_lookup (old_by_id, get_id (item));

      if (old != NULL)
        {
          g_hash_table_insert (new_to_old, item, old);
          g_hash_table_add (old_taken, old);
        }
    }

  for (guint i = 0; i < n_old; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (old_list, i);
      char *key;
      GQueue *queue;

      if (g_hash_table_contains (old_taken, item))
        continue;
      key = normalize (get_name (item));
      queue = g_hash_table_lookup (by_name, key);
      if (queue == NULL)
        g_hash_table_insert (by_name, key, (queue = g_queue_new ()));
      else
        g_free (key);
      g_queue_push_tail (queue, item);
    }

  for (guint i = 0; i < n_new; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (new_list, i);
      g_autofree char *key = NULL;
      GQueue *queue;

      if (g_hash_table_contains (new_to_old, item))
        continue;
      key = normalize (get_name (item));
      queue = g_hash_table_lookup (by_name, key);
      if (queue != NULL && !g_queue_is_empty (queue))
        g_hash_table_insert (new_to_old, item, g_queue_pop_head (queue));
    }

  {
    GHashTableIter iter;
    gpointer new_item, old_item;

    g_hash_table_iter_init (&iter, new_to_old);
    while (g_hash_table_iter_next (&iter, &new_item, &old_item))
      record_match (self, kind, get_id (old_item), get_id (new_item));
  }

  return new_to_old;
}

/* Which of the matched items moved: those outside a longest run that
 * kept its order (one stage dragged to the end moves one stage, not all
 * of the others). @old_index holds, in the new order, each matched item's
 * old index; returns a flag per entry. */
static gboolean *
find_moved (const guint *old_index,
            guint        n)
{
  g_autofree guint *tails = g_new0 (guint, n + 1);   /* position of the smallest tail of each length */
  g_autofree int *prev = g_new0 (int, n + 1);
  gboolean *moved = g_new0 (gboolean, n + 1);
  guint length = 0;
  int k;

  for (guint i = 0; i < n; i++)
    {
      guint lo = 0, hi = length;

      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;
          if (old_index[tails[mid]] < old_index[i])
            lo = mid + 1;
          else
            hi = mid;
        }
      prev[i] = lo > 0 ? (int) tails[lo - 1] : -1;
      tails[lo] = i;
      if (lo == length)
        length++;
    }

  for (guint i = 0; i < n; i++)
    moved[i] = TRUE;
  for (k = length > 0 ? (int) tails[length - 1] : -1; k >= 0; k = prev[k])
    moved[k] = FALSE;

  return moved;
}

static const char *
stage_id (gpointer item)
{
  return trail_stage_get_id (item);
}

static const char *
stage_name (gpointer item)
{
  return trail_stage_get_name (item);
}

static const char *
lane_id (gpointer item)
{
  return trail_lane_get_id (item);
}

static const char *
lane_title (gpointer item)
{
  return trail_lane_get_title (item);
}

static const char *
persona_id (gpointer item)
{
  return trail_persona_get_id (item);
}

static const char *
persona_name (gpointer item)
{
  return trail_persona_get_name (item);
}

static void
add_field (TrailDiffItem *item,
           const char    *name,
           const char    *old_value,
           const char    *new_value)
{
  TrailDiffField *field;

  if (g_strcmp0 (old_value != NULL ? old_value : "", new_value != NULL ? new_value : "") == 0)
    return;

  field = g_new0 (TrailDiffField, 1);
  field->name = g_strdup (name);
  field->old_value = g_strdup (old_value != NULL ? old_value : "");
  field->new_value = g_strdup (new_value != NULL ? new_value : "");
  if (item->fields == NULL)
    item->fields = g_ptr_array_new_with_free_func (field_free);
  g_ptr_array_add (item->fields, field);
}

/* Stages and lanes, which differ the same way: added, removed, renamed,
 * moved in the order, or changed otherwise (@changed). */
static void
diff_list (TrailDiff  *self,
           GListModel *old_list,
           GListModel *new_list,
           GHashTable *new_to_old,
           GetString   get_id,
           GetString   get_name,
           void      (*compare) (TrailDiffItem *item, gpointer old_item, gpointer new_item),
           GPtrArray  *out)
{
  guint n_new = g_list_model_get_n_items (new_list);
  guint n_old = g_list_model_get_n_items (old_list);
  g_autoptr(GHashTable) old_pos = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) matched_old = g_hash_table_new (NULL, NULL);
  g_autofree guint *order = g_new0 (guint, n_new + 1);
  g_autofree gpointer *matched = g_new0 (gpointer, n_new + 1);
  g_autofree gboolean *moved = NULL;
  guint n_matched = 0;

  for (guint i = 0; i < n_old; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (old_list, i);
      g_hash_table_insert (old_pos, item, GUINT_TO_POINTER (i));
    }

  for (guint i = 0; i < n_new; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (new_list, i);
      gpointer old = g_hash_table_lookup (new_to_old, item);

      if (old != NULL)
        {
          order[n_matched] = GPOINTER_TO_UINT (g_hash_table_lookup (old_pos, old));
          matched[n_matched++] = item;
          g_hash_table_add (matched_old, old);
        }
    }
  moved = find_moved (order, n_matched);

  for (guint i = 0, m = 0; i < n_new; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (new_list, i);
      gpointer old = g_hash_table_lookup (new_to_old, item);
      TrailDiffItem *diff;

      if (old == NULL)
        {
          diff = item_new (TRAIL_DIFF_ADDED, NULL, get_id (item), NULL, get_name (item));
        }
      else
        {
          TrailDiffKind kind = 0;

          g_assert (matched[m] == (gpointer) item);
          if (g_strcmp0 (get_name (old), get_name (item)) != 0)
            kind |= TRAIL_DIFF_RENAMED;
          if (moved[m])
            kind |= TRAIL_DIFF_MOVED;
          m++;
          diff = item_new (kind, get_id (old), get_id (item), get_name (old), get_name (item));
          compare (diff, old, item);
          if (diff->fields != NULL)
            diff->kind |= TRAIL_DIFF_CHANGED;
          if (diff->kind == 0)
            {
              item_free (diff);
              continue;
            }
        }
      g_ptr_array_add (out, diff);
      g_hash_table_insert (self->by_new_id, diff->new_id, diff);
    }

  for (guint i = 0; i < n_old; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (old_list, i);

      if (!g_hash_table_contains (matched_old, item))
        g_ptr_array_add (out, item_new (TRAIL_DIFF_REMOVED, get_id (item), NULL, get_name (item), NULL));
    }
}

static void
compare_stages (TrailDiffItem *item,
                gpointer       old_item,
                gpointer       new_item)
{
  add_field (item, "description", trail_stage_get_description (old_item), trail_stage_get_description (new_item));
  add_field (item, "color", trail_stage_get_color (old_item), trail_stage_get_color (new_item));
}

static const char *
enum_nick (GType type,
           int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);

  return v != NULL ? v->value_nick : "";
}

static void
compare_lanes (TrailDiffItem *item,
               gpointer       old_item,
               gpointer       new_item)
{
  add_field (item, "kind",
             enum_nick (TRAIL_TYPE_LANE_KIND, trail_lane_get_kind (old_item)),
             enum_nick (TRAIL_TYPE_LANE_KIND, trail_lane_get_kind (new_item)));
  add_field (item, "hidden",
             trail_lane_get_hidden (old_item) ? "yes" : "",
             trail_lane_get_hidden (new_item) ? "yes" : "");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* A card's persona tags as names, sorted, each named after the new map's
 * persona where the old one matched one, so a tag that only changed id
 * does not count. */
static char *
describe_tags (TrailDiff          *self,
               TrailDocument      *doc,
               const char * const *tags,
               gboolean            is_old)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      const char *id = tags[i];
      TrailPersona *persona;

      if (is_old)
        {
          const char *new_id = map_old_id (self, 'p', id);
          TrailPersona *matched = new_id != NULL ? trail_document_find_persona (self->new_doc, new_id) : NULL;

          persona = matched != NULL ? matched : trail_document_find_persona (doc, id);
        }
      else
        persona = trail_document_find_persona (doc, id);
      g_ptr_array_add (names, (gpointer) (persona != NULL ? trail_persona_get_name (persona) : id));
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

static char *
describe_channel (TrailDocument *doc,
                  TrailCard     *card)
{
  const char *custom = trail_card_get_custom_channel (card);
  TrailCustomChannel *channel = custom != NULL ? trail_document_find_channel (doc, custom) : NULL;

  /* A map's own channel compares by name: ids differ between copies. */
  if (channel != NULL)
    return g_strdup (trail_custom_channel_get_name (channel));
  return g_strdup (trail_card_get_channel (card) == TRAIL_CHANNEL_NONE ? ""
                   : enum_nick (TRAIL_TYPE_CHANNEL, trail_card_get_channel (card)));
}

static char *
describe_target (TrailCard *card)
{
  double target;

  if (!trail_card_get_metric_target (card, &target))
    return g_strdup ("");
  return g_strdup_printf ("%g", target);
}

static char *
join_values (TrailCard *card)
{
  const char * const *values = trail_card_get_metric_values (card);

  return values != NULL ? g_strjoinv (", ", (char **) values) : g_strdup ("");
}

static void
compare_cards (TrailDiff     *self,
               TrailDiffItem *item,
               TrailCard     *old_card,
               TrailCard     *new_card)
{
  g_autofree char *old_channel = describe_channel (self->old_doc, old_card);
  g_autofree char *new_channel = describe_channel (self->new_doc, new_card);
  g_autofree char *old_tags = describe_tags (self, self->old_doc, trail_card_get_persona_tags (old_card), TRUE);
  g_autofree char *new_tags = describe_tags (self, self->new_doc, trail_card_get_persona_tags (new_card), FALSE);
  g_autofree char *old_votes = g_strdup_printf ("%u", trail_card_get_votes (old_card));
  g_autofree char *new_votes = g_strdup_printf ("%u", trail_card_get_votes (new_card));
  g_autofree char *old_target = describe_target (old_card);
  g_autofree char *new_target = describe_target (new_card);
  g_autofree char *old_values = join_values (old_card);
  g_autofree char *new_values = join_values (new_card);

  add_field (item, "text", trail_card_get_text (old_card), trail_card_get_text (new_card));
  add_field (item, "details", trail_card_get_details (old_card), trail_card_get_details (new_card));
  add_field (item, "channel", old_channel, new_channel);
  add_field (item, "personas", old_tags, new_tags);
  add_field (item, "evidence",
             trail_card_get_evidence (old_card) ? enum_nick (TRAIL_TYPE_EVIDENCE, trail_card_get_evidence (old_card)) : "",
             trail_card_get_evidence (new_card) ? enum_nick (TRAIL_TYPE_EVIDENCE, trail_card_get_evidence (new_card)) : "");
  add_field (item, "source",
             trail_card_get_evidence_source (old_card) ? enum_nick (TRAIL_TYPE_EVIDENCE_SOURCE, trail_card_get_evidence_source (old_card)) : "",
             trail_card_get_evidence_source (new_card) ? enum_nick (TRAIL_TYPE_EVIDENCE_SOURCE, trail_card_get_evidence_source (new_card)) : "");
  add_field (item, "evidence note", trail_card_get_evidence_note (old_card), trail_card_get_evidence_note (new_card));
  add_field (item, "priority",
             trail_card_get_priority (old_card) ? enum_nick (TRAIL_TYPE_PRIORITY, trail_card_get_priority (old_card)) : "",
             trail_card_get_priority (new_card) ? enum_nick (TRAIL_TYPE_PRIORITY, trail_card_get_priority (new_card)) : "");
  add_field (item, "color", trail_card_get_color (old_card), trail_card_get_color (new_card));
  add_field (item, "votes", old_votes, new_votes);
  add_field (item, "unit", trail_card_get_metric_unit (old_card), trail_card_get_metric_unit (new_card));
  add_field (item, "target", old_target, new_target);
  add_field (item, "values", old_values, new_values);
}

static char *
cell_key (const char *stage,
          const char *lane,
          const char *text)
{
  g_autofree char *norm = normalize (text);

  return g_strconcat (stage != NULL ? stage : "", "\x1f", lane != NULL ? lane : "", "\x1f", norm, NULL);
}

static void
queue_push (GHashTable *table,
            char       *key,
            gpointer    item)
{
  GQueue *queue = g_hash_table_lookup (table, key);

  if (queue == NULL)
    g_hash_table_insert (table, key, (queue = g_queue_new ()));
  else
    g_free (key);
  g_queue_push_tail (queue, item);
}

/* The first old card under @key not matched yet. Cards matched through
 * another key are skipped here, not removed there: each card is popped at
 * most once from each table, so matching stays linear however many cards
 * share a text. */
static TrailCard *
queue_pop (GHashTable *table,
           const char *key,
           GHashTable *taken)
{
  GQueue *queue = g_hash_table_lookup (table, key);

  while (queue != NULL && !g_queue_is_empty (queue))
    {
      TrailCard *card = g_queue_pop_head (queue);
      if (!g_hash_table_contains (taken, card))
        return card;
    }
  return NULL;
}

static void
diff_cards (TrailDiff *self)
{
  GListModel *old_cards = trail_document_get_cards (self->old_doc);
  GListModel *new_cards = trail_document_get_cards (self->new_doc);
  guint n_old = g_list_model_get_n_items (old_cards);
  guint n_new = g_list_model_get_n_items (new_cards);
  g_autoptr(GHashTable) new_to_old = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) taken = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) by_cell = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_queue_free);
  g_autoptr(GHashTable) by_text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_queue_free);

  /* By id first. */
  for (guint i = 0; i < n_new; i++)
    {
      g_autoptr(TrailCard) card = g_list_model_get_item (new_cards, i);
      TrailCard *old = trail_document_find_card (self->old_doc, trail_card_get_id (card));

      if (old != NULL)
        {
          g_hash_table_insert (new_to_old, card, old);
          g_hash_table_add (taken, old);
        }
    }

  /* Then by text in the same cell, then by text anywhere (a moved card).
   * An empty card matches only within its cell. */
  for (guint i = 0; i < n_old; i++)
    {
      g_autoptr(TrailCard) card = g_list_model_get_item (old_cards, i);
      const char *text = trail_card_get_text (card);

      if (g_hash_table_contains (taken, card))
        continue;
      queue_push (by_cell, cell_key (map_old_id (self, 's', trail_card_get_stage_id (card)),
                                     map_old_id (self, 'l', trail_card_get_lane_id (card)), text), card);
      if (text != NULL && *text != '\0')
        queue_push (by_text, normalize (text), card);
    }

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n_new; i++)
      {
        g_autoptr(TrailCard) card = g_list_model_get_item (new_cards, i);
        g_autofree char *key = NULL;
        TrailCard *old;

        if (g_hash_table_contains (new_to_old, card))
          continue;
        if (pass == 0)
          key = cell_key (trail_card_get_stage_id (card), trail_card_get_lane_id (card), trail_card_get_text (card));
        else
          key = normalize (trail_card_get_text (card));
        old = queue_pop (pass == 0 ? by_cell : by_text, key, taken);
        if (old != NULL)
          {
            g_hash_table_insert (new_to_old, card, old);
            g_hash_table_add (taken, old);
          }
      }

  for (guint i = 0; i < n_new; i++)
    {
      g_autoptr(TrailCard) card = g_list_model_get_item (new_cards, i);
      TrailCard *old = g_hash_table_lookup (new_to_old, card);
      TrailDiffItem *item;

      if (old == NULL)
        item = item_new (TRAIL_DIFF_ADDED, NULL, trail_card_get_id (card), NULL, trail_card_get_text (card));
      else
        {
          const char *old_stage = trail_card_get_stage_id (old);
          const char *old_lane = trail_card_get_lane_id (old);

          record_match (self, 'c', trail_card_get_id (old), trail_card_get_id (card));
          item = item_new (0, trail_card_get_id (old), trail_card_get_id (card),
                           trail_card_get_text (old), trail_card_get_text (card));
          compare_cards (self, item, old, card);
          if (item->fields != NULL)
            item->kind |= TRAIL_DIFF_CHANGED;
          if (g_strcmp0 (map_old_id (self, 's', old_stage), trail_card_get_stage_id (card)) != 0 ||
              g_strcmp0 (map_old_id (self, 'l', old_lane), trail_card_get_lane_id (card)) != 0)
            {
              item->kind |= TRAIL_DIFF_MOVED;
              item->old_stage = g_strdup (trail_stage_get_name (trail_document_find_stage (self->old_doc, old_stage)));
              item->old_lane = g_strdup (trail_lane_get_title (trail_document_find_lane (self->old_doc, old_lane)));
            }
          if (item->kind == 0)
            {
              item_free (item);
              continue;
            }
        }
      g_ptr_array_add (self->cards, item);
      g_hash_table_insert (self->by_new_id, item->new_id, item);
    }

  for (guint i = 0; i < n_old; i++)
    {
      g_autoptr(TrailCard) card = g_list_model_get_item (old_cards, i);
      TrailDiffItem *item;

      if (g_hash_table_contains (taken, card))
        continue;
      item = item_new (TRAIL_DIFF_REMOVED, trail_card_get_id (card), NULL, trail_card_get_text (card), NULL);
      item->old_stage = g_strdup (trail_stage_get_name (trail_document_find_stage (self->old_doc, trail_card_get_stage_id (card))));
      item->old_lane = g_strdup (trail_lane_get_title (trail_document_find_lane (self->old_doc, trail_card_get_lane_id (card))));
      item->new_stage_id = g_strdup (map_old_id (self, 's', trail_card_get_stage_id (card)));
      item->new_lane_id = g_strdup (map_old_id (self, 'l', trail_card_get_lane_id (card)));
      g_ptr_array_add (self->cards, item);
    }
}

static const char *
action_id (gpointer item)
{
  return trail_action_get_id (item);
}

static const char *
action_title (gpointer item)
{
  return trail_action_get_title (item);
}

/* A card of either map by its text, for a person to read. An old card
 * that matched one of the new map is named after the new one, so a
 * card's edit is not also counted as an edit of every action on it. */
static const char *
card_text (TrailDiff  *self,
           const char *id,
           gboolean    is_old)
{
  TrailCard *card = NULL;

  if (id == NULL)
    return "";
  if (is_old)
    {
      const char *new_id = map_old_id (self, 'c', id);
      if (new_id != NULL)
        card = trail_document_find_card (self->new_doc, new_id);
    }
  if (card == NULL)
    card = trail_document_find_card (is_old ? self->old_doc : self->new_doc, id);
  return card != NULL ? trail_card_get_text (card) : id;
}

static char *
describe_action_cards (TrailDiff   *self,
                       TrailAction *action,
                       gboolean     is_old)
{
  const char * const *cards = trail_action_get_cards (action);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  for (guint i = 0; cards != NULL && cards[i] != NULL; i++)
    g_ptr_array_add (texts, (gpointer) card_text (self, cards[i], is_old));
  g_ptr_array_sort (texts, compare_names);
  g_ptr_array_add (texts, NULL);
  return g_strjoinv (", ", (char **) texts->pdata);
}

static void
compare_actions (TrailDiff     *self,
                 TrailDiffItem *item,
                 TrailAction   *old_action,
                 TrailAction   *new_action)
{
  g_autofree char *old_cards = describe_action_cards (self, old_action, TRUE);
  g_autofree char *new_cards = describe_action_cards (self, new_action, FALSE);
  const char *old_metric = trail_action_get_metric (old_action);
  const char *new_metric = trail_action_get_metric (new_action);

  add_field (item, "title", trail_action_get_title (old_action), trail_action_get_title (new_action));
  add_field (item, "owner", trail_action_get_owner (old_action), trail_action_get_owner (new_action));
  add_field (item, "due", trail_action_get_due (old_action), trail_action_get_due (new_action));
  add_field (item, "status",
             trail_action_status_to_string (trail_action_get_status (old_action)),
             trail_action_status_to_string (trail_action_get_status (new_action)));
  add_field (item, "cards", old_cards, new_cards);
  add_field (item, "kpi", trail_action_get_kpi (old_action), trail_action_get_kpi (new_action));
  add_field (item, "target", trail_action_get_kpi_target (old_action), trail_action_get_kpi_target (new_action));
  add_field (item, "metric",
             old_metric != NULL ? card_text (self, old_metric, TRUE) : "",
             new_metric != NULL ? card_text (self, new_metric, FALSE) : "");
}

/* Actions are a plain list: matched by id, then by title; a change of
 * their order is not a change the team cares about. */
static void
diff_actions (TrailDiff *self)
{
  GListModel *old_list = trail_document_get_actions (self->old_doc);
  GListModel *new_list = trail_document_get_actions (self->new_doc);
  g_autoptr(GHashTable) new_to_old = match_by_id_then_name (self, 'a', old_list, new_list, action_id, action_title);
  g_autoptr(GHashTable) matched_old = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (new_list); i++)
    {
      g_autoptr(TrailAction) action = g_list_model_get_item (new_list, i);
      TrailAction *old = g_hash_table_lookup (new_to_old, action);
      TrailDiffItem *item;

      if (old == NULL)
        item = item_new (TRAIL_DIFF_ADDED, NULL, trail_action_get_id (action), NULL, trail_action_get_title (action));
      else
        {
          g_hash_table_add (matched_old, old);
          item = item_new (0, trail_action_get_id (old), trail_action_get_id (action),
                           trail_action_get_title (old), trail_action_get_title (action));
          compare_actions (self, item, old, action);
          if (item->fields == NULL)
            {
              item_free (item);
              continue;
            }
          item->kind = TRAIL_DIFF_CHANGED;
        }
      g_ptr_array_add (self->actions, item);
    }

  for (guint i = 0; i < g_list_model_get_n_items (old_list); i++)
    {
      g_autoptr(TrailAction) action = g_list_model_get_item (old_list, i);

      if (!g_hash_table_contains (matched_old, action))
        g_ptr_array_add (self->actions, item_new (TRAIL_DIFF_REMOVED, trail_action_get_id (action), NULL,
                                                  trail_action_get_title (action), NULL));
    }
}

/* Each stage's mean score on @line: stage id → double[2] (sum, count). */
static GHashTable *
sum_line (TrailEmotionLine *line)
{
  GHashTable *sums = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GListModel *points;

  if (line == NULL)
    return sums;
  points = trail_emotion_line_get_points (line);
  for (guint i = 0; i < g_list_model_get_n_items (points); i++)
    {
      g_autoptr(TrailEmotionPoint) point = g_list_model_get_item (points, i);
      const char *stage = trail_emotion_point_get_stage_id (point);
      double *sum = g_hash_table_lookup (sums, stage);

      if (sum == NULL)
        g_hash_table_insert (sums, (gpointer) stage, (sum = g_new0 (double, 2)));
      sum[0] += trail_emotion_point_get_score (point);
      sum[1] += 1;
    }
  return sums;
}

static void
diff_emotions (TrailDiff  *self,
               GHashTable *persona_new_to_old)
{
  GListModel *lines = trail_document_get_emotion_lines (self->new_doc);
  GListModel *stages = trail_document_get_stages (self->new_doc);
  double old_min = trail_document_get_scale_min (self->old_doc);
  double old_max = trail_document_get_scale_max (self->old_doc);
  double new_min = trail_document_get_scale_min (self->new_doc);
  double new_max = trail_document_get_scale_max (self->new_doc);

  for (guint l = 0; l < g_list_model_get_n_items (lines); l++)
    {
      g_autoptr(TrailEmotionLine) line = g_list_model_get_item (lines, l);
      const char *pid = trail_emotion_line_get_persona_id (line);
      TrailPersona *persona = pid != NULL ? trail_document_find_persona (self->new_doc, pid) : NULL;
      TrailPersona *old_persona = persona != NULL ? g_hash_table_lookup (persona_new_to_old, persona) : NULL;
      TrailEmotionLine *old_line;
      g_autoptr(GHashTable) new_sums = NULL;
      g_autoptr(GHashTable) old_sums = NULL;

      if (pid != NULL && old_persona == NULL)
        continue;
      old_line = trail_document_find_line_for_persona (self->old_doc,
                                                       old_persona != NULL ? trail_persona_get_id (old_persona) : NULL);
      if (old_line == NULL)
        continue;

      new_sums = sum_line (line);
      old_sums = sum_line (old_line);
      for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
        {
          g_autoptr(TrailStage) stage = g_list_model_get_item (stages, s);
          const char *sid = trail_stage_get_id (stage);
          const char *old_sid = g_hash_table_lookup (self->stage_new_to_old, sid);
          double *nsum = g_hash_table_lookup (new_sums, sid);
          double *osum;
          double old_score, new_score;
          TrailDiffEmotion *emotion;
          osum = old_sid != NULL ? g_hash_table_lookup (old_sums, old_sid) : NULL;
          if (nsum == NULL || osum == NULL)
            continue;

          new_score = nsum[0] / nsum[1];
          old_score = osum[0] / osum[1];
          /* Another scale: the old score at the same place on the new one. */
          if (old_min != new_min || old_max != new_max)
            old_score = new_min + (old_score - old_min) * (new_max - new_min) / (old_max - old_min);
          if (fabs (new_score - old_score) < 1e-9)
            continue;

          emotion = g_new0 (TrailDiffEmotion, 1);
          emotion->persona = g_strdup (persona != NULL ? trail_persona_get_name (persona) : "Everyone");
          emotion->new_persona_id = g_strdup (pid);
          emotion->stage = g_strdup (trail_stage_get_name (stage));
          emotion->new_stage_id = g_strdup (sid);
          emotion->stage_index = s;
          emotion->old_score = old_score;
          emotion->new_score = new_score;
          emotion->delta = new_score - old_score;
          g_ptr_array_add (self->emotions, emotion);
        }
    }
}

TrailDiff *
trail_diff_new (TrailDocument *old_doc,
                TrailDocument *new_doc)
{
  TrailDiff *self;
  g_autoptr(GHashTable) stages = NULL;
  g_autoptr(GHashTable) lanes = NULL;
  g_autoptr(GHashTable) personas = NULL;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (old_doc), NULL);
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (new_doc), NULL);

  self = g_new0 (TrailDiff, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->old_doc = g_object_ref (old_doc);
  self->new_doc = g_object_ref (new_doc);
  self->cards = g_ptr_array_new_with_free_func (item_free);
  self->stages = g_ptr_array_new_with_free_func (item_free);
  self->lanes = g_ptr_array_new_with_free_func (item_free);
  self->actions = g_ptr_array_new_with_free_func (item_free);
  self->emotions = g_ptr_array_new_with_free_func (emotion_free);
  self->by_new_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->old_to_new = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->stage_new_to_old = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  stages = match_by_id_then_name (self, 's', trail_document_get_stages (old_doc), trail_document_get_stages (new_doc),
                                  stage_id, stage_name);
  lanes = match_by_id_then_name (self, 'l', trail_document_get_lanes (old_doc), trail_document_get_lanes (new_doc),
                                 lane_id, lane_title);
  personas = match_by_id_then_name (self, 'p', trail_document_get_personas (old_doc), trail_document_get_personas (new_doc),
                                    persona_id, persona_name);

  diff_list (self, trail_document_get_stages (old_doc), trail_document_get_stages (new_doc), stages,
             stage_id, stage_name, compare_stages, self->stages);
  diff_list (self, trail_document_get_lanes (old_doc), trail_document_get_lanes (new_doc), lanes,
             lane_id, lane_title, compare_lanes, self->lanes);
  diff_cards (self);
  diff_actions (self);
  diff_emotions (self, personas);

  return self;
}

TrailDiff *
trail_diff_ref (TrailDiff *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
trail_diff_unref (TrailDiff *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->by_new_id);
  g_hash_table_unref (self->old_to_new);
  g_hash_table_unref (self->stage_new_to_old);
  g_ptr_array_unref (self->cards);
  g_ptr_array_unref (self->stages);
  g_ptr_array_unref (self->lanes);
  g_ptr_array_unref (self->actions);
  g_ptr_array_unref (self->emotions);
  g_object_unref (self->old_doc);
  g_object_unref (self->new_doc);
  g_free (self);
}

TrailDocument *
trail_diff_get_old (TrailDiff *self)
{
  return self->old_doc;
}

TrailDocument *
trail_diff_get_new (TrailDiff *self)
{
  return self->new_doc;
}

GPtrArray *
trail_diff_get_cards (TrailDiff *self)
{
  return self->cards;
}

GPtrArray *
trail_diff_get_stages (TrailDiff *self)
{
  return self->stages;
}

GPtrArray *
trail_diff_get_lanes (TrailDiff *self)
{
  return self->lanes;
}

GPtrArray *
trail_diff_get_actions (TrailDiff *self)
{
  return self->actions;
}

GPtrArray *
trail_diff_get_emotions (TrailDiff *self)
{
  return self->emotions;
}

const TrailDiffItem *
trail_diff_lookup_new (TrailDiff  *self,
                       const char *new_id)
{
  return new_id != NULL ? g_hash_table_lookup (self->by_new_id, new_id) : NULL;
}

const char *
trail_diff_match_old (TrailDiff  *self,
                      const char *old_id)
{
  const char *kinds = "cslpa";

  for (guint i = 0; kinds[i] != '\0'; i++)
    {
      const char *found = map_old_id (self, kinds[i], old_id);
      if (found != NULL)
        return found;
    }
  return NULL;
}

guint
trail_diff_count (GPtrArray     *items,
                  TrailDiffKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    if (((TrailDiffItem *) items->pdata[i])->kind & kind)
      n++;
  return n;
}

gboolean
trail_diff_is_empty (TrailDiff *self)
{
  return self->cards->len == 0 && self->stages->len == 0 && self->lanes->len == 0 &&
         self->actions->len == 0 && self->emotions->len == 0;
}

static int
compare_size (gconstpointer a,
              gconstpointer b)
{
  const TrailDiffEmotion *ea = *(TrailDiffEmotion * const *) a;
  const TrailDiffEmotion *eb = *(TrailDiffEmotion * const *) b;
  double da = fabs (ea->delta), db = fabs (eb->delta);

  if (da != db)
    return da < db ? 1 : -1;
  return (int) ea->stage_index - (int) eb->stage_index;
}

GPtrArray *
trail_diff_get_biggest_emotions (TrailDiff *self,
                                 guint      max)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < self->emotions->len; i++)
    g_ptr_array_add (out, self->emotions->pdata[i]);
  g_ptr_array_sort (out, compare_size);
  if (out->len > max)
    g_ptr_array_set_size (out, max);
  return out;
}

char *
trail_diff_format_delta (double delta)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  if (fabs (delta) < 0.05)
    return g_strdup ("= 0");
  g_ascii_formatd (number, sizeof number, "%.1f", fabs (delta));
  return g_strdup_printf ("%s %s%s", delta > 0 ? "▲" : "▼", delta > 0 ? "+" : "−", number);
}

static void
format_score (GString *out,
              double   score)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  /* Scores are often whole steps: "2", not "2.0"; means keep a decimal. */
  if (fabs (score - round (score)) < 0.05)
    g_string_append_printf (out, "%d", (int) round (score));
  else
    g_string_append (out, g_ascii_formatd (number, sizeof number, "%.1f", score));
}

char *
trail_diff_format_summary (TrailDiff *self)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "cards: %u added, %u removed, %u changed, %u moved\n",
                          trail_diff_count (self->cards, TRAIL_DIFF_ADDED),
                          trail_diff_count (self->cards, TRAIL_DIFF_REMOVED),
                          trail_diff_count (self->cards, TRAIL_DIFF_CHANGED),
                          trail_diff_count (self->cards, TRAIL_DIFF_MOVED));
  g_string_append_printf (out, "stages: %u added, %u removed, %u renamed, %u moved\n",
                          trail_diff_count (self->stages, TRAIL_DIFF_ADDED),
                          trail_diff_count (self->stages, TRAIL_DIFF_REMOVED),
                          trail_diff_count (self->stages, TRAIL_DIFF_RENAMED),
                          trail_diff_count (self->stages, TRAIL_DIFF_MOVED));
  g_string_append_printf (out, "lanes: %u added, %u removed, %u renamed, %u moved\n",
                          trail_diff_count (self->lanes, TRAIL_DIFF_ADDED),
                          trail_diff_count (self->lanes, TRAIL_DIFF_REMOVED),
                          trail_diff_count (self->lanes, TRAIL_DIFF_RENAMED),
                          trail_diff_count (self->lanes, TRAIL_DIFF_MOVED));
  g_string_append_printf (out, "actions: %u added, %u removed, %u changed\n",
                          trail_diff_count (self->actions, TRAIL_DIFF_ADDED),
                          trail_diff_count (self->actions, TRAIL_DIFF_REMOVED),
                          trail_diff_count (self->actions, TRAIL_DIFF_CHANGED));
  g_string_append_printf (out, "emotions: %u changed\n", self->emotions->len);
  for (guint i = 0; i < self->emotions->len; i++)
    {
      const TrailDiffEmotion *e = self->emotions->pdata[i];
      g_autofree char *delta = trail_diff_format_delta (e->delta);
      g_autofree char *persona = g_strdelimit (g_strdup (e->persona), "\r\n", ' ');
      g_autofree char *stage = g_strdelimit (g_strdup (e->stage), "\r\n", ' ');

      /* One line per change whatever the names hold. */
      g_string_append_printf (out, "emotion: %s / %s: ", persona, stage);
      format_score (out, e->old_score);
      g_string_append (out, " -> ");
      format_score (out, e->new_score);
      g_string_append_printf (out, " (%s)\n", delta);
    }

  return g_string_free (out, FALSE);
}

gboolean
trail_diff_get_old_score (TrailDiff  *self,
                          const char *new_persona_id,
                          const char *new_stage_id,
                          double     *score)
{
  const char *old_stage = g_hash_table_lookup (self->stage_new_to_old, new_stage_id);
  const char *old_persona = NULL;
  TrailEmotionLine *line;
  GListModel *points;
  double sum = 0, count = 0;
  double old_min = trail_document_get_scale_min (self->old_doc);
  double old_max = trail_document_get_scale_max (self->old_doc);
  double new_min = trail_document_get_scale_min (self->new_doc);
  double new_max = trail_document_get_scale_max (self->new_doc);

  if (old_stage == NULL)
    return FALSE;
  if (new_persona_id != NULL)
    {
      GListModel *personas = trail_document_get_personas (self->old_doc);

      /* Few personas: a scan for the one that matched. */
      for (guint i = 0; i < g_list_model_get_n_items (personas) && old_persona == NULL; i++)
        {
          g_autoptr(TrailPersona) persona = g_list_model_get_item (personas, i);
          if (g_strcmp0 (map_old_id (self, 'p', trail_persona_get_id (persona)), new_persona_id) == 0)
            old_persona = trail_persona_get_id (persona);
        }
      if (old_persona == NULL)
        return FALSE;
    }
  line = trail_document_find_line_for_persona (self->old_doc, old_persona);
  if (line == NULL)
    return FALSE;
  points = trail_emotion_line_get_points (line);
  for (guint i = 0; i < g_list_model_get_n_items (points); i++)
    {
      g_autoptr(TrailEmotionPoint) point = g_list_model_get_item (points, i);
      if (g_strcmp0 (trail_emotion_point_get_stage_id (point), old_stage) == 0)
        {
          sum += trail_emotion_point_get_score (point);
          count++;
        }
    }
  if (count == 0)
    return FALSE;
  *score = sum / count;
  if (old_min != new_min || old_max != new_max)
    *score = new_min + (*score - old_min) * (new_max - new_min) / (old_max - old_min);
  return TRUE;
}
