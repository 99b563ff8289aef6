/* trail-document-io.c — reading and writing .trailmap files.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-document-io"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trail-enums.h"
#include "trail-file-writer.h"
#include "trail-image.h"
#include "trail-json-check.h"
#include "trail-model-private.h"
#include "trail-ratings.h"

/* A loader reports at most this many problems; a hostile file could have
 * millions. */
#define MAX_PROBLEMS 20

/* Base64 of the largest photo we accept, with room for padding. */
#define MAX_PHOTO_BASE64 ((TRAIL_IMAGE_MAX_BYTES + 2) / 3 * 4)

G_DEFINE_QUARK (trail-document-error-quark, trail_document_error)

static const char *
display_name (const char *name)
{
  return name != NULL ? name : _("(map)");
}

/* ---- Reading ------------------------------------------------------------ */

typedef struct
{
  const char    *name;
  TrailDocument *doc;
  GPtrArray     *problems;
  guint          n_problems;
  int            first_code;
} Loader;

static void problem (Loader *l, int code, const char *path, const char *format, ...) G_GNUC_PRINTF (4, 5);

static void
problem (Loader     *l,
         int         code,
         const char *path,
         const char *format,
         ...)
{
  g_autofree char *what = NULL;
  va_list args;

  if (l->n_problems++ == 0)
    l->first_code = code;

  if (l->problems->len >= MAX_PROBLEMS)
    return;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  if (path != NULL && path[0] != '\0')
    g_ptr_array_add (l->problems, g_strdup_printf ("%s: %s: %s", display_name (l->name), path, what));
  else
    g_ptr_array_add (l->problems, g_strdup_printf ("%s: %s", display_name (l->name), what));
}

static const char *
node_type_name (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return _("null");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("a list");

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return _("text");
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return _("true or false");
  return _("a number");
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_integer (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
node_is_number (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_INT64 ||
          json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

/* Unknown fields are written back as they are, so they must be writable:
 * json-glib reads 1e999 as infinity, which JSON cannot hold, and decodes a
 * lone surrogate escape ("\udc00") into bytes that are not UTF-8. */
static gboolean
node_is_writable (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        if (!g_utf8_validate (name, -1, NULL) || !node_is_writable (member))
          return FALSE;
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        if (!node_is_writable (json_array_get_element (array, i)))
          return FALSE;
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return isfinite (json_node_get_double (node));
  else if (node_is_string (node))
    return g_utf8_validate (json_node_get_string (node), -1, NULL);

  return TRUE;
}

/* Keeps the members of @object that are not in @known, for writing back. */
static JsonObject *
collect_unknown (Loader             *l,
                 JsonObject         *object,
                 const char         *path,
                 const char * const *known)
{
  JsonObject *unknown = NULL;
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *m = members; m != NULL; m = m->next)
    {
      const char *key = m->data;
      JsonNode *node;

      if (g_strv_contains (known, key))
        continue;

      if (!g_utf8_validate (key, -1, NULL))
        {
          problem (l, TRAIL_DOCUMENT_ERROR_INVALID, path, _("a member name is not valid UTF-8"));
          continue;
        }

      node = json_object_get_member (object, key);
      if (!node_is_writable (node))
        {
          problem (l, TRAIL_DOCUMENT_ERROR_INVALID, path,
                   _("“%s” holds a number too large or text that is not UTF-8"), key);
          continue;
        }

      if (unknown == NULL)
        unknown = json_object_new ();
      json_object_set_member (unknown, key, json_node_copy (node));
    }

  return unknown;
}

static const char *
kind_noun (GType type)
{
  if (type == TRAIL_TYPE_PERSONA)
    return _("persona");
  if (type == TRAIL_TYPE_STAGE)
    return _("stage");
  if (type == TRAIL_TYPE_LANE)
    return _("lane");
  if (type == TRAIL_TYPE_CARD)
    return _("card");
  if (type == TRAIL_TYPE_EMOTION_LINE)
    return _("emotion line");
  if (type == TRAIL_TYPE_EMOTION_POINT)
    return _("emotion point");
  if (type == TRAIL_TYPE_CUSTOM_CHANNEL)
    return _("channel");
  if (type == TRAIL_TYPE_SURVEY)
    return _("survey");
  if (type == TRAIL_TYPE_SURVEY_RESULT)
    return _("survey result");
  if (type == TRAIL_TYPE_ACTION)
    return _("action");
  if (type == TRAIL_TYPE_VOTE_ROUND)
    return _("voting round");
  if (type == TRAIL_TYPE_VOTER)
    return _("voter");
  if (type == TRAIL_TYPE_RATING)
    return _("rating");
  return _("item");
}

static gboolean
read_string (Loader      *l,
             JsonNode    *node,
             const char  *path,
             const char  *what,
             const char  *key,
             const char **out)
{
  const char *s;

  if (!node_is_string (node))
    {
      problem (l, TRAIL_DOCUMENT_ERROR_INVALID, path,
               _("%s: %s must be text, not %s"), what, key, node_type_name (node));
      return FALSE;
    }

  s = json_node_get_string (node);
  if (strlen (s) > TRAIL_FILE_MAX_STRING)
    {
      problem (l, TRAIL_DOCUMENT_ERROR_LIMIT, path,
               _("%s: %s is too long (%lu bytes; the limit is %d)"),
               what, key, (unsigned long) strlen (s), TRAIL_FILE_MAX_STRING);
      return FALSE;
    }

  if (!g_utf8_validate (s, -1, NULL))
    {
      problem (l, TRAIL_DOCUMENT_ERROR_INVALID, path,
               _("%s: %s is not valid UTF-8 text (a lone surrogate escape?)"), what, key);
      return FALSE;
    }

  *out = s;
  return TRUE;
}

static gboolean
is_base64 (const char *s)
{
  gsize len = strlen (s);

  if (len % 4 != 0)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = s[i];

      if (g_ascii_isalnum (c) || c == '+' || c == '/')
        continue;
      /* Padding only at the very end. */
      if (c == '=' && i >= len - 2 && (i == len - 1 || s[len - 1] == '='))
        continue;
      return FALSE;
    }

  return TRUE;
}

/* What the loader knows about one kind of item, looked up once per list
 * rather than once per item: a 10,000-card map reads 130,000 fields. */
typedef struct
{
  GType             type;
  const TrailField *fields;
  guint             n_fields;
  GParamSpec       *pspecs[24];
  const char       *known[26];
  /* The writer reads these without get_property()'s copy of each string:
   * allocating and freeing ten strings a card was a third of a save. */
  const char     *(*peek[24]) (gpointer item);
  gboolean          peek_tags[24];
} ItemKind;

typedef const char *(*PeekFunc) (gpointer item);

static const struct {
  const char *property;
  PeekFunc    peek;
} card_peeks[] = {
  { "id",            (PeekFunc) trail_card_get_id },
  { "lane-id",       (PeekFunc) trail_card_get_lane_id },
  { "stage-id",      (PeekFunc) trail_card_get_stage_id },
  { "text",          (PeekFunc) trail_card_get_text },
  { "details",       (PeekFunc) trail_card_get_details },
  { "evidence-note", (PeekFunc) trail_card_get_evidence_note },
  { "color",         (PeekFunc) trail_card_get_color },
};

static void
item_kind_init (ItemKind    *kind,
                GType        type,
                const char  *extra_key)
{
  GObjectClass *klass = g_type_class_ref (type);
  guint n = 0;

  kind->type = type;
  kind->fields = _trail_fields_for_type (type, &kind->n_fields);
  g_assert (kind->n_fields <= G_N_ELEMENTS (kind->pspecs));

  for (guint i = 0; i < kind->n_fields; i++)
    {
      kind->pspecs[i] = g_object_class_find_property (klass, kind->fields[i].property);
      kind->known[n++] = kind->fields[i].key;
      kind->peek[i] = NULL;
      kind->peek_tags[i] = type == TRAIL_TYPE_CARD && g_str_equal (kind->fields[i].property, "persona-tags");
      if (type == TRAIL_TYPE_CARD)
        for (guint j = 0; j < G_N_ELEMENTS (card_peeks); j++)
          if (g_str_equal (card_peeks[j].property, kind->fields[i].property))
            kind->peek[i] = card_peeks[j].peek;
    }
  if (extra_key != NULL)
    kind->known[n++] = extra_key;
  kind->known[n] = NULL;

  g_type_class_unref (klass);
}

/* An item being read. Its path ("cards[3]") and name ("card c12") are only
 * made when there is a problem to report. */
typedef struct
{
  const ItemKind *kind;
  const char     *list;
  guint           index;
  const char     *id;
  char           *path;
  char           *what;
} ItemRef;

static const char *
ref_path (ItemRef *ref)
{
  if (ref->path == NULL)
    ref->path = g_strdup_printf ("%s[%u]", ref->list, ref->index);
  return ref->path;
}

static char *
ref_field_path (ItemRef    *ref,
                const char *key)
{
  return g_strconcat (ref_path (ref), ".", key, NULL);
}

/* By id when it has a usable one, else by its place, counting from 1. */
static const char *
ref_what (ItemRef *ref)
{
  if (ref->what == NULL)
    {
      if (ref->id != NULL)
        ref->what = g_strdup_printf ("%s %s", kind_noun (ref->kind->type), ref->id);
      else
        ref->what = g_strdup_printf ("%s %u", kind_noun (ref->kind->type), ref->index + 1);
    }
  return ref->what;
}

static void
ref_clear (ItemRef *ref)
{
  g_clear_pointer (&ref->path, g_free);
  g_clear_pointer (&ref->what, g_free);
}

static gboolean
read_field_string (Loader      *l,
                   JsonNode    *node,
                   ItemRef     *ref,
                   const char  *key,
                   const char **out)
{
  const char *s;
  gsize len;

  if (!node_is_string (node))
    {
      g_autofree char *path = ref_field_path (ref, key);

      problem (l, TRAIL_DOCUMENT_ERROR_INVALID, path,
               _("%s: %s must be text, not %s"), ref_what (ref), key, node_type_name (node));
      return FALSE;
    }

  s = json_node_get_string (node);
  len = strlen (s);
  if (len > TRAIL_FILE_MAX_STRING)
    {
      g_autofree char *path = ref_field_path (ref, key);

      problem (l, TRAIL_DOCUMENT_ERROR_LIMIT, path,
               _("%s: %s is too long (%lu bytes; the limit is %d)"),
               ref_what (ref), key, (unsigned long) len, TRAIL_FILE_MAX_STRING);
      return FALSE;
    }

  *out = s;
  return TRUE;
}

/* Reads one field's JSON value into @value (initialized for the pspec). */
static gboolean
read_field_value (Loader           *l,
                  const TrailField *field,
                  GParamSpec       *pspec,
                  JsonNode         *node,
                  ItemRef          *ref,
                  GValue           *value)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  const char *key = field->key;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (type == G_TYPE_STRING)
    {
      const char *s;

      if (!read_field_string (l, node, ref, key, &s))
        return FALSE;
      /* The parser's strings live as long as the parse; the item copies. */
      g_value_set_static_string (value, s);
    }
  else if (G_TYPE_IS_ENUM (type))
    {
      const char *s;
      GEnumValue *ev;

      if (!read_field_string (l, node, ref, key, &s))
        return FALSE;

      ev = g_enum_get_value_by_nick (G_PARAM_SPEC_ENUM (pspec)->enum_class, s);
      if (ev == NULL)
        {
          path = ref_field_path (ref, key);
          problem (l, TRAIL_DOCUMENT_ERROR_INVALID, path,
                   _("%s: unknown %s “%s”"), ref_what (ref), key, s);
          return FALSE;
        }
      g_value_set_enum (value, ev->value);
    }
  else if (type == G_TYPE_BOOLEAN)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          path = ref_field_path (ref, key);
          problem (l, TRAIL_DOCUMENT_ERROR_INVALID, path,
                   _("%s: %s must be true or false, not %s"), ref_what (ref), key, node_type_name (node));
          return FALSE;
        }
      g_value_set_boolean (value, json_node_get_boolean (node));
    }
  else if (type == G_TYPE_INT)
    {
      GParamSpecInt *d = G_PARAM_SPEC_INT (pspec);
      gint64 v;

      if (!node_is_integer (node) ||
          (v = json_node_get_int (node)) < d->minimum || v > d->maximum)
        {
          path = ref_field_path (ref, key);
          problem (l, TRAIL_DOCUMENT_ERROR_INVALID, path,
                   _("%s: %s must be a whole number from %d to %d"),
                   ref_what (ref), key, d->minimum, d->maximum);
          return FALSE;
        }
      g_value_set_int (value, (int) v);
    }
  else if (type == G_TYPE_UINT)
    {
      GParamSpecUInt *u = G_PARAM_SPEC_UINT (pspec);
      gint64 v;

      if (!node_is_integer (node) ||
          (v = json_node_get_int (node)) < u->minimum || v > u->maximum)
        {
          path = ref_field_path (ref, key);
          problem (l, TRAIL_DOCUMENT_ERROR_INVALID, path,
                   _("%s: %s must be a whole number from %u to %u"),
                   ref_what (ref), key, u->minimum, u->maximum);
          return FALSE;
        }
      g_value_set_uint (value, (guint) v);
    }
  else if (type == G_TYPE_DOUBLE)
    {
      GParamSpecDouble *d = G_PARAM_SPEC_DOUBLE (pspec);
      double v;

      if (!node_is_number (node) ||
          !isfinite (v = json_node_get_double (node)) || v < d->minimum || v > d->maximum)
        {
          path = ref_field_path (ref, key);
          problem (l, TRAIL_DOCUMENT_ERROR_INVALID, path,
                   _("%s: %s must be a number from %g to %g"),
                   ref_what (ref), key, d->minimum, d->maximum);
          return FALSE;
        }
      g_value_set_double (value, v);
    }
  else if (type == G_TYPE_STRV)
    {
      JsonArray *array;
      guint n;
      char **strv;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          path = ref_field_path (ref, key);
          problem (l, TRAIL_DOCUMENT_ERROR_INVALID, path,
                   _("%s: %s must be a list of ids, not %s"), ref_what (ref), key, node_type_name (node));
          return FALSE;
        }

      array = json_node_get_array (node);
      n = json_array_get_length (array);
      if (n > TRAIL_FILE_MAX_TAGS)
        {
          path = ref_field_path (ref, key);
          problem (l, TRAIL_DOCUMENT_ERROR_LIMIT, path,
                   _("%s: too many entries in %s (%u; the limit is %d)"),
                   ref_what (ref), key, n, TRAIL_FILE_MAX_TAGS);
          return FALSE;
        }

      strv = g_new0 (char *, n + 1);
      g_value_take_boxed (value, strv);
      for (guint i = 0; i < n; i++)
        {
          const char *s;

          if (!read_field_string (l, json_array_get_element (array, i), ref, key, &s))
            return FALSE;
          strv[i] = g_strdup (s);
        }
    }
  else if (type == G_TYPE_BYTES)
    {
      const char *s;
      g_autofree guchar *data = NULL;
      gsize size;

      if (!node_is_string (node))
        {
          path = ref_field_path (ref, key);
          problem (l, TRAIL_DOCUMENT_ERROR_INVALID, path,
                   _("%s: %s must be base64 text, not %s"), ref_what (ref), key, node_type_name (node));
          return FALSE;
        }

      s = json_node_get_string (node);
      if (strlen (s) > MAX_PHOTO_BASE64)
        {
          path = ref_field_path (ref, key);
          problem (l, TRAIL_DOCUMENT_ERROR_LIMIT, path,
                   _("%s: the photo is too large (the limit is %d bytes)"),
                   ref_what (ref), TRAIL_IMAGE_MAX_BYTES);
          return FALSE;
        }

      if (!is_base64 (s))
        {
          path = ref_field_path (ref, key);
          problem (l, TRAIL_DOCUMENT_ERROR_INVALID, path,
                   _("%s: %s is not valid base64"), ref_what (ref), key);
          return FALSE;
        }

      data = g_base64_decode (s, &size);
      if (!trail_image_check (data, size, NULL, NULL, NULL, &error))
        {
          path = ref_field_path (ref, key);
          problem (l, error->code, path, "%s: %s", ref_what (ref), error->message);
          return FALSE;
        }

      g_value_take_boxed (value, g_bytes_new_take (g_steal_pointer (&data), size));
    }
  else
    g_assert_not_reached ();

  if (!_trail_field_check_value (field, pspec, value, &error))
    {
      path = ref_field_path (ref, key);
      problem (l, error->code, path, "%s: %s", ref_what (ref), error->message);
      return FALSE;
    }

  return TRUE;
}

