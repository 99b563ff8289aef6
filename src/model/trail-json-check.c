/* trail-json-check.c — the one strict reader in front of json-glib.
 *
 * json-glib is lenient in ways that differ between versions (1.6 takes
 * comments, single quotes and hex numbers; 1.10 refuses a lone surrogate
 * as a syntax error where 1.6 decodes it into bytes that are not UTF-8),
 * recurses once per nesting level, and wraps integers beyond 64 bits. So
 * every outside text is read here first, in one pass over the bytes with
 * an explicit stack, and json-glib only ever sees what RFC 8259 allows and
 * what our limits allow: both versions then build the same nodes, and
 * every refusal has one code and a place.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-json-check"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "trail-document-io.h"
#include "trail-image.h"
#include "trail-json-check.h"

/* Beyond this a double overflows to infinity: 10^309 > DBL_MAX > 10^308. */
#define DOUBLE_MAX_MAGNITUDE 309

typedef struct
{
  gsize   key_start;   /* offset of the current member name's first byte */
  gsize   key_len;     /* G_MAXSIZE: no member name yet */
  guint   index;       /* of the current element, in an array */
  gboolean object;
} Frame;

typedef struct
{
  const guchar          *data;
  gsize                  len;
  const char            *name;
  const TrailJsonLimits *limits;
  Frame                 *frames;
  guint                  depth;
  guint64                values;
  GError               **error;
} Reader;

/* Bytes a string scan must stop at: the closing quote, an escape, the
 * control characters JSON wants escaped, and the start of a multi-byte
 * character, checked here rather than in a separate pass over the text. */
static const guint8 string_stop[256] = {
  [0x00 ... 0x1F] = 1,
  ['"'] = 1,
  ['\\'] = 1,
  [0x80 ... 0xFF] = 1,
};

const TrailJsonLimits *
trail_json_file_limits (void)
{
  static const TrailJsonLimits limits = {
    .max_bytes       = TRAIL_FILE_MAX_BYTES,
    .max_depth       = TRAIL_FILE_MAX_DEPTH,
    .max_values      = TRAIL_FILE_MAX_VALUES,
    .max_string      = TRAIL_FILE_MAX_STRING,
    .long_string_key = "photo",
    /* Base64 of the largest photo, with room for padding. */
    .max_long_string = (TRAIL_IMAGE_MAX_BYTES + 2) / 3 * 4,
  };

  return &limits;
}

static const char *
display_name (const char *name)
{
  return name != NULL ? name : _("(map)");
}

/* Line and column (1-based, in characters) of byte @offset; only ever
 * computed for a message. */
static void
position_at (const guchar *data,
             gsize         offset,
             guint        *line,
             guint        *column)
{
  *line = 1;
  *column = 1;

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if ((data[i] & 0xC0) != 0x80)
        (*column)++;
    }
}

static void
append_path (Reader  *r,
             GString *path)
{
  for (guint i = 0; i < r->depth; i++)
    {
      const Frame *frame = &r->frames[i];

      if (!frame->object)
        g_string_append_printf (path, "[%u]", frame->index);
      else if (frame->key_len != G_MAXSIZE)
        {
          if (path->len > 0)
            g_string_append_c (path, '.');
          g_string_append_len (path, (const char *) r->data + frame->key_start, frame->key_len);
        }
      else
        break;
    }
}

static gboolean fail (Reader *r, int code, gsize offset, gboolean with_path, const char *format, ...) G_GNUC_PRINTF (5, 6);

/* Always returns FALSE, so that a check can end with "return fail (…)". */
static gboolean
fail (Reader     *r,
      int         code,
      gsize       offset,
      gboolean    with_path,
      const char *format,
      ...)
{
  g_autofree char *what = NULL;
  g_autoptr(GString) path = g_string_new (NULL);
  guint line, column;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  position_at (r->data, MIN (offset, r->len), &line, &column);
  if (with_path)
    append_path (r, path);

  if (path->len > 0)
    g_set_error (r->error, TRAIL_DOCUMENT_ERROR, code, "%s:%u:%u: %s: %s",
                 display_name (r->name), line, column, path->str, what);
  else
    g_set_error (r->error, TRAIL_DOCUMENT_ERROR, code, "%s:%u:%u: %s",
                 display_name (r->name), line, column, what);

  return FALSE;
}

