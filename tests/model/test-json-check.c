/* test-json-check.c — the strict reader on its own, with the file limits
 * and with a caller's (the clipboard's) limits.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "trail-model.h"

typedef struct
{
  const char *text;
  int         code;      /* -1: accepted */
  const char *fragment;  /* in the message */
} Case;

static const Case cases[] = {
  /* RFC 8259 texts, including every escape and multi-byte characters right
   * before a closing quote. */
  { "{}", -1, NULL },
  { " [ ] ", -1, NULL },
  { "\"x\"", -1, NULL },
  { "0", -1, NULL },
  { "-0.5e-3", -1, NULL },
  { "[true, false, null]", -1, NULL },
  { "{\"a\": \"é\", \"b\": \"旅程\", \"c\": \"😀\"}", -1, NULL },
  { "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"]", -1, NULL },
  { "[9223372036854775807, -9223372036854775807]", -1, NULL },
  { "[1.7976931348623157e308, 1e-400, 0.000e999]", -1, NULL },
  { "{\"\\u0041\": 1}", -1, NULL },

  /* What json-glib 1.6 took and JSON does not allow. */
  { "/* c */ {}", TRAIL_DOCUMENT_ERROR_SYNTAX, "(map):1:1: not valid JSON: comments are not allowed" },
  { "{} // c", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:4: not valid JSON: comments are not allowed" },
  { "['a']", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:2: not valid JSON: text must be in double quotes" },
  { "{'a': 1}", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:2: not valid JSON: text must be in double quotes" },
  { "[0x10]", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:2: not valid JSON: hexadecimal numbers" },
  { "[NaN]", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:2: not valid JSON: NaN and Infinity" },
  { "[-Infinity]", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:3: not valid JSON: NaN and Infinity" },
  { "[1,]", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:4: not valid JSON: “]” where a value was expected" },
  { "{\"a\": 1,}", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:9: not valid JSON: “}” where a member was expected" },
  { "[1 2]", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:4: not valid JSON: “,” or “]” expected" },
  { "{\"a\" 1}", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:6: not valid JSON: “:” expected" },
  { "{a: 1}", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:2: not valid JSON: member names must be text in double quotes" },
  { "[01]", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:2: not valid JSON: a number cannot start with 0" },
  { "[1.]", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:4: not valid JSON: a number needs digits after" },
  { "[1e]", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:4: not valid JSON: a number needs digits in its exponent" },
  { "[+1]", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:2: not valid JSON: unexpected “+”" },
  { "[tru]", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:2: not valid JSON" },
  { "[\"a\\x\"]", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:4: not valid JSON: “\\x” is not an escape" },
  { "[\"\\u12\"]", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:3: not valid JSON: “\\u” needs four hexadecimal digits" },
  { "[\"a\nb\"]", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:4: not valid JSON: a control character (U+000A)" },
  { "[\"abc", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:6: not valid JSON: the text ends inside a string" },
  { "[1", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:3: not valid JSON: the text ends too early" },
  { "{} {}", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:4: not valid JSON: more text after the end" },
  { "   ", TRAIL_DOCUMENT_ERROR_SYNTAX, "(map): the file is empty" },

  /* Not UTF-8: stray continuation byte, overlong form, encoded surrogate,
   * a sequence cut by the closing quote, by the end. */
  { "[\"\x80\"]", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:3: the file is not valid UTF-8" },
  { "[\"\xC0\xAF\"]", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:3: the file is not valid UTF-8" },
  { "[\"\xED\xA0\x80\"]", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:3: the file is not valid UTF-8" },
  { "[\"\xE6\x97\"]", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:3: the file is not valid UTF-8" },
  { "[\"\xF0\x9F\x98", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:3: the file is not valid UTF-8" },
  { "[1, \xFF]", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:5: the file is not valid UTF-8" },
  { "[1 \xFF]", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:4: the file is not valid UTF-8" },
  { "[1, é]", TRAIL_DOCUMENT_ERROR_SYNTAX, "1:5: not valid JSON: unexpected character U+00E9" },

  /* What json-glib would truncate, wrap or turn into infinity; the same
   * code whatever json-glib's version. */
  { "{\"a\": [\"x\\u0000y\"]}", TRAIL_DOCUMENT_ERROR_INVALID, "1:10: a[0]: text holds a NUL character" },
  { "{\"a\": \"\\udc00\"}", TRAIL_DOCUMENT_ERROR_INVALID, "1:8: a: text holds a lone surrogate (\\udc00)" },
  { "{\"a\": \"\\ud800x\"}", TRAIL_DOCUMENT_ERROR_INVALID, "1:8: a: text holds a lone surrogate (\\ud800)" },
  { "{\"a\": \"\\ud800\\u0041\"}", TRAIL_DOCUMENT_ERROR_INVALID, "a: text holds a lone surrogate" },
  { "{\"a\": \"\\ud800", TRAIL_DOCUMENT_ERROR_INVALID, "a: text holds a lone surrogate" },
  { "{\"a\\u0000\": 1}", TRAIL_DOCUMENT_ERROR_INVALID, "1:4: text holds a NUL character" },
  { "[9223372036854775808]", TRAIL_DOCUMENT_ERROR_LIMIT, "1:2: [0]: the number is too large" },
  { "[-9223372036854775808]", TRAIL_DOCUMENT_ERROR_LIMIT, "1:2: [0]: the number is too large" },
  { "[1, 99999999999999999999999]", TRAIL_DOCUMENT_ERROR_LIMIT, "1:5: [1]: the number is too large" },
  { "{\"a\": {\"b\": 1e309}}", TRAIL_DOCUMENT_ERROR_LIMIT, "1:13: a.b: the number is too large" },
  { "[1.8e308]", TRAIL_DOCUMENT_ERROR_LIMIT, "the number is too large" },
  { "[-0.00001e314]", TRAIL_DOCUMENT_ERROR_LIMIT, "the number is too large" },
  { "[1e99999999999999999999]", TRAIL_DOCUMENT_ERROR_LIMIT, "the number is too large" },
};

static void
test_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = NULL;
      gboolean ok;

      ok = trail_json_check (c->text, strlen (c->text), NULL, NULL, &error);
      g_test_message ("%s → %s", c->text, error != NULL ? error->message : "accepted");

      if (c->code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          /* Whatever the check passes, json-glib parses. */
          root = trail_json_parse (c->text, strlen (c->text), NULL, NULL, &error);
          g_assert_no_error (error);
          g_assert_nonnull (root);
          continue;
        }

      g_assert_false (ok);
      g_assert_error (error, TRAIL_DOCUMENT_ERROR, c->code);
      if (strstr (error->message, c->fragment) == NULL)
        g_error ("%s: expected “%s” in “%s”", c->text, c->fragment, error->message);
      g_assert_true (g_str_has_prefix (error->message, "(map)"));

      /* trail_json_parse() refuses the same way. */
      g_clear_error (&error);
      root = trail_json_parse (c->text, strlen (c->text), "clip", NULL, &error);
      g_assert_null (root);
      g_assert_error (error, TRAIL_DOCUMENT_ERROR, c->code);
      g_assert_true (g_str_has_prefix (error->message, "clip"));
    }
}

/* A text need not end with a NUL: the reader never looks past @len. */
static void
test_not_terminated (void)
{
  static const char text[] = "[\"abc\", 12345]XXXX";
  g_autoptr(GError) error = NULL;

  g_assert_true (trail_json_check (text, strlen ("[\"abc\", 12345]"), NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (trail_json_check (text, strlen ("[\"abc\", 123"), NULL, NULL, &error));
  g_assert_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_SYNTAX);
  g_clear_error (&error);

  g_assert_false (trail_json_check (text, strlen ("[\"ab"), NULL, NULL, &error));
  g_assert_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_SYNTAX);
}

/* Nesting far beyond the limit costs no stack: a million levels. */
static void
test_deep (void)
{
  gsize depth = 1000 * 1000;
  g_autofree char *text = g_malloc (2 * depth);
  g_autoptr(GError) error = NULL;
  TrailJsonLimits limits = *trail_json_file_limits ();

  memset (text, '[', depth);
  memset (text + depth, ']', depth);

  limits.max_bytes = 2 * depth;
  limits.max_depth = 2 * depth;
  limits.max_values = 2 * depth;
  g_assert_true (trail_json_check (text, 2 * depth, NULL, &limits, &error));
  g_assert_no_error (error);

  g_assert_false (trail_json_check (text, 2 * depth, NULL, NULL, &error));
  g_assert_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT);
}

/* A caller's own limits, as the clipboard sets them. */
static void
test_limits (void)
{
  const TrailJsonLimits limits = {
    .max_bytes = 64,
    .max_depth = 2,
    .max_values = 7,
    .max_string = 5,
    .long_string_key = "photo",
    .max_long_string = 8,
  };
  static const Case limited[] = {
    { "[[1, 2], {\"abcd\": \"wxyz\"}]", -1, NULL },
    { "[[[1]]]", TRAIL_DOCUMENT_ERROR_LIMIT, "1:3: nested too deeply (more than 2 levels)" },
    { "[1, 2, 3, 4, 5, 6, 7]", TRAIL_DOCUMENT_ERROR_LIMIT, "1:20: too many values (more than 7)" },
    { "[null, true, false, null, true, false, null]", TRAIL_DOCUMENT_ERROR_LIMIT, "1:40: too many values" },
    { "{\"a\": \"abcdef\"}", TRAIL_DOCUMENT_ERROR_LIMIT, "1:7: a: the text is too long (6 bytes; the limit is 5)" },
    { "{\"a\": \"\\u00e9\\u00e9\\u00e9\"}", TRAIL_DOCUMENT_ERROR_LIMIT, "a: the text is too long (6 bytes" },
    { "{\"abcdef\": 1}", TRAIL_DOCUMENT_ERROR_LIMIT, "1:2: a member name is too long" },
    { "{\"photo\": \"abcdefgh\"}", -1, NULL },
    { "{\"photo\": \"abcdefghi\"}", TRAIL_DOCUMENT_ERROR_LIMIT, "photo: the text is too long (9 bytes; the limit is 8)" },
    { "{\"photo\": [\"abcdef\"]}", TRAIL_DOCUMENT_ERROR_LIMIT, "photo[0]: the text is too long" },
    { "[\"                                                              \"]", TRAIL_DOCUMENT_ERROR_LIMIT, "the file is too large (66 bytes; the limit is 64)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (limited); i++)
    {
      const Case *c = &limited[i];
      g_autoptr(GError) error = NULL;
      gboolean ok = trail_json_check (c->text, strlen (c->text), "clip", &limits, &error);

      g_test_message ("%s → %s", c->text, error != NULL ? error->message : "accepted");
      if (c->code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          continue;
        }
      g_assert_false (ok);
      g_assert_error (error, TRAIL_DOCUMENT_ERROR, c->code);
      if (strstr (error->message, c->fragment) == NULL)
        g_error ("%s: expected “%s” in “%s”", c->text, c->fragment, error->message);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/json-check/cases", test_cases);
  g_test_add_func ("/model/json-check/not-terminated", test_not_terminated);
  g_test_add_func ("/model/json-check/deep", test_deep);
  g_test_add_func ("/model/json-check/limits", test_limits);

  return g_test_run ();
}
