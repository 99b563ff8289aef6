/* trail-import-dialog.h
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "trail-model.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_IMPORT_DIALOG (trail_import_dialog_get_type())

G_DECLARE_FINAL_TYPE (TrailImportDialog, trail_import_dialog, TRAIL, IMPORT_DIALOG, AdwWindow)

/* The survey import: the file's first rows, its columns (guessed, and
 * changeable), the score's scale, the stage values the map lacks (each
 * mappable to a stage), and the rows that cannot be read with their line
 * and reason — all before anything changes. Import puts the good rows on
 * the map as one undo step; Cancel changes nothing. A file the map has
 * imported before opens with the mapping it was imported with, and
 * Import refreshes it. */
TrailImportDialog *trail_import_dialog_new   (GtkWindow          *parent,
                                              TrailDocument      *document,
                                              TrailSurveyImport  *import);

/* Reads @file and shows the import for it: the dialog for a survey, a
 * confirmation listing the bad rows for a metrics file, or a message
 * saying why the file cannot be read. */
void               trail_import_dialog_open_file (GtkWindow      *parent,
                                                  TrailDocument  *document,
                                                  GFile          *file);
/* Asks for a CSV file, then as trail_import_dialog_open_file(). */
void               trail_import_dialog_choose    (GtkWindow      *parent,
                                                  TrailDocument  *document);
/* Refresh: reads each survey's file again from the map's folder (@map_file
 * is the map's file) and opens the dialog for it with its recorded
 * mapping; Import there updates the survey. Says so when the map has no
 * survey, or when a survey's file is not beside the map. */
void               trail_import_dialog_refresh   (GtkWindow      *parent,
                                                  TrailDocument  *document,
                                                  GFile          *map_file);
/* TRUE for the names of files an import reads (.csv, .tsv, .txt). */
gboolean           trail_import_dialog_accepts   (GFile          *file);

G_END_DECLS
