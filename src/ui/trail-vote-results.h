/* trail-vote-results.h — a voting round's ranked results, for the
 * inspector (and any panel that shows them, a presenter console's say)
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "trail-model.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_VOTE_RESULTS (trail_vote_results_get_type())

G_DECLARE_FINAL_TYPE (TrailVoteResults, trail_vote_results, TRAIL, VOTE_RESULTS, GtkWidget)

/* Follows @document's current round (the last one started) and shows its
 * ranked cards, once revealed: rank, card text, dots and a heat swatch.
 * Hidden while there is no revealed round. */
GtkWidget *trail_vote_results_new          (void);
void       trail_vote_results_set_document (TrailVoteResults *self,
                                            TrailDocument    *document);

G_END_DECLS
