/* trail-session-server.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-session-server"

#include "config.h"

#include <glib/gi18n.h>
#include <ifaddrs.h>
#include <libsoup/soup.h>
#include <net/if.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include "trail-session-server.h"

/* A message whose participant sent this many refused ones in a row is
 * flooding, not mistaken: its connection is closed. */
#define MAX_REFUSED_IN_A_ROW 50
/* A connection that has not joined within this many seconds is closed. */
#define JOIN_TIMEOUT_SECONDS 60

/* Messages are applied from a queue, a few milliseconds at a time, at a
 * priority just below GTK's redraw (GDK_PRIORITY_REDRAW is
 * G_PRIORITY_HIGH_IDLE + 20): the sockets are read at the default
 * priority, and handling each message as it was read kept the frame clock
 * from painting until a whole burst was done — a hundred phones adding
 * cards at once saw nothing on the projector for a second, then
 * everything. Now a frame is painted between slices whenever one is due,
 * showing the cards applied so far.
 *
 * A slice is about two frames long: every frame of a burst repaints the
 * whole visible canvas (each new card moves the rows below it), and with
 * 6 ms slices painting took more than half of the app's time while a
 * hundred phones sent at once, so the last cards waited longest. Measured
 * with perf's timestamps during bench/room (docs/room.md, fourth round). */
#define PENDING_PRIORITY   (G_PRIORITY_HIGH_IDLE + 30)
#define PENDING_SLICE_US   30000
/* Past these the queue no longer grows: a connection's next message is
 * applied as it is read, after its earlier ones, as before the queue (a
 * flood then slows only its sender's reading, and memory stays bounded). */
/* The phones' state is pushed this long after a burst was applied, not
 * in the gap before the frame that shows its last cards: the push (the
 * map to a hundred phones) took 26 ms there and delayed that frame. A
 * room that never pauses still gets a push every PUSH_WAIT_MAX_US. */
#define PUSH_AFTER_BURST_US 40000
#define PUSH_WAIT_MAX_US    1000000
#define MAX_PENDING_EACH   40
#define MAX_PENDING_BYTES  (4 * 1024 * 1024)

typedef struct
{
  TrailSessionServer      *server;      /* unowned: the server outlives its connections */
  SoupWebsocketConnection *connection;
  TrailSessionParticipant *participant; /* unowned; the session holds it */
  guint                    join_timeout;
  guint                    refused;
  guint                    n_pending;   /* its messages in the server's queue */
  guint                    map_serial;  /* the map it was sent last, 0: none */
  guint                    closing : 1; /* closed by us: what it sent later is ignored */
} Connection;

/* A message read but not yet applied. */
typedef struct
{
  Connection *connection;
  GBytes     *message;
  int         type;
} Pending;

struct _TrailSessionServer
{
  GObject        parent_instance;

  TrailSession  *session;
  SoupServer    *soup;
  char          *token;
  char          *prefix;     /* "/s/TOKEN/" */
  char          *ws_path;    /* "/s/TOKEN/ws" */
  GStrv          join_urls;
  GPtrArray     *connections;  /* Connection */
  guint          port;

  GQueue         pending;      /* Pending, in the order read */
  gsize          pending_bytes;
  guint          pending_source;
  gint64         drained_at;   /* when the queue last ran empty */
  guint          push_source;  /* a state push waiting for a burst's frame */
  gint64         push_waiting_since;
};

G_DEFINE_FINAL_TYPE (TrailSessionServer, trail_session_server, G_TYPE_OBJECT)

/* The page's files: a fixed table, looked up by exact name, so no path a
 * request names can reach anything else (no "..", no file system). */
static const struct {
  const char *name;
  const char *resource;
  const char *content_type;
} page_files[] = {
  { "", "index.html", "text/html; charset=utf-8" },
  { "room.js", "room.js", "text/javascript; charset=utf-8" },
  { "room.css", "room.css", "text/css; charset=utf-8" },
  { "strings.json", NULL, "application/json; charset=utf-8" },
};

/* The page's words, translated with the app's catalogue: substituted into
 * index.html (escaped) and served to the script as strings.json. */
