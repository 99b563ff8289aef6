/* trail-icons.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-icons"

#include "config.h"

#include <librsvg/rsvg.h>

#include "trail-icons.h"
#include "trail-paths.h"

#define ICON_SIZE 16
#define ICON_RESOURCE_DIR RESOURCE_PATH "/render/icons/"

/* The tables, not the enum nicks, name the files: an icon keeps its file
 * even if a nick is renamed for the file format. */
static const char * const channel_icons[] = {
  NULL,
  "channel-website",
  "channel-social-media",
  "channel-email",
  "channel-phone",
  "channel-store",
  "channel-mobile-app",
  "channel-live-chat",
  "channel-reviews",
  "channel-packaging",
  "channel-follow-up",
  "channel-other",
};

static const char * const lane_icons[] = {
  "lane-touchpoints",
  "lane-actions",
  "lane-thoughts",
  "lane-emotions",
  "lane-pain-points",
  "lane-opportunities",
  "lane-backstage",
  "lane-kpis",
  "lane-notes",
  "lane-custom",
};

static const char * const evidence_icons[] = {
  NULL,
  "evidence-observed",
  "evidence-assumed",
  "evidence-proposed",
};

G_STATIC_ASSERT (G_N_ELEMENTS (channel_icons) == TRAIL_CHANNEL_OTHER + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (lane_icons) == TRAIL_LANE_KIND_CUSTOM + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (evidence_icons) == TRAIL_EVIDENCE_PROPOSED + 1);

/* Icons are drawn for every card, from export threads too: parse each SVG
 * once, record each (icon, colour) once, and replay. */
static GMutex      icon_lock;
static GHashTable *recordings;  /* "name#rrggbbaa" → cairo_surface_t (recording) */
static GHashTable *svg_bodies;  /* name → char* (sanitized elements) */

const char *
trail_icon_for_channel (TrailChannel channel)
{
  if ((guint) channel >= G_N_ELEMENTS (channel_icons))
    return channel_icons[TRAIL_CHANNEL_OTHER];

  return channel_icons[channel];
}

const char *
trail_icon_for_lane_kind (TrailLaneKind kind)
{
  if ((guint) kind >= G_N_ELEMENTS (lane_icons))
    return lane_icons[TRAIL_LANE_KIND_CUSTOM];

  return lane_icons[kind];
}

const char *
trail_icon_for_evidence (TrailEvidence evidence)
{
  if ((guint) evidence >= G_N_ELEMENTS (evidence_icons))
    return NULL;

  return evidence_icons[evidence];
}

static GBytes *
load_icon_bytes (const char *name)
{
  g_autofree char *path = g_strconcat (ICON_RESOURCE_DIR, name, ".svg", NULL);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_warning ("Icon %s is missing (is the resource bundle linked?): %s", name, error->message);

  return bytes;
}

static cairo_surface_t *
record_icon (const char    *name,
             const GdkRGBA *color)
{
  g_autoptr(GBytes) bytes = load_icon_bytes (name);
  RsvgHandle *handle;
  g_autoptr(GError) error = NULL;
  g_autofree char *css = NULL;
  cairo_rectangle_t extents = { 0, 0, ICON_SIZE, ICON_SIZE };
  RsvgRectangle viewport = { 0, 0, ICON_SIZE, ICON_SIZE };
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  if (bytes == NULL)
    return surface;

  handle = rsvg_handle_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  if (handle == NULL)
    {
      g_warning ("Icon %s does not parse: %s", name, error->message);
      return surface;
    }

  /* The icons paint with currentColor; the stylesheet sets it. */
  css = g_strdup_printf ("svg { color: rgb(%d,%d,%d); opacity: %.3f; }",
                         (int) (color->red * 255 + .5), (int) (color->green * 255 + .5),
                         (int) (color->blue * 255 + .5), color->alpha);
  if (!rsvg_handle_set_stylesheet (handle, (const guint8 *) css, strlen (css), &error))
    g_warning ("Icon stylesheet refused: %s", error->message);
  g_clear_error (&error);

  cr = cairo_create (surface);
  if (!rsvg_handle_render_document (handle, cr, &viewport, &error))
    g_warning ("Icon %s does not render: %s", name, error->message);
  cairo_destroy (cr);
  g_object_unref (handle);

  return surface;
}

