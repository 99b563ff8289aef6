/* test-room.c — the room's logic and its server, driven by real
 * WebSocket clients (libsoup's), several at once, and by hostile input
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>

#include "trail-room-voting.h"
#include "trail-session.h"
#include "trail-session-qr.h"
#include "trail-session-server.h"
#include "trail-voting.h"

/* ---- Helpers ---------------------------------------------------------- */

static TrailDocument *
new_document (void)
{
  TrailDocument *document = trail_document_new_blank ();

  trail_document_clear_history (document);
  return document;
}

static const char *
first_stage_id (TrailDocument *document)
{
  g_autoptr(TrailStage) stage = g_list_model_get_item (trail_document_get_stages (document), 0);

  return trail_stage_get_id (stage);
}

static JsonObject *
parse_reply (const char *reply)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  g_assert_true (json_parser_load_from_data (parser, reply, -1, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  return json_object_ref (object);
}

static void
assert_reply (const char *reply,
              const char *type,
              const char *code)
{
  g_autoptr(JsonObject) object = parse_reply (reply);

  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, type);
  if (code != NULL)
    g_assert_cmpstr (json_object_get_string_member (object, "code"), ==, code);
}

static char *
send_msg (TrailSession             *session,
          TrailSessionParticipant **participant,
          const char               *text)
{
  return trail_session_receive (session, participant, text, strlen (text));
}

static TrailSessionParticipant *
join (TrailSession *session,
      const char   *name)
{
  TrailSessionParticipant *participant = NULL;
  g_autofree char *message = g_strdup_printf ("{\"type\":\"join\",\"name\":\"%s\"}", name);
  g_autofree char *reply = send_msg (session, &participant, message);

  assert_reply (reply, "welcome", NULL);
  g_assert_nonnull (participant);
  return participant;
}

static guint
count_cards (TrailDocument *document)
{
  return g_list_model_get_n_items (trail_document_get_cards (document));
}

/* ---- Logic ------------------------------------------------------------ */

static void
test_tokens (void)
{
  g_autofree char *a = trail_session_new_token ();
  g_autofree char *b = trail_session_new_token ();

  g_assert_cmpuint (strlen (a), ==, 32);
  g_assert_cmpstr (a, !=, b);
  g_assert_true (trail_session_token_equal (a, a));
  g_assert_false (trail_session_token_equal (a, b));
  g_assert_false (trail_session_token_equal (a, NULL));
  g_assert_false (trail_session_token_equal (a, "short"));
}

static void
test_clean_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *long_text = g_strnfill (10000, 'x');
  char *text;

  clean = trail_session_clean_text ("  two\nlines\t<b>&</b>  ", 100, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clean, ==, "two lines <b>&</b>");

  text = trail_session_clean_text ("bell\a", 100, &error);
  g_assert_null (text);
  g_assert_error (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_INVALID);
  g_clear_error (&error);

  text = trail_session_clean_text ("evil\u202Etxt.exe", 100, &error);
  g_assert_null (text);
  g_assert_error (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_INVALID);
  g_clear_error (&error);

  text = trail_session_clean_text (long_text, TRAIL_SESSION_MAX_TEXT, &error);
  g_assert_null (text);
  g_assert_error (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_TOO_LONG);
  g_clear_error (&error);

  text = trail_session_clean_text (" \n ", 100, &error);
  g_assert_null (text);
  g_assert_error (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_INVALID);
}

static void
test_add_card_direct_and_undo (void)
{
  g_autoptr(TrailDocument) document = new_document ();
  g_autoptr(TrailSession) session = trail_session_new (document);
  TrailSessionParticipant *alice = join (session, "Alice <script>");
  g_autofree char *message = NULL;
  g_autofree char *reply = NULL;
  g_autoptr(JsonObject) ack = NULL;
  TrailCard *card;
  TrailLane *lane;
  guint before = count_cards (document);

  /* The name is kept as text: escaping is the page's and the canvas's job. */
  g_assert_cmpstr (trail_session_participant_get_name (alice), ==, "Alice <script>");

  message = g_strdup_printf ("{\"type\":\"add-card\",\"id\":7,\"stage\":\"%s\",\"kind\":\"pain-points\","
                             "\"text\":\"Waits on hold\"}", first_stage_id (document));
  reply = send_msg (session, &alice, message);
  ack = parse_reply (reply);
  g_assert_cmpstr (json_object_get_string_member (ack, "type"), ==, "ack");
  g_assert_cmpint (json_object_get_int_member (ack, "id"), ==, 7);

  card = trail_document_find_card (document, json_object_get_string_member (ack, "card"));
  g_assert_nonnull (card);
  g_assert_cmpstr (trail_card_get_text (card), ==, "Waits on hold");
  g_assert_cmpint (trail_card_get_evidence (card), ==, TRAIL_EVIDENCE_PROPOSED);
  g_assert_nonnull (strstr (trail_card_get_evidence_note (card), "Alice <script>"));
  lane = trail_document_find_lane (document, trail_card_get_lane_id (card));
  g_assert_cmpint (trail_lane_get_kind (lane), ==, TRAIL_LANE_KIND_PAIN_POINTS);
  g_assert_cmpuint (count_cards (document), ==, before + 1);
  g_assert_cmpuint (trail_session_participant_get_n_cards (alice), ==, 1);

  /* One undo step, named for the participant, removes the card. */
  g_assert_nonnull (strstr (trail_document_get_undo_label (document), "Alice"));
  trail_document_undo (document);
  g_assert_cmpuint (count_cards (document), ==, before);
}

static void
test_add_card_inbox (void)
{
  g_autoptr(TrailDocument) document = new_document ();
  g_autoptr(TrailSession) session = trail_session_new (document);
  TrailSessionParticipant *bob = join (session, "Bob");
  guint n_lanes = g_list_model_get_n_items (trail_document_get_lanes (document));
  g_autofree char *message = NULL;

  trail_session_set_mode (session, TRAIL_SESSION_MODE_INBOX);
  message = g_strdup_printf ("{\"type\":\"add-card\",\"stage\":\"%s\",\"kind\":\"opportunities\","
                             "\"text\":\"Call back\"}", first_stage_id (document));
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *reply = send_msg (session, &bob, message);

      assert_reply (reply, "ack", NULL);
    }

  /* One inbox lane, at the top, holding both cards. */
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_lanes (document)), ==, n_lanes + 1);
  {
    g_autoptr(TrailLane) inbox = g_list_model_get_item (trail_document_get_lanes (document), 0);
    g_autoptr(TrailStage) stage = g_list_model_get_item (trail_document_get_stages (document), 0);
    g_autoptr(GPtrArray) cards = trail_document_get_cell_cards (document, inbox, stage);

    g_assert_cmpuint (cards->len, ==, 2);
    g_assert_nonnull (trail_card_get_details (g_ptr_array_index (cards, 0)));
  }

  /* Back in direct mode, a note goes to a notes lane of the map, never to
   * the inbox (itself a notes lane). */
  trail_session_set_mode (session, TRAIL_SESSION_MODE_DIRECT);
  {
    g_autofree char *note = g_strdup_printf ("{\"type\":\"add-card\",\"stage\":\"%s\",\"kind\":\"notes\","
                                             "\"text\":\"n\"}", first_stage_id (document));
    g_autofree char *reply = send_msg (session, &bob, note);

    /* The blank map has no notes lane of its own. */
    assert_reply (reply, "error", "invalid");
    g_assert_null (strstr (trail_session_get_map_state (session), "\"id\":\"notes\""));
  }

  /* Undoing both takes the lane away too. */
  trail_document_undo (document);
  trail_document_undo (document);
  g_assert_cmpuint (g_list_model_get_n_items (trail_document_get_lanes (document)), ==, n_lanes);
}

static void
test_hostile_messages (void)
{
  g_autoptr(TrailDocument) document = new_document ();
  g_autoptr(TrailSession) session = trail_session_new (document);
  TrailSessionParticipant *nobody = NULL;
  TrailSessionParticipant *eve;
  g_autofree char *long_text = g_strnfill (10000, 'y');
  g_autofree char *huge = g_strnfill (TRAIL_SESSION_MAX_MESSAGE + 10, ' ');
  g_autofree char *serialized_before = NULL;
  g_autoptr(GBytes) before = NULL;
  const char *stage = first_stage_id (document);
  struct {
    const char *text;
    const char *code;
  } cases[] = {
    { "", "malformed" },
    { "{", "malformed" },
    { "[1,2]", "malformed" },
    { "\"join\"", "malformed" },
    { "{\"type\":\"join\",\"name\":\"a\"}{}", "malformed" },
    { "{\"type\":\"drop-tables\"}", "unknown" },
    { "{\"type\":42}", "invalid" },
    { "{\"type\":\"add-card\",\"id\":\"x\"}", "invalid" },
    { "{\"type\":\"add-card\",\"id\":-1}", "invalid" },
    { "{\"type\":\"add-card\",\"stage\":\"nope\",\"kind\":\"notes\",\"text\":\"a\"}", "invalid" },
    { "{\"type\":\"add-card\",\"stage\":\"@S\",\"kind\":\"emotions\",\"text\":\"a\"}", "invalid" },
    { "{\"type\":\"add-card\",\"stage\":\"@S\",\"kind\":\"notes\",\"text\":7}", "invalid" },
    { "{\"type\":\"add-card\",\"stage\":\"@S\",\"kind\":\"notes\",\"text\":\"a\",\"lane\":\"x\"}", "invalid" },
    { "{\"type\":\"add-card\",\"stage\":\"@S\",\"kind\":\"notes\",\"text\":\"bell\\u0007\"}", "invalid" },
    { "{\"type\":\"add-card\",\"stage\":\"@S\",\"kind\":\"notes\",\"text\":\"nul\\u0000\"}", "malformed" },
    { "{\"type\":\"add-card\",\"stage\":\"@S\",\"kind\":\"notes\",\"text\":\"@L\"}", "too-long" },
    { "{\"type\":\"vote\",\"card\":\"nope\",\"delta\":1}", "invalid" },
    { "{\"type\":\"vote\",\"card\":\"nope\",\"delta\":5}", "invalid" },
    { "{\"type\":\"rate\",\"stage\":\"@S\",\"score\":99}", "invalid" },
    { "{\"type\":\"rate\",\"stage\":\"@S\",\"score\":1.5}", "invalid" },
    { "{\"type\":\"rate\",\"stage\":\"@S\",\"score\":1}", "unavailable" },
    { "{\"type\":\"join\",\"name\":\"again\"}", "invalid" },
    { "{\"type\":\"resync\",\"base\":1}", "invalid" },
    { "{\"type\":\"resync\",\"id\":\"1\"}", "invalid" },
    { "{\"type\":\"resync\",\"id\":1.5}", "invalid" },
    { "{\"type\":\"Resync\"}", "unknown" },
    { "{\"type\":\"add-card\",\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}}}", "malformed" },
    { "@H", "malformed" },
  };

  /* Before joining, nothing but join and resume. */
  {
    g_autofree char *reply = send_msg (session, &nobody, "{\"type\":\"add-card\"}");
    assert_reply (reply, "error", "not-joined");
    g_assert_null (nobody);
  }
  {
    g_autofree char *reply = send_msg (session, &nobody, "{\"type\":\"resume\",\"key\":\"00000000000000000000000000000000\"}");
    assert_reply (reply, "error", "not-joined");
  }
  {
    g_autofree char *reply = send_msg (session, &nobody, "{\"type\":\"join\"}");
    assert_reply (reply, "error", "name-needed");
  }
  {
    g_autofree char *reply = send_msg (session, &nobody, "{\"type\":\"join\",\"name\":\"a\\u0001b\"}");
    assert_reply (reply, "error", "invalid");
    g_assert_null (nobody);
  }

  eve = join (session, "Eve");
  before = trail_document_serialize (document);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) text = g_string_new (cases[i].text);
      g_autofree char *reply = NULL;

      g_string_replace (text, "@S", stage, 0);
      g_string_replace (text, "@L", long_text, 0);
      g_string_replace (text, "@H", huge, 0);
      /* The case's own length: the NUL case has a NUL in it. */
      reply = trail_session_receive (session, &eve, text->str, text->len);
      if (g_test_verbose ())
        g_printerr ("%s -> %s\n", cases[i].text, reply);
      assert_reply (reply, "error", cases[i].code);
      /* Each hostile message costs a token: wait them back. */
      g_usleep (G_USEC_PER_SEC / TRAIL_SESSION_RATE);
    }

  /* Nothing changed. */
  {
    g_autoptr(GBytes) after = trail_document_serialize (document);

    g_assert_true (g_bytes_equal (before, after));
    g_assert_false (trail_document_get_can_undo (document));
  }
}

