/* trail-room-voting.h — phones vote in the map's dot-voting round
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-session.h"
#include "trail-session-workshop.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_ROOM_VOTING (trail_room_voting_get_type ())

G_DECLARE_FINAL_TYPE (TrailRoomVoting, trail_room_voting, TRAIL, ROOM_VOTING, GObject)

/* The workshop hooks for @session's document: a participant's dots go to
 * the document's current voting round, as the round's voter of the same
 * name (or a voter added for the phone); a rating is the participant's
 * rating of the stage in the document, kept under a key of the
 * participant's id and this session ("p3@…") with the name they joined
 * with, re-rating replacing it; each one undoable command. @session is
 * not referenced: it owns the object once set as its workshop. */
TrailRoomVoting *trail_room_voting_new (TrailSession *session);

/* What the room is shown of the facilitator's screen (the room layer
 * knows no GTK: the window sets these). The workshop timer, NULL for none;
 * the phones hear of it when it starts, pauses, stops or jumps, and count
 * down between. */
void             trail_room_voting_set_timer            (TrailRoomVoting *self,
                                                         TrailTimer      *timer);
/* The stage being presented, or NULL while not presenting. */
void             trail_room_voting_set_presented_stage  (TrailRoomVoting *self,
                                                         const char      *stage_id);

G_END_DECLS
