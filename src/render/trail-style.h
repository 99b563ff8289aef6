/* trail-style.h — colours, fonts and sizes of a drawn journey map
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "trail-model.h"

G_BEGIN_DECLS

#define TRAIL_TYPE_STYLE (trail_style_get_type())

typedef enum
{
  TRAIL_STYLE_LIGHT,
  TRAIL_STYLE_DARK,
  TRAIL_STYLE_HIGH_CONTRAST,
} TrailStyleVariant;

typedef enum
{
  TRAIL_FONT_TITLE,
  TRAIL_FONT_OBJECTIVE,
  TRAIL_FONT_SCOPE,
  TRAIL_FONT_STAGE_NUMBER,
  TRAIL_FONT_STAGE_NAME,
  TRAIL_FONT_STAGE_DESCRIPTION,
  TRAIL_FONT_LANE_TITLE,
  TRAIL_FONT_LANE_KIND,
  TRAIL_FONT_CARD_TEXT,
  TRAIL_FONT_CARD_META,
  TRAIL_FONT_CARD_FOOTER,
  TRAIL_FONT_AVATAR_SMALL,
  TRAIL_FONT_AVATAR_LARGE,
  TRAIL_FONT_PERSONA_NAME,
  TRAIL_FONT_PERSONA_ROLE,
  TRAIL_FONT_PERSONA_QUOTE,
  TRAIL_FONT_PERSONA_DETAILS,
  TRAIL_FONT_SCALE_LABEL,
  TRAIL_FONT_EMOTION_NOTE,
  TRAIL_FONT_LEGEND,
  TRAIL_FONT_LEGEND_HEADING,
  TRAIL_FONT_CROWD_COUNT,
  TRAIL_N_FONTS
} TrailFontRole;

/* The look of one kind of card: its face, edge, accent (bar and icon) and
 * text colours. */
typedef struct
{
  GdkRGBA face;
  GdkRGBA edge;
  GdkRGBA accent;
  GdkRGBA text;
  GdkRGBA meta;
} TrailCardColors;

/* A style is immutable once made and shared by reference: a layout measures
 * text with its fonts, and the painters and exporters read its colours, so
 * the screen and every export use the very same values. Sizes are in
 * logical pixels at 1×. Fields are public for reading. */
typedef struct
{
  /*< private >*/
  grefcount            ref_count;

  /*< public >*/
  TrailStyleVariant    variant;
  char                *font_family;
  PangoFontDescription *fonts[TRAIL_N_FONTS];

  /* Page */
  GdkRGBA              page;
  GdkRGBA              text;
  GdkRGBA              text_muted;
  /* Text straight on the page (title, objective, scope, legend): the
   * style's text, unless the picture is meant for another background
   * (trail_style_set_page_text_for_dark()). */
  GdkRGBA              page_text;
  GdkRGBA              page_text_muted;
  GdkRGBA              grid_line;
  GdkRGBA              row_band;
  GdkRGBA              row_band_alt;
  GdkRGBA              lane_header;
  GdkRGBA              lane_icon_face;
  GdkRGBA              card_shadow;
  GdkRGBA              selection;
  GdkRGBA              emotion_positive;
  GdkRGBA              emotion_negative;
  GdkRGBA              neutral_line;
  GdkRGBA              persona_face;
  GdkRGBA              persona_edge;
  GdkRGBA              everyone_line;
  /* The crowd's emotion line: no persona's colour, dark on light. */
  GdkRGBA              crowd_line;

  /* Sizes */
  float                margin;
  float                header_gap;
  float                section_gap;
  float                lane_header_width;
  float                stage_width;
  float                stage_header_min_height;
  float                stage_chevron;
  float                stage_gap;
  float                cell_padding;
  float                card_gap;
  float                card_radius;
  float                card_padding;
  float                card_accent_width;
  float                card_icon_size;
  float                card_max_lines;
  float                avatar_small;
  float                lane_min_height;
  float                emotion_step_height;
  float                emotion_min_height;
  float                emotion_line_width;
  float                emotion_point_radius;
  float                persona_width;
  float                persona_height;
  float                persona_avatar;
  float                persona_gap;
  float                border_width;
} TrailStyle;

GType            trail_style_get_type            (void) G_GNUC_CONST;
TrailStyle      *trail_style_new                 (TrailStyleVariant      variant);
/* For a transparent picture that lands on a dark slide: text on the page
 * takes the dark style's colours; the board keeps its own. */
void                 trail_style_set_page_text_for_dark (TrailStyle *self);
TrailStyle      *trail_style_ref                 (TrailStyle            *self);
void             trail_style_unref               (TrailStyle            *self);

const PangoFontDescription *
                 trail_style_get_font            (const TrailStyle      *self,
                                                  TrailFontRole          role);
/* The header colour of the stage at @index (its own colour when it has
 * one, else the palette's), and the colour of text drawn on it. */
void             trail_style_get_stage_colors    (const TrailStyle      *self,
                                                  TrailStage            *stage,
                                                  guint                  index,
                                                  GdkRGBA               *face,
                                                  GdkRGBA               *on_face);
GdkRGBA          trail_style_get_persona_color   (const TrailStyle      *self,
                                                  TrailPersona          *persona,
                                                  guint                  index);
/* The card colours for a lane kind; @override ("#rrggbb" from the card, or
 * NULL) tints the face and sets the accent. */
void             trail_style_get_card_colors     (const TrailStyle      *self,
                                                  TrailLaneKind          kind,
                                                  const char            *override,
                                                  TrailCardColors       *colors);
GdkRGBA          trail_style_get_lane_color      (const TrailStyle      *self,
                                                  TrailLaneKind          kind);
GdkRGBA          trail_style_get_evidence_color  (const TrailStyle      *self,
                                                  TrailEvidence          evidence);
/* The heat of a card's dot-vote count, @heat in (0, 1] as a share of the
 * most dots any card has: pale yellow to deep red. */
GdkRGBA          trail_style_get_heat_color      (const TrailStyle      *self,
                                                  float                  heat);
/* Black or white, whichever reads better on @face. */
GdkRGBA          trail_style_contrast_text       (const TrailStyle      *self,
                                                  const GdkRGBA         *face);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrailStyle, trail_style_unref)

G_END_DECLS
