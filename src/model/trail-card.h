/* trail-card.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-types.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_CARD (trail_card_get_type())

G_DECLARE_FINAL_TYPE (TrailCard, trail_card, TRAIL, CARD, GObject)

/* Properties: "id", "lane-id", "stage-id", "text", "details",
 * "channel" (TrailChannel), "persona-tags" (GStrv of persona ids),
 * "evidence" (TrailEvidence), "evidence-source" (TrailEvidenceSource),
 * "evidence-note" (note or link), "priority" (TrailPriority),
 * "color" ("#rrggbb" or NULL for the lane kind's colour), "votes" (uint),
 * "custom-channel" (the id of one of the map's own channels, or NULL; the
 * card's "channel" is then TRAIL_CHANNEL_OTHER, see trail-custom-channel.h),
 * "survey" and "survey-key" (the survey a quote card was made from, and the
 * respondent or row it quotes, so a refresh finds it again; NULL for cards
 * people write; see trail-survey-import.h).
 *
 * The order of a card within its cell is its order in
 * trail_document_get_cell_cards(). */
const char          *trail_card_get_id              (TrailCard *self);
const char          *trail_card_get_lane_id         (TrailCard *self);
const char          *trail_card_get_stage_id        (TrailCard *self);
const char          *trail_card_get_text            (TrailCard *self);
const char          *trail_card_get_details         (TrailCard *self);
TrailChannel         trail_card_get_channel         (TrailCard *self);
const char * const  *trail_card_get_persona_tags    (TrailCard *self);
TrailEvidence        trail_card_get_evidence        (TrailCard *self);
TrailEvidenceSource  trail_card_get_evidence_source (TrailCard *self);
const char          *trail_card_get_evidence_note   (TrailCard *self);
TrailPriority        trail_card_get_priority        (TrailCard *self);
const char          *trail_card_get_color           (TrailCard *self);
guint                trail_card_get_votes           (TrailCard *self);
const char          *trail_card_get_custom_channel  (TrailCard *self);
const char          *trail_card_get_survey          (TrailCard *self);
const char          *trail_card_get_survey_key      (TrailCard *self);

/* Metric cards (usually in a KPIs lane): the card's text is the metric's
 * name; "metric-values" holds dated values, each "DATE=NUMBER" with DATE
 * YYYY-MM or YYYY-MM-DD ("2026-03=3.1"), "metric-unit" its unit ("%"),
 * "metric-target" an optional target, a number as text ("3.5"). A card
 * with dated values is a metric card; its value is the latest. */
typedef struct
{
  char   date[11];
  double value;
} TrailMetricValue;

gboolean             trail_card_is_metric           (TrailCard *self);
const char          *trail_card_get_metric_unit     (TrailCard *self);
gboolean             trail_card_get_metric_target   (TrailCard *self,
                                                     double    *target);
const char * const  *trail_card_get_metric_values   (TrailCard *self);
/* The values in date order (TrailMetricValue); free with g_array_unref(). */
GArray              *trail_card_dup_metric_series   (TrailCard *self);
/* Reads "3.5" (a plain number, as the file writes them), and
 * "2026-03=3.1"; @date holds 11 bytes. Either out argument may be NULL. */
gboolean             trail_metric_number_parse      (const char *text,
                                                     double     *number);
gboolean             trail_metric_value_parse       (const char *entry,
                                                     char       *date,
                                                     double     *value);

G_END_DECLS