static const struct {
  const char *key;
  const char *text;
} page_strings[] = {
  { "title", N_("Join the workshop") },
  { "name-label", N_("Your name") },
  { "name-hint", N_("Shown to the facilitator beside what you add.") },
  { "join", N_("Join") },
  { "joining", N_("Joining…") },
  { "add-heading", N_("Add a card") },
  { "stage-label", N_("Stage") },
  { "kind-label", N_("Kind of card") },
  { "text-label", N_("Card text") },
  { "add", N_("Add Card") },
  { "added", N_("Card added.") },
  { "rate-heading", N_("How does each stage feel?") },
  { "word-label", N_("One word (optional)") },
  { "rate", N_("Rate") },
  { "rated", N_("Rating saved.") },
  { "vote-heading", N_("Vote") },
  { "dots-left", N_("Dots left: %d") },
  { "no-round", N_("No voting round is open.") },
  { "results-hidden", N_("Results stay hidden until the facilitator reveals them.") },
  { "add-dot", N_("Add a dot") },
  { "take-dot", N_("Take a dot back") },
  { "map-heading", N_("The map") },
  { "unlisted", N_("and %d more cards") },
  { "no-cards", N_("No cards yet.") },
  { "paused", N_("The facilitator has paused contributions.") },
  { "inbox", N_("Your cards go to the facilitator’s inbox first.") },
  { "timer", N_("Time left: %s") },
  { "current-stage", N_("Now presenting: %s") },
  { "offline", N_("Connection lost. Reconnecting…") },
  { "ended", N_("The session has ended. Thank you!") },
  { "removed", N_("The facilitator removed you from this session.") },
  { "you-are", N_("You are %s") },
  { "score-label", N_("Your rating") },
  { "your-ratings", N_("Your ratings") },
  { "no-ratings", N_("You have not rated a stage yet.") },
  { "rated-before", N_("You rated this stage: %s. Rating it again replaces that.") },
  { "timer-paused", N_("Timer paused: %s") },
  { "time-up", N_("Time is up") },
  { "voting-closed", N_("Voting is closed. These are the results.") },
  { "no-dots", N_("No dots were cast.") },
  { "dots", N_("Dots: %d") },
};