/* Reads an item at @index of @list. Returns NULL when the item has any
 * problem (all of them are reported): the load fails anyway, and the
 * document must never index a card without a cell. */
static GObject *
read_item (Loader         *l,
           JsonNode       *node,
           const ItemKind *kind,
           const char     *list,
           guint           index)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GObject) item = NULL;
  ItemRef ref = { kind, list, index, NULL, NULL, NULL };
  guint problems_before = l->n_problems;
  guint members_known = 0;
  JsonObject *object;
  JsonNode *id_node;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      problem (l, TRAIL_DOCUMENT_ERROR_INVALID, ref_path (&ref),
               _("expected an object, found %s"), node_type_name (node));
      ref_clear (&ref);
      return NULL;
    }

  object = json_node_get_object (node);
  id_node = json_object_get_member (object, "id");

  /* Set directly rather than as a construct property, which costs more
   * than the rest of the item; a bad id is reported below, and an item
   * without one is never returned. */
  item = g_object_new (kind->type, NULL);
  if (id_node != NULL && node_is_string (id_node))
    {
      const char *id = json_node_get_string (id_node);

      g_value_init (&value, G_TYPE_STRING);
      g_value_set_static_string (&value, id);
      _trail_item_init_value (item, kind->pspecs[0], &value);
      g_value_unset (&value);

      /* Messages name the item by a readable id, else by its place. */
      if (id[0] != '\0' && strlen (id) <= 64 && strchr (id, '\n') == NULL)
        ref.id = id;
    }

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const TrailField *field = &kind->fields[i];
      JsonNode *member = json_object_get_member (object, field->key);

      if (member != NULL)
        members_known++;

      if (member == NULL || JSON_NODE_HOLDS_NULL (member))
        {
          if (field->flags & TRAIL_FIELD_REQUIRED)
            {
              g_autofree char *path = ref_field_path (&ref, field->key);

              problem (l, TRAIL_DOCUMENT_ERROR_INVALID, path,
                       _("%s has no %s"), ref_what (&ref), field->key);
            }
          continue;
        }

      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (kind->pspecs[i]));
      if (read_field_value (l, field, kind->pspecs[i], member, &ref, &value) &&
          !(field->flags & TRAIL_FIELD_ID))
        _trail_item_init_value (item, kind->pspecs[i], &value);
      g_value_unset (&value);
    }

  /* Most items have no unknown members: skip the search for them. */
  for (guint i = kind->n_fields; kind->known[i] != NULL; i++)
    if (json_object_has_member (object, kind->known[i]))
      members_known++;

  if (members_known < json_object_get_size (object))
    {
      g_autoptr(JsonObject) unknown = collect_unknown (l, object, ref_path (&ref), kind->known);

      _trail_item_set_unknown (item, unknown);
    }

  ref_clear (&ref);

  if (l->n_problems != problems_before)
    return NULL;

  return g_steal_pointer (&item);
}

