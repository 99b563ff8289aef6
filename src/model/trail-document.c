/* trail-document.c — the journey map, its indexes and its undo stack.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-document"

#include "config.h"

#include <glib/gi18n.h>
#include <gobject/gvaluecollector.h>
#include <math.h>
#include <string.h>

#include "trail-enums.h"
#include "trail-image.h"
#include "trail-model-private.h"
#include "trail-ratings.h"

/* Every change is recorded as a list of primitive operations, each of which
 * knows its before and after state exactly (list positions included). A
 * command is the operations of one user action; undo replays them backwards,
 * so a removed stage comes back with its cards and points in place without
 * any command needing its own undo code. */
typedef enum
{
  OP_SET,           /* a property of an item or of the document */
  OP_INSERT,        /* a persona, stage, lane, card or line into its list */
  OP_REMOVE,
  OP_MOVE,          /* a persona, stage or lane to another index */
  OP_MOVE_CARD,     /* a card to another cell or place in its cell */
  OP_INSERT_POINT,
  OP_REMOVE_POINT,
  OP_SET_POINT,     /* a point to another stage, position or score */
  OP_SCALE,
} OpKind;

typedef struct
{
  char    *lane;      /* OP_MOVE_CARD */
  char    *stage;     /* OP_MOVE_CARD, OP_SET_POINT */
  double   position;  /* OP_SET_POINT */
  double   score;
  guint    index;     /* list position; for cards in the list of all cards */
  guint    cell;      /* OP_INSERT/REMOVE/MOVE_CARD of cards: index in the cell */
  int      min;       /* OP_SCALE */
  int      max;
  char   **labels;
} OpSide;

typedef struct
{
  OpKind      kind;
  GObject    *item;
  GObject    *parent;   /* the line of a point */
  GParamSpec *pspec;    /* OP_SET */
  GValue      values[2];
  OpSide      side[2];  /* before, after */
} TrailOp;

typedef struct
{
  char      *label;
  guint64    serial;
  GPtrArray *ops;
} TrailCommand;

struct _TrailDocument
{
  GObject        parent_instance;

  char          *title;
  char          *objective;
  char          *scope;
  char          *notes;
  /* The map's own id and, in a future state, its current state's id and
   * file name (trail-future-state.h). */
  char          *map_id;
  char          *current_state_id;
  char          *current_state_file;
  char          *crowd_statistic; /* NULL: the mean */

  int            scale_min;
  int            scale_max;
  char         **scale_labels;   /* NULL: the generic ones */
  char         **generic_labels;
  JsonObject    *scale_unknown;

  GListStore    *personas;
  GListStore    *stages;
  GListStore    *lanes;
  GListStore    *cards;
  guint          card_hint;      /* where a card was inserted last */
  GListStore    *lines;
  GListStore    *channels;
  GListStore    *actions;
  GListStore    *surveys;
  GListStore    *survey_results;
  GListStore    *vote_rounds;
  GListStore    *voters;
  GListStore    *ratings;

  GHashTable    *ids;            /* id → live item of any kind */
  GHashTable    *used_ids;       /* every id given out, so undo can bring one back */
  GHashTable    *cells;          /* "lane\x1fstage" → GPtrArray of TrailCard */

  GPtrArray     *commands;
  guint          undo_pos;       /* commands[0, undo_pos) are applied */
  TrailCommand  *open;
  guint          group_depth;
  guint64        next_serial;
  guint64        saved_serial;

  /* Last notified values, to notify only on change. */
  char          *undo_label;
  char          *redo_label;
  guint          can_undo : 1;
  guint          can_redo : 1;
  guint          modified : 1;
};

G_DEFINE_FINAL_TYPE (TrailDocument, trail_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_OBJECTIVE,
  PROP_SCOPE,
  PROP_NOTES,
  PROP_MAP_ID,
  PROP_CURRENT_STATE_ID,
  PROP_CURRENT_STATE_FILE,
  PROP_CROWD_STATISTIC,
  PROP_SCALE_MIN,
  PROP_SCALE_MAX,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_MODIFIED,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

enum {
  CHANGED,
  PENDING_EDIT,
  PREPARE_DRAFT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define SCALE_LIMIT     1000
#define SCALE_MAX_STEPS 100

/* GNOME palette colours for new personas, in turn. */
static const char * const persona_colors[] = {
  "#3584e4", "#e66100", "#2ec27e", "#9141ac", "#e01b24", "#f5c211", "#986a44", "#1c71d8",
};

static void apply_op (TrailDocument *self, TrailOp *op, gboolean forward);

/* ---- Small helpers ------------------------------------------------- */

static char *
cell_key (const char *lane_id,
          const char *stage_id)
{
  return g_strconcat (lane_id, "\x1f", stage_id, NULL);
}

static GPtrArray *
lookup_cell (TrailDocument *self,
             const char    *lane_id,
             const char    *stage_id)
{
  g_autofree char *key = cell_key (lane_id, stage_id);

  return g_hash_table_lookup (self->cells, key);
}

static GPtrArray *
ensure_cell (TrailDocument *self,
             const char    *lane_id,
             const char    *stage_id)
{
  char *key = cell_key (lane_id, stage_id);
  GPtrArray *cell = g_hash_table_lookup (self->cells, key);

  if (cell == NULL)
    {
      cell = g_ptr_array_new ();
      g_hash_table_insert (self->cells, key, cell);
    }
  else
    g_free (key);

  return cell;
}

static void
cell_remove (TrailDocument *self,
             TrailCard     *card,
             guint          cell_index)
{
  g_autofree char *key = cell_key (trail_card_get_lane_id (card), trail_card_get_stage_id (card));
  GPtrArray *cell = g_hash_table_lookup (self->cells, key);

  g_assert (cell != NULL);
  g_assert (cell_index < cell->len && g_ptr_array_index (cell, cell_index) == card);

  g_ptr_array_remove_index (cell, cell_index);
  if (cell->len == 0)
    g_hash_table_remove (self->cells, key);
}

static void
cell_insert (TrailDocument *self,
             TrailCard     *card,
             guint          cell_index)
{
  GPtrArray *cell = ensure_cell (self, trail_card_get_lane_id (card), trail_card_get_stage_id (card));

  g_assert (cell_index <= cell->len);
  g_ptr_array_insert (cell, cell_index, card);
}

static guint
list_index_of (GListStore *store,
               gpointer    item)
{
  guint position = G_MAXUINT;

  g_list_store_find (store, item, &position);
  return position;
}

/* Where each card was last seen in the list (position + 1, on the card):
 * a new card goes after the last one of its cell, and cards arriving for
 * many cells at once (a hundred phones in a workshop) asked a search of
 * the whole list for each (12% of the app's time adding 2,000 cards).
 * The list only shifts by the cards inserted or removed before it since,
 * so the card is looked for near where it was, then everywhere. */
static GQuark
card_position_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("trail-document-card-position");
  return quark;
}

#define CARD_POSITION_SPAN 512

static void
remember_card_position (TrailCard *card,
                        guint      position)
{
  g_object_set_qdata (G_OBJECT (card), card_position_quark (), GUINT_TO_POINTER (position + 1));
}

static gboolean
card_at (TrailDocument *self,
         guint          position,
         TrailCard     *card)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->cards), position);

  return item == (GObject *) card;
}

/* Adding cards in a row (a paste of 20,000 lines) asks each time where
 * the card inserted just before is: looked at first, that stays linear
 * where a search of the whole list would not. */
static guint
card_index_of (TrailDocument *self,
               TrailCard     *card)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->cards));
  guint seen = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (card), card_position_quark ()));
  guint found;

  for (guint p = self->card_hint; p < n && p <= self->card_hint + 1; p++)
    if (card_at (self, p, card))
      return p;

  if (seen > 0 && n > 0)
    {
      guint from = MIN (seen - 1, n - 1);

      /* Upwards first (cards inserted before it), each step the list's
       * cheap next item, then downwards. */
      for (guint p = from; p < n && p <= from + CARD_POSITION_SPAN; p++)
        if (card_at (self, p, card))
          {
            remember_card_position (card, p);
            return p;
          }
      for (guint p = from; p-- > 0 && from - p <= CARD_POSITION_SPAN;)
        if (card_at (self, p, card))
          {
            remember_card_position (card, p);
            return p;
          }
    }

  found = list_index_of (self->cards, card);
  if (found != G_MAXUINT)
    remember_card_position (card, found);
  return found;
}

static GListStore *
store_for_item (TrailDocument *self,
                gpointer       item)
{
  if (TRAIL_IS_CARD (item))
    return self->cards;
  if (TRAIL_IS_STAGE (item))
    return self->stages;
  if (TRAIL_IS_LANE (item))
    return self->lanes;
  if (TRAIL_IS_PERSONA (item))
    return self->personas;
  if (TRAIL_IS_EMOTION_LINE (item))
    return self->lines;
  if (TRAIL_IS_CUSTOM_CHANNEL (item))
    return self->channels;
  if (TRAIL_IS_SURVEY (item))
    return self->surveys;
  if (TRAIL_IS_SURVEY_RESULT (item))
    return self->survey_results;
  if (TRAIL_IS_ACTION (item))
    return self->actions;
  if (TRAIL_IS_VOTE_ROUND (item))
    return self->vote_rounds;
  if (TRAIL_IS_VOTER (item))
    return self->voters;
  if (TRAIL_IS_RATING (item))
    return self->ratings;

  g_return_val_if_reached (NULL);
}

static TrailChangeFlags
change_for_item (gpointer item)
{
  if (TRAIL_IS_CARD (item))
    return TRAIL_CHANGE_CARDS;
  if (TRAIL_IS_STAGE (item))
    return TRAIL_CHANGE_STAGES;
  if (TRAIL_IS_LANE (item))
    return TRAIL_CHANGE_LANES;
  if (TRAIL_IS_PERSONA (item))
    return TRAIL_CHANGE_PERSONAS;
  if (TRAIL_IS_EMOTION_LINE (item) || TRAIL_IS_EMOTION_POINT (item))
    return TRAIL_CHANGE_EMOTIONS;
  if (TRAIL_IS_CUSTOM_CHANNEL (item))
    return TRAIL_CHANGE_CHANNELS;
  if (TRAIL_IS_SURVEY (item) || TRAIL_IS_SURVEY_RESULT (item))
    return TRAIL_CHANGE_SURVEYS;
  if (TRAIL_IS_ACTION (item))
    return TRAIL_CHANGE_ACTIONS;
  if (TRAIL_IS_VOTE_ROUND (item) || TRAIL_IS_VOTER (item))
    return TRAIL_CHANGE_VOTES;
  if (TRAIL_IS_RATING (item))
    return TRAIL_CHANGE_RATINGS;
  if (TRAIL_IS_DOCUMENT (item))
    return TRAIL_CHANGE_META;

  g_return_val_if_reached (0);
}

static const char *
item_get_id (gpointer item)
{
  const char *id = NULL;

  /* Every item has an "id"; reading the field through the getters avoids a
   * GValue copy on hot paths. */
  if (TRAIL_IS_CARD (item))
    id = trail_card_get_id (item);
  else if (TRAIL_IS_STAGE (item))
    id = trail_stage_get_id (item);
  else if (TRAIL_IS_LANE (item))
    id = trail_lane_get_id (item);
  else if (TRAIL_IS_PERSONA (item))
    id = trail_persona_get_id (item);
  else if (TRAIL_IS_EMOTION_LINE (item))
    id = trail_emotion_line_get_id (item);
  else if (TRAIL_IS_EMOTION_POINT (item))
    id = trail_emotion_point_get_id (item);
  else if (TRAIL_IS_CUSTOM_CHANNEL (item))
    id = trail_custom_channel_get_id (item);
  else if (TRAIL_IS_SURVEY (item))
    id = trail_survey_get_id (item);
  else if (TRAIL_IS_SURVEY_RESULT (item))
    id = trail_survey_result_get_id (item);
  else if (TRAIL_IS_ACTION (item))
    id = trail_action_get_id (item);
  else if (TRAIL_IS_VOTE_ROUND (item))
    id = trail_vote_round_get_id (item);
  else if (TRAIL_IS_VOTER (item))
    id = trail_voter_get_id (item);
  else if (TRAIL_IS_RATING (item))
    id = trail_rating_get_id (item);

  return id;
}

static void
emit_changed (TrailDocument    *self,
              TrailChangeFlags  what,
              gpointer          object)
{
  g_signal_emit (self, signals[CHANGED], 0, what, object);
}

static void
register_id (TrailDocument *self,
             gpointer       item)
{
  const char *id = item_get_id (item);

  g_hash_table_insert (self->ids, (char *) id, item);
  g_hash_table_add (self->used_ids, g_strdup (id));
}

static void
unregister_id (TrailDocument *self,
               gpointer       item)
{
  g_hash_table_remove (self->ids, item_get_id (item));
}

/* Short random ids merge well: two people adding cards to copies of one map
 * do not both make "c13". Seeded by g_random, so a test can fix them.
 * Where the item has a name when it is made, the id starts with it too
 * ("s-first-visit-k3x9pq"): the id is what a designer sees in an SVG export
 * (`inkscape --export-id=stage-s-first-visit-…`) and in a diff. Only
 * ASCII letters and digits, so it is a valid XML id and CSS name. */
#define ID_NAME_CHARS 20

