/* trail-session.h — a workshop session: who joined, and what they may do
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "trail-model.h"
#include "trail-session-workshop.h"

G_BEGIN_DECLS

/* The room's logic, with no network and no display: participants send
 * intents as JSON texts (docs/room.md lists them), the session checks every
 * field and applies what it accepts to the document as one undoable
 * command attributed to the participant. The host's document is the only
 * copy; participants get its state pushed back (the "state-changed"
 * signal, then trail_session_dup_map_state() and
 * trail_session_dup_personal_state()). TrailSessionServer carries these
 * texts over WebSockets; the tests call the same functions directly. */

/* Limits on what one participant may send. */
#define TRAIL_SESSION_MAX_MESSAGE       (16 * 1024) /* bytes in one message */
#define TRAIL_SESSION_MAX_NAME          40          /* characters of a name */
#define TRAIL_SESSION_MAX_TEXT          500         /* characters of a card */
#define TRAIL_SESSION_MAX_WORD          40          /* characters of a rating's word */
#define TRAIL_SESSION_MAX_PARTICIPANTS  200
#define TRAIL_SESSION_MAX_CARDS_EACH    200         /* cards one participant may add */
#define TRAIL_SESSION_RATE              5           /* messages per second, sustained… */
#define TRAIL_SESSION_BURST             20          /* …after a burst of this many */
/* The page lists at most this many cards: a phone need not hold a poster. */
#define TRAIL_SESSION_MAX_LISTED_CARDS  2000

#define TRAIL_SESSION_ERROR (trail_session_error_quark ())

/* Each code is also the "code" of an error reply, as its nick. */
typedef enum
{
  TRAIL_SESSION_ERROR_MALFORMED,    /* not a JSON object within the limits */
  TRAIL_SESSION_ERROR_UNKNOWN,      /* an intent the session does not know */
  TRAIL_SESSION_ERROR_INVALID,      /* a field missing, of the wrong type, or naming nothing */
  TRAIL_SESSION_ERROR_TOO_LONG,     /* a text beyond its limit */
  TRAIL_SESSION_ERROR_RATE_LIMITED, /* too many messages per second */
  TRAIL_SESSION_ERROR_FULL,         /* the room holds TRAIL_SESSION_MAX_PARTICIPANTS */
  TRAIL_SESSION_ERROR_PAUSED,       /* the facilitator paused contributions */
  TRAIL_SESSION_ERROR_NOT_JOINED,   /* an intent before "join" */
  TRAIL_SESSION_ERROR_REMOVED,      /* the facilitator removed this participant */
  TRAIL_SESSION_ERROR_NAME_NEEDED,  /* anonymous joining is not allowed */
  TRAIL_SESSION_ERROR_LIMIT,        /* the map or the participant is full */
  TRAIL_SESSION_ERROR_UNAVAILABLE,  /* no voting round, or no workshop hooks yet */
} TrailSessionError;

typedef enum
{
  TRAIL_SESSION_MODE_DIRECT, /* cards land in their lane */
  TRAIL_SESSION_MODE_INBOX,  /* cards land in an inbox lane the facilitator accepts from */
} TrailSessionMode;

GQuark trail_session_error_quark (void);

/* ---- A participant ---------------------------------------------------- */

#define TRAIL_TYPE_SESSION_PARTICIPANT (trail_session_participant_get_type ())

G_DECLARE_FINAL_TYPE (TrailSessionParticipant, trail_session_participant, TRAIL, SESSION_PARTICIPANT, GObject)

/* Properties: "id" (stable within the session: "p1", "p2"…), "name" (clean
 * text; "Participant 3" when anonymous), "connected" (set by the server),
 * "n-cards" (cards added). */
const char *trail_session_participant_get_id        (TrailSessionParticipant *self);
const char *trail_session_participant_get_name      (TrailSessionParticipant *self);
/* The per-participant secret given after joining; a phone that lost its
 * connection sends it back ("resume") to be the same participant. */
const char *trail_session_participant_get_key       (TrailSessionParticipant *self);
gboolean    trail_session_participant_get_connected (TrailSessionParticipant *self);
void        trail_session_participant_set_connected (TrailSessionParticipant *self,
                                                     gboolean                 connected);
guint       trail_session_participant_get_n_cards   (TrailSessionParticipant *self);

/* ---- The session ------------------------------------------------------ */

