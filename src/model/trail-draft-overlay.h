/* trail-draft-overlay.h — text typed and not committed, laid over a draft
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-document.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_DRAFT_OVERLAY (trail_draft_overlay_get_type())

G_DECLARE_FINAL_TYPE (TrailDraftOverlay, trail_draft_overlay, TRAIL, DRAFT_OVERLAY, GObject)

/* What a view holds while the user types (an inline editor's text), for a
 * draft of @document to keep without committing it: a text in place of one
 * property of an item (a card's text, a stage's name, a lane's title) and
 * a card not added yet. trail_document_serialize_overlaid() writes the
 * document as if those edits were made, with no copy of the document and
 * no second parse: at 20,000 cards a draft written while typing costs
 * about what any other draft costs (bench/draft.c).
 *
 * Texts that no edit would accept (not UTF-8, longer than
 * TRAIL_FILE_MAX_STRING) are refused with a critical, as the edits refuse
 * them. Items not in @document are ignored. */
TrailDraftOverlay *trail_draft_overlay_new          (TrailDocument      *document);
TrailDocument     *trail_draft_overlay_get_document (TrailDraftOverlay  *self);

/* @item is a stage, lane or card of the document; @property a string
 * property of it ("name", "title", "text"). */
void               trail_draft_overlay_set_text     (TrailDraftOverlay  *self,
                                                     gpointer            item,
                                                     const char         *property,
                                                     const char         *text);
/* A card with @text at @index of the cell (-1: at its end), as
 * trail_document_add_card() would put it, with @channel or the map's own
 * channel @custom (the card is then an "Other" one). One per overlay. */
void               trail_draft_overlay_add_card     (TrailDraftOverlay  *self,
                                                     TrailLane          *lane,
                                                     TrailStage         *stage,
                                                     int                 index,
                                                     const char         *text,
                                                     TrailChannel        channel,
                                                     TrailCustomChannel *custom);
/* Whether anything was laid over the document. */
gboolean           trail_draft_overlay_is_empty     (TrailDraftOverlay  *self);

G_END_DECLS