static char *
make_named_id (TrailDocument *self,
               const char    *prefix,
               const char    *name)
{
  static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
  g_autoptr(GString) stem = g_string_new (prefix);

  if (name != NULL && name[0] != '\0')
    {
      /* Transliterated the same way whatever the user's locale. */
      g_autofree char *ascii = g_str_to_ascii (name, "C");
      gsize start = stem->len + 1;

      g_string_append_c (stem, '-');
      for (const char *p = ascii; *p != '\0' && stem->len - start < ID_NAME_CHARS; p++)
        {
          if (g_ascii_isalnum (*p))
            g_string_append_c (stem, g_ascii_tolower (*p));
          else if (stem->str[stem->len - 1] != '-')
            g_string_append_c (stem, '-');
        }
      /* Cut at a word where one is near. */
      if (stem->len - start >= ID_NAME_CHARS && strchr (stem->str + start, '-') != NULL &&
          strrchr (stem->str, '-') - stem->str > (gssize) (start + ID_NAME_CHARS / 2))
        g_string_truncate (stem, strrchr (stem->str, '-') - stem->str);
      while (stem->len > 0 && stem->str[stem->len - 1] == '-')
        g_string_truncate (stem, stem->len - 1);
      if (stem->len > strlen (prefix))
        g_string_append_c (stem, '-');
    }

  for (;;)
    {
      char suffix[7];
      char *id;

      for (guint i = 0; i < 6; i++)
        suffix[i] = alphabet[g_random_int_range (0, sizeof alphabet - 1)];
      suffix[6] = '\0';

      id = g_strconcat (stem->str, suffix, NULL);
      if (!g_hash_table_contains (self->used_ids, id))
        {
          g_hash_table_add (self->used_ids, g_strdup (id));
          return id;
        }
      g_free (id);
    }
}

static char *
make_id (TrailDocument *self,
         const char    *prefix)
{
  return make_named_id (self, prefix, NULL);
}

static gboolean
item_in_document (TrailDocument *self,
                  gpointer       item)
{
  const char *id;

  if (!G_IS_OBJECT (item))
    return FALSE;
  if ((gpointer) self == item)
    return TRUE;

  id = item_get_id (item);
  return id != NULL && g_hash_table_lookup (self->ids, id) == item;
}

static guint
stage_index_of_id (TrailDocument *self,
                   const char    *stage_id)
{
  TrailStage *stage = trail_document_find_stage (self, stage_id);

  return stage != NULL ? list_index_of (self->stages, stage) : G_MAXUINT;
}

static int
compare_point_keys (guint  stage_a,
                    double pos_a,
                    guint  stage_b,
                    double pos_b)
{
  if (stage_a != stage_b)
    return stage_a < stage_b ? -1 : 1;
  if (pos_a != pos_b)
    return pos_a < pos_b ? -1 : 1;
  return 0;
}

/* Where a point with this key goes: after every point that is not greater,
 * so equal keys keep their order. @skip is ignored (the point being moved). */
static guint
point_insert_index (TrailDocument     *self,
                    TrailEmotionLine  *line,
                    const char        *stage_id,
                    double             position,
                    TrailEmotionPoint *skip)
{
  GListModel *points = trail_emotion_line_get_points (line);
  guint n = g_list_model_get_n_items (points);
  guint stage_index = stage_index_of_id (self, stage_id);
  guint index = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrailEmotionPoint) p = g_list_model_get_item (points, i);

      if (p == skip)
        continue;

      if (compare_point_keys (stage_index_of_id (self, trail_emotion_point_get_stage_id (p)),
                              trail_emotion_point_get_position (p),
                              stage_index, position) > 0)
        break;

      index++;
    }

  return index;
}

typedef struct
{
  TrailEmotionPoint *point;
  guint              stage_index;
} SortEntry;

static int
compare_sort_entries (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  const SortEntry *ea = a;
  const SortEntry *eb = b;

  return compare_point_keys (ea->stage_index, trail_emotion_point_get_position (ea->point),
                             eb->stage_index, trail_emotion_point_get_position (eb->point));
}

/* After stages moved: sorts each line along the journey. g_qsort_with_data
 * is a stable merge sort, so points with equal keys keep their order and
 * moving a stage back restores the exact previous order. */
static void
resort_lines (TrailDocument *self,
              gboolean       emit)
{
  g_autoptr(GHashTable) stage_index = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_stages = g_list_model_get_n_items (G_LIST_MODEL (self->stages));
  guint n_lines = g_list_model_get_n_items (G_LIST_MODEL (self->lines));

  for (guint i = 0; i < n_stages; i++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (G_LIST_MODEL (self->stages), i);
      g_hash_table_insert (stage_index, (char *) trail_stage_get_id (stage), GUINT_TO_POINTER (i + 1));
    }

  for (guint l = 0; l < n_lines; l++)
    {
      g_autoptr(TrailEmotionLine) line = g_list_model_get_item (G_LIST_MODEL (self->lines), l);
      GListStore *store = _trail_emotion_line_get_store (line);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
      g_autofree SortEntry *entries = g_new (SortEntry, n);
      g_autofree gpointer *sorted = NULL;
      gboolean changed = FALSE;

      for (guint i = 0; i < n; i++)
        {
          /* Held until after the splice, which drops the store's refs first. */
          entries[i].point = g_list_model_get_item (G_LIST_MODEL (store), i);
          entries[i].stage_index =
            GPOINTER_TO_UINT (g_hash_table_lookup (stage_index,
                                                   trail_emotion_point_get_stage_id (entries[i].point)));
        }

      g_qsort_with_data (entries, n, sizeof (SortEntry), compare_sort_entries, NULL);

      sorted = g_new (gpointer, n);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TrailEmotionPoint) p = g_list_model_get_item (G_LIST_MODEL (store), i);

          sorted[i] = entries[i].point;
          changed |= (p != entries[i].point);
        }

      if (changed)
        {
          g_list_store_splice (store, 0, n, sorted, n);
          if (emit)
            emit_changed (self, TRAIL_CHANGE_EMOTIONS, line);
        }

      for (guint i = 0; i < n; i++)
        g_object_unref (entries[i].point);
    }
}

static void
regenerate_generic_labels (TrailDocument *self)
{
  guint n = self->scale_max - self->scale_min + 1;

  g_clear_pointer (&self->generic_labels, g_strfreev);

  if (self->scale_min == -2 && self->scale_max == 2)
    {
      const char *labels[] = {
        _("Very negative"), _("Negative"), _("Neutral"), _("Positive"), _("Very positive"), NULL
      };
      self->generic_labels = g_strdupv ((char **) labels);
      return;
    }

  self->generic_labels = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    self->generic_labels[i] = g_strdup_printf ("%d", self->scale_min + (int) i);
}

static gboolean
scale_is_valid (int                  min,
                int                  max,
                const char * const  *labels)
{
  if (min < -SCALE_LIMIT || max > SCALE_LIMIT || min >= max || max - min > SCALE_MAX_STEPS)
    return FALSE;

  if (labels != NULL)
    {
      guint n = g_strv_length ((char **) labels);

      if (n != (guint) (max - min + 1))
        return FALSE;

      for (guint i = 0; i < n; i++)
        if (strlen (labels[i]) > TRAIL_FILE_MAX_STRING || !g_utf8_validate (labels[i], -1, NULL))
          return FALSE;
    }

  return TRUE;
}

static void
real_set_scale (TrailDocument       *self,
                int                  min,
                int                  max,
                const char * const  *labels)
{
  gboolean min_changed = self->scale_min != min;
  gboolean max_changed = self->scale_max != max;

  self->scale_min = min;
  self->scale_max = max;
  g_clear_pointer (&self->scale_labels, g_strfreev);
  self->scale_labels = g_strdupv ((char **) labels);
  regenerate_generic_labels (self);

  if (min_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE_MIN]);
  if (max_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE_MAX]);
}

/* ---- Undo bookkeeping ------------------------------------------------ */

static void
trail_op_free (TrailOp *op)
{
  /* The document is not referenced by its own ops: that would be a cycle. */
  if (TRAIL_IS_DOCUMENT (op->item))
    op->item = NULL;
  g_clear_object (&op->item);
  g_clear_object (&op->parent);
  for (guint i = 0; i < 2; i++)
    {
      if (G_IS_VALUE (&op->values[i]))
        g_value_unset (&op->values[i]);
      g_free (op->side[i].lane);
      g_free (op->side[i].stage);
      g_strfreev (op->side[i].labels);
    }
  g_free (op);
}

static TrailOp *
trail_op_new (OpKind   kind,
              gpointer item)
{
  TrailOp *op = g_new0 (TrailOp, 1);

  op->kind = kind;
  op->item = item != NULL && !TRAIL_IS_DOCUMENT (item) ? g_object_ref (item) : item;

  return op;
}

static void
trail_command_free (TrailCommand *command)
{
  g_free (command->label);
  g_ptr_array_unref (command->ops);
  g_free (command);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrailOp, trail_op_free)

static guint64
current_serial (TrailDocument *self)
{
  if (self->undo_pos == 0)
    return 0;

  return ((TrailCommand *) g_ptr_array_index (self->commands, self->undo_pos - 1))->serial;
}