static void
send_text (Connection *connection,
           const char *text)
{
  if (soup_websocket_connection_get_state (connection->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_text (connection->connection, text);
}

/* The map goes to a phone only when it changed since the phone's copy
 * (a vote changes only what the voter sees, "you"), and then as what
 * changed when the phone has the revision the last push sent: the delta
 * is made once for all of them. A phone that just joined, reconnected or
 * asked again ("resync") gets the whole map. */
static void
send_map (TrailSessionServer *self,
          Connection         *connection)
{
  guint serial = trail_session_get_map_serial (self->session);
  const char *delta = NULL;

  if (connection->map_serial == serial)
    return;
  if (connection->map_serial != 0)
    delta = trail_session_get_map_delta (self->session, connection->map_serial);
  send_text (connection, delta != NULL ? delta : trail_session_get_map_state (self->session));
  connection->map_serial = serial;
}

static void
send_state (TrailSessionServer *self,
            Connection         *connection)
{
  g_autofree char *personal = NULL;

  if (connection->participant == NULL)
    return;
  send_map (self, connection);
  personal = trail_session_dup_personal_state (self->session, connection->participant);
  send_text (connection, personal);
}

static void
connection_free (Connection *connection)
{
  g_clear_handle_id (&connection->join_timeout, g_source_remove);
  g_signal_handlers_disconnect_by_data (connection->connection, connection);
  if (connection->participant != NULL)
    {
      gboolean elsewhere = FALSE;

      /* A phone that reconnected has a newer connection for the same
       * participant: it stays connected. */
      for (guint i = 0; i < connection->server->connections->len; i++)
        {
          Connection *other = g_ptr_array_index (connection->server->connections, i);

          if (other != connection && other->participant == connection->participant)
            elsewhere = TRUE;
        }
      if (!elsewhere)
        trail_session_participant_set_connected (connection->participant, FALSE);
    }
  g_clear_object (&connection->connection);
  g_free (connection);
}

static void
close_connection (Connection *connection,
                  gushort     code,
                  const char *reason)
{
  SoupWebsocketState state = soup_websocket_connection_get_state (connection->connection);

  connection->closing = TRUE;
  if (state == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (connection->connection, code, reason);
}

static void handle_message (Connection *connection,
                            int         type,
                            GBytes     *message);

/* Applies @pending, taken off the queue, and frees it. */
static void
pending_apply (Pending *pending)
{
  Connection *connection = pending->connection;

  connection->server->pending_bytes -= g_bytes_get_size (pending->message);
  connection->n_pending--;
  if (!connection->closing)
    handle_message (connection, pending->type, pending->message);
  g_bytes_unref (pending->message);
  g_free (pending);
}

/* Applies what @connection sent and is still queued, in order (all that
 * is queued when @connection is NULL). */
static void
drain_pending (TrailSessionServer *self,
               Connection         *connection)
{
  GList *link = self->pending.head;

  while (link != NULL)
    {
      GList *next = link->next;
      Pending *pending = link->data;

      if (connection == NULL || pending->connection == connection)
        {
          g_queue_delete_link (&self->pending, link);
          pending_apply (pending);
          /* Applying may have queued or drained others: start over. */
          next = self->pending.head;
        }
      link = next;
    }
}

static gboolean
apply_pending_cb (gpointer user_data)
{
  TrailSessionServer *self = user_data;
  gint64 start = g_get_monotonic_time ();

  while (!g_queue_is_empty (&self->pending))
    {
      pending_apply (g_queue_pop_head (&self->pending));
      if (g_get_monotonic_time () - start >= PENDING_SLICE_US)
        return G_SOURCE_CONTINUE;
    }

  self->pending_source = 0;
  self->drained_at = g_get_monotonic_time ();
  return G_SOURCE_REMOVE;
}

static void
on_connection_closed_cb (SoupWebsocketConnection *ws,
                         gpointer                 user_data)
{
  Connection *connection = user_data;
  TrailSessionServer *self = connection->server;

  /* What a phone sent before it went away still counts: a card whose
   * last byte arrived is applied, like any other. */
  drain_pending (self, connection);
  /* Frees the connection (the array's free function). */
  g_ptr_array_remove (self->connections, connection);
}

static void
on_connection_message_cb (SoupWebsocketConnection *ws,
                          int                      type,
                          GBytes                  *message,
                          gpointer                 user_data)
{
  Connection *connection = user_data;
  TrailSessionServer *self = connection->server;
  Pending *pending;

  if (connection->n_pending >= MAX_PENDING_EACH ||
      self->pending_bytes + g_bytes_get_size (message) > MAX_PENDING_BYTES)
    {
      drain_pending (self, connection);
      if (!connection->closing)
        handle_message (connection, type, message);
      return;
    }

  pending = g_new0 (Pending, 1);
  pending->connection = connection;
  pending->message = g_bytes_ref (message);
  pending->type = type;
  connection->n_pending++;
  self->pending_bytes += g_bytes_get_size (message);
  g_queue_push_tail (&self->pending, pending);
  if (self->pending_source == 0)
    self->pending_source = g_idle_add_full (PENDING_PRIORITY, apply_pending_cb, self, NULL);
}

static void
handle_message (Connection *connection,
                int         type,
                GBytes     *message)
{
  TrailSessionServer *self = connection->server;
  TrailSessionParticipant *before = connection->participant;
  g_autofree char *reply = NULL;
  const char *data;
  gsize len;

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    {
      reply = g_strdup ("{\"type\":\"error\",\"code\":\"malformed\",\"message\":\"\"}");
      send_text (connection, reply);
      if (++connection->refused >= MAX_REFUSED_IN_A_ROW)
        close_connection (connection, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, NULL);
      return;
    }

  data = g_bytes_get_data (message, &len);
  reply = trail_session_receive (self->session, &connection->participant, data, len);
  send_text (connection, reply);

  if (g_str_has_prefix (reply, "{\"type\":\"error\""))
    {
      if (++connection->refused >= MAX_REFUSED_IN_A_ROW ||
          g_str_has_prefix (reply, "{\"type\":\"error\",\"code\":\"removed\"") ||
          g_str_has_prefix (reply, "{\"type\":\"error\",\"code\":\"full\""))
        close_connection (connection, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, NULL);
      /* Before joining, mistakes are not forgiven: that is a scanner. */
      else if (connection->participant == NULL && connection->refused >= 5)
        close_connection (connection, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, NULL);
      return;
    }

  connection->refused = 0;
  if (before == NULL && connection->participant != NULL)
    {
      g_clear_handle_id (&connection->join_timeout, g_source_remove);
      trail_session_participant_set_connected (connection->participant, TRUE);
      send_state (self, connection);
    }
}

static gboolean
on_join_timeout_cb (gpointer user_data)
{
  Connection *connection = user_data;

  connection->join_timeout = 0;
  close_connection (connection, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, NULL);

  return G_SOURCE_REMOVE;
}

static void
set_security_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  /* Only the page's own script and style; no inline code, no frames, no
   * forms posted elsewhere. connect-src 'self' covers the page's own
   * WebSocket (ws: on the same host and port). */
  soup_message_headers_replace (headers, "Content-Security-Policy",
                                "default-src 'none'; script-src 'self'; style-src 'self'; "
                                "img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
                                "form-action 'none'; frame-ancestors 'none'");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  /* The token is in the address: never send it to anyone as a referrer. */
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Frame-Options", "DENY");
}

static void
refuse (SoupServerMessage *msg,
        guint              status)
{
  soup_server_message_set_status (msg, status, NULL);
  set_security_headers (msg);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "", 0);
}

/* Anywhere but under /s/TOKEN/: 403, and nothing that tells a scanner
 * more than that. */
static void
on_forbidden_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  refuse (msg, SOUP_STATUS_FORBIDDEN);
}