static void
test_flood_and_pause (void)
{
  g_autoptr(TrailDocument) document = new_document ();
  g_autoptr(TrailSession) session = trail_session_new (document);
  TrailSessionParticipant *mallory = join (session, "Mallory");
  g_autofree char *message = g_strdup_printf ("{\"type\":\"add-card\",\"stage\":\"%s\",\"kind\":\"thoughts\","
                                              "\"text\":\"spam\"}", first_stage_id (document));
  guint accepted = 0, limited = 0;
  guint before = count_cards (document);

  for (int i = 0; i < 500; i++)
    {
      g_autofree char *reply = send_msg (session, &mallory, message);

      if (g_str_has_prefix (reply, "{\"type\":\"ack\""))
        accepted++;
      else
        limited++;
    }
  /* The burst gets through, the rest is limited; a second or so of
   * refill at most adds a few. */
  g_assert_cmpuint (accepted, >=, TRAIL_SESSION_BURST);
  g_assert_cmpuint (accepted, <=, TRAIL_SESSION_BURST + 2 * TRAIL_SESSION_RATE);
  g_assert_cmpuint (limited, ==, 500 - accepted);
  g_assert_cmpuint (count_cards (document), ==, before + accepted);

  /* Paused: refused, nothing added. */
  g_usleep (G_USEC_PER_SEC);
  trail_session_set_paused (session, TRUE);
  {
    g_autofree char *reply = send_msg (session, &mallory, message);

    assert_reply (reply, "error", "paused");
    g_assert_cmpuint (count_cards (document), ==, before + accepted);
  }

  /* Removed: the key no longer works. */
  trail_session_set_paused (session, FALSE);
  g_object_ref (mallory);
  trail_session_remove_participant (session, mallory);
  {
    g_autofree char *reply = send_msg (session, &mallory, message);
    TrailSessionParticipant *again = NULL;
    g_autofree char *resume = g_strdup_printf ("{\"type\":\"resume\",\"key\":\"%s\"}",
                                               trail_session_participant_get_key (mallory));
    g_autofree char *resumed = NULL;

    assert_reply (reply, "error", "removed");
    resumed = send_msg (session, &again, resume);
    assert_reply (resumed, "error", "removed");
    g_assert_null (again);
  }
  g_object_unref (mallory);
  g_assert_cmpuint (g_list_model_get_n_items (trail_session_get_participants (session)), ==, 0);
}

static void
count_resync_cb (TrailSession            *session,
                 TrailSessionParticipant *participant,
                 guint                   *n)
{
  (*n)++;
}

/* "resync": only once joined, no field but its id, taken while paused
 * (it is no contribution), rate-limited like every other message, and
 * it changes nothing in the document. */
static void
test_resync_intent (void)
{
  g_autoptr(TrailDocument) document = new_document ();
  g_autoptr(TrailSession) session = trail_session_new (document);
  g_autoptr(GBytes) before = trail_document_serialize (document);
  TrailSessionParticipant *nobody = NULL;
  TrailSessionParticipant *ann;
  guint asked = 0, accepted = 0, limited = 0;

  g_signal_connect (session, "resync-requested", G_CALLBACK (count_resync_cb), &asked);
  {
    g_autofree char *reply = send_msg (session, &nobody, "{\"type\":\"resync\"}");

    assert_reply (reply, "error", "not-joined");
    g_assert_null (nobody);
  }
  ann = join (session, "Ann");
  trail_session_set_paused (session, TRUE);
  {
    g_autofree char *reply = send_msg (session, &ann, "{\"type\":\"resync\",\"id\":3}");
    g_autoptr(JsonObject) object = parse_reply (reply);

    g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "ack");
    g_assert_cmpint (json_object_get_int_member (object, "id"), ==, 3);
    g_assert_cmpuint (asked, ==, 1);
  }
  {
    g_autofree char *reply = send_msg (session, &ann, "{\"type\":\"resync\",\"map\":{}}");

    assert_reply (reply, "error", "invalid");
    g_assert_cmpuint (asked, ==, 1);
  }
  /* A flood of them: the burst, then refused. */
  for (guint i = 0; i < 3 * TRAIL_SESSION_BURST; i++)
    {
      g_autofree char *reply = send_msg (session, &ann, "{\"type\":\"resync\"}");

      if (g_str_has_prefix (reply, "{\"type\":\"ack\""))
        accepted++;
      else
        {
          assert_reply (reply, "error", "rate-limited");
          limited++;
        }
    }
  g_assert_cmpuint (accepted, <=, TRAIL_SESSION_BURST);
  g_assert_cmpuint (limited, >=, 2 * TRAIL_SESSION_BURST);
  g_assert_cmpuint (asked, ==, 1 + accepted);
  {
    g_autoptr(GBytes) after = trail_document_serialize (document);

    g_assert_true (g_bytes_equal (before, after));
    g_assert_false (trail_document_get_can_undo (document));
  }
}

static void
test_room_full_and_anonymous (void)
{
  g_autoptr(TrailDocument) document = new_document ();
  g_autoptr(TrailSession) session = trail_session_new (document);
  TrailSessionParticipant *late = NULL;

  trail_session_set_allow_anonymous (session, TRUE);
  for (guint i = 0; i < TRAIL_SESSION_MAX_PARTICIPANTS; i++)
    {
      TrailSessionParticipant *participant = NULL;
      g_autofree char *reply = send_msg (session, &participant, "{\"type\":\"join\"}");

      assert_reply (reply, "welcome", NULL);
      if (i == 0)
        g_assert_cmpstr (trail_session_participant_get_name (participant), ==, "Participant 1");
    }
  {
    g_autofree char *reply = send_msg (session, &late, "{\"type\":\"join\",\"name\":\"Late\"}");

    assert_reply (reply, "error", "full");
    g_assert_null (late);
  }
}

/* HOOK (issue "Workshop mode"): a stand-in round with a budget of 2,
 * proving the session calls the interface with checked arguments. */
typedef struct { GObject parent; GHashTable *dots; int ratings; } FakeWorkshop;
typedef struct { GObjectClass parent_class; } FakeWorkshopClass;
static void fake_workshop_iface_init (TrailSessionWorkshopInterface *iface);
GType fake_workshop_get_type (void);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeWorkshop, g_object_unref)
G_DEFINE_TYPE_WITH_CODE (FakeWorkshop, fake_workshop, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (TRAIL_TYPE_SESSION_WORKSHOP, fake_workshop_iface_init))

static gboolean
fake_cast_dot (TrailSessionWorkshop *workshop, const char *participant_id, TrailCard *card,
               int delta, GError **error)
{
  FakeWorkshop *self = (FakeWorkshop *) workshop;
  int dots = GPOINTER_TO_INT (g_hash_table_lookup (self->dots, participant_id)) + delta;

  if (dots < 0 || dots > 2)
    {
      g_set_error_literal (error, TRAIL_SESSION_ERROR, TRAIL_SESSION_ERROR_LIMIT, "No dots left.");
      return FALSE;
    }
  g_hash_table_insert (self->dots, g_strdup (participant_id), GINT_TO_POINTER (dots));
  return TRUE;
}

static gboolean
fake_rate_stage (TrailSessionWorkshop *workshop, const char *participant_id, TrailStage *stage,
                 int score, const char *word, GError **error)
{
  ((FakeWorkshop *) workshop)->ratings++;
  return TRUE;
}

static JsonNode *
fake_describe_round (TrailSessionWorkshop *workshop, const char *participant_id)
{
  FakeWorkshop *self = (FakeWorkshop *) workshop;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "remaining");
  json_builder_add_int_value (builder, 2 - GPOINTER_TO_INT (g_hash_table_lookup (self->dots, participant_id)));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
fake_workshop_iface_init (TrailSessionWorkshopInterface *iface)
{
  iface->cast_dot = fake_cast_dot;
  iface->rate_stage = fake_rate_stage;
  iface->describe_round = fake_describe_round;
}