static gboolean
fail_not_utf8 (Reader *r,
               gsize   i)
{
  return fail (r, TRAIL_DOCUMENT_ERROR_SYNTAX, i, FALSE, _("the file is not valid UTF-8 text"));
}

/* Length of the valid UTF-8 character at @i (non-ASCII), or 0. */
static inline gsize
utf8_char_len (Reader *r,
               gsize   i)
{
  guchar lead = r->data[i];
  gsize n = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;

  /* The validator refuses overlong forms, surrogates and stray bytes. */
  if (n > r->len - i || !g_utf8_validate_len ((const char *) r->data + i, n, NULL))
    return 0;
  return n;
}

/* Names what was found where something else was expected, with a hint
 * for the usual non-JSON habits. */
static gboolean
fail_unexpected (Reader *r,
                 gsize   i)
{
  guchar c;

  if (i >= r->len)
    return fail (r, TRAIL_DOCUMENT_ERROR_SYNTAX, i, FALSE, _("not valid JSON: the text ends too early"));

  c = r->data[i];
  if (c == '/' && i + 1 < r->len && (r->data[i + 1] == '/' || r->data[i + 1] == '*'))
    return fail (r, TRAIL_DOCUMENT_ERROR_SYNTAX, i, FALSE, _("not valid JSON: comments are not allowed"));
  if (c == '\'')
    return fail (r, TRAIL_DOCUMENT_ERROR_SYNTAX, i, FALSE,
                 _("not valid JSON: text must be in double quotes, not single quotes"));
  if (c == 'N' || c == 'I')
    return fail (r, TRAIL_DOCUMENT_ERROR_SYNTAX, i, FALSE,
                 _("not valid JSON: NaN and Infinity are not JSON numbers"));
  if (c == ']' || c == '}' || c == ',')
    return fail (r, TRAIL_DOCUMENT_ERROR_SYNTAX, i, FALSE,
                 _("not valid JSON: “%c” where a value was expected (a comma too many?)"), c);
  if (c == 0xEF && i == 0)
    return fail (r, TRAIL_DOCUMENT_ERROR_SYNTAX, i, FALSE,
                 _("not valid JSON: the text starts with a byte order mark"));
  if (c >= 0x21 && c < 0x7F)
    return fail (r, TRAIL_DOCUMENT_ERROR_SYNTAX, i, FALSE, _("not valid JSON: unexpected “%c”"), c);
  if (c >= 0x80 && utf8_char_len (r, i) == 0)
    return fail_not_utf8 (r, i);

  return fail (r, TRAIL_DOCUMENT_ERROR_SYNTAX, i, FALSE,
               _("not valid JSON: unexpected character U+%04X"),
               g_utf8_get_char ((const char *) r->data + i));
}

static inline gsize
skip_space (const guchar *data,
            gsize         len,
            gsize         i)
{
  while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t'))
    i++;
  return i;
}

static inline guint
hex_digit (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  c |= 0x20;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return 0xFF;
}

/* The value of four hexadecimal digits, or -1. */
static inline int
read_hex4 (const guchar *p)
{
  guint a = hex_digit (p[0]), b = hex_digit (p[1]), c = hex_digit (p[2]), d = hex_digit (p[3]);

  if ((a | b | c | d) > 0xF)
    return -1;
  return (int) ((a << 12) | (b << 8) | (c << 4) | d);
}

/* Is the string at @r->data + @start the value of a member named
 * long_string_key? Only asked of strings longer than max_string. */
static gboolean
is_long_string_member (Reader *r,
                       gboolean is_key)
{
  const Frame *frame;
  const char *key = r->limits->long_string_key;

  if (is_key || key == NULL || r->depth == 0)
    return FALSE;

  frame = &r->frames[r->depth - 1];
  return frame->object && frame->key_len == strlen (key) &&
         memcmp (r->data + frame->key_start, key, frame->key_len) == 0;
}