/* Under the token, before any body is read: only GET (and HEAD), with no
 * body at all, so nobody can make the app read megabytes. */
static void
on_early_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);

  if ((method != SOUP_METHOD_GET && method != SOUP_METHOD_HEAD) ||
      encoding == SOUP_ENCODING_CHUNKED ||
      (encoding == SOUP_ENCODING_CONTENT_LENGTH && soup_message_headers_get_content_length (headers) > 0))
    refuse (msg, SOUP_STATUS_FORBIDDEN);
}

static char *
html_escape (const char *text)
{
  /* g_markup_escape_text escapes < > & ' ": enough for text and for
   * attribute values in quotes. */
  return g_markup_escape_text (text, -1);
}

static GBytes *
build_strings_json (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;
  gsize len;

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (page_strings); i++)
    {
      json_builder_set_member_name (builder, page_strings[i].key);
      json_builder_add_string_value (builder, _(page_strings[i].text));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &len);

  return g_bytes_new_take (text, len);
}

/* index.html with each @@key@@ replaced by its escaped translation. */
static GBytes *
build_page (GBytes *template)
{
  gsize len;
  const char *data = g_bytes_get_data (template, &len);
  g_autoptr(GString) page = g_string_new_len (data, len);

  for (guint i = 0; i < G_N_ELEMENTS (page_strings); i++)
    {
      g_autofree char *placeholder = g_strdup_printf ("@@%s@@", page_strings[i].key);
      g_autofree char *escaped = html_escape (_(page_strings[i].text));

      g_string_replace (page, placeholder, escaped, 0);
    }

  return g_string_free_to_bytes (g_steal_pointer (&page));
}