static void
fake_workshop_finalize (GObject *object)
{
  g_hash_table_unref (((FakeWorkshop *) object)->dots);
  G_OBJECT_CLASS (fake_workshop_parent_class)->finalize (object);
}

static void
fake_workshop_class_init (FakeWorkshopClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fake_workshop_finalize;
}

static void
fake_workshop_init (FakeWorkshop *self)
{
  self->dots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
test_workshop_hooks (void)
{
  g_autoptr(TrailDocument) document = new_document ();
  g_autoptr(TrailSession) session = trail_session_new (document);
  g_autoptr(FakeWorkshop) workshop = g_object_new (fake_workshop_get_type (), NULL);
  TrailSessionParticipant *ann = join (session, "Ann");
  g_autofree char *add = g_strdup_printf ("{\"type\":\"add-card\",\"stage\":\"%s\",\"kind\":\"thoughts\","
                                          "\"text\":\"x\"}", first_stage_id (document));
  g_autofree char *added = send_msg (session, &ann, add);
  g_autoptr(JsonObject) ack = parse_reply (added);
  g_autofree char *vote = g_strdup_printf ("{\"type\":\"vote\",\"card\":\"%s\",\"delta\":1}",
                                           json_object_get_string_member (ack, "card"));
  g_autofree char *rate = g_strdup_printf ("{\"type\":\"rate\",\"stage\":\"%s\",\"score\":-2,\"word\":\"slow\"}",
                                           first_stage_id (document));
  g_autofree char *personal = NULL;

  {
    g_autofree char *reply = send_msg (session, &ann, vote);
    assert_reply (reply, "error", "unavailable");
  }

  trail_session_set_workshop (session, TRAIL_SESSION_WORKSHOP (workshop));
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *reply = send_msg (session, &ann, vote);
      assert_reply (reply, i < 2 ? "ack" : "error", i < 2 ? NULL : "limit");
    }
  {
    g_autofree char *reply = send_msg (session, &ann, rate);
    assert_reply (reply, "ack", NULL);
    g_assert_cmpint (workshop->ratings, ==, 1);
  }
  personal = trail_session_dup_personal_state (session, ann);
  g_assert_nonnull (strstr (personal, "\"remaining\":0"));
  trail_session_set_workshop (session, NULL);
}

static char *
add_card_as (TrailSession *session, TrailSessionParticipant **participant, TrailDocument *document)
{
  g_autofree char *add = g_strdup_printf ("{\"type\":\"add-card\",\"stage\":\"%s\",\"kind\":\"thoughts\","
                                          "\"text\":\"vote for me\"}", first_stage_id (document));
  g_autofree char *added = send_msg (session, participant, add);
  g_autoptr(JsonObject) ack = parse_reply (added);

  return g_strdup (json_object_get_string_member (ack, "card"));
}

static guint
count_round_voters (TrailVoteRound *round, TrailDocument *document)
{
  g_autoptr(GPtrArray) voters = trail_vote_round_dup_voters (round, document);

  return voters->len;
}

/* Phones vote in the document's own round: the budget holds, a named
 * voter is claimed by the phone of that name, results stay hidden until
 * the reveal, and the facilitator's undo takes a dot back. */
static void
test_room_voting (void)
{
  g_autoptr(TrailDocument) document = new_document ();
  g_autoptr(TrailSession) session = trail_session_new (document);
  g_autoptr(TrailRoomVoting) voting = trail_room_voting_new (session);
  TrailSessionParticipant *ann = join (session, "Ann");
  TrailSessionParticipant *bob = join (session, "Bob");
  g_autofree char *card_id = add_card_as (session, &ann, document);
  g_autofree char *vote = g_strdup_printf ("{\"type\":\"vote\",\"card\":\"%s\",\"delta\":1}", card_id);
  g_autofree char *unvote = g_strdup_printf ("{\"type\":\"vote\",\"card\":\"%s\",\"delta\":-1}", card_id);
  const char * const names[] = { "Bob", NULL };
  g_autoptr(GError) error = NULL;
  TrailVoteRound *round;
  TrailCard *card = trail_document_find_card (document, card_id);

  trail_session_set_workshop (session, TRAIL_SESSION_WORKSHOP (voting));
  {
    const char *map = trail_session_get_map_state (session);

    g_assert_nonnull (strstr (map, "\"voting\":true"));
    g_assert_nonnull (strstr (map, "\"rating\":true"));
  }
  {
    g_autofree char *reply = send_msg (session, &ann, vote);
    assert_reply (reply, "error", "unavailable");
  }

  round = trail_document_add_vote_round (document, "Which hurts most?", NULL, 2, names, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_round_voters (round, document), ==, 1);

  for (int i = 0; i < 3; i++)
    {
      g_autofree char *reply = send_msg (session, &ann, vote);
      assert_reply (reply, i < 2 ? "ack" : "error", i < 2 ? NULL : "limit");
    }
  /* Ann was not on the facilitator's list: she joined the round. */
  g_assert_cmpuint (count_round_voters (round, document), ==, 2);
  {
    g_autofree char *personal = trail_session_dup_personal_state (session, ann);
    g_autofree char *mine = g_strdup_printf ("\"mine\":{\"%s\":2}", card_id);

    g_assert_nonnull (strstr (personal, "\"remaining\":0"));
    g_assert_nonnull (strstr (personal, mine));
    g_assert_nonnull (strstr (personal, "Which hurts most?"));
    g_assert_null (strstr (personal, "\"results\""));
  }

  /* Bob's phone votes as the Bob the facilitator listed. */
  {
    g_autofree char *reply = send_msg (session, &bob, vote);
    assert_reply (reply, "ack", NULL);
  }
  g_assert_cmpuint (count_round_voters (round, document), ==, 2);
  g_assert_cmpuint (trail_document_count_card_dots (document, card), ==, 0);

  /* Taking back: one dot, another, then nothing left to take. */
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *reply = send_msg (session, &ann, unvote);
      assert_reply (reply, i < 2 ? "ack" : "error", i < 2 ? NULL : "invalid");
    }
  /* The facilitator's undo puts Ann's last dot back. */
  trail_document_undo (document);
  {
    g_autofree char *personal = trail_session_dup_personal_state (session, ann);
    g_assert_nonnull (strstr (personal, "\"remaining\":1"));
  }

  trail_document_reveal_vote_round (document, round, TRUE);
  g_assert_cmpuint (trail_document_count_card_dots (document, card), ==, 2);
  {
    g_autofree char *personal = trail_session_dup_personal_state (session, ann);
    g_autofree char *results = g_strdup_printf ("\"results\":{\"%s\":2}", card_id);
    g_autofree char *reply = send_msg (session, &ann, vote);

    g_assert_nonnull (strstr (personal, results));
    g_assert_nonnull (strstr (personal, "\"remaining\":0"));
    /* A revealed round takes no more dots. */
    assert_reply (reply, "error", "unavailable");
  }
  trail_session_set_workshop (session, NULL);
}

static gint64 fake_now;

static gint64
fake_clock (gpointer user_data)
{
  return fake_now;
}

static void
count_changed_cb (TrailSessionWorkshop *workshop, guint *n)
{
  (*n)++;
}

static JsonObject *
personal_room (TrailSession *session, TrailSessionParticipant *participant)
{
  g_autofree char *personal = trail_session_dup_personal_state (session, participant);
  g_autoptr(JsonObject) object = parse_reply (personal);
  JsonNode *room = json_object_get_member (object, "room");

  return JSON_NODE_HOLDS_OBJECT (room) ? json_object_ref (json_node_get_object (room)) : NULL;
}

/* The timer and the stage presented, as the phones see them: the phones
 * are told when the timer starts, pauses, jumps or stops — not on every
 * second, which they count themselves. */
static void
test_room_timer_and_stage (void)
{
  g_autoptr(TrailDocument) document = new_document ();
  g_autoptr(TrailSession) session = trail_session_new (document);
  g_autoptr(TrailRoomVoting) room = trail_room_voting_new (session);
  g_autoptr(TrailTimer) timer = NULL;
  TrailSessionParticipant *ann = join (session, "Ann");
  g_autofree char *stage_id = g_strdup (first_stage_id (document));
  guint changed = 0;

  fake_now = 1000 * G_USEC_PER_SEC;
  timer = trail_timer_new_with_clock (fake_clock, NULL);
  trail_session_set_workshop (session, TRAIL_SESSION_WORKSHOP (room));
  g_signal_connect (room, "changed", G_CALLBACK (count_changed_cb), &changed);
  g_assert_null (personal_room (session, ann));

  trail_room_voting_set_timer (room, timer);
  /* A stopped timer is no timer to the phones. */
  g_assert_null (personal_room (session, ann));
  changed = 0;

  trail_timer_start (timer, 125);
  g_assert_cmpuint (changed, >=, 1);
  {
    g_autoptr(JsonObject) object = personal_room (session, ann);
    JsonObject *t = json_object_get_object_member (object, "timer");

    g_assert_cmpint (json_object_get_int_member (t, "remaining"), ==, 125);
    g_assert_true (json_object_get_boolean_member (t, "running"));
    g_assert_true (json_object_get_null_member (object, "stage"));
  }

  /* Thirty seconds tick by: no news for the phones. */
  changed = 0;
  for (int i = 0; i < 30; i++)
    {
      fake_now += G_USEC_PER_SEC;
      trail_timer_update (timer);
    }
  g_assert_cmpuint (changed, ==, 0);

  /* Started again at the same length: a jump the phones must hear of. */
  trail_timer_start (timer, 125);
  g_assert_cmpuint (changed, ==, 1);
  changed = 0;
  trail_timer_add_minute (timer);
  g_assert_cmpuint (changed, >=, 1);
  changed = 0;
  trail_timer_toggle_pause (timer);
  g_assert_cmpuint (changed, >=, 1);
  {
    g_autoptr(JsonObject) object = personal_room (session, ann);
    JsonObject *t = json_object_get_object_member (object, "timer");

    g_assert_cmpint (json_object_get_int_member (t, "remaining"), ==, 185);
    g_assert_false (json_object_get_boolean_member (t, "running"));
  }

  /* Presenting: the stage; a stage removed meanwhile is no stage. */
  changed = 0;
  trail_room_voting_set_presented_stage (room, stage_id);
  g_assert_cmpuint (changed, ==, 1);
  {
    g_autoptr(JsonObject) object = personal_room (session, ann);

    g_assert_cmpstr (json_object_get_string_member (object, "stage"), ==, stage_id);
  }
  trail_timer_stop (timer);
  {
    g_autoptr(JsonObject) object = personal_room (session, ann);

    g_assert_true (json_object_get_null_member (object, "timer"));
    g_assert_cmpstr (json_object_get_string_member (object, "stage"), ==, stage_id);
  }
  trail_room_voting_set_presented_stage (room, "no-such-stage");
  g_assert_null (personal_room (session, ann));
  trail_room_voting_set_presented_stage (room, NULL);

  /* Off with the session: the timer keeps no handler on a gone room. */
  trail_room_voting_set_timer (room, NULL);
  changed = 0;
  trail_timer_start (timer, 10);
  g_assert_cmpuint (changed, ==, 0);
  trail_session_set_workshop (session, NULL);
}