static void
update_undo_state (TrailDocument *self)
{
  gboolean can_undo = self->undo_pos > 0;
  gboolean can_redo = self->undo_pos < self->commands->len;
  gboolean modified = current_serial (self) != self->saved_serial;
  const char *undo_label = NULL;
  const char *redo_label = NULL;

  if (can_undo)
    undo_label = ((TrailCommand *) g_ptr_array_index (self->commands, self->undo_pos - 1))->label;
  if (can_redo)
    redo_label = ((TrailCommand *) g_ptr_array_index (self->commands, self->undo_pos))->label;

  if (self->can_undo != can_undo)
    {
      self->can_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (self->can_redo != can_redo)
    {
      self->can_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
  if (self->modified != modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  if (g_strcmp0 (self->undo_label, undo_label) != 0)
    {
      g_free (self->undo_label);
      self->undo_label = g_strdup (undo_label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
    }
  if (g_strcmp0 (self->redo_label, redo_label) != 0)
    {
      g_free (self->redo_label);
      self->redo_label = g_strdup (redo_label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
    }
}

/* Applies @op and records it in the open command. */
static void
push_op (TrailDocument *self,
         TrailOp       *op)
{
  g_assert (self->open != NULL);

  apply_op (self, op, TRUE);
  g_ptr_array_add (self->open->ops, op);
}

/* ---- Primitive changes: each emits its signals ------------------------ */

static void
real_insert (TrailDocument *self,
             GObject       *item,
             guint          index,
             guint          cell_index)
{
  GListStore *store = store_for_item (self, item);

  g_assert (index <= g_list_model_get_n_items (G_LIST_MODEL (store)));

  register_id (self, item);

  if (TRAIL_IS_CARD (item))
    cell_insert (self, TRAIL_CARD (item), cell_index);

  if (TRAIL_IS_EMOTION_LINE (item))
    {
      GListModel *points = trail_emotion_line_get_points (TRAIL_EMOTION_LINE (item));
      guint n = g_list_model_get_n_items (points);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TrailEmotionPoint) point = g_list_model_get_item (points, i);

          register_id (self, point);
          _trail_emotion_point_set_line (point, TRAIL_EMOTION_LINE (item));
        }
    }

  g_list_store_insert (store, index, item);
  if (store == self->cards)
    {
      self->card_hint = index;
      remember_card_position (TRAIL_CARD (item), index);
    }
  emit_changed (self, change_for_item (item), item);
}

static void
real_remove (TrailDocument *self,
             GObject       *item,
             guint          index,
             guint          cell_index)
{
  GListStore *store = store_for_item (self, item);
  g_autoptr(GObject) at_index = g_list_model_get_item (G_LIST_MODEL (store), index);

  g_assert (at_index == item);

  if (TRAIL_IS_CARD (item))
    cell_remove (self, TRAIL_CARD (item), cell_index);

  if (TRAIL_IS_EMOTION_LINE (item))
    {
      GListModel *points = trail_emotion_line_get_points (TRAIL_EMOTION_LINE (item));
      guint n = g_list_model_get_n_items (points);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TrailEmotionPoint) point = g_list_model_get_item (points, i);
          unregister_id (self, point);
        }
    }

  unregister_id (self, item);
  g_list_store_remove (store, index);
  emit_changed (self, change_for_item (item), item);
}

static void
real_move (TrailDocument *self,
           GObject       *item,
           guint          from,
           guint          to)
{
  GListStore *store = store_for_item (self, item);
  TrailChangeFlags what = change_for_item (item);

  g_list_store_remove (store, from);
  g_list_store_insert (store, to, item);

  /* Points are sorted along the journey, which just changed. */
  if (TRAIL_IS_STAGE (item))
    {
      resort_lines (self, FALSE);
      what |= TRAIL_CHANGE_EMOTIONS;
    }

  emit_changed (self, what, item);
}

static void
real_move_card (TrailDocument *self,
                TrailCard     *card,
                const OpSide  *from,
                const OpSide  *to)
{

  cell_remove (self, card, from->cell);

  if (from->index != to->index)
    {
      g_list_store_remove (self->cards, from->index);
      g_list_store_insert (self->cards, to->index, card);
      self->card_hint = to->index;
      remember_card_position (card, to->index);
    }

  _trail_item_set (card, "lane-id", to->lane, "stage-id", to->stage, NULL);
  cell_insert (self, card, to->cell);

  emit_changed (self, TRAIL_CHANGE_CARDS, card);
}

static void
real_insert_point (TrailDocument     *self,
                   TrailEmotionLine  *line,
                   TrailEmotionPoint *point,
                   guint              index)
{
  register_id (self, point);
  _trail_emotion_point_set_line (point, line);
  g_list_store_insert (_trail_emotion_line_get_store (line), index, point);
  emit_changed (self, TRAIL_CHANGE_EMOTIONS, point);
}

static void
real_remove_point (TrailDocument     *self,
                   TrailEmotionLine  *line,
                   TrailEmotionPoint *point,
                   guint              index)
{
  GListStore *store = _trail_emotion_line_get_store (line);
  g_autoptr(TrailEmotionPoint) at_index = g_list_model_get_item (G_LIST_MODEL (store), index);

  g_assert (at_index == point);

  unregister_id (self, point);
  g_list_store_remove (store, index);
  _trail_emotion_point_set_line (point, NULL);
  emit_changed (self, TRAIL_CHANGE_EMOTIONS, point);
}

static void
real_set_point (TrailDocument     *self,
                TrailEmotionLine  *line,
                TrailEmotionPoint *point,
                const OpSide      *from,
                const OpSide      *to)
{
  GListStore *store = _trail_emotion_line_get_store (line);

  if (from->index != to->index)
    g_list_store_remove (store, from->index);

  _trail_item_set (point,
                   "stage-id", to->stage,
                   "position", to->position,
                   "score", to->score,
                   NULL);

  if (from->index != to->index)
    g_list_store_insert (store, to->index, point);

  emit_changed (self, TRAIL_CHANGE_EMOTIONS, point);
}

/* op->item holds a reference, which keeps an item alive while it is taken
 * out of one list and put into another. */
static void
apply_op (TrailDocument *self,
          TrailOp       *op,
          gboolean       forward)
{
  const OpSide *from = &op->side[forward ? 0 : 1];
  const OpSide *to = &op->side[forward ? 1 : 0];

  switch (op->kind)
    {
    case OP_SET:
      if (_trail_item_set_value (op->item, op->pspec, &op->values[forward ? 1 : 0]))
        {
          TrailChangeFlags what = change_for_item (op->item);

          if (what == TRAIL_CHANGE_CARDS)
            what = TRAIL_CHANGE_CARD_TEXT;
          /* The crowd line is drawn from the ratings with this setting. */
          if (op->pspec == properties[PROP_CROWD_STATISTIC])
            what |= TRAIL_CHANGE_RATINGS;
          emit_changed (self, what, op->item);
        }
      break;

    case OP_INSERT:
      if (forward)
        real_insert (self, op->item, op->side[1].index, op->side[1].cell);
      else
        real_remove (self, op->item, op->side[1].index, op->side[1].cell);
      break;

    case OP_REMOVE:
      if (forward)
        real_remove (self, op->item, op->side[0].index, op->side[0].cell);
      else
        real_insert (self, op->item, op->side[0].index, op->side[0].cell);
      break;

    case OP_MOVE:
      real_move (self, op->item, from->index, to->index);
      break;

    case OP_MOVE_CARD:
      real_move_card (self, TRAIL_CARD (op->item), from, to);
      break;

    case OP_INSERT_POINT:
      if (forward)
        real_insert_point (self, TRAIL_EMOTION_LINE (op->parent),
                           TRAIL_EMOTION_POINT (op->item), op->side[1].index);
      else
        real_remove_point (self, TRAIL_EMOTION_LINE (op->parent),
                           TRAIL_EMOTION_POINT (op->item), op->side[1].index);
      break;

    case OP_REMOVE_POINT:
      if (forward)
        real_remove_point (self, TRAIL_EMOTION_LINE (op->parent),
                           TRAIL_EMOTION_POINT (op->item), op->side[0].index);
      else
        real_insert_point (self, TRAIL_EMOTION_LINE (op->parent),
                           TRAIL_EMOTION_POINT (op->item), op->side[0].index);
      break;

    case OP_SET_POINT:
      real_set_point (self, TRAIL_EMOTION_LINE (op->parent),
                      TRAIL_EMOTION_POINT (op->item), from, to);
      break;

    case OP_SCALE:
      real_set_scale (self, to->min, to->max, (const char * const *) to->labels);
      emit_changed (self, TRAIL_CHANGE_SCALE, G_OBJECT (self));
      break;

    default:
      g_assert_not_reached ();
    }
}

/* ---- Recording helpers: build an op from the current state ------------ */

static void
record_set (TrailDocument *self,
            gpointer       item,
            GParamSpec    *pspec,
            const GValue  *value)
{
  TrailOp *op = trail_op_new (OP_SET, item);

  op->pspec = pspec;
  g_value_init (&op->values[0], G_PARAM_SPEC_VALUE_TYPE (pspec));
  g_object_get_property (item, pspec->name, &op->values[0]);
  g_value_init (&op->values[1], G_PARAM_SPEC_VALUE_TYPE (pspec));
  g_value_copy (value, &op->values[1]);

  if (_trail_value_equal (&op->values[0], &op->values[1]))
    {
      trail_op_free (op);
      return;
    }

  push_op (self, op);
}

static void
record_set_string (TrailDocument *self,
                   gpointer       item,
                   const char    *property,
                   const char    *value)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (item), property);
  g_auto(GValue) gvalue = G_VALUE_INIT;

  g_value_init (&gvalue, G_TYPE_STRING);
  g_value_set_string (&gvalue, value);
  record_set (self, item, pspec, &gvalue);
}

static void
record_insert (TrailDocument *self,
               gpointer       item,
               guint          index,
               guint          cell_index)
{
  TrailOp *op = trail_op_new (OP_INSERT, item);

  op->side[1].index = index;
  op->side[1].cell = cell_index;
  push_op (self, op);
}

static guint
card_cell_index (TrailDocument *self,
                 TrailCard     *card)
{
  GPtrArray *cell = lookup_cell (self, trail_card_get_lane_id (card), trail_card_get_stage_id (card));
  guint index = G_MAXUINT;

  if (cell != NULL)
    g_ptr_array_find (cell, card, &index);

  return index;
}

static void
record_remove_at (TrailDocument *self,
                  gpointer       item,
                  guint          index)
{
  TrailOp *op = trail_op_new (OP_REMOVE, item);

  op->side[0].index = index;
  if (TRAIL_IS_CARD (item))
    op->side[0].cell = card_cell_index (self, item);
  push_op (self, op);
}

static void
record_remove_point (TrailDocument     *self,
                     TrailEmotionLine  *line,
                     TrailEmotionPoint *point,
                     guint              index)
{
  TrailOp *op = trail_op_new (OP_REMOVE_POINT, point);

  op->parent = g_object_ref (G_OBJECT (line));
  op->side[0].index = index;
  push_op (self, op);
}

static void
record_set_point (TrailDocument     *self,
                  TrailEmotionPoint *point,
                  const char        *stage_id,
                  double             position,
                  double             score)
{
  TrailEmotionLine *line = _trail_emotion_point_get_line (point);
  GListStore *store = _trail_emotion_line_get_store (line);
  TrailOp *op;

  if (g_strcmp0 (stage_id, trail_emotion_point_get_stage_id (point)) == 0 &&
      position == trail_emotion_point_get_position (point) &&
      score == trail_emotion_point_get_score (point))
    return;

  op = trail_op_new (OP_SET_POINT, point);
  op->parent = g_object_ref (G_OBJECT (line));
  op->side[0].stage = g_strdup (trail_emotion_point_get_stage_id (point));
  op->side[0].position = trail_emotion_point_get_position (point);
  op->side[0].score = trail_emotion_point_get_score (point);
  op->side[0].index = list_index_of (store, point);
  op->side[1].stage = g_strdup (stage_id);
  op->side[1].position = position;
  op->side[1].score = score;
  op->side[1].index = point_insert_index (self, line, stage_id, position, point);
  push_op (self, op);
}

/* A new card in an empty cell goes next to the cards of its lane, in stage
 * order, rather than at the end of the file: two people adding cards to
 * different lanes then change different parts of the file, and git merges
 * them. */
static guint
list_index_for_empty_cell (TrailDocument *self,
                           const char    *lane_id,
                           const char    *stage_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->cards));
  guint stage_index = stage_index_of_id (self, stage_id);
  guint first_in_lane = G_MAXUINT;
  guint after = G_MAXUINT;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrailCard) other = g_list_model_get_item (G_LIST_MODEL (self->cards), i);

      if (g_strcmp0 (trail_card_get_lane_id (other), lane_id) != 0)
        continue;

      if (first_in_lane == G_MAXUINT)
        first_in_lane = i;
      if (stage_index_of_id (self, trail_card_get_stage_id (other)) < stage_index)
        after = i;
    }

  if (after != G_MAXUINT)
    return after + 1;
  if (first_in_lane != G_MAXUINT)
    return first_in_lane;
  return n;
}

/* The place in the list of all cards for a card that will be at
 * @cell_index of its cell: next to its neighbours in the cell, so that the
 * order of the file gives the order of each cell. A card moved to an empty
 * cell keeps its place, to keep diffs small. */
static guint
card_list_index_for (TrailDocument *self,
                     TrailCard     *card,
                     const char    *lane_id,
                     const char    *stage_id,
                     guint          cell_index)
{
  GPtrArray *cell = lookup_cell (self, lane_id, stage_id);
  g_autoptr(GPtrArray) without = NULL;
  GPtrArray *others = cell;
  guint card_pos = G_MAXUINT;
  TrailCard *anchor = NULL;
  gboolean after = FALSE;
  guint pos;

  /* A new card has no place yet: the cell as it is, not a copy per card. */
  if (cell == NULL || card != NULL)
    {
      others = without = g_ptr_array_new ();
      if (cell != NULL)
        for (guint i = 0; i < cell->len; i++)
          if (g_ptr_array_index (cell, i) != card)
            g_ptr_array_add (others, g_ptr_array_index (cell, i));
    }

  if (card != NULL)
    card_pos = card_index_of (self, card);

  if (cell_index < others->len)
    anchor = g_ptr_array_index (others, cell_index);
  else if (others->len > 0)
    {
      anchor = g_ptr_array_index (others, others->len - 1);
      after = TRUE;
    }
  else if (card != NULL)
    return card_pos;
  else
    return list_index_for_empty_cell (self, lane_id, stage_id);

  pos = card_index_of (self, anchor);
  /* Positions are in the list without @card. */
  if (card != NULL && card_pos < pos)
    pos--;

  return after ? pos + 1 : pos;
}

/* ---- Grouping ------------------------------------------------------- */

static void
begin (TrailDocument *self,
       const char    *label)
{
  if (self->group_depth++ == 0)
    {
      self->open = g_new0 (TrailCommand, 1);
      self->open->label = g_strdup (label);
      self->open->ops = g_ptr_array_new_with_free_func ((GDestroyNotify) trail_op_free);
    }
}

static void
end (TrailDocument *self)
{
  TrailCommand *command;

  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth > 0)
    return;

  command = g_steal_pointer (&self->open);

  if (command->ops->len == 0)
    {
      trail_command_free (command);
      return;
    }

  /* A new edit ends the redo branch. */
  if (self->undo_pos < self->commands->len)
    g_ptr_array_remove_range (self->commands, self->undo_pos,
                              self->commands->len - self->undo_pos);

  command->serial = ++self->next_serial;
  g_ptr_array_add (self->commands, command);
  self->undo_pos = self->commands->len;

  update_undo_state (self);
}

/* ---- GObject ---------------------------------------------------------- */

static void
trail_document_dispose (GObject *object)
{
  TrailDocument *self = (TrailDocument *)object;

  g_clear_pointer (&self->commands, g_ptr_array_unref);
  if (self->open != NULL)
    g_clear_pointer (&self->open, trail_command_free);
  g_clear_pointer (&self->cells, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_hash_table_unref);
  g_clear_object (&self->cards);
  g_clear_object (&self->lines);
  g_clear_object (&self->channels);
  g_clear_object (&self->surveys);
  g_clear_object (&self->survey_results);
  g_clear_object (&self->actions);
  g_clear_object (&self->vote_rounds);
  g_clear_object (&self->voters);
  g_clear_object (&self->ratings);
  g_clear_object (&self->lanes);
  g_clear_object (&self->stages);
  g_clear_object (&self->personas);

  G_OBJECT_CLASS (trail_document_parent_class)->dispose (object);
}

static void
trail_document_finalize (GObject *object)
{
  TrailDocument *self = (TrailDocument *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->objective, g_free);
  g_clear_pointer (&self->scope, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->map_id, g_free);
  g_clear_pointer (&self->current_state_id, g_free);
  g_clear_pointer (&self->current_state_file, g_free);
  g_clear_pointer (&self->crowd_statistic, g_free);
  g_clear_pointer (&self->scale_labels, g_strfreev);
  g_clear_pointer (&self->generic_labels, g_strfreev);
  g_clear_pointer (&self->scale_unknown, json_object_unref);
  g_clear_pointer (&self->used_ids, g_hash_table_unref);
  g_clear_pointer (&self->undo_label, g_free);
  g_clear_pointer (&self->redo_label, g_free);

  G_OBJECT_CLASS (trail_document_parent_class)->finalize (object);
}

