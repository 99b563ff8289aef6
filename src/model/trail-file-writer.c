/* trail-file-writer.c — replacing a file so that a failure never costs it.
 *
 * GLib 2.74's g_file_replace() stream renames its temporary file over the
 * old one on close even after a failed write, and a buffered stream in
 * front of it only reports a full disk when it is closed, when the rename
 * is already done. So the writer flushes and syncs first, checks that
 * every byte arrived, and only then closes; on any error it closes through
 * a cancelled cancellable, which drops the temporary file instead.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-file-writer"

#include "config.h"

#include <errno.h>
#include <gio/gfiledescriptorbased.h>
#include <glib/gi18n.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trail-file-writer.h"

#define MAX_LINKS 40

struct _TrailFileWriter
{
  GFile             *target;
  GFileOutputStream *file_out;   /* the temporary file, or NULL when writing directly */
  GOutputStream     *direct;     /* a pipe or a terminal */
  GOutputStream     *buffered;   /* in front of either, or NULL */
  gboolean           created;    /* the target did not exist before */
  gboolean           done;
};

GFile *
trail_file_resolve_links (GFile         *file,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GFile) current = g_object_ref (file);

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  for (guint i = 0; i <= MAX_LINKS; i++)
    {
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GFile) parent = NULL;
      const char *target;

      info = g_file_query_info (current,
                                G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK ","
                                G_FILE_ATTRIBUTE_STANDARD_SYMLINK_TARGET,
                                G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, &local_error);
      if (info == NULL)
        {
          /* A file still to be made is its own target. */
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            return g_steal_pointer (&current);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      if (!g_file_info_get_is_symlink (info) ||
          (target = g_file_info_get_symlink_target (info)) == NULL)
        return g_steal_pointer (&current);

      parent = g_file_get_parent (current);
      g_object_unref (current);
      current = parent != NULL ? g_file_resolve_relative_path (parent, target)
                               : g_file_new_for_path (target);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS,
               _("Too many levels of symbolic links"));
  return NULL;
}

static gboolean
is_special (GFile        *file,
            GCancellable *cancellable)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                 G_FILE_QUERY_INFO_NONE, cancellable, NULL);

  return info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_SPECIAL;
}

TrailFileWriter *
trail_file_writer_open (GFile             *file,
                        const char        *etag,
                        GFileCreateFlags   flags,
                        gsize              buffer_size,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_autoptr(TrailFileWriter) self = g_new0 (TrailFileWriter, 1);
  GOutputStream *base;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (is_special (file, cancellable))
    {
      /* No temporary file can replace a pipe: write to it as it is (its
       * links, like /dev/stdout's, are followed by opening it). */
      self->target = g_object_ref (file);
      self->direct = G_OUTPUT_STREAM (g_file_append_to (file, G_FILE_CREATE_NONE, cancellable, error));
      if (self->direct == NULL)
        return NULL;
      base = self->direct;
    }
  else
    {
      self->target = trail_file_resolve_links (file, cancellable, error);
      if (self->target == NULL)
        return NULL;

      self->created = !g_file_query_exists (self->target, cancellable);
      self->file_out = g_file_replace (self->target, etag, FALSE,
                                       flags | G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, error);
      if (self->file_out == NULL)
        return NULL;
      base = G_OUTPUT_STREAM (self->file_out);
    }

  if (buffer_size > 0)
    {
      self->buffered = g_buffered_output_stream_new_sized (base, buffer_size);
      g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (self->buffered), FALSE);
    }

  return g_steal_pointer (&self);
}

GOutputStream *
trail_file_writer_get_stream (TrailFileWriter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->buffered != NULL)
    return self->buffered;
  if (self->file_out != NULL)
    return G_OUTPUT_STREAM (self->file_out);
  return self->direct;
}

GFile *
trail_file_writer_get_target (TrailFileWriter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->target;
}

static void
abandon (TrailFileWriter *self)
{
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();

  if (self->done)
    return;
  self->done = TRUE;

  g_cancellable_cancel (cancelled);
  if (self->buffered != NULL && !g_output_stream_is_closed (self->buffered))
    g_output_stream_close (self->buffered, cancelled, NULL);
  if (self->file_out != NULL && !g_output_stream_is_closed (G_OUTPUT_STREAM (self->file_out)))
    {
      g_output_stream_close (G_OUTPUT_STREAM (self->file_out), cancelled, NULL);
      /* A new file is written in place, not beside: remove what there is. */
      if (self->created)
        g_file_delete (self->target, NULL, NULL);
    }
  if (self->direct != NULL && !g_output_stream_is_closed (self->direct))
    g_output_stream_close (self->direct, NULL, NULL);
}

/* What is on disk is what was written: all of it, synced. */
static gboolean
sync_and_check (TrailFileWriter  *self,
                GError          **error)
{
  struct stat st;
  goffset written;
  int fd;

  if (!G_IS_FILE_DESCRIPTOR_BASED (self->file_out))
    return TRUE;

  fd = g_file_descriptor_based_get_fd (G_FILE_DESCRIPTOR_BASED (self->file_out));
  if (fsync (fd) != 0 || fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write the file to disk: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  written = g_seekable_tell (G_SEEKABLE (self->file_out));
  if (S_ISREG (st.st_mode) && st.st_size != written)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The file on disk holds %lld bytes of %lld written"),
                   (long long) st.st_size, (long long) written);
      return FALSE;
    }

  return TRUE;
}

gboolean
trail_file_writer_commit (TrailFileWriter  *self,
                          char            **new_etag,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->done, FALSE);

  if ((self->buffered != NULL &&
       (!g_output_stream_flush (self->buffered, cancellable, error) ||
        !g_output_stream_close (self->buffered, cancellable, error))) ||
      (self->file_out != NULL &&
       (!g_output_stream_flush (G_OUTPUT_STREAM (self->file_out), cancellable, error) ||
        !sync_and_check (self, error))))
    {
      abandon (self);
      return FALSE;
    }

  self->done = TRUE;

  if (self->direct != NULL)
    return g_output_stream_close (self->direct, cancellable, error);

  if (!g_output_stream_close (G_OUTPUT_STREAM (self->file_out), cancellable, error))
    return FALSE;

  if (new_etag != NULL)
    *new_etag = g_file_output_stream_get_etag (self->file_out);

  return TRUE;
}

void
trail_file_writer_free (TrailFileWriter *self)
{
  if (self == NULL)
    return;

  abandon (self);
  g_clear_object (&self->buffered);
  g_clear_object (&self->file_out);
  g_clear_object (&self->direct);
  g_clear_object (&self->target);
  g_free (self);
}