/* Reads the string whose opening quote is at *@pos; on success *@pos is
 * just past its closing quote. */
static gboolean
read_string (Reader   *r,
             gsize    *pos,
             gboolean  is_key)
{
  const guchar *data = r->data;
  gsize len = r->len;
  gsize start = *pos;
  gsize i = start + 1;
  gsize decoded = 0;

  for (;;)
    {
      gsize run = i;
      guchar c;

      while (i < len && !string_stop[data[i]])
        i++;
      decoded += i - run;

      if (i >= len)
        return fail (r, TRAIL_DOCUMENT_ERROR_SYNTAX, i, FALSE,
                     _("not valid JSON: the text ends inside a string"));

      c = data[i];
      if (c == '"')
        break;

      if (c >= 0x80)
        {
          gsize n = utf8_char_len (r, i);

          if (n == 0)
            return fail_not_utf8 (r, i);
          decoded += n;
          i += n;
          continue;
        }

      if (c != '\\')
        return fail (r, TRAIL_DOCUMENT_ERROR_SYNTAX, i, FALSE,
                     _("not valid JSON: a control character (U+%04X) in a string must be escaped"), c);

      if (i + 1 >= len)
        return fail (r, TRAIL_DOCUMENT_ERROR_SYNTAX, i + 1, FALSE,
                     _("not valid JSON: the text ends inside a string"));

      switch (data[i + 1])
        {
        case '"': case '\\': case '/':
        case 'b': case 'f': case 'n': case 'r': case 't':
          decoded++;
          i += 2;
          break;

        case 'u':
          {
            int cp = i + 6 <= len ? read_hex4 (data + i + 2) : -1;

            if (cp < 0)
              return fail (r, TRAIL_DOCUMENT_ERROR_SYNTAX, i, FALSE,
                           _("not valid JSON: “\\u” needs four hexadecimal digits"));
            if (cp == 0)
              return fail (r, TRAIL_DOCUMENT_ERROR_INVALID, i, TRUE,
                           _("text holds a NUL character (\\u0000)"));
            if (cp >= 0xD800 && cp <= 0xDBFF)
              {
                int low = (i + 12 <= len && data[i + 6] == '\\' && data[i + 7] == 'u')
                          ? read_hex4 (data + i + 8) : -1;

                if (low < 0xDC00 || low > 0xDFFF)
                  return fail (r, TRAIL_DOCUMENT_ERROR_INVALID, i, TRUE,
                               _("text holds a lone surrogate (\\u%04x), which is not a character"), cp);
                decoded += 4;
                i += 12;
              }
            else if (cp >= 0xDC00 && cp <= 0xDFFF)
              return fail (r, TRAIL_DOCUMENT_ERROR_INVALID, i, TRUE,
                           _("text holds a lone surrogate (\\u%04x), which is not a character"), cp);
            else
              {
                decoded += cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
                i += 6;
              }
          }
          break;

        default:
          if (data[i + 1] >= 0x21 && data[i + 1] < 0x7F)
            return fail (r, TRAIL_DOCUMENT_ERROR_SYNTAX, i, FALSE,
                         _("not valid JSON: “\\%c” is not an escape"), data[i + 1]);
          return fail (r, TRAIL_DOCUMENT_ERROR_SYNTAX, i, FALSE,
                       _("not valid JSON: a backslash must start an escape"));
        }
    }

  if (decoded > r->limits->max_string &&
      (!is_long_string_member (r, is_key) || decoded > r->limits->max_long_string))
    {
      gsize limit = is_long_string_member (r, is_key) ? r->limits->max_long_string : r->limits->max_string;

      return fail (r, TRAIL_DOCUMENT_ERROR_LIMIT, start, TRUE,
                   is_key ? _("a member name is too long (%lu bytes; the limit is %lu)")
                          : _("the text is too long (%lu bytes; the limit is %lu)"),
                   (unsigned long) decoded, (unsigned long) limit);
    }

  *pos = i + 1;
  return TRUE;
}