static char **
meta_field (TrailDocument *self,
            guint          prop_id)
{
  switch (prop_id)
    {
    case PROP_TITLE:     return &self->title;
    case PROP_OBJECTIVE: return &self->objective;
    case PROP_SCOPE:     return &self->scope;
    case PROP_NOTES:     return &self->notes;
    case PROP_MAP_ID:    return &self->map_id;
    case PROP_CURRENT_STATE_ID:   return &self->current_state_id;
    case PROP_CURRENT_STATE_FILE: return &self->current_state_file;
    case PROP_CROWD_STATISTIC: return &self->crowd_statistic;
    default:             return NULL;
    }
}

static void
trail_document_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TrailDocument *self = TRAIL_DOCUMENT (object);
  char **field = meta_field (self, prop_id);

  if (field != NULL)
    {
      g_value_set_string (value, *field);
      return;
    }

  switch (prop_id)
    {
    case PROP_SCALE_MIN:
      g_value_set_int (value, self->scale_min);
      break;

    case PROP_SCALE_MAX:
      g_value_set_int (value, self->scale_max);
      break;

    case PROP_CAN_UNDO:
      g_value_set_boolean (value, trail_document_get_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, trail_document_get_can_redo (self));
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, trail_document_get_modified (self));
      break;

    case PROP_UNDO_LABEL:
      g_value_set_string (value, trail_document_get_undo_label (self));
      break;

    case PROP_REDO_LABEL:
      g_value_set_string (value, trail_document_get_redo_label (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Only reached through _trail_item_set_value(): the properties are
 * read-only to the world. */
static void
trail_document_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TrailDocument *self = TRAIL_DOCUMENT (object);
  char **field = meta_field (self, prop_id);

  if (field == NULL)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  g_free (*field);
  *field = g_value_dup_string (value);
  g_object_notify_by_pspec (object, properties[prop_id]);
}

/* Every handler runs; the answer is whether any of them said TRUE. */
static gboolean
any_true_accumulator (GSignalInvocationHint *hint,
                      GValue                *return_accu,
                      const GValue          *handler_return,
                      gpointer               data)
{
  if (g_value_get_boolean (handler_return))
    g_value_set_boolean (return_accu, TRUE);
  return TRUE;
}

/* TrailDocument::changed's marshaller. Every edit emits it to a dozen
 * views; the generic marshaller goes through libffi for each of them,
 * which was 2% of the app's time while a room of phones added cards. */
static void
marshal_VOID__FLAGS_OBJECT (GClosure     *closure,
                            GValue       *return_value G_GNUC_UNUSED,
                            guint         n_param_values,
                            const GValue *param_values,
                            gpointer      invocation_hint G_GNUC_UNUSED,
                            gpointer      marshal_data)
{
  typedef void (*ChangedFunc) (gpointer data1,
                               guint    what,
                               gpointer object,
                               gpointer data2);
  GCClosure *cc = (GCClosure *) closure;
  gpointer data1, data2;
  ChangedFunc callback;

  g_return_if_fail (n_param_values == 3);

  if (G_CCLOSURE_SWAP_DATA (closure))
    {
      data1 = closure->data;
      data2 = g_value_peek_pointer (param_values + 0);
    }
  else
    {
      data1 = g_value_peek_pointer (param_values + 0);
      data2 = closure->data;
    }
  callback = (ChangedFunc) (marshal_data != NULL ? marshal_data : cc->callback);
  callback (data1,
            g_value_get_flags (param_values + 1),
            g_value_get_object (param_values + 2),
            data2);
}

static void
trail_document_class_init (TrailDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = trail_document_dispose;
  object_class->finalize = trail_document_finalize;
  object_class->get_property = trail_document_get_property;
  object_class->set_property = trail_document_set_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", flags);
  properties[PROP_OBJECTIVE] = g_param_spec_string ("objective", NULL, NULL, NULL, flags);
  properties[PROP_SCOPE] = g_param_spec_string ("scope", NULL, NULL, NULL, flags);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, NULL, flags);
  properties[PROP_MAP_ID] = g_param_spec_string ("map-id", NULL, NULL, NULL, flags);
  properties[PROP_CURRENT_STATE_ID] = g_param_spec_string ("current-state-id", NULL, NULL, NULL, flags);
  properties[PROP_CURRENT_STATE_FILE] = g_param_spec_string ("current-state-file", NULL, NULL, NULL, flags);
  /* "median" or NULL (the mean); see trail_document_get_crowd_statistic(). */
  properties[PROP_CROWD_STATISTIC] = g_param_spec_string ("crowd-statistic", NULL, NULL, NULL, flags);
  properties[PROP_SCALE_MIN] =
    g_param_spec_int ("scale-min", NULL, NULL, -SCALE_LIMIT, SCALE_LIMIT, -2, flags);
  properties[PROP_SCALE_MAX] =
    g_param_spec_int ("scale-max", NULL, NULL, -SCALE_LIMIT, SCALE_LIMIT, 2, flags);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, flags);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, flags);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, flags);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TrailDocument::changed:
   * @what: what kind of thing changed
   * @object: the item changed, or the document
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  marshal_VOID__FLAGS_OBJECT,
                  G_TYPE_NONE, 2, TRAIL_TYPE_CHANGE_FLAGS, G_TYPE_OBJECT);

  /**
   * TrailDocument::pending-edit:
   *
   * A view holds text typed but not committed yet; see
   * trail_document_note_pending_edit().
   */
  signals[PENDING_EDIT] =
    g_signal_new ("pending-edit",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  /**
   * TrailDocument::prepare-draft:
   * @draft: (nullable): the overlay the draft is written with, or %NULL
   *
   * See trail_document_prepare_draft(). Returns %TRUE when the handler
   * holds (with @draft %NULL) or applied (with a copy) uncommitted text.
   */
  signals[PREPARE_DRAFT] =
    g_signal_new ("prepare-draft",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  any_true_accumulator, NULL,
                  NULL,
                  G_TYPE_BOOLEAN, 1, TRAIL_TYPE_DRAFT_OVERLAY);
}

static void
trail_document_init (TrailDocument *self)
{
  self->title = g_strdup ("");
  self->scale_min = -2;
  self->scale_max = 2;
  regenerate_generic_labels (self);

  self->personas = g_list_store_new (TRAIL_TYPE_PERSONA);
  self->stages = g_list_store_new (TRAIL_TYPE_STAGE);
  self->lanes = g_list_store_new (TRAIL_TYPE_LANE);
  self->cards = g_list_store_new (TRAIL_TYPE_CARD);
  self->lines = g_list_store_new (TRAIL_TYPE_EMOTION_LINE);
  self->channels = g_list_store_new (TRAIL_TYPE_CUSTOM_CHANNEL);
  self->surveys = g_list_store_new (TRAIL_TYPE_SURVEY);
  self->survey_results = g_list_store_new (TRAIL_TYPE_SURVEY_RESULT);
  self->actions = g_list_store_new (TRAIL_TYPE_ACTION);
  self->vote_rounds = g_list_store_new (TRAIL_TYPE_VOTE_ROUND);
  self->voters = g_list_store_new (TRAIL_TYPE_VOTER);
  self->ratings = g_list_store_new (TRAIL_TYPE_RATING);

  self->ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->used_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);

  self->commands = g_ptr_array_new_with_free_func ((GDestroyNotify) trail_command_free);
}

/* ---- Private API for the loader ------------------------------------- */

void
_trail_document_set_meta (TrailDocument *self,
                          const char    *title,
                          const char    *objective,
                          const char    *scope,
                          const char    *notes)
{
  _trail_item_set (self,
                   "title", title != NULL ? title : "",
                   "objective", objective,
                   "scope", scope,
                   "notes", notes,
                   NULL);
}

gboolean
_trail_document_set_scale_direct (TrailDocument       *self,
                                  int                  min,
                                  int                  max,
                                  const char * const  *labels)
{
  if (!scale_is_valid (min, max, labels))
    return FALSE;

  real_set_scale (self, min, max, labels);
  return TRUE;
}

gboolean
_trail_document_append_item (TrailDocument *self,
                             gpointer       item)
{
  const char *id = item_get_id (item);

  if (g_hash_table_contains (self->ids, id))
    return FALSE;

  register_id (self, item);
  g_list_store_append (store_for_item (self, item), item);

  if (TRAIL_IS_CARD (item))
    g_ptr_array_add (ensure_cell (self, trail_card_get_lane_id (item), trail_card_get_stage_id (item)),
                     item);

  return TRUE;
}

gboolean
_trail_document_append_point (TrailDocument     *self,
                              TrailEmotionLine  *line,
                              TrailEmotionPoint *point)
{
  if (g_hash_table_contains (self->ids, trail_emotion_point_get_id (point)))
    return FALSE;

  register_id (self, point);
  _trail_emotion_point_set_line (point, line);
  g_list_store_append (_trail_emotion_line_get_store (line), point);

  return TRUE;
}

void
_trail_document_sort_points (TrailDocument *self)
{
  resort_lines (self, FALSE);
}

GObject *
_trail_document_lookup_id (TrailDocument *self,
                           const char    *id)
{
  return id != NULL ? g_hash_table_lookup (self->ids, id) : NULL;
}

void
_trail_document_reset_history (TrailDocument *self)
{
  g_return_if_fail (self->group_depth == 0);

  g_ptr_array_set_size (self->commands, 0);
  self->undo_pos = 0;
  self->saved_serial = 0;
  update_undo_state (self);
}

guint64
_trail_document_get_state_serial (TrailDocument *self)
{
  return current_serial (self);
}

void
_trail_document_set_saved_serial (TrailDocument *self,
                                  guint64        serial)
{
  self->saved_serial = serial;
  update_undo_state (self);
}

const char * const *
_trail_document_get_custom_labels (TrailDocument *self)
{
  return (const char * const *) self->scale_labels;
}

JsonObject *
_trail_document_get_scale_unknown (TrailDocument *self)
{
  return self->scale_unknown;
}

void
_trail_document_set_scale_unknown (TrailDocument *self,
                                   JsonObject    *unknown)
{
  g_clear_pointer (&self->scale_unknown, json_object_unref);
  if (unknown != NULL && json_object_get_size (unknown) > 0)
    self->scale_unknown = json_object_ref (unknown);
}

/* ---- Public API ------------------------------------------------------ */

TrailDocument *
trail_document_new (void)
{
  return g_object_new (TRAIL_TYPE_DOCUMENT, NULL);
}

TrailDocument *
trail_document_new_blank (void)
{
  TrailDocument *self = trail_document_new ();
  const char *stage_names[] = {
    _("Awareness"), _("Consideration"), _("Decision"), _("Retention"), _("Loyalty"),
  };
  const TrailLaneKind lane_kinds[] = {
    TRAIL_LANE_KIND_TOUCHPOINTS, TRAIL_LANE_KIND_ACTIONS, TRAIL_LANE_KIND_THOUGHTS,
    TRAIL_LANE_KIND_EMOTIONS, TRAIL_LANE_KIND_PAIN_POINTS, TRAIL_LANE_KIND_OPPORTUNITIES,
  };

  for (guint i = 0; i < G_N_ELEMENTS (stage_names); i++)
    trail_document_add_stage (self, -1, stage_names[i]);
  for (guint i = 0; i < G_N_ELEMENTS (lane_kinds); i++)
    trail_document_add_lane (self, -1, lane_kinds[i], NULL);
  trail_document_add_emotion_line (self, NULL);

  /* A new map has nothing to undo and nothing to save. */
  _trail_document_reset_history (self);

  return self;
}

const char *
trail_document_get_title (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return self->title;
}

const char *
trail_document_get_objective (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return self->objective;
}

const char *
trail_document_get_scope (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return self->scope;
}

const char *
trail_document_get_notes (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return self->notes;
}

const char *
trail_document_get_map_id (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return self->map_id;
}

const char *
trail_document_get_current_state_id (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return self->current_state_id;
}

const char *
trail_document_get_current_state_file (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return self->current_state_file;
}

int
trail_document_get_scale_min (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), -2);
  return self->scale_min;
}

int
trail_document_get_scale_max (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), 2);
  return self->scale_max;
}

const char *
trail_document_get_scale_label (TrailDocument *self,
                                int            step)
{
  char **labels;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), "");

  labels = self->scale_labels != NULL ? self->scale_labels : self->generic_labels;
  step = CLAMP (step, self->scale_min, self->scale_max);

  return labels[step - self->scale_min];
}

const char * const *
trail_document_get_scale_labels (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return (const char * const *) self->scale_labels;
}

double
trail_document_get_scale_neutral (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), 0.0);

  if (self->scale_min <= 0 && self->scale_max >= 0)
    return 0.0;

  return (self->scale_min + self->scale_max) / 2.0;
}

GListModel *
trail_document_get_personas (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->personas);
}

GListModel *
trail_document_get_stages (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->stages);
}

GListModel *
trail_document_get_lanes (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->lanes);
}

GListModel *
trail_document_get_cards (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->cards);
}

GListModel *
trail_document_get_channels (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->channels);
}

GListModel *
trail_document_get_surveys (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->surveys);
}

GListModel *
trail_document_get_survey_results (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->survey_results);
}

GListModel *
trail_document_get_actions (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->actions);
}

