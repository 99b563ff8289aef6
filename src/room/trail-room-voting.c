/* trail-room-voting.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-room-voting"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-room-voting.h"
#include "trail-voting.h"

struct _TrailRoomVoting
{
  GObject       parent_instance;

  TrailSession *session;   /* not owned: the session owns us */
  /* "participant-id\nround-id" → voter id: the voter each phone votes as.
   * Kept by id, so an undo that removes the voter just makes a new one. */
  GHashTable   *voters;
  /* Ratings stay in the file after the session: the participant ids of
   * the next session start again at "p1", so each session's keys carry a
   * tag of their own, and a new session's p1 never re-rates for the last
   * one's. */
  char         *rating_tag;

  /* What the room sees of the facilitator's laptop, set by the window:
   * the workshop timer (while one is set) and the stage being presented. */
  TrailTimer   *timer;
  guint         timer_seen;       /* the remaining seconds last notified */
  char         *presented_stage;
};

static void trail_room_voting_iface_init (TrailSessionWorkshopInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TrailRoomVoting, trail_room_voting, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TRAIL_TYPE_SESSION_WORKSHOP,
                                                      trail_room_voting_iface_init))

static TrailDocument *
get_document (TrailRoomVoting *self)
{
  return trail_session_get_document (self->session);
}

static TrailSessionParticipant *
find_participant (TrailRoomVoting *self,
                  const char      *participant_id)
{
  GListModel *participants = trail_session_get_participants (self->session);

  for (guint i = 0, n = g_list_model_get_n_items (participants); i < n; i++)
    {
      g_autoptr(TrailSessionParticipant) participant = g_list_model_get_item (participants, i);

      if (g_strcmp0 (trail_session_participant_get_id (participant), participant_id) == 0)
        return participant;  /* the list holds it */
    }
  return NULL;
}

/* The voter @participant_id votes as in @round, or NULL when none yet. A
 * voter the facilitator named at the round's start is claimed by the first
 * phone that joins with that name, so the facilitator's list and the
 * phones agree. */
static TrailVoter *
find_voter (TrailRoomVoting *self,
            TrailVoteRound  *round,
            const char      *participant_id)
{
  TrailDocument *document = get_document (self);
  g_autofree char *key = g_strdup_printf ("%s\n%s", participant_id, trail_vote_round_get_id (round));
  const char *voter_id = g_hash_table_lookup (self->voters, key);
  g_autoptr(GPtrArray) voters = trail_vote_round_dup_voters (round, document);
  TrailSessionParticipant *participant;
  const char *name;

  for (guint i = 0; voter_id != NULL && i < voters->len; i++)
    if (g_strcmp0 (trail_voter_get_id (voters->pdata[i]), voter_id) == 0)
      return voters->pdata[i];

  participant = find_participant (self, participant_id);
  name = participant != NULL ? trail_session_participant_get_name (participant) : NULL;
  for (guint i = 0; name != NULL && i < voters->len; i++)
    {
      TrailVoter *voter = voters->pdata[i];
      gboolean claimed = FALSE;
      GHashTableIter iter;
      gpointer value;

      if (trail_voter_get_name (voter) == NULL ||
          g_utf8_collate (trail_voter_get_name (voter), name) != 0)
        continue;
      g_hash_table_iter_init (&iter, self->voters);
      while (!claimed && g_hash_table_iter_next (&iter, NULL, &value))
        claimed = g_strcmp0 (value, trail_voter_get_id (voter)) == 0;
      if (claimed)
        continue;
      g_hash_table_insert (self->voters, g_steal_pointer (&key), g_strdup (trail_voter_get_id (voter)));
      return voter;
    }
  return NULL;
}

static TrailVoteRound *
open_round (TrailRoomVoting  *self,
            GError          **error)
{
  TrailVoteRound *round = trail_document_get_current_vote_round (get_document (self));

  /* A revealed round is over: its results are out. */
  if (round == NULL || trail_vote_round_get_revealed (round))
    {
      g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_UNAVAILABLE,
                           _("No voting round is open."));
      return NULL;
    }
  return round;
}

