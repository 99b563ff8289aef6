/* trail-voting.h — dot voting on a map's cards
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-document.h"
#include "trail-voting-types.h"

G_BEGIN_DECLS

#define TRAIL_VOTE_MAX_BUDGET 100
#define TRAIL_VOTE_MAX_VOTERS 200

typedef enum
{
  TRAIL_VOTING_ERROR_OVER_BUDGET,  /* the voter has no dots left */
  TRAIL_VOTING_ERROR_NOT_IN_ROUND, /* the card is not one the round asks about */
  TRAIL_VOTING_ERROR_NO_DOT,       /* nothing to take back */
  TRAIL_VOTING_ERROR_INVALID,      /* a bad budget, no voters, … */
} TrailVotingError;

#define TRAIL_VOTING_ERROR (trail_voting_error_quark ())
GQuark           trail_voting_error_quark        (void);

/* Starts a round: @lane_kind is a lane kind's nick or NULL for all cards;
 * @names the participants (each non-empty), or NULL and @n_anonymous
 * voters without names. One undo step "Start Voting Round". Returns the
 * round (owned by the document), or NULL and an error. */
TrailVoteRound  *trail_document_add_vote_round   (TrailDocument      *self,
                                                  const char         *question,
                                                  const char         *lane_kind,
                                                  guint               budget,
                                                  const char * const *names,
                                                  guint               n_anonymous,
                                                  GError            **error);
/* Removes the round and its voters, one undo step. */
void             trail_document_remove_vote_round (TrailDocument     *self,
                                                   TrailVoteRound    *round);
/* Shows or hides the round's results, one undo step. */
void             trail_document_reveal_vote_round (TrailDocument     *self,
                                                   TrailVoteRound    *round,
                                                   gboolean           revealed);

/* Adds one voter to a running round (a participant who joins late, or a
 * phone in a workshop session): @name may be NULL for an anonymous voter.
 * One undo step "Join Voting Round". Refused when the round already has
 * TRAIL_VOTE_MAX_VOTERS voters. */
TrailVoter      *trail_document_add_voter        (TrailDocument      *self,
                                                  TrailVoteRound     *round,
                                                  const char         *name,
                                                  GError            **error);
/* The round's voters in order (transfer container). */
GPtrArray       *trail_vote_round_dup_voters     (TrailVoteRound     *round,
                                                  TrailDocument      *document);
/* The name shown for a voter: theirs, else "Participant N". */
char            *trail_voter_dup_label           (TrailVoter         *voter,
                                                  TrailDocument      *document);
TrailVoteRound  *trail_voter_find_round          (TrailVoter         *voter,
                                                  TrailDocument      *document);
guint            trail_voter_get_remaining       (TrailVoter         *voter,
                                                  TrailDocument      *document);
/* TRUE when @card is one the round asks about (its lane's kind matches). */
gboolean         trail_vote_round_applies_to     (TrailVoteRound     *round,
                                                  TrailDocument      *document,
                                                  TrailCard          *card);

/* Gives @card one of @voter's dots: one undo step "Cast Dot". Refused
 * (FALSE, a translated message) when the voter has no dots left or the
 * card is outside the round. */
gboolean         trail_document_cast_dot         (TrailDocument      *self,
                                                  TrailVoter         *voter,
                                                  TrailCard          *card,
                                                  GError            **error);
/* Takes one of @voter's dots back from @card: "Take Back Dot". */
gboolean         trail_document_take_back_dot    (TrailDocument      *self,
                                                  TrailVoter         *voter,
                                                  TrailCard          *card,
                                                  GError            **error);

typedef struct
{
  TrailCard *card;   /* borrowed */
  guint      dots;
  guint      rank;   /* 1-based; equal counts share a rank */
} TrailVoteResult;

/* The cards of the round with at least one dot, most dots first (ties in
 * map order). Free with g_array_unref(). Dots on cards the map no longer
 * has are left out (undo may bring the card back). */
GArray          *trail_vote_round_dup_results    (TrailVoteRound     *round,
                                                  TrailDocument      *document);
/* The dots a card received in revealed rounds. */
guint            trail_document_count_card_dots  (TrailDocument      *self,
                                                  TrailCard          *card);
/* What a card shows as its votes: its own "votes" number (votes counted
 * without a round, as files before dot voting held them) plus its dots in
 * revealed rounds. */
guint            trail_document_get_card_total_votes (TrailDocument  *self,
                                                      TrailCard      *card);
/* Every card's dots in revealed rounds, card id (string) → count
 * (GUINT_TO_POINTER), and the most any card has in @max; NULL when no
 * round is revealed. One pass over the voters, for the layout. */
GHashTable      *trail_document_dup_dot_counts   (TrailDocument      *self,
                                                  guint              *max);
/* The most dots any card has in revealed rounds: the top of the heat scale. */
guint            trail_document_get_max_card_dots (TrailDocument     *self);

/* The results as CSV (RFC 4180, UTF-8, CRLF): a header "Rank,Card,Stage,
 * Lane,Dots" then one column per voter, one row per card with dots. Cells
 * that a spreadsheet would read as a formula are prefixed with "'". */
char            *trail_vote_round_to_csv         (TrailVoteRound     *round,
                                                  TrailDocument      *document);
/* The round of that id in the document, or NULL. */
TrailVoteRound  *trail_document_find_vote_round  (TrailDocument      *self,
                                                  const char         *id);
/* The round the user works with: the last one, or NULL. */
TrailVoteRound  *trail_document_get_current_vote_round (TrailDocument *self);

G_END_DECLS
