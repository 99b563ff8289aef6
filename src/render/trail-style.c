/* trail-style.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-style"

#include "config.h"

#include <math.h>

#include "trail-style.h"

G_DEFINE_BOXED_TYPE (TrailStyle, trail_style, trail_style_ref, trail_style_unref)

/* Pinned so pictures are the same on every machine that has the font;
 * fontconfig falls back per glyph for scripts Cantarell lacks. */
#define FONT_FAMILY "Cantarell"

typedef struct
{
  const char *face;
  const char *edge;
  const char *accent;
} CardPalette;

/* Indexed by TrailLaneKind. Pain points are red and opportunities green in
 * every variant, so they read apart at a glance and in a legend. */
static const CardPalette light_cards[] = {
  { "#ffffff", "#d3d8e0", "#1c71d8" }, /* touchpoints */
  { "#ffffff", "#d3d8e0", "#0f7b8a" }, /* actions */
  { "#fff7e0", "#eed9a0", "#b07800" }, /* thoughts */
  { "#fff1e6", "#f2c9a8", "#c64600" }, /* emotions */
  { "#fdecec", "#f0b6b6", "#c01c28" }, /* pain points */
  { "#e7f5eb", "#a6d8b4", "#1f8a4c" }, /* opportunities */
  { "#f0f1f4", "#cfd2d9", "#5e5c64" }, /* backstage */
  { "#f4edfa", "#d5c1e8", "#813d9c" }, /* kpis */
  { "#fffbd9", "#e6dc94", "#8a6d00" }, /* notes */
  { "#ffffff", "#d3d8e0", "#3d3846" }, /* custom */
};

static const CardPalette dark_cards[] = {
  { "#2e333d", "#454c5a", "#78aeed" },
  { "#2b3538", "#40575c", "#4fc3d0" },
  { "#3a3424", "#5c5030", "#f6d32d" },
  { "#3c2d22", "#634632", "#ffa348" },
  { "#40262a", "#6e353b", "#ff7b72" },
  { "#213a2b", "#2f5e41", "#57e389" },
  { "#303035", "#4a4a52", "#c0bfbc" },
  { "#362a41", "#563f6b", "#dc8add" },
  { "#3a3722", "#5c5730", "#f8e45c" },
  { "#303036", "#4a4a52", "#deddda" },
};

