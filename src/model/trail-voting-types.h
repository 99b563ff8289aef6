/* trail-voting-types.h — dot-voting rounds and their voters, as records
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-types.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_VOTE_ROUND (trail_vote_round_get_type())
#define TRAIL_TYPE_VOTER (trail_voter_get_type())

G_DECLARE_FINAL_TYPE (TrailVoteRound, trail_vote_round, TRAIL, VOTE_ROUND, GObject)
G_DECLARE_FINAL_TYPE (TrailVoter, trail_voter, TRAIL, VOTER, GObject)

/* A dot-voting round, kept in the file's optional "vote-rounds" list:
 * "id", "question", "lane-kind" (the nick of the lane kind whose cards it
 * applies to, "pain-points"; NULL: every card), "budget" (dots per voter,
 * 1 … 100) and "revealed" (results shown). */
const char   *trail_vote_round_get_id         (TrailVoteRound *self);
const char   *trail_vote_round_get_question   (TrailVoteRound *self);
const char   *trail_vote_round_get_lane_kind  (TrailVoteRound *self);
guint         trail_vote_round_get_budget     (TrailVoteRound *self);
gboolean      trail_vote_round_get_revealed   (TrailVoteRound *self);

/* One participant of a round, kept in the file's optional "voters" list:
 * "id", "round" (the round's id), "name" (NULL in anonymous rounds) and
 * "dots": one card id per dot cast (a card given two dots appears twice).
 * Each voter's dots live in their own record, so two copies of a map in
 * which different people voted merge line by line. */
const char   *trail_voter_get_id              (TrailVoter *self);
const char   *trail_voter_get_round           (TrailVoter *self);
const char   *trail_voter_get_name            (TrailVoter *self);
const char * const *trail_voter_get_dots      (TrailVoter *self);
/* How many dots the voter gave @card_id (NULL: in all). */
guint         trail_voter_count_dots          (TrailVoter *self,
                                               const char *card_id);

G_END_DECLS
