/* trail-diff.h — what changed between two journey maps
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-document.h"

G_BEGIN_DECLS

/* A comparison of an old map with a new one (usually the same map's earlier
 * version, or its future state). Items are matched by id first; what is
 * left is matched by name (stages, lanes, personas) and by text (cards),
 * so two maps made separately from one template still line up. Display
 * free: the render layer draws it, the CLI prints it. */

typedef enum /*< flags >*/
{
  TRAIL_DIFF_ADDED   = 1 << 0,
  TRAIL_DIFF_REMOVED = 1 << 1,
  TRAIL_DIFF_CHANGED = 1 << 2, /* text or another field (cards, actions), description or colour (stages, lanes) */
  TRAIL_DIFF_MOVED   = 1 << 3, /* cards: another cell; stages and lanes: another place in the order */
  TRAIL_DIFF_RENAMED = 1 << 4, /* stages and lanes */
} TrailDiffKind;

typedef struct
{
  char *name;       /* the property: "text", "priority", … */
  char *old_value;  /* as a person reads it; "" when unset */
  char *new_value;
} TrailDiffField;

typedef struct
{
  TrailDiffKind  kind;
  char          *old_id;      /* NULL when added */
  char          *new_id;      /* NULL when removed */
  char          *old_name;    /* a card's text, a stage's or lane's name */
  char          *new_name;
  /* Cards: the old cell, by name, when moved or removed. */
  char          *old_stage;
  char          *old_lane;
  /* Cards: the cell in the new map a removed card belonged in, by the new
   * map's ids (NULL when its stage or lane is gone too). */
  char          *new_stage_id;
  char          *new_lane_id;
  GPtrArray     *fields;      /* TrailDiffField, for TRAIL_DIFF_CHANGED */
} TrailDiffItem;

typedef struct
{
  char     *persona;        /* the persona's name; "Everyone" for the line for everyone */
  char     *new_persona_id; /* NULL for the line for everyone */
  char     *stage;          /* the stage's name in the new map */
  char     *new_stage_id;
  guint     stage_index;    /* in the new map */
  double    old_score;      /* the mean of the line's points in the stage */
  double    new_score;
  double    delta;          /* new − old */
} TrailDiffEmotion;

typedef struct _TrailDiff TrailDiff;

TrailDiff        *trail_diff_new               (TrailDocument *old_doc,
                                                TrailDocument *new_doc);
TrailDiff        *trail_diff_ref               (TrailDiff     *self);
void              trail_diff_unref             (TrailDiff     *self);

TrailDocument    *trail_diff_get_old           (TrailDiff     *self);
TrailDocument    *trail_diff_get_new           (TrailDiff     *self);

/* TrailDiffItem, only items that differ; cards in the new map's order,
 * then removed cards in the old map's order. */
GPtrArray        *trail_diff_get_cards         (TrailDiff     *self);
GPtrArray        *trail_diff_get_stages        (TrailDiff     *self);
GPtrArray        *trail_diff_get_lanes         (TrailDiff     *self);
/* Actions: matched by id, then by title; in the new map's order, then
 * removed ones in the old map's. A changed action's fields are "title",
 * "owner", "due", "status" (the file's words: "planned" → "done"),
 * "cards" (the addressed cards' texts in the new map, sorted), "kpi",
 * "target" and "metric" (the metric card's text). old_id/new_id are the
 * actions' ids, old_name/new_name their titles. */
GPtrArray        *trail_diff_get_actions       (TrailDiff     *self);
/* TrailDiffEmotion, per persona line and stage in the new map's order,
 * where both maps have points in the stage and the mean moved. */
GPtrArray        *trail_diff_get_emotions      (TrailDiff     *self);

/* The difference of the new map's card, stage or lane @new_id; NULL when
 * it is unchanged (or unknown). */
const TrailDiffItem *trail_diff_lookup_new     (TrailDiff     *self,
                                                const char    *new_id);
/* The id of the new map's item that @old_id (a card, stage, lane or
 * persona of the old map) matched, or NULL. */
const char       *trail_diff_match_old         (TrailDiff     *self,
                                                const char    *old_id);

/* The mean score, on the new map's scale, of the old map's line for the
 * persona that matched @new_persona_id (NULL: the line for everyone) in
 * the stage that matched @new_stage_id; FALSE when it has no points
 * there. What a view draws as the old line. */
gboolean          trail_diff_get_old_score     (TrailDiff     *self,
                                                const char    *new_persona_id,
                                                const char    *new_stage_id,
                                                double        *score);

/* How many cards (stages, lanes) are added, removed, … (@kind one flag). */
guint             trail_diff_count             (GPtrArray     *items,
                                                TrailDiffKind  kind);
gboolean          trail_diff_is_empty          (TrailDiff     *self);

/* The @max emotion changes with the largest size, largest first (the
 * array does not own them). */
GPtrArray        *trail_diff_get_biggest_emotions (TrailDiff  *self,
                                                   guint       max);

/* The summary as lines scripts can read (not translated):
 *   cards: N added, N removed, N changed, N moved
 *   stages: N added, N removed, N renamed, N moved
 *   lanes: N added, N removed, N renamed, N moved
 *   actions: N added, N removed, N changed
 *   emotions: N changed
 *   emotion: PERSONA / STAGE: OLD -> NEW (▲ +1.5)
 * one "emotion:" line per change, in the new map's stage order. */
char             *trail_diff_format_summary    (TrailDiff     *self);
/* "▲ +1.5", "▼ −0.5" or "= 0". */
char             *trail_diff_format_delta      (double         delta);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrailDiff, trail_diff_unref)

G_END_DECLS