static const CardPalette contrast_cards[] = {
  { "#ffffff", "#000000", "#0b4ea2" },
  { "#ffffff", "#000000", "#005c66" },
  { "#fffbe6", "#000000", "#6b4a00" },
  { "#fff3e8", "#000000", "#8f3200" },
  { "#ffeaea", "#000000", "#a00010" },
  { "#e8f8ec", "#000000", "#005c28" },
  { "#ffffff", "#000000", "#303030" },
  { "#f7eefc", "#000000", "#5e1f7a" },
  { "#fffbe0", "#000000", "#5a4700" },
  { "#ffffff", "#000000", "#000000" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (light_cards) == TRAIL_LANE_KIND_CUSTOM + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (dark_cards) == TRAIL_LANE_KIND_CUSTOM + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (contrast_cards) == TRAIL_LANE_KIND_CUSTOM + 1);

/* Deep enough for white bold text (WCAG large text) on every one. */
static const char * const stage_palette[] = {
  "#1c71d8", "#0f7b8a", "#26a269", "#813d9c",
  "#c64600", "#a51d2d", "#865e3c", "#3d5a80",
};

static const char * const persona_palette[] = {
  "#3584e4", "#e66100", "#26a269", "#9141ac",
  "#e01b24", "#0f7b8a", "#986a44", "#c88800",
};

static GdkRGBA
rgba (const char *spec)
{
  GdkRGBA c;

  if (!gdk_rgba_parse (&c, spec))
    c = (GdkRGBA) { 1, 0, 1, 1 };

  return c;
}

static GdkRGBA
rgba_alpha (const char *spec,
            float       alpha)
{
  GdkRGBA c = rgba (spec);

  c.alpha = alpha;
  return c;
}

static GdkRGBA
mix (const GdkRGBA *a,
     const GdkRGBA *b,
     float          t)
{
  return (GdkRGBA) {
    a->red + (b->red - a->red) * t,
    a->green + (b->green - a->green) * t,
    a->blue + (b->blue - a->blue) * t,
    a->alpha + (b->alpha - a->alpha) * t,
  };
}

static double
luminance (const GdkRGBA *c)
{
  double ch[3] = { c->red, c->green, c->blue };

  for (guint i = 0; i < 3; i++)
    ch[i] = ch[i] <= 0.03928 ? ch[i] / 12.92 : pow ((ch[i] + 0.055) / 1.055, 2.4);

  return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

static PangoFontDescription *
make_font (const char  *family,
           float        px,
           PangoWeight  weight)
{
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, family);
  pango_font_description_set_absolute_size (desc, px * PANGO_SCALE);
  pango_font_description_set_weight (desc, weight);

  return desc;
}

static void
init_fonts (TrailStyle *self)
{
  /* Sized for a projector: card text stays legible from the back of a room
   * when the whole map is on a wall, and when pasted into a slide. */
  static const struct {
    TrailFontRole role;
    float         px;
    PangoWeight   weight;
  } roles[] = {
    { TRAIL_FONT_TITLE,             40, PANGO_WEIGHT_ULTRABOLD },
    { TRAIL_FONT_OBJECTIVE,         19, PANGO_WEIGHT_NORMAL },
    { TRAIL_FONT_SCOPE,             15, PANGO_WEIGHT_NORMAL },
    { TRAIL_FONT_STAGE_NUMBER,      13, PANGO_WEIGHT_BOLD },
    { TRAIL_FONT_STAGE_NAME,        21, PANGO_WEIGHT_BOLD },
    { TRAIL_FONT_STAGE_DESCRIPTION, 14, PANGO_WEIGHT_NORMAL },
    { TRAIL_FONT_LANE_TITLE,        18, PANGO_WEIGHT_BOLD },
    { TRAIL_FONT_LANE_KIND,         12, PANGO_WEIGHT_BOLD },
    { TRAIL_FONT_CARD_TEXT,         16, PANGO_WEIGHT_NORMAL },
    { TRAIL_FONT_CARD_META,         11, PANGO_WEIGHT_BOLD },
    { TRAIL_FONT_CARD_FOOTER,       13, PANGO_WEIGHT_BOLD },
    { TRAIL_FONT_AVATAR_SMALL,      9,  PANGO_WEIGHT_BOLD },
    { TRAIL_FONT_AVATAR_LARGE,      24, PANGO_WEIGHT_BOLD },
    { TRAIL_FONT_PERSONA_NAME,      19, PANGO_WEIGHT_BOLD },
    { TRAIL_FONT_PERSONA_ROLE,      14, PANGO_WEIGHT_NORMAL },
    { TRAIL_FONT_PERSONA_QUOTE,     15, PANGO_WEIGHT_NORMAL },
    { TRAIL_FONT_PERSONA_DETAILS,   13, PANGO_WEIGHT_NORMAL },
    { TRAIL_FONT_SCALE_LABEL,       13, PANGO_WEIGHT_NORMAL },
    { TRAIL_FONT_EMOTION_NOTE,      13, PANGO_WEIGHT_BOLD },
    { TRAIL_FONT_LEGEND,            14, PANGO_WEIGHT_NORMAL },
    { TRAIL_FONT_LEGEND_HEADING,    12, PANGO_WEIGHT_BOLD },
    /* "n = 7" read from the back of a room. */
    { TRAIL_FONT_CROWD_COUNT,       15, PANGO_WEIGHT_BOLD },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (roles) == TRAIL_N_FONTS);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    self->fonts[roles[i].role] = make_font (self->font_family, roles[i].px, roles[i].weight);
}

static void
init_sizes (TrailStyle *self)
{
  self->margin = 48;
  self->header_gap = 12;
  self->section_gap = 28;
  self->lane_header_width = 236;
  self->stage_width = 296;
  self->stage_header_min_height = 92;
  self->stage_chevron = 18;
  self->stage_gap = 6;
  self->cell_padding = 12;
  self->card_gap = 10;
  self->card_radius = 10;
  self->card_padding = 12;
  self->card_accent_width = 4;
  self->card_icon_size = 16;
  self->card_max_lines = 7;
  self->avatar_small = 22;
  self->lane_min_height = 84;
  self->emotion_step_height = 46;
  self->emotion_min_height = 220;
  self->emotion_line_width = 3.5;
  self->emotion_point_radius = 5.5;
  self->persona_width = 380;
  self->persona_height = 176;
  self->persona_avatar = 72;
  self->persona_gap = 20;
  self->border_width = self->variant == TRAIL_STYLE_HIGH_CONTRAST ? 2 : 1;
}

static void
init_colors (TrailStyle *self)
{
  switch (self->variant)
    {
    case TRAIL_STYLE_DARK:
      self->page = rgba ("#1c1c20");
      self->text = rgba ("#f3f3f6");
      self->text_muted = rgba ("#a9adb8");
      self->grid_line = rgba ("#393940");
      self->row_band = rgba ("#242428");
      self->row_band_alt = rgba ("#212125");
      self->lane_header = rgba ("#2a2a30");
      self->lane_icon_face = rgba ("#1c1c20");
      self->card_shadow = rgba_alpha ("#000000", 0.35f);
      self->selection = rgba ("#78aeed");
      self->emotion_positive = rgba_alpha ("#57e389", 0.07f);
      self->emotion_negative = rgba_alpha ("#ff7b72", 0.07f);
      self->neutral_line = rgba ("#6a6a74");
      self->persona_face = rgba ("#28282d");
      self->persona_edge = rgba ("#3c3c44");
      self->everyone_line = rgba ("#78aeed");
      self->crowd_line = rgba ("#deddda");
      break;

    case TRAIL_STYLE_HIGH_CONTRAST:
      self->page = rgba ("#ffffff");
      self->text = rgba ("#000000");
      self->text_muted = rgba ("#1a1a1a");
      self->grid_line = rgba ("#000000");
      self->row_band = rgba ("#ffffff");
      self->row_band_alt = rgba ("#ffffff");
      self->lane_header = rgba ("#f0f0f0");
      self->lane_icon_face = rgba ("#ffffff");
      self->card_shadow = rgba_alpha ("#000000", 0.0f);
      self->selection = rgba ("#0b4ea2");
      self->emotion_positive = rgba_alpha ("#005c28", 0.06f);
      self->emotion_negative = rgba_alpha ("#a00010", 0.06f);
      self->neutral_line = rgba ("#000000");
      self->persona_face = rgba ("#ffffff");
      self->persona_edge = rgba ("#000000");
      self->everyone_line = rgba ("#0b4ea2");
      self->crowd_line = rgba ("#000000");
      break;

    case TRAIL_STYLE_LIGHT:
    default:
      self->page = rgba ("#f7f7f9");
      self->text = rgba ("#1d1f24");
      self->text_muted = rgba ("#5c616d");
      self->grid_line = rgba ("#e0e3e9");
      self->row_band = rgba ("#ffffff");
      self->row_band_alt = rgba ("#fbfbfd");
      self->lane_header = rgba ("#eef0f5");
      self->lane_icon_face = rgba ("#ffffff");
      self->card_shadow = rgba_alpha ("#1d2433", 0.08f);
      self->selection = rgba ("#1c71d8");
      self->emotion_positive = rgba_alpha ("#26a269", 0.06f);
      self->emotion_negative = rgba_alpha ("#c01c28", 0.06f);
      self->neutral_line = rgba ("#9aa0ac");
      self->persona_face = rgba ("#ffffff");
      self->persona_edge = rgba ("#dfe2e8");
      self->everyone_line = rgba ("#1c71d8");
      self->crowd_line = rgba ("#3d3846");
      break;
    }
}

/**
 * trail_style_new:
 * @variant: light, dark or high contrast
 *
 * Returns: (transfer full): a new style
 */
TrailStyle *
trail_style_new (TrailStyleVariant variant)
{
  TrailStyle *self = g_new0 (TrailStyle, 1);

  g_ref_count_init (&self->ref_count);
  self->variant = variant;
  self->font_family = g_strdup (FONT_FAMILY);
  init_fonts (self);
  init_sizes (self);
  init_colors (self);
  self->page_text = self->text;
  self->page_text_muted = self->text_muted;

  return self;
}

void
trail_style_set_page_text_for_dark (TrailStyle *self)
{
  g_autoptr(TrailStyle) dark = trail_style_new (TRAIL_STYLE_DARK);

  g_return_if_fail (self != NULL);

  self->page_text = dark->text;
  self->page_text_muted = dark->text_muted;
}

TrailStyle *
trail_style_ref (TrailStyle *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_ref_count_inc (&self->ref_count);
  return self;
}

void
trail_style_unref (TrailStyle *self)
{
  g_return_if_fail (self != NULL);

  if (!g_ref_count_dec (&self->ref_count))
    return;

  for (guint i = 0; i < TRAIL_N_FONTS; i++)
    pango_font_description_free (self->fonts[i]);
  g_free (self->font_family);
  g_free (self);
}

const PangoFontDescription *
trail_style_get_font (const TrailStyle *self,
                      TrailFontRole     role)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (role < TRAIL_N_FONTS, NULL);

  return self->fonts[role];
}

