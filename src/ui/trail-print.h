/* trail-print.h — printing a map, fitted to one page or as a tiled poster
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "trail-model.h"

G_BEGIN_DECLS

void                    trail_print_document (GtkWindow     *parent,
                                              TrailDocument *document,
                                              const char    *job_name);

/* Without a dialog: writes the printout to a PDF file (@poster: tiled at
 * full size, else fitted on one page), on @page_setup's paper. For tests
 * and scripts; errors come back in @error. */
GtkPrintOperationResult trail_print_to_pdf   (TrailDocument *document,
                                              GtkPageSetup  *page_setup,
                                              gboolean       poster,
                                              const char    *filename,
                                              GError       **error);

G_END_DECLS
