/* csv-fixtures.h — what the survey and metrics import tests share
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-model.h"

G_BEGIN_DECLS

/* The bytes of tests/model/csv/@name. */
GBytes        *csv_fixture_read           (const char    *name);
/* The first card whose text is @text, or NULL (transfer none). */
TrailCard     *csv_fixture_card_with_text (TrailDocument *doc,
                                           const char    *text);
/* @doc saved and loaded again, asserted equal to it (transfer full). */
TrailDocument *csv_fixture_save_and_load  (TrailDocument *doc);

G_END_DECLS
