/* trail-templates.h — the example maps a new map starts from.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-document.h"

G_BEGIN_DECLS

/* Template files live in the application's GResource, at
 * RESOURCE_PATH "/templates/ID.trailmap" (from data/templates/). */
#define TRAIL_TEMPLATES_RESOURCE_PATH "/io/github/trailmap/Trailmap/templates/"

/* The template ids in the order a "New" dialog shows them; "blank" last. */
const char * const *trail_templates_list_ids        (void);
/* Translated name ("Buying a coffee maker") and one-line description;
 * NULL for an unknown id. */
const char         *trail_template_get_name         (const char  *id);
const char         *trail_template_get_description  (const char  *id);
/* A new, unmodified document with the template's content and an empty undo
 * history. Fails with G_RESOURCE_ERROR_NOT_FOUND for an unknown id. */
TrailDocument      *trail_template_load             (const char  *id,
                                                     GError     **error);

G_END_DECLS
