/* trail-selection.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-document.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_SELECTION (trail_selection_get_type())

G_DECLARE_FINAL_TYPE (TrailSelection, trail_selection, TRAIL, SELECTION, GObject)

/* TrailSelection is the one place that says what the user is working on in
 * a document, so that the canvas, the palette and the inspector follow it
 * instead of each keeping a copy:
 *
 *  - the selected items: either an ordered set of cards (in the order they
 *    were selected), or one other item (a TrailStage, TrailLane,
 *    TrailPersona, TrailEmotionLine, TrailEmotionPoint or TrailCustomChannel),
 *    or nothing, which means the map itself;
 *  - the keyboard's cell (a lane and a stage), where typing adds a card;
 *  - the active persona: the id of the persona whose emotion line a click in
 *    the emotions lane edits, or NULL for the line for everyone.
 *
 * It follows TrailDocument::changed and prunes itself: an item that leaves
 * the document (removed, or an addition undone) leaves the selection; the
 * cursor moves to a valid cell (the same position, clamped, or none when the
 * map has no stage or no lane); a removed persona clears the active persona.
 * It holds references to everything it points at, so it never dangles.
 *
 * Properties:
 *   "document"       TrailDocument, construct-only
 *   "object"         GObject, the selected non-card item or NULL (read-only)
 *   "n-cards"        guint, number of selected cards (read-only)
 *   "cursor-lane"    TrailLane or NULL (read-only; use set_cursor)
 *   "cursor-stage"   TrailStage or NULL (read-only; use set_cursor)
 *   "active-persona" string, a persona id or NULL
 * Each is notified only when it changes.
 *
 * Signals:
 *   changed ()
 *     emitted once after each change of the selected items (cards or
 *     object), whatever the cause — a call below or pruning. Not emitted for
 *     the cursor or the active persona: use notify for those.
 */

TrailSelection  *trail_selection_new                (TrailDocument  *document);
TrailDocument   *trail_selection_get_document       (TrailSelection *self);

/* ---- Selected items ------------------------------------------------- */

/* The selected cards, in selection order; transfer none (owned by the
 * selection, valid until its next change). Never NULL; empty when an object
 * or nothing is selected. */
GPtrArray       *trail_selection_get_cards          (TrailSelection *self);
guint            trail_selection_get_n_cards        (TrailSelection *self);
/* The selected card when exactly one is, else NULL. */
TrailCard       *trail_selection_get_single_card    (TrailSelection *self);
/* The selected non-card item, or NULL. Transfer none. */
GObject         *trail_selection_get_object         (TrailSelection *self);
/* TRUE when nothing is selected (the map itself). */
gboolean         trail_selection_is_empty           (TrailSelection *self);
gboolean         trail_selection_contains_card      (TrailSelection *self,
                                                     TrailCard      *card);
/* TRUE when @item (a card or any other item) is selected. */
gboolean         trail_selection_contains           (TrailSelection *self,
                                                     gpointer        item);

/* Replaces the selection with @n_cards cards (duplicates and cards not in
 * the document are skipped). @n_cards 0 clears it. */
void             trail_selection_select_cards       (TrailSelection *self,
                                                     TrailCard * const *cards,
                                                     guint           n_cards);
void             trail_selection_select_card        (TrailSelection *self,
                                                     TrailCard      *card);
/* Replaces the selection with one item: a card (same as select_card), a
 * stage, lane, persona, emotion line or point, or channel of the document;
 * NULL or the
 * document itself clears the selection. */
void             trail_selection_select_object      (TrailSelection *self,
                                                     gpointer        object);
/* Adds @card to the selected cards, or removes it when it is selected
 * (Ctrl+click). A selected object is dropped first. */
void             trail_selection_toggle_card        (TrailSelection *self,
                                                     TrailCard      *card);
/* Adds @card at the end of the selected cards if missing (Shift+click,
 * rubber band). A selected object is dropped first. */
void             trail_selection_add_card           (TrailSelection *self,
                                                     TrailCard      *card);
void             trail_selection_clear              (TrailSelection *self);

/* ---- The keyboard's cell -------------------------------------------- */

/* Transfer none; either may be NULL only when the map has no lane or no
 * stage. Both out arguments may be NULL. */
void             trail_selection_get_cursor         (TrailSelection *self,
                                                     TrailLane     **lane,
                                                     TrailStage    **stage);
TrailLane       *trail_selection_get_cursor_lane    (TrailSelection *self);
TrailStage      *trail_selection_get_cursor_stage   (TrailSelection *self);
/* Both must belong to the document (or be NULL to let the selection pick
 * the first lane or stage). */
void             trail_selection_set_cursor         (TrailSelection *self,
                                                     TrailLane      *lane,
                                                     TrailStage     *stage);

/* ---- The active persona --------------------------------------------- */

/* The id of the checked persona, or NULL for the line for everyone. */
const char      *trail_selection_get_active_persona (TrailSelection *self);
/* @persona_id must name a persona of the document, or be NULL. */
void             trail_selection_set_active_persona (TrailSelection *self,
                                                     const char     *persona_id);
/* The emotion line a click in @lane (an emotions lane, or NULL) edits: the
 * checked persona's line when one is checked (it wins over the lane's own
 * persona, so the user's choice is never ignored), else the line of the
 * lane's persona, else the line for everyone, else the first persona's.
 * NULL when that line does not exist yet; the caller may add it with
 * trail_document_add_emotion_line (doc, persona_id), @persona_id being set
 * to the persona chosen (NULL for everyone). Out argument may be NULL. */
TrailEmotionLine *trail_selection_get_active_line   (TrailSelection *self,
                                                     TrailLane      *lane,
                                                     const char    **persona_id);

G_END_DECLS
