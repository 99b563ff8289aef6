/* trail-document.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "trail-types.h"
#include "trail-persona.h"
#include "trail-stage.h"
#include "trail-lane.h"
#include "trail-card.h"
#include "trail-emotion-line.h"
#include "trail-custom-channel.h"
#include "trail-survey.h"
#include "trail-action.h"
#include "trail-voting-types.h"

G_BEGIN_DECLS

/* trail-draft-overlay.h; declared here too for trail_document_prepare_draft(). */
typedef struct _TrailDraftOverlay TrailDraftOverlay;

#define TRAIL_TYPE_DOCUMENT (trail_document_get_type())

G_DECLARE_FINAL_TYPE (TrailDocument, trail_document, TRAIL, DOCUMENT, GObject)

/* TrailDocument owns a journey map. Every change goes through the edit API
 * below; each call is one undoable command unless it runs between
 * trail_document_begin_group() and trail_document_end_group(), which make one
 * undo step of everything in between (a drag, a paste, a template).
 *
 * Properties: "title", "objective", "scope", "notes" (read-only outside the
 * model; set with trail_document_update()), "scale-min", "scale-max" (int),
 * "can-undo", "can-redo", "modified" (booleans), "undo-label",
 * "redo-label" (translated, e.g. "Move Card"; NULL when there is nothing).
 *
 * Signals:
 *   changed (TrailChangeFlags what, GObject *object)
 *     emitted after every primitive change (and again for each change that
 *     undo or redo applies); @object is the stage, lane, card, persona, line
 *     or point affected, or the document itself. Views follow this one
 *     signal; the GListModels also emit items-changed.
 *   pending-edit ()
 *     a view holds text typed and not committed yet (an open inline
 *     editor, an inspector field): a draft is due although nothing changed.
 *   prepare-draft (TrailDraftOverlay *draft) → gboolean
 *     emitted before a draft is written; see trail_document_prepare_draft().
 */

TrailDocument     *trail_document_new               (void);
/* A document with the usual lanes, a few empty stages, the default scale and
 * one emotion line for everyone: what "Blank" gives. */
TrailDocument     *trail_document_new_blank         (void);

const char        *trail_document_get_title         (TrailDocument *self);
const char        *trail_document_get_objective     (TrailDocument *self);
const char        *trail_document_get_scope         (TrailDocument *self);
const char        *trail_document_get_notes         (TrailDocument *self);
/* The map's own id ("map-id"; NULL in maps that never had a future
 * state), and in a future state the id and file name of the map it is
 * the future of ("current-state-id", "current-state-file"; NULL
 * otherwise). See trail-future-state.h. */
const char        *trail_document_get_map_id        (TrailDocument *self);
const char        *trail_document_get_current_state_id   (TrailDocument *self);
const char        *trail_document_get_current_state_file (TrailDocument *self);

/* Emotion scale: whole numbers min < max (at most 100 steps apart); one label
 * per step, index 0 is min. The default is -2 … +2 labelled
 * "Very negative", "Negative", "Neutral", "Positive", "Very positive". */
int                trail_document_get_scale_min     (TrailDocument *self);
int                trail_document_get_scale_max     (TrailDocument *self);
/* The label for a whole step (clamped to the scale); never NULL. */
const char        *trail_document_get_scale_label   (TrailDocument *self,
                                                     int            step);
/* The labels given with trail_document_set_scale(), or NULL when the scale
 * uses generic ones. */
const char * const *trail_document_get_scale_labels (TrailDocument *self);
/* The scale's neutral value: 0 when it lies within the scale, else the middle. */
double             trail_document_get_scale_neutral (TrailDocument *self);

/* Ordered collections. */
GListModel        *trail_document_get_personas      (TrailDocument *self); /* TrailPersona */
GListModel        *trail_document_get_stages        (TrailDocument *self); /* TrailStage */
GListModel        *trail_document_get_lanes         (TrailDocument *self); /* TrailLane */
GListModel        *trail_document_get_cards         (TrailDocument *self); /* TrailCard, all of them */
GListModel        *trail_document_get_emotion_lines (TrailDocument *self); /* TrailEmotionLine */
/* The map's own channels (TrailCustomChannel), after the ten standard ones
 * of TrailChannel in every list the user sees. */
GListModel        *trail_document_get_channels      (TrailDocument *self);
/* Imported surveys (TrailSurvey) and their measured emotions per stage
 * (TrailSurveyResult); see trail-survey-import.h for how they are made. */
GListModel        *trail_document_get_surveys       (TrailDocument *self);
GListModel        *trail_document_get_survey_results (TrailDocument *self);
/* What the team does about the map (TrailAction); see trail-action.h. */
GListModel        *trail_document_get_actions       (TrailDocument *self);
TrailAction       *trail_document_find_action       (TrailDocument *self, const char *id);
/* Dot-voting rounds (TrailVoteRound) and their participants (TrailVoter,
 * each holding its dots); see trail-voting.h. */
