/* trail-session-workshop.h — the room's hooks into voting rounds, ratings,
 * presenting and the timer
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "trail-model.h"

G_BEGIN_DECLS

/* HOOK (issue "Workshop mode"): voting rounds, the crowd's ratings, the
 * stage being presented and the timer are built on their own branch. The
 * session does not know how they are stored; it talks to whatever object
 * implements this interface, set with trail_session_set_workshop(). Until
 * one is set, a participant's "vote" and "rate" intents are answered with
 * the error "unavailable" and change nothing, and the page shows no round
 * and no timer.
 *
 * Every call runs on the main thread, with arguments the session has
 * already checked: @participant_id is a joined participant's stable id
 * ("p3"), @card and @stage belong to the session's document, @score lies
 * within the document's emotion scale, @word is at most
 * TRAIL_SESSION_MAX_WORD characters of clean text. An implementation
 * applies the change as one undoable document command attributed to the
 * participant, and refuses (FALSE with a TRAIL_SESSION_ERROR and a message
 * fit for the participant) what the round does not allow: a dot over the
 * budget, a card outside the round, voting while no round is open.
 *
 * Emit "changed" whenever what the describe functions return changes (a
 * round opens or is revealed, the timer starts, the presented stage
 * moves): the session then pushes the new state to every participant. */

#define TRAIL_TYPE_SESSION_WORKSHOP (trail_session_workshop_get_type ())

G_DECLARE_INTERFACE (TrailSessionWorkshop, trail_session_workshop, TRAIL, SESSION_WORKSHOP, GObject)

struct _TrailSessionWorkshopInterface
{
  GTypeInterface parent_iface;

  /* @delta is +1 (cast a dot) or -1 (take one back). */
  gboolean   (*cast_dot)       (TrailSessionWorkshop  *self,
                                const char            *participant_id,
                                TrailCard             *card,
                                int                    delta,
                                GError               **error);
  /* Sets (or replaces: a participant re-rates) the participant's rating of
   * @stage; @word may be NULL. */
  gboolean   (*rate_stage)     (TrailSessionWorkshop  *self,
                                const char            *participant_id,
                                TrailStage            *stage,
                                int                    score,
                                const char            *word,
                                GError               **error);
  /* The open round as this participant sees it, or NULL when none is open:
   *   { "question": "…", "budget": 3, "remaining": 1,
   *     "cards": ["card-id", …],            the cards one may vote on
   *     "mine": { "card-id": 2, … },        this participant's dots
   *     "results": { "card-id": 7, … } }    only once revealed
   * (transfer full). */
  JsonNode * (*describe_round) (TrailSessionWorkshop  *self,
                                const char            *participant_id);
  /* This participant's ratings { "stage-id": { "score": 1, "word": "…" } },
   * or NULL (transfer full). */
  JsonNode * (*describe_ratings) (TrailSessionWorkshop *self,
                                  const char           *participant_id);
  /* The timer and the stage presented, or NULL:
   *   { "timer": { "remaining": 125, "running": true } | null,
   *     "stage": "stage-id" | null }
   * (transfer full). */
  JsonNode * (*describe_room)  (TrailSessionWorkshop  *self);
};

gboolean  trail_session_workshop_cast_dot         (TrailSessionWorkshop  *self,
                                                   const char            *participant_id,
                                                   TrailCard             *card,
                                                   int                    delta,
                                                   GError               **error);
gboolean  trail_session_workshop_rate_stage       (TrailSessionWorkshop  *self,
                                                   const char            *participant_id,
                                                   TrailStage            *stage,
                                                   int                    score,
                                                   const char            *word,
                                                   GError               **error);
JsonNode *trail_session_workshop_describe_round   (TrailSessionWorkshop  *self,
                                                   const char            *participant_id);
JsonNode *trail_session_workshop_describe_ratings (TrailSessionWorkshop  *self,
                                                   const char            *participant_id);
JsonNode *trail_session_workshop_describe_room    (TrailSessionWorkshop  *self);
/* Tells the session (and anyone else listening) to push a new state. */
void      trail_session_workshop_changed          (TrailSessionWorkshop  *self);

G_END_DECLS