static void
on_page_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  TrailSessionServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(GBytes) bytes = NULL;
  const char *name;

  if (method != SOUP_METHOD_GET && method != SOUP_METHOD_HEAD)
    {
      refuse (msg, SOUP_STATUS_FORBIDDEN);
      return;
    }

  /* The token is checked by where this handler sits; compare it again in
   * constant time rather than trust the router's prefix match alone. */
  {
    gsize token_len = strlen (self->token);
    g_autofree char *given = NULL;

    if (!g_str_has_prefix (path, "/s/") || strlen (path) < strlen (self->prefix))
      {
        refuse (msg, SOUP_STATUS_FORBIDDEN);
        return;
      }
    given = g_strndup (path + 3, token_len);
    if (!trail_session_token_equal (self->token, given) || path[3 + token_len] != '/')
      {
        refuse (msg, SOUP_STATUS_FORBIDDEN);
        return;
      }
  }

  name = path + strlen (self->prefix);
  for (guint i = 0; i < G_N_ELEMENTS (page_files); i++)
    {
      if (!g_str_equal (name, page_files[i].name))
        continue;

      if (page_files[i].resource == NULL)
        {
          bytes = build_strings_json ();
        }
      else
        {
          g_autofree char *resource = g_strconcat (RESOURCE_PATH "/room/", page_files[i].resource, NULL);
          g_autoptr(GError) error = NULL;

          bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
          if (bytes == NULL)
            {
              g_warning ("The participant page is missing: %s", error->message);
              refuse (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR);
              return;
            }
          if (g_str_equal (page_files[i].resource, "index.html"))
            {
              GBytes *page = build_page (bytes);

              g_bytes_unref (bytes);
              bytes = page;
            }
        }

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      set_security_headers (msg);
      soup_server_message_set_response (msg, page_files[i].content_type, SOUP_MEMORY_COPY,
                                        g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      return;
    }

  refuse (msg, SOUP_STATUS_NOT_FOUND);
}

/* A browser page elsewhere must not drive a participant's connection:
 * when the browser says where the page came from, it is this server. */
static gboolean
origin_is_ours (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *origin = soup_message_headers_get_one (headers, "Origin");
  const char *host = soup_message_headers_get_one (headers, "Host");
  g_autofree char *expected = NULL;

  if (origin == NULL)
    return TRUE;
  if (host == NULL)
    return FALSE;
  expected = g_strconcat ("http://", host, NULL);

  return g_ascii_strcasecmp (origin, expected) == 0;
}

static void
on_websocket_cb (SoupServer              *server,
                 SoupServerMessage       *msg,
                 const char              *path,
                 SoupWebsocketConnection *ws,
                 gpointer                 user_data)
{
  TrailSessionServer *self = user_data;
  Connection *connection;

  connection = g_new0 (Connection, 1);
  connection->server = self;
  connection->connection = g_object_ref (ws);
  g_ptr_array_add (self->connections, connection);

  soup_websocket_connection_set_max_incoming_payload_size (ws, TRAIL_SESSION_MAX_MESSAGE);
  /* Phones sleep: pings find connections that died without a close. */
  soup_websocket_connection_set_keepalive_interval (ws, 20);
  g_signal_connect (ws, "message", G_CALLBACK (on_connection_message_cb), connection);
  g_signal_connect (ws, "closed", G_CALLBACK (on_connection_closed_cb), connection);

  if (!origin_is_ours (msg))
    {
      close_connection (connection, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, NULL);
      return;
    }
  if (self->connections->len > TRAIL_SESSION_MAX_CONNECTIONS)
    {
      close_connection (connection, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, NULL);
      return;
    }

  connection->join_timeout = g_timeout_add_seconds (JOIN_TIMEOUT_SECONDS, on_join_timeout_cb, connection);
}

static void push_state (TrailSessionServer *self);

static gboolean
push_state_cb (gpointer user_data)
{
  TrailSessionServer *self = user_data;

  self->push_source = 0;
  push_state (self);

  return G_SOURCE_REMOVE;
}

static void
push_state (TrailSessionServer *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 wait = 0;

  if (self->soup == NULL)
    return;
  if (!g_queue_is_empty (&self->pending))
    wait = PUSH_AFTER_BURST_US;
  else if (self->drained_at != 0 && now - self->drained_at < PUSH_AFTER_BURST_US)
    wait = PUSH_AFTER_BURST_US - (now - self->drained_at);

  if (self->push_waiting_since == 0)
    self->push_waiting_since = now;
  if (wait > 0 && now - self->push_waiting_since < PUSH_WAIT_MAX_US)
    {
      if (self->push_source == 0)
        self->push_source = g_timeout_add ((guint) (wait / 1000) + 1, push_state_cb, self);
      return;
    }

  g_clear_handle_id (&self->push_source, g_source_remove);
  self->push_waiting_since = 0;
  for (guint i = 0; i < self->connections->len; i++)
    send_state (self, g_ptr_array_index (self->connections, i));
}

static void
on_state_changed_cb (TrailSessionServer *self)
{
  push_state (self);
}

