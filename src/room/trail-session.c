/* trail-session.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-session"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <sys/random.h>

#include "trail-session.h"
#include "trail-document-edits.h"

G_DEFINE_QUARK (trail-session-error-quark, trail_session_error)

/* The nicks of TrailSessionError: the "code" of an error reply. */
static const char * const error_codes[] = {
  [TRAIL_SESSION_ERROR_MALFORMED] = "malformed",
  [TRAIL_SESSION_ERROR_UNKNOWN] = "unknown",
  [TRAIL_SESSION_ERROR_INVALID] = "invalid",
  [TRAIL_SESSION_ERROR_TOO_LONG] = "too-long",
  [TRAIL_SESSION_ERROR_RATE_LIMITED] = "rate-limited",
  [TRAIL_SESSION_ERROR_FULL] = "full",
  [TRAIL_SESSION_ERROR_PAUSED] = "paused",
  [TRAIL_SESSION_ERROR_NOT_JOINED] = "not-joined",
  [TRAIL_SESSION_ERROR_REMOVED] = "removed",
  [TRAIL_SESSION_ERROR_NAME_NEEDED] = "name-needed",
  [TRAIL_SESSION_ERROR_LIMIT] = "limit",
  [TRAIL_SESSION_ERROR_UNAVAILABLE] = "unavailable",
};

/* The lane kinds a participant may add cards to: the ones a room talks
 * about. Emotions are rated, not written; backstage and KPIs are the
 * facilitator's. */
static const TrailLaneKind participant_kinds[] = {
  TRAIL_LANE_KIND_TOUCHPOINTS,
  TRAIL_LANE_KIND_ACTIONS,
  TRAIL_LANE_KIND_THOUGHTS,
  TRAIL_LANE_KIND_PAIN_POINTS,
  TRAIL_LANE_KIND_OPPORTUNITIES,
  TRAIL_LANE_KIND_NOTES,
};

/* ---- Participant ------------------------------------------------------ */

struct _TrailSessionParticipant
{
  GObject  parent_instance;

  char    *id;
  char    *name;
  char    *key;
  guint    n_cards;

  /* Token bucket: TRAIL_SESSION_BURST messages, refilled at
   * TRAIL_SESSION_RATE per second. */
  double   tokens;
  gint64   refilled_at;

  guint    connected : 1;
  guint    removed : 1;
};

G_DEFINE_FINAL_TYPE (TrailSessionParticipant, trail_session_participant, G_TYPE_OBJECT)

enum {
  PPROP_0,
  PPROP_ID,
  PPROP_NAME,
  PPROP_CONNECTED,
  PPROP_N_CARDS,
  N_PPROPS
};

static GParamSpec *participant_properties[N_PPROPS];

static void
trail_session_participant_finalize (GObject *object)
{
  TrailSessionParticipant *self = TRAIL_SESSION_PARTICIPANT (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->key);

  G_OBJECT_CLASS (trail_session_participant_parent_class)->finalize (object);
}