static void
test_qr (void)
{
  g_autoptr(GBytes) modules = NULL;
  guint width = 0;
  const guint8 *data;

  modules = trail_session_qr_encode ("http://192.168.1.20:41234/s/0123456789abcdef0123456789abcdef/", &width);
  g_assert_nonnull (modules);
  g_assert_cmpuint (width, >=, 21);
  g_assert_cmpuint (g_bytes_get_size (modules), ==, width * width);
  data = g_bytes_get_data (modules, NULL);
  /* The finder pattern's corner is dark, its inner ring light. */
  g_assert_cmpint (data[0], ==, 1);
  g_assert_cmpint (data[width + 1], ==, 0);
}

/* ---- The server, over the network ------------------------------------- */

typedef struct
{
  SoupWebsocketConnection *ws;
  GPtrArray               *received;  /* char * */
  gboolean                 closed;
  gboolean                 failed;
} Client;

static void
on_client_message_cb (SoupWebsocketConnection *ws, int type, GBytes *message, Client *client)
{
  g_ptr_array_add (client->received, g_strndup (g_bytes_get_data (message, NULL), g_bytes_get_size (message)));
}

static void
on_client_closed_cb (SoupWebsocketConnection *ws, Client *client)
{
  client->closed = TRUE;
}

static void
on_client_connected_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Client *client = user_data;
  g_autoptr(GError) error = NULL;

  client->ws = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  if (client->ws == NULL)
    {
      client->failed = TRUE;
      return;
    }
  g_signal_connect (client->ws, "message", G_CALLBACK (on_client_message_cb), client);
  g_signal_connect (client->ws, "closed", G_CALLBACK (on_client_closed_cb), client);
}

static Client *
client_new (SoupSession *soup, const char *join_url)
{
  Client *client = g_new0 (Client, 1);
  g_autofree char *ws_url = g_strconcat (join_url, "ws", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", ws_url);

  client->received = g_ptr_array_new_with_free_func (g_free);
  soup_session_websocket_connect_async (soup, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        on_client_connected_cb, client);
  return client;
}

static void
client_free (Client *client)
{
  if (client->ws != NULL && soup_websocket_connection_get_state (client->ws) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (client->ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_clear_object (&client->ws);
  g_ptr_array_unref (client->received);
  g_free (client);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  g_error ("timed out waiting: %s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

#define WAIT_UNTIL(cond) G_STMT_START { \
    guint _timeout = g_timeout_add_seconds (30, on_timeout_cb, (gpointer) #cond); \
    while (!(cond)) g_main_context_iteration (NULL, TRUE); \
    g_source_remove (_timeout); \
  } G_STMT_END

static guint
count_received (Client *client, const char *prefix)
{
  guint n = 0;

  for (guint i = 0; i < client->received->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (client->received, i), prefix))
      n++;
  return n;
}

typedef struct
{
  GBytes  *body;
  gboolean done;
} HttpResult;

static void
on_http_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  HttpResult *http = user_data;
  g_autoptr(GError) error = NULL;

  http->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
  http->done = TRUE;
}

/* The server runs in this thread's main loop: the request is async. */
static guint
http_get (SoupSession *soup, const char *url, const char *method, char **csp, GBytes **body)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  HttpResult http = { NULL, FALSE };

  if (msg == NULL)
    return 0;
  if (g_str_equal (method, "POST"))
    {
      g_autoptr(GBytes) request = g_bytes_new_static ("0123456789", 10);

      soup_message_set_request_body_from_bytes (msg, "text/plain", request);
    }
  soup_session_send_and_read_async (soup, msg, G_PRIORITY_DEFAULT, NULL, on_http_done_cb, &http);
  WAIT_UNTIL (http.done);
  if (csp != NULL)
    *csp = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                   "Content-Security-Policy"));
  if (body != NULL)
    *body = g_steal_pointer (&http.body);
  g_clear_pointer (&http.body, g_bytes_unref);
  return soup_message_get_status (msg);
}

static void
test_server_http (void)
{
  g_autoptr(TrailDocument) document = new_document ();
  g_autoptr(TrailSession) session = trail_session_new (document);
  g_autoptr(TrailSessionServer) server = trail_session_server_new (session);
  g_autoptr(SoupSession) soup = soup_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csp = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GBytes) page = NULL;
  const char *url;
  guint port;

  g_assert_true (trail_session_server_start (server, "127.0.0.1", &error));
  g_assert_no_error (error);
  url = trail_session_server_get_join_urls (server)[0];
  port = trail_session_server_get_port (server);
  g_assert_cmpuint (port, >, 0);
  base = g_strdup_printf ("http://127.0.0.1:%u", port);

  g_assert_cmpuint (http_get (soup, url, "GET", &csp, &page), ==, 200);
  g_assert_nonnull (strstr (csp, "script-src 'self'"));
  g_assert_null (strstr (csp, "unsafe"));
  /* Every placeholder filled. */
  g_assert_null (g_strstr_len (g_bytes_get_data (page, NULL), g_bytes_get_size (page), "@@"));
  {
    g_autofree char *js = g_strconcat (url, "room.js", NULL);
    g_autofree char *strings = g_strconcat (url, "strings.json", NULL);

    g_assert_cmpuint (http_get (soup, js, "GET", NULL, NULL), ==, 200);
    g_assert_cmpuint (http_get (soup, strings, "GET", NULL, NULL), ==, 200);
  }

  /* Wrong or missing token, other paths, traversal, a body: refused. */
  {
    const char *forbidden[] = {
      "/", "/index.html", "/s/", "/s/00000000000000000000000000000000/",
      "/s/00000000000000000000000000000000/ws", "/etc/passwd",
    };
    for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
      {
        g_autofree char *u = g_strconcat (base, forbidden[i], NULL);
        g_autoptr(GBytes) body = NULL;

        g_assert_cmpuint (http_get (soup, u, "GET", NULL, &body), ==, 403);
        g_assert_cmpuint (g_bytes_get_size (body), ==, 0);
      }
  }
  {
    const char *not_found[] = { "..%2f..%2fetc%2fpasswd", "%2e%2e/%2e%2e/etc/passwd", "room.js%2f..%2f..",
                                "index.html", "../../../../etc/passwd" };
    for (guint i = 0; i < G_N_ELEMENTS (not_found); i++)
      {
        g_autofree char *u = g_strconcat (url, not_found[i], NULL);
        g_autoptr(GBytes) body = NULL;
        guint status = http_get (soup, u, "GET", NULL, &body);

        /* Never a file: 400 (libsoup refuses it), 403 (out of the token’s path) or 404. */
        if (g_test_verbose ()) g_printerr ("%s -> %u\n", not_found[i], status);
        g_assert_true (status == 400 || status == 403 || status == 404);
        if (g_bytes_get_size (body) > 0)
          g_assert_null (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "root:"));
      }
  }
  g_assert_cmpuint (http_get (soup, url, "POST", NULL, NULL), ==, 403);

  /* Stopped: the port is closed. */
  trail_session_server_stop (server);
  g_assert_false (trail_session_server_get_running (server));
  {
    g_autoptr(GSocketClient) tcp = g_socket_client_new ();
    g_autoptr(GSocketConnection) connection = NULL;

    connection = g_socket_client_connect_to_host (tcp, "127.0.0.1", port, NULL, &error);
    g_assert_null (connection);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  }
}

static gboolean client_is_current (Client *client, TrailSession *session);

#define N_CLIENTS 12
#define N_CARDS_EACH 8