static gboolean
add_item (Loader     *l,
          GObject    *item,
          const char *id,
          const char *list,
          guint       index)
{
  if (!_trail_document_append_item (l->doc, item))
    {
      GObject *other = _trail_document_lookup_id (l->doc, id);
      g_autofree char *path = g_strdup_printf ("%s[%u]", list, index);

      problem (l, TRAIL_DOCUMENT_ERROR_REFERENCE, path,
               _("duplicate id %s (also used by a %s)"), id, kind_noun (G_OBJECT_TYPE (other)));
      return FALSE;
    }

  return TRUE;
}

static JsonArray *
get_list (Loader     *l,
          JsonObject *root,
          const char *key)
{
  JsonNode *node = json_object_get_member (root, key);
  JsonArray *array;
  int limit;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      problem (l, TRAIL_DOCUMENT_ERROR_INVALID, key,
               _("expected a list, found %s"), node_type_name (node));
      return NULL;
    }

  array = json_node_get_array (node);
  limit = g_str_equal (key, "cards") ? TRAIL_FILE_MAX_CARDS : TRAIL_FILE_MAX_ITEMS;
  if (json_array_get_length (array) > limit)
    {
      problem (l, TRAIL_DOCUMENT_ERROR_LIMIT, key,
               _("too many entries (%u; the limit is %d)"),
               json_array_get_length (array), limit);
      return NULL;
    }

  return array;
}

static void
read_list (Loader     *l,
           JsonObject *root,
           const char *key,
           GType       type)
{
  JsonArray *array = get_list (l, root, key);
  guint n = array != NULL ? json_array_get_length (array) : 0;
  ItemKind kind;

  item_kind_init (&kind, type, NULL);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(GObject) item = read_item (l, node, &kind, key, i);

      /* A good item has a good id, still in the parsed tree. */
      if (item != NULL)
        add_item (l, item, json_object_get_string_member (json_node_get_object (node), "id"), key, i);
    }
}

static void
read_lines (Loader     *l,
            JsonObject *root)
{
  JsonArray *array = get_list (l, root, "emotion-lines");
  guint n = array != NULL ? json_array_get_length (array) : 0;
  guint total_points = 0;
  ItemKind line_kind, point_kind;

  item_kind_init (&line_kind, TRAIL_TYPE_EMOTION_LINE, "points");
  item_kind_init (&point_kind, TRAIL_TYPE_EMOTION_POINT, NULL);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(GObject) line = read_item (l, node, &line_kind, "emotion-lines", i);
      g_autofree char *points_list = NULL;
      JsonNode *points_node;
      JsonArray *points;
      guint n_points;

      if (line == NULL)
        continue;

      if (!add_item (l, line, trail_emotion_line_get_id (TRAIL_EMOTION_LINE (line)), "emotion-lines", i))
        continue;

      points_node = json_object_get_member (json_node_get_object (node), "points");
      if (points_node == NULL || JSON_NODE_HOLDS_NULL (points_node))
        continue;

      points_list = g_strdup_printf ("emotion-lines[%u].points", i);
      if (!JSON_NODE_HOLDS_ARRAY (points_node))
        {
          problem (l, TRAIL_DOCUMENT_ERROR_INVALID, points_list,
                   _("expected a list, found %s"), node_type_name (points_node));
          continue;
        }

      points = json_node_get_array (points_node);
      n_points = json_array_get_length (points);
      total_points += n_points;
      if (total_points > TRAIL_FILE_MAX_ITEMS)
        {
          problem (l, TRAIL_DOCUMENT_ERROR_LIMIT, points_list,
                   _("too many emotion points (the limit is %d)"), TRAIL_FILE_MAX_ITEMS);
          return;
        }

      for (guint p = 0; p < n_points; p++)
        {
          g_autoptr(GObject) point = read_item (l, json_array_get_element (points, p),
                                                &point_kind, points_list, p);
          const char *point_id;

          if (point == NULL)
            continue;

          point_id = trail_emotion_point_get_id (TRAIL_EMOTION_POINT (point));
          if (!_trail_document_append_point (l->doc, TRAIL_EMOTION_LINE (line), TRAIL_EMOTION_POINT (point)))
            {
              GObject *other = _trail_document_lookup_id (l->doc, point_id);
              g_autofree char *path = g_strdup_printf ("%s[%u]", points_list, p);

              problem (l, TRAIL_DOCUMENT_ERROR_REFERENCE, path,
                       _("duplicate id %s (also used by a %s)"), point_id,
                       kind_noun (G_OBJECT_TYPE (other)));
            }
        }
    }
}

static gboolean
read_scale (Loader     *l,
            JsonObject *root)
{
  static const char * const known[] = { "min", "max", "labels", NULL };
  JsonNode *node = json_object_get_member (root, "scale");
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) labels = NULL;
  g_autoptr(JsonObject) unknown = NULL;
  JsonObject *scale;
  JsonNode *min_node, *max_node, *labels_node;
  gint64 min, max;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      problem (l, TRAIL_DOCUMENT_ERROR_INVALID, "scale",
               _("expected an object, found %s"), node_type_name (node));
      return FALSE;
    }

  scale = json_node_get_object (node);
  min_node = json_object_get_member (scale, "min");
  max_node = json_object_get_member (scale, "max");
  labels_node = json_object_get_member (scale, "labels");

  if (min_node == NULL || max_node == NULL)
    {
      problem (l, TRAIL_DOCUMENT_ERROR_INVALID, "scale",
               _("the scale has no %s"), min_node == NULL ? "min" : "max");
      return FALSE;
    }

  if (!node_is_integer (min_node) || !node_is_integer (max_node))
    {
      problem (l, TRAIL_DOCUMENT_ERROR_INVALID, "scale",
               _("min and max must be whole numbers"));
      return FALSE;
    }

  min = json_node_get_int (min_node);
  max = json_node_get_int (max_node);

  if (labels_node != NULL && !JSON_NODE_HOLDS_NULL (labels_node))
    {
      JsonArray *array;
      guint n;

      if (!JSON_NODE_HOLDS_ARRAY (labels_node))
        {
          problem (l, TRAIL_DOCUMENT_ERROR_INVALID, "scale.labels",
                   _("expected a list, found %s"), node_type_name (labels_node));
          return FALSE;
        }

      array = json_node_get_array (labels_node);
      n = json_array_get_length (array);
      builder = g_strv_builder_new ();
      for (guint i = 0; i < n && i <= 1000; i++)
        {
          const char *s;

          if (!read_string (l, json_array_get_element (array, i), "scale.labels", _("scale"), "labels", &s))
            return FALSE;
          g_strv_builder_add (builder, s);
        }
      labels = g_strv_builder_end (builder);
    }

  if (min < -1000 || max > 1000 ||
      !_trail_document_set_scale_direct (l->doc, (int) min, (int) max, (const char * const *) labels))
    {
      problem (l, TRAIL_DOCUMENT_ERROR_INVALID, "scale",
               _("the scale %lld … %lld is not valid "
                 "(whole numbers within ±1000, min below max, at most 100 steps, "
                 "one label per step)"),
               (long long) min, (long long) max);
      return FALSE;
    }

  unknown = collect_unknown (l, scale, "scale", known);
  _trail_document_set_scale_unknown (l->doc, unknown);

  return TRUE;
}

/* Reports a reference to a missing item. Only called when the lookup
 * failed, so the strings are made only then. */
static gboolean
check_reference (Loader     *l,
                 const char *id,
                 GType       type,
                 GType       from_type,
                 const char *from_id,
                 const char *path_format,
                 ...) G_GNUC_PRINTF (6, 7);

static gboolean
check_reference (Loader     *l,
                 const char *id,
                 GType       type,
                 GType       from_type,
                 const char *from_id,
                 const char *path_format,
                 ...)
{
  GObject *target = _trail_document_lookup_id (l->doc, id);
  g_autofree char *path = NULL;
  va_list args;

  if (target != NULL && G_TYPE_CHECK_INSTANCE_TYPE (target, type))
    return TRUE;

  va_start (args, path_format);
  path = g_strdup_vprintf (path_format, args);
  va_end (args);

  problem (l, TRAIL_DOCUMENT_ERROR_REFERENCE, path,
           _("%s %s refers to unknown %s %s"), kind_noun (from_type), from_id, kind_noun (type), id);
  return FALSE;
}

static void check_ratings (Loader *l);

/* Every reference is checked once everything is read, so that order in the
 * file does not matter. */