/* Made here for the document's ids; trail-action-edits.c does the rest. */
TrailAction *
_trail_document_new_action (TrailDocument *self)
{
  g_autofree char *id = make_id (self, "a");

  return _trail_action_new (id);
}

GListModel *
trail_document_get_vote_rounds (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->vote_rounds);
}

GListModel *
trail_document_get_voters (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->voters);
}

GListModel *
_trail_document_get_ratings_store (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->ratings);
}

GListModel *
trail_document_get_emotion_lines (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->lines);
}

static gpointer
find_typed (TrailDocument *self,
            const char    *id,
            GType          type)
{
  GObject *item;

  if (id == NULL)
    return NULL;

  item = g_hash_table_lookup (self->ids, id);
  return item != NULL && G_TYPE_CHECK_INSTANCE_TYPE (item, type) ? item : NULL;
}

TrailPersona *
trail_document_find_persona (TrailDocument *self,
                             const char    *id)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return find_typed (self, id, TRAIL_TYPE_PERSONA);
}

TrailStage *
trail_document_find_stage (TrailDocument *self,
                           const char    *id)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return find_typed (self, id, TRAIL_TYPE_STAGE);
}

TrailLane *
trail_document_find_lane (TrailDocument *self,
                          const char    *id)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return find_typed (self, id, TRAIL_TYPE_LANE);
}

TrailCard *
trail_document_find_card (TrailDocument *self,
                          const char    *id)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return find_typed (self, id, TRAIL_TYPE_CARD);
}

TrailCustomChannel *
trail_document_find_channel (TrailDocument *self,
                             const char    *id)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return find_typed (self, id, TRAIL_TYPE_CUSTOM_CHANNEL);
}

TrailSurvey *
trail_document_find_survey (TrailDocument *self,
                            const char    *id)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return find_typed (self, id, TRAIL_TYPE_SURVEY);
}

TrailAction *
trail_document_find_action (TrailDocument *self,
                            const char    *id)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return find_typed (self, id, TRAIL_TYPE_ACTION);
}

TrailEmotionLine *
trail_document_find_emotion_line (TrailDocument *self,
                                  const char    *id)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return find_typed (self, id, TRAIL_TYPE_EMOTION_LINE);
}

TrailEmotionPoint *
trail_document_find_emotion_point (TrailDocument *self,
                                   const char    *id)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return find_typed (self, id, TRAIL_TYPE_EMOTION_POINT);
}

TrailEmotionLine *
trail_document_find_line_for_persona (TrailDocument *self,
                                      const char    *persona_id)
{
  guint n;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);

  /* Lines are as few as personas: a scan is cheaper than an index. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrailEmotionLine) line = g_list_model_get_item (G_LIST_MODEL (self->lines), i);

      if (g_strcmp0 (trail_emotion_line_get_persona_id (line), persona_id) == 0)
        return line;
    }

  return NULL;
}

guint
trail_document_get_stage_index (TrailDocument *self,
                                TrailStage    *stage)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), G_MAXUINT);
  g_return_val_if_fail (TRAIL_IS_STAGE (stage), G_MAXUINT);

  return list_index_of (self->stages, stage);
}

guint
trail_document_get_lane_index (TrailDocument *self,
                               TrailLane     *lane)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), G_MAXUINT);
  g_return_val_if_fail (TRAIL_IS_LANE (lane), G_MAXUINT);

  return list_index_of (self->lanes, lane);
}

GPtrArray *
trail_document_get_cell_cards (TrailDocument *self,
                               TrailLane     *lane,
                               TrailStage    *stage)
{
  GPtrArray *cell;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), g_ptr_array_new ());
  g_return_val_if_fail (TRAIL_IS_LANE (lane), g_ptr_array_new ());
  g_return_val_if_fail (TRAIL_IS_STAGE (stage), g_ptr_array_new ());

  cell = lookup_cell (self, trail_lane_get_id (lane), trail_stage_get_id (stage));
  if (cell == NULL)
    return g_ptr_array_new ();

  return g_ptr_array_copy (cell, NULL, NULL);
}

guint
trail_document_get_card_index (TrailDocument *self,
                               TrailCard     *card)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), G_MAXUINT);
  g_return_val_if_fail (TRAIL_IS_CARD (card), G_MAXUINT);

  return card_cell_index (self, card);
}

void
trail_document_begin_group (TrailDocument *self,
                            const char    *label)
{
  g_return_if_fail (TRAIL_IS_DOCUMENT (self));

  begin (self, label);
}

void
trail_document_end_group (TrailDocument *self)
{
  g_return_if_fail (TRAIL_IS_DOCUMENT (self));
  g_return_if_fail (self->group_depth > 0);

  end (self);
}

/* ---- Update ---------------------------------------------------------- */

static const char *
edit_label_for (gpointer item)
{
  if (TRAIL_IS_CARD (item))
    return _("Edit Card");
  if (TRAIL_IS_STAGE (item))
    return _("Edit Stage");
  if (TRAIL_IS_LANE (item))
    return _("Edit Lane");
  if (TRAIL_IS_PERSONA (item))
    return _("Edit Persona");
  if (TRAIL_IS_EMOTION_POINT (item))
    return _("Edit Emotion Point");
  if (TRAIL_IS_CUSTOM_CHANNEL (item))
    return _("Edit Channel");
  if (TRAIL_IS_SURVEY (item) || TRAIL_IS_SURVEY_RESULT (item))
    return _("Edit Survey");
  if (TRAIL_IS_ACTION (item))
    return _("Edit Action");
  if (TRAIL_IS_VOTE_ROUND (item) || TRAIL_IS_VOTER (item))
    return _("Edit Voting Round");
  if (TRAIL_IS_RATING (item))
    return _("Rate Stage");
  return _("Edit Map");
}

static const TrailField document_fields[] = {
  { "title",     "title",     TRAIL_FIELD_REQUIRED },
  { "objective", "objective", 0 },
  { "scope",     "scope",     0 },
  { "notes",     "notes",     0 },
  { "map-id",    "map-id",    0 },
  { "current-state-id",   "current-state-id",   0 },
  { "current-state-file", "current-state-file", 0 },
  { "crowd-statistic", "crowd-statistic", 0 },
};

static const TrailField *
find_field (gpointer    item,
            const char *property)
{
  const TrailField *fields;
  guint n;

  if (TRAIL_IS_DOCUMENT (item))
    {
      fields = document_fields;
      n = G_N_ELEMENTS (document_fields);
    }
  else
    fields = _trail_fields_for_type (G_OBJECT_TYPE (item), &n);

  for (guint i = 0; i < n; i++)
    if (strcmp (fields[i].property, property) == 0)
      return &fields[i];

  return NULL;
}

static gboolean
lane_has_cards (TrailDocument *self,
                TrailLane     *lane)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->stages));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (G_LIST_MODEL (self->stages), i);

      if (lookup_cell (self, trail_lane_get_id (lane), trail_stage_get_id (stage)) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* Checks what the model cannot know from the value alone: references, the
 * scale, the lane that holds no cards. */
static gboolean
check_in_document (TrailDocument    *self,
                   gpointer          item,
                   const TrailField *field,
                   const GValue     *value,
                   GError          **error)
{
  if ((field->flags & TRAIL_FIELD_REF_PERSONA) && G_VALUE_HOLDS_STRING (value))
    {
      const char *id = g_value_get_string (value);

      if (id != NULL && trail_document_find_persona (self, id) == NULL)
        {
          g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_REFERENCE,
                       "unknown persona “%s”", id);
          return FALSE;
        }
    }

  if ((field->flags & TRAIL_FIELD_REF_PERSONA) && G_VALUE_HOLDS (value, G_TYPE_STRV))
    {
      const char * const *ids = g_value_get_boxed (value);

      for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
        if (trail_document_find_persona (self, ids[i]) == NULL)
          {
            g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_REFERENCE,
                         "unknown persona “%s”", ids[i]);
            return FALSE;
          }
    }

  if ((field->flags & TRAIL_FIELD_REF_CARD) && G_VALUE_HOLDS (value, G_TYPE_STRV))
    {
      const char * const *ids = g_value_get_boxed (value);

      for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
        if (trail_document_find_card (self, ids[i]) == NULL)
          {
            g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_REFERENCE,
                         "unknown card “%s”", ids[i]);
            return FALSE;
          }
    }

  if ((field->flags & TRAIL_FIELD_REF_CARD) && G_VALUE_HOLDS_STRING (value) &&
      g_value_get_string (value) != NULL && trail_document_find_card (self, g_value_get_string (value)) == NULL)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_REFERENCE,
                   "unknown card “%s”", g_value_get_string (value));
      return FALSE;
    }

  if ((field->flags & TRAIL_FIELD_REF_CHANNEL) && g_value_get_string (value) != NULL &&
      trail_document_find_channel (self, g_value_get_string (value)) == NULL)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_REFERENCE,
                   "unknown channel “%s”", g_value_get_string (value));
      return FALSE;
    }

  if ((field->flags & TRAIL_FIELD_REF_STAGE) &&
      trail_document_find_stage (self, g_value_get_string (value)) == NULL)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_REFERENCE,
                   "unknown stage “%s”", g_value_get_string (value));
      return FALSE;
    }

  if ((field->flags & TRAIL_FIELD_IMAGE) && g_value_get_boxed (value) != NULL)
    {
      guint64 total = g_bytes_get_size (g_value_get_boxed (value));

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->personas)); i++)
        {
          g_autoptr(TrailPersona) other = g_list_model_get_item (G_LIST_MODEL (self->personas), i);

          if ((gpointer) other != item && trail_persona_get_photo (other) != NULL)
            total += g_bytes_get_size (trail_persona_get_photo (other));
        }

      /* Beyond it the map could not be saved; the editor asks
       * trail_document_prepare_photo() first. */
      if (total > TRAIL_PHOTO_BUDGET)
        {
          g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT,
                       "the photos would take %" G_GUINT64_FORMAT " bytes (the limit is %d)",
                       total, TRAIL_PHOTO_BUDGET);
          return FALSE;
        }
    }

  if (field->flags & TRAIL_FIELD_SCORE)
    {
      double score = G_VALUE_HOLDS_INT (value) ? g_value_get_int (value) : g_value_get_double (value);

      if (score < self->scale_min || score > self->scale_max)
        {
          g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                       "score %g outside the scale %d … %d", score, self->scale_min, self->scale_max);
          return FALSE;
        }
    }

  if (TRAIL_IS_LANE (item) && strcmp (field->property, "kind") == 0 &&
      g_value_get_enum (value) == TRAIL_LANE_KIND_EMOTIONS &&
      trail_lane_get_kind (item) != TRAIL_LANE_KIND_EMOTIONS &&
      lane_has_cards (self, item))
    {
      g_set_error_literal (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                           "a lane with cards cannot become an emotions lane");
      return FALSE;
    }

  return TRUE;
}

static void
update_values (TrailDocument  *self,
               gpointer        item,
               guint           n,
               GParamSpec    **pspecs,
               GValue         *values)
{
  gboolean move_point = FALSE;
  const char *stage_id = NULL;
  double position = 0.0, score = 0.0;

  for (guint i = 0; i < n; i++)
    {
      const TrailField *field = find_field (item, pspecs[i]->name);
      g_autoptr(GError) error = NULL;

      if (field == NULL || (field->flags & TRAIL_FIELD_ID) ||
          ((field->flags & TRAIL_FIELD_PLACEMENT) && !TRAIL_IS_EMOTION_POINT (item)))
        {
          g_critical ("%s: property “%s” of %s cannot be changed with trail_document_update()%s",
                      G_STRFUNC, pspecs[i]->name, G_OBJECT_TYPE_NAME (item),
                      TRAIL_IS_CARD (item) ? "; use trail_document_move_card()" : "");
          return;
        }

      /* NULL where text is required means empty text. */
      if ((field->flags & TRAIL_FIELD_REQUIRED) && G_VALUE_HOLDS_STRING (&values[i]) &&
          g_value_get_string (&values[i]) == NULL)
        g_value_set_static_string (&values[i], "");

      /* A photo is stored as a persona card needs it, whoever sets it; one
       * that cannot be decoded is checked below as it is. */
      if ((field->flags & TRAIL_FIELD_IMAGE) && g_value_get_boxed (&values[i]) != NULL)
        {
          GBytes *prepared = trail_image_prepare_photo (g_value_get_boxed (&values[i]), NULL);

          if (prepared != NULL)
            g_value_take_boxed (&values[i], prepared);
        }

      if (!_trail_field_check_value (field, pspecs[i], &values[i], &error) ||
          !check_in_document (self, item, field, &values[i], &error))
        {
          g_critical ("%s: refusing %s “%s” of %s: %s", G_STRFUNC,
                      G_OBJECT_TYPE_NAME (item), pspecs[i]->name,
                      item_get_id (item) != NULL ? item_get_id (item) : "the document",
                      error->message);
          return;
        }
    }

  if (TRAIL_IS_EMOTION_POINT (item))
    {
      stage_id = trail_emotion_point_get_stage_id (item);
      position = trail_emotion_point_get_position (item);
      score = trail_emotion_point_get_score (item);
    }

  begin (self, edit_label_for (item));

  for (guint i = 0; i < n; i++)
    {
      const TrailField *field = find_field (item, pspecs[i]->name);

      if (field->flags & TRAIL_FIELD_PLACEMENT)
        {
          move_point = TRUE;
          if (strcmp (pspecs[i]->name, "stage-id") == 0)
            stage_id = g_value_get_string (&values[i]);
          else if (strcmp (pspecs[i]->name, "position") == 0)
            position = g_value_get_double (&values[i]);
          else
            score = g_value_get_double (&values[i]);
        }
      else
        record_set (self, item, pspecs[i], &values[i]);
    }

  if (move_point)
    record_set_point (self, item, stage_id, position, score);

  end (self);
}