static void
trail_session_participant_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  TrailSessionParticipant *self = TRAIL_SESSION_PARTICIPANT (object);

  switch (prop_id)
    {
    case PPROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PPROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PPROP_CONNECTED:
      g_value_set_boolean (value, self->connected);
      break;
    case PPROP_N_CARDS:
      g_value_set_uint (value, self->n_cards);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_session_participant_class_init (TrailSessionParticipantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trail_session_participant_finalize;
  object_class->get_property = trail_session_participant_get_property;

  participant_properties[PPROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  participant_properties[PPROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  participant_properties[PPROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  participant_properties[PPROP_N_CARDS] =
    g_param_spec_uint ("n-cards", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PPROPS, participant_properties);
}

static void
trail_session_participant_init (TrailSessionParticipant *self)
{
  self->tokens = TRAIL_SESSION_BURST;
  self->refilled_at = g_get_monotonic_time ();
}

const char *
trail_session_participant_get_id (TrailSessionParticipant *self)
{
  g_return_val_if_fail (TRAIL_IS_SESSION_PARTICIPANT (self), NULL);
  return self->id;
}

const char *
trail_session_participant_get_name (TrailSessionParticipant *self)
{
  g_return_val_if_fail (TRAIL_IS_SESSION_PARTICIPANT (self), NULL);
  return self->name;
}

const char *
trail_session_participant_get_key (TrailSessionParticipant *self)
{
  g_return_val_if_fail (TRAIL_IS_SESSION_PARTICIPANT (self), NULL);
  return self->key;
}

gboolean
trail_session_participant_get_connected (TrailSessionParticipant *self)
{
  g_return_val_if_fail (TRAIL_IS_SESSION_PARTICIPANT (self), FALSE);
  return self->connected;
}

void
trail_session_participant_set_connected (TrailSessionParticipant *self,
                                         gboolean                 connected)
{
  g_return_if_fail (TRAIL_IS_SESSION_PARTICIPANT (self));

  connected = !!connected;
  if (self->connected == connected)
    return;
  self->connected = connected;
  g_object_notify_by_pspec (G_OBJECT (self), participant_properties[PPROP_CONNECTED]);
}

guint
trail_session_participant_get_n_cards (TrailSessionParticipant *self)
{
  g_return_val_if_fail (TRAIL_IS_SESSION_PARTICIPANT (self), 0);
  return self->n_cards;
}

/* TRUE when one more message is within the participant's rate. */
static gboolean
take_token (TrailSessionParticipant *self)
{
  gint64 now = g_get_monotonic_time ();

  self->tokens = MIN ((double) TRAIL_SESSION_BURST,
                      self->tokens + (now - self->refilled_at) * TRAIL_SESSION_RATE / (double) G_USEC_PER_SEC);
  self->refilled_at = now;
  if (self->tokens < 1.0)
    return FALSE;
  self->tokens -= 1.0;
  return TRUE;
}

/* ---- Session ---------------------------------------------------------- */

typedef struct _MapSnapshot MapSnapshot;
static void map_snapshot_unref (MapSnapshot *snapshot);
static void map_base_free (gpointer data);

struct _TrailSession
{
  GObject               parent_instance;

  TrailDocument        *document;
  TrailSessionWorkshop *workshop;
  GListStore           *participants;
  /* key → participant, removed ones included (their key answers "removed") */
  GHashTable           *by_key;
  guint                 next_id;
  /* The lane inbox cards go to, made on the first one. */
  char                 *inbox_lane_id;

  /* What the phones see, as a compact snapshot (MapSnapshot) of its
   * revision map_serial: an edit that leaves it as it was (a dot while
   * results are hidden, a field phones do not see) keeps the revision, and
   * the server sends no phone anything. Made again, after a change, when
   * first asked for; the map's JSON text only when a phone needs it. */
  MapSnapshot          *snapshot;
  guint                 map_serial;
  guint                 snapshot_valid : 1;
  char                 *map_state;
  /* The last few revisions sent to phones (MapBase, oldest first): the
   * bases deltas are made from, each once per new revision for every
   * phone at that base. */
  GPtrArray            *bases;
  guint                 state_source;

  /* Cards from the room known to fit within the file's limits without
   * asking again: trail_document_check_room() serializes the whole map,
   * too dear for every card when a hundred phones send at once. Spent by
   * the room's cards, forgotten on any other edit. */
  guint                 room_reserve;
  guint                 applying : 1;

  TrailSessionMode      mode;
  guint                 paused : 1;
  guint                 allow_anonymous : 1;
};

G_DEFINE_FINAL_TYPE (TrailSession, trail_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_PAUSED,
  PROP_MODE,
  PROP_ALLOW_ANONYMOUS,
  PROP_WORKSHOP,
  N_PROPS
};

enum {
  STATE_CHANGED,
  PARTICIPANT_REMOVED,
  RESYNC_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
emit_state_changed (gpointer user_data)
{
  TrailSession *self = user_data;

  self->state_source = 0;
  g_signal_emit (self, signals[STATE_CHANGED], 0);

  return G_SOURCE_REMOVE;
}

/* A burst of edits (a paste, a hundred phones at once) is pushed as one
 * state, at most every STATE_PUSH_INTERVAL ms: each push sends the map to
 * every phone, and the canvas comes first. */
#define STATE_PUSH_INTERVAL 200

static void
queue_state_changed (TrailSession *self,
                     gboolean      map_changed)
{
  if (map_changed)
    self->snapshot_valid = FALSE;
  if (self->state_source == 0)
    self->state_source = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, STATE_PUSH_INTERVAL,
                                             emit_state_changed, self, NULL);
}

static void
on_document_changed_cb (TrailSession     *self,
                        TrailChangeFlags  what,
                        GObject          *object)
{
  if (!self->applying)
    self->room_reserve = 0;
  queue_state_changed (self, TRUE);
}

static void
on_workshop_changed_cb (TrailSession *self)
{
  queue_state_changed (self, TRUE);
}

static void
trail_session_dispose (GObject *object)
{
  TrailSession *self = TRAIL_SESSION (object);

  g_clear_handle_id (&self->state_source, g_source_remove);
  if (self->workshop != NULL)
    g_signal_handlers_disconnect_by_data (self->workshop, self);
  g_clear_object (&self->workshop);
  g_clear_object (&self->document);
  g_clear_object (&self->participants);
  g_clear_pointer (&self->by_key, g_hash_table_unref);

  G_OBJECT_CLASS (trail_session_parent_class)->dispose (object);
}

static void
trail_session_finalize (GObject *object)
{
  TrailSession *self = TRAIL_SESSION (object);

  g_free (self->inbox_lane_id);
  g_clear_pointer (&self->snapshot, map_snapshot_unref);
  g_clear_pointer (&self->bases, g_ptr_array_unref);
  g_free (self->map_state);

  G_OBJECT_CLASS (trail_session_parent_class)->finalize (object);
}

static void
trail_session_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TrailSession *self = TRAIL_SESSION (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;
    case PROP_MODE:
      g_value_set_int (value, self->mode);
      break;
    case PROP_ALLOW_ANONYMOUS:
      g_value_set_boolean (value, self->allow_anonymous);
      break;
    case PROP_WORKSHOP:
      g_value_set_object (value, self->workshop);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_session_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TrailSession *self = TRAIL_SESSION (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    case PROP_PAUSED:
      trail_session_set_paused (self, g_value_get_boolean (value));
      break;
    case PROP_MODE:
      trail_session_set_mode (self, g_value_get_int (value));
      break;
    case PROP_ALLOW_ANONYMOUS:
      trail_session_set_allow_anonymous (self, g_value_get_boolean (value));
      break;
    case PROP_WORKSHOP:
      trail_session_set_workshop (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_session_constructed (GObject *object)
{
  TrailSession *self = TRAIL_SESSION (object);

  G_OBJECT_CLASS (trail_session_parent_class)->constructed (object);

  g_signal_connect_object (self->document, "changed",
                           G_CALLBACK (on_document_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
trail_session_class_init (TrailSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = trail_session_constructed;
  object_class->dispose = trail_session_dispose;
  object_class->finalize = trail_session_finalize;
  object_class->get_property = trail_session_get_property;
  object_class->set_property = trail_session_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, TRAIL_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODE] =
    g_param_spec_int ("mode", NULL, NULL,
                      TRAIL_SESSION_MODE_DIRECT, TRAIL_SESSION_MODE_INBOX, TRAIL_SESSION_MODE_DIRECT,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ALLOW_ANONYMOUS] =
    g_param_spec_boolean ("allow-anonymous", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WORKSHOP] =
    g_param_spec_object ("workshop", NULL, NULL, TRAIL_TYPE_SESSION_WORKSHOP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[STATE_CHANGED] =
    g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PARTICIPANT_REMOVED] =
    g_signal_new ("participant-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, TRAIL_TYPE_SESSION_PARTICIPANT);
  signals[RESYNC_REQUESTED] =
    g_signal_new ("resync-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, TRAIL_TYPE_SESSION_PARTICIPANT);
}

static void
trail_session_init (TrailSession *self)
{
  self->participants = g_list_store_new (TRAIL_TYPE_SESSION_PARTICIPANT);
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->bases = g_ptr_array_new_with_free_func (map_base_free);
}

/* ---- Helpers ---------------------------------------------------------- */

void
trail_session_random_bytes (guint8 *buffer,
                            gsize   len)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t n = getrandom (buffer + done, len - done, 0);

      if (n < 0 && errno == EINTR)
        continue;
      /* Without the CSPRNG there is no safe token: a session must not
       * start with a guessable one. */
      if (n < 0)
        g_error ("getrandom failed: %s", g_strerror (errno));
      done += n;
    }
}

char *
trail_session_new_token (void)
{
  guint8 bytes[16];
  GString *token = g_string_sized_new (33);

  trail_session_random_bytes (bytes, sizeof bytes);
  for (gsize i = 0; i < sizeof bytes; i++)
    g_string_append_printf (token, "%02x", bytes[i]);
  explicit_bzero (bytes, sizeof bytes);

  return g_string_free (token, FALSE);
}

gboolean
trail_session_token_equal (const char *a,
                           const char *b)
{
  gsize len_a, len_b;
  guint8 diff = 0;

  if (a == NULL || b == NULL)
    return FALSE;

  len_a = strlen (a);
  len_b = strlen (b);
  if (len_a != len_b)
    return FALSE;
  for (gsize i = 0; i < len_a; i++)
    diff |= (guint8) a[i] ^ (guint8) b[i];

  return diff == 0;
}

/* Control characters, and the invisible ones that reorder or hide text
 * (bidirectional overrides), have no place on a card. */
static gboolean
is_forbidden_char (gunichar c)
{
  if (c == '\t' || c == '\n' || c == '\r')
    return FALSE;
  if (g_unichar_type (c) == G_UNICODE_CONTROL)
    return TRUE;
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
         c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB);
}

char *
trail_session_clean_text (const char  *text,
                          guint        max_chars,
                          GError     **error)
{
  g_autoptr(GString) clean = NULL;
  guint n_chars = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_INVALID,
                           _("The text is not valid."));
      return NULL;
    }

  clean = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_forbidden_char (c))
        {
          g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_INVALID,
                               _("The text holds control characters."));
          return NULL;
        }
      /* One line: line breaks and tabs become single spaces. */
      if (c == '\t' || c == '\n' || c == '\r')
        c = ' ';
      if (c == ' ' && (clean->len == 0 || clean->str[clean->len - 1] == ' '))
        continue;
      if (++n_chars > max_chars)
        {
          g_set_error (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_TOO_LONG,
                       ngettext ("The text is longer than %u character.",
                                 "The text is longer than %u characters.", max_chars),
                       max_chars);
          return NULL;
        }
      g_string_append_unichar (clean, c);
    }
  if (clean->len > 0 && clean->str[clean->len - 1] == ' ')
    g_string_truncate (clean, clean->len - 1);

  if (clean->len == 0)
    {
      g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_INVALID,
                           _("The text is empty."));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&clean), FALSE);
}

static char *
node_to_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static char *
build_error_reply (gint64        id,
                   const GError *error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *code = "invalid";

  if (error->domain == TRAIL_SESSION_ERROR && error->code >= 0 &&
      error->code < (int) G_N_ELEMENTS (error_codes))
    code = error_codes[error->code];
  else if (g_error_matches (error, TRAIL_DOCUMENT_ERROR, TRAIL_DOCUMENT_ERROR_LIMIT))
    code = error_codes[TRAIL_SESSION_ERROR_LIMIT];
  else if (error->domain == TRAIL_DOCUMENT_ERROR)
    code = error_codes[TRAIL_SESSION_ERROR_MALFORMED];

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "error");
  if (id >= 0)
    {
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, id);
    }
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, error->message);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return node_to_text (root);
}

