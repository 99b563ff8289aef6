/* trail-voting-bar.h — the facilitator's controls while a room votes
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "trail-model.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_VOTING_BAR (trail_voting_bar_get_type())

G_DECLARE_FINAL_TYPE (TrailVotingBar, trail_voting_bar, TRAIL, VOTING_BAR, GtkWidget)

/* Shows one round: its question, whose dots are being cast (a drop-down of
 * the participants), how many of them are left, and buttons naming the
 * map.*-voter, map.reveal-votes, map.export-votes and map.close-voting
 * actions. The bar follows the document: a dot cast or undone updates the
 * count, and a round that undo removes hides the bar. */
TrailVotingBar  *trail_voting_bar_new          (void);
void             trail_voting_bar_set_document (TrailVotingBar *self,
                                                TrailDocument  *document);
/* NULL hides the bar. */
void             trail_voting_bar_set_round    (TrailVotingBar *self,
                                                TrailVoteRound *round);
TrailVoteRound  *trail_voting_bar_get_round    (TrailVotingBar *self);
/* The participant whose dots clicks and + / − cast, or NULL. */
TrailVoter      *trail_voting_bar_get_voter    (TrailVotingBar *self);
void             trail_voting_bar_step_voter   (TrailVotingBar *self,
                                                int             delta);
/* A line under the controls: a refused dot (@error) or what happened. */
void             trail_voting_bar_show_message (TrailVotingBar *self,
                                                const char     *message,
                                                gboolean        error);

G_END_DECLS