static gboolean
prepare_value (gpointer      item,
               const char   *property,
               GParamSpec  **pspec_out,
               GValue       *value_out,
               const GValue *value)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (item), property);

  if (pspec == NULL)
    {
      g_critical ("%s has no property “%s”", G_OBJECT_TYPE_NAME (item), property);
      return FALSE;
    }

  g_value_init (value_out, G_PARAM_SPEC_VALUE_TYPE (pspec));
  if (!g_value_transform (value, value_out))
    {
      g_critical ("Cannot set property “%s” of type %s from a value of type %s",
                  property, g_type_name (G_PARAM_SPEC_VALUE_TYPE (pspec)),
                  G_VALUE_TYPE_NAME (value));
      g_value_unset (value_out);
      return FALSE;
    }

  *pspec_out = pspec;
  return TRUE;
}

void
trail_document_update_value (TrailDocument *self,
                             gpointer       item,
                             const char    *property,
                             const GValue  *value)
{
  GParamSpec *pspec = NULL;
  g_auto(GValue) converted = G_VALUE_INIT;

  g_return_if_fail (TRAIL_IS_DOCUMENT (self));
  g_return_if_fail (item_in_document (self, item));
  g_return_if_fail (property != NULL);
  g_return_if_fail (G_IS_VALUE (value));

  if (!prepare_value (item, property, &pspec, &converted, value))
    return;

  update_values (self, item, 1, &pspec, &converted);
}

void
trail_document_update (TrailDocument *self,
                       gpointer       item,
                       const char    *first_property,
                       ...)
{
  g_autoptr(GPtrArray) pspecs = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  const char *property = first_property;
  gboolean ok = TRUE;
  va_list args;

  g_return_if_fail (TRAIL_IS_DOCUMENT (self));
  g_return_if_fail (item_in_document (self, item));

  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);

  va_start (args, first_property);
  while (property != NULL)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (item), property);
      GValue value = G_VALUE_INIT;
      g_autofree char *error = NULL;

      if (pspec == NULL)
        {
          g_critical ("%s has no property “%s”", G_OBJECT_TYPE_NAME (item), property);
          ok = FALSE;
          break;
        }

      G_VALUE_COLLECT_INIT (&value, G_PARAM_SPEC_VALUE_TYPE (pspec), args, 0, &error);
      if (error != NULL)
        {
          g_critical ("%s", error);
          g_value_unset (&value);
          ok = FALSE;
          break;
        }

      g_ptr_array_add (pspecs, pspec);
      g_array_append_val (values, value);
      property = va_arg (args, const char *);
    }
  va_end (args);

  if (ok && pspecs->len > 0)
    update_values (self, item, pspecs->len, (GParamSpec **) pspecs->pdata, &g_array_index (values, GValue, 0));
}

/* ---- Stages, lanes ----------------------------------------------------- */

static guint
insert_index (GListStore *store,
              int         index)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  return index < 0 || (guint) index > n ? n : (guint) index;
}

TrailStage *
trail_document_add_stage (TrailDocument *self,
                          int            index,
                          const char    *name)
{
  g_autofree char *id = NULL;
  g_autoptr(TrailStage) stage = NULL;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (name == NULL || g_utf8_validate (name, -1, NULL), NULL);

  id = make_named_id (self, "s", name);
  stage = _trail_stage_new (id);
  _trail_item_set (stage, "name", name != NULL ? name : "", NULL);

  begin (self, _("Add Stage"));
  record_insert (self, stage, insert_index (self->stages, index), 0);
  end (self);

  return stage;
}

/* Removes every card of a lane or a stage, last first, so each keeps its
 * recorded place for undo. */
/* A card that goes is taken off the actions that address or measure it,
 * in the same undo step, so no action points at nothing. */
static void
unlink_card_from_actions (TrailDocument *self,
                          TrailCard     *card)
{
  const char *id = trail_card_get_id (card);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->actions));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrailAction) action = g_list_model_get_item (G_LIST_MODEL (self->actions), i);
      const char * const *cards = trail_action_get_cards (action);

      if (cards != NULL && g_strv_contains (cards, id))
        {
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          g_auto(GStrv) kept = NULL;
          g_auto(GValue) value = G_VALUE_INIT;

          for (guint c = 0; cards[c] != NULL; c++)
            if (g_strcmp0 (cards[c], id) != 0)
              g_strv_builder_add (builder, cards[c]);
          kept = g_strv_builder_end (builder);
          g_value_init (&value, G_TYPE_STRV);
          g_value_set_boxed (&value, kept[0] != NULL ? kept : NULL);
          record_set (self, action, g_object_class_find_property (G_OBJECT_GET_CLASS (action), "cards"), &value);
        }
      if (g_strcmp0 (trail_action_get_metric (action), id) == 0)
        record_set_string (self, action, "metric", NULL);
    }
}

static void
remove_cards_where (TrailDocument *self,
                    const char    *lane_id,
                    const char    *stage_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->cards));

  for (guint i = n; i > 0; i--)
    {
      g_autoptr(TrailCard) card = g_list_model_get_item (G_LIST_MODEL (self->cards), i - 1);

      if ((lane_id != NULL && g_strcmp0 (trail_card_get_lane_id (card), lane_id) == 0) ||
          (stage_id != NULL && g_strcmp0 (trail_card_get_stage_id (card), stage_id) == 0))
        {
          unlink_card_from_actions (self, card);
          record_remove_at (self, card, i - 1);
        }
    }
}

void
trail_document_remove_stage (TrailDocument *self,
                             TrailStage    *stage)
{
  const char *stage_id;
  guint n_lines;

  g_return_if_fail (TRAIL_IS_DOCUMENT (self));
  g_return_if_fail (TRAIL_IS_STAGE (stage) && item_in_document (self, stage));

  stage_id = trail_stage_get_id (stage);
  n_lines = g_list_model_get_n_items (G_LIST_MODEL (self->lines));

  begin (self, _("Remove Stage"));

  for (guint l = 0; l < n_lines; l++)
    {
      g_autoptr(TrailEmotionLine) line = g_list_model_get_item (G_LIST_MODEL (self->lines), l);
      GListModel *points = trail_emotion_line_get_points (line);

      for (guint i = g_list_model_get_n_items (points); i > 0; i--)
        {
          g_autoptr(TrailEmotionPoint) point = g_list_model_get_item (points, i - 1);

          if (g_strcmp0 (trail_emotion_point_get_stage_id (point), stage_id) == 0)
            record_remove_point (self, line, point, i - 1);
        }
    }

  remove_cards_where (self, NULL, stage_id);
  /* Ratings name their stage; undo brings them back with it. */
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->ratings)); i > 0; i--)
    {
      g_autoptr(TrailRating) rating = g_list_model_get_item (G_LIST_MODEL (self->ratings), i - 1);

      if (g_strcmp0 (trail_rating_get_stage_id (rating), stage_id) == 0)
        record_remove_at (self, rating, i - 1);
    }
  record_remove_at (self, stage, list_index_of (self->stages, stage));

  end (self);
}

static void
move_in_list (TrailDocument *self,
              gpointer       item,
              guint          new_index,
              const char    *label)
{
  GListStore *store = store_for_item (self, item);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint from = list_index_of (store, item);
  TrailOp *op;

  new_index = MIN (new_index, n - 1);
  if (from == new_index)
    return;

  op = trail_op_new (OP_MOVE, item);
  op->side[0].index = from;
  op->side[1].index = new_index;

  begin (self, label);
  push_op (self, op);
  end (self);
}

void
trail_document_move_stage (TrailDocument *self,
                           TrailStage    *stage,
                           guint          new_index)
{
  g_return_if_fail (TRAIL_IS_DOCUMENT (self));
  g_return_if_fail (TRAIL_IS_STAGE (stage) && item_in_document (self, stage));

  move_in_list (self, stage, new_index, _("Move Stage"));
}

TrailLane *
trail_document_add_lane (TrailDocument *self,
                         int            index,
                         TrailLaneKind  kind,
                         const char    *title)
{
  g_autofree char *id = NULL;
  g_autoptr(TrailLane) lane = NULL;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (kind >= TRAIL_LANE_KIND_TOUCHPOINTS && kind <= TRAIL_LANE_KIND_CUSTOM, NULL);
  g_return_val_if_fail (title == NULL || g_utf8_validate (title, -1, NULL), NULL);

  id = make_named_id (self, "l", title);
  lane = _trail_lane_new (id);
  _trail_item_set (lane,
                   "kind", kind,
                   "title", title != NULL ? title : trail_lane_kind_get_label (kind),
                   NULL);

  begin (self, _("Add Lane"));
  record_insert (self, lane, insert_index (self->lanes, index), 0);
  end (self);

  return lane;
}

void
trail_document_remove_lane (TrailDocument *self,
                            TrailLane     *lane)
{
  g_return_if_fail (TRAIL_IS_DOCUMENT (self));
  g_return_if_fail (TRAIL_IS_LANE (lane) && item_in_document (self, lane));

  begin (self, _("Remove Lane"));
  remove_cards_where (self, trail_lane_get_id (lane), NULL);
  record_remove_at (self, lane, list_index_of (self->lanes, lane));
  end (self);
}

void
trail_document_move_lane (TrailDocument *self,
                          TrailLane     *lane,
                          guint          new_index)
{
  g_return_if_fail (TRAIL_IS_DOCUMENT (self));
  g_return_if_fail (TRAIL_IS_LANE (lane) && item_in_document (self, lane));

  move_in_list (self, lane, new_index, _("Move Lane"));
}

/* ---- Cards ----------------------------------------------------------- */

static TrailCard *
insert_card (TrailDocument *self,
             TrailCard     *card,
             TrailLane     *lane,
             TrailStage    *stage,
             int            index,
             const char    *label)
{
  GPtrArray *cell = lookup_cell (self, trail_lane_get_id (lane), trail_stage_get_id (stage));
  guint n = cell != NULL ? cell->len : 0;
  guint cell_index = index < 0 || (guint) index > n ? n : (guint) index;
  guint list_index = card_list_index_for (self, NULL, trail_lane_get_id (lane),
                                          trail_stage_get_id (stage), cell_index);

  _trail_item_set (card,
                   "lane-id", trail_lane_get_id (lane),
                   "stage-id", trail_stage_get_id (stage),
                   NULL);

  begin (self, label);
  record_insert (self, card, list_index, cell_index);
  end (self);

  return card;
}

TrailCard *
trail_document_add_card (TrailDocument *self,
                         TrailLane     *lane,
                         TrailStage    *stage,
                         int            index,
                         const char    *text)
{
  g_autofree char *id = NULL;
  g_autoptr(TrailCard) card = NULL;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (TRAIL_IS_LANE (lane) && item_in_document (self, lane), NULL);
  g_return_val_if_fail (TRAIL_IS_STAGE (stage) && item_in_document (self, stage), NULL);
  g_return_val_if_fail (trail_lane_get_kind (lane) != TRAIL_LANE_KIND_EMOTIONS, NULL);
  g_return_val_if_fail (text == NULL || (g_utf8_validate (text, -1, NULL) &&
                                         strlen (text) <= TRAIL_FILE_MAX_STRING), NULL);

  id = make_named_id (self, "c", text);
  card = _trail_card_new (id);
  _trail_item_set (card, "text", text != NULL ? text : "", NULL);

  return insert_card (self, card, lane, stage, index, _("Add Card"));
}

void
trail_document_remove_card (TrailDocument *self,
                            TrailCard     *card)
{
  g_return_if_fail (TRAIL_IS_DOCUMENT (self));
  g_return_if_fail (TRAIL_IS_CARD (card) && item_in_document (self, card));

  begin (self, _("Remove Card"));
  unlink_card_from_actions (self, card);
  record_remove_at (self, card, card_index_of (self, card));
  end (self);
}

void
trail_document_move_card (TrailDocument *self,
                          TrailCard     *card,
                          TrailLane     *lane,
                          TrailStage    *stage,
                          int            index)
{
  GPtrArray *cell;
  guint n, cell_index;
  gboolean same_cell;
  TrailOp *op;

  g_return_if_fail (TRAIL_IS_DOCUMENT (self));
  g_return_if_fail (TRAIL_IS_CARD (card) && item_in_document (self, card));
  g_return_if_fail (TRAIL_IS_LANE (lane) && item_in_document (self, lane));
  g_return_if_fail (TRAIL_IS_STAGE (stage) && item_in_document (self, stage));
  g_return_if_fail (trail_lane_get_kind (lane) != TRAIL_LANE_KIND_EMOTIONS);

  same_cell = g_strcmp0 (trail_card_get_lane_id (card), trail_lane_get_id (lane)) == 0 &&
              g_strcmp0 (trail_card_get_stage_id (card), trail_stage_get_id (stage)) == 0;
  cell = lookup_cell (self, trail_lane_get_id (lane), trail_stage_get_id (stage));
  n = cell != NULL ? cell->len : 0;
  if (same_cell)
    n--;
  cell_index = index < 0 || (guint) index > n ? n : (guint) index;

  if (same_cell && cell_index == card_cell_index (self, card))
    return;

  op = trail_op_new (OP_MOVE_CARD, card);
  op->side[0].lane = g_strdup (trail_card_get_lane_id (card));
  op->side[0].stage = g_strdup (trail_card_get_stage_id (card));
  op->side[0].index = card_index_of (self, card);
  op->side[0].cell = card_cell_index (self, card);
  op->side[1].lane = g_strdup (trail_lane_get_id (lane));
  op->side[1].stage = g_strdup (trail_stage_get_id (stage));
  op->side[1].index = card_list_index_for (self, card, op->side[1].lane, op->side[1].stage, cell_index);
  op->side[1].cell = cell_index;

  begin (self, _("Move Card"));
  push_op (self, op);
  end (self);
}

