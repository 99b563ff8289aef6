/* trail-ratings.h — the crowd's ratings of a map's stages
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-document.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_RATING (trail_rating_get_type())

G_DECLARE_FINAL_TYPE (TrailRating, trail_rating, TRAIL, RATING, GObject)

/* A room's worth of phones: the session's participant limit. */
#define TRAIL_RATING_MAX_PER_STAGE   200
/* Characters of a rating's word (what a phone may send, the session's limit). */
#define TRAIL_RATING_MAX_WORD        40
/* Characters of a rater's shown name. */
#define TRAIL_RATING_MAX_NAME        80
/* Bytes of a participant key (a room participant's id, or a name). */
#define TRAIL_RATING_MAX_PARTICIPANT 128

#define TRAIL_RATING_ERROR (trail_rating_error_quark ())

typedef enum
{
  TRAIL_RATING_ERROR_INVALID,  /* off the scale, a bad word, name or key */
  TRAIL_RATING_ERROR_LIMIT,    /* the stage holds TRAIL_RATING_MAX_PER_STAGE ratings */
} TrailRatingError;

GQuark       trail_rating_error_quark        (void);

/* One participant's rating of one stage, kept in the file's optional
 * "ratings" list: "id", "stage", "participant" (a stable key: the room
 * participant's id or a name), "name" (shown; absent: anonymous), "score"
 * (a whole step of the map's scale) and "word" (optional). One record per
 * participant and stage, so two copies of a map in which different people
 * rated merge in git, and re-rating changes one line. */
const char  *trail_rating_get_id             (TrailRating *self);
const char  *trail_rating_get_stage_id       (TrailRating *self);
const char  *trail_rating_get_participant    (TrailRating *self);
const char  *trail_rating_get_name           (TrailRating *self);
int          trail_rating_get_score          (TrailRating *self);
const char  *trail_rating_get_word           (TrailRating *self);

/* Sets or replaces (re-rate) @participant's rating of @stage: one undo step
 * "Rate Stage". @name and @word are trimmed; empty means none. Refused
 * (FALSE and a translated message) when the score is off the map's scale,
 * the word is longer than TRAIL_RATING_MAX_WORD characters or holds control
 * characters, the name or key is bad, or the stage already holds
 * TRAIL_RATING_MAX_PER_STAGE ratings from others. */
gboolean     trail_document_rate_stage       (TrailDocument  *self,
                                              TrailStage     *stage,
                                              const char     *participant,
                                              const char     *name,
                                              int             score,
                                              const char     *word,
                                              GError        **error);
/* Removes @participant's rating of @stage: one undo step "Remove Rating".
 * FALSE when there was none. */
gboolean     trail_document_unrate_stage     (TrailDocument  *self,
                                              TrailStage     *stage,
                                              const char     *participant);
/* Removes every rating of @stage: one undo step "Clear Ratings". Returns
 * how many were removed. */
guint        trail_document_clear_stage_ratings (TrailDocument *self,
                                                 TrailStage    *stage);
/* Every rating of the map (TrailRating), by participant, then stage. */
GListModel  *trail_document_get_ratings      (TrailDocument  *self);
/* This participant's rating of @stage, or NULL (transfer none). */
TrailRating *trail_document_find_rating      (TrailDocument  *self,
                                              TrailStage     *stage,
                                              const char     *participant);
/* All ratings of @stage in file order (transfer container). */
GPtrArray   *trail_document_dup_stage_ratings (TrailDocument *self,
                                               TrailStage    *stage);
/* The rating's shown name: its name, else "Anonymous". */
char        *trail_rating_dup_label          (TrailRating    *self);

typedef enum
{
  TRAIL_CROWD_MEAN,
  TRAIL_CROWD_MEDIAN,
} TrailCrowdStatistic;

typedef struct
{
  guint  n;
  double centre;
  double low;
  double high;
  double spread;  /* the sample standard deviation (mean), the interquartile range (median); unclamped */
} TrailCrowdPoint;

/* centre = mean or median (the map's setting); low/high = the spread band:
 * mean ± the sample standard deviation clamped to the scale, or the
 * interquartile range (interpolated quantiles, as survey imports compute
 * them) for the median. FALSE when the stage has no ratings. */
gboolean     trail_document_crowd_point      (TrailDocument   *self,
                                              TrailStage      *stage,
                                              TrailCrowdPoint *out);
/* Every rated stage's point in one pass over the ratings, for drawing the
 * line: stage id (string) → TrailCrowdPoint (owned by the table). */
GHashTable  *trail_document_dup_crowd_points (TrailDocument   *self);
/* @value with its sign and one decimal, for text: "+1.2", "−0.4", "0.0". */
char        *trail_crowd_format_value        (double           value);
/* The crowd's point of a stage for text exports, without the scale label:
 * "mean +1.2 ± 0.6, n = 7" or "median +1.0, IQR +0.5 to +1.5, n = 7",
 * after the map's statistic (translated). The label to put before it is
 * trail_document_get_scale_label() of the centre, rounded. */
char        *trail_document_dup_crowd_figures (TrailDocument         *self,
                                               const TrailCrowdPoint *point);

typedef struct
{
  char  *word;   /* as the first participant who gave it spelt it */
  guint  count;  /* how many gave it, whatever the case */
} TrailCrowdWord;

/* The words participants gave @stage, once each (compared case-folded),
 * most given first, then in file order; empty when none gave a word
 * (transfer full: TrailCrowdWord, freed with the array). */
GPtrArray   *trail_document_dup_crowd_words  (TrailDocument   *self,
                                              TrailStage      *stage);

/* Whether any stage of the map has a rating. */
gboolean     trail_document_has_ratings      (TrailDocument   *self);

/* The map's "crowd-statistic" (absent in files: the mean). */
TrailCrowdStatistic trail_document_get_crowd_statistic (TrailDocument       *self);
/* One undo step "Change Crowd Line"; nothing when unchanged. */
void         trail_document_set_crowd_statistic (TrailDocument       *self,
                                                 TrailCrowdStatistic  statistic);

G_END_DECLS
