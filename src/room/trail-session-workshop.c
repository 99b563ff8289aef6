/* trail-session-workshop.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-session-workshop"

#include "config.h"

#include "trail-session.h"
#include "trail-session-workshop.h"

G_DEFINE_INTERFACE (TrailSessionWorkshop, trail_session_workshop, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
trail_session_workshop_default_init (TrailSessionWorkshopInterface *iface)
{
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static gboolean
refuse_unavailable (GError **error)
{
  g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_UNAVAILABLE,
                       "unavailable");
  return FALSE;
}

gboolean
trail_session_workshop_cast_dot (TrailSessionWorkshop  *self,
                                 const char            *participant_id,
                                 TrailCard             *card,
                                 int                    delta,
                                 GError               **error)
{
  TrailSessionWorkshopInterface *iface;

  g_return_val_if_fail (TRAIL_IS_SESSION_WORKSHOP (self), FALSE);

  iface = TRAIL_SESSION_WORKSHOP_GET_IFACE (self);
  if (iface->cast_dot == NULL)
    return refuse_unavailable (error);

  return iface->cast_dot (self, participant_id, card, delta, error);
}

gboolean
trail_session_workshop_rate_stage (TrailSessionWorkshop  *self,
                                   const char            *participant_id,
                                   TrailStage            *stage,
                                   int                    score,
                                   const char            *word,
                                   GError               **error)
{
  TrailSessionWorkshopInterface *iface;

  g_return_val_if_fail (TRAIL_IS_SESSION_WORKSHOP (self), FALSE);

  iface = TRAIL_SESSION_WORKSHOP_GET_IFACE (self);
  if (iface->rate_stage == NULL)
    return refuse_unavailable (error);

  return iface->rate_stage (self, participant_id, stage, score, word, error);
}

JsonNode *
trail_session_workshop_describe_round (TrailSessionWorkshop *self,
                                       const char           *participant_id)
{
  TrailSessionWorkshopInterface *iface;

  g_return_val_if_fail (TRAIL_IS_SESSION_WORKSHOP (self), NULL);

  iface = TRAIL_SESSION_WORKSHOP_GET_IFACE (self);
  return iface->describe_round != NULL ? iface->describe_round (self, participant_id) : NULL;
}

JsonNode *
trail_session_workshop_describe_ratings (TrailSessionWorkshop *self,
                                         const char           *participant_id)
{
  TrailSessionWorkshopInterface *iface;

  g_return_val_if_fail (TRAIL_IS_SESSION_WORKSHOP (self), NULL);

  iface = TRAIL_SESSION_WORKSHOP_GET_IFACE (self);
  return iface->describe_ratings != NULL ? iface->describe_ratings (self, participant_id) : NULL;
}

JsonNode *
trail_session_workshop_describe_room (TrailSessionWorkshop *self)
{
  TrailSessionWorkshopInterface *iface;

  g_return_val_if_fail (TRAIL_IS_SESSION_WORKSHOP (self), NULL);

  iface = TRAIL_SESSION_WORKSHOP_GET_IFACE (self);
  return iface->describe_room != NULL ? iface->describe_room (self) : NULL;
}

void
trail_session_workshop_changed (TrailSessionWorkshop *self)
{
  g_return_if_fail (TRAIL_IS_SESSION_WORKSHOP (self));

  g_signal_emit (self, signals[CHANGED], 0);
}