GdkRGBA
trail_style_contrast_text (const TrailStyle *self,
                           const GdkRGBA    *face)
{
  double l = luminance (face);
  double on_white = 1.05 / (l + 0.05);

  /* White whenever it meets WCAG's 3:1 for large or bold text: bold white
   * on saturated colour looks cleaner than near-black at a higher ratio. */
  if (on_white >= 3.0)
    return rgba ("#ffffff");

  return rgba ("#1d1f24");
}

void
trail_style_get_stage_colors (const TrailStyle *self,
                              TrailStage       *stage,
                              guint             index,
                              GdkRGBA          *face,
                              GdkRGBA          *on_face)
{
  const char *own = stage != NULL ? trail_stage_get_color (stage) : NULL;
  GdkRGBA c;

  if (self->variant == TRAIL_STYLE_HIGH_CONTRAST)
    c = rgba ("#000000");
  else if (own == NULL || !gdk_rgba_parse (&c, own))
    c = rgba (stage_palette[index % G_N_ELEMENTS (stage_palette)]);

  if (self->variant == TRAIL_STYLE_DARK)
    {
      /* Slightly deeper so the headers do not glare on a dark page. */
      GdkRGBA black = { 0, 0, 0, 1 };
      c = mix (&c, &black, 0.12f);
    }

  c.alpha = 1;
  if (face != NULL)
    *face = c;
  if (on_face != NULL)
    *on_face = trail_style_contrast_text (self, &c);
}

