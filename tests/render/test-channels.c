/* test-channels.c — a map's own channels drawn with their icon and name
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "trail-export.h"
#include "trail-icons.h"
#include "trail-layout-private.h"
#include "trail-layout.h"

/* One touchpoints lane, one stage, two cards: one on a standard channel,
 * one on the map's "SMS" channel. */
static TrailDocument *
make_document (TrailCard          **standard,
               TrailCard          **custom,
               TrailCustomChannel **sms)
{
  TrailDocument *doc = trail_document_new ();
  TrailLane *lane = trail_document_add_lane (doc, -1, TRAIL_LANE_KIND_TOUCHPOINTS, "Touchpoints");
  TrailStage *stage = trail_document_add_stage (doc, -1, "Ride");

  trail_document_update (doc, doc, "title", "Channels", NULL);
  *standard = trail_document_add_card (doc, lane, stage, -1, "Calls the driver");
  trail_document_set_card_channel (doc, standard, 1, TRAIL_CHANNEL_PHONE, NULL);
  *sms = trail_document_add_channel (doc, -1, "SMS", "channel-live-chat");
  *custom = trail_document_add_card (doc, lane, stage, -1, "Gets a text");
  trail_document_set_card_channel (doc, custom, 1, TRAIL_CHANNEL_NONE, *sms);

  return doc;
}

static const TrailLayoutCard *
layout_card (TrailLayout *layout,
             TrailCard   *card)
{
  const TrailLayoutItem *item = trail_layout_find (layout, G_OBJECT (card));

  g_assert_nonnull (item);
  return (const TrailLayoutCard *) item;
}

static void
assert_meta (const TrailLayoutCard *c,
             const char            *text)
{
  g_assert_nonnull (c->meta.layout);
  g_assert_cmpstr (pango_layout_get_text (c->meta.layout), ==, text);
}

/* Every icon the model offers is bundled, and survives the SVG writer's
 * sanitizing. */
static void
test_icons_bundled (void)
{
  const char * const *icons = trail_custom_channel_list_icons ();

  for (guint i = 0; icons[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (RESOURCE_PATH "/render/icons/", icons[i], ".svg", NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
      const char *body;

      if (bytes == NULL)
        g_error ("icon %s is not bundled", icons[i]);
      body = trail_icon_get_svg_body (icons[i]);
      g_assert_nonnull (body);
      g_assert_cmpuint (strlen (body), >, 0);
    }
}

static void
test_layout (void)
{
  TrailCard *standard, *custom;
  TrailCustomChannel *sms;
  g_autoptr(TrailDocument) doc = make_document (&standard, &custom, &sms);
  g_autoptr(TrailStyle) style = trail_style_new (TRAIL_STYLE_LIGHT);
  g_autoptr(TrailLayout) layout = trail_layout_new (doc, style);

  g_assert_cmpstr (layout_card (layout, standard)->icon, ==, "channel-phone");
  assert_meta (layout_card (layout, standard), "PHONE");
  g_assert_cmpstr (layout_card (layout, custom)->icon, ==, "channel-live-chat");
  assert_meta (layout_card (layout, custom), "SMS");

  /* Renamed and given another icon: the layout follows the change. */
  trail_document_update (doc, sms, "name", "Text message", "icon", "channel-mobile-app", NULL);
  trail_layout_update (layout, TRAIL_CHANGE_CHANNELS, G_OBJECT (sms), NULL);
  g_assert_cmpstr (layout_card (layout, custom)->icon, ==, "channel-mobile-app");
  assert_meta (layout_card (layout, custom), "TEXT MESSAGE");

  /* Removed: the card is an "Other channel" one. */
  trail_document_remove_channel (doc, sms);
  trail_layout_update (layout, TRAIL_CHANGE_CARD_TEXT, G_OBJECT (custom), NULL);
  g_assert_cmpstr (layout_card (layout, custom)->icon, ==, "channel-other");
  assert_meta (layout_card (layout, custom), "OTHER CHANNEL");
}

static void
test_svg (void)
{
  TrailCard *standard, *custom;
  TrailCustomChannel *sms;
  g_autoptr(TrailDocument) doc = make_document (&standard, &custom, &sms);
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *group = NULL;
  TrailExportOptions options;
  const char *card_start, *card_end;

  trail_export_options_init (&options);
  options.format = TRAIL_EXPORT_SVG;
  svg = trail_export_to_bytes (doc, &options, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));

  /* The icon is defined once and used in the card's group, beside its
   * name as text. */
  g_assert_nonnull (strstr (text, "id=\"icon-channel-live-chat\""));
  group = g_strdup_printf ("<g id=\"card-%s\"", trail_card_get_id (custom));
  card_start = strstr (text, group);
  g_assert_nonnull (card_start);
  card_end = strstr (card_start, "</g>");
  g_assert_nonnull (card_end);
  g_assert_nonnull (g_strstr_len (card_start, card_end - card_start, "#icon-channel-live-chat"));
  g_assert_nonnull (g_strstr_len (card_start, card_end - card_start, ">SMS<"));
}

/* A map channel drawn like the standard one it imitates, pixel for pixel:
 * a channel named "Phone" with the phone icon. */
static void
test_png_same_as_standard (void)
{
  TrailCard *standard, *custom;
  TrailCustomChannel *sms;
  g_autoptr(TrailDocument) doc = make_document (&standard, &custom, &sms);
  g_autoptr(GBytes) with_custom = NULL;
  g_autoptr(GBytes) with_standard = NULL;
  g_autoptr(GError) error = NULL;
  TrailExportOptions options;

  trail_document_update (doc, sms, "name", "Phone", "icon", "channel-phone", NULL);
  trail_export_options_init (&options);
  with_custom = trail_export_to_bytes (doc, &options, &error);
  g_assert_no_error (error);

  trail_document_set_card_channel (doc, &custom, 1, TRAIL_CHANNEL_PHONE, NULL);
  with_standard = trail_export_to_bytes (doc, &options, &error);
  g_assert_no_error (error);

  g_assert_true (g_bytes_equal (with_custom, with_standard));

  /* And a different one differs, so the comparison means something. */
  {
    g_autoptr(GBytes) with_other = NULL;

    trail_document_set_card_channel (doc, &custom, 1, TRAIL_CHANNEL_NONE, sms);
    trail_document_update (doc, sms, "icon", "channel-store", NULL);
    with_other = trail_export_to_bytes (doc, &options, &error);
    g_assert_no_error (error);
    g_assert_false (g_bytes_equal (with_other, with_standard));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_unsetenv ("DISPLAY");
  g_unsetenv ("WAYLAND_DISPLAY");
  if (g_getenv ("TRAILMAP_TEST_SYSTEM_FONTS") == NULL)
    g_setenv ("FONTCONFIG_FILE", RENDER_FONTS_CONF, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/channels/icons-bundled", test_icons_bundled);
  g_test_add_func ("/render/channels/layout", test_layout);
  g_test_add_func ("/render/channels/svg", test_svg);
  g_test_add_func ("/render/channels/png-same-as-standard", test_png_same_as_standard);

  return g_test_run ();
}