static void
test_server_clients (void)
{
  g_autoptr(TrailDocument) document = new_document ();
  g_autoptr(TrailSession) session = trail_session_new (document);
  g_autoptr(TrailSessionServer) server = trail_session_server_new (session);
  g_autoptr(SoupSession) soup = soup_session_new_with_options ("max-conns", 100, "max-conns-per-host", 100, NULL);
  g_autoptr(GError) error = NULL;
  Client *clients[N_CLIENTS];
  Client *big, *rude, *stranger;
  const char *url;
  guint before = count_cards (document);

  g_assert_true (trail_session_server_start (server, "127.0.0.1", &error));
  url = trail_session_server_get_join_urls (server)[0];

  for (guint i = 0; i < N_CLIENTS; i++)
    clients[i] = client_new (soup, url);
  for (guint i = 0; i < N_CLIENTS; i++)
    WAIT_UNTIL (clients[i]->ws != NULL || clients[i]->failed);

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autofree char *message = g_strdup_printf ("{\"type\":\"join\",\"name\":\"Client %u\"}", i);

      g_assert_false (clients[i]->failed);
      soup_websocket_connection_send_text (clients[i]->ws, message);
    }
  for (guint i = 0; i < N_CLIENTS; i++)
    WAIT_UNTIL (count_received (clients[i], "{\"type\":\"map\"") > 0);
  g_assert_cmpuint (g_list_model_get_n_items (trail_session_get_participants (session)), ==, N_CLIENTS);

  /* All at once, interleaved. */
  for (guint n = 0; n < N_CARDS_EACH; n++)
    for (guint i = 0; i < N_CLIENTS; i++)
      {
        g_autofree char *message = g_strdup_printf ("{\"type\":\"add-card\",\"id\":%u,\"stage\":\"%s\","
                                                    "\"kind\":\"thoughts\",\"text\":\"client %u card %u\"}",
                                                    n, first_stage_id (document), i, n);

        soup_websocket_connection_send_text (clients[i]->ws, message);
      }
  for (guint i = 0; i < N_CLIENTS; i++)
    WAIT_UNTIL (count_received (clients[i], "{\"type\":\"ack\"") == N_CARDS_EACH);
  g_assert_cmpuint (count_cards (document), ==, before + N_CLIENTS * N_CARDS_EACH);
  /* Each card exactly once. */
  for (guint i = 0; i < N_CLIENTS; i++)
    for (guint n = 0; n < N_CARDS_EACH; n++)
      {
        g_autofree char *text = g_strdup_printf ("client %u card %u", i, n);
        guint found = 0;

        for (guint c = 0; c < count_cards (document); c++)
          {
            g_autoptr(TrailCard) card = g_list_model_get_item (trail_document_get_cards (document), c);

            if (g_str_equal (trail_card_get_text (card), text))
              found++;
          }
        g_assert_cmpuint (found, ==, 1);
      }
  /* The pushed state lists the new cards: each client's copy, made from
   * the map and the deltas after it, is the session's map. */
  for (guint i = 0; i < N_CLIENTS; i++)
    WAIT_UNTIL (client_is_current (clients[i], session));

  /* An oversized message closes that connection only. */
  big = client_new (soup, url);
  WAIT_UNTIL (big->ws != NULL);
  {
    g_autofree char *huge = g_strnfill (TRAIL_SESSION_MAX_MESSAGE * 4, 'x');

    soup_websocket_connection_send_text (big->ws, huge);
    WAIT_UNTIL (big->closed);
  }

  /* Garbage before joining: a few errors, then the door. */
  rude = client_new (soup, url);
  WAIT_UNTIL (rude->ws != NULL);
  for (int i = 0; i < 10; i++)
    soup_websocket_connection_send_text (rude->ws, "<script>alert(1)</script>");
  WAIT_UNTIL (rude->closed);
  g_assert_cmpuint (count_received (rude, "{\"type\":\"error\",\"code\":\"malformed\""), >=, 1);

  /* A stranger's origin is refused. */
  stranger = g_new0 (Client, 1);
  stranger->received = g_ptr_array_new_with_free_func (g_free);
  {
    g_autofree char *ws_url = g_strconcat (url, "ws", NULL);
    g_autoptr(SoupMessage) msg = soup_message_new ("GET", ws_url);

    soup_session_websocket_connect_async (soup, msg, "http://evil.example", NULL, G_PRIORITY_DEFAULT,
                                          NULL, on_client_connected_cb, stranger);
    WAIT_UNTIL (stranger->failed || (stranger->ws != NULL && stranger->closed));
  }

  /* A participant that vanishes mid-message (a frame header promising
   * more than comes, then the socket closes). */
  {
    g_autoptr(GSocketClient) tcp = g_socket_client_new ();
    g_autoptr(GSocketConnection) raw = NULL;
    g_autofree char *request = NULL;
    g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
    GOutputStream *out;
    const guint8 partial[] = { 0x81, 0xFE, 0x10, 0x00, 1, 2, 3, 4, 'a', 'b' };
    char response[512];
    guint connections = trail_session_server_get_n_connections (server);

    raw = g_socket_client_connect_to_host (tcp, "127.0.0.1", trail_session_server_get_port (server), NULL, &error);
    g_assert_no_error (error);
    request = g_strdup_printf ("GET %sws HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nUpgrade: websocket\r\n"
                               "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                               "Sec-WebSocket-Version: 13\r\n\r\n",
                               g_uri_get_path (uri), trail_session_server_get_port (server));
    out = g_io_stream_get_output_stream (G_IO_STREAM (raw));
    g_output_stream_write_all (out, request, strlen (request), NULL, NULL, &error);
    g_assert_no_error (error);
    WAIT_UNTIL (trail_session_server_get_n_connections (server) > connections);
    g_output_stream_write_all (out, partial, sizeof partial, NULL, NULL, &error);
    g_assert_no_error (error);
    (void) response;
    g_io_stream_close (G_IO_STREAM (raw), NULL, NULL);
    WAIT_UNTIL (trail_session_server_get_n_connections (server) == connections);
  }

  /* Removing a participant closes its connection; the others go on. */
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autoptr(TrailSessionParticipant) participant =
        g_list_model_get_item (trail_session_get_participants (session), i);

      if (g_str_equal (trail_session_participant_get_name (participant), "Client 0"))
        {
          trail_session_remove_participant (session, participant);
          break;
        }
    }
  WAIT_UNTIL (clients[0]->closed);
  g_assert_false (clients[1]->closed);
  {
    g_autofree char *message = g_strdup_printf ("{\"type\":\"add-card\",\"id\":99,\"stage\":\"%s\","
                                                "\"kind\":\"thoughts\",\"text\":\"still here\"}",
                                                first_stage_id (document));
    soup_websocket_connection_send_text (clients[1]->ws, message);
    WAIT_UNTIL (count_received (clients[1], "{\"type\":\"ack\",\"id\":99") == 1);
  }

  /* Ending the session tells everyone and closes their connections. */
  trail_session_server_stop (server);
  for (guint i = 1; i < N_CLIENTS; i++)
    {
      WAIT_UNTIL (clients[i]->closed);
      g_assert_cmpuint (count_received (clients[i], "{\"type\":\"ended\""), ==, 1);
    }

  for (guint i = 0; i < N_CLIENTS; i++)
    client_free (clients[i]);
  client_free (big);
  client_free (rude);
  client_free (stranger);
}

static void
send_vote (Client *client, int id, const char *card_id)
{
  g_autofree char *message = g_strdup_printf ("{\"type\":\"vote\",\"id\":%d,\"card\":\"%s\",\"delta\":1}",
                                              id, card_id);

  soup_websocket_connection_send_text (client->ws, message);
}

/* The vote path over the network: two real WebSocket clients in one
 * round; the pushed "you" carries each one's own dots and no results
 * until the facilitator reveals them. */
static void
test_server_voting (void)
{
  g_autoptr(TrailDocument) document = new_document ();
  g_autoptr(TrailSession) session = trail_session_new (document);
  g_autoptr(TrailRoomVoting) voting = trail_room_voting_new (session);
  g_autoptr(TrailSessionServer) server = trail_session_server_new (session);
  g_autoptr(SoupSession) soup = soup_session_new ();
  g_autoptr(GError) error = NULL;
  TrailSessionParticipant *host = NULL;
  g_autofree char *card_id = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *results = NULL;
  TrailVoteRound *round;
  Client *clients[2];
  const char *url;

  trail_session_set_workshop (session, TRAIL_SESSION_WORKSHOP (voting));
  host = join (session, "Host");
  card_id = add_card_as (session, &host, document);

  g_assert_true (trail_session_server_start (server, "127.0.0.1", &error));
  url = trail_session_server_get_join_urls (server)[0];
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *message = g_strdup_printf ("{\"type\":\"join\",\"name\":\"Phone %u\"}", i);

      clients[i] = client_new (soup, url);
      WAIT_UNTIL (clients[i]->ws != NULL || clients[i]->failed);
      g_assert_false (clients[i]->failed);
      soup_websocket_connection_send_text (clients[i]->ws, message);
      WAIT_UNTIL (count_received (clients[i], "{\"type\":\"welcome\"") == 1);
    }

  /* No round yet: refused, with a message for the phone. */
  {
    send_vote (clients[0], 1, card_id);
    WAIT_UNTIL (count_received (clients[0], "{\"type\":\"error\",\"id\":1") == 1);
  }

  round = trail_document_add_vote_round (document, NULL, NULL, 1, NULL, 1, &error);
  g_assert_no_error (error);
  send_vote (clients[0], 2, card_id);
  send_vote (clients[0], 3, card_id);
  WAIT_UNTIL (count_received (clients[0], "{\"type\":\"ack\",\"id\":2") == 1);
  /* Over the budget of one. */
  WAIT_UNTIL (count_received (clients[0], "{\"type\":\"error\",\"id\":3,\"code\":\"limit\"") == 1);
  {
    send_vote (clients[1], 4, card_id);
    WAIT_UNTIL (count_received (clients[1], "{\"type\":\"ack\",\"id\":4") == 1);
  }
  /* One anonymous voter from the start, plus the two phones. */
  {
    g_autoptr(GPtrArray) voters = trail_vote_round_dup_voters (round, document);
    g_assert_cmpuint (voters->len, ==, 3);
  }

  mine = g_strdup_printf ("\"mine\":{\"%s\":1}", card_id);
  results = g_strdup_printf ("\"results\":{\"%s\":2}", card_id);
  for (guint i = 0; i < 2; i++)
    {
      WAIT_UNTIL (strstr (g_ptr_array_index (clients[i]->received, clients[i]->received->len - 1), mine) != NULL);
      for (guint m = 0; m < clients[i]->received->len; m++)
        g_assert_null (strstr (g_ptr_array_index (clients[i]->received, m), "\"results\""));
    }

  trail_document_reveal_vote_round (document, round, TRUE);
  for (guint i = 0; i < 2; i++)
    WAIT_UNTIL (strstr (g_ptr_array_index (clients[i]->received, clients[i]->received->len - 1), results) != NULL);

  trail_session_server_stop (server);
  for (guint i = 0; i < 2; i++)
    {
      WAIT_UNTIL (clients[i]->closed);
      client_free (clients[i]);
    }
  trail_session_set_workshop (session, NULL);
}

static void
send_rate (Client *client, int id, const char *stage_id, int score, const char *extra)
{
  g_autofree char *message = g_strdup_printf ("{\"type\":\"rate\",\"id\":%d,\"stage\":\"%s\",\"score\":%d%s}",
                                              id, stage_id, score, extra != NULL ? extra : "");

  soup_websocket_connection_send_text (client->ws, message);
}

static const char *
last_received (Client *client, const char *prefix)
{
  for (guint i = client->received->len; i > 0; i--)
    if (g_str_has_prefix (g_ptr_array_index (client->received, i - 1), prefix))
      return g_ptr_array_index (client->received, i - 1);
  return NULL;
}

/* Whether the last "you" pushed to @client tells exactly @expected as
 * its ratings. */
