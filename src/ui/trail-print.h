/* trail-print.h — printing a map, fitted to one page or as a tiled poster
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "trail-model.h"

G_BEGIN_DECLS

void trail_print_document (GtkWindow     *parent,
                           TrailDocument *document,
                           const char    *job_name);

G_END_DECLS
