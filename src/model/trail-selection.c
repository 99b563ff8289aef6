/* trail-selection.c — what is selected, where the keyboard is, which persona
 * is checked: one object the views share instead of three copies.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-selection"

#include "config.h"

#include "trail-selection.h"
#include "trail-model-private.h"

struct _TrailSelection
{
  GObject        parent_instance;

  TrailDocument *document;

  /* Selected cards in selection order (holding references), with a set of
   * the same pointers so that contains() stays O(1) on a 10,000-card
   * "select all". */
  GPtrArray     *cards;
  GHashTable    *card_set;
  GObject       *object;

  TrailLane     *cursor_lane;
  TrailStage    *cursor_stage;
  /* Where the cursor was, to put it back near there when its lane or stage
   * goes away (by then the removed item has no index any more). */
  guint          cursor_lane_index;
  guint          cursor_stage_index;

  char          *active_persona;
};

G_DEFINE_FINAL_TYPE (TrailSelection, trail_selection, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_OBJECT,
  PROP_N_CARDS,
  PROP_CURSOR_LANE,
  PROP_CURSOR_STAGE,
  PROP_ACTIVE_PERSONA,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- Helpers ------------------------------------------------------------ */

static const char *
item_get_id (gpointer item)
{
  if (TRAIL_IS_CARD (item))
    return trail_card_get_id (item);
  if (TRAIL_IS_STAGE (item))
    return trail_stage_get_id (item);
  if (TRAIL_IS_LANE (item))
    return trail_lane_get_id (item);
  if (TRAIL_IS_PERSONA (item))
    return trail_persona_get_id (item);
  if (TRAIL_IS_EMOTION_LINE (item))
    return trail_emotion_line_get_id (item);
  if (TRAIL_IS_EMOTION_POINT (item))
    return trail_emotion_point_get_id (item);
  if (TRAIL_IS_CUSTOM_CHANNEL (item))
    return trail_custom_channel_get_id (item);
  return NULL;
}

/* Items keep their id after removal, and ids are never reused within a
 * document, so the id table says whether an item is still there. */
static gboolean
in_document (TrailSelection *self,
             gpointer        item)
{
  const char *id = item_get_id (item);

  return id != NULL && _trail_document_lookup_id (self->document, id) == item;
}

static void
notify_items (TrailSelection *self,
              guint           old_n_cards,
              GObject        *old_object)
{
  if (old_n_cards != self->cards->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CARDS]);
  if (old_object != self->object)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OBJECT]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Empties the item selection without signals; returns TRUE when it held
 * anything. */
static gboolean
drop_items (TrailSelection *self)
{
  gboolean had = self->cards->len > 0 || self->object != NULL;

  g_hash_table_remove_all (self->card_set);
  g_ptr_array_set_size (self->cards, 0);
  g_clear_object (&self->object);

  return had;
}

static gboolean
append_card (TrailSelection *self,
             TrailCard      *card)
{
  if (!g_hash_table_add (self->card_set, card))
    return FALSE;
  g_ptr_array_add (self->cards, g_object_ref (card));
  return TRUE;
}

static void
remove_card (TrailSelection *self,
             TrailCard      *card)
{
  g_hash_table_remove (self->card_set, card);
  g_ptr_array_remove (self->cards, card);
}

static gpointer
list_get_clamped (GListModel *list,
                  guint       index)
{
  guint n = g_list_model_get_n_items (list);

  if (n == 0)
    return NULL;
  return g_list_model_get_item (list, MIN (index, n - 1));
}

/* Sets the cursor without checks; notifies what changed. */
static void
set_cursor_direct (TrailSelection *self,
                   TrailLane      *lane,
                   TrailStage     *stage)
{
  if (lane != NULL)
    self->cursor_lane_index = trail_document_get_lane_index (self->document, lane);
  if (stage != NULL)
    self->cursor_stage_index = trail_document_get_stage_index (self->document, stage);

  if (g_set_object (&self->cursor_lane, lane))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR_LANE]);
  if (g_set_object (&self->cursor_stage, stage))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR_STAGE]);
}