/* Appends @str as a JSON string. */
static void
append_json_string (GString    *out,
                    const char *str)
{
  g_string_append_c (out, '"');
  for (const char *p = str; *p != '\0'; p++)
    {
      guchar ch = (guchar) *p;

      if (ch == '"' || ch == '\\')
        g_string_append_printf (out, "\\%c", ch);
      else if (ch < 0x20)
        g_string_append_printf (out, "\\u%04x", ch);
      else
        g_string_append_c (out, (char) ch);
    }
  g_string_append_c (out, '"');
}

/* Written by hand, not with a JsonBuilder: every card from the room is
 * acknowledged, and building the tree and generating it from there was 3%
 * of the app's time while a hundred phones sent at once. */
static char *
build_ack (gint64      id,
           const char *card_id)
{
  GString *out = g_string_sized_new (64);

  g_string_append_printf (out, "{\"type\":\"ack\",\"id\":%" G_GINT64_FORMAT, id);
  if (card_id != NULL)
    {
      g_string_append (out, ",\"card\":");
      append_json_string (out, card_id);
    }
  g_string_append_c (out, '}');

  return g_string_free (out, FALSE);
}

static char *
build_welcome (TrailSessionParticipant *participant)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "welcome");
  json_builder_set_member_name (builder, "participant");
  json_builder_add_string_value (builder, participant->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, participant->name);
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, participant->key);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return node_to_text (root);
}

/* Every member of an intent is checked: its type, and that no member the
 * intent does not know is present (a typo is an error, not ignored). */
static gboolean
check_members (JsonObject          *object,
               const char * const  *allowed,
               GError             **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        {
          g_set_error (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_INVALID,
                       _("Unknown field “%s”."), (const char *) l->data);
          return FALSE;
        }
    }

  return TRUE;
}

static const char *
get_string_member (JsonObject  *object,
                   const char  *name,
                   gboolean     required,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        g_set_error (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_INVALID,
                     _("The field “%s” is missing."), name);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_INVALID,
                   _("The field “%s” must be a text."), name);
      return NULL;
    }

  return json_node_get_string (node);
}

static gboolean
get_int_member (JsonObject  *object,
                const char  *name,
                gint64      *value,
                GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    {
      g_set_error (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_INVALID,
                   _("The field “%s” is missing."), name);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_set_error (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_INVALID,
                   _("The field “%s” must be a whole number."), name);
      return FALSE;
    }

  *value = json_node_get_int (node);
  return TRUE;
}

static TrailLaneKind
parse_kind (const char  *kind,
            GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (participant_kinds); i++)
    {
      if (g_strcmp0 (kind, trail_lane_kind_to_string (participant_kinds[i])) == 0)
        return participant_kinds[i];
    }

  g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_INVALID,
                       _("Cards cannot be added to that kind of lane."));
  return TRAIL_LANE_KIND_CUSTOM;
}

/* The first lane of @kind, the inbox lane aside: direct cards never go
 * to the inbox just because it is a notes lane. */
static TrailLane *
find_lane_of_kind (TrailSession  *self,
                   TrailLaneKind  kind)
{
  GListModel *lanes = trail_document_get_lanes (self->document);

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(TrailLane) lane = g_list_model_get_item (lanes, i);

      if (trail_lane_get_kind (lane) == kind &&
          g_strcmp0 (trail_lane_get_id (lane), self->inbox_lane_id) != 0)
        return lane;
    }

  return NULL;
}

/* The inbox lane: kept by id, so renaming it keeps it the inbox, and made
 * again (at the top, where the facilitator sees it) when it was removed
 * or undone. Call within the card's undo group. */
static TrailLane *
ensure_inbox_lane (TrailSession *self)
{
  TrailLane *lane = NULL;

  if (self->inbox_lane_id != NULL)
    lane = trail_document_find_lane (self->document, self->inbox_lane_id);
  if (lane == NULL)
    {
      lane = trail_document_add_lane (self->document, 0, TRAIL_LANE_KIND_NOTES,
                                      _("Inbox from the room"));
      g_free (self->inbox_lane_id);
      self->inbox_lane_id = g_strdup (trail_lane_get_id (lane));
    }

  return lane;
}

/* ---- Intents ---------------------------------------------------------- */

/* The most a card from the room adds to the saved map: its text (4 bytes a
 * character at most, escaped) and its fields, an inbox lane included. */
#define CARD_BYTES_MAX (TRAIL_SESSION_MAX_TEXT * 6 + 1024)
#define ROOM_RESERVE     64
#define ROOM_RESERVE_MAX 2048