GListModel        *trail_document_get_vote_rounds   (TrailDocument *self);
GListModel        *trail_document_get_voters        (TrailDocument *self);

/* Lookups by id; NULL when unknown. O(1). */
TrailPersona      *trail_document_find_persona      (TrailDocument *self, const char *id);
TrailStage        *trail_document_find_stage        (TrailDocument *self, const char *id);
TrailLane         *trail_document_find_lane         (TrailDocument *self, const char *id);
TrailCard         *trail_document_find_card         (TrailDocument *self, const char *id);
TrailEmotionLine  *trail_document_find_emotion_line (TrailDocument *self, const char *id);
TrailEmotionPoint *trail_document_find_emotion_point (TrailDocument *self, const char *id);
TrailCustomChannel *trail_document_find_channel     (TrailDocument *self, const char *id);
TrailSurvey       *trail_document_find_survey       (TrailDocument *self, const char *id);
/* The line of @persona_id (NULL for the line for everyone), or NULL. */
TrailEmotionLine  *trail_document_find_line_for_persona (TrailDocument *self,
                                                         const char    *persona_id);
guint              trail_document_get_stage_index   (TrailDocument *self, TrailStage *stage);
guint              trail_document_get_lane_index    (TrailDocument *self, TrailLane  *lane);

/* The cards of one cell in order; transfer container (the array owns no
 * references; do not keep it across edits). Never NULL. Cost is O(cards in
 * the cell), the document keeps a per-cell index. */
GPtrArray         *trail_document_get_cell_cards    (TrailDocument *self,
                                                     TrailLane     *lane,
                                                     TrailStage    *stage);
/* The index of @card within its cell. */
guint              trail_document_get_card_index    (TrailDocument *self,
                                                     TrailCard     *card);

/* ---- Edits: each one undoable ---------------------------------------- */

/* Group several edits into one undo step named @label (translated, e.g.
 * _("Paste")). Groups nest; only the outermost label counts. */
void               trail_document_begin_group       (TrailDocument *self,
                                                     const char    *label);
void               trail_document_end_group         (TrailDocument *self);

/* Set properties of the document itself or of one of its items (persona,
 * stage, lane, card, point), like g_object_set():
 *   trail_document_update (doc, card, "text", "Calls support", "votes", 3, NULL);
 * One undoable command labelled after the item ("Edit Card"). Values that do
 * not change are not recorded; an update that changes nothing records
 * nothing. Setting an id, or a card's "lane-id"/"stage-id", is refused (use
 * trail_document_move_card()). Invalid values (unknown persona tag, a score
 * outside the scale, a bad colour) are refused with a g_critical. */
void               trail_document_update            (TrailDocument *self,
                                                     gpointer       item,
                                                     const char    *first_property,
                                                     ...) G_GNUC_NULL_TERMINATED;
void               trail_document_update_value      (TrailDocument *self,
                                                     gpointer       item,
                                                     const char    *property,
                                                     const GValue  *value);

/* Stages. @index -1 appends. Removing a stage removes its cards and emotion
 * points; undo brings them all back in place. */
TrailStage        *trail_document_add_stage         (TrailDocument *self,
                                                     int            index,
                                                     const char    *name);
void               trail_document_remove_stage      (TrailDocument *self,
                                                     TrailStage    *stage);
void               trail_document_move_stage        (TrailDocument *self,
                                                     TrailStage    *stage,
                                                     guint          new_index);

/* Lanes. Removing a lane removes its cards. */
TrailLane         *trail_document_add_lane          (TrailDocument *self,
                                                     int            index,
                                                     TrailLaneKind  kind,
                                                     const char    *title);
void               trail_document_remove_lane       (TrailDocument *self,
                                                     TrailLane     *lane);
void               trail_document_move_lane         (TrailDocument *self,
                                                     TrailLane     *lane,
                                                     guint          new_index);

/* Cards. @index within the cell, -1 appends. Move covers both moving to
 * another cell and reordering within one; there @index is where the card
 * ends up (in a cell [A, B, C], moving A to 1 gives [B, A, C]). Emotions
 * lanes hold no cards. */
TrailCard         *trail_document_add_card          (TrailDocument *self,
                                                     TrailLane     *lane,
                                                     TrailStage    *stage,
                                                     int            index,
                                                     const char    *text);
void               trail_document_remove_card       (TrailDocument *self,
                                                     TrailCard     *card);
void               trail_document_move_card         (TrailDocument *self,
                                                     TrailCard     *card,
                                                     TrailLane     *lane,
                                                     TrailStage    *stage,
                                                     int            index);
/* A copy of @card (new id) placed right after it in its cell. */
TrailCard         *trail_document_duplicate_card    (TrailDocument *self,
                                                     TrailCard     *card);