TrailCard *
_trail_document_add_card_copy (TrailDocument *self,
                               TrailCard     *source,
                               TrailLane     *lane,
                               TrailStage    *stage,
                               int            index,
                               const char    *label)
{
  g_autofree char *id = NULL;
  g_autoptr(TrailCard) copy = NULL;
  const TrailField *fields;
  guint n_fields;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (TRAIL_IS_CARD (source), NULL);
  g_return_val_if_fail (TRAIL_IS_LANE (lane) && item_in_document (self, lane), NULL);
  g_return_val_if_fail (TRAIL_IS_STAGE (stage) && item_in_document (self, stage), NULL);
  g_return_val_if_fail (trail_lane_get_kind (lane) != TRAIL_LANE_KIND_EMOTIONS, NULL);

  id = make_named_id (self, "c", trail_card_get_text (source));
  copy = _trail_card_new (id);

  fields = _trail_fields_for_type (TRAIL_TYPE_CARD, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      GParamSpec *pspec;
      g_auto(GValue) value = G_VALUE_INIT;

      if (fields[i].flags & (TRAIL_FIELD_ID | TRAIL_FIELD_PLACEMENT))
        continue;
      /* A copy of a survey's quote card is the user's: a refresh must
       * neither update it nor take it for the original. */
      if (g_str_equal (fields[i].key, "survey") || g_str_equal (fields[i].key, "survey-key"))
        continue;

      pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (source), fields[i].property);
      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_object_get_property (G_OBJECT (source), fields[i].property, &value);

      /* A card from another map may name personas this one lacks. */
      if ((fields[i].flags & TRAIL_FIELD_REF_PERSONA) && G_VALUE_HOLDS (&value, G_TYPE_STRV))
        {
          const char * const *ids = g_value_get_boxed (&value);
          g_autoptr(GStrvBuilder) known = g_strv_builder_new ();

          for (guint t = 0; ids != NULL && ids[t] != NULL; t++)
            if (trail_document_find_persona (self, ids[t]) != NULL)
              g_strv_builder_add (known, ids[t]);
          g_value_take_boxed (&value, g_strv_builder_end (known));
        }
      else if ((fields[i].flags & TRAIL_FIELD_REF_PERSONA) && G_VALUE_HOLDS_STRING (&value) &&
               trail_document_find_persona (self, g_value_get_string (&value)) == NULL)
        g_value_set_string (&value, NULL);
      /* Another map's own channel: the card stays an "Other channel" one. */
      else if ((fields[i].flags & TRAIL_FIELD_REF_CHANNEL) &&
               trail_document_find_channel (self, g_value_get_string (&value)) == NULL)
        g_value_set_string (&value, NULL);

      _trail_item_set_value (copy, pspec, &value);
    }
  _trail_item_set_unknown (copy, _trail_item_get_unknown (source));

  return insert_card (self, copy, lane, stage, index, label);
}

TrailCard *
trail_document_duplicate_card (TrailDocument *self,
                               TrailCard     *card)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (TRAIL_IS_CARD (card) && item_in_document (self, card), NULL);

  return _trail_document_add_card_copy (self, card,
                                        trail_document_find_lane (self, trail_card_get_lane_id (card)),
                                        trail_document_find_stage (self, trail_card_get_stage_id (card)),
                                        card_cell_index (self, card) + 1,
                                        _("Duplicate Card"));
}

/* ---- The map's own channels ------------------------------------------- */

TrailCustomChannel *
trail_document_add_channel (TrailDocument *self,
                            int            index,
                            const char    *name,
                            const char    *icon)
{
  g_autofree char *id = NULL;
  g_autoptr(TrailCustomChannel) channel = NULL;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (name == NULL || (g_utf8_validate (name, -1, NULL) &&
                                         strlen (name) <= TRAIL_FILE_MAX_STRING), NULL);
  g_return_val_if_fail (icon == NULL || trail_custom_channel_icon_is_valid (icon), NULL);

  id = make_named_id (self, "ch", name);
  channel = _trail_custom_channel_new (id);
  _trail_item_set (channel, "name", name != NULL ? name : "", NULL);
  if (icon != NULL)
    _trail_item_set (channel, "icon", icon, NULL);

  begin (self, _("Add Channel"));
  record_insert (self, channel, insert_index (self->channels, index), 0);
  end (self);

  return channel;
}

void
trail_document_remove_channel (TrailDocument      *self,
                               TrailCustomChannel *channel)
{
  const char *channel_id;
  guint n;

  g_return_if_fail (TRAIL_IS_DOCUMENT (self));
  g_return_if_fail (TRAIL_IS_CUSTOM_CHANNEL (channel) && item_in_document (self, channel));

  channel_id = trail_custom_channel_get_id (channel);

  begin (self, _("Remove Channel"));

  /* Its cards keep "Other channel", which they already say. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->cards));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrailCard) card = g_list_model_get_item (G_LIST_MODEL (self->cards), i);

      if (g_strcmp0 (trail_card_get_custom_channel (card), channel_id) == 0)
        record_set_string (self, card, "custom-channel", NULL);
    }

  record_remove_at (self, channel, list_index_of (self->channels, channel));

  end (self);
}

void
trail_document_move_channel (TrailDocument      *self,
                             TrailCustomChannel *channel,
                             guint               new_index)
{
  g_return_if_fail (TRAIL_IS_DOCUMENT (self));
  g_return_if_fail (TRAIL_IS_CUSTOM_CHANNEL (channel) && item_in_document (self, channel));

  move_in_list (self, channel, new_index, _("Move Channel"));
}

/* ---- Imports ------------------------------------------------------------ */

gboolean
_trail_document_has_item (TrailDocument *self,
                          gpointer       item)
{
  return item_in_document (self, item);
}

guint
_trail_document_card_list_index (TrailDocument *self,
                                 TrailLane     *lane,
                                 TrailStage    *stage,
                                 int            index)
{
  GPtrArray *cell = lookup_cell (self, trail_lane_get_id (lane), trail_stage_get_id (stage));
  guint n = cell != NULL ? cell->len : 0;
  guint cell_index = index < 0 || (guint) index > n ? n : (guint) index;

  /* As insert_card() places a new card. */
  return card_list_index_for (self, NULL, trail_lane_get_id (lane), trail_stage_get_id (stage), cell_index);
}

char *
_trail_document_make_id (TrailDocument *self,
                         const char    *prefix)
{
  return make_id (self, prefix);
}

void
_trail_document_insert_item (TrailDocument *self,
                             gpointer       item,
                             int            index,
                             const char    *label)
{
  g_return_if_fail (TRAIL_IS_SURVEY (item) || TRAIL_IS_SURVEY_RESULT (item) || TRAIL_IS_ACTION (item) ||
                    TRAIL_IS_VOTE_ROUND (item) || TRAIL_IS_VOTER (item) || TRAIL_IS_RATING (item));

  begin (self, label);
  record_insert (self, item, insert_index (store_for_item (self, item), index), 0);
  end (self);
}

void
_trail_document_remove_item (TrailDocument *self,
                             gpointer       item,
                             const char    *label)
{
  g_return_if_fail (TRAIL_IS_SURVEY (item) || TRAIL_IS_SURVEY_RESULT (item) || TRAIL_IS_ACTION (item) ||
                    TRAIL_IS_VOTE_ROUND (item) || TRAIL_IS_VOTER (item) || TRAIL_IS_RATING (item));
  g_return_if_fail (item_in_document (self, item));

  begin (self, label);
  record_remove_at (self, item, list_index_of (store_for_item (self, item), item));
  end (self);
}

/* ---- Personas and emotion lines ---------------------------------------- */

static TrailEmotionLine *
record_new_line (TrailDocument *self,
                 const char    *persona_id)
{
  g_autofree char *id = make_id (self, "e");
  g_autoptr(TrailEmotionLine) line = _trail_emotion_line_new (id);

  _trail_item_set (line, "persona-id", persona_id, NULL);
  record_insert (self, line, g_list_model_get_n_items (G_LIST_MODEL (self->lines)), 0);

  return line;
}

TrailPersona *
trail_document_add_persona (TrailDocument *self,
                            int            index,
                            const char    *name)
{
  g_autofree char *id = NULL;
  g_autoptr(TrailPersona) persona = NULL;
  TrailEmotionLine *everyone;
  guint n;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (name == NULL || g_utf8_validate (name, -1, NULL), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->personas));
  id = make_named_id (self, "p", name);
  persona = _trail_persona_new (id);
  _trail_item_set (persona,
                   "name", name != NULL ? name : "",
                   "color", persona_colors[n % G_N_ELEMENTS (persona_colors)],
                   NULL);

  begin (self, _("Add Persona"));

  record_insert (self, persona, insert_index (self->personas, index), 0);

  everyone = trail_document_find_line_for_persona (self, NULL);
  if (n == 0 && everyone != NULL)
    record_set_string (self, everyone, "persona-id", id);
  else
    record_new_line (self, id);

  end (self);

  return persona;
}

void
trail_document_remove_persona (TrailDocument *self,
                               TrailPersona  *persona)
{
  const char *persona_id;
  TrailEmotionLine *line;
  guint n;

  g_return_if_fail (TRAIL_IS_DOCUMENT (self));
  g_return_if_fail (TRAIL_IS_PERSONA (persona) && item_in_document (self, persona));

  persona_id = trail_persona_get_id (persona);

  begin (self, _("Remove Persona"));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->cards));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrailCard) card = g_list_model_get_item (G_LIST_MODEL (self->cards), i);
      const char * const *tags = trail_card_get_persona_tags (card);

      if (tags != NULL && g_strv_contains (tags, persona_id))
        {
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          g_auto(GStrv) kept = NULL;
          g_auto(GValue) value = G_VALUE_INIT;

          for (guint t = 0; tags[t] != NULL; t++)
            if (strcmp (tags[t], persona_id) != 0)
              g_strv_builder_add (builder, tags[t]);
          kept = g_strv_builder_end (builder);

          g_value_init (&value, G_TYPE_STRV);
          g_value_set_boxed (&value, kept[0] != NULL ? kept : NULL);
          record_set (self, card,
                      g_object_class_find_property (G_OBJECT_GET_CLASS (card), "persona-tags"),
                      &value);
        }
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->lanes));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrailLane) lane = g_list_model_get_item (G_LIST_MODEL (self->lanes), i);

      if (g_strcmp0 (trail_lane_get_persona_id (lane), persona_id) == 0)
        record_set_string (self, lane, "persona-id", NULL);
    }

  /* The last persona's line becomes the line for everyone, the reverse of
   * what adding the first persona does; other lines go with their persona. */
  line = trail_document_find_line_for_persona (self, persona_id);
  if (line != NULL)
    {
      if (g_list_model_get_n_items (G_LIST_MODEL (self->personas)) == 1 &&
          trail_document_find_line_for_persona (self, NULL) == NULL)
        record_set_string (self, line, "persona-id", NULL);
      else
        record_remove_at (self, line, list_index_of (self->lines, line));
    }

  record_remove_at (self, persona, list_index_of (self->personas, persona));

  end (self);
}

void
trail_document_move_persona (TrailDocument *self,
                             TrailPersona  *persona,
                             guint          new_index)
{
  g_return_if_fail (TRAIL_IS_DOCUMENT (self));
  g_return_if_fail (TRAIL_IS_PERSONA (persona) && item_in_document (self, persona));

  move_in_list (self, persona, new_index, _("Move Persona"));
}

TrailEmotionLine *
trail_document_add_emotion_line (TrailDocument *self,
                                 const char    *persona_id)
{
  TrailEmotionLine *line;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (persona_id == NULL || trail_document_find_persona (self, persona_id) != NULL, NULL);
  g_return_val_if_fail (trail_document_find_line_for_persona (self, persona_id) == NULL, NULL);

  begin (self, _("Add Emotion Line"));
  line = record_new_line (self, persona_id);
  end (self);

  return line;
}

void
trail_document_remove_emotion_line (TrailDocument    *self,
                                    TrailEmotionLine *line)
{
  g_return_if_fail (TRAIL_IS_DOCUMENT (self));
  g_return_if_fail (TRAIL_IS_EMOTION_LINE (line) && item_in_document (self, line));

  begin (self, _("Remove Emotion Line"));
  record_remove_at (self, line, list_index_of (self->lines, line));
  end (self);
}

