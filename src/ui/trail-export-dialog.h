/* trail-export-dialog.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "trail-model.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_EXPORT_DIALOG (trail_export_dialog_get_type())

G_DECLARE_FINAL_TYPE (TrailExportDialog, trail_export_dialog, TRAIL, EXPORT_DIALOG, AdwWindow)

/* Signals: exported (GFile *output) — the export was written; the dialog
 * closes right after. */
TrailExportDialog *trail_export_dialog_new (GtkWindow     *parent,
                                            TrailDocument *document,
                                            GFile         *document_file,
                                            GSettings     *settings);

G_END_DECLS
