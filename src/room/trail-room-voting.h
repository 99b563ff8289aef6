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
 * name (or a voter added for the phone), one undoable command each.
 * Rating stages is left out (the session answers "unavailable" and the
 * page hides it) until the crowd's ratings are stored. @session
 * is not referenced: it owns the object once set as its workshop. */
TrailRoomVoting *trail_room_voting_new (TrailSession *session);

G_END_DECLS