static char *
handle_add_card (TrailSession             *self,
                 TrailSessionParticipant  *participant,
                 gint64                    id,
                 JsonObject               *object,
                 GError                  **error)
{
  static const char * const members[] = { "type", "id", "stage", "kind", "text", NULL };
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  g_autofree char *note = NULL;
  const char *stage_id, *kind_name, *raw_text;
  TrailLaneKind kind;
  TrailStage *stage;
  TrailLane *lane;
  TrailCard *card;

  if (!check_members (object, members, error) ||
      (stage_id = get_string_member (object, "stage", TRUE, error)) == NULL ||
      (kind_name = get_string_member (object, "kind", TRUE, error)) == NULL ||
      (raw_text = get_string_member (object, "text", TRUE, error)) == NULL)
    return NULL;

  kind = parse_kind (kind_name, error);
  if (kind == TRAIL_LANE_KIND_CUSTOM)
    return NULL;
  if ((stage = trail_document_find_stage (self->document, stage_id)) == NULL)
    {
      g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_INVALID,
                           _("That stage is no longer on the map."));
      return NULL;
    }
  if ((text = trail_session_clean_text (raw_text, TRAIL_SESSION_MAX_TEXT, error)) == NULL)
    return NULL;

  lane = find_lane_of_kind (self, kind);
  if (lane == NULL && self->mode == TRAIL_SESSION_MODE_DIRECT)
    {
      g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_INVALID,
                           _("The map has no lane of that kind."));
      return NULL;
    }
  if (participant->n_cards >= TRAIL_SESSION_MAX_CARDS_EACH)
    {
      g_set_error (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_LIMIT,
                   _("You have added %u cards, the most one participant may add."),
                   (guint) TRAIL_SESSION_MAX_CARDS_EACH);
      return NULL;
    }
  /* The same limits as a file: a map the room filled still saves. Asked
   * for a batch of the largest cards at once, then counted down. The batch
   * grows with the map (half its cards), since each asking serializes the
   * whole map: a fixed batch made it quadratic (8% of the app's time for
   * 2,000 cards from a hundred phones). Near the limits, smaller batches,
   * then one card at a time. */
  if (self->room_reserve == 0)
    {
      guint batch = CLAMP (g_list_model_get_n_items (trail_document_get_cards (self->document)) / 2,
                           ROOM_RESERVE, ROOM_RESERVE_MAX);

      if (batch > ROOM_RESERVE &&
          trail_document_check_room (self->document, 2 * batch, batch * CARD_BYTES_MAX, NULL))
        self->room_reserve = batch - 1;
      else if (trail_document_check_room (self->document, 2 * ROOM_RESERVE, ROOM_RESERVE * CARD_BYTES_MAX, NULL))
        self->room_reserve = ROOM_RESERVE - 1;
      else if (!trail_document_check_room (self->document, 2, strlen (text) + 512, error))
        return NULL;
    }
  else
    {
      self->room_reserve--;
    }

  /* Attributed to the participant: the undo step names them, and the card
   * says who proposed it, in the file as on the canvas. */
  label = g_strdup_printf (_("Card from %s"), participant->name);
  note = g_strdup_printf (_("Proposed by %s in a workshop session"), participant->name);
  /* The card comes with its fields as one change: the canvas relayouts
   * once per card, not once per field, when a hundred phones send at once. */
  self->applying = TRUE;
  trail_document_begin_group (self->document, label);
  if (self->mode == TRAIL_SESSION_MODE_INBOX)
    {
      g_autofree char *details = g_strdup_printf (_("For the lane: %s"), trail_lane_kind_get_label (kind));

      lane = ensure_inbox_lane (self);
      card = trail_document_add_card_with (self->document, lane, stage, -1, label,
                                           "text", text,
                                           "details", details,
                                           "evidence", TRAIL_EVIDENCE_PROPOSED,
                                           "evidence-note", note,
                                           NULL);
    }
  else
    {
      card = trail_document_add_card_with (self->document, lane, stage, -1, label,
                                           "text", text,
                                           "evidence", TRAIL_EVIDENCE_PROPOSED,
                                           "evidence-note", note,
                                           NULL);
    }
  trail_document_end_group (self->document);
  self->applying = FALSE;

  participant->n_cards++;
  g_object_notify_by_pspec (G_OBJECT (participant), participant_properties[PPROP_N_CARDS]);

  return build_ack (id, trail_card_get_id (card));
}

static char *
handle_vote (TrailSession             *self,
             TrailSessionParticipant  *participant,
             gint64                    id,
             JsonObject               *object,
             GError                  **error)
{
  static const char * const members[] = { "type", "id", "card", "delta", NULL };
  const char *card_id;
  TrailCard *card;
  gint64 delta;

  if (!check_members (object, members, error) ||
      (card_id = get_string_member (object, "card", TRUE, error)) == NULL ||
      !get_int_member (object, "delta", &delta, error))
    return NULL;

  if (delta != 1 && delta != -1)
    {
      g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_INVALID,
                           _("A vote adds or takes back one dot."));
      return NULL;
    }
  if ((card = trail_document_find_card (self->document, card_id)) == NULL)
    {
      g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_INVALID,
                           _("That card is no longer on the map."));
      return NULL;
    }
  if (self->workshop == NULL)
    {
      g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_UNAVAILABLE,
                           _("No voting round is open."));
      return NULL;
    }
  /* HOOK (issue "Workshop mode"): the round checks the budget and records
   * the dot as the participant's. */
  if (!trail_session_workshop_cast_dot (self->workshop, participant->id, card, (int) delta, error))
    return NULL;

  queue_state_changed (self, FALSE);
  return build_ack (id, NULL);
}

static char *
handle_rate (TrailSession             *self,
             TrailSessionParticipant  *participant,
             gint64                    id,
             JsonObject               *object,
             GError                  **error)
{
  static const char * const members[] = { "type", "id", "stage", "score", "word", NULL };
  g_autofree char *word = NULL;
  const char *stage_id, *raw_word;
  TrailStage *stage;
  gint64 score;
  g_autoptr(GError) word_error = NULL;

  if (!check_members (object, members, error) ||
      (stage_id = get_string_member (object, "stage", TRUE, error)) == NULL ||
      !get_int_member (object, "score", &score, error))
    return NULL;

  raw_word = get_string_member (object, "word", FALSE, &word_error);
  if (word_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&word_error));
      return NULL;
    }
  if ((stage = trail_document_find_stage (self->document, stage_id)) == NULL)
    {
      g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_INVALID,
                           _("That stage is no longer on the map."));
      return NULL;
    }
  if (score < trail_document_get_scale_min (self->document) ||
      score > trail_document_get_scale_max (self->document))
    {
      g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_INVALID,
                           _("The rating is outside the map’s scale."));
      return NULL;
    }
  /* An empty word is no word. */
  if (raw_word != NULL && raw_word[strspn (raw_word, " ")] != '\0' &&
      (word = trail_session_clean_text (raw_word, TRAIL_SESSION_MAX_WORD, error)) == NULL)
    return NULL;
  if (self->workshop == NULL)
    {
      g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_UNAVAILABLE,
                           _("Rating stages is not open yet."));
      return NULL;
    }
  /* HOOK (issue "Workshop mode" / the crowd's emotion line): the rating is
   * stored per participant in the document. */
  if (!trail_session_workshop_rate_stage (self->workshop, participant->id, stage, (int) score, word, error))
    return NULL;

  queue_state_changed (self, FALSE);
  return build_ack (id, NULL);
}

static TrailSessionParticipant *
handle_join (TrailSession  *self,
             JsonObject    *object,
             GError       **error)
{
  static const char * const members[] = { "type", "id", "name", NULL };
  g_autoptr(TrailSessionParticipant) participant = NULL;
  g_autofree char *name = NULL;
  const char *raw_name;

  if (!check_members (object, members, error))
    return NULL;
  raw_name = get_string_member (object, "name", FALSE, error);
  if (error != NULL && *error != NULL)
    return NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->participants)) >= TRAIL_SESSION_MAX_PARTICIPANTS)
    {
      g_set_error (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_FULL,
                   _("The room is full (%u participants)."), (guint) TRAIL_SESSION_MAX_PARTICIPANTS);
      return NULL;
    }

  if (raw_name != NULL && raw_name[strspn (raw_name, " \t\n\r")] != '\0')
    {
      if ((name = trail_session_clean_text (raw_name, TRAIL_SESSION_MAX_NAME, error)) == NULL)
        return NULL;
    }
  else if (!self->allow_anonymous)
    {
      g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_NAME_NEEDED,
                           _("Enter your name to join."));
      return NULL;
    }

  participant = g_object_new (TRAIL_TYPE_SESSION_PARTICIPANT, NULL);
  participant->id = g_strdup_printf ("p%u", ++self->next_id);
  participant->name = name != NULL ? g_steal_pointer (&name)
                                   : g_strdup_printf (_("Participant %u"), self->next_id);
  participant->key = trail_session_new_token ();

  g_hash_table_insert (self->by_key, participant->key, g_object_ref (participant));
  g_list_store_append (self->participants, participant);

  return participant;
}