static void
on_resync_requested_cb (TrailSessionServer      *self,
                        TrailSessionParticipant *participant)
{
  for (guint i = 0; i < self->connections->len; i++)
    {
      Connection *connection = g_ptr_array_index (self->connections, i);

      if (connection->participant != participant || connection->closing)
        continue;
      connection->map_serial = 0;
      send_map (self, connection);
    }
}

static void
on_participant_removed_cb (TrailSessionServer      *self,
                           TrailSessionParticipant *participant)
{
  for (guint i = 0; i < self->connections->len; i++)
    {
      Connection *connection = g_ptr_array_index (self->connections, i);

      if (connection->participant != participant)
        continue;
      send_text (connection, "{\"type\":\"error\",\"code\":\"removed\",\"message\":\"\"}");
      close_connection (connection, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, NULL);
    }
}

static void
trail_session_server_dispose (GObject *object)
{
  TrailSessionServer *self = TRAIL_SESSION_SERVER (object);

  trail_session_server_stop (self);
  g_clear_handle_id (&self->push_source, g_source_remove);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->connections, g_ptr_array_unref);

  G_OBJECT_CLASS (trail_session_server_parent_class)->dispose (object);
}

static void
trail_session_server_class_init (TrailSessionServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = trail_session_server_dispose;
}

static void
trail_session_server_init (TrailSessionServer *self)
{
  self->connections = g_ptr_array_new_with_free_func ((GDestroyNotify) connection_free);
}

/* ---- Public API ------------------------------------------------------- */

GStrv
trail_session_list_lan_addresses (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  struct ifaddrs *addresses = NULL;

  if (getifaddrs (&addresses) == 0)
    {
      for (struct ifaddrs *a = addresses; a != NULL; a = a->ifa_next)
        {
          char text[INET_ADDRSTRLEN];

          if (a->ifa_addr == NULL || a->ifa_addr->sa_family != AF_INET ||
              (a->ifa_flags & IFF_UP) == 0 || (a->ifa_flags & IFF_LOOPBACK) != 0)
            continue;
          if (inet_ntop (AF_INET, &((struct sockaddr_in *) (gpointer) a->ifa_addr)->sin_addr,
                         text, sizeof text) != NULL)
            g_strv_builder_add (builder, text);
        }
      freeifaddrs (addresses);
    }

  return g_strv_builder_end (builder);
}

TrailSessionServer *
trail_session_server_new (TrailSession *session)
{
  TrailSessionServer *self;

  g_return_val_if_fail (TRAIL_IS_SESSION (session), NULL);

  self = g_object_new (TRAIL_TYPE_SESSION_SERVER, NULL);
  self->session = g_object_ref (session);
  g_signal_connect_object (session, "state-changed",
                           G_CALLBACK (on_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "participant-removed",
                           G_CALLBACK (on_participant_removed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "resync-requested",
                           G_CALLBACK (on_resync_requested_cb), self, G_CONNECT_SWAPPED);

  return self;
}

TrailSession *
trail_session_server_get_session (TrailSessionServer *self)
{
  g_return_val_if_fail (TRAIL_IS_SESSION_SERVER (self), NULL);
  return self->session;
}

static gboolean
listen_on (TrailSessionServer  *self,
           const char          *address,
           GError             **error)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) socket_address = NULL;

  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a network address."), address);
      return FALSE;
    }

  /* The first address picks a free port; the others use the same one, so
   * every link differs only by the address. */
  socket_address = g_inet_socket_address_new (inet, self->port);
  if (!soup_server_listen (self->soup, socket_address, 0, error))
    return FALSE;

  if (self->port == 0)
    {
      GSList *listeners = soup_server_get_listeners (self->soup);

      for (GSList *l = listeners; l != NULL && self->port == 0; l = l->next)
        {
          g_autoptr(GSocketAddress) local = g_socket_get_local_address (l->data, NULL);

          if (G_IS_INET_SOCKET_ADDRESS (local))
            self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
        }
      g_slist_free (listeners);
    }

  return TRUE;
}