static cairo_surface_t *
lookup_recording (const char    *name,
                  const GdkRGBA *color)
{
  g_autofree char *key = NULL;
  cairo_surface_t *surface;

  key = g_strdup_printf ("%s#%02x%02x%02x%02x", name,
                         (int) (color->red * 255 + .5), (int) (color->green * 255 + .5),
                         (int) (color->blue * 255 + .5), (int) (color->alpha * 255 + .5));

  g_mutex_lock (&icon_lock);
  if (recordings == NULL)
    recordings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) cairo_surface_destroy);
  surface = g_hash_table_lookup (recordings, key);
  if (surface == NULL)
    {
      surface = record_icon (name, color);
      g_hash_table_insert (recordings, g_steal_pointer (&key), surface);
    }
  cairo_surface_reference (surface);
  g_mutex_unlock (&icon_lock);

  return surface;
}

void
trail_icon_draw (cairo_t               *cr,
                 const char            *name,
                 const graphene_rect_t *rect,
                 const GdkRGBA         *color)
{
  cairo_surface_t *surface;

  if (name == NULL)
    return;

  surface = lookup_recording (name, color);
  cairo_save (cr);
  cairo_translate (cr, rect->origin.x, rect->origin.y);
  cairo_scale (cr, rect->size.width / ICON_SIZE, rect->size.height / ICON_SIZE);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (surface);
}

void
trail_icon_append (GtkSnapshot           *snapshot,
                   const char            *name,
                   const graphene_rect_t *rect,
                   const GdkRGBA         *color)
{
  cairo_t *cr;

  if (name == NULL)
    return;

  cr = trail_snapshot_append_cairo (snapshot, rect);
  trail_icon_draw (cr, name, rect, color);
  cairo_destroy (cr);
}

/* ---- Sanitized SVG for the SVG writer ---------------------------------- */

static const char * const allowed_elements[] = {
  "path", "circle", "ellipse", "rect", "line", "polyline", "polygon", NULL
};

static const char * const allowed_attributes[] = {
  "d", "cx", "cy", "r", "rx", "ry", "x", "y", "width", "height",
  "x1", "y1", "x2", "y2", "points", "fill", "stroke", "stroke-width",
  "stroke-linecap", "stroke-linejoin", "fill-rule", "opacity", NULL
};

static gboolean
is_safe_paint (const char *value)
{
  if (g_str_equal (value, "none") || g_str_equal (value, "currentColor"))
    return TRUE;
  if (value[0] != '#')
    return FALSE;
  for (const char *p = value + 1; *p; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;

  return TRUE;
}

static void
on_icon_start_element (GMarkupParseContext  *context,
                       const char           *element,
                       const char          **names,
                       const char          **values,
                       gpointer              user_data,
                       GError              **error)
{
  GString *out = user_data;

  if (!g_strv_contains (allowed_elements, element))
    return;

  g_string_append_printf (out, "<%s", element);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *escaped = NULL;

      if (!g_strv_contains (allowed_attributes, names[i]))
        continue;
      if ((g_str_equal (names[i], "fill") || g_str_equal (names[i], "stroke")) &&
          !is_safe_paint (values[i]))
        continue;

      escaped = g_markup_escape_text (values[i], -1);
      g_string_append_printf (out, " %s=\"%s\"", names[i], escaped);
    }
  g_string_append (out, "/>");
}

static char *
sanitize_icon (const char *name)
{
  static const GMarkupParser parser = { on_icon_start_element, NULL, NULL, NULL, NULL };
  g_autoptr(GBytes) bytes = load_icon_bytes (name);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);

  if (bytes == NULL)
    return g_string_free (out, FALSE);

  context = g_markup_parse_context_new (&parser, 0, out, NULL);
  if (!g_markup_parse_context_parse (context, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error) ||
      !g_markup_parse_context_end_parse (context, &error))
    {
      g_warning ("Icon %s does not parse: %s", name, error->message);
      g_string_truncate (out, 0);
    }

  return g_string_free (out, FALSE);
}

const char *
trail_icon_get_svg_body (const char *name)
{
  const char *body;

  if (name == NULL)
    return NULL;

  g_mutex_lock (&icon_lock);
  if (svg_bodies == NULL)
    svg_bodies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  body = g_hash_table_lookup (svg_bodies, name);
  if (body == NULL)
    {
      char *made = sanitize_icon (name);
      g_hash_table_insert (svg_bodies, g_strdup (name), made);
      body = made;
    }
  g_mutex_unlock (&icon_lock);

  return body;
}