#define TRAIL_TYPE_SESSION (trail_session_get_type ())

G_DECLARE_FINAL_TYPE (TrailSession, trail_session, TRAIL, SESSION, GObject)

/* Properties: "document", "paused", "mode" (TrailSessionMode),
 * "allow-anonymous", "workshop".
 *
 * Signals:
 *   state-changed ()  the map or the room changed: push the new state (at
 *                     most once per main-loop turn after a burst of edits)
 *   participant-removed (TrailSessionParticipant *)  close its connection
 *   resync-requested (TrailSessionParticipant *)  its phone asked for the
 *                     whole map again ("resync"): send it at once */
TrailSession  *trail_session_new                (TrailDocument *document);
TrailDocument *trail_session_get_document       (TrailSession  *self);

gboolean       trail_session_get_paused         (TrailSession  *self);
void           trail_session_set_paused         (TrailSession  *self,
                                                 gboolean       paused);
TrailSessionMode trail_session_get_mode         (TrailSession  *self);
void           trail_session_set_mode           (TrailSession  *self,
                                                 TrailSessionMode mode);
gboolean       trail_session_get_allow_anonymous (TrailSession *self);
void           trail_session_set_allow_anonymous (TrailSession *self,
                                                  gboolean      allow);
/* HOOK (issue "Workshop mode"): voting rounds, ratings, timer; NULL for
 * none (see trail-session-workshop.h). */
void           trail_session_set_workshop       (TrailSession         *self,
                                                 TrailSessionWorkshop *workshop);
TrailSessionWorkshop *trail_session_get_workshop (TrailSession        *self);

/* Everyone who joined and was not removed (TrailSessionParticipant), in
 * the order they joined. */
GListModel    *trail_session_get_participants   (TrailSession  *self);
/* Removes @participant: its key stops working, its connection is closed
 * ("participant-removed"); what it added stays on the map (the facilitator
 * deletes or undoes cards as any other). */
void           trail_session_remove_participant (TrailSession            *self,
                                                 TrailSessionParticipant *participant);

/* Handles one message from a connection. *@participant is the connection's
 * participant, or NULL before it joined: then only "join" and "resume" are
 * accepted, and on success *@participant is set (transfer none). Returns the
 * reply to send back (never NULL): an "ack", a "welcome" or an "error"
 * whose "code" is a TrailSessionError nick. Nothing changes on an error. */
char          *trail_session_receive            (TrailSession             *self,
                                                 TrailSessionParticipant **participant,
                                                 const char               *data,
                                                 gsize                     len);

/* The state every participant sees (stages, cards, lane kinds, the scale,
 * pause and mode), as a "map" JSON text carrying its revision; cached
 * until the map changes. */
const char    *trail_session_get_map_state      (TrailSession            *self);
/* The map's revision: changes (from 1) when what the phones see does; a
 * phone that has this one needs no copy. */
guint          trail_session_get_map_serial     (TrailSession            *self);
/* What changed since revision @serial, as a "map-delta" JSON text (made
 * once per new revision for every phone at @serial), or NULL when the
 * phone needs the whole map: @serial is not one of the last few revisions
 * handed out (by this function or trail_session_get_map_state()), the
 * stages changed, or the delta would be larger than the map. */
const char    *trail_session_get_map_delta      (TrailSession            *self,
                                                 guint                    serial);
/* What only @participant sees: the voting round with its dots, its
 * ratings, the timer and the presented stage. */
char          *trail_session_dup_personal_state (TrailSession            *self,
                                                 TrailSessionParticipant *participant);

/* ---- Helpers shared with the server and the tests ---------------------- */

/* @text made safe to show and to store: NULL when it holds a control
 * character other than tab and line breaks (which become spaces) or is
 * longer than @max_chars (error TOO_LONG) or empty after stripping
 * (INVALID). */
char          *trail_session_clean_text         (const char  *text,
                                                 guint        max_chars,
                                                 GError     **error);
/* Fills @buffer with @len bytes from the system's CSPRNG (getrandom). */
void           trail_session_random_bytes       (guint8      *buffer,
                                                 gsize        len);
/* A new secret: 128 bits from the CSPRNG, as 32 lowercase hex digits. */
char          *trail_session_new_token          (void);
/* Compares two secrets in time that does not depend on where they differ. */
gboolean       trail_session_token_equal        (const char  *a,
                                                 const char  *b);

G_END_DECLS
