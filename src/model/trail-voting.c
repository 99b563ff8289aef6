/* trail-voting.c — dot voting on a map's cards
 *
 * Rounds and voters are plain records of file fields, as surveys are
 * (trail-survey.c): the field table drives loading, saving, editing and
 * undo. A dot is a card id in its voter's "dots" list, so every dot knows
 * its round and its participant, and one participant's votes change one
 * line of the file.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-voting"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trail-voting.h"
#include "trail-document-edits.h"
#include "trail-model-private.h"

enum {
  ROUND_PROP_0,
  ROUND_PROP_ID,
  ROUND_PROP_QUESTION,
  ROUND_PROP_LANE_KIND,
  ROUND_PROP_BUDGET,
  ROUND_PROP_REVEALED,
  ROUND_N_PROPS
};

enum {
  VOTER_PROP_0,
  VOTER_PROP_ID,
  VOTER_PROP_ROUND,
  VOTER_PROP_NAME,
  VOTER_PROP_DOTS,
  VOTER_N_PROPS
};

struct _TrailVoteRound
{
  GObject parent_instance;
  GValue  values[ROUND_N_PROPS];
};

struct _TrailVoter
{
  GObject parent_instance;
  GValue  values[VOTER_N_PROPS];
};

G_DEFINE_FINAL_TYPE (TrailVoteRound, trail_vote_round, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (TrailVoter, trail_voter, G_TYPE_OBJECT)
G_DEFINE_QUARK (trail-voting-error-quark, trail_voting_error)

static GParamSpec *round_properties[ROUND_N_PROPS];
static GParamSpec *voter_properties[VOTER_N_PROPS];

/* ---- Records ---------------------------------------------------------- */

static void
values_init (GValue      *values,
             GParamSpec **pspecs,
             guint        n)
{
  for (guint i = 1; i < n; i++)
    {
      g_value_init (&values[i], G_PARAM_SPEC_VALUE_TYPE (pspecs[i]));
      g_param_value_set_default (pspecs[i], &values[i]);
    }
}

static void
values_clear (GValue *values,
              guint   n)
{
  for (guint i = 1; i < n; i++)
    g_value_unset (&values[i]);
}

static void
values_set (GObject      *object,
            GValue       *values,
            GParamSpec  **pspecs,
            guint         prop_id,
            const GValue *value)
{
  g_value_reset (&values[prop_id]);
  g_value_copy (value, &values[prop_id]);
  /* Only the id is set at construction, and nobody watches yet. */
  if (prop_id > 1)
    g_object_notify_by_pspec (object, pspecs[prop_id]);
}

#define DEFINE_RECORD(Type, type_, N, pspecs)                                  \
  static void                                                                  \
  type_##_finalize (GObject *object)                                           \
  {                                                                            \
    values_clear (((Type *) object)->values, N);                               \
    G_OBJECT_CLASS (type_##_parent_class)->finalize (object);                  \
  }                                                                            \
  static void                                                                  \
  type_##_get_property (GObject *object, guint prop_id, GValue *value,         \
                        GParamSpec *pspec)                                     \
  {                                                                            \
    if (prop_id > 0 && prop_id < N)                                            \
      g_value_copy (&((Type *) object)->values[prop_id], value);               \
    else                                                                       \
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);              \
  }                                                                            \
  static void                                                                  \
  type_##_set_property (GObject *object, guint prop_id, const GValue *value,   \
                        GParamSpec *pspec)                                     \
  {                                                                            \
    if (prop_id > 0 && prop_id < N)                                            \
      values_set (object, ((Type *) object)->values, pspecs, prop_id, value);  \
    else                                                                       \
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);              \
  }                                                                            \
  static void                                                                  \
  type_##_init (Type *self)                                                    \
  {                                                                            \
    values_init (self->values, pspecs, N);                                     \
  }

DEFINE_RECORD (TrailVoteRound, trail_vote_round, ROUND_N_PROPS, round_properties)
DEFINE_RECORD (TrailVoter, trail_voter, VOTER_N_PROPS, voter_properties)