static TrailSessionParticipant *
handle_resume (TrailSession  *self,
               JsonObject    *object,
               GError       **error)
{
  static const char * const members[] = { "type", "id", "key", NULL };
  TrailSessionParticipant *participant = NULL;
  GHashTableIter iter;
  gpointer value;
  const char *key;

  if (!check_members (object, members, error) ||
      (key = get_string_member (object, "key", TRUE, error)) == NULL)
    return NULL;

  /* Every key is compared, in constant time each, so the reply's timing
   * says nothing about how close a guess was. */
  g_hash_table_iter_init (&iter, self->by_key);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (trail_session_token_equal (TRAIL_SESSION_PARTICIPANT (value)->key, key))
        participant = value;
    }

  if (participant == NULL)
    {
      g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_NOT_JOINED,
                           _("This session does not know you any more. Join again."));
      return NULL;
    }
  if (participant->removed)
    {
      g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_REMOVED,
                           _("The facilitator removed you from this session."));
      return NULL;
    }

  return participant;
}

/* A phone whose copy of the map went wrong (a delta that did not fit
 * it) asks for the whole map again: the server sends it at once
 * ("resync-requested"). Not a contribution, so taken while paused; it
 * costs a message of the rate like any other, so a flood of them costs
 * the app no more maps than reconnecting would. */
static char *
handle_resync (TrailSession             *self,
               TrailSessionParticipant  *participant,
               gint64                    id,
               JsonObject               *object,
               GError                  **error)
{
  static const char * const members[] = { "type", "id", NULL };

  if (!check_members (object, members, error))
    return NULL;

  g_signal_emit (self, signals[RESYNC_REQUESTED], 0, participant);
  return build_ack (id, NULL);
}

static char *
dispatch (TrailSession             *self,
          TrailSessionParticipant **participant,
          gint64                    id,
          const char               *type,
          JsonObject               *object,
          GError                  **error)
{
  if (g_str_equal (type, "join") || g_str_equal (type, "resume"))
    {
      TrailSessionParticipant *joined;

      if (*participant != NULL)
        {
          g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_INVALID,
                               _("You have already joined."));
          return NULL;
        }
      joined = g_str_equal (type, "join") ? handle_join (self, object, error)
                                          : handle_resume (self, object, error);
      if (joined == NULL)
        return NULL;
      *participant = joined;
      return build_welcome (joined);
    }

  if (*participant == NULL)
    {
      g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_NOT_JOINED,
                           _("Join the session first."));
      return NULL;
    }
  if ((*participant)->removed)
    {
      g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_REMOVED,
                           _("The facilitator removed you from this session."));
      return NULL;
    }
  if (g_str_equal (type, "resync"))
    return handle_resync (self, *participant, id, object, error);
  if (!g_str_equal (type, "add-card") && !g_str_equal (type, "vote") && !g_str_equal (type, "rate"))
    {
      g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_UNKNOWN,
                           _("Unknown request."));
      return NULL;
    }
  if (self->paused)
    {
      g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_PAUSED,
                           _("The facilitator has paused contributions."));
      return NULL;
    }

  if (g_str_equal (type, "add-card"))
    return handle_add_card (self, *participant, id, object, error);
  if (g_str_equal (type, "vote"))
    return handle_vote (self, *participant, id, object, error);
  return handle_rate (self, *participant, id, object, error);
}

/* ---- Public API ------------------------------------------------------- */

TrailSession *
trail_session_new (TrailDocument *document)
{
  g_return_val_if_fail (TRAIL_IS_DOCUMENT (document), NULL);

  return g_object_new (TRAIL_TYPE_SESSION, "document", document, NULL);
}

TrailDocument *
trail_session_get_document (TrailSession *self)
{
  g_return_val_if_fail (TRAIL_IS_SESSION (self), NULL);
  return self->document;
}

gboolean
trail_session_get_paused (TrailSession *self)
{
  g_return_val_if_fail (TRAIL_IS_SESSION (self), FALSE);
  return self->paused;
}

void
trail_session_set_paused (TrailSession *self,
                          gboolean      paused)
{
  g_return_if_fail (TRAIL_IS_SESSION (self));

  paused = !!paused;
  if (self->paused == paused)
    return;
  self->paused = paused;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
  queue_state_changed (self, TRUE);
}

TrailSessionMode
trail_session_get_mode (TrailSession *self)
{
  g_return_val_if_fail (TRAIL_IS_SESSION (self), TRAIL_SESSION_MODE_DIRECT);
  return self->mode;
}

void
trail_session_set_mode (TrailSession     *self,
                        TrailSessionMode  mode)
{
  g_return_if_fail (TRAIL_IS_SESSION (self));
  g_return_if_fail (mode == TRAIL_SESSION_MODE_DIRECT || mode == TRAIL_SESSION_MODE_INBOX);

  if (self->mode == mode)
    return;
  self->mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
  queue_state_changed (self, TRUE);
}

gboolean
trail_session_get_allow_anonymous (TrailSession *self)
{
  g_return_val_if_fail (TRAIL_IS_SESSION (self), FALSE);
  return self->allow_anonymous;
}

void
trail_session_set_allow_anonymous (TrailSession *self,
                                   gboolean      allow)
{
  g_return_if_fail (TRAIL_IS_SESSION (self));

  allow = !!allow;
  if (self->allow_anonymous == allow)
    return;
  self->allow_anonymous = allow;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOW_ANONYMOUS]);
  queue_state_changed (self, TRUE);
}

void
trail_session_set_workshop (TrailSession         *self,
                            TrailSessionWorkshop *workshop)
{
  g_return_if_fail (TRAIL_IS_SESSION (self));
  g_return_if_fail (workshop == NULL || TRAIL_IS_SESSION_WORKSHOP (workshop));

  if (self->workshop == workshop)
    return;
  if (self->workshop != NULL)
    g_signal_handlers_disconnect_by_data (self->workshop, self);
  g_set_object (&self->workshop, workshop);
  if (workshop != NULL)
    g_signal_connect_object (workshop, "changed", G_CALLBACK (on_workshop_changed_cb),
                             self, G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSHOP]);
  queue_state_changed (self, TRUE);
}

TrailSessionWorkshop *
trail_session_get_workshop (TrailSession *self)
{
  g_return_val_if_fail (TRAIL_IS_SESSION (self), NULL);
  return self->workshop;
}

GListModel *
trail_session_get_participants (TrailSession *self)
{
  g_return_val_if_fail (TRAIL_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->participants);
}

void
trail_session_remove_participant (TrailSession            *self,
                                  TrailSessionParticipant *participant)
{
  guint position;

  g_return_if_fail (TRAIL_IS_SESSION (self));
  g_return_if_fail (TRAIL_IS_SESSION_PARTICIPANT (participant));

  if (participant->removed)
    return;

  g_object_ref (participant);
  participant->removed = TRUE;
  if (g_list_store_find (self->participants, participant, &position))
    g_list_store_remove (self->participants, position);
  g_signal_emit (self, signals[PARTICIPANT_REMOVED], 0, participant);
  g_object_unref (participant);
}