gboolean
trail_session_server_start (TrailSessionServer  *self,
                            const char          *address,
                            GError             **error)
{
  g_auto(GStrv) addresses = NULL;
  g_autoptr(GStrvBuilder) urls = g_strv_builder_new ();

  g_return_val_if_fail (TRAIL_IS_SESSION_SERVER (self), FALSE);
  g_return_val_if_fail (self->soup == NULL, FALSE);

  if (address != NULL)
    {
      addresses = g_new0 (char *, 2);
      addresses[0] = g_strdup (address);
    }
  else
    {
      addresses = trail_session_list_lan_addresses ();
      /* No network: the session still runs for this computer alone. */
      if (addresses[0] == NULL)
        {
          g_strfreev (addresses);
          addresses = g_new0 (char *, 2);
          addresses[0] = g_strdup ("127.0.0.1");
        }
    }

  self->token = trail_session_new_token ();
  self->prefix = g_strdup_printf ("/s/%s/", self->token);
  self->ws_path = g_strdup_printf ("/s/%s/ws", self->token);
  self->port = 0;

  self->soup = soup_server_new ("server-header", NULL, NULL);
  /* permessage-deflate would let a small frame inflate into a large one. */
  soup_server_remove_websocket_extension (self->soup, SOUP_TYPE_WEBSOCKET_EXTENSION_DEFLATE);
  soup_server_add_early_handler (self->soup, "/", on_forbidden_cb, NULL, NULL);
  soup_server_add_handler (self->soup, "/", on_forbidden_cb, NULL, NULL);
  soup_server_add_early_handler (self->soup, self->prefix, on_early_cb, NULL, NULL);
  soup_server_add_handler (self->soup, self->prefix, on_page_cb, self, NULL);
  soup_server_add_early_handler (self->soup, self->ws_path, on_early_cb, NULL, NULL);
  soup_server_add_websocket_handler (self->soup, self->ws_path, NULL, NULL, on_websocket_cb, self, NULL);

  for (guint i = 0; addresses[i] != NULL; i++)
    {
      g_autofree char *host = NULL;

      if (!listen_on (self, addresses[i], error))
        {
          trail_session_server_stop (self);
          return FALSE;
        }
      host = strchr (addresses[i], ':') != NULL ? g_strdup_printf ("[%s]", addresses[i])
                                                : g_strdup (addresses[i]);
      {
        g_autofree char *url = g_strdup_printf ("http://%s:%u%s", host, self->port, self->prefix);

        g_strv_builder_add (urls, url);
      }
    }
  self->join_urls = g_strv_builder_end (urls);

  return TRUE;
}

void
trail_session_server_stop (TrailSessionServer *self)
{
  g_return_if_fail (TRAIL_IS_SESSION_SERVER (self));

  if (self->soup == NULL)
    return;

  /* What was read before the end is applied, as it would have been. */
  drain_pending (self, NULL);
  g_clear_handle_id (&self->pending_source, g_source_remove);
  g_clear_handle_id (&self->push_source, g_source_remove);

  /* Tell each page the session ended, then close: the phones show a
   * goodbye rather than reconnecting forever. */
  for (guint i = 0; i < self->connections->len; i++)
    {
      Connection *connection = g_ptr_array_index (self->connections, i);

      send_text (connection, "{\"type\":\"ended\"}");
      close_connection (connection, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
    }
  /* Closing waits for the peer's answer; forget the connections now. */
  g_ptr_array_set_size (self->connections, 0);

  soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->prefix, g_free);
  g_clear_pointer (&self->ws_path, g_free);
  g_clear_pointer (&self->join_urls, g_strfreev);
  self->port = 0;
}

gboolean
trail_session_server_get_running (TrailSessionServer *self)
{
  g_return_val_if_fail (TRAIL_IS_SESSION_SERVER (self), FALSE);
  return self->soup != NULL;
}

guint
trail_session_server_get_port (TrailSessionServer *self)
{
  g_return_val_if_fail (TRAIL_IS_SESSION_SERVER (self), 0);
  return self->port;
}

const char * const *
trail_session_server_get_join_urls (TrailSessionServer *self)
{
  g_return_val_if_fail (TRAIL_IS_SESSION_SERVER (self), NULL);
  return (const char * const *) self->join_urls;
}

guint
trail_session_server_get_n_connections (TrailSessionServer *self)
{
  g_return_val_if_fail (TRAIL_IS_SESSION_SERVER (self), 0);
  return self->connections->len;
}