static void
trail_vote_round_class_init (TrailVoteRoundClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = trail_vote_round_finalize;
  object_class->get_property = trail_vote_round_get_property;
  object_class->set_property = trail_vote_round_set_property;

  round_properties[ROUND_PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  round_properties[ROUND_PROP_QUESTION] = g_param_spec_string ("question", NULL, NULL, NULL, flags);
  round_properties[ROUND_PROP_LANE_KIND] = g_param_spec_string ("lane-kind", NULL, NULL, NULL, flags);
  round_properties[ROUND_PROP_BUDGET] =
    g_param_spec_uint ("budget", NULL, NULL, 1, TRAIL_VOTE_MAX_BUDGET, 3, flags);
  round_properties[ROUND_PROP_REVEALED] = g_param_spec_boolean ("revealed", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, ROUND_N_PROPS, round_properties);
}

static void
trail_voter_class_init (TrailVoterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = trail_voter_finalize;
  object_class->get_property = trail_voter_get_property;
  object_class->set_property = trail_voter_set_property;

  voter_properties[VOTER_PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  voter_properties[VOTER_PROP_ROUND] = g_param_spec_string ("round", NULL, NULL, "", flags);
  voter_properties[VOTER_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  voter_properties[VOTER_PROP_DOTS] = g_param_spec_boxed ("dots", NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, VOTER_N_PROPS, voter_properties);
}

const char *
trail_vote_round_get_id (TrailVoteRound *self)
{
  g_return_val_if_fail (TRAIL_IS_VOTE_ROUND (self), NULL);
  return g_value_get_string (&self->values[ROUND_PROP_ID]);
}

const char *
trail_vote_round_get_question (TrailVoteRound *self)
{
  g_return_val_if_fail (TRAIL_IS_VOTE_ROUND (self), NULL);
  return g_value_get_string (&self->values[ROUND_PROP_QUESTION]);
}

const char *
trail_vote_round_get_lane_kind (TrailVoteRound *self)
{
  g_return_val_if_fail (TRAIL_IS_VOTE_ROUND (self), NULL);
  return g_value_get_string (&self->values[ROUND_PROP_LANE_KIND]);
}

guint
trail_vote_round_get_budget (TrailVoteRound *self)
{
  g_return_val_if_fail (TRAIL_IS_VOTE_ROUND (self), 0);
  return g_value_get_uint (&self->values[ROUND_PROP_BUDGET]);
}

gboolean
trail_vote_round_get_revealed (TrailVoteRound *self)
{
  g_return_val_if_fail (TRAIL_IS_VOTE_ROUND (self), FALSE);
  return g_value_get_boolean (&self->values[ROUND_PROP_REVEALED]);
}

const char *
trail_voter_get_id (TrailVoter *self)
{
  g_return_val_if_fail (TRAIL_IS_VOTER (self), NULL);
  return g_value_get_string (&self->values[VOTER_PROP_ID]);
}

const char *
trail_voter_get_round (TrailVoter *self)
{
  g_return_val_if_fail (TRAIL_IS_VOTER (self), NULL);
  return g_value_get_string (&self->values[VOTER_PROP_ROUND]);
}

const char *
trail_voter_get_name (TrailVoter *self)
{
  g_return_val_if_fail (TRAIL_IS_VOTER (self), NULL);
  return g_value_get_string (&self->values[VOTER_PROP_NAME]);
}

const char * const *
trail_voter_get_dots (TrailVoter *self)
{
  g_return_val_if_fail (TRAIL_IS_VOTER (self), NULL);
  return g_value_get_boxed (&self->values[VOTER_PROP_DOTS]);
}

guint
trail_voter_count_dots (TrailVoter *self,
                        const char *card_id)
{
  const char * const *dots = trail_voter_get_dots (self);
  guint n = 0;

  for (guint i = 0; dots != NULL && dots[i] != NULL; i++)
    if (card_id == NULL || g_str_equal (dots[i], card_id))
      n++;
  return n;
}

/* ---- Rounds ----------------------------------------------------------- */

TrailVoteRound *
trail_document_add_vote_round (TrailDocument      *self,
                               const char         *question,
                               const char         *lane_kind,
                               guint               budget,
                               const char * const *names,
                               guint               n_anonymous,
                               GError            **error)
{
  g_autoptr(TrailVoteRound) round = NULL;
  g_autofree char *round_id = NULL;
  guint n_voters = names != NULL ? g_strv_length ((char **) names) : n_anonymous;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);

  if (budget < 1 || budget > TRAIL_VOTE_MAX_BUDGET)
    {
      g_set_error (error, TRAIL_VOTING_ERROR, TRAIL_VOTING_ERROR_INVALID,
                   _("Each participant needs from 1 to %d dots"), TRAIL_VOTE_MAX_BUDGET);
      return NULL;
    }
  if (n_voters < 1 || n_voters > TRAIL_VOTE_MAX_VOTERS)
    {
      g_set_error (error, TRAIL_VOTING_ERROR, TRAIL_VOTING_ERROR_INVALID,
                   _("A round needs from 1 to %d participants"), TRAIL_VOTE_MAX_VOTERS);
      return NULL;
    }
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (names[i]));

      if (stripped[0] == '\0' || !g_utf8_validate (stripped, -1, NULL))
        {
          g_set_error (error, TRAIL_VOTING_ERROR, TRAIL_VOTING_ERROR_INVALID,
                       _("Participant %u has no name"), i + 1);
          return NULL;
        }
    }

  round_id = _trail_document_make_id (self, "v");
  round = g_object_new (TRAIL_TYPE_VOTE_ROUND, "id", round_id, NULL);

  trail_document_begin_group (self, _("Start Voting Round"));
  _trail_document_insert_item (self, round, -1, NULL);
  if (question != NULL && question[0] != '\0')
    trail_document_update (self, round, "question", question, NULL);
  if (lane_kind != NULL)
    trail_document_update (self, round, "lane-kind", lane_kind, NULL);
  trail_document_update (self, round, "budget", budget, NULL);

  for (guint i = 0; i < n_voters; i++)
    {
      g_autofree char *id = _trail_document_make_id (self, "w");
      g_autoptr(TrailVoter) voter = g_object_new (TRAIL_TYPE_VOTER, "id", id, NULL);

      _trail_document_insert_item (self, voter, -1, NULL);
      trail_document_update (self, voter, "round", round_id, NULL);
      if (names != NULL)
        {
          g_autofree char *name = g_strstrip (g_strdup (names[i]));

          trail_document_update (self, voter, "name", name, NULL);
        }
    }
  trail_document_end_group (self);

  return round;
}

