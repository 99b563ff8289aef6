/* trail-session-server.h — the room's web server
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-session.h"

G_BEGIN_DECLS

/* Serves a TrailSession to the room while it runs: the participant page
 * (from the GResource, under RESOURCE_PATH "/room/") and a WebSocket that
 * carries the session's messages, both under /s/TOKEN/ where TOKEN is 128
 * bits from the CSPRNG. Any other path, a wrong token or a request with a
 * body is answered 403 with nothing else. Listens only between start and
 * stop; stop closes every connection and the port (docs/room.md). */

#define TRAIL_TYPE_SESSION_SERVER (trail_session_server_get_type ())

G_DECLARE_FINAL_TYPE (TrailSessionServer, trail_session_server, TRAIL, SESSION_SERVER, GObject)

/* Connections at most, joined or not: the participants and a few spare
 * for phones that reconnect. */
#define TRAIL_SESSION_MAX_CONNECTIONS (TRAIL_SESSION_MAX_PARTICIPANTS + 50)

/* The IPv4 addresses of the network interfaces that are up, loopback
 * excluded, as text ("192.168.1.20"); empty when there is no network. */
GStrv               trail_session_list_lan_addresses (void);

TrailSessionServer *trail_session_server_new         (TrailSession        *session);
TrailSession       *trail_session_server_get_session (TrailSessionServer  *self);

/* Listens on @address (one of trail_session_list_lan_addresses(), or
 * "127.0.0.1"), or with NULL on every LAN address (the loopback one when
 * there is none), on a free port. */
gboolean            trail_session_server_start       (TrailSessionServer  *self,
                                                      const char          *address,
                                                      GError             **error);
/* Closes every connection and stops listening; nothing answers on the
 * port afterwards. Safe to call twice. */
void                trail_session_server_stop        (TrailSessionServer  *self);
gboolean            trail_session_server_get_running (TrailSessionServer  *self);
guint               trail_session_server_get_port    (TrailSessionServer  *self);
/* The links to join with, one per address listened on (NULL when stopped). */
const char * const *trail_session_server_get_join_urls (TrailSessionServer *self);
/* Open WebSocket connections, joined or not. */
guint               trail_session_server_get_n_connections (TrailSessionServer *self);

G_END_DECLS