static gboolean
pushed_ratings_are (Client *client, const char *expected)
{
  const char *you = last_received (client, "{\"type\":\"you\"");
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *ratings = NULL;

  if (you == NULL)
    return FALSE;
  object = parse_reply (you);
  json_generator_set_root (generator, json_object_get_member (object, "ratings"));
  ratings = json_generator_to_data (generator, NULL);
  return g_str_equal (ratings, expected);
}

static guint
count_ratings (TrailDocument *document, TrailStage *stage)
{
  g_autoptr(GPtrArray) ratings = trail_document_dup_stage_ratings (document, stage);

  return ratings->len;
}

/* Ratings over the network, from two real WebSocket clients: a rating,
 * a re-rating that replaces it, a score off the scale refused, no way to
 * reach another participant's rating, and the facilitator's undo. */
static void
test_server_rating (void)
{
  g_autoptr(TrailDocument) document = new_document ();
  g_autoptr(TrailSession) session = trail_session_new (document);
  g_autoptr(TrailRoomVoting) room = trail_room_voting_new (session);
  g_autoptr(TrailSessionServer) server = trail_session_server_new (session);
  g_autoptr(SoupSession) soup = soup_session_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailStage) stage = g_list_model_get_item (trail_document_get_stages (document), 0);
  g_autoptr(TrailStage) second = g_list_model_get_item (trail_document_get_stages (document), 1);
  const char *stage_id = trail_stage_get_id (stage);
  int min = trail_document_get_scale_min (document);
  int max = trail_document_get_scale_max (document);
  g_autofree char *ann_key = NULL;
  g_autofree char *expected = NULL;
  Client *clients[2];
  const char *url;

  trail_session_set_workshop (session, TRAIL_SESSION_WORKSHOP (room));
  g_assert_true (trail_session_server_start (server, "127.0.0.1", &error));
  url = trail_session_server_get_join_urls (server)[0];
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *message = g_strdup_printf ("{\"type\":\"join\",\"name\":\"%s\"}", i == 0 ? "Ann" : "Bob");

      clients[i] = client_new (soup, url);
      WAIT_UNTIL (clients[i]->ws != NULL || clients[i]->failed);
      g_assert_false (clients[i]->failed);
      soup_websocket_connection_send_text (clients[i]->ws, message);
      WAIT_UNTIL (count_received (clients[i], "{\"type\":\"welcome\"") == 1);
    }
  WAIT_UNTIL (last_received (clients[0], "{\"type\":\"map\"") != NULL);
  g_assert_nonnull (strstr (last_received (clients[0], "{\"type\":\"map\""), "\"rating\":true"));

  /* Ann rates the first stage: one "Rate Stage" step, her name on it. */
  send_rate (clients[0], 1, stage_id, min, ",\"word\":\"lost\"");
  WAIT_UNTIL (count_received (clients[0], "{\"type\":\"ack\",\"id\":1") == 1);
  {
    g_autoptr(GPtrArray) ratings = trail_document_dup_stage_ratings (document, stage);
    TrailRating *rating;

    g_assert_cmpuint (ratings->len, ==, 1);
    rating = ratings->pdata[0];
    g_assert_cmpstr (trail_rating_get_name (rating), ==, "Ann");
    g_assert_cmpint (trail_rating_get_score (rating), ==, min);
    g_assert_cmpstr (trail_rating_get_word (rating), ==, "lost");
    g_assert_true (g_str_has_prefix (trail_rating_get_participant (rating), "p1@"));
    ann_key = g_strdup (trail_rating_get_participant (rating));
    g_assert_cmpstr (trail_document_get_undo_label (document), ==, "Rate Stage");
  }
  expected = g_strdup_printf ("{\"%s\":{\"score\":%d,\"word\":\"lost\"}}", stage_id, min);
  WAIT_UNTIL (pushed_ratings_are (clients[0], expected));

  /* Re-rating replaces: still one rating of hers, the new score, no word. */
  send_rate (clients[0], 2, stage_id, max, NULL);
  WAIT_UNTIL (count_received (clients[0], "{\"type\":\"ack\",\"id\":2") == 1);
  g_assert_cmpuint (count_ratings (document, stage), ==, 1);
  g_assert_cmpint (trail_rating_get_score (trail_document_find_rating (document, stage, ann_key)), ==, max);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("{\"%s\":{\"score\":%d}}", stage_id, max);
  WAIT_UNTIL (pushed_ratings_are (clients[0], expected));

  /* Off the scale, either side: refused, nothing changed. */
  send_rate (clients[0], 3, stage_id, max + 1, NULL);
  send_rate (clients[0], 4, stage_id, min - 1, NULL);
  WAIT_UNTIL (count_received (clients[0], "{\"type\":\"error\",\"id\":4,\"code\":\"invalid\"") == 1);
  g_assert_cmpuint (count_received (clients[0], "{\"type\":\"error\",\"id\":3,\"code\":\"invalid\""), ==, 1);
  g_assert_cmpint (trail_rating_get_score (trail_document_find_rating (document, stage, ann_key)), ==, max);

  /* Bob cannot name Ann's rating; his own is his, beside hers. */
  {
    g_autofree char *extra = g_strdup_printf (",\"participant\":\"%s\"", ann_key);

    send_rate (clients[1], 5, stage_id, min, extra);
    WAIT_UNTIL (count_received (clients[1], "{\"type\":\"error\",\"id\":5,\"code\":\"invalid\"") == 1);
  }
  send_rate (clients[1], 6, stage_id, min, ",\"word\":\"fine\"");
  WAIT_UNTIL (count_received (clients[1], "{\"type\":\"ack\",\"id\":6") == 1);
  send_rate (clients[1], 7, trail_stage_get_id (second), 0, NULL);
  WAIT_UNTIL (count_received (clients[1], "{\"type\":\"ack\",\"id\":7") == 1);
  g_assert_cmpuint (count_ratings (document, stage), ==, 2);
  g_assert_cmpint (trail_rating_get_score (trail_document_find_rating (document, stage, ann_key)), ==, max);
  g_assert_null (trail_rating_get_word (trail_document_find_rating (document, stage, ann_key)));
  /* Each phone is told its own ratings only. */
  WAIT_UNTIL (pushed_ratings_are (clients[0], expected));
  g_assert_null (strstr (last_received (clients[0], "{\"type\":\"you\""), "fine"));

  /* The facilitator's undo takes Bob's last rating back, then his first;
   * Ann's stays. */
  trail_document_undo (document);
  g_assert_cmpuint (count_ratings (document, second), ==, 0);
  trail_document_undo (document);
  g_assert_cmpuint (count_ratings (document, stage), ==, 1);
  WAIT_UNTIL (pushed_ratings_are (clients[1], "{}"));
  /* …and the next undo puts Ann's first rating back in place of her
   * re-rating. */
  trail_document_undo (document);
  g_assert_cmpint (trail_rating_get_score (trail_document_find_rating (document, stage, ann_key)), ==, min);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("{\"%s\":{\"score\":%d,\"word\":\"lost\"}}", stage_id, min);
  WAIT_UNTIL (pushed_ratings_are (clients[0], expected));

  trail_session_server_stop (server);
  for (guint i = 0; i < 2; i++)
    {
      WAIT_UNTIL (clients[i]->closed);
      client_free (clients[i]);
    }
  trail_session_set_workshop (session, NULL);
}

/* Ratings are kept per session: a second session's "p1" is someone else,
 * and does not re-rate for the first one's. */
static void
test_rating_sessions (void)
{
  g_autoptr(TrailDocument) document = new_document ();
  g_autoptr(TrailStage) stage = g_list_model_get_item (trail_document_get_stages (document), 0);
  g_autofree char *rate = g_strdup_printf ("{\"type\":\"rate\",\"stage\":\"%s\",\"score\":1}",
                                           trail_stage_get_id (stage));

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(TrailSession) session = trail_session_new (document);
      g_autoptr(TrailRoomVoting) room = trail_room_voting_new (session);
      TrailSessionParticipant *ann = NULL;
      g_autofree char *reply = NULL;

      trail_session_set_workshop (session, TRAIL_SESSION_WORKSHOP (room));
      ann = join (session, "Ann");
      g_assert_cmpstr (trail_session_participant_get_id (ann), ==, "p1");
      reply = send_msg (session, &ann, rate);
      assert_reply (reply, "ack", NULL);
      trail_session_set_workshop (session, NULL);
    }
  g_assert_cmpuint (count_ratings (document, stage), ==, 2);
}

/* ---- Map deltas --------------------------------------------------------- */

/* Applies a "map-delta" to a copy of the map as room.js does: the cards
 * removed and the cards sent taken out, then each card sent put in at its
 * index, stage by stage, in increasing index; the stages' sizes checked.
 * FALSE when its base is not the copy's revision (the page would then ask
 * for the map again). */
