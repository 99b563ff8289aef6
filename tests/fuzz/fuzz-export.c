/* fuzz-export.c — libFuzzer target for load → layout → export.
 *
 * Whatever loads must lay out and export to SVG, PDF and a small PNG
 * without a crash, a critical or a warning, each export being a non-empty
 * file of its format; and, having loaded, it must pass the save-side limit
 * check (what opens can be saved).
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fuzz-load.h"
#include "trail-export.h"
#include "trail-model.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static void
export_as (TrailDocument     *doc,
           TrailExportFormat  format,
           const char        *magic)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  TrailExportOptions options;

  trail_export_options_init (&options);
  options.format = format;
  /* Small, so that a run costs milliseconds; the layout is the same. */
  options.width = 240;
  options.paper = TRAIL_PAPER_NONE;

  out = trail_export_to_bytes (doc, &options, &error);
  if (out == NULL)
    {
      /* Only a map too large for the format may be refused. */
      g_assert_true (g_error_matches (error, TRAIL_EXPORT_ERROR, TRAIL_EXPORT_ERROR_TOO_LARGE));
      return;
    }

  g_assert_cmpuint (g_bytes_get_size (out), >, strlen (magic));
  g_assert_true (memcmp (g_bytes_get_data (out, NULL), magic, strlen (magic)) == 0);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailDocument) doc = NULL;

  doc = trail_document_load_from_bytes (bytes, "fuzz", &error);
  if (doc == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == TRAIL_DOCUMENT_ERROR);
      return 0;
    }

  g_assert_true (trail_document_check_limits (doc, &error));
  g_assert_no_error (error);

  export_as (doc, TRAIL_EXPORT_SVG, "<?xml");
  export_as (doc, TRAIL_EXPORT_PDF, "%PDF");
  export_as (doc, TRAIL_EXPORT_PNG, "\x89PNG");

  return 0;
}