static void
check_references (Loader *l)
{
  GListModel *lanes = trail_document_get_lanes (l->doc);
  GListModel *cards = trail_document_get_cards (l->doc);
  GListModel *lines = trail_document_get_emotion_lines (l->doc);
  g_autoptr(GHashTable) line_personas = g_hash_table_new (g_str_hash, g_str_equal);
  double scale_min = trail_document_get_scale_min (l->doc);
  double scale_max = trail_document_get_scale_max (l->doc);
  guint n;

  n = g_list_model_get_n_items (lanes);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrailLane) lane = g_list_model_get_item (lanes, i);
      const char *persona = trail_lane_get_persona_id (lane);

      if (persona != NULL)
        check_reference (l, persona, TRAIL_TYPE_PERSONA, TRAIL_TYPE_LANE, trail_lane_get_id (lane),
                         "lanes[%u].persona", i);
    }

  n = g_list_model_get_n_items (cards);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrailCard) card = g_list_model_get_item (cards, i);
      const char *id = trail_card_get_id (card);
      const char * const *tags = trail_card_get_persona_tags (card);

      if (check_reference (l, trail_card_get_lane_id (card), TRAIL_TYPE_LANE, TRAIL_TYPE_CARD, id,
                           "cards[%u].lane", i))
        {
          TrailLane *lane = trail_document_find_lane (l->doc, trail_card_get_lane_id (card));

          if (trail_lane_get_kind (lane) == TRAIL_LANE_KIND_EMOTIONS)
            {
              g_autofree char *path = g_strdup_printf ("cards[%u].lane", i);

              problem (l, TRAIL_DOCUMENT_ERROR_INVALID, path,
                       _("%s %s is in emotions lane %s, which holds no cards"),
                       kind_noun (TRAIL_TYPE_CARD), id, trail_lane_get_id (lane));
            }
        }

      check_reference (l, trail_card_get_stage_id (card), TRAIL_TYPE_STAGE, TRAIL_TYPE_CARD, id,
                       "cards[%u].stage", i);

      for (guint t = 0; tags != NULL && tags[t] != NULL; t++)
        check_reference (l, tags[t], TRAIL_TYPE_PERSONA, TRAIL_TYPE_CARD, id,
                         "cards[%u].personas[%u]", i, t);

      if (trail_card_get_custom_channel (card) != NULL)
        check_reference (l, trail_card_get_custom_channel (card), TRAIL_TYPE_CUSTOM_CHANNEL,
                         TRAIL_TYPE_CARD, id, "cards[%u].custom-channel", i);
    }

  n = g_list_model_get_n_items (lines);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrailEmotionLine) line = g_list_model_get_item (lines, i);
      GListModel *points = trail_emotion_line_get_points (line);
      const char *persona = trail_emotion_line_get_persona_id (line);
      guint n_points = g_list_model_get_n_items (points);

      if (persona != NULL)
        check_reference (l, persona, TRAIL_TYPE_PERSONA, TRAIL_TYPE_EMOTION_LINE,
                         trail_emotion_line_get_id (line), "emotion-lines[%u].persona", i);

      if (!g_hash_table_add (line_personas, (char *) (persona != NULL ? persona : "")))
        {
          g_autofree char *path = g_strdup_printf ("emotion-lines[%u]", i);

          if (persona != NULL)
            problem (l, TRAIL_DOCUMENT_ERROR_REFERENCE, path,
                     _("persona %s has more than one emotion line"), persona);
          else
            problem (l, TRAIL_DOCUMENT_ERROR_REFERENCE, path,
                     _("there is more than one emotion line for everyone"));
        }

      for (guint p = 0; p < n_points; p++)
        {
          g_autoptr(TrailEmotionPoint) point = g_list_model_get_item (points, p);
          const char *point_id = trail_emotion_point_get_id (point);
          double score = trail_emotion_point_get_score (point);

          check_reference (l, trail_emotion_point_get_stage_id (point), TRAIL_TYPE_STAGE,
                           TRAIL_TYPE_EMOTION_POINT, point_id,
                           "emotion-lines[%u].points[%u].stage", i, p);

          if (score < scale_min || score > scale_max)
            {
              g_autofree char *path = g_strdup_printf ("emotion-lines[%u].points[%u].score", i, p);

              problem (l, TRAIL_DOCUMENT_ERROR_INVALID, path,
                       _("%s %s: score %g is outside the scale %g … %g"),
                       kind_noun (TRAIL_TYPE_EMOTION_POINT), point_id, score, scale_min, scale_max);
            }
        }
    }

  {
    GListModel *actions = trail_document_get_actions (l->doc);

    for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
      {
        g_autoptr(TrailAction) action = g_list_model_get_item (actions, i);
        const char * const *action_cards = trail_action_get_cards (action);
        const char *id = trail_action_get_id (action);

        for (guint c = 0; action_cards != NULL && action_cards[c] != NULL; c++)
          check_reference (l, action_cards[c], TRAIL_TYPE_CARD, TRAIL_TYPE_ACTION, id, "actions[%u].cards[%u]", i, c);
        if (trail_action_get_metric (action) != NULL)
          check_reference (l, trail_action_get_metric (action), TRAIL_TYPE_CARD, TRAIL_TYPE_ACTION, id,
                           "actions[%u].metric", i);
      }
  }

  check_ratings (l);
}

/* A rating names a stage of the map, gives a whole step of its scale, and
 * is the only one of its participant for that stage; a stage holds at
 * most TRAIL_RATING_MAX_PER_STAGE. */
static void
check_ratings (Loader *l)
{
  GListModel *ratings = trail_document_get_ratings (l->doc);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) per_stage = g_hash_table_new (g_str_hash, g_str_equal);
  int scale_min = trail_document_get_scale_min (l->doc);
  int scale_max = trail_document_get_scale_max (l->doc);

  for (guint i = 0, n = g_list_model_get_n_items (ratings); i < n; i++)
    {
      g_autoptr(TrailRating) rating = g_list_model_get_item (ratings, i);
      const char *id = trail_rating_get_id (rating);
      const char *stage = trail_rating_get_stage_id (rating);
      int score = trail_rating_get_score (rating);
      guint count;
      char *key;

      if (!check_reference (l, stage, TRAIL_TYPE_STAGE, TRAIL_TYPE_RATING, id, "ratings[%u].stage", i))
        continue;

      if (score < scale_min || score > scale_max)
        {
          g_autofree char *path = g_strdup_printf ("ratings[%u].score", i);

          problem (l, TRAIL_DOCUMENT_ERROR_INVALID, path,
                   _("%s %s: score %d is outside the scale %d … %d"),
                   kind_noun (TRAIL_TYPE_RATING), id, score, scale_min, scale_max);
        }

      key = g_strconcat (stage, "\x1f", trail_rating_get_participant (rating), NULL);
      if (g_hash_table_contains (seen, key))
        {
          g_autofree char *path = g_strdup_printf ("ratings[%u]", i);

          problem (l, TRAIL_DOCUMENT_ERROR_INVALID, path,
                   _("%s %s: participant “%s” rated stage %s twice"),
                   kind_noun (TRAIL_TYPE_RATING), id, trail_rating_get_participant (rating), stage);
          g_free (key);
        }
      else
        g_hash_table_add (seen, key);

      count = GPOINTER_TO_UINT (g_hash_table_lookup (per_stage, stage)) + 1;
      g_hash_table_insert (per_stage, (char *) stage, GUINT_TO_POINTER (count));
      if (count == TRAIL_RATING_MAX_PER_STAGE + 1)
        {
          g_autofree char *path = g_strdup_printf ("ratings[%u]", i);

          problem (l, TRAIL_DOCUMENT_ERROR_LIMIT, path,
                   _("stage %s has too many ratings (the limit is %d)"), stage, TRAIL_RATING_MAX_PER_STAGE);
        }
    }
}

/* "crowd-statistic": how the crowd line sums up the ratings. */
static void
read_crowd_statistic (Loader     *l,
                      JsonObject *root)
{
  JsonNode *node = json_object_get_member (root, "crowd-statistic");
  const char *value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!read_string (l, node, "crowd-statistic", _("the map"), "crowd-statistic", &value))
    return;
  if (g_str_equal (value, "median"))
    _trail_item_set (l->doc, "crowd-statistic", "median", NULL);
  else if (!g_str_equal (value, "mean"))
    problem (l, TRAIL_DOCUMENT_ERROR_INVALID, "crowd-statistic",
             _("the crowd statistic must be “mean” or “median”, not “%s”"), value);
}

/* Each step turns a file of version N into version N + 1, before it is
 * read. Version 1 is the first format, so there is no step yet; when the
 * format changes, bump TRAIL_FILE_FORMAT_VERSION and add the step from the
 * old version here (working on a copy: parsed nodes are immutable). */
typedef JsonNode *(*MigrateFunc) (JsonNode  *root,
                                  GError   **error);

static const struct {
  gint64      from_version;
  MigrateFunc migrate;
} migrations[] = {
  { 0, NULL },
};

static JsonNode *
migrate (JsonNode  *root,
         gint64     version,
         GError   **error)
{
  g_autoptr(JsonNode) current = json_node_ref (root);

  for (gint64 v = version; v < TRAIL_FILE_FORMAT_VERSION; v++)
    for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
      if (migrations[i].from_version == v && migrations[i].migrate != NULL)
        {
          JsonNode *next = migrations[i].migrate (current, error);

          if (next == NULL)
            return NULL;
          json_node_unref (current);
          current = next;
        }

  return g_steal_pointer (&current);
}

/* A small file of 2,000 stages and 2,000 lanes is four million cells to
 * lay out: gigabytes in any view or export. */
static void
check_cells (Loader *l,
             guint   n_stages,
             guint   n_lanes)
{
  if ((guint64) n_stages * n_lanes > TRAIL_FILE_MAX_CELLS)
    problem (l, TRAIL_DOCUMENT_ERROR_LIMIT, "lanes",
             _("%u stages and %u lanes make too many cells (the limit is %d)"),
             n_stages, n_lanes, TRAIL_FILE_MAX_CELLS);
}

/* A link's file name is looked up next to the map: a name, never a path. */
static gboolean
is_plain_file_name (const char *name)
{
  return *name != '\0' && strchr (name, '/') == NULL && strchr (name, '\\') == NULL &&
         strcmp (name, ".") != 0 && strcmp (name, "..") != 0;
}