/* Does the number data[start..end) (a valid JSON number with a fraction
 * or an exponent) overflow a double? */
static gboolean
double_overflows (const guchar *data,
                  gsize         start,
                  gsize         end)
{
  gsize i = start;
  gint64 magnitude = 0;   /* the number is below 10^magnitude */
  gint64 exponent = 0;
  gboolean exp_negative = FALSE;
  gboolean nonzero = FALSE;
  char buffer[512];
  double value;

  if (data[i] == '-')
    i++;

  if (data[i] != '0')
    {
      nonzero = TRUE;
      while (i < end && g_ascii_isdigit (data[i]))
        {
          magnitude++;
          i++;
        }
    }
  else
    i++;

  if (i < end && data[i] == '.')
    {
      i++;
      while (i < end && g_ascii_isdigit (data[i]))
        {
          if (!nonzero)
            {
              if (data[i] != '0')
                nonzero = TRUE;
              else
                magnitude--;
            }
          i++;
        }
    }

  if (!nonzero)
    return FALSE;

  if (i < end && (data[i] == 'e' || data[i] == 'E'))
    {
      i++;
      if (data[i] == '+' || data[i] == '-')
        exp_negative = data[i++] == '-';
      while (i < end && g_ascii_isdigit (data[i]))
        {
          /* Saturate: 1e99999999999999999999 is simply too large. */
          if (exponent < 1000000)
            exponent = exponent * 10 + (data[i] - '0');
          i++;
        }
    }

  magnitude += exp_negative ? -exponent : exponent;
  if (magnitude < DOUBLE_MAX_MAGNITUDE)
    return FALSE;
  if (magnitude > DOUBLE_MAX_MAGNITUDE || end - start >= sizeof buffer)
    return TRUE;

  /* Between 10^308 and 10^309: only the conversion knows. */
  memcpy (buffer, data + start, end - start);
  buffer[end - start] = '\0';
  value = g_ascii_strtod (buffer, NULL);
  return !isfinite (value);
}

/* Reads the number at *@pos; on success *@pos is just past it. */
static gboolean
read_number (Reader *r,
             gsize  *pos)
{
  static const char int64_max[] = "9223372036854775807";
  const guchar *data = r->data;
  gsize len = r->len;
  gsize start = *pos;
  gsize i = start;
  gsize int_start;
  gboolean integer = TRUE;

  if (data[i] == '-')
    i++;

  int_start = i;
  if (i < len && data[i] == '0')
    {
      i++;
      if (i < len && (data[i] == 'x' || data[i] == 'X'))
        return fail (r, TRAIL_DOCUMENT_ERROR_SYNTAX, start, FALSE,
                     _("not valid JSON: hexadecimal numbers are not allowed"));
      if (i < len && g_ascii_isdigit (data[i]))
        return fail (r, TRAIL_DOCUMENT_ERROR_SYNTAX, start, FALSE,
                     _("not valid JSON: a number cannot start with 0"));
    }
  else if (i < len && data[i] >= '1' && data[i] <= '9')
    {
      while (i < len && g_ascii_isdigit (data[i]))
        i++;
    }
  else
    return fail_unexpected (r, i);

  if (i < len && data[i] == '.')
    {
      integer = FALSE;
      i++;
      if (i >= len || !g_ascii_isdigit (data[i]))
        return fail (r, TRAIL_DOCUMENT_ERROR_SYNTAX, i, FALSE,
                     _("not valid JSON: a number needs digits after “.”"));
      while (i < len && g_ascii_isdigit (data[i]))
        i++;
    }

  if (i < len && (data[i] == 'e' || data[i] == 'E'))
    {
      integer = FALSE;
      i++;
      if (i < len && (data[i] == '+' || data[i] == '-'))
        i++;
      if (i >= len || !g_ascii_isdigit (data[i]))
        return fail (r, TRAIL_DOCUMENT_ERROR_SYNTAX, i, FALSE,
                     _("not valid JSON: a number needs digits in its exponent"));
      while (i < len && g_ascii_isdigit (data[i]))
        i++;
    }

  if (integer)
    {
      gsize digits = i - int_start;

      /* json-glib keeps integers in a gint64 and wraps beyond it. */
      if (digits > sizeof int64_max - 1 ||
          (digits == sizeof int64_max - 1 && memcmp (data + int_start, int64_max, digits) > 0))
        return fail (r, TRAIL_DOCUMENT_ERROR_LIMIT, start, TRUE,
                     _("the number is too large (whole numbers go from -%s to %s)"),
                     int64_max, int64_max);
    }
  else if (double_overflows (data, start, i))
    return fail (r, TRAIL_DOCUMENT_ERROR_LIMIT, start, TRUE,
                 _("the number is too large"));

  *pos = i;
  return TRUE;
}