char *
trail_session_receive (TrailSession             *self,
                       TrailSessionParticipant **participant,
                       const char               *data,
                       gsize                     len)
{
  static const TrailJsonLimits limits = {
    .max_bytes = TRAIL_SESSION_MAX_MESSAGE,
    .max_depth = 4,
    .max_values = 64,
    .max_string = TRAIL_SESSION_MAX_MESSAGE,
  };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  JsonNode *id_node;
  const char *type;
  gint64 id = -1;
  char *reply;

  g_return_val_if_fail (TRAIL_IS_SESSION (self), NULL);
  g_return_val_if_fail (participant != NULL, NULL);

  /* The rate counts every message, good or bad: a flood of garbage costs
   * the sender as much as a flood of cards. */
  if (*participant != NULL && !take_token (*participant))
    {
      g_set_error_literal (&error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_RATE_LIMITED,
                           _("Too many messages. Wait a moment and try again."));
      return build_error_reply (-1, error);
    }

  if (data == NULL || (root = trail_json_parse (data, len, "message", &limits, &error)) == NULL)
    {
      g_autoptr(GError) malformed = NULL;

      /* Too deep, too big or not JSON: all the same to the sender. */
      g_set_error (&malformed, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_MALFORMED,
                   _("The message is not valid: %s"), error != NULL ? error->message : "");
      return build_error_reply (-1, malformed);
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (&error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_MALFORMED,
                           _("A message is a JSON object."));
      return build_error_reply (-1, error);
    }

  object = json_node_get_object (root);
  /* "id" is the client's number for matching the reply; optional. */
  id_node = json_object_get_member (object, "id");
  if (id_node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (id_node) || json_node_get_value_type (id_node) != G_TYPE_INT64 ||
          json_node_get_int (id_node) < 0)
        {
          g_set_error_literal (&error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_INVALID,
                               _("The field “id” must be a whole number."));
          return build_error_reply (-1, error);
        }
      id = json_node_get_int (id_node);
    }

  if ((type = get_string_member (object, "type", TRUE, &error)) == NULL)
    return build_error_reply (id, error);

  reply = dispatch (self, participant, id, type, object, &error);
  if (reply == NULL)
    {
      g_assert (error != NULL);
      return build_error_reply (id, error);
    }

  return reply;
}

/* ---- The map the phones see ------------------------------------------- */

/* One listed card as the phones see it; the strings are the snapshot's. */
typedef struct
{
  const char *id;
  const char *lane;     /* the lane's title */
  const char *kind;     /* static: trail_lane_kind_to_string() */
  const char *text;
  guint       stage;    /* index in the snapshot's stages */
  guint       position; /* index in its stage's listed cards */
} MapCard;

/* What the phones see of the map, compact enough to keep a few (the
 * revisions phones have, MapBase) and to compare card by card without
 * making any JSON. */
struct _MapSnapshot
{
  JsonObject   *header;      /* title, pause, mode, hooks, scale, kinds, unlisted */
  GStringChunk *strings;
  GPtrArray    *stage_ids;   /* const char *, in the map's order */
  GPtrArray    *stage_names;
  GArray       *cards;       /* MapCard, stage by stage, in list order */
  GHashTable   *by_id;       /* card id → its index in cards + 1 */
};

static void
map_snapshot_clear (MapSnapshot *snapshot)
{
  json_object_unref (snapshot->header);
  g_string_chunk_free (snapshot->strings);
  g_ptr_array_unref (snapshot->stage_ids);
  g_ptr_array_unref (snapshot->stage_names);
  g_array_unref (snapshot->cards);
  g_hash_table_unref (snapshot->by_id);
}

static void
map_snapshot_unref (MapSnapshot *snapshot)
{
  g_rc_box_release_full (snapshot, (GDestroyNotify) map_snapshot_clear);
}

/* A revision some phones have, and the delta from it to the newest. */
typedef struct
{
  guint        serial;
  MapSnapshot *snapshot;
  char        *delta;
  guint        delta_to;  /* the revision @delta leads to, 0: none made */
} MapBase;

/* Phones are at the revision of the last push, or of the map they got on
 * joining or reconnecting since: a few kept cover all of them but one
 * that missed pushes, which gets the whole map. */
#define MAX_MAP_BASES 4

static void
map_base_free (gpointer data)
{
  MapBase *base = data;

  map_snapshot_unref (base->snapshot);
  g_free (base->delta);
  g_free (base);
}

static inline MapCard *
map_card (MapSnapshot *snapshot,
          guint        index)
{
  return &g_array_index (snapshot->cards, MapCard, index);
}

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

/* Everything the phones see but the stages and their cards. */
static JsonObject *
build_header (TrailSession *self,
              guint         unlisted)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  int min = trail_document_get_scale_min (self->document);
  int max = trail_document_get_scale_max (self->document);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, trail_document_get_title (self->document));
  json_builder_set_member_name (builder, "paused");
  json_builder_add_boolean_value (builder, self->paused);
  json_builder_set_member_name (builder, "mode");
  json_builder_add_string_value (builder, self->mode == TRAIL_SESSION_MODE_INBOX ? "inbox" : "direct");
  /* HOOK (issue "Workshop mode"): rating and voting need the workshop's
   * rounds; without them the page hides those sections. */
  json_builder_set_member_name (builder, "workshop");
  json_builder_add_boolean_value (builder, self->workshop != NULL);
  /* A workshop may offer voting without rating (or the reverse): the page
   * shows only what will be accepted. */
  json_builder_set_member_name (builder, "rating");
  json_builder_add_boolean_value (builder, self->workshop != NULL &&
                                  TRAIL_SESSION_WORKSHOP_GET_IFACE (self->workshop)->rate_stage != NULL);
  json_builder_set_member_name (builder, "voting");
  json_builder_add_boolean_value (builder, self->workshop != NULL &&
                                  TRAIL_SESSION_WORKSHOP_GET_IFACE (self->workshop)->cast_dot != NULL);

  json_builder_set_member_name (builder, "scale");
  json_builder_begin_array (builder);
  for (int step = min; step <= max; step++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "score");
      json_builder_add_int_value (builder, step);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, trail_document_get_scale_label (self->document, step));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  /* The kinds a card can be added to: those the map has a lane for (any,
   * in inbox mode, where the facilitator places them). */
  json_builder_set_member_name (builder, "kinds");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (participant_kinds); i++)
    {
      if (self->mode == TRAIL_SESSION_MODE_DIRECT &&
          find_lane_of_kind (self, participant_kinds[i]) == NULL)
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, trail_lane_kind_to_string (participant_kinds[i]));
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, trail_lane_kind_get_label (participant_kinds[i]));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  /* The cards past TRAIL_SESSION_MAX_LISTED_CARDS, counted. */
  json_builder_set_member_name (builder, "unlisted");
  json_builder_add_int_value (builder, unlisted);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_object_ref (json_node_get_object (root));
}

