/* trail-git.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-git"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trail-git.h"

G_DEFINE_QUARK (trail-git-error-quark, trail_git_error)

static void
revision_free (gpointer data)
{
  TrailGitRevision *rev = data;

  g_free (rev->commit);
  g_free (rev->date);
  g_free (rev->author);
  g_free (rev->subject);
  g_free (rev);
}

gboolean
trail_git_is_available (void)
{
  g_autofree char *path = g_find_program_in_path ("git");

  return path != NULL;
}

/* Runs git in @file's directory; returns its standard output, or NULL
 * with an error that says in words what went wrong. */
static GBytes *
run_git (GFile         *file,
         const char   **args,
         gsize          max_bytes,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *dir = parent != NULL ? g_file_get_path (parent) : NULL;
  g_autofree char *message = NULL;

  if (dir == NULL)
    {
      g_set_error (error, TRAIL_GIT_ERROR, TRAIL_GIT_ERROR_NOT_A_REPO,
                   _("Only a map saved on this computer can have a git history."));
      return NULL;
    }
  if (!trail_git_is_available ())
    {
      g_set_error (error, TRAIL_GIT_ERROR, TRAIL_GIT_ERROR_NO_GIT,
                   _("git is not installed, so the map's earlier versions cannot be read."));
      return NULL;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, dir);
  /* Plain, untranslated output that we parse; no pager, no prompts. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  g_subprocess_launcher_setenv (launcher, "GIT_PAGER", "cat", TRUE);
  g_subprocess_launcher_setenv (launcher, "GIT_TERMINAL_PROMPT", "0", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, args, &local);
  if (process == NULL)
    {
      g_set_error (error, TRAIL_GIT_ERROR, TRAIL_GIT_ERROR_NO_GIT,
                   _("git could not be started: %s"), local->message);
      return NULL;
    }
  if (!g_subprocess_communicate (process, NULL, cancellable, &out, &err, error))
    return NULL;

  if (g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0)
    {
      if (out != NULL && g_bytes_get_size (out) > max_bytes)
        {
          g_set_error (error, TRAIL_GIT_ERROR, TRAIL_GIT_ERROR_FAILED,
                       _("That version of the map is too large to open."));
          return NULL;
        }
      return g_steal_pointer (&out);
    }

  message = g_strndup (err != NULL ? g_bytes_get_data (err, NULL) : "", err != NULL ? MIN (g_bytes_get_size (err), 400) : 0);
  g_strstrip (message);
  if (strstr (message, "not a git repository") != NULL)
    g_set_error (error, TRAIL_GIT_ERROR, TRAIL_GIT_ERROR_NOT_A_REPO,
                 _("The map is not in a git repository."));
  else if (strstr (message, "does not exist in") != NULL || strstr (message, "exists on disk, but not in") != NULL ||
           strstr (message, "unknown revision") != NULL || strstr (message, "bad revision") != NULL ||
           strstr (message, "invalid object name") != NULL || strstr (message, "Invalid object name") != NULL)
    g_set_error (error, TRAIL_GIT_ERROR, TRAIL_GIT_ERROR_UNKNOWN_REV,
                 _("The map has no version at that revision."));
  else
    g_set_error (error, TRAIL_GIT_ERROR, TRAIL_GIT_ERROR_FAILED,
                 _("git failed: %s"), *message ? message : _("no reason given"));
  return NULL;
}

GPtrArray *
trail_git_list_revisions (GFile         *file,
                          guint          max,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *count = g_strdup_printf ("--max-count=%u", max > 0 ? max : G_MAXINT);
  /* Fields split by the unit separator, records by NUL: subjects may hold
   * anything else. */
  const char *args[] = { "git", "log", count, "-z", "--format=%H%x1f%ad%x1f%an%x1f%s", "--date=short",
                         "--follow", "--", name, NULL };
  g_autoptr(GBytes) out = NULL;
  GPtrArray *revisions;
  const char *data;
  gsize size, start = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  out = run_git (file, args, 16 * 1024 * 1024, cancellable, error);
  if (out == NULL)
    return NULL;

  revisions = g_ptr_array_new_with_free_func (revision_free);
  data = g_bytes_get_data (out, &size);
  for (gsize i = 0; i <= size; i++)
    if (i == size || data[i] == '\0')
      {
        g_autofree char *record = g_strndup (data + start, i - start);
        g_auto(GStrv) fields = g_strsplit (g_strstrip (record), "\x1f", 4);

        start = i + 1;
        if (g_strv_length (fields) == 4 && g_utf8_validate (record, -1, NULL))
          {
            TrailGitRevision *rev = g_new0 (TrailGitRevision, 1);
            rev->commit = g_strdup (fields[0]);
            rev->date = g_strdup (fields[1]);
            rev->author = g_strdup (fields[2]);
            rev->subject = g_strdelimit (g_strdup (fields[3]), "\r\n", ' ');
            g_ptr_array_add (revisions, rev);
          }
      }

  if (revisions->len == 0)
    {
      g_ptr_array_unref (revisions);
      g_set_error (error, TRAIL_GIT_ERROR, TRAIL_GIT_ERROR_NOT_TRACKED,
                   _("The map has no history in git yet: commit it first."));
      return NULL;
    }
  return revisions;
}

static void
list_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *revisions = trail_git_list_revisions (task_data, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "max")),
                                                   cancellable, &error);

  if (revisions == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, revisions, (GDestroyNotify) g_ptr_array_unref);
}

void
trail_git_list_revisions_async (GFile               *file,
                                guint                max,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_object_set_data (G_OBJECT (task), "max", GUINT_TO_POINTER (max));
  g_task_run_in_thread (task, list_thread);
}

GPtrArray *
trail_git_list_revisions_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

GBytes *
trail_git_show (GFile         *file,
                const char    *revision,
                gsize          max_bytes,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *spec = NULL;
  const char *args[] = { "git", "show", NULL, NULL };

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (revision != NULL, NULL);

  /* A revision is a name, never an option: "--output=…" would write files. */
  if (*revision == '\0' || *revision == '-' || strchr (revision, ':') != NULL)
    {
      g_set_error (error, TRAIL_GIT_ERROR, TRAIL_GIT_ERROR_UNKNOWN_REV,
                   _("“%s” is not a revision."), revision);
      return NULL;
    }
  /* "./name" is relative to the working directory, the map's own. */
  spec = g_strdup_printf ("%s:./%s", revision, name);
  args[2] = spec;
  return run_git (file, args, max_bytes, cancellable, error);
}