static gboolean
read_literal (Reader     *r,
              gsize      *pos,
              const char *word,
              gsize       word_len)
{
  if (r->len - *pos < word_len || memcmp (r->data + *pos, word, word_len) != 0)
    return fail_unexpected (r, *pos);

  *pos += word_len;
  return TRUE;
}

static inline gboolean
count_value (Reader *r,
             gsize   i)
{
  if (G_UNLIKELY (++r->values > r->limits->max_values))
    return fail (r, TRAIL_DOCUMENT_ERROR_LIMIT, i, FALSE,
                 _("too many values (more than %lu)"), (unsigned long) r->limits->max_values);
  return TRUE;
}

/* Reads a member name and its colon; on success *@pos is at the value. */
static gboolean
read_key (Reader *r,
          gsize  *pos)
{
  Frame *frame = &r->frames[r->depth - 1];
  gsize i = *pos;

  if (i >= r->len || r->data[i] != '"')
    {
      if (i < r->len && (r->data[i] == '}' || r->data[i] == ','))
        return fail (r, TRAIL_DOCUMENT_ERROR_SYNTAX, i, FALSE,
                     _("not valid JSON: “%c” where a member was expected (a comma too many?)"), r->data[i]);
      if (i < r->len && r->data[i] != '\'' && r->data[i] != '/')
        return fail (r, TRAIL_DOCUMENT_ERROR_SYNTAX, i, FALSE,
                     _("not valid JSON: member names must be text in double quotes"));
      return fail_unexpected (r, i);
    }

  /* A message about this name names the object, not the member before. */
  frame->key_len = G_MAXSIZE;
  if (!count_value (r, i) || !read_string (r, &i, TRUE))
    return FALSE;

  frame->key_start = *pos + 1;
  frame->key_len = i - *pos - 2;

  i = skip_space (r->data, r->len, i);
  if (i >= r->len || r->data[i] != ':')
    {
      if (i < r->len)
        return fail (r, TRAIL_DOCUMENT_ERROR_SYNTAX, i, FALSE,
                     _("not valid JSON: “:” expected after a member name"));
      return fail_unexpected (r, i);
    }

  *pos = skip_space (r->data, r->len, i + 1);
  return TRUE;
}

static gboolean
push (Reader  *r,
      gsize    i,
      gboolean object)
{
  Frame *frame;

  if (r->depth >= r->limits->max_depth)
    return fail (r, TRAIL_DOCUMENT_ERROR_LIMIT, i, FALSE,
                 _("nested too deeply (more than %u levels)"), r->limits->max_depth);

  frame = &r->frames[r->depth++];
  frame->object = object;
  frame->index = 0;
  frame->key_start = 0;
  frame->key_len = G_MAXSIZE;

  return TRUE;
}