void
trail_document_remove_vote_round (TrailDocument  *self,
                                  TrailVoteRound *round)
{
  g_autoptr(GPtrArray) voters = NULL;

  g_return_if_fail (TRAIL_IS_DOCUMENT (self));
  g_return_if_fail (TRAIL_IS_VOTE_ROUND (round));

  voters = trail_vote_round_dup_voters (round, self);
  trail_document_begin_group (self, _("Remove Voting Round"));
  for (guint i = 0; i < voters->len; i++)
    _trail_document_remove_item (self, voters->pdata[i], NULL);
  _trail_document_remove_item (self, round, NULL);
  trail_document_end_group (self);
}

void
trail_document_reveal_vote_round (TrailDocument  *self,
                                  TrailVoteRound *round,
                                  gboolean        revealed)
{
  g_return_if_fail (TRAIL_IS_DOCUMENT (self));
  g_return_if_fail (TRAIL_IS_VOTE_ROUND (round));

  trail_document_begin_group (self, revealed ? _("Reveal Votes") : _("Hide Votes"));
  trail_document_update (self, round, "revealed", !!revealed, NULL);
  trail_document_end_group (self);
}

TrailVoteRound *
trail_document_find_vote_round (TrailDocument *self,
                                const char    *id)
{
  GObject *round = id != NULL ? _trail_document_lookup_id (self, id) : NULL;

  return TRAIL_IS_VOTE_ROUND (round) ? TRAIL_VOTE_ROUND (round) : NULL;
}

TrailVoteRound *
trail_document_get_current_vote_round (TrailDocument *self)
{
  GListModel *rounds = trail_document_get_vote_rounds (self);
  guint n = g_list_model_get_n_items (rounds);
  g_autoptr(TrailVoteRound) round = n > 0 ? g_list_model_get_item (rounds, n - 1) : NULL;

  return round;  /* the document holds it */
}

TrailVoter *
trail_document_add_voter (TrailDocument   *self,
                          TrailVoteRound  *round,
                          const char      *name,
                          GError         **error)
{
  g_autoptr(GPtrArray) voters = NULL;
  g_autoptr(TrailVoter) voter = NULL;
  g_autofree char *id = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (TRAIL_IS_VOTE_ROUND (round), NULL);

  voters = trail_vote_round_dup_voters (round, self);
  if (voters->len >= TRAIL_VOTE_MAX_VOTERS)
    {
      g_set_error (error, TRAIL_VOTING_ERROR, TRAIL_VOTING_ERROR_INVALID,
                   _("A round needs from 1 to %d participants"), TRAIL_VOTE_MAX_VOTERS);
      return NULL;
    }
  if (name != NULL)
    stripped = g_strstrip (g_strdup (name));

  id = _trail_document_make_id (self, "w");
  voter = g_object_new (TRAIL_TYPE_VOTER, "id", id, NULL);

  trail_document_begin_group (self, _("Join Voting Round"));
  _trail_document_insert_item (self, voter, -1, NULL);
  trail_document_update (self, voter, "round", trail_vote_round_get_id (round), NULL);
  /* An empty or invalid name is an anonymous voter, as at a round's start. */
  if (stripped != NULL && stripped[0] != '\0' && g_utf8_validate (stripped, -1, NULL))
    trail_document_update (self, voter, "name", stripped, NULL);
  trail_document_end_group (self);

  return voter;  /* the document holds it */
}