/* Keeps the cursor on a cell of the map: where it was, or as near as the
 * map allows once its lane or stage is gone. */
static void
validate_cursor (TrailSelection *self)
{
  g_autoptr(TrailLane) lane = NULL;
  g_autoptr(TrailStage) stage = NULL;

  if (self->cursor_lane != NULL && in_document (self, self->cursor_lane))
    lane = g_object_ref (self->cursor_lane);
  else
    lane = list_get_clamped (trail_document_get_lanes (self->document), self->cursor_lane_index);

  if (self->cursor_stage != NULL && in_document (self, self->cursor_stage))
    stage = g_object_ref (self->cursor_stage);
  else
    stage = list_get_clamped (trail_document_get_stages (self->document), self->cursor_stage_index);

  set_cursor_direct (self, lane, stage);
}

static void
validate_active_persona (TrailSelection *self)
{
  if (self->active_persona != NULL &&
      trail_document_find_persona (self->document, self->active_persona) == NULL)
    {
      g_clear_pointer (&self->active_persona, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_PERSONA]);
    }
}

/* Drops every selected item that left the document. */
static void
prune_items (TrailSelection *self)
{
  guint old_n_cards = self->cards->len;
  GObject *old_object = self->object;
  gboolean changed = FALSE;

  for (guint i = self->cards->len; i > 0; i--)
    {
      TrailCard *card = g_ptr_array_index (self->cards, i - 1);

      if (!in_document (self, card))
        {
          g_hash_table_remove (self->card_set, card);
          g_ptr_array_remove_index (self->cards, i - 1);
          changed = TRUE;
        }
    }

  /* old_object stays alive for the comparison: only its address is used. */
  if (self->object != NULL && !in_document (self, self->object))
    {
      g_clear_object (&self->object);
      changed = TRUE;
    }

  if (changed)
    notify_items (self, old_n_cards, old_object);
}

/* ---- Callbacks ---------------------------------------------------------- */

static void
on_document_changed_cb (TrailSelection   *self,
                        TrailChangeFlags  what,
                        GObject          *object)
{
  g_object_freeze_notify (G_OBJECT (self));

  /* A removed card is reported by itself; removing a stage or lane reports
   * each of its cards, so this is O(1) per change however many cards are
   * selected. */
  if (TRAIL_IS_CARD (object))
    {
      if (g_hash_table_contains (self->card_set, object) && !in_document (self, object))
        {
          guint old_n_cards = self->cards->len;

          remove_card (self, TRAIL_CARD (object));
          notify_items (self, old_n_cards, self->object);
        }
    }
  else if (self->object != NULL || object == (GObject *) self->document)
    prune_items (self);

  /* Stages and lanes added, moved or removed: keep the cursor valid and its
   * remembered place current. */
  if (what & (TRAIL_CHANGE_STAGES | TRAIL_CHANGE_LANES) || object == (GObject *) self->document)
    validate_cursor (self);

  if (what & TRAIL_CHANGE_PERSONAS)
    validate_active_persona (self);

  g_object_thaw_notify (G_OBJECT (self));
}

/* ---- GObject ------------------------------------------------------------ */

static void
trail_selection_constructed (GObject *object)
{
  TrailSelection *self = TRAIL_SELECTION (object);

  G_OBJECT_CLASS (trail_selection_parent_class)->constructed (object);

  g_assert (TRAIL_IS_DOCUMENT (self->document));

  g_signal_connect_object (self->document, "changed",
                           G_CALLBACK (on_document_changed_cb), self,
                           G_CONNECT_SWAPPED);
  validate_cursor (self);
}

static void
trail_selection_dispose (GObject *object)
{
  TrailSelection *self = TRAIL_SELECTION (object);

  drop_items (self);
  g_clear_object (&self->cursor_lane);
  g_clear_object (&self->cursor_stage);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (trail_selection_parent_class)->dispose (object);
}

