/* trail-cli.h — the command line that needs no display.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "trail-export.h"

G_BEGIN_DECLS

/* TRUE when @argv asks for a headless mode (--validate, --export…): main()
 * then runs trail_cli_run() and never starts GTK or talks to D-Bus. */
gboolean      trail_cli_wants               (int                  argc,
                                             char               **argv);
int           trail_cli_run                 (int                  argc,
                                             char               **argv);
/* The --validate option, for the application's --help. */
const GOptionEntry *trail_cli_get_validate_entries (void);

/* trail-cli-validate.c: loads each file and prints its problems to stderr.
 * Returns the process exit status: 0 only when every file is valid. */
int           trail_cli_validate            (const char * const  *files);

/* trail-cli-export.c: the --export… options and the export itself. */
const GOptionEntry *trail_cli_export_get_entries (void);
/* TRUE when any --export… option was given. */
gboolean      trail_cli_export_requested    (void);
gboolean      trail_cli_export_take_booleans (char               **args,
                                              GError             **error);
/* Returns the process exit status. */
int           trail_cli_export_run          (const char * const  *files);

/* trail-cli-import.c: the --import… options and the import itself. */
/* trail-cli-votes.c: --export-votes-csv */
const GOptionEntry *trail_cli_votes_get_entries (void);
gboolean      trail_cli_votes_requested     (void);
int           trail_cli_votes_run           (const char * const  *files);

const GOptionEntry *trail_cli_import_get_entries (void);
gboolean      trail_cli_import_requested    (void);
/* Imports into the one map of @files and saves it; returns the exit
 * status. */
int           trail_cli_import_run          (const char * const  *files);

/* For an export of something else than a map (a comparison): the
 * options and the one file --export names. FALSE after a usage message
 * on stderr. */
gboolean      trail_cli_export_prepare_one  (TrailExportOptions  *options,
                                             char               **path);
void          trail_cli_export_clear_options (TrailExportOptions *options);

/* trail-cli-compare.c: --compare=OLD NEW and --compare-revision=REV MAP
 * print what changed and optionally export the comparison. */
const GOptionEntry *trail_cli_compare_get_entries (void);
gboolean      trail_cli_compare_requested   (void);
int           trail_cli_compare_run         (const char * const  *files);

G_END_DECLS