static MapSnapshot *
map_snapshot_new (TrailSession *self)
{
  MapSnapshot *snapshot = g_rc_box_new0 (MapSnapshot);
  GListModel *stages = trail_document_get_stages (self->document);
  GListModel *lanes = trail_document_get_lanes (self->document);
  guint unlisted = 0;

  snapshot->strings = g_string_chunk_new (16 * 1024);
  snapshot->stage_ids = g_ptr_array_new ();
  snapshot->stage_names = g_ptr_array_new ();
  snapshot->cards = g_array_new (FALSE, FALSE, sizeof (MapCard));
  snapshot->by_id = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
    {
      g_autoptr(TrailStage) stage = g_list_model_get_item (stages, s);
      guint position = 0;

      g_ptr_array_add (snapshot->stage_ids,
                       g_string_chunk_insert (snapshot->strings, or_empty (trail_stage_get_id (stage))));
      g_ptr_array_add (snapshot->stage_names,
                       g_string_chunk_insert (snapshot->strings, or_empty (trail_stage_get_name (stage))));
      for (guint l = 0; l < g_list_model_get_n_items (lanes); l++)
        {
          g_autoptr(TrailLane) lane = g_list_model_get_item (lanes, l);
          g_autoptr(GPtrArray) cards = NULL;
          const char *title;

          if (trail_lane_get_kind (lane) == TRAIL_LANE_KIND_EMOTIONS)
            continue;
          cards = trail_document_get_cell_cards (self->document, lane, stage);
          if (cards->len == 0)
            continue;
          title = g_string_chunk_insert_const (snapshot->strings, or_empty (trail_lane_get_title (lane)));
          for (guint c = 0; c < cards->len; c++)
            {
              TrailCard *card = g_ptr_array_index (cards, c);
              MapCard entry;

              if (snapshot->cards->len >= TRAIL_SESSION_MAX_LISTED_CARDS)
                {
                  unlisted++;
                  continue;
                }
              entry.id = g_string_chunk_insert (snapshot->strings, or_empty (trail_card_get_id (card)));
              entry.lane = title;
              entry.kind = trail_lane_kind_to_string (trail_lane_get_kind (lane));
              entry.text = g_string_chunk_insert (snapshot->strings, or_empty (trail_card_get_text (card)));
              entry.stage = s;
              entry.position = position++;
              g_array_append_val (snapshot->cards, entry);
              g_hash_table_insert (snapshot->by_id, (gpointer) entry.id,
                                   GUINT_TO_POINTER (snapshot->cards->len));
            }
        }
    }
  snapshot->header = build_header (self, unlisted);

  return snapshot;
}

static gboolean
same_stages (MapSnapshot *a,
             MapSnapshot *b)
{
  if (a->stage_ids->len != b->stage_ids->len)
    return FALSE;
  for (guint s = 0; s < a->stage_ids->len; s++)
    {
      if (!g_str_equal (a->stage_ids->pdata[s], b->stage_ids->pdata[s]) ||
          !g_str_equal (a->stage_names->pdata[s], b->stage_names->pdata[s]))
        return FALSE;
    }
  return TRUE;
}

static gboolean
same_card (const MapCard *a,
           const MapCard *b)
{
  return a->stage == b->stage && g_str_equal (a->id, b->id) && g_str_equal (a->lane, b->lane) &&
         g_str_equal (a->kind, b->kind) && g_str_equal (a->text, b->text);
}

static gboolean
map_snapshot_equal (MapSnapshot *a,
                    MapSnapshot *b)
{
  if (!json_object_equal (a->header, b->header) || !same_stages (a, b) ||
      a->cards->len != b->cards->len)
    return FALSE;
  for (guint i = 0; i < a->cards->len; i++)
    {
      if (!same_card (map_card (a, i), map_card (b, i)))
        return FALSE;
    }
  return TRUE;
}

static void
add_header_members (JsonBuilder *builder,
                    JsonObject  *header)
{
  g_autoptr(GList) members = json_object_get_members (header);

  for (GList *l = members; l != NULL; l = l->next)
    {
      json_builder_set_member_name (builder, l->data);
      json_builder_add_value (builder, json_node_copy (json_object_get_member (header, l->data)));
    }
}

static void
add_card_fields (JsonBuilder   *builder,
                 const MapCard *card)
{
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, card->id);
  json_builder_set_member_name (builder, "lane");
  json_builder_add_string_value (builder, card->lane);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, card->kind);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, card->text);
}

