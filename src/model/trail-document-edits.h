/* trail-document-edits.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-document.h"
#include "trail-selection.h"

G_BEGIN_DECLS

/* The editing verbs every view shares: the canvas, the palette, the
 * inspector and the tests call these rather than composing the primitive
 * edits of trail-document.h themselves, so the views cannot drift apart.
 * Each call is ONE undo step (nothing is recorded when nothing changes),
 * named for what the user did ("Move Cards", "Remove Stage", "Paste").
 *
 * Card arrays are (TrailCard * const *cards, guint n_cards); every card must
 * belong to the document. */

/* Map order: by stage, then lane, then place in the cell — the order in
 * which the map is read, left to right. Returns a new array holding
 * references; @cards is left alone. */
GPtrArray   *trail_document_sort_cards          (TrailDocument      *self,
                                                 TrailCard * const  *cards,
                                                 guint               n_cards);

/* Moves @cards, from any cells, into the cell (@lane, @stage), one after
 * the other in map order, before the card that is at @index in that cell
 * now (@index counts the cell as it is before the move, moved cards
 * included: what a drop between two cards means). -1 or an index past the
 * end appends. Moving cards within their own cell reorders them.
 * @lane must not be an emotions lane. */
void         trail_document_move_cards          (TrailDocument      *self,
                                                 TrailCard * const  *cards,
                                                 guint               n_cards,
                                                 TrailLane          *lane,
                                                 TrailStage         *stage,
                                                 int                 index);

/* Removes any mix of items: cards, stages, lanes, personas, emotion lines
 * and points (items already removed by an earlier one, a card of a removed
 * stage say, are skipped). Returns how many of @items were removed. */
guint        trail_document_remove_items        (TrailDocument      *self,
                                                 gpointer const     *items,
                                                 guint               n_items);
/* Removes what @selection holds (cards or its object) and empties the
 * selection first, so views see one selection change. Removing nothing
 * (the map itself is selected) returns 0. */
guint        trail_document_remove_selection    (TrailDocument      *self,
                                                 TrailSelection     *selection);

/* Tags (@tagged TRUE) or untags @persona_id on every card; idempotent: a
 * card never gets the same tag twice, and cards already in the wanted
 * state are left alone. */
void         trail_document_set_persona_tag     (TrailDocument      *self,
                                                 TrailCard * const  *cards,
                                                 guint               n_cards,
                                                 const char         *persona_id,
                                                 gboolean            tagged);
/* TRUE when @card carries @persona_id. */
gboolean     trail_card_has_persona_tag         (TrailCard          *card,
                                                 const char         *persona_id);

/* One card per non-empty line of @text (lines are stripped; invalid UTF-8
 * is repaired; a line over the file's text limit is cut at a character),
 * placed in order at @index of the cell (-1 appends).
 * Returns the new cards (transfer container; may be empty), one undo step
 * "Add Cards"; or NULL and TRAIL_DOCUMENT_ERROR_LIMIT, changing nothing,
 * when so many cards would take the map past its limits. */
GPtrArray   *trail_document_add_cards_from_text (TrailDocument      *self,
                                                 TrailLane          *lane,
                                                 TrailStage         *stage,
                                                 int                 index,
                                                 const char         *text,
                                                 GError            **error);

/* A new card at @index of the cell (-1 appends) with its fields given at
 * once, as property/value pairs ending with NULL ("text", "evidence",
 * "details", …), checked as trail_document_update() checks them: ONE
 * change (one undo step named @label, one TrailDocument::changed), where
 * adding then updating would be two or three. Persona and channel ids the
 * map does not know are dropped. Returns the card (owned by the document),
 * or NULL after a critical for a field that is not a card's or a value
 * it refuses. */
TrailCard   *trail_document_add_card_with       (TrailDocument      *self,
                                                 TrailLane          *lane,
                                                 TrailStage         *stage,
                                                 int                 index,
                                                 const char         *label,
                                                 const char         *first_property,
                                                 ...) G_GNUC_NULL_TERMINATED;

/* A copy of each card (every field, unknown ones included; new ids), each
 * right after its original, in one undo step. Returns the copies in the
 * order of @cards (transfer container). */
GPtrArray   *trail_document_duplicate_cards     (TrailDocument      *self,
                                                 TrailCard * const  *cards,
                                                 guint               n_cards);

/* Adds @delta votes to each card (negative removes), clamped to 0 … the
 * most a card holds. */
void         trail_document_add_votes           (TrailDocument      *self,
                                                 TrailCard * const  *cards,
                                                 guint               n_cards,
                                                 int                 delta);

/* Gives each card a standard channel (@custom NULL; TRAIL_CHANNEL_NONE for
 * none) or one of the map's own channels (@custom, @channel ignored: the
 * card's "channel" becomes TRAIL_CHANNEL_OTHER). One undo step. */
void         trail_document_set_card_channel    (TrailDocument      *self,
                                                 TrailCard * const  *cards,
                                                 guint               n_cards,
                                                 TrailChannel        channel,
                                                 TrailCustomChannel *custom);

/* The label a card's channel shows: the map channel's name, else the
 * standard channel's translated label; NULL when the card has none. */
const char  *trail_document_get_card_channel_label (TrailDocument   *self,
                                                    TrailCard       *card);

/* ---- Clipboard -------------------------------------------------------- */

/* The MIME type of copied cards. The content is
 *   { "format": "trailmap-cards", "version": N, "cards": [ … ] }
 * where each card is written exactly as in a .trailmap file (the same
 * field table: the same keys, "personas" for tags, unknown fields kept),
 * so any field added to the file format travels through copy and paste. */
#define TRAIL_CARDS_MIME_TYPE "application/x-trailmap-cards+json"

GBytes      *trail_document_copy_cards          (TrailDocument      *self,
                                                 TrailCard * const  *cards,
                                                 guint               n_cards);
/* The same cards as plain text for other applications: one card per line
 * (a card's own line breaks become spaces). */
char        *trail_cards_to_text                (TrailCard * const  *cards,
                                                 guint               n_cards);

/* Pastes cards copied with trail_document_copy_cards(), from this map or
 * another, at @index of the cell (-1 appends), in one undo step "Paste".
 * The content goes through the file loader's checks and limits; hostile or
 * broken content is refused with a TRAIL_DOCUMENT_ERROR and changes
 * nothing. Persona tags this map does not have are dropped. Returns the new
 * cards (transfer container), or NULL on error. */
GPtrArray   *trail_document_paste_cards         (TrailDocument      *self,
                                                 GBytes             *content,
                                                 TrailLane          *lane,
                                                 TrailStage         *stage,
                                                 int                 index,
                                                 GError            **error);
/* Pastes plain text: one card per non-empty line, one undo step "Paste";
 * as trail_document_add_cards_from_text(), all the lines or, past the
 * limits, none and an error. */
GPtrArray   *trail_document_paste_text          (TrailDocument      *self,
                                                 const char         *text,
                                                 gssize              len,
                                                 TrailLane          *lane,
                                                 TrailStage         *stage,
                                                 int                 index,
                                                 GError            **error);

G_END_DECLS
