/* trail-voting-dialog.h — starting a dot-voting round
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "trail-model.h"

G_BEGIN_DECLS

typedef void (*TrailVotingStarted) (gpointer        owner,
                                    TrailVoteRound *round);

/* A modal window asking for the round's question, which cards it is about
 * (all, or one lane kind the map has), dots per person and the
 * participants (names, or a number for an anonymous round). Start adds the
 * round to @document as one undo step and calls @started; bad input is
 * answered in the window, which stays open. */
void trail_voting_dialog_present (GtkWidget          *parent,
                                  TrailDocument      *document,
                                  TrailVotingStarted  started,
                                  gpointer            owner);

G_END_DECLS