/* Personas. Adding the first persona gives it the line for everyone, if that
 * line exists; otherwise a new line. Removing a persona removes its line, its
 * tags on cards and its link from lanes; undo restores all of them. The last
 * persona's line is kept as the line for everyone (the reverse of adding
 * the first), unless there already is one. */
TrailPersona      *trail_document_add_persona       (TrailDocument *self,
                                                     int            index,
                                                     const char    *name);
void               trail_document_remove_persona    (TrailDocument *self,
                                                     TrailPersona  *persona);
void               trail_document_move_persona      (TrailDocument *self,
                                                     TrailPersona  *persona,
                                                     guint          new_index);

/* The map's own channels. @index -1 appends; @icon NULL gives the first of
 * trail_custom_channel_list_icons(). Rename or change the icon with
 * trail_document_update (doc, channel, "name", …, "icon", …). Removing a
 * channel takes it off its cards (they stay "Other channel"); undo puts it
 * back on them. Give a card a channel with trail_document_set_card_channel()
 * (trail-document-edits.h). */
TrailCustomChannel *trail_document_add_channel      (TrailDocument      *self,
                                                     int                 index,
                                                     const char         *name,
                                                     const char         *icon);
void               trail_document_remove_channel    (TrailDocument      *self,
                                                     TrailCustomChannel *channel);
void               trail_document_move_channel      (TrailDocument      *self,
                                                     TrailCustomChannel *channel,
                                                     guint               new_index);

/* Emotion lines and points. */
TrailEmotionLine  *trail_document_add_emotion_line  (TrailDocument *self,
                                                     const char    *persona_id);
void               trail_document_remove_emotion_line (TrailDocument    *self,
                                                       TrailEmotionLine *line);
TrailEmotionPoint *trail_document_add_emotion_point (TrailDocument    *self,
                                                     TrailEmotionLine *line,
                                                     TrailStage       *stage,
                                                     double            position,
                                                     double            score,
                                                     const char       *note);
void               trail_document_remove_emotion_point (TrailDocument     *self,
                                                        TrailEmotionPoint *point);
/* Move a point along the journey and/or to another score (a drag). */
void               trail_document_set_emotion_point (TrailDocument     *self,
                                                     TrailEmotionPoint *point,
                                                     TrailStage        *stage,
                                                     double             position,
                                                     double             score);
TrailEmotionLine  *trail_document_find_line_for_point (TrailDocument     *self,
                                                       TrailEmotionPoint *point);

/* Change the scale. Existing scores are mapped linearly from the old range to
 * the new one and rounded to whole steps; @labels holds max - min + 1
 * strings, or NULL for generic labels. Undoable. */
void               trail_document_set_scale         (TrailDocument       *self,
                                                     int                  min,
                                                     int                  max,
                                                     const char * const  *labels);

/* ---- Undo ----------------------------------------------------------- */
gboolean           trail_document_get_can_undo      (TrailDocument *self);
gboolean           trail_document_get_can_redo      (TrailDocument *self);
const char        *trail_document_get_undo_label    (TrailDocument *self);
const char        *trail_document_get_redo_label    (TrailDocument *self);
void               trail_document_undo              (TrailDocument *self);
void               trail_document_redo              (TrailDocument *self);

/* "modified" is against the last save or load; trail_document_save*() and
 * the loader call set_saved. */
gboolean           trail_document_get_modified      (TrailDocument *self);
void               trail_document_set_saved         (TrailDocument *self);
/* Counts the document as modified at every point of its history until the
 * next save (a map recovered from a draft). */
void               trail_document_mark_unsaved      (TrailDocument *self);
/* Forgets the undo history and counts the current state as saved. */
void               trail_document_clear_history     (TrailDocument *self);

/* A deep comparison of two documents' content (not undo history). */
gboolean           trail_document_equal             (TrailDocument *a,
                                                     TrailDocument *b);

/* ---- Text not committed yet ------------------------------------------- */

/* Drafts must keep what is still being typed (the docs promise that every
 * edit older than the draft delay survives a crash), without committing it:
 * that would close the editor or add undo steps while the user types.
 * A view holding such text calls trail_document_note_pending_edit() when
 * it changes. Before a draft is written, trail_document_prepare_draft() is
 * called first with @draft %NULL — views commit what they can commit
 * anyway (a field whose commit was only delayed) and return whether text
 * is still held — and then, if any is, with @draft an overlay
 * (trail-draft-overlay.h) onto which each view lays its text; the draft is
 * the document serialized with it, trail_document_serialize_overlaid(). */
void               trail_document_note_pending_edit (TrailDocument *self);
gboolean           trail_document_prepare_draft     (TrailDocument     *self,
                                                     TrailDraftOverlay *draft);

G_END_DECLS