GPtrArray *
trail_vote_round_dup_voters (TrailVoteRound *round,
                             TrailDocument  *document)
{
  GListModel *voters = trail_document_get_voters (document);
  GPtrArray *result = g_ptr_array_new ();
  const char *id = trail_vote_round_get_id (round);

  for (guint i = 0, n = g_list_model_get_n_items (voters); i < n; i++)
    {
      g_autoptr(TrailVoter) voter = g_list_model_get_item (voters, i);

      if (g_strcmp0 (trail_voter_get_round (voter), id) == 0)
        g_ptr_array_add (result, voter);
    }
  return result;
}

TrailVoteRound *
trail_voter_find_round (TrailVoter    *voter,
                        TrailDocument *document)
{
  GObject *round = _trail_document_lookup_id (document, trail_voter_get_round (voter));

  return TRAIL_IS_VOTE_ROUND (round) ? TRAIL_VOTE_ROUND (round) : NULL;
}

char *
trail_voter_dup_label (TrailVoter    *voter,
                       TrailDocument *document)
{
  TrailVoteRound *round = trail_voter_find_round (voter, document);
  g_autoptr(GPtrArray) voters = NULL;
  guint index = 0;

  if (trail_voter_get_name (voter) != NULL)
    return g_strdup (trail_voter_get_name (voter));

  if (round != NULL)
    {
      voters = trail_vote_round_dup_voters (round, document);
      g_ptr_array_find (voters, voter, &index);
    }
  /* Translators: an anonymous voter in a dot-voting round. */
  return g_strdup_printf (_("Participant %u"), index + 1);
}

guint
trail_voter_get_remaining (TrailVoter    *voter,
                           TrailDocument *document)
{
  TrailVoteRound *round = trail_voter_find_round (voter, document);
  guint used = trail_voter_count_dots (voter, NULL);
  guint budget = round != NULL ? trail_vote_round_get_budget (round) : 0;

  /* A merge may have given someone more dots than the budget. */
  return used < budget ? budget - used : 0;
}

gboolean
trail_vote_round_applies_to (TrailVoteRound *round,
                             TrailDocument  *document,
                             TrailCard      *card)
{
  const char *kind = trail_vote_round_get_lane_kind (round);
  TrailLane *lane;

  if (trail_document_find_card (document, trail_card_get_id (card)) != card)
    return FALSE;
  if (kind == NULL)
    return TRUE;
  lane = trail_document_find_lane (document, trail_card_get_lane_id (card));
  return lane != NULL && g_strcmp0 (trail_lane_kind_to_string (trail_lane_get_kind (lane)), kind) == 0;
}

/* ---- Dots ------------------------------------------------------------- */

gboolean
trail_document_cast_dot (TrailDocument  *self,
                         TrailVoter     *voter,
                         TrailCard      *card,
                         GError        **error)
{
  TrailVoteRound *round;
  const char * const *dots;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) new_dots = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (TRAIL_IS_VOTER (voter), FALSE);
  g_return_val_if_fail (TRAIL_IS_CARD (card), FALSE);

  round = trail_voter_find_round (voter, self);
  if (round == NULL || !trail_vote_round_applies_to (round, self, card))
    {
      g_set_error_literal (error, TRAIL_VOTING_ERROR, TRAIL_VOTING_ERROR_NOT_IN_ROUND,
                           _("This card is not part of the voting round"));
      return FALSE;
    }
  if (trail_voter_get_remaining (voter, self) == 0)
    {
      label = trail_voter_dup_label (voter, self);
      /* Translators: a voter's name and the round's budget. */
      g_set_error (error, TRAIL_VOTING_ERROR, TRAIL_VOTING_ERROR_OVER_BUDGET,
                   g_dngettext (GETTEXT_PACKAGE, "%s has used their %u dot", "%s has used all %u dots",
                                trail_vote_round_get_budget (round)),
                   label, trail_vote_round_get_budget (round));
      return FALSE;
    }

  dots = trail_voter_get_dots (voter);
  builder = g_strv_builder_new ();
  if (dots != NULL)
    g_strv_builder_addv (builder, (const char **) dots);
  g_strv_builder_add (builder, trail_card_get_id (card));
  new_dots = g_strv_builder_end (builder);

  trail_document_begin_group (self, _("Cast Dot"));
  trail_document_update (self, voter, "dots", new_dots, NULL);
  trail_document_end_group (self);
  return TRUE;
}