/* The map's "id", and a future state's "current-state": {"id", "file"}. */
static void
read_map_link (Loader     *l,
               JsonObject *root)
{
  static const char * const known[] = { "id", "file", NULL };
  JsonNode *node = json_object_get_member (root, "id");
  const char *map_id = NULL, *state_id = NULL, *state_file = NULL;
  JsonObject *link;
  g_autoptr(JsonObject) unknown = NULL;

  if (node != NULL && read_string (l, node, "id", _("the map"), "id", &map_id) && *map_id == '\0')
    problem (l, TRAIL_DOCUMENT_ERROR_INVALID, "id", _("the map: id must not be empty"));

  node = json_object_get_member (root, "current-state");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          problem (l, TRAIL_DOCUMENT_ERROR_INVALID, "current-state",
                   _("the map: current-state must be an object, not %s"), node_type_name (node));
          return;
        }
      link = json_node_get_object (node);
      node = json_object_get_member (link, "id");
      if (node != NULL)
        read_string (l, node, "current-state.id", _("the current state"), "id", &state_id);
      node = json_object_get_member (link, "file");
      if (node == NULL)
        problem (l, TRAIL_DOCUMENT_ERROR_INVALID, "current-state",
                 _("the current state has no file name"));
      else if (read_string (l, node, "current-state.file", _("the current state"), "file", &state_file) &&
               !is_plain_file_name (state_file))
        problem (l, TRAIL_DOCUMENT_ERROR_INVALID, "current-state.file",
                 _("the current state: file must be a file name, not a path"));
      unknown = collect_unknown (l, link, "current-state", known);
      /* Kept for the save, as every unknown member is. */
      if (unknown != NULL)
        g_object_set_data_full (G_OBJECT (l->doc), "current-state-unknown",
                                g_steal_pointer (&unknown), (GDestroyNotify) json_object_unref);
    }

  _trail_item_set (l->doc,
                   "map-id", map_id,
                   "current-state-id", state_id,
                   "current-state-file", state_file,
                   NULL);
}

static const char * const root_known[] = {
  "format", "version", "id", "title", "objective", "scope", "notes", "current-state", "scale",
  "personas", "stages", "lanes", "channels", "cards", "emotion-lines",
  "surveys", "survey-results", "actions", "vote-rounds", "voters", "ratings", "crowd-statistic", NULL
};

static TrailDocument *
load_root (JsonNode    *root,
           const char  *name,
           GError     **error)
{
  g_autoptr(TrailDocument) doc = trail_document_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) migrated = NULL;
  g_autoptr(JsonObject) unknown = NULL;
  Loader loader = { name, doc, problems, 0, 0 };
  Loader *l = &loader;
  const char *meta[4] = { NULL, };
  static const char * const meta_keys[] = { "title", "objective", "scope", "notes" };
  JsonObject *object;
  JsonNode *format, *version;
  gint64 v;

  if (root == NULL)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_SYNTAX,
                   _("%s: the file is empty"), display_name (name));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_NOT_TRAILMAP,
                   _("%s: not a Trailmap map (expected a JSON object, found %s)"),
                   display_name (name), node_type_name (root));
      return NULL;
    }

  object = json_node_get_object (root);
  format = json_object_get_member (object, "format");
  if (format != NULL && node_is_string (format) &&
      strcmp (json_node_get_string (format), TRAIL_FILE_FORMAT_TAG) != 0 &&
      strlen (json_node_get_string (format)) < 100)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_NOT_TRAILMAP,
                   _("%s: format: not a Trailmap map (the format is “%s”, not “trailmap”)"),
                   display_name (name), json_node_get_string (format));
      return NULL;
    }

  if (format == NULL || !node_is_string (format) ||
      strcmp (json_node_get_string (format), TRAIL_FILE_FORMAT_TAG) != 0)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_NOT_TRAILMAP,
                   _("%s: format: not a Trailmap map (it has no \"format\": \"trailmap\")"),
                   display_name (name));
      return NULL;
    }

  version = json_object_get_member (object, "version");
  if (version == NULL || !node_is_integer (version))
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                   _("%s: version: the map has no file format version (a whole number)"),
                   display_name (name));
      return NULL;
    }

  v = json_node_get_int (version);
  if (v > TRAIL_FILE_FORMAT_VERSION)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_TOO_NEW,
                   _("%s: the map was made by a newer Trailmap (file format version %lld"
                     "; this version reads up to %d). Update Trailmap to open it."),
                   display_name (name), (long long) v, TRAIL_FILE_FORMAT_VERSION);
      return NULL;
    }

  if (v < 1)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                   _("%s: version: %lld is not a Trailmap file format version"),
                   display_name (name), (long long) v);
      return NULL;
    }

  migrated = migrate (root, v, error);
  if (migrated == NULL)
    return NULL;
  object = json_node_get_object (migrated);

  for (guint i = 0; i < G_N_ELEMENTS (meta_keys); i++)
    {
      JsonNode *node = json_object_get_member (object, meta_keys[i]);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        {
          if (i == 0)
            problem (l, TRAIL_DOCUMENT_ERROR_INVALID, "title", _("the map has no title"));
          continue;
        }

      read_string (l, node, meta_keys[i], _("the map"), meta_keys[i], &meta[i]);
    }
  _trail_document_set_meta (doc, meta[0], meta[1], meta[2], meta[3]);
  read_map_link (l, object);

  read_scale (l, object);
  read_list (l, object, "personas", TRAIL_TYPE_PERSONA);
  read_list (l, object, "stages", TRAIL_TYPE_STAGE);
  read_list (l, object, "lanes", TRAIL_TYPE_LANE);
  read_list (l, object, "channels", TRAIL_TYPE_CUSTOM_CHANNEL);
  check_cells (l, g_list_model_get_n_items (trail_document_get_stages (doc)),
               g_list_model_get_n_items (trail_document_get_lanes (doc)));
  read_list (l, object, "cards", TRAIL_TYPE_CARD);
  read_lines (l, object);
  read_list (l, object, "surveys", TRAIL_TYPE_SURVEY);
  read_list (l, object, "survey-results", TRAIL_TYPE_SURVEY_RESULT);
  read_list (l, object, "actions", TRAIL_TYPE_ACTION);
  read_list (l, object, "vote-rounds", TRAIL_TYPE_VOTE_ROUND);
  read_list (l, object, "voters", TRAIL_TYPE_VOTER);
  read_list (l, object, "ratings", TRAIL_TYPE_RATING);
  read_crowd_statistic (l, object);

  unknown = collect_unknown (l, object, NULL, root_known);
  _trail_item_set_unknown (doc, unknown);

  if (l->n_problems == 0)
    check_references (l);

  if (l->n_problems > 0)
    {
      g_autoptr(GString) message = g_string_new (NULL);

      for (guint i = 0; i < problems->len; i++)
        {
          if (i > 0)
            g_string_append_c (message, '\n');
          g_string_append (message, g_ptr_array_index (problems, i));
        }
      if (l->n_problems > problems->len)
        {
          g_string_append_c (message, '\n');
          g_string_append_printf (message,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%s: (and %u more problem)",
                                               "%s: (and %u more problems)",
                                               l->n_problems - problems->len),
                                  display_name (name), l->n_problems - problems->len);
        }

      g_set_error_literal (error, TRAIL_DOCUMENT_ERROR, l->first_code, message->str);
      return NULL;
    }

  _trail_document_sort_points (doc);
  _trail_document_reset_history (doc);

  return g_steal_pointer (&doc);
}

TrailDocument *
trail_document_load_from_bytes (GBytes      *bytes,
                                const char  *name,
                                GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  const char *data;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &len);

  /* The strict reader decides what is JSON and what it may cost. */
  root = trail_json_parse (data, len, name, NULL, error);
  if (root == NULL)
    return NULL;

  return load_root (root, name, error);
}

GBytes *
trail_document_read_file (GFile         *file,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  g_autofree char *parse_name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  buffer = g_byte_array_new ();

  /* Read in chunks and stop one byte past the limit: a huge file (or an
   * endless one, like a FIFO) never fills memory. */
  for (;;)
    {
      gsize chunk = 64 * 1024;
      gsize old_len = buffer->len;
      gssize n;

      g_byte_array_set_size (buffer, old_len + chunk);
      n = g_input_stream_read (G_INPUT_STREAM (stream), buffer->data + old_len, chunk,
                               cancellable, error);
      if (n < 0)
        return NULL;

      g_byte_array_set_size (buffer, old_len + n);
      if (n == 0)
        break;

      if (buffer->len > TRAIL_FILE_MAX_BYTES)
        {
          parse_name = g_file_get_parse_name (file);
          g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT,
                       _("%s: the file is too large (the limit is %d bytes)"),
                       parse_name, TRAIL_FILE_MAX_BYTES);
          return NULL;
        }
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

TrailDocument *
trail_document_load_from_file (GFile         *file,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = trail_document_read_file (file, cancellable, error);
  if (bytes == NULL)
    return NULL;

  name = g_file_get_parse_name (file);
  return trail_document_load_from_bytes (bytes, name, error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  TrailDocument *doc;

  doc = trail_document_load_from_file (task_data, cancellable, &error);
  if (doc == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, doc, g_object_unref);
}

void
trail_document_load_from_file_async (GFile               *file,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, trail_document_load_from_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  /* The document is built in the worker and only handed over when done,
   * so no other thread ever sees it half made. */
  g_task_run_in_thread (task, load_thread);
}

TrailDocument *
trail_document_load_from_file_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Writing ------------------------------------------------------------ */

/* GString's appends are calls through g_string_insert_len() in GLib 2.74;
 * the writer appends a few bytes at a time, millions of times. */
static inline void
append_len (GString    *out,
            const char *s,
            gsize       n)
{
  if (G_LIKELY (out->len + n < out->allocated_len))
    {
      memcpy (out->str + out->len, s, n);
      out->len += n;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, s, n);
}

#define append_literal(out, s) append_len ((out), "" s, sizeof (s) - 1)

static void
write_indent (GString *out,
              guint    level)
{
  static const char spaces[] = "                                ";

  for (; level > (sizeof spaces - 1) / 2; level -= (sizeof spaces - 1) / 2)
    append_len (out, spaces, sizeof spaces - 1);
  append_len (out, spaces, 2 * level);
}

static void
write_string (GString    *out,
              const char *s)
{
  const char *run = s;
  const char *p;

  g_string_append_c (out, '"');

  /* Copy runs of plain characters at once; UTF-8 is written as is, which
   * keeps non-English maps readable in diffs. */
  for (p = s; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      append_len (out, run, p - run);
      run = p + 1;

      switch (c)
        {
        case '"':  append_literal (out, "\\\""); break;
        case '\\': append_literal (out, "\\\\"); break;
        case '\n': append_literal (out, "\\n"); break;
        case '\r': append_literal (out, "\\r"); break;
        case '\t': append_literal (out, "\\t"); break;
        case '\b': append_literal (out, "\\b"); break;
        case '\f': append_literal (out, "\\f"); break;
        default:   g_string_append_printf (out, "\\u%04x", c); break;
        }
    }

  append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

static void
write_double (GString  *out,
              double    v,
              gboolean  keep_type)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_assert (isfinite (v));

  if (v == floor (v) && fabs (v) < 1e15)
    {
      if (v == 0.0)
        v = 0.0; /* no "-0" */
      g_string_append_printf (out, keep_type ? "%.1f" : "%.0f", v);
      return;
    }

  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, v);
      if (precision == 17 || g_ascii_strtod (buf, NULL) == v)
        break;
    }

  /* "1e+20" is valid JSON but json-glib reads it as a double only with a
   * fraction or exponent, which it has; keep it as is. */
  g_string_append (out, buf);
}