GdkRGBA
trail_style_get_persona_color (const TrailStyle *self,
                               TrailPersona     *persona,
                               guint             index)
{
  const char *own = persona != NULL ? trail_persona_get_color (persona) : NULL;
  GdkRGBA c;

  if (own == NULL || !gdk_rgba_parse (&c, own))
    c = rgba (persona_palette[index % G_N_ELEMENTS (persona_palette)]);
  c.alpha = 1;

  return c;
}

static const CardPalette *
palette_for (const TrailStyle *self,
             TrailLaneKind     kind)
{
  guint k = MIN ((guint) kind, (guint) TRAIL_LANE_KIND_CUSTOM);

  switch (self->variant)
    {
    case TRAIL_STYLE_DARK:
      return &dark_cards[k];
    case TRAIL_STYLE_HIGH_CONTRAST:
      return &contrast_cards[k];
    case TRAIL_STYLE_LIGHT:
    default:
      return &light_cards[k];
    }
}

GdkRGBA
trail_style_get_lane_color (const TrailStyle *self,
                            TrailLaneKind     kind)
{
  return rgba (palette_for (self, kind)->accent);
}

void
trail_style_get_card_colors (const TrailStyle *self,
                             TrailLaneKind     kind,
                             const char       *override,
                             TrailCardColors  *colors)
{
  const CardPalette *p = palette_for (self, kind);
  GdkRGBA own;

  colors->face = rgba (p->face);
  colors->edge = rgba (p->edge);
  colors->accent = rgba (p->accent);
  colors->text = self->text;
  colors->meta = self->text_muted;

  if (override != NULL && gdk_rgba_parse (&own, override))
    {
      GdkRGBA page = self->variant == TRAIL_STYLE_DARK ? rgba ("#26262b") : rgba ("#ffffff");

      own.alpha = 1;
      colors->accent = own;
      if (self->variant != TRAIL_STYLE_HIGH_CONTRAST)
        {
          colors->face = mix (&page, &own, self->variant == TRAIL_STYLE_DARK ? 0.22f : 0.12f);
          colors->edge = mix (&page, &own, 0.40f);
        }
    }
}

GdkRGBA
trail_style_get_heat_color (const TrailStyle *self,
                            float             heat)
{
  /* GNOME palette yellow 2 → orange 3 → red 3: warm, and still readable
   * with dark text on every step. */
  static const float stops[3][3] = {
    { 0xf8 / 255.f, 0xe4 / 255.f, 0x5c / 255.f },
    { 0xff / 255.f, 0x78 / 255.f, 0x00 / 255.f },
    { 0xe0 / 255.f, 0x1b / 255.f, 0x24 / 255.f },
  };
  float t = CLAMP (heat, 0.f, 1.f) * 2;
  guint i = MIN ((guint) t, 1);
  float f = t - i;

  return (GdkRGBA) { stops[i][0] + (stops[i + 1][0] - stops[i][0]) * f,
                     stops[i][1] + (stops[i + 1][1] - stops[i][1]) * f,
                     stops[i][2] + (stops[i + 1][2] - stops[i][2]) * f, 1 };
}

GdkRGBA
trail_style_get_evidence_color (const TrailStyle *self,
                                TrailEvidence     evidence)
{
  gboolean dark = self->variant == TRAIL_STYLE_DARK;

  switch (evidence)
    {
    case TRAIL_EVIDENCE_OBSERVED:
      return rgba (dark ? "#57e389" : "#1f8a4c");
    case TRAIL_EVIDENCE_ASSUMED:
      return rgba (dark ? "#f8c444" : "#a86200");
    case TRAIL_EVIDENCE_PROPOSED:
      return rgba (dark ? "#99c1f1" : "#1c71d8");
    case TRAIL_EVIDENCE_NONE:
    default:
      return self->text_muted;
    }
}