static gboolean
trail_room_voting_cast_dot (TrailSessionWorkshop  *workshop,
                            const char            *participant_id,
                            TrailCard             *card,
                            int                    delta,
                            GError               **error)
{
  TrailRoomVoting *self = TRAIL_ROOM_VOTING (workshop);
  TrailDocument *document = get_document (self);
  TrailVoteRound *round;
  TrailVoter *voter;
  g_autoptr(GError) local_error = NULL;
  gboolean done;

  if ((round = open_round (self, error)) == NULL)
    return FALSE;
  if (!trail_vote_round_applies_to (round, document, card))
    {
      g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_INVALID,
                           _("This card is not part of the voting round."));
      return FALSE;
    }

  voter = find_voter (self, round, participant_id);
  if (voter == NULL && delta < 0)
    {
      g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_INVALID,
                           _("You have no dot on this card."));
      return FALSE;
    }
  if (voter != NULL && delta > 0 && trail_voter_get_remaining (voter, document) == 0)
    {
      g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_LIMIT,
                           _("You have used all your dots."));
      return FALSE;
    }

  if (voter == NULL)
    {
      TrailSessionParticipant *participant = find_participant (self, participant_id);

      /* Joining the round and the first dot are two undo steps; undoing
       * the dot leaves the phone's voter, with all its dots, as a voter
       * the facilitator added by hand would stay. */
      voter = trail_document_add_voter (document, round,
                                        participant != NULL ? trail_session_participant_get_name (participant) : NULL,
                                        &local_error);
      if (voter == NULL)
        {
          g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_LIMIT,
                               local_error->message);
          return FALSE;
        }
      g_hash_table_insert (self->voters,
                           g_strdup_printf ("%s\n%s", participant_id, trail_vote_round_get_id (round)),
                           g_strdup (trail_voter_get_id (voter)));
    }

  done = delta > 0 ? trail_document_cast_dot (document, voter, card, &local_error)
                   : trail_document_take_back_dot (document, voter, card, &local_error);
  if (!done)
    {
      /* The model's messages name the voter in the third person; the
       * phone is told in its own words. */
      g_set_error_literal (error, TRAIL_SESSION_ERROR,
                           delta > 0 ? TRAIL_SESSION_ERROR_LIMIT : TRAIL_SESSION_ERROR_INVALID,
                           delta > 0 ? _("You have used all your dots.") : _("You have no dot on this card."));
      return FALSE;
    }
  return TRUE;
}

