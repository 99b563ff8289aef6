/* trail-mermaid.h — Mermaid `journey` diagrams in and out
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "trail-document.h"

G_BEGIN_DECLS

/* Mermaid's journey grammar (its journey.jison), as read here:
 *
 *   journey                      first statement; keywords in any case
 *   title TEXT                   up to a '#'
 *   accTitle: TEXT               one line
 *   accDescr: TEXT | accDescr { … }   one line, or a block up to '}'
 *   section NAME                 up to ':' or '#'
 *   NAME: SCORE[: ACTOR, ACTOR]  a task; SCORE is 1 (worst) … 5 (best)
 *   %% …, # …                    comments
 *
 * and <br> in labels is a line break. Sections become stages, tasks action
 * cards in order (tagged with their actors), actors personas, and each
 * task's score an emotion point on each of its actors' lines (on the line
 * for everyone when it has none), mapped linearly from 1…5 onto the map's
 * scale. A score outside 1…5 is kept in the point's note ("Mermaid score:
 * 7") while the point sits at the end of the scale; the export writes it
 * clamped, with a warning. accTitle titles a map without a title; accDescr
 * is the objective. */

/* TRUE when @text's first statement is `journey`, so that a paste or a
 * file can be told from other text without parsing it all. */
gboolean        trail_mermaid_detect     (const char     *text,
                                          gssize          len);

/* A new map from Mermaid text, through the same strict checks and limits as
 * a .trailmap file. Errors are TRAIL_DOCUMENT_ERROR with a message
 * "NAME:LINE: what is wrong"; nothing is half-built. Notes for the user
 * that are not errors (scores outside 1…5) are added to @warnings (strings,
 * may be NULL). */
TrailDocument  *trail_mermaid_load       (const char     *text,
                                          gssize          len,
                                          const char     *name,
                                          GPtrArray      *warnings,
                                          GError        **error);

/* Adds the journey to @document in one undo step ("Paste Journey"):
 * sections join stages of the same name (or new ones at the end), tasks
 * join the first Actions lane (created when missing), actors join personas
 * of the same name. Scores outside the map's scale are clamped with a
 * warning. On error nothing changes. Returns the new cards (transfer
 * container). */
GPtrArray      *trail_mermaid_paste      (TrailDocument  *document,
                                          const char     *text,
                                          gssize          len,
                                          GPtrArray      *warnings,
                                          GError        **error);

/* The map as a Mermaid journey: the title, the objective as accDescr, one
 * section per stage and one task per action card (per touchpoint card when
 * the map has no action cards), each with its tagged personas' score. What
 * Mermaid cannot hold (':', '#', ';' in names, a ',' in a persona's name,
 * a score outside 1…5) is replaced with a warning in @warnings. */
char           *trail_mermaid_save       (TrailDocument  *document,
                                          GPtrArray      *warnings);

/* TRUE for a .mmd or .mermaid file name. */
gboolean        trail_mermaid_is_filename (const char    *filename);

G_END_DECLS