static gboolean
node_is_scalar (JsonNode *node)
{
  return !JSON_NODE_HOLDS_OBJECT (node) && !JSON_NODE_HOLDS_ARRAY (node);
}

static void write_node (GString *out, JsonNode *node, guint level);

static void
write_object_members (GString    *out,
                      JsonObject *object,
                      guint       level,
                      gboolean   *first)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *m = members; m != NULL; m = m->next)
    {
      g_string_append (out, *first ? "\n" : ",\n");
      *first = FALSE;
      write_indent (out, level);
      write_string (out, m->data);
      g_string_append (out, ": ");
      write_node (out, json_object_get_member (object, m->data), level);
    }
}

static void
write_node (GString  *out,
            JsonNode *node,
            guint     level)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        write_object_members (out, json_node_get_object (node), level + 1, &first);
        if (!first)
          {
            g_string_append_c (out, '\n');
            write_indent (out, level);
          }
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        gboolean inline_array = TRUE;

        for (guint i = 0; i < n && inline_array; i++)
          inline_array = node_is_scalar (json_array_get_element (array, i));

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (inline_array)
              g_string_append (out, i > 0 ? ", " : "");
            else
              {
                g_string_append (out, i > 0 ? ",\n" : "\n");
                write_indent (out, level + 1);
              }
            write_node (out, json_array_get_element (array, i), level + 1);
          }
        if (!inline_array && n > 0)
          {
            g_string_append_c (out, '\n');
            write_indent (out, level);
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          write_string (out, json_node_get_string (node));
        else if (type == G_TYPE_BOOLEAN)
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
        else if (type == G_TYPE_INT64)
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
        else
          write_double (out, json_node_get_double (node), TRUE);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  GString  *out;
  guint     level;
  gboolean  first;
} ObjectWriter;

static void
write_strv (GString            *out,
            const char * const *strv)
{
  g_string_append_c (out, '[');
  for (guint i = 0; strv[i] != NULL; i++)
    {
      if (i > 0)
        append_literal (out, ", ");
      write_string (out, strv[i]);
    }
  g_string_append_c (out, ']');
}

/* @key is one of ours: plain ASCII, nothing to escape. */
static void
member (ObjectWriter *w,
        const char   *key)
{
  if (w->first)
    append_literal (w->out, "\n");
  else
    append_literal (w->out, ",\n");
  w->first = FALSE;
  write_indent (w->out, w->level);
  g_string_append_c (w->out, '"');
  append_len (w->out, key, strlen (key));
  append_literal (w->out, "\": ");
}

static void
begin_object (ObjectWriter *w,
              GString      *out,
              guint         level)
{
  w->out = out;
  w->level = level + 1;
  w->first = TRUE;
  g_string_append_c (out, '{');
}

static void
end_object (ObjectWriter *w,
            JsonObject   *unknown)
{
  if (unknown != NULL)
    write_object_members (w->out, unknown, w->level, &w->first);

  if (!w->first)
    {
      g_string_append_c (w->out, '\n');
      write_indent (w->out, w->level - 1);
    }
  g_string_append_c (w->out, '}');
}

static void
write_uint (GString *out,
            guint64  v)
{
  char buf[24];
  guint i = sizeof buf;

  /* g_string_append_printf() costs more than the rest of a card. */
  do
    {
      buf[--i] = '0' + v % 10;
      v /= 10;
    }
  while (v > 0);

  g_string_append_len (out, buf + i, sizeof buf - i);
}

static void
write_item (GString           *out,
            GObject           *item,
            guint              level,
            const ItemKind    *kind,
            const ItemKind    *point_kind,
            TrailDraftOverlay *overlay)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (item);
  g_auto(GValue) value = G_VALUE_INIT;
  ObjectWriter w;
  /* Asked once per item: the fields of the one item typed into, only. */
  gboolean overlaid = _trail_draft_overlay_replaces (overlay, item);

  begin_object (&w, out, level);

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const TrailField *field = &kind->fields[i];
      GParamSpec *pspec = kind->pspecs[i];
      GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
      gboolean required = (field->flags & TRAIL_FIELD_REQUIRED) != 0;
      const char *typed = overlaid ? _trail_draft_overlay_lookup (overlay, item, field->property) : NULL;

      if (typed != NULL)
        {
          member (&w, field->key);
          write_string (out, typed);
          continue;
        }

      if (kind->peek[i] != NULL)
        {
          const char *str = kind->peek[i] (item);

          /* Defaults are left out, as below. */
          if (str != NULL)
            {
              member (&w, field->key);
              write_string (out, str);
            }
          continue;
        }

      if (kind->peek_tags[i])
        {
          const char * const *tags = trail_card_get_persona_tags (TRAIL_CARD (item));

          if (tags != NULL && tags[0] != NULL)
            {
              member (&w, field->key);
              write_strv (out, tags);
            }
          continue;
        }

      /* The class's own getter, without g_object_get_property()'s checks:
       * this runs for every field of every card. */
      g_value_init (&value, type);
      klass->get_property (item, pspec->param_id, &value, pspec);

      /* Defaults are left out: smaller files, fewer lines to conflict. */
      if (type == G_TYPE_STRING)
        {
          if (g_value_get_string (&value) != NULL)
            {
              member (&w, field->key);
              write_string (out, g_value_get_string (&value));
            }
        }
      else if (G_TYPE_IS_ENUM (type))
        {
          int v = g_value_get_enum (&value);

          if (required || v != G_PARAM_SPEC_ENUM (pspec)->default_value)
            {
              GEnumValue *ev = g_enum_get_value (G_PARAM_SPEC_ENUM (pspec)->enum_class, v);

              member (&w, field->key);
              write_string (out, ev->value_nick);
            }
        }
      else if (type == G_TYPE_BOOLEAN)
        {
          if (required || g_value_get_boolean (&value))
            {
              member (&w, field->key);
              g_string_append (out, g_value_get_boolean (&value) ? "true" : "false");
            }
        }
      else if (type == G_TYPE_INT)
        {
          if (required || g_value_get_int (&value) != 0)
            {
              member (&w, field->key);
              g_string_append_printf (out, "%d", g_value_get_int (&value));
            }
        }
      else if (type == G_TYPE_UINT)
        {
          if (required || g_value_get_uint (&value) != 0)
            {
              member (&w, field->key);
              write_uint (out, g_value_get_uint (&value));
            }
        }
      else if (type == G_TYPE_DOUBLE)
        {
          member (&w, field->key);
          write_double (out, g_value_get_double (&value), FALSE);
        }
      else if (type == G_TYPE_STRV)
        {
          const char * const *strv = g_value_get_boxed (&value);

          if (strv != NULL && strv[0] != NULL)
            {
              member (&w, field->key);
              write_strv (out, strv);
            }
        }
      else if (type == G_TYPE_BYTES)
        {
          GBytes *bytes = g_value_get_boxed (&value);

          if (bytes != NULL)
            {
              g_autofree char *base64 = NULL;
              gsize size;
              const guchar *data = g_bytes_get_data (bytes, &size);

              base64 = g_base64_encode (data, size);
              member (&w, field->key);
              write_string (out, base64);
            }
        }
      else
        g_assert_not_reached ();

      g_value_unset (&value);
    }

  if (TRAIL_IS_EMOTION_LINE (item))
    {
      GListModel *points = trail_emotion_line_get_points (TRAIL_EMOTION_LINE (item));
      guint n = g_list_model_get_n_items (points);

      member (&w, "points");
      g_string_append_c (out, '[');
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) point = g_list_model_get_item (points, i);

          g_string_append (out, i > 0 ? ",\n" : "\n");
          write_indent (out, w.level + 1);
          write_item (out, point, w.level + 1, point_kind, NULL, NULL);
        }
      if (n > 0)
        {
          g_string_append_c (out, '\n');
          write_indent (out, w.level);
        }
      g_string_append_c (out, ']');
    }

  end_object (&w, _trail_item_get_unknown (item));
}