static void
trail_selection_finalize (GObject *object)
{
  TrailSelection *self = TRAIL_SELECTION (object);

  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->card_set, g_hash_table_unref);
  g_clear_pointer (&self->active_persona, g_free);

  G_OBJECT_CLASS (trail_selection_parent_class)->finalize (object);
}

static void
trail_selection_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TrailSelection *self = TRAIL_SELECTION (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_OBJECT:
      g_value_set_object (value, self->object);
      break;

    case PROP_N_CARDS:
      g_value_set_uint (value, self->cards->len);
      break;

    case PROP_CURSOR_LANE:
      g_value_set_object (value, self->cursor_lane);
      break;

    case PROP_CURSOR_STAGE:
      g_value_set_object (value, self->cursor_stage);
      break;

    case PROP_ACTIVE_PERSONA:
      g_value_set_string (value, self->active_persona);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_selection_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TrailSelection *self = TRAIL_SELECTION (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;

    case PROP_ACTIVE_PERSONA:
      trail_selection_set_active_persona (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_selection_class_init (TrailSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = trail_selection_constructed;
  object_class->dispose = trail_selection_dispose;
  object_class->finalize = trail_selection_finalize;
  object_class->get_property = trail_selection_get_property;
  object_class->set_property = trail_selection_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, TRAIL_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OBJECT] =
    g_param_spec_object ("object", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CARDS] =
    g_param_spec_uint ("n-cards", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURSOR_LANE] =
    g_param_spec_object ("cursor-lane", NULL, NULL, TRAIL_TYPE_LANE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURSOR_STAGE] =
    g_param_spec_object ("cursor-stage", NULL, NULL, TRAIL_TYPE_STAGE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE_PERSONA] =
    g_param_spec_string ("active-persona", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
trail_selection_init (TrailSelection *self)
{
  self->cards = g_ptr_array_new_with_free_func (g_object_unref);
  self->card_set = g_hash_table_new (NULL, NULL);
}

/* ---- Public API --------------------------------------------------------- */

TrailSelection *
trail_selection_new (TrailDocument *document)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), NULL);

  return g_object_new (TRAIL_TYPE_SELECTION, "document", document, NULL);
}

TrailDocument *
trail_selection_get_document (TrailSelection *self)
{
  g_return_val_if_fail (TRAIL_IS_SELECTION (self), NULL);

  return self->document;
}

GPtrArray *
trail_selection_get_cards (TrailSelection *self)
{
  g_return_val_if_fail (TRAIL_IS_SELECTION (self), NULL);

  return self->cards;
}

guint
trail_selection_get_n_cards (TrailSelection *self)
{
  g_return_val_if_fail (TRAIL_IS_SELECTION (self), 0);

  return self->cards->len;
}

TrailCard *
trail_selection_get_single_card (TrailSelection *self)
{
  g_return_val_if_fail (TRAIL_IS_SELECTION (self), NULL);

  return self->cards->len == 1 ? g_ptr_array_index (self->cards, 0) : NULL;
}

GObject *
trail_selection_get_object (TrailSelection *self)
{
  g_return_val_if_fail (TRAIL_IS_SELECTION (self), NULL);

  return self->object;
}

gboolean
trail_selection_is_empty (TrailSelection *self)
{
  g_return_val_if_fail (TRAIL_IS_SELECTION (self), TRUE);

  return self->cards->len == 0 && self->object == NULL;
}

gboolean
trail_selection_contains_card (TrailSelection *self,
                               TrailCard      *card)
{
  g_return_val_if_fail (TRAIL_IS_SELECTION (self), FALSE);

  return card != NULL && g_hash_table_contains (self->card_set, card);
}

gboolean
trail_selection_contains (TrailSelection *self,
                          gpointer        item)
{
  g_return_val_if_fail (TRAIL_IS_SELECTION (self), FALSE);

  if (item == NULL)
    return FALSE;
  if (TRAIL_IS_CARD (item))
    return g_hash_table_contains (self->card_set, item);
  return item == (gpointer) self->object;
}

void
trail_selection_select_cards (TrailSelection    *self,
                              TrailCard * const *cards,
                              guint              n_cards)
{
  guint old_n_cards;
  g_autoptr(GObject) old_object = NULL;
  gboolean same;

  g_return_if_fail (TRAIL_IS_SELECTION (self));
  g_return_if_fail (cards != NULL || n_cards == 0);
  for (guint i = 0; i < n_cards; i++)
    g_return_if_fail (TRAIL_IS_CARD (cards[i]));

  /* Selecting what is already selected changes nothing, so a view that
   * reselects on every click does not loop. */
  same = self->object == NULL && n_cards == self->cards->len;
  for (guint i = 0; same && i < n_cards; i++)
    same = cards[i] == g_ptr_array_index (self->cards, i);
  if (same)
    return;

  old_n_cards = self->cards->len;
  old_object = self->object != NULL ? g_object_ref (self->object) : NULL;
  drop_items (self);

  for (guint i = 0; i < n_cards; i++)
    if (in_document (self, cards[i]))
      append_card (self, cards[i]);

  /* Only cards that left the map were given, to an empty selection. */
  if (old_n_cards == 0 && old_object == NULL && self->cards->len == 0)
    return;

  notify_items (self, old_n_cards, old_object);
}

void
trail_selection_select_card (TrailSelection *self,
                             TrailCard      *card)
{
  g_return_if_fail (TRAIL_IS_SELECTION (self));
  g_return_if_fail (card == NULL || TRAIL_IS_CARD (card));

  trail_selection_select_cards (self, &card, card != NULL ? 1 : 0);
}

void
trail_selection_select_object (TrailSelection *self,
                               gpointer        object)
{
  guint old_n_cards;
  g_autoptr(GObject) old_object = NULL;

  g_return_if_fail (TRAIL_IS_SELECTION (self));
  g_return_if_fail (object == NULL || G_IS_OBJECT (object));

  if (object == (gpointer) self->document)
    object = NULL;

  if (object != NULL && TRAIL_IS_CARD (object))
    {
      trail_selection_select_card (self, object);
      return;
    }

  if (object != NULL && !in_document (self, object))
    {
      g_critical ("%s: %s is not an item of the document", G_STRFUNC, G_OBJECT_TYPE_NAME (object));
      return;
    }

  if (self->cards->len == 0 && self->object == object)
    return;

  old_n_cards = self->cards->len;
  old_object = self->object != NULL ? g_object_ref (self->object) : NULL;
  drop_items (self);
  self->object = object != NULL ? g_object_ref (object) : NULL;

  notify_items (self, old_n_cards, old_object);
}

void
trail_selection_toggle_card (TrailSelection *self,
                             TrailCard      *card)
{
  guint old_n_cards;
  g_autoptr(GObject) old_object = NULL;

  g_return_if_fail (TRAIL_IS_SELECTION (self));
  g_return_if_fail (TRAIL_IS_CARD (card));

  if (!g_hash_table_contains (self->card_set, card) && !in_document (self, card))
    return;

  old_n_cards = self->cards->len;
  old_object = g_steal_pointer (&self->object);

  if (g_hash_table_contains (self->card_set, card))
    remove_card (self, card);
  else
    append_card (self, card);

  notify_items (self, old_n_cards, old_object);
}

void
trail_selection_add_card (TrailSelection *self,
                          TrailCard      *card)
{
  g_return_if_fail (TRAIL_IS_SELECTION (self));
  g_return_if_fail (TRAIL_IS_CARD (card));

  if (!trail_selection_contains_card (self, card) || self->object != NULL)
    {
      guint old_n_cards = self->cards->len;
      g_autoptr(GObject) old_object = g_steal_pointer (&self->object);

      if (in_document (self, card))
        append_card (self, card);
      if (old_n_cards != self->cards->len || old_object != NULL)
        notify_items (self, old_n_cards, old_object);
    }
}

void
trail_selection_clear (TrailSelection *self)
{
  guint old_n_cards;
  g_autoptr(GObject) old_object = NULL;

  g_return_if_fail (TRAIL_IS_SELECTION (self));

  old_n_cards = self->cards->len;
  old_object = self->object != NULL ? g_object_ref (self->object) : NULL;
  if (drop_items (self))
    notify_items (self, old_n_cards, old_object);
}

void
trail_selection_get_cursor (TrailSelection  *self,
                            TrailLane      **lane,
                            TrailStage     **stage)
{
  g_return_if_fail (TRAIL_IS_SELECTION (self));

  if (lane != NULL)
    *lane = self->cursor_lane;
  if (stage != NULL)
    *stage = self->cursor_stage;
}

TrailLane *
trail_selection_get_cursor_lane (TrailSelection *self)
{
  g_return_val_if_fail (TRAIL_IS_SELECTION (self), NULL);

  return self->cursor_lane;
}

TrailStage *
trail_selection_get_cursor_stage (TrailSelection *self)
{
  g_return_val_if_fail (TRAIL_IS_SELECTION (self), NULL);

  return self->cursor_stage;
}

void
trail_selection_set_cursor (TrailSelection *self,
                            TrailLane      *lane,
                            TrailStage     *stage)
{
  g_autoptr(TrailLane) first_lane = NULL;
  g_autoptr(TrailStage) first_stage = NULL;

  g_return_if_fail (TRAIL_IS_SELECTION (self));
  g_return_if_fail (lane == NULL || (TRAIL_IS_LANE (lane) && in_document (self, lane)));
  g_return_if_fail (stage == NULL || (TRAIL_IS_STAGE (stage) && in_document (self, stage)));

  /* NULL asks for the first lane or stage. */
  if (lane == NULL)
    lane = first_lane = list_get_clamped (trail_document_get_lanes (self->document), 0);
  if (stage == NULL)
    stage = first_stage = list_get_clamped (trail_document_get_stages (self->document), 0);

  g_object_freeze_notify (G_OBJECT (self));
  set_cursor_direct (self, lane, stage);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
trail_selection_get_active_persona (TrailSelection *self)
{
  g_return_val_if_fail (TRAIL_IS_SELECTION (self), NULL);

  return self->active_persona;
}

void
trail_selection_set_active_persona (TrailSelection *self,
                                    const char     *persona_id)
{
  g_return_if_fail (TRAIL_IS_SELECTION (self));

  if (persona_id != NULL && trail_document_find_persona (self->document, persona_id) == NULL)
    {
      g_critical ("%s: the map has no persona %s", G_STRFUNC, persona_id);
      return;
    }

  if (g_strcmp0 (self->active_persona, persona_id) == 0)
    return;

  g_free (self->active_persona);
  self->active_persona = g_strdup (persona_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_PERSONA]);
}

TrailEmotionLine *
trail_selection_get_active_line (TrailSelection  *self,
                                 TrailLane       *lane,
                                 const char     **persona_id)
{
  GListModel *personas;
  const char *id = NULL;

  g_return_val_if_fail (TRAIL_IS_SELECTION (self), NULL);
  g_return_val_if_fail (lane == NULL || TRAIL_IS_LANE (lane), NULL);

  personas = trail_document_get_personas (self->document);

  if (self->active_persona != NULL)
    id = self->active_persona;
  else if (lane != NULL && trail_lane_get_persona_id (lane) != NULL &&
           trail_document_find_persona (self->document, trail_lane_get_persona_id (lane)) != NULL)
    id = trail_lane_get_persona_id (lane);
  else if (trail_document_find_line_for_persona (self->document, NULL) == NULL &&
           g_list_model_get_n_items (personas) > 0)
    {
      /* No line for everyone once there are personas: the first one's. */
      g_autoptr(TrailPersona) first = g_list_model_get_item (personas, 0);

      id = trail_persona_get_id (first);
    }

  if (persona_id != NULL)
    *persona_id = id;

  return trail_document_find_line_for_persona (self->document, id);
}