static gboolean
point_values_valid (TrailDocument *self,
                    double         position,
                    double         score)
{
  if (!isfinite (position) || position < 0.0 || position > 1.0)
    {
      g_critical ("Emotion point position %g is not within 0 … 1", position);
      return FALSE;
    }

  if (!isfinite (score) || score < self->scale_min || score > self->scale_max)
    {
      g_critical ("Emotion score %g is outside the scale %d … %d",
                  score, self->scale_min, self->scale_max);
      return FALSE;
    }

  return TRUE;
}

TrailEmotionPoint *
trail_document_add_emotion_point (TrailDocument    *self,
                                  TrailEmotionLine *line,
                                  TrailStage       *stage,
                                  double            position,
                                  double            score,
                                  const char       *note)
{
  g_autofree char *id = NULL;
  g_autoptr(TrailEmotionPoint) point = NULL;
  TrailOp *op;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (TRAIL_IS_EMOTION_LINE (line) && item_in_document (self, line), NULL);
  g_return_val_if_fail (TRAIL_IS_STAGE (stage) && item_in_document (self, stage), NULL);
  g_return_val_if_fail (note == NULL || (g_utf8_validate (note, -1, NULL) &&
                                         strlen (note) <= TRAIL_FILE_MAX_STRING), NULL);

  if (!point_values_valid (self, position, score))
    return NULL;

  id = make_id (self, "pt");
  point = _trail_emotion_point_new (id);
  _trail_item_set (point,
                   "stage-id", trail_stage_get_id (stage),
                   "position", position,
                   "score", score,
                   "note", note,
                   NULL);

  op = trail_op_new (OP_INSERT_POINT, point);
  op->parent = g_object_ref (G_OBJECT (line));
  op->side[1].index = point_insert_index (self, line, trail_stage_get_id (stage), position, NULL);

  begin (self, _("Add Emotion Point"));
  push_op (self, op);
  end (self);

  return point;
}

void
trail_document_remove_emotion_point (TrailDocument     *self,
                                     TrailEmotionPoint *point)
{
  TrailEmotionLine *line;

  g_return_if_fail (TRAIL_IS_DOCUMENT (self));
  g_return_if_fail (TRAIL_IS_EMOTION_POINT (point) && item_in_document (self, point));

  line = _trail_emotion_point_get_line (point);

  begin (self, _("Remove Emotion Point"));
  record_remove_point (self, line, point,
                       list_index_of (_trail_emotion_line_get_store (line), point));
  end (self);
}

void
trail_document_set_emotion_point (TrailDocument     *self,
                                  TrailEmotionPoint *point,
                                  TrailStage        *stage,
                                  double             position,
                                  double             score)
{
  g_return_if_fail (TRAIL_IS_DOCUMENT (self));
  g_return_if_fail (TRAIL_IS_EMOTION_POINT (point) && item_in_document (self, point));
  g_return_if_fail (TRAIL_IS_STAGE (stage) && item_in_document (self, stage));

  if (!point_values_valid (self, position, score))
    return;

  begin (self, _("Move Emotion Point"));
  record_set_point (self, point, trail_stage_get_id (stage), position, score);
  end (self);
}

TrailEmotionLine *
trail_document_find_line_for_point (TrailDocument     *self,
                                    TrailEmotionPoint *point)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (TRAIL_IS_EMOTION_POINT (point), NULL);

  return item_in_document (self, point) ? _trail_emotion_point_get_line (point) : NULL;
}

/* ---- Scale ----------------------------------------------------------- */

void
trail_document_set_scale (TrailDocument       *self,
                          int                  min,
                          int                  max,
                          const char * const  *labels)
{
  int old_min, old_max;
  TrailOp *op;
  guint n_lines;

  g_return_if_fail (TRAIL_IS_DOCUMENT (self));

  if (!scale_is_valid (min, max, labels))
    {
      g_critical ("%s: invalid scale %d … %d (whole numbers, min < max, at most %d steps, "
                  "within ±%d, and one label per step)",
                  G_STRFUNC, min, max, SCALE_MAX_STEPS, SCALE_LIMIT);
      return;
    }

  old_min = self->scale_min;
  old_max = self->scale_max;

  if (min == old_min && max == old_max &&
      ((labels == NULL && self->scale_labels == NULL) ||
       (labels != NULL && self->scale_labels != NULL &&
        g_strv_equal (labels, (const char * const *) self->scale_labels))))
    return;

  begin (self, _("Change Scale"));

  op = trail_op_new (OP_SCALE, NULL);
  op->side[0].min = old_min;
  op->side[0].max = old_max;
  op->side[0].labels = g_strdupv (self->scale_labels);
  op->side[1].min = min;
  op->side[1].max = max;
  op->side[1].labels = g_strdupv ((char **) labels);
  push_op (self, op);

  /* Map every score linearly onto the new range, to whole steps. */
  n_lines = g_list_model_get_n_items (G_LIST_MODEL (self->lines));
  for (guint l = 0; l < n_lines; l++)
    {
      g_autoptr(TrailEmotionLine) line = g_list_model_get_item (G_LIST_MODEL (self->lines), l);
      GListModel *points = trail_emotion_line_get_points (line);
      guint n = g_list_model_get_n_items (points);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TrailEmotionPoint) point = g_list_model_get_item (points, i);
          double t = (trail_emotion_point_get_score (point) - old_min) / (double) (old_max - old_min);
          double score = CLAMP (round (min + t * (max - min)), min, max);
          GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (point), "score");
          g_auto(GValue) value = G_VALUE_INIT;

          g_value_init (&value, G_TYPE_DOUBLE);
          g_value_set_double (&value, score);
          record_set (self, point, pspec, &value);
        }
    }

  /* The crowd's ratings move with the persona lines. */
  for (guint i = 0, n = g_list_model_get_n_items (G_LIST_MODEL (self->ratings)); i < n; i++)
    {
      g_autoptr(TrailRating) rating = g_list_model_get_item (G_LIST_MODEL (self->ratings), i);
      double t = (trail_rating_get_score (rating) - old_min) / (double) (old_max - old_min);
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (rating), "score");
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, G_TYPE_INT);
      g_value_set_int (&value, (int) CLAMP (round (min + t * (max - min)), min, max));
      record_set (self, rating, pspec, &value);
    }

  end (self);
}

/* ---- Undo ------------------------------------------------------------ */

gboolean
trail_document_get_can_undo (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), FALSE);
  return self->undo_pos > 0;
}

gboolean
trail_document_get_can_redo (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), FALSE);
  return self->undo_pos < self->commands->len;
}

const char *
trail_document_get_undo_label (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return self->undo_label;
}

const char *
trail_document_get_redo_label (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  return self->redo_label;
}

void
trail_document_undo (TrailDocument *self)
{
  TrailCommand *command;

  g_return_if_fail (TRAIL_IS_DOCUMENT (self));
  g_return_if_fail (self->group_depth == 0);

  if (self->undo_pos == 0)
    return;

  command = g_ptr_array_index (self->commands, self->undo_pos - 1);
  for (guint i = command->ops->len; i > 0; i--)
    apply_op (self, g_ptr_array_index (command->ops, i - 1), FALSE);
  self->undo_pos--;

  update_undo_state (self);
}

void
trail_document_redo (TrailDocument *self)
{
  TrailCommand *command;

  g_return_if_fail (TRAIL_IS_DOCUMENT (self));
  g_return_if_fail (self->group_depth == 0);

  if (self->undo_pos == self->commands->len)
    return;

  command = g_ptr_array_index (self->commands, self->undo_pos);
  for (guint i = 0; i < command->ops->len; i++)
    apply_op (self, g_ptr_array_index (command->ops, i), TRUE);
  self->undo_pos++;

  update_undo_state (self);
}

gboolean
trail_document_get_modified (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), FALSE);
  return current_serial (self) != self->saved_serial;
}

void
trail_document_set_saved (TrailDocument *self)
{
  g_return_if_fail (TRAIL_IS_DOCUMENT (self));

  self->saved_serial = current_serial (self);
  update_undo_state (self);
}

/* For a new map made from a template and then adjusted (the user's default
 * scale): what the user gets is the starting point, with nothing to undo
 * and nothing unsaved. */
void
trail_document_clear_history (TrailDocument *self)
{
  g_return_if_fail (TRAIL_IS_DOCUMENT (self));

  _trail_document_reset_history (self);
  trail_document_set_saved (self);
}

/* For a document whose on-disk state is unknown (one recovered from a
 * draft): no state in the history matches what was saved, so it stays
 * modified until saved, even after undoing everything. */
void
trail_document_mark_unsaved (TrailDocument *self)
{
  g_return_if_fail (TRAIL_IS_DOCUMENT (self));

  self->saved_serial = G_MAXUINT64;
  update_undo_state (self);
}

/* ---- Equality ---------------------------------------------------------- */

static gboolean
unknown_equal (JsonObject *a,
               JsonObject *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return json_object_equal (a, b);
}

static gboolean
items_equal (gpointer a,
             gpointer b)
{
  const TrailField *fields;
  guint n;

  if (G_OBJECT_TYPE (a) != G_OBJECT_TYPE (b))
    return FALSE;

  fields = _trail_fields_for_type (G_OBJECT_TYPE (a), &n);
  for (guint i = 0; i < n; i++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (a), fields[i].property);
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;

      g_value_init (&va, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_value_init (&vb, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_object_get_property (a, pspec->name, &va);
      g_object_get_property (b, pspec->name, &vb);

      if (!_trail_value_equal (&va, &vb))
        return FALSE;
    }

  if (!unknown_equal (_trail_item_get_unknown (a), _trail_item_get_unknown (b)))
    return FALSE;

  if (TRAIL_IS_EMOTION_LINE (a))
    {
      GListModel *pa = trail_emotion_line_get_points (a);
      GListModel *pb = trail_emotion_line_get_points (b);
      guint np = g_list_model_get_n_items (pa);

      if (np != g_list_model_get_n_items (pb))
        return FALSE;

      for (guint i = 0; i < np; i++)
        {
          g_autoptr(GObject) ia = g_list_model_get_item (pa, i);
          g_autoptr(GObject) ib = g_list_model_get_item (pb, i);

          if (!items_equal (ia, ib))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
lists_equal (GListModel *a,
             GListModel *b)
{
  guint n = g_list_model_get_n_items (a);

  if (n != g_list_model_get_n_items (b))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) ia = g_list_model_get_item (a, i);
      g_autoptr(GObject) ib = g_list_model_get_item (b, i);

      if (!items_equal (ia, ib))
        return FALSE;
    }

  return TRUE;
}

gboolean
trail_document_equal (TrailDocument *a,
                      TrailDocument *b)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (a), FALSE);
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (b), FALSE);

  if (a == b)
    return TRUE;

  return g_strcmp0 (a->title, b->title) == 0 &&
         g_strcmp0 (a->objective, b->objective) == 0 &&
         g_strcmp0 (a->scope, b->scope) == 0 &&
         g_strcmp0 (a->notes, b->notes) == 0 &&
         g_strcmp0 (a->crowd_statistic, b->crowd_statistic) == 0 &&
         a->scale_min == b->scale_min &&
         a->scale_max == b->scale_max &&
         ((a->scale_labels == NULL && b->scale_labels == NULL) ||
          (a->scale_labels != NULL && b->scale_labels != NULL &&
           g_strv_equal ((const char * const *) a->scale_labels,
                         (const char * const *) b->scale_labels))) &&
         unknown_equal (a->scale_unknown, b->scale_unknown) &&
         unknown_equal (_trail_item_get_unknown (a), _trail_item_get_unknown (b)) &&
         lists_equal (G_LIST_MODEL (a->personas), G_LIST_MODEL (b->personas)) &&
         lists_equal (G_LIST_MODEL (a->stages), G_LIST_MODEL (b->stages)) &&
         lists_equal (G_LIST_MODEL (a->lanes), G_LIST_MODEL (b->lanes)) &&
         lists_equal (G_LIST_MODEL (a->cards), G_LIST_MODEL (b->cards)) &&
         lists_equal (G_LIST_MODEL (a->lines), G_LIST_MODEL (b->lines)) &&
         lists_equal (G_LIST_MODEL (a->channels), G_LIST_MODEL (b->channels)) &&
         lists_equal (G_LIST_MODEL (a->surveys), G_LIST_MODEL (b->surveys)) &&
         lists_equal (G_LIST_MODEL (a->survey_results), G_LIST_MODEL (b->survey_results)) &&
         lists_equal (G_LIST_MODEL (a->actions), G_LIST_MODEL (b->actions)) &&
         lists_equal (G_LIST_MODEL (a->vote_rounds), G_LIST_MODEL (b->vote_rounds)) &&
         lists_equal (G_LIST_MODEL (a->voters), G_LIST_MODEL (b->voters)) &&
         lists_equal (G_LIST_MODEL (a->ratings), G_LIST_MODEL (b->ratings));
}

void
trail_document_note_pending_edit (TrailDocument *self)
{
  g_return_if_fail (TRAIL_IS_DOCUMENT (self));

  g_signal_emit (self, signals[PENDING_EDIT], 0);
}

gboolean
trail_document_prepare_draft (TrailDocument     *self,
                              TrailDraftOverlay *draft)
{
  gboolean pending = FALSE;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (draft == NULL || (TRAIL_IS_DRAFT_OVERLAY (draft) &&
                                          trail_draft_overlay_get_document (draft) == self), FALSE);

  g_signal_emit (self, signals[PREPARE_DRAFT], 0, draft, &pending);
  return pending;
}
