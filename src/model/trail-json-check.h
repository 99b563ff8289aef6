/* trail-json-check.h — the one strict reader in front of json-glib.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What one JSON text may cost. Every field is a hard limit; zero is not
 * "unlimited". */
typedef struct
{
  gsize       max_bytes;        /* the whole text */
  guint       max_depth;        /* nesting of arrays and objects */
  guint64     max_values;       /* values and member names, null and booleans included */
  gsize       max_string;       /* decoded bytes of one string or member name */
  /* Values of members named @long_string_key (embedded photos) may be
   * longer, up to @max_long_string; NULL for none. */
  const char *long_string_key;
  gsize       max_long_string;
} TrailJsonLimits;

/* The limits of a .trailmap file (TRAIL_FILE_MAX_* in trail-document-io.h). */
const TrailJsonLimits *trail_json_file_limits (void);

/* Checks that @data is exactly one RFC 8259 JSON text (UTF-8; no comments,
 * single quotes, hex or NaN, no trailing commas) within @limits (NULL for
 * the file limits), holds no NUL character and no lone surrogate in any
 * string, and no number that json-glib would wrap or turn into infinity.
 * Iterative: nesting costs no stack. On failure sets a
 * TRAIL_DOCUMENT_ERROR (SYNTAX, LIMIT or INVALID) whose message starts with
 * @name (NULL: "(map)"), then line:column and, inside the text, the JSON
 * path, e.g. "map.trailmap:12:9: cards[3].text: the text is too long". */
gboolean  trail_json_check (const char             *data,
                            gsize                   len,
                            const char             *name,
                            const TrailJsonLimits  *limits,
                            GError                **error);

/* trail_json_check(), then json-glib's parse of the same bytes: the only
 * way the model turns outside bytes (files, drafts, the clipboard) into
 * JSON nodes. Returns the root (never NULL on success) or NULL with
 * @error set as trail_json_check() does. */
JsonNode *trail_json_parse (const char             *data,
                            gsize                   len,
                            const char             *name,
                            const TrailJsonLimits  *limits,
                            GError                **error);

G_END_DECLS