static char *
map_snapshot_to_text (MapSnapshot *snapshot,
                      guint        revision)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint i = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "map");
  json_builder_set_member_name (builder, "revision");
  json_builder_add_int_value (builder, revision);
  add_header_members (builder, snapshot->header);

  json_builder_set_member_name (builder, "stages");
  json_builder_begin_array (builder);
  for (guint s = 0; s < snapshot->stage_ids->len; s++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, snapshot->stage_ids->pdata[s]);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, snapshot->stage_names->pdata[s]);
      json_builder_set_member_name (builder, "cards");
      json_builder_begin_array (builder);
      for (; i < snapshot->cards->len && map_card (snapshot, i)->stage == s; i++)
        {
          json_builder_begin_object (builder);
          add_card_fields (builder, map_card (snapshot, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return node_to_text (root);
}

/* About what a card costs in a message (its JSON's fixed part, escapes
 * aside): enough to tell a delta larger than the map it replaces. */
static gsize
card_bytes (const MapCard *card)
{
  return strlen (card->id) + strlen (card->lane) + strlen (card->kind) + strlen (card->text) + 40;
}

/* @kept are the cards of one stage that stayed, in their new order, with
 * their old positions in @old_position. The longest run of them whose old
 * positions increase keeps its place on the phone; the others moved
 * within the stage and are sent again (marked in @send) to be put back
 * where they now are. */
static void
mark_moved (const guint *kept,
            const guint *old_position,
            guint        n,
            gboolean    *send)
{
  g_autofree guint *tails = NULL;
  g_autofree int *previous = NULL;
  g_autofree gboolean *in_run = NULL;
  guint length = 0;
  gboolean ordered = TRUE;

  for (guint j = 1; j < n && ordered; j++)
    ordered = old_position[j - 1] < old_position[j];
  if (ordered)
    return;

  tails = g_new (guint, n);
  previous = g_new (int, n);
  in_run = g_new0 (gboolean, n);
  for (guint j = 0; j < n; j++)
    {
      guint lo = 0, hi = length;

      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (old_position[tails[mid]] < old_position[j])
            lo = mid + 1;
          else
            hi = mid;
        }
      previous[j] = lo > 0 ? (int) tails[lo - 1] : -1;
      tails[lo] = j;
      if (lo == length)
        length++;
    }
  for (int k = (int) tails[length - 1]; k >= 0; k = previous[k])
    in_run[k] = TRUE;
  for (guint j = 0; j < n; j++)
    {
      if (!in_run[j])
        send[kept[j]] = TRUE;
    }
}

/* The "map-delta" from @from to @to (docs/room.md), or NULL when a phone
 * should get the whole map: the stages changed (added, removed, moved or
 * renamed: every form on the page follows them), or the delta would be
 * larger than the map. A phone applies it by taking out the cards removed
 * and the cards sent, then putting each card sent in at its index, stage
 * by stage in increasing index: the cards left keep their order (those
 * that moved within their stage are sent), so each index is right when
 * its card goes in. */
static char *
build_delta (MapSnapshot *from,
             guint        from_revision,
             MapSnapshot *to,
             guint        to_revision)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) removed = g_ptr_array_new ();
  g_autofree gboolean *send = NULL;
  g_autofree guint *kept = NULL;
  g_autofree guint *old_position = NULL;
  gsize delta_bytes = 0, map_bytes = 0;
  guint i = 0;

  if (!same_stages (from, to))
    return NULL;

  for (guint j = 0; j < from->cards->len; j++)
    {
      const MapCard *card = map_card (from, j);

      if (!g_hash_table_contains (to->by_id, card->id))
        {
          g_ptr_array_add (removed, (gpointer) card->id);
          delta_bytes += strlen (card->id) + 3;
        }
    }

  send = g_new0 (gboolean, to->cards->len + 1);
  kept = g_new (guint, to->cards->len + 1);
  old_position = g_new (guint, to->cards->len + 1);
  for (guint s = 0; s < to->stage_ids->len; s++)
    {
      guint n_kept = 0;

      for (; i < to->cards->len && map_card (to, i)->stage == s; i++)
        {
          const MapCard *card = map_card (to, i);
          guint found = GPOINTER_TO_UINT (g_hash_table_lookup (from->by_id, card->id));

          map_bytes += card_bytes (card);
          if (found == 0 || !same_card (map_card (from, found - 1), card))
            {
              send[i] = TRUE;
              continue;
            }
          kept[n_kept] = i;
          old_position[n_kept] = map_card (from, found - 1)->position;
          n_kept++;
        }
      mark_moved (kept, old_position, n_kept, send);
    }
  for (guint j = 0; j < to->cards->len; j++)
    {
      if (send[j])
        delta_bytes += card_bytes (map_card (to, j)) + 30;
    }
  if (delta_bytes > map_bytes)
    return NULL;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "map-delta");
  json_builder_set_member_name (builder, "base");
  json_builder_add_int_value (builder, from_revision);
  json_builder_set_member_name (builder, "revision");
  json_builder_add_int_value (builder, to_revision);
  /* The map's other fields, all of them, when any changed: a few hundred
   * bytes, rarely. */
  if (!json_object_equal (from->header, to->header))
    {
      json_builder_set_member_name (builder, "set");
      json_builder_begin_object (builder);
      add_header_members (builder, to->header);
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "removed");
  json_builder_begin_array (builder);
  for (guint j = 0; j < removed->len; j++)
    json_builder_add_string_value (builder, removed->pdata[j]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "cards");
  json_builder_begin_array (builder);
  for (guint j = 0; j < to->cards->len; j++)
    {
      const MapCard *card = map_card (to, j);

      if (!send[j])
        continue;
      json_builder_begin_object (builder);
      add_card_fields (builder, card);
      json_builder_set_member_name (builder, "stage");
      json_builder_add_string_value (builder, to->stage_ids->pdata[card->stage]);
      json_builder_set_member_name (builder, "index");
      json_builder_add_int_value (builder, card->position);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  /* Each stage's number of cards afterwards: the phone checks its copy. */
  json_builder_set_member_name (builder, "sizes");
  json_builder_begin_array (builder);
  i = 0;
  for (guint s = 0; s < to->stage_ids->len; s++)
    {
      guint n = 0;

      for (; i < to->cards->len && map_card (to, i)->stage == s; i++)
        n++;
      json_builder_add_int_value (builder, n);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return node_to_text (root);
}

/* Makes the snapshot again after a change; a new revision only when what
 * the phones see differs. */
static void
ensure_snapshot (TrailSession *self)
{
  MapSnapshot *snapshot;

  if (self->snapshot_valid && self->snapshot != NULL)
    return;

  snapshot = map_snapshot_new (self);
  self->snapshot_valid = TRUE;
  if (self->snapshot != NULL && map_snapshot_equal (self->snapshot, snapshot))
    {
      map_snapshot_unref (snapshot);
      return;
    }
  g_clear_pointer (&self->snapshot, map_snapshot_unref);
  self->snapshot = snapshot;
  self->map_serial++;
  g_clear_pointer (&self->map_state, g_free);
}

/* The current revision goes out to phones: deltas can start from it. */
static void
remember_sent (TrailSession *self)
{
  MapBase *base;

  if (self->bases->len > 0 &&
      ((MapBase *) g_ptr_array_index (self->bases, self->bases->len - 1))->serial == self->map_serial)
    return;
  base = g_new0 (MapBase, 1);
  base->serial = self->map_serial;
  base->snapshot = g_rc_box_acquire (self->snapshot);
  g_ptr_array_add (self->bases, base);
  if (self->bases->len > MAX_MAP_BASES)
    g_ptr_array_remove_index (self->bases, 0);
}

const char *
trail_session_get_map_state (TrailSession *self)
{
  g_return_val_if_fail (TRAIL_IS_SESSION (self), NULL);

  ensure_snapshot (self);
  if (self->map_state == NULL)
    self->map_state = map_snapshot_to_text (self->snapshot, self->map_serial);
  remember_sent (self);

  return self->map_state;
}

guint
trail_session_get_map_serial (TrailSession *self)
{
  g_return_val_if_fail (TRAIL_IS_SESSION (self), 0);

  ensure_snapshot (self);
  return self->map_serial;
}

const char *
trail_session_get_map_delta (TrailSession *self,
                             guint         serial)
{
  MapBase *base = NULL;

  g_return_val_if_fail (TRAIL_IS_SESSION (self), NULL);

  ensure_snapshot (self);
  if (serial == self->map_serial)
    return NULL;
  for (guint i = 0; i < self->bases->len; i++)
    {
      if (((MapBase *) g_ptr_array_index (self->bases, i))->serial == serial)
        base = g_ptr_array_index (self->bases, i);
    }
  if (base == NULL)
    return NULL;
  if (base->delta_to != self->map_serial)
    {
      g_free (base->delta);
      base->delta = build_delta (base->snapshot, base->serial, self->snapshot, self->map_serial);
      base->delta_to = self->map_serial;
    }
  if (base->delta != NULL)
    remember_sent (self);

  return base->delta;
}

static void
add_node_member (JsonBuilder *builder,
                 const char  *name,
                 JsonNode    *node)
{
  json_builder_set_member_name (builder, name);
  if (node != NULL)
    json_builder_add_value (builder, node);
  else
    json_builder_add_null_value (builder);
}

char *
trail_session_dup_personal_state (TrailSession            *self,
                                  TrailSessionParticipant *participant)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonNode *round = NULL, *ratings = NULL, *room = NULL;

  g_return_val_if_fail (TRAIL_IS_SESSION (self), NULL);
  g_return_val_if_fail (TRAIL_IS_SESSION_PARTICIPANT (participant), NULL);

  /* HOOK (issue "Workshop mode"): what the round, the ratings and the
   * room's timer look like to this participant. */
  if (self->workshop != NULL)
    {
      round = trail_session_workshop_describe_round (self->workshop, participant->id);
      ratings = trail_session_workshop_describe_ratings (self->workshop, participant->id);
      room = trail_session_workshop_describe_room (self->workshop);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "you");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, participant->name);
  json_builder_set_member_name (builder, "cards");
  json_builder_add_int_value (builder, participant->n_cards);
  /* add_value takes the nodes. */
  add_node_member (builder, "round", round);
  add_node_member (builder, "ratings", ratings);
  add_node_member (builder, "room", room);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return node_to_text (root);
}