static void
write_list (ObjectWriter      *w,
            const char        *key,
            GListModel        *list,
            TrailDraftOverlay *overlay)
{
  guint n = g_list_model_get_n_items (list);
  ItemKind kind, point_kind;
  TrailCard *added = NULL;
  guint added_at = 0;

  item_kind_init (&kind, g_list_model_get_item_type (list), NULL);
  item_kind_init (&point_kind, TRAIL_TYPE_EMOTION_POINT, NULL);
  if (g_list_model_get_item_type (list) == TRAIL_TYPE_CARD)
    added = _trail_draft_overlay_get_added (overlay, &added_at);

  member (w, key);
  g_string_append_c (w->out, '[');
  for (guint i = 0, written = 0; i <= n; i++)
    {
      g_autoptr(GObject) item = NULL;

      /* A card being typed and not added yet goes where it would be added. */
      if (added != NULL && i == MIN (added_at, n))
        {
          g_string_append (w->out, written++ > 0 ? ",\n" : "\n");
          write_indent (w->out, w->level + 1);
          write_item (w->out, G_OBJECT (added), w->level + 1, &kind, &point_kind, NULL);
        }
      if (i == n)
        break;

      item = g_list_model_get_item (list, i);
      g_string_append (w->out, written++ > 0 ? ",\n" : "\n");
      write_indent (w->out, w->level + 1);
      write_item (w->out, item, w->level + 1, &kind, &point_kind, overlay);
    }
  if (n > 0 || added != NULL)
    {
      g_string_append_c (w->out, '\n');
      write_indent (w->out, w->level);
    }
  g_string_append_c (w->out, ']');
}

GBytes *
trail_document_serialize (TrailDocument *self)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);

  return trail_document_serialize_overlaid (self, NULL);
}

GBytes *
trail_document_serialize_overlaid (TrailDocument     *self,
                                   TrailDraftOverlay *overlay)
{
  const char * const *labels;
  const char *meta[4];
  static const char * const meta_keys[] = { "title", "objective", "scope", "notes" };
  GString *out;
  ObjectWriter w, scale;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (overlay == NULL || (TRAIL_IS_DRAFT_OVERLAY (overlay) &&
                                            trail_draft_overlay_get_document (overlay) == self), NULL);

  /* About 400 bytes per card; growing a GString costs little anyway. */
  out = g_string_sized_new (4096 + 400 * g_list_model_get_n_items (trail_document_get_cards (self)));

  begin_object (&w, out, 0);

  member (&w, "format");
  write_string (out, TRAIL_FILE_FORMAT_TAG);
  member (&w, "version");
  g_string_append_printf (out, "%d", TRAIL_FILE_FORMAT_VERSION);
  /* Only maps that have one, so older maps are written as before. */
  if (trail_document_get_map_id (self) != NULL)
    {
      member (&w, "id");
      write_string (out, trail_document_get_map_id (self));
    }

  meta[0] = trail_document_get_title (self);
  meta[1] = trail_document_get_objective (self);
  meta[2] = trail_document_get_scope (self);
  meta[3] = trail_document_get_notes (self);
  for (guint i = 0; i < G_N_ELEMENTS (meta_keys); i++)
    {
      if (meta[i] == NULL)
        continue;
      member (&w, meta_keys[i]);
      write_string (out, meta[i]);
    }
  if (trail_document_get_current_state_file (self) != NULL)
    {
      ObjectWriter link;

      member (&w, "current-state");
      begin_object (&link, out, w.level);
      if (trail_document_get_current_state_id (self) != NULL)
        {
          member (&link, "id");
          write_string (out, trail_document_get_current_state_id (self));
        }
      member (&link, "file");
      write_string (out, trail_document_get_current_state_file (self));
      end_object (&link, g_object_get_data (G_OBJECT (self), "current-state-unknown"));
    }

  member (&w, "scale");
  begin_object (&scale, out, w.level);
  member (&scale, "min");
  g_string_append_printf (out, "%d", trail_document_get_scale_min (self));
  member (&scale, "max");
  g_string_append_printf (out, "%d", trail_document_get_scale_max (self));
  labels = _trail_document_get_custom_labels (self);
  if (labels != NULL)
    {
      member (&scale, "labels");
      g_string_append_c (out, '[');
      for (guint i = 0; labels[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          write_string (out, labels[i]);
        }
      g_string_append_c (out, ']');
    }
  end_object (&scale, _trail_document_get_scale_unknown (self));

  write_list (&w, "personas", trail_document_get_personas (self), overlay);
  write_list (&w, "stages", trail_document_get_stages (self), overlay);
  write_list (&w, "lanes", trail_document_get_lanes (self), overlay);
  /* Optional, so that maps without channels of their own are written as
   * before. */
  if (g_list_model_get_n_items (trail_document_get_channels (self)) > 0)
    write_list (&w, "channels", trail_document_get_channels (self), overlay);
  write_list (&w, "cards", trail_document_get_cards (self), overlay);
  write_list (&w, "emotion-lines", trail_document_get_emotion_lines (self), overlay);
  /* Optional, after the rest: maps without imports are written as before. */
  if (g_list_model_get_n_items (trail_document_get_surveys (self)) > 0)
    write_list (&w, "surveys", trail_document_get_surveys (self), overlay);
  if (g_list_model_get_n_items (trail_document_get_survey_results (self)) > 0)
    write_list (&w, "survey-results", trail_document_get_survey_results (self), overlay);
  /* Optional too; one object per action, fields one a line, so two people
   * editing different actions merge in git without conflicts. */
  if (g_list_model_get_n_items (trail_document_get_actions (self)) > 0)
    write_list (&w, "actions", trail_document_get_actions (self), overlay);
  /* Each voter's dots are one line of their own record, so copies of a map
   * where different people voted merge in git without conflict. */
  if (g_list_model_get_n_items (trail_document_get_vote_rounds (self)) > 0)
    write_list (&w, "vote-rounds", trail_document_get_vote_rounds (self), overlay);
  if (g_list_model_get_n_items (trail_document_get_voters (self)) > 0)
    write_list (&w, "voters", trail_document_get_voters (self), overlay);
  /* One record per participant and stage, kept in participant order: see
   * trail-ratings.c. The mean is the default statistic and is left out. */
  if (g_list_model_get_n_items (trail_document_get_ratings (self)) > 0)
    write_list (&w, "ratings", trail_document_get_ratings (self), overlay);
  if (trail_document_get_crowd_statistic (self) == TRAIL_CROWD_MEDIAN)
    {
      member (&w, "crowd-statistic");
      write_string (out, "median");
    }

  end_object (&w, _trail_item_get_unknown (self));
  g_string_append_c (out, '\n');

  return g_string_free_to_bytes (out);
}

/* ---- Limits on the saving side ------------------------------------------ */

/* Every JSON value or member name takes at least one byte and one more of
 * punctuation after it, so a text of up to this many bytes cannot hold too
 * many values: most maps skip the count. */
#define VALUES_SURELY_FIT ((gsize) TRAIL_FILE_MAX_VALUES * 2)

static gboolean
check_lists (TrailDocument  *self,
             guint           n_more,
             GError        **error)
{
  GListModel *lists[] = {
    trail_document_get_personas (self),
    trail_document_get_stages (self),
    trail_document_get_lanes (self),
    trail_document_get_cards (self),
    trail_document_get_emotion_lines (self),
  };
  GListModel *lines = lists[4];
  guint64 points = 0;

  if ((guint64) g_list_model_get_n_items (lists[3]) + n_more > TRAIL_FILE_MAX_CARDS)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT,
                   _("A map holds at most %d cards"), TRAIL_FILE_MAX_CARDS);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if ((guint64) g_list_model_get_n_items (lists[i]) + n_more > TRAIL_FILE_MAX_ITEMS)
      {
        g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT,
                     _("A map holds at most %d cards, personas, stages or lanes of each kind"),
                     TRAIL_FILE_MAX_ITEMS);
        return FALSE;
      }

  if ((guint64) g_list_model_get_n_items (lists[1]) * g_list_model_get_n_items (lists[2]) > TRAIL_FILE_MAX_CELLS)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT,
                   _("A map holds at most %d cells (stages × lanes)"), TRAIL_FILE_MAX_CELLS);
      return FALSE;
    }

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(TrailEmotionLine) line = g_list_model_get_item (lines, i);

      points += g_list_model_get_n_items (trail_emotion_line_get_points (line));
    }
  if (points > TRAIL_FILE_MAX_ITEMS)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT,
                   _("A map holds at most %d emotion points"), TRAIL_FILE_MAX_ITEMS);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_size (gsize     size,
            GError  **error)
{
  if (size > TRAIL_FILE_MAX_BYTES)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT,
                   _("The map would take %lu MB, and a map file holds at most %d MB; "
                     "remove photos, long texts or cards"),
                   (unsigned long) ((size + 1024 * 1024 - 1) / (1024 * 1024)),
                   TRAIL_FILE_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }
  return TRUE;
}

/* The strict reader over @data, as a load would run it, with room kept
 * for @values_to_come. */
static gboolean
check_text (const char  *data,
            gsize        size,
            guint64      values_to_come,
            GError     **error)
{
  TrailJsonLimits limits = *trail_json_file_limits ();
  g_autoptr(GError) local_error = NULL;

  if (size <= VALUES_SURELY_FIT && values_to_come == 0)
    return TRUE;

  limits.max_values = values_to_come < limits.max_values ? limits.max_values - values_to_come : 0;
  if (!trail_json_check (data, size, _("the saved map"), &limits, &local_error))
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT,
                   _("The map would be beyond the limits of a map file: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
trail_document_check_serialized (GBytes  *bytes,
                                 GError **error)
{
  gsize size;
  const char *data;

  g_return_val_if_fail (bytes != NULL, FALSE);

  data = g_bytes_get_data (bytes, &size);
  return check_size (size, error) && check_text (data, size, 0, error);
}

static gboolean
check_for_save (TrailDocument  *self,
                GBytes         *bytes,
                GError        **error)
{
  return check_lists (self, 0, error) && trail_document_check_serialized (bytes, error);
}

gboolean
trail_document_check_limits (TrailDocument  *self,
                             GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), FALSE);

  if (!check_lists (self, 0, error))
    return FALSE;

  bytes = trail_document_serialize (self);
  return trail_document_check_serialized (bytes, error);
}