static gboolean
read_text (Reader *r)
{
  const guchar *data = r->data;
  gsize len = r->len;
  gsize i = skip_space (data, len, 0);

  if (i == len)
    {
      g_set_error (r->error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_SYNTAX,
                   _("%s: the file is empty"), display_name (r->name));
      return FALSE;
    }

  for (;;)
    {
      /* A value starts at @i. */
      if (i >= len)
        return fail_unexpected (r, i);

      if (!count_value (r, i))
        return FALSE;

      switch (data[i])
        {
        case '{':
          if (!push (r, i, TRUE))
            return FALSE;
          i = skip_space (data, len, i + 1);
          if (i < len && data[i] == '}')
            {
              r->depth--;
              i++;
              break;
            }
          if (!read_key (r, &i))
            return FALSE;
          continue;

        case '[':
          if (!push (r, i, FALSE))
            return FALSE;
          i = skip_space (data, len, i + 1);
          if (i < len && data[i] == ']')
            {
              r->depth--;
              i++;
              break;
            }
          continue;

        case '"':
          if (!read_string (r, &i, FALSE))
            return FALSE;
          break;

        case '-':
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          if (!read_number (r, &i))
            return FALSE;
          break;

        case 't':
          if (!read_literal (r, &i, "true", 4))
            return FALSE;
          break;

        case 'f':
          if (!read_literal (r, &i, "false", 5))
            return FALSE;
          break;

        case 'n':
          if (!read_literal (r, &i, "null", 4))
            return FALSE;
          break;

        default:
          return fail_unexpected (r, i);
        }

      /* A value ended just before @i: close what it ends, find the next. */
      for (;;)
        {
          Frame *frame;

          i = skip_space (data, len, i);
          if (r->depth == 0)
            {
              if (i < len && (data[i] == '/' || data[i] >= 0x80))
                return fail_unexpected (r, i);
              if (i < len)
                return fail (r, TRAIL_DOCUMENT_ERROR_SYNTAX, i, FALSE,
                             _("not valid JSON: more text after the end of the value"));
              return TRUE;
            }

          frame = &r->frames[r->depth - 1];
          if (i < len && data[i] == ',')
            {
              i = skip_space (data, len, i + 1);
              if (frame->object)
                {
                  if (!read_key (r, &i))
                    return FALSE;
                }
              else
                frame->index++;
              break;
            }

          if (i < len && data[i] == (frame->object ? '}' : ']'))
            {
              r->depth--;
              i++;
              continue;
            }

          if (i >= len || data[i] == '/' || data[i] == '\'' ||
              (data[i] >= 0x80 && utf8_char_len (r, i) == 0))
            return fail_unexpected (r, i);
          return fail (r, TRAIL_DOCUMENT_ERROR_SYNTAX, i, FALSE,
                       frame->object ? _("not valid JSON: “,” or “}” expected")
                                     : _("not valid JSON: “,” or “]” expected"));
        }
    }
}

gboolean
trail_json_check (const char             *data,
                  gsize                   len,
                  const char             *name,
                  const TrailJsonLimits  *limits,
                  GError                **error)
{
  g_autofree Frame *frames = NULL;
  Reader r;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (limits == NULL)
    limits = trail_json_file_limits ();

  if (len > limits->max_bytes)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT,
                   _("%s: the file is too large (%lu bytes; the limit is %lu)"),
                   display_name (name), (unsigned long) len, (unsigned long) limits->max_bytes);
      return FALSE;
    }

  if (len == 0)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_SYNTAX,
                   _("%s: the file is empty"), display_name (name));
      return FALSE;
    }

  frames = g_new (Frame, limits->max_depth + 1);
  r = (Reader) {
    .data = (const guchar *) data,
    .len = len,
    .name = name,
    .limits = limits,
    .frames = frames,
    .depth = 0,
    .values = 0,
    .error = error,
  };

  return read_text (&r);
}

JsonNode *
trail_json_parse (const char             *data,
                  gsize                   len,
                  const char             *name,
                  const TrailJsonLimits  *limits,
                  GError                **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root;

  if (!trail_json_check (data, len, name, limits, error))
    return NULL;

  /* Not json_parser_new_immutable(): sealing every node costs 6%. */
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, len, &parse_error))
    {
      /* Not expected after the check; if json-glib still refuses, its
       * message is the best there is. */
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_SYNTAX,
                   _("%s: not valid JSON: %s"), display_name (name), parse_error->message);
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL)
    g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_SYNTAX,
                 _("%s: the file is empty"), display_name (name));

  return root;
}