gboolean
trail_document_take_back_dot (TrailDocument  *self,
                              TrailVoter     *voter,
                              TrailCard      *card,
                              GError        **error)
{
  const char * const *dots;
  g_autoptr(GPtrArray) kept = NULL;
  int last = -1;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (TRAIL_IS_VOTER (voter), FALSE);
  g_return_val_if_fail (TRAIL_IS_CARD (card), FALSE);

  dots = trail_voter_get_dots (voter);
  for (guint i = 0; dots != NULL && dots[i] != NULL; i++)
    if (g_str_equal (dots[i], trail_card_get_id (card)))
      last = i;
  if (last < 0)
    {
      g_autofree char *label = trail_voter_dup_label (voter, self);

      g_set_error (error, TRAIL_VOTING_ERROR, TRAIL_VOTING_ERROR_NO_DOT,
                   _("%s has no dot on this card"), label);
      return FALSE;
    }

  kept = g_ptr_array_new ();
  for (guint i = 0; dots[i] != NULL; i++)
    if ((int) i != last)
      g_ptr_array_add (kept, (gpointer) dots[i]);
  g_ptr_array_add (kept, NULL);

  trail_document_begin_group (self, _("Take Back Dot"));
  /* An empty list is written as no list, as a voter who never voted. */
  trail_document_update (self, voter, "dots", kept->len > 1 ? (char **) kept->pdata : NULL, NULL);
  trail_document_end_group (self);
  return TRUE;
}

/* ---- Results ---------------------------------------------------------- */

static GHashTable *
count_round (TrailVoteRound *round,
             TrailDocument  *document)
{
  g_autoptr(GPtrArray) voters = trail_vote_round_dup_voters (round, document);
  GHashTable *counts = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < voters->len; i++)
    {
      const char * const *dots = trail_voter_get_dots (voters->pdata[i]);

      for (guint j = 0; dots != NULL && dots[j] != NULL; j++)
        {
          TrailCard *card = trail_document_find_card (document, dots[j]);

          if (card == NULL)
            continue;
          g_hash_table_insert (counts, (char *) trail_card_get_id (card),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, trail_card_get_id (card))) + 1));
        }
    }
  return counts;
}

typedef struct
{
  TrailDocument *document;
  GHashTable    *order;
} SortData;

static int
compare_results (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const TrailVoteResult *ra = a, *rb = b;
  SortData *data = user_data;

  if (ra->dots != rb->dots)
    return ra->dots > rb->dots ? -1 : 1;
  return GPOINTER_TO_INT (g_hash_table_lookup (data->order, ra->card)) -
         GPOINTER_TO_INT (g_hash_table_lookup (data->order, rb->card));
}

GArray *
trail_vote_round_dup_results (TrailVoteRound *round,
                              TrailDocument  *document)
{
  g_autoptr(GHashTable) counts = count_round (round, document);
  g_autoptr(GHashTable) order = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  g_autoptr(GPtrArray) sorted = NULL;
  GArray *results = g_array_new (FALSE, TRUE, sizeof (TrailVoteResult));
  GHashTableIter iter;
  gpointer key, value;
  SortData data = { document, order };

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (cards, trail_document_find_card (document, key));
  sorted = trail_document_sort_cards (document, (TrailCard **) cards->pdata, cards->len);
  for (guint i = 0; i < sorted->len; i++)
    {
      TrailVoteResult r = { sorted->pdata[i], GPOINTER_TO_UINT (g_hash_table_lookup (counts, trail_card_get_id (sorted->pdata[i]))), 0 };

      g_hash_table_insert (order, sorted->pdata[i], GINT_TO_POINTER (i));
      g_array_append_val (results, r);
    }
  g_array_sort_with_data (results, compare_results, &data);
  for (guint i = 0; i < results->len; i++)
    {
      TrailVoteResult *r = &g_array_index (results, TrailVoteResult, i);

      r->rank = (i > 0 && g_array_index (results, TrailVoteResult, i - 1).dots == r->dots)
                ? g_array_index (results, TrailVoteResult, i - 1).rank : i + 1;
    }
  return results;
}

