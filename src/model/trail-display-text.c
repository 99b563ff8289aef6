/* trail-display-text.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-display-text"

#include "config.h"

#include <string.h>

#include "trail-display-text.h"

/* Characters that would break a one-line label or reorder what follows it
 * (a title's override would reverse " – Trailmap" after it). */
static gboolean
is_unwanted (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_CONTROL ||
         type == G_UNICODE_LINE_SEPARATOR ||
         type == G_UNICODE_PARAGRAPH_SEPARATOR ||
         (c >= 0x202A && c <= 0x202E) ||   /* bidi embeddings and overrides */
         (c >= 0x2066 && c <= 0x2069);     /* bidi isolates */
}

char *
trail_display_text_dup (const char *text,
                        guint       max_chars)
{
  g_autofree char *valid = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_unwanted (c) || g_unichar_isspace (c))
        {
          /* Leading white space is dropped, inner runs become one space. */
          pending_space = out->len > 0;
          continue;
        }

      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }

  if (max_chars > 0 && g_utf8_strlen (out->str, out->len) > max_chars)
    {
      const char *end = g_utf8_offset_to_pointer (out->str, max_chars - 1);

      g_string_truncate (out, end - out->str);
      while (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append (out, "…");
    }

  return g_string_free (out, FALSE);
}
