/* trail-find.h — finding a map's cards, stages, lanes and personas by text
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-document.h"

G_BEGIN_DECLS

/* @text folded for matching: compatibility-decomposed, accents and other
 * combining marks dropped, case-folded ("Café" → "cafe"). */
char      *trail_find_fold          (const char    *text);

/* The items whose text holds @query (folded both sides; a blank query
 * finds nothing), in the order the map is read: personas, stages, lanes,
 * then cards by stage, lane and place in the cell. A card matches on its
 * text or details, a stage on its name or description, a lane on its
 * title, a persona on its name or role. Transfer container. */
GPtrArray *trail_document_find_text (TrailDocument *self,
                                     const char    *query);

G_END_DECLS