guint
trail_document_count_card_dots (TrailDocument *self,
                                TrailCard     *card)
{
  GListModel *voters = trail_document_get_voters (self);
  const char *id = trail_card_get_id (card);
  guint n = 0;

  if (g_list_model_get_n_items (voters) == 0)
    return 0;
  for (guint i = 0, len = g_list_model_get_n_items (voters); i < len; i++)
    {
      g_autoptr(TrailVoter) voter = g_list_model_get_item (voters, i);
      TrailVoteRound *round = trail_voter_find_round (voter, self);

      if (round != NULL && trail_vote_round_get_revealed (round))
        n += trail_voter_count_dots (voter, id);
    }
  return n;
}

guint
trail_document_get_card_total_votes (TrailDocument *self,
                                     TrailCard     *card)
{
  return trail_card_get_votes (card) + trail_document_count_card_dots (self, card);
}

guint
trail_document_get_max_card_dots (TrailDocument *self)
{
  g_autoptr(GHashTable) counts = NULL;
  guint max = 0;

  counts = trail_document_dup_dot_counts (self, &max);
  return max;
}

GHashTable *
trail_document_dup_dot_counts (TrailDocument *self,
                               guint         *max_out)
{
  GListModel *voters = trail_document_get_voters (self);
  GHashTable *counts = NULL;
  guint max = 0;

  for (guint i = 0, len = g_list_model_get_n_items (voters); i < len; i++)
    {
      g_autoptr(TrailVoter) voter = g_list_model_get_item (voters, i);
      TrailVoteRound *round = trail_voter_find_round (voter, self);
      const char * const *dots = trail_voter_get_dots (voter);

      if (round == NULL || !trail_vote_round_get_revealed (round))
        continue;
      if (counts == NULL)
        counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint j = 0; dots != NULL && dots[j] != NULL; j++)
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, dots[j])) + 1;

          if (trail_document_find_card (self, dots[j]) == NULL)
            continue;
          g_hash_table_replace (counts, g_strdup (dots[j]), GUINT_TO_POINTER (n));
          max = MAX (max, n);
        }
    }
  if (max_out != NULL)
    *max_out = max;
  return counts;
}

static void
append_csv_field (GString    *out,
                  const char *text)
{
  gboolean quote;

  if (text == NULL)
    text = "";
  /* A spreadsheet runs a cell starting with these as a formula. */
  if (strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0')
    {
      g_autofree char *safe = g_strconcat ("'", text, NULL);

      append_csv_field (out, safe);
      return;
    }
  quote = strpbrk (text, ",\"\r\n") != NULL;
  if (!quote)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
trail_vote_round_to_csv (TrailVoteRound *round,
                         TrailDocument  *document)
{
  g_autoptr(GArray) results = trail_vote_round_dup_results (round, document);
  g_autoptr(GPtrArray) voters = trail_vote_round_dup_voters (round, document);
  GString *out = g_string_new (NULL);

  /* Column names stay English, as the file's keys do: scripts read them. */
  g_string_append (out, "Rank,Card,Stage,Lane,Dots");
  for (guint i = 0; i < voters->len; i++)
    {
      g_autofree char *label = trail_voter_dup_label (voters->pdata[i], document);

      g_string_append_c (out, ',');
      append_csv_field (out, label);
    }
  g_string_append (out, "\r\n");

  for (guint i = 0; i < results->len; i++)
    {
      TrailVoteResult *r = &g_array_index (results, TrailVoteResult, i);
      TrailStage *stage = trail_document_find_stage (document, trail_card_get_stage_id (r->card));
      TrailLane *lane = trail_document_find_lane (document, trail_card_get_lane_id (r->card));

      g_string_append_printf (out, "%u,", r->rank);
      append_csv_field (out, trail_card_get_text (r->card));
      g_string_append_c (out, ',');
      append_csv_field (out, stage != NULL ? trail_stage_get_name (stage) : "");
      g_string_append_c (out, ',');
      append_csv_field (out, lane != NULL ? trail_lane_get_title (lane) : "");
      g_string_append_printf (out, ",%u", r->dots);
      for (guint j = 0; j < voters->len; j++)
        g_string_append_printf (out, ",%u", trail_voter_count_dots (voters->pdata[j], trail_card_get_id (r->card)));
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}