gboolean
trail_document_check_room (TrailDocument  *self,
                           guint           n_items,
                           gsize           n_bytes,
                           GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize size;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), FALSE);

  if (!check_lists (self, n_items, error))
    return FALSE;

  bytes = trail_document_serialize (self);
  data = g_bytes_get_data (bytes, &size);
  if (!check_size (size + n_bytes, error))
    return FALSE;

  /* Count only when the total could hold too many values. */
  if (size + n_bytes <= VALUES_SURELY_FIT)
    return TRUE;
  return check_text (data, size, n_bytes / 2 + 1, error);
}

gboolean
trail_document_check_card_room (TrailDocument  *self,
                                guint           n_cards,
                                GError        **error)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), FALSE);

  return check_lists (self, n_cards, error);
}

/* ---- Saving ------------------------------------------------------------- */

static void
prefix_save_error (GFile   *file,
                   GError **error)
{
  g_autofree char *name = g_file_get_parse_name (file);

  /* The domain and code stay (G_IO_ERROR_WRONG_ETAG means someone else
   * changed the file); the message says which file and that nothing was
   * lost. */
  if (error != NULL && *error != NULL)
    g_prefix_error (error, _("Could not save “%s” (the file on disk is unchanged): "), name);
}

/* What g_file_replace_contents() does, minus its flaws: after a failed
 * write GLib's close renames the half-written temporary file over the
 * target, and a symbolic link is replaced by a regular file. The file
 * writer syncs and checks before it renames, abandons the temporary file
 * on any error, and writes through links to their target. */
gboolean
trail_file_replace_bytes (GFile             *file,
                          GBytes            *bytes,
                          const char        *etag,
                          GFileCreateFlags   flags,
                          char             **new_etag,
                          GCancellable      *cancellable,
                          GError           **error)
{
  g_autoptr(TrailFileWriter) writer = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  data = g_bytes_get_data (bytes, &size);
  writer = trail_file_writer_open (file, etag, flags, 0, cancellable, error);
  if (writer == NULL)
    return FALSE;

  return g_output_stream_write_all (trail_file_writer_get_stream (writer), data, size, NULL,
                                    cancellable, error) &&
         trail_file_writer_commit (writer, new_etag, cancellable, error);
}

gboolean
trail_document_save_to_file (TrailDocument  *self,
                             GFile          *file,
                             const char     *etag,
                             char          **new_etag,
                             GCancellable   *cancellable,
                             GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *etag_out = NULL;
  guint64 serial;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  serial = _trail_document_get_state_serial (self);
  bytes = trail_document_serialize (self);

  if (!check_for_save (self, bytes, error))
    {
      prefix_save_error (file, error);
      return FALSE;
    }

  if (!trail_file_replace_bytes (file, bytes, etag, G_FILE_CREATE_NONE, &etag_out, cancellable, error))
    {
      prefix_save_error (file, error);
      return FALSE;
    }

  _trail_document_set_saved_serial (self, serial);

  if (new_etag != NULL)
    *new_etag = g_steal_pointer (&etag_out);

  return TRUE;
}

typedef struct
{
  GFile   *file;
  GBytes  *bytes;
  char    *etag;
  guint64  serial;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_clear_pointer (&data->etag, g_free);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;
  char *etag = NULL;

  /* The lists were checked on the document's thread; the text is checked
   * here, off the main thread. */
  if (!trail_document_check_serialized (data->bytes, &error) ||
      !trail_file_replace_bytes (data->file, data->bytes, data->etag, G_FILE_CREATE_NONE, &etag,
                                 cancellable, &error))
    {
      prefix_save_error (data->file, &error);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, etag, g_free);
}

void
trail_document_save_to_file_async (TrailDocument       *self,
                                   GFile               *file,
                                   const char          *etag,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  SaveData *data;

  g_return_if_fail (TRAIL_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (SaveData, 1);
  data->file = g_object_ref (file);
  data->etag = g_strdup (etag);
  /* Edits may happen while the write is in flight: what is saved is the
   * state serialized now, here on the document's thread. */
  data->serial = _trail_document_get_state_serial (self);
  data->bytes = trail_document_serialize (self);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, trail_document_save_to_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  if (!check_lists (self, 0, &error))
    {
      prefix_save_error (file, &error);
      g_task_return_error (task, error);
      return;
    }

  g_task_run_in_thread (task, save_thread);
}

gboolean
trail_document_save_to_file_finish (TrailDocument  *self,
                                    GAsyncResult   *result,
                                    char          **new_etag,
                                    GError        **error)
{
  SaveData *data;
  char *etag;

  g_return_val_if_fail (TRAIL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  etag = g_task_propagate_pointer (G_TASK (result), error);
  if (etag == NULL && g_task_had_error (G_TASK (result)))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  _trail_document_set_saved_serial (self, data->serial);

  if (new_etag != NULL)
    *new_etag = etag;
  else
    g_free (etag);

  return TRUE;
}

/* ---- Cards on the clipboard --------------------------------------------- */

/* Copied cards are written and read by the file's own item writer and
 * reader, so the clipboard has the file's keys, checks and limits, keeps
 * unknown fields, and follows any field added to the table. */

#define TRAIL_CARDS_FORMAT_TAG "trailmap-cards"

GBytes *
_trail_cards_serialize (TrailCard * const *cards,
                        guint              n_cards)
{
  GString *out = g_string_sized_new (256 + 400 * n_cards);
  ItemKind kind;
  ObjectWriter w;

  item_kind_init (&kind, TRAIL_TYPE_CARD, NULL);

  begin_object (&w, out, 0);
  member (&w, "format");
  write_string (out, TRAIL_CARDS_FORMAT_TAG);
  member (&w, "version");
  g_string_append_printf (out, "%d", TRAIL_FILE_FORMAT_VERSION);
  member (&w, "cards");
  g_string_append_c (out, '[');
  for (guint i = 0; i < n_cards; i++)
    {
      g_string_append (out, i > 0 ? ",\n" : "\n");
      write_indent (out, w.level + 1);
      write_item (out, G_OBJECT (cards[i]), w.level + 1, &kind, NULL, NULL);
    }
  if (n_cards > 0)
    {
      g_string_append_c (out, '\n');
      write_indent (out, w.level);
    }
  g_string_append_c (out, ']');
  end_object (&w, NULL);
  g_string_append_c (out, '\n');

  return g_string_free_to_bytes (out);
}

static void
set_problems_error (Loader  *l,
                    GError **error)
{
  g_autoptr(GString) message = g_string_new (NULL);

  for (guint i = 0; i < l->problems->len; i++)
    {
      if (i > 0)
        g_string_append_c (message, '\n');
      g_string_append (message, g_ptr_array_index (l->problems, i));
    }
  if (l->n_problems > l->problems->len)
    {
      g_string_append_c (message, '\n');
      g_string_append_printf (message,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%s: (and %u more problem)",
                                           "%s: (and %u more problems)",
                                           l->n_problems - l->problems->len),
                              display_name (l->name), l->n_problems - l->problems->len);
    }

  g_set_error_literal (error, TRAIL_DOCUMENT_ERROR, l->first_code, message->str);
}

/* Copied cards' text to JSON with a file's checks and limits, in one place
 * so that it follows whatever reads files. */
static JsonNode *
parse_cards_text (const char  *data,
                  gsize        len,
                  const char  *name,
                  GError     **error)
{
  /* The clipboard is held to what a file may hold: cards that paste
   * must also save and load again. */
  TrailJsonLimits limits = *trail_json_file_limits ();

  return trail_json_parse (data, len, name, &limits, error);
}

GPtrArray *
_trail_cards_load (GBytes      *bytes,
                   const char  *name,
                   GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_object_unref);
  Loader loader = { name, NULL, problems, 0, 0 };
  JsonNode *format, *version;
  JsonObject *object;
  JsonArray *array;
  const char *data;
  gsize len;
  guint n;
  ItemKind kind;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  root = parse_cards_text (data, len, name, error);
  if (root == NULL)
    return NULL;

  format = JSON_NODE_HOLDS_OBJECT (root) ?
           json_object_get_member (json_node_get_object (root), "format") : NULL;
  if (format == NULL || !node_is_string (format) ||
      strcmp (json_node_get_string (format), TRAIL_CARDS_FORMAT_TAG) != 0)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_NOT_TRAILMAP,
                   _("%s: not Trailmap cards (it has no \"format\": \"%s\")"),
                   display_name (name), TRAIL_CARDS_FORMAT_TAG);
      return NULL;
    }

  object = json_node_get_object (root);
  version = json_object_get_member (object, "version");
  if (version == NULL || !node_is_integer (version) || json_node_get_int (version) < 1)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_INVALID,
                   _("%s: version: no file format version (a whole number)"),
                   display_name (name));
      return NULL;
    }
  if (json_node_get_int (version) > TRAIL_FILE_FORMAT_VERSION)
    {
      g_set_error (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_TOO_NEW,
                   _("%s: the cards come from a newer Trailmap (file format version %lld"
                     "; this version reads up to %d)"),
                   display_name (name), (long long) json_node_get_int (version),
                   TRAIL_FILE_FORMAT_VERSION);
      return NULL;
    }

  if (!json_object_has_member (object, "cards"))
    problem (&loader, TRAIL_DOCUMENT_ERROR_INVALID, "cards", _("there is no list of cards"));

  array = get_list (&loader, object, "cards");
  n = array != NULL ? json_array_get_length (array) : 0;
  item_kind_init (&kind, TRAIL_TYPE_CARD, NULL);

  for (guint i = 0; i < n; i++)
    {
      GObject *card = read_item (&loader, json_array_get_element (array, i), &kind, "cards", i);

      if (card != NULL)
        g_ptr_array_add (cards, card);
    }

  if (loader.n_problems > 0)
    {
      set_problems_error (&loader, error);
      return NULL;
    }

  return g_steal_pointer (&cards);
}