static JsonNode *
trail_room_voting_describe_round (TrailSessionWorkshop *workshop,
                                  const char           *participant_id)
{
  TrailRoomVoting *self = TRAIL_ROOM_VOTING (workshop);
  TrailDocument *document = get_document (self);
  TrailVoteRound *round = trail_document_get_current_vote_round (document);
  g_autoptr(JsonBuilder) builder = NULL;
  TrailVoter *voter;
  GListModel *cards;
  guint budget;

  if (round == NULL)
    return NULL;

  voter = find_voter (self, round, participant_id);
  budget = trail_vote_round_get_budget (round);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "question");
  json_builder_add_string_value (builder, trail_vote_round_get_question (round) != NULL
                                          ? trail_vote_round_get_question (round) : "");
  json_builder_set_member_name (builder, "budget");
  json_builder_add_int_value (builder, budget);
  json_builder_set_member_name (builder, "remaining");
  /* A revealed round takes no more dots. */
  json_builder_add_int_value (builder, trail_vote_round_get_revealed (round) ? 0
                                       : voter != NULL ? trail_voter_get_remaining (voter, document) : budget);

  json_builder_set_member_name (builder, "cards");
  json_builder_begin_array (builder);
  cards = trail_document_get_cards (document);
  for (guint i = 0, n = g_list_model_get_n_items (cards); i < n; i++)
    {
      g_autoptr(TrailCard) card = g_list_model_get_item (cards, i);

      if (trail_vote_round_applies_to (round, document, card))
        json_builder_add_string_value (builder, trail_card_get_id (card));
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "mine");
  json_builder_begin_object (builder);
  if (voter != NULL)
    {
      const char * const *dots = trail_voter_get_dots (voter);

      for (guint i = 0; dots != NULL && dots[i] != NULL; i++)
        {
          gboolean seen = FALSE;

          for (guint j = 0; j < i && !seen; j++)
            seen = g_str_equal (dots[i], dots[j]);
          if (seen)
            continue;
          json_builder_set_member_name (builder, dots[i]);
          json_builder_add_int_value (builder, trail_voter_count_dots (voter, dots[i]));
        }
    }
  json_builder_end_object (builder);

  /* Results stay on the facilitator's laptop until they reveal them:
   * seeing others' dots would sway the room. */
  if (trail_vote_round_get_revealed (round))
    {
      g_autoptr(GArray) results = trail_vote_round_dup_results (round, document);

      json_builder_set_member_name (builder, "results");
      json_builder_begin_object (builder);
      for (guint i = 0; i < results->len; i++)
        {
          TrailVoteResult *result = &g_array_index (results, TrailVoteResult, i);

          json_builder_set_member_name (builder, trail_card_get_id (result->card));
          json_builder_add_int_value (builder, result->dots);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static char *
rating_key (TrailRoomVoting *self,
            const char      *participant_id)
{
  return g_strdup_printf ("%s@%s", participant_id, self->rating_tag);
}

static gboolean
trail_room_voting_rate_stage (TrailSessionWorkshop  *workshop,
                              const char            *participant_id,
                              TrailStage            *stage,
                              int                    score,
                              const char            *word,
                              GError               **error)
{
  TrailRoomVoting *self = TRAIL_ROOM_VOTING (workshop);
  TrailSessionParticipant *participant = find_participant (self, participant_id);
  g_autofree char *key = rating_key (self, participant_id);
  g_autoptr(GError) local_error = NULL;

  /* Set or replaced: one "Rate Stage" step the facilitator can undo; the
   * name is the one the phone joined with (the session made one up for
   * an anonymous phone). */
  if (!trail_document_rate_stage (get_document (self), stage, key,
                                  participant != NULL ? trail_session_participant_get_name (participant) : NULL,
                                  score, word, &local_error))
    {
      g_set_error_literal (error, TRAIL_SESSION_ERROR,
                           g_error_matches (local_error, TRAIL_RATING_ERROR, TRAIL_RATING_ERROR_LIMIT)
                           ? TRAIL_SESSION_ERROR_LIMIT : TRAIL_SESSION_ERROR_INVALID,
                           local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* { "stage-id": { "score": 1, "word": "…" }, … }: only this phone's. */
static JsonNode *
trail_room_voting_describe_ratings (TrailSessionWorkshop *workshop,
                                    const char           *participant_id)
{
  TrailRoomVoting *self = TRAIL_ROOM_VOTING (workshop);
  TrailDocument *document = get_document (self);
  GListModel *stages = trail_document_get_stages (document);
  g_autofree char *key = rating_key (self, participant_id);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  for (guint i = 0, n = g_list_model_get_n_items (stages); i < n; i++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (stages, i);
      TrailRating *rating = trail_document_find_rating (document, stage, key);

      if (rating == NULL)
        continue;
      json_builder_set_member_name (builder, trail_stage_get_id (stage));
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "score");
      json_builder_add_int_value (builder, trail_rating_get_score (rating));
      if (trail_rating_get_word (rating) != NULL)
        {
          json_builder_set_member_name (builder, "word");
          json_builder_add_string_value (builder, trail_rating_get_word (rating));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* The phones count the timer down themselves from "remaining" and
 * "running": a push once a second to every phone would be a flood for
 * nothing. They are told again only when the count stops following the
 * clock — started, paused, resumed, a minute added, stopped, finished. */
static JsonNode *
trail_room_voting_describe_room (TrailSessionWorkshop *workshop)
{
  TrailRoomVoting *self = TRAIL_ROOM_VOTING (workshop);
  TrailTimerState state = self->timer != NULL ? trail_timer_get_state (self->timer) : TRAIL_TIMER_STOPPED;
  TrailStage *stage = NULL;
  g_autoptr(JsonBuilder) builder = NULL;

  if (self->presented_stage != NULL)
    stage = trail_document_find_stage (get_document (self), self->presented_stage);
  if (state == TRAIL_TIMER_STOPPED && stage == NULL)
    return NULL;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "timer");
  if (state == TRAIL_TIMER_STOPPED)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "remaining");
      json_builder_add_int_value (builder, trail_timer_get_remaining (self->timer));
      json_builder_set_member_name (builder, "running");
      json_builder_add_boolean_value (builder, state == TRAIL_TIMER_RUNNING);
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "stage");
  if (stage != NULL)
    json_builder_add_string_value (builder, trail_stage_get_id (stage));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
trail_room_voting_iface_init (TrailSessionWorkshopInterface *iface)
{
  iface->cast_dot = trail_room_voting_cast_dot;
  iface->describe_round = trail_room_voting_describe_round;
  iface->rate_stage = trail_room_voting_rate_stage;
  iface->describe_ratings = trail_room_voting_describe_ratings;
  iface->describe_room = trail_room_voting_describe_room;
}

static void
on_timer_changed_cb (TrailRoomVoting *self)
{
  self->timer_seen = trail_timer_get_remaining (self->timer);
  trail_session_workshop_changed (TRAIL_SESSION_WORKSHOP (self));
}

static void
on_timer_remaining_cb (TrailRoomVoting *self)
{
  guint remaining = trail_timer_get_remaining (self->timer);
  guint seen = self->timer_seen;

  self->timer_seen = remaining;
  /* A second less is the clock the phones follow already; any other step
   * (started again at a new length while running) is news. */
  if (trail_timer_get_state (self->timer) == TRAIL_TIMER_RUNNING &&
      remaining + 1 != seen && remaining != seen)
    trail_session_workshop_changed (TRAIL_SESSION_WORKSHOP (self));
}

static void
trail_room_voting_finalize (GObject *object)
{
  TrailRoomVoting *self = TRAIL_ROOM_VOTING (object);

  g_hash_table_unref (self->voters);
  if (self->timer != NULL)
    g_signal_handlers_disconnect_by_data (self->timer, self);
  g_clear_object (&self->timer);
  g_free (self->presented_stage);
  g_free (self->rating_tag);

  G_OBJECT_CLASS (trail_room_voting_parent_class)->finalize (object);
}

static void
trail_room_voting_class_init (TrailRoomVotingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trail_room_voting_finalize;
}

static void
trail_room_voting_init (TrailRoomVoting *self)
{
  self->voters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* Unique, not secret: it is saved in the map. */
  self->rating_tag = g_strdup_printf ("%08x%04x", g_random_int (), g_random_int () & 0xffff);
}

TrailRoomVoting *
trail_room_voting_new (TrailSession *session)
{
  TrailRoomVoting *self;

  g_return_val_if_fail (TRAIL_IS_SESSION (session), NULL);

  self = g_object_new (TRAIL_TYPE_ROOM_VOTING, NULL);
  self->session = session;
  return self;
}

void
trail_room_voting_set_timer (TrailRoomVoting *self,
                             TrailTimer      *timer)
{
  g_return_if_fail (TRAIL_IS_ROOM_VOTING (self));
  g_return_if_fail (timer == NULL || TRAIL_IS_TIMER (timer));

  if (self->timer == timer)
    return;
  if (self->timer != NULL)
    g_signal_handlers_disconnect_by_data (self->timer, self);
  g_set_object (&self->timer, timer);
  if (timer != NULL)
    {
      self->timer_seen = trail_timer_get_remaining (timer);
      g_signal_connect_object (timer, "notify::state", G_CALLBACK (on_timer_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (timer, "notify::duration", G_CALLBACK (on_timer_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (timer, "notify::remaining", G_CALLBACK (on_timer_remaining_cb), self, G_CONNECT_SWAPPED);
    }
  trail_session_workshop_changed (TRAIL_SESSION_WORKSHOP (self));
}

void
trail_room_voting_set_presented_stage (TrailRoomVoting *self,
                                       const char      *stage_id)
{
  g_return_if_fail (TRAIL_IS_ROOM_VOTING (self));

  if (g_strcmp0 (self->presented_stage, stage_id) == 0)
    return;
  g_free (self->presented_stage);
  self->presented_stage = g_strdup (stage_id);
  trail_session_workshop_changed (TRAIL_SESSION_WORKSHOP (self));
}