static gboolean
apply_delta (JsonObject *map,
             JsonObject *delta)
{
  JsonArray *stages = json_object_get_array_member (map, "stages");
  JsonArray *removed = json_object_get_array_member (delta, "removed");
  JsonArray *sent = json_object_get_array_member (delta, "cards");
  JsonArray *sizes = json_object_get_array_member (delta, "sizes");
  g_autoptr(GHashTable) gone = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  guint n_stages = json_array_get_length (stages);

  if (json_object_get_int_member (delta, "base") != json_object_get_int_member (map, "revision"))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (removed); i++)
    g_hash_table_add (gone, (gpointer) json_array_get_string_element (removed, i));
  for (guint i = 0; i < json_array_get_length (sent); i++)
    g_hash_table_add (gone, (gpointer) json_object_get_string_member (json_array_get_object_element (sent, i), "id"));

  for (guint s = 0; s < n_stages; s++)
    {
      JsonArray *cards = json_object_get_array_member (json_array_get_object_element (stages, s), "cards");
      GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

      for (guint c = 0; c < json_array_get_length (cards); c++)
        {
          JsonNode *card = json_array_get_element (cards, c);

          if (!g_hash_table_contains (gone, json_object_get_string_member (json_node_get_object (card), "id")))
            g_ptr_array_add (list, json_node_copy (card));
        }
      g_ptr_array_add (lists, list);
    }

  /* The app sends them stage by stage in increasing index. */
  for (guint i = 0; i < json_array_get_length (sent); i++)
    {
      JsonObject *card = json_array_get_object_element (sent, i);
      const char *stage_id = json_object_get_string_member (card, "stage");
      gint64 index = json_object_get_int_member (card, "index");
      JsonObject *copy = json_object_new ();
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);
      GPtrArray *list = NULL;

      for (guint s = 0; s < n_stages; s++)
        if (g_str_equal (json_object_get_string_member (json_array_get_object_element (stages, s), "id"), stage_id))
          list = lists->pdata[s];
      g_assert_nonnull (list);
      g_assert_cmpint (index, >=, 0);
      g_assert_cmpint (index, <=, list->len);
      for (const char * const *m = (const char * const[]) { "id", "lane", "kind", "text", NULL }; *m != NULL; m++)
        json_object_set_string_member (copy, *m, json_object_get_string_member (card, *m));
      g_assert_cmpuint (json_object_get_size (card), ==, 6);
      json_node_take_object (node, copy);
      g_ptr_array_insert (list, (int) index, node);
    }

  g_assert_cmpuint (json_array_get_length (sizes), ==, n_stages);
  for (guint s = 0; s < n_stages; s++)
    {
      GPtrArray *list = lists->pdata[s];
      JsonArray *cards = json_array_sized_new (list->len);

      g_assert_cmpint (json_array_get_int_element (sizes, s), ==, list->len);
      for (guint c = 0; c < list->len; c++)
        json_array_add_element (cards, json_node_copy (list->pdata[c]));
      json_object_set_array_member (json_array_get_object_element (stages, s), "cards", cards);
    }

  if (json_object_has_member (delta, "set"))
    {
      JsonObject *set = json_object_get_object_member (delta, "set");
      g_autoptr(GList) members = json_object_get_members (set);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (map, l->data, json_node_copy (json_object_get_member (set, l->data)));
    }
  json_object_set_int_member (map, "revision", json_object_get_int_member (delta, "revision"));
  return TRUE;
}

/* Is @copy the map the session shows now (revision included)? */
static gboolean
map_is_current (TrailSession *session,
                JsonObject   *copy)
{
  g_autoptr(JsonObject) fresh = parse_reply (trail_session_get_map_state (session));
  g_autoptr(JsonNode) a = json_node_init_object (json_node_alloc (), fresh);
  g_autoptr(JsonNode) b = json_node_init_object (json_node_alloc (), copy);

  return json_node_equal (a, b);
}

static void
count_changes_cb (TrailDocument *document, TrailChangeFlags what, GObject *object, guint *n)
{
  (*n)++;
}

/* A phone, pushed to as the server does it: the delta from its revision
 * (NULL: the whole map), taken during the push. */
typedef struct
{
  guint  n;
  guint  base;      /* the phone's revision */
  guint  serial;    /* the map's, at the push */
  char  *delta;
  char  *map;
} Pushed;

static void
push_cb (TrailSession *session, Pushed *pushed)
{
  const char *delta;

  pushed->n++;
  pushed->serial = trail_session_get_map_serial (session);
  g_clear_pointer (&pushed->delta, g_free);
  g_clear_pointer (&pushed->map, g_free);
  if (pushed->serial == pushed->base)
    return;
  delta = trail_session_get_map_delta (session, pushed->base);
  /* Made once for every phone; never from a revision no phone got. */
  g_assert_true (delta == trail_session_get_map_delta (session, pushed->base));
  g_assert_null (trail_session_get_map_delta (session, pushed->serial + 1));
  pushed->delta = g_strdup (delta);
  pushed->map = g_strdup (trail_session_get_map_state (session));
}

static TrailLane *
lane_at (TrailDocument *document, guint i)
{
  return g_list_model_get_item (trail_document_get_lanes (document), i);
}

static TrailStage *
stage_at (TrailDocument *document, guint i)
{
  return g_list_model_get_item (trail_document_get_stages (document), i);
}

/* A lane cards can go in: every lane but the emotions. */
static TrailLane *
random_card_lane (TrailDocument *document)
{
  GListModel *lanes = trail_document_get_lanes (document);

  for (;;)
    {
      TrailLane *lane = lane_at (document, g_test_rand_int_range (0, g_list_model_get_n_items (lanes)));

      if (trail_lane_get_kind (lane) != TRAIL_LANE_KIND_EMOTIONS)
        return lane;
      g_object_unref (lane);
    }
}

static TrailCard *
random_card (TrailDocument *document)
{
  GListModel *cards = trail_document_get_cards (document);

  if (g_list_model_get_n_items (cards) == 0)
    return NULL;
  return g_list_model_get_item (cards, g_test_rand_int_range (0, g_list_model_get_n_items (cards)));
}

/* Random edits of every kind, each followed by a push: a copy kept from
 * the first map and the deltas alone is the session's map every time,
 * across the listing's cap too (the map starts just below it). */
static void
test_map_deltas_random (void)
{
  g_autoptr(TrailDocument) document = new_document ();
  g_autoptr(TrailSession) session = trail_session_new (document);
  g_autoptr(JsonObject) copy = NULL;
  Pushed pushed = { 0, };
  guint deltas = 0, maps = 0;
  gint64 most_unlisted = 0;
  gboolean back_under_cap = FALSE;
  guint changes = 0;

  g_signal_connect (session, "state-changed", G_CALLBACK (push_cb), &pushed);
  g_signal_connect (document, "changed", G_CALLBACK (count_changes_cb), &changes);
  /* Just below the cap of listed cards. */
  for (guint i = 0; i < TRAIL_SESSION_MAX_LISTED_CARDS - 3; i++)
    {
      g_autoptr(TrailLane) lane = random_card_lane (document);
      g_autoptr(TrailStage) stage = stage_at (document, i % 3);
      g_autofree char *text = g_strdup_printf ("card %u", i);

      trail_document_add_card (document, lane, stage, -1, text);
    }
  copy = parse_reply (trail_session_get_map_state (session));
  pushed.base = trail_session_get_map_serial (session);
  g_assert_cmpint (json_object_get_int_member (copy, "revision"), ==, pushed.base);
  WAIT_UNTIL (pushed.n == 1);

  for (guint step = 0; step < 100; step++)
    {
      guint what = g_test_rand_int_range (0, 9);
      guint n_edits = g_test_rand_int_range (1, 4);
      guint before = pushed.n, changes_before = changes;
      guint n_cards = count_cards (document);

      /* Every 20 steps across the listing's cap, one way or the other:
       * cards added to the first stage push the last ones out of the
       * listing; cards deleted bring them back. */
      if (step % 20 == 0 && n_cards < TRAIL_SESSION_MAX_LISTED_CARDS)
        {
          g_autoptr(TrailLane) lane = random_card_lane (document);
          g_autoptr(TrailStage) stage = stage_at (document, 0);

          for (guint i = n_cards; i < TRAIL_SESSION_MAX_LISTED_CARDS + 3; i++)
            trail_document_add_card (document, lane, stage, 0, "over the cap");
        }
      else if (step % 20 == 0)
        {
          for (guint i = TRAIL_SESSION_MAX_LISTED_CARDS - 3; i < n_cards; i++)
            {
              g_autoptr(TrailCard) card = random_card (document);

              trail_document_remove_card (document, card);
            }
        }

      for (guint e = 0; e < n_edits; e++)
        {
          g_autoptr(TrailCard) card = random_card (document);

          switch (card == NULL ? 0 : what)
            {
            case 0: case 1:
              {
                g_autoptr(TrailLane) lane = random_card_lane (document);
                g_autoptr(TrailStage) stage = stage_at (document, g_test_rand_int_range (0, 3));
                g_autofree char *text = g_strdup_printf ("new %u.%u", step, e);

                trail_document_add_card (document, lane, stage, g_test_rand_int_range (-1, 3), text);
              }
              break;
            case 2:
              {
                g_autofree char *text = g_strdup_printf ("edited %u.%u", step, e);

                trail_document_update (document, card, "text", text, NULL);
              }
              break;
            case 3: case 4:
              {
                g_autoptr(TrailLane) lane = random_card_lane (document);
                g_autoptr(TrailStage) stage = stage_at (document, g_test_rand_int_range (0, 3));

                trail_document_move_card (document, card, lane, stage, g_test_rand_int_range (0, 3));
              }
              break;
            case 5:
              trail_document_remove_card (document, card);
              break;
            case 6:
              if (trail_document_get_can_undo (document))
                trail_document_undo (document);
              break;
            case 7:
              /* Reordered within its cell. */
              trail_document_move_card (document, card,
                                        trail_document_find_lane (document, trail_card_get_lane_id (card)),
                                        trail_document_find_stage (document, trail_card_get_stage_id (card)),
                                        0);
              break;
            default:
              /* Nothing the phones see. */
              trail_document_update (document, card, "votes", g_test_rand_int_range (0, 9), NULL);
              break;
            }
        }

      /* An edit that changed nothing (an undo with nothing to undo, a
       * card moved where it was) pushes nothing. */
      if (changes == changes_before)
        continue;
      WAIT_UNTIL (pushed.n > before);
      if (pushed.serial == pushed.base)
        {
          g_assert_true (map_is_current (session, copy));
          continue;
        }
      if (pushed.delta != NULL)
        {
          g_autoptr(JsonObject) object = parse_reply (pushed.delta);

          g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "map-delta");
          g_assert_true (apply_delta (copy, object));
          g_assert_cmpuint (strlen (pushed.delta), <, strlen (pushed.map));
          deltas++;
        }
      else
        {
          json_object_unref (copy);
          copy = parse_reply (pushed.map);
          maps++;
        }
      g_assert_true (map_is_current (session, copy));
      pushed.base = pushed.serial;
      if (most_unlisted > 0 && json_object_get_int_member (copy, "unlisted") == 0)
        back_under_cap = TRUE;
      most_unlisted = MAX (most_unlisted, json_object_get_int_member (copy, "unlisted"));
    }
  if (g_test_verbose ())
    g_printerr ("%u deltas, %u maps\n", deltas, maps);
  g_clear_pointer (&pushed.delta, g_free);
  g_clear_pointer (&pushed.map, g_free);
  /* Whole maps only when a delta would be larger. */
  g_assert_cmpuint (deltas, >, 50);
  g_assert_cmpuint (maps, ==, 0);
  /* The cap was crossed: cards are unlisted, the delta says how many. */
  g_assert_cmpint (most_unlisted, >, 0);
  g_assert_true (back_under_cap);
}

