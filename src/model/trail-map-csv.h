/* trail-map-csv.h — a map's cards as a spreadsheet, and back
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "trail-csv.h"
#include "trail-document.h"

G_BEGIN_DECLS

/* One row per card, after a header row:
 *
 *   stage, lane, kind, text, details, channel, evidence, source,
 *   priority, votes, personas, id, evidence note
 *
 * stage and lane are names; kind, channel (or the name of one of the map's
 * own channels), evidence, source and priority are the file format's
 * words ("pain-points", "social-media", "observed", "support-logs",
 * "high"); personas are names separated by "; ". Cards are written stage
 * by stage, lane by lane, in their cells' order. */
char      *trail_map_csv_save        (TrailDocument  *document,
                                      gboolean        byte_order_mark,
                                      gsize          *length);

/* Reads such a file (through trail_csv_parse(): any separator, encoding
 * and quoting it reads) into @document in one undo step ("Import Cards").
 * Columns are found by their header in any order and case; stage, lane
 * (or kind) and text are needed. Stages, lanes and personas the map lacks
 * are made, in the order the file names them. A row whose id names a card
 * of the map updates that card (and moves it to the row's cell) instead of
 * adding one. Words may also be the labels the app shows ("Pain points").
 * A row that cannot be used is left out and listed in @problems as
 * "line N: why" (strings); when no row can be used, or the file has no
 * header, it fails with a TRAIL_DOCUMENT_ERROR naming the line and changes
 * nothing. Returns the number of cards added or updated. */
guint      trail_map_csv_import      (TrailDocument  *document,
                                      GBytes         *bytes,
                                      const char     *name,
                                      GPtrArray      *problems,
                                      GError        **error);

/* TRUE when @csv's header names a stage, a lane or kind, and a text, and
 * no score: a spreadsheet of cards rather than survey results. */
gboolean   trail_map_csv_looks_like  (TrailCsv       *csv);

/* A new map from such a file, through the file loader's strict checks. */
TrailDocument *trail_map_csv_load    (GBytes         *bytes,
                                      const char     *name,
                                      GPtrArray      *problems,
                                      GError        **error);

/* A map from a file of any format Trailmap reads, by its name: .mmd and
 * .mermaid (Mermaid), .csv and .tsv (cards), anything else .trailmap.
 * Notes that are not errors go to @warnings (may be NULL). */
TrailDocument *trail_map_load_any    (GFile          *file,
                                      GPtrArray      *warnings,
                                      GCancellable   *cancellable,
                                      GError        **error);
TrailDocument *trail_map_load_any_bytes (GBytes      *bytes,
                                         const char  *name,
                                         GPtrArray   *warnings,
                                         GError     **error);
gboolean   trail_map_csv_is_filename (const char     *filename);

G_END_DECLS
