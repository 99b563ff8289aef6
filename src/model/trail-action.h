/* trail-action.h — what the team does about a map's insights
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "trail-types.h"

G_BEGIN_DECLS

typedef enum
{
  TRAIL_ACTION_STATUS_IDEA,
  TRAIL_ACTION_STATUS_PLANNED,
  TRAIL_ACTION_STATUS_IN_PROGRESS,
  TRAIL_ACTION_STATUS_DONE,
  TRAIL_ACTION_STATUS_DROPPED,
} TrailActionStatus;

#define TRAIL_TYPE_ACTION (trail_action_get_type())

G_DECLARE_FINAL_TYPE (TrailAction, trail_action, TRAIL, ACTION, GObject)

/* Properties (read-only outside the model; edit with trail_document_update()):
 * "id", "title", "owner" (free text), "due" ("YYYY-MM-DD" or NULL),
 * "status" (TrailActionStatus), "cards" (GStrv: the ids of the cards it
 * addresses, pain points and opportunities), "kpi" (what is measured, free
 * text), "kpi-target" (a number as text, "4.5", or NULL), "metric" (the id
 * of a metric card of the map that measures it, or NULL).
 *
 * Actions are a list of their own in the document, in the order the team
 * keeps them (trail_document_get_actions()); a card removed from the map
 * is taken off every action, and undo puts it back. */
const char          *trail_action_get_id         (TrailAction *self);
const char          *trail_action_get_title      (TrailAction *self);
const char          *trail_action_get_owner      (TrailAction *self);
const char          *trail_action_get_due        (TrailAction *self);
TrailActionStatus    trail_action_get_status     (TrailAction *self);
const char * const  *trail_action_get_cards      (TrailAction *self);
const char          *trail_action_get_kpi        (TrailAction *self);
const char          *trail_action_get_kpi_target (TrailAction *self);
const char          *trail_action_get_metric     (TrailAction *self);

/* A new action with @title addressing @cards (ids of the map's cards, or
 * NULL), status "idea", at @index in the list (-1 appends). One undo step,
 * "Add Action". Set the rest with trail_document_update(). */
TrailAction         *trail_document_add_action   (TrailDocument       *document,
                                                  int                  index,
                                                  const char          *title,
                                                  const char * const  *cards);
void                 trail_document_remove_action (TrailDocument      *document,
                                                   TrailAction        *action);
/* The actions that address @card, in list order; the array owns
 * references. */
GPtrArray           *trail_document_dup_card_actions (TrailDocument   *document,
                                                      TrailCard       *card);

/* "idea", "planned", "in-progress", "done", "dropped" (the file's words),
 * and a translated label ("In progress"). */
const char          *trail_action_status_to_string (TrailActionStatus status);
const char          *trail_action_status_get_label (TrailActionStatus status);

/* The actions as CSV (RFC 4180, UTF-8, a header row): title, status,
 * owner, due, the addressed cards' texts, KPI, target, the metric's name
 * and latest value. */
GBytes              *trail_document_actions_to_csv (TrailDocument    *document);

/* "YYYY-MM-DD" naming a real day. */
gboolean             trail_action_due_is_valid   (const char  *due);

G_END_DECLS