/* The client's copy of the map, made from what it received as room.js
 * makes it: the last whole map, then the deltas after it. */
static JsonObject *
client_map (Client  *client,
            guint   *n_maps,
            guint   *n_deltas)
{
  JsonObject *map = NULL;

  *n_maps = *n_deltas = 0;
  for (guint i = 0; i < client->received->len; i++)
    {
      const char *text = g_ptr_array_index (client->received, i);
      g_autoptr(JsonObject) message = NULL;

      if (!g_str_has_prefix (text, "{\"type\":\"map"))
        continue;
      message = parse_reply (text);
      if (g_str_equal (json_object_get_string_member (message, "type"), "map"))
        {
          g_clear_pointer (&map, json_object_unref);
          map = json_object_ref (message);
          (*n_maps)++;
        }
      else
        {
          g_assert_nonnull (map);
          g_assert_true (apply_delta (map, message));
          (*n_deltas)++;
        }
    }
  return map;
}

static gboolean
client_is_current (Client       *client,
                   TrailSession *session)
{
  guint maps, deltas;
  g_autoptr(JsonObject) map = client_map (client, &maps, &deltas);

  return map != NULL && map_is_current (session, map);
}

/* What the last map message a client got was: "map" or "map-delta". */
static char *
last_map_type (Client *client)
{
  for (guint i = client->received->len; i > 0; i--)
    {
      const char *text = g_ptr_array_index (client->received, i - 1);

      if (g_str_has_prefix (text, "{\"type\":\"map-delta\""))
        return g_strdup ("map-delta");
      if (g_str_has_prefix (text, "{\"type\":\"map\""))
        return g_strdup ("map");
    }
  return NULL;
}

static Client *
joined_client (SoupSession *soup, const char *url, const char *name)
{
  Client *client = client_new (soup, url);
  g_autofree char *message = g_strdup_printf ("{\"type\":\"join\",\"name\":\"%s\"}", name);

  WAIT_UNTIL (client->ws != NULL || client->failed);
  g_assert_false (client->failed);
  soup_websocket_connection_send_text (client->ws, message);
  WAIT_UNTIL (count_received (client, "{\"type\":\"map\"") == 1);
  return client;
}

/* Waits until @client's copy is the session's map, and says whether the
 * last thing it got for it was a delta or the whole map. */
#define ASSERT_CLIENT_GOT(client, type) G_STMT_START { \
    g_autofree char *_last = NULL; \
    WAIT_UNTIL (client_is_current ((client), session)); \
    _last = last_map_type (client); \
    g_assert_cmpstr (_last, ==, (type)); \
  } G_STMT_END

/* Real WebSocket clients: a whole map first, then only what changed —
 * added, edited, moved between stages and lanes, reordered, deleted,
 * undone, from the room — each client's copy rebuilt from the deltas equal
 * to the session's map; a whole map again when the stages change, to a
 * client that joins late and to one that asks ("resync"). */
static void
test_server_deltas (void)
{
  g_autoptr(TrailDocument) document = new_document ();
  g_autoptr(TrailSession) session = trail_session_new (document);
  g_autoptr(TrailSessionServer) server = trail_session_server_new (session);
  g_autoptr(SoupSession) soup = soup_session_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TrailLane) touchpoints = lane_at (document, 0);
  g_autoptr(TrailLane) thoughts = lane_at (document, 2);
  g_autoptr(TrailStage) first = stage_at (document, 0);
  g_autoptr(TrailStage) second = stage_at (document, 1);
  g_autoptr(TrailCard) card = NULL;
  Client *ann, *bob;
  const char *url;
  guint maps, deltas;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *text = g_strdup_printf ("card %u", i);

      trail_document_add_card (document, i % 2 ? touchpoints : thoughts, i % 3 ? first : second, -1, text);
    }
  g_assert_true (trail_session_server_start (server, "127.0.0.1", &error));
  url = trail_session_server_get_join_urls (server)[0];
  ann = joined_client (soup, url, "Ann");
  ASSERT_CLIENT_GOT (ann, "map");

  card = g_object_ref (trail_document_add_card (document, thoughts, first, 0, "a new card"));
  ASSERT_CLIENT_GOT (ann, "map-delta");
  /* Only the card: a small part of the map. */
  g_assert_nonnull (strstr (last_received (ann, "{\"type\":\"map-delta\""), "a new card"));
  g_assert_null (strstr (last_received (ann, "{\"type\":\"map-delta\""), "card 7\""));

  trail_document_update (document, card, "text", "an <b>edited</b> card", NULL);
  ASSERT_CLIENT_GOT (ann, "map-delta");
  trail_document_move_card (document, card, touchpoints, second, 1);
  ASSERT_CLIENT_GOT (ann, "map-delta");
  {
    g_autoptr(TrailCard) other = g_list_model_get_item (trail_document_get_cards (document), 5);

    /* Reordered within its cell. */
    trail_document_move_card (document, other, trail_document_find_lane (document, trail_card_get_lane_id (other)),
                              trail_document_find_stage (document, trail_card_get_stage_id (other)), 0);
    ASSERT_CLIENT_GOT (ann, "map-delta");
  }
  trail_document_remove_card (document, card);
  ASSERT_CLIENT_GOT (ann, "map-delta");
  trail_document_undo (document);
  ASSERT_CLIENT_GOT (ann, "map-delta");
  {
    g_autofree char *id = g_strdup (trail_card_get_id (card));

    g_set_object (&card, trail_document_find_card (document, id));
    g_assert_nonnull (card);
  }

  /* A client that joins late gets the whole map, then deltas. */
  bob = joined_client (soup, url, "Bob");
  ASSERT_CLIENT_GOT (bob, "map");
  {
    g_autofree char *message = g_strdup_printf ("{\"type\":\"add-card\",\"id\":1,\"stage\":\"%s\","
                                                "\"kind\":\"thoughts\",\"text\":\"from Bob\"}",
                                                trail_stage_get_id (second));

    soup_websocket_connection_send_text (bob->ws, message);
    WAIT_UNTIL (count_received (bob, "{\"type\":\"ack\",\"id\":1") == 1);
  }
  ASSERT_CLIENT_GOT (ann, "map-delta");
  WAIT_UNTIL (client_is_current (bob, session));
  trail_document_update (document, card, "text", "edited again", NULL);
  ASSERT_CLIENT_GOT (ann, "map-delta");
  ASSERT_CLIENT_GOT (bob, "map-delta");

  /* A renamed stage, a new stage: the whole map (the forms follow). */
  trail_document_update (document, second, "name", "Renamed", NULL);
  ASSERT_CLIENT_GOT (ann, "map");
  ASSERT_CLIENT_GOT (bob, "map");
  trail_document_add_stage (document, 1, "Inserted");
  ASSERT_CLIENT_GOT (ann, "map");
  trail_document_update (document, card, "text", "after the stage", NULL);
  ASSERT_CLIENT_GOT (ann, "map-delta");
  /* Pausing changes the map's settings, not its cards: a delta with them. */
  trail_session_set_paused (session, TRUE);
  ASSERT_CLIENT_GOT (ann, "map-delta");
  g_assert_nonnull (strstr (last_received (ann, "{\"type\":\"map-delta\""), "\"set\":{"));
  trail_session_set_paused (session, FALSE);
  ASSERT_CLIENT_GOT (ann, "map-delta");

  /* A phone that asks gets the whole map at once, before the ack, while
   * paused too; its copy was right, and stays so. */
  trail_session_set_paused (session, TRUE);
  ASSERT_CLIENT_GOT (ann, "map-delta");
  client_map (ann, &maps, &deltas);
  soup_websocket_connection_send_text (ann->ws, "{\"type\":\"resync\",\"id\":7}");
  WAIT_UNTIL (count_received (ann, "{\"type\":\"ack\",\"id\":7") == 1);
  {
    guint maps_after, deltas_after;
    g_autoptr(JsonObject) map = client_map (ann, &maps_after, &deltas_after);

    g_autofree char *last = last_map_type (ann);

    g_assert_cmpuint (maps_after, ==, maps + 1);
    g_assert_cmpstr (last, ==, "map");
    g_assert_true (map_is_current (session, map));
  }
  soup_websocket_connection_send_text (ann->ws, "{\"type\":\"resync\",\"id\":8,\"base\":3}");
  WAIT_UNTIL (count_received (ann, "{\"type\":\"error\",\"id\":8,\"code\":\"invalid\"") == 1);
  trail_session_set_paused (session, FALSE);
  trail_document_update (document, card, "text", "after the resync", NULL);
  ASSERT_CLIENT_GOT (ann, "map-delta");
  ASSERT_CLIENT_GOT (bob, "map-delta");

  client_map (ann, &maps, &deltas);
  if (g_test_verbose ())
    g_printerr ("Ann: %u maps, %u deltas\n", maps, deltas);
  g_assert_cmpuint (maps, ==, 4);

  trail_session_server_stop (server);
  client_free (ann);
  client_free (bob);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/tokens", test_tokens);
  g_test_add_func ("/session/clean-text", test_clean_text);
  g_test_add_func ("/session/add-card-direct-and-undo", test_add_card_direct_and_undo);
  g_test_add_func ("/session/add-card-inbox", test_add_card_inbox);
  g_test_add_func ("/session/hostile-messages", test_hostile_messages);
  g_test_add_func ("/session/flood-and-pause", test_flood_and_pause);
  g_test_add_func ("/session/resync-intent", test_resync_intent);
  g_test_add_func ("/session/room-full-and-anonymous", test_room_full_and_anonymous);
  g_test_add_func ("/session/workshop-hooks", test_workshop_hooks);
  g_test_add_func ("/session/room-voting", test_room_voting);
  g_test_add_func ("/session/room-timer-and-stage", test_room_timer_and_stage);
  g_test_add_func ("/session/qr", test_qr);
  g_test_add_func ("/session/server-http", test_server_http);
  g_test_add_func ("/session/server-clients", test_server_clients);
  g_test_add_func ("/session/server-voting", test_server_voting);
  g_test_add_func ("/session/server-rating", test_server_rating);
  g_test_add_func ("/session/rating-sessions", test_rating_sessions);
  g_test_add_func ("/session/map-deltas-random", test_map_deltas_random);
  g_test_add_func ("/session/server-deltas", test_server_deltas);

  return g_test_run ();
}
