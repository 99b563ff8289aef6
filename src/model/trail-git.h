/* trail-git.h — a map's earlier versions from git, through the git command
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* git runs as a subprocess (GSubprocess) rather than through libgit2: no
 * new library in the Flatpak and the user's own git configuration
 * (worktrees, safe.directory, …) applies as on the command line. */

#define TRAIL_GIT_ERROR (trail_git_error_quark())

typedef enum
{
  TRAIL_GIT_ERROR_NO_GIT,      /* the git command is not installed */
  TRAIL_GIT_ERROR_NOT_A_REPO,  /* the file is in no git work tree */
  TRAIL_GIT_ERROR_NOT_TRACKED, /* the file has no history */
  TRAIL_GIT_ERROR_UNKNOWN_REV, /* no such revision, or the file is not in it */
  TRAIL_GIT_ERROR_FAILED,      /* git said something else; the message says what */
} TrailGitError;

typedef struct
{
  char *commit;    /* full hash */
  char *date;      /* YYYY-MM-DD */
  char *author;
  char *subject;   /* first line of the message, one line */
} TrailGitRevision;

GQuark      trail_git_error_quark         (void);

/* TRUE when a git command can be run (for offering the menu item). */
gboolean    trail_git_is_available        (void);

/* The commits that changed @file, newest first, at most @max (0: all);
 * TrailGitRevision, free with g_ptr_array_unref(). */
GPtrArray  *trail_git_list_revisions      (GFile         *file,
                                           guint          max,
                                           GCancellable  *cancellable,
                                           GError       **error);
void        trail_git_list_revisions_async  (GFile               *file,
                                             guint                max,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray  *trail_git_list_revisions_finish (GAsyncResult  *result,
                                             GError       **error);

/* @file's content at @revision ("HEAD", "HEAD~2", a hash). At most
 * @max_bytes are read. */
GBytes     *trail_git_show                (GFile         *file,
                                           const char    *revision,
                                           gsize          max_bytes,
                                           GCancellable  *cancellable,
                                           GError       **error);

G_END_DECLS
