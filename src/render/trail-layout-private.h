/* trail-layout-private.h — the items' full geometry, for the painters and
 * exporters of src/render only.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "trail-layout.h"

G_BEGIN_DECLS

/* A block of text placed somewhere: the measured layout and its top-left
 * corner. Positions inside an item are relative to the item's origin, so
 * moving an item moves only its bounds. */
typedef struct
{
  PangoLayout      *layout;
  graphene_point_t  pos;
  GdkRGBA           color;
} TrailText;

typedef struct
{
  TrailLayoutItem item;
  TrailText       title;
  TrailText       objective;
  TrailText       scope;
} TrailLayoutHeader;

typedef struct _TrailLayoutPersona TrailLayoutPersona;

struct _TrailLayoutPersona
{
  TrailLayoutItem  item;
  guint            index;
  GdkRGBA          color;
  GdkTexture      *photo;           /* decoded once, or NULL */
  TrailText        initials;        /* for the persona card avatar */
  PangoLayout     *initials_small;  /* for tags on cards, centred at paint time */
  graphene_rect_t  avatar;
  TrailText        name;
  TrailText        role;
  TrailText        quote;
  TrailText        details;
};

typedef struct
{
  TrailLayoutItem  item;            /* bounds: the header chevron */
  guint            index;
  GdkRGBA          face;
  GdkRGBA          on_face;
  graphene_rect_t  column;          /* header to the bottom of the last lane */
  gboolean         first;
  gboolean         last;
  TrailText        number;
  TrailText        name;
  TrailText        description;
} TrailLayoutStage;

typedef struct _TrailLayoutCell TrailLayoutCell;
typedef struct _TrailLayoutEmotions TrailLayoutEmotions;

typedef struct
{
  TrailLayoutItem      item;        /* bounds: the title column of the row */
  guint                index;
  TrailLaneKind        kind;
  graphene_rect_t      row;         /* the whole row, title column and cells */
  GdkRGBA              accent;
  graphene_rect_t      icon;
  TrailText            title;
  TrailText            kind_label;
  GPtrArray           *cells;       /* TrailLayoutCell*, one per visible stage */
  TrailLayoutEmotions *emotions;    /* for emotions lanes, else NULL */
} TrailLayoutLane;

struct _TrailLayoutCell
{
  TrailLayoutItem   item;
  TrailLayoutLane  *lane;
  TrailLayoutStage *stage;
  GPtrArray        *cards;          /* TrailLayoutCard* in cell order */
  float             content_height; /* cards and gaps, without padding */
};

typedef struct
{
  TrailLayoutPersona *persona;
  graphene_rect_t     rect;         /* relative to the card */
} TrailCardAvatar;

typedef struct
{
  TrailLayoutItem   item;
  TrailLayoutCell  *cell;
  TrailCardColors   colors;
  TrailLaneKind     kind;
  /* New with every measure: a drawing of the card kept from an earlier
   * frame is still right while this and the card's size are the same
   * (and the style: a new one redraws everything). */
  guint             serial;

  /* Measurement cache: text is shaped again only when these change. */
  char             *measured_text;
  float             measured_width;
  TrailStyle       *measured_style;

  TrailText         text;
  gboolean          ellipsized;
  const char       *icon;           /* channel or kind icon, may be NULL */
  graphene_rect_t   icon_rect;
  TrailText         meta;           /* "WEBSITE", "PAIN POINT"… or NULL layout */
  GArray           *avatars;        /* TrailCardAvatar */
  TrailText         more_personas;  /* "+3" or NULL layout */
  const char       *evidence_icon;
  graphene_rect_t   evidence_rect;
  GdkRGBA           evidence_color;
  TrailText         votes;
  graphene_rect_t   votes_icon;
  float             heat;           /* revealed dots, share of the most; 0: none */
  graphene_rect_t   heat_rect;      /* the pill behind the votes, when heat > 0 */
  TrailPriority     priority;
  int               action_status;  /* TrailActionStatus of the badge, or -1: no actions */
  graphene_rect_t   action_rect;    /* the badge, relative to the card */

  /* Metric cards: the latest value with its unit, its date and the
   * target, and a trend line of the dated values (relative to the card;
   * NULL with fewer than two values) with the target's height in it
   * (NAN without a target). */
  TrailText         metric_value;
  TrailText         metric_note;
  GArray           *trend;          /* graphene_point_t */
  graphene_rect_t   trend_rect;
  float             trend_target_y;
} TrailLayoutCard;

typedef struct
{
  TrailEmotionLine *line;
  GdkRGBA           color;
  char             *label;          /* persona name, or "Everyone" */
  GArray           *points;         /* graphene_point_t, map coordinates */
  GPtrArray        *notes;          /* TrailText (owned) for the high and low */
  int               high;           /* index in points, or -1 */
  int               low;
} TrailEmotionCurve;

/* What a survey measured, per visible stage, in one emotions plot: a
 * line through the median (or the mean, when the band is ±1 standard
 * deviation), a band over the interquartile range (or ±1 SD), and "n = …"
 * under each stage's mark. Straight segments: these are data, not a
 * feeling to be smoothed. */
/* How a metric card's trend is drawn, the same on screen and in SVG. */
#define TRAIL_METRIC_TREND_WIDTH       2.0
#define TRAIL_METRIC_TARGET_DASH       3.0
#define TRAIL_METRIC_DOT_RADIUS        3.0

/* How the crowd's ratings are drawn: longer dashes, thicker, and round
 * marks, told apart from a survey's diamonds without colour. */
#define TRAIL_CROWD_LINE_WIDTH         2.5f
#define TRAIL_CROWD_DASH               10.0
#define TRAIL_CROWD_GAP                5.0
#define TRAIL_CROWD_MARK_RADIUS        6.0f

/* How measured emotions are drawn, the same on screen and in SVG. */
#define TRAIL_MEASURED_BAND_HALF_WIDTH 14.0f
#define TRAIL_MEASURED_LINE_WIDTH      2.0f
#define TRAIL_MEASURED_DASH            5.0
#define TRAIL_MEASURED_GAP             4.0
#define TRAIL_MEASURED_MARK_RADIUS     5.0f

/* The crowd's ratings (trail-ratings.h) are drawn the same way, from
 * trail_document_crowd_point(): a TrailMeasuredCurve with @crowd set, no
 * survey and no persona, in the style's crowd_line colour, with "n = 7"
 * over each stage's band. One per map: in the first emotions lane for
 * everyone, else in the first emotions lane. */
typedef struct
{
  TrailSurvey *survey;              /* NULL for the crowd */
  gboolean     crowd;
  TrailPersona *persona;            /* NULL: everyone */
  gboolean     band;                /* draw the band (and the labels hold n) */
  GdkRGBA      color;
  GArray      *points;              /* graphene_point_t, map coordinates */
  GArray      *band_top;            /* float y per point */
  GArray      *band_bottom;         /* float y per point */
  GPtrArray   *labels;              /* TrailText (owned), "n = 212" */
} TrailMeasuredCurve;

struct _TrailLayoutEmotions
{
  TrailLayoutItem  item;            /* bounds: the plot, over the stage columns */
  TrailLayoutLane *lane;
  graphene_rect_t  plot;            /* where scores map, inside the bounds */
  int              min;
  int              max;
  double           neutral;
  GPtrArray       *scale_labels;    /* TrailText (owned), positions in map coordinates */
  GArray          *scale_y;         /* float per step, index 0 is min */
  GPtrArray       *curves;          /* TrailEmotionCurve (owned) */
  GPtrArray       *measured;        /* TrailMeasuredCurve (owned), one per survey */
};

typedef enum
{
  TRAIL_LEGEND_SWATCH_LINE,
  TRAIL_LEGEND_SWATCH_ICON,
  TRAIL_LEGEND_SWATCH_CARD,
} TrailLegendSwatchKind;

typedef struct
{
  TrailLegendSwatchKind kind;
  graphene_rect_t       swatch;     /* map coordinates */
  GdkRGBA               color;
  GdkRGBA               face;
  const char           *icon;
  TrailText             label;      /* pos in map coordinates */
} TrailLegendEntry;

typedef struct
{
  TrailLayoutItem item;
  GPtrArray      *headings;         /* TrailText (owned), map coordinates */
  GArray         *entries;          /* TrailLegendEntry */
} TrailLayoutLegend;

/* Accessors for the painters and writers. */
const TrailLayoutHeader *trail_layout_get_header        (TrailLayout *self);
const TrailLayoutLegend *trail_layout_get_legend        (TrailLayout *self);
GPtrArray               *trail_layout_get_personas      (TrailLayout *self);
PangoContext            *trail_layout_get_pango_context (TrailLayout *self);

/* Text positioned in map coordinates from an item-relative TrailText. */
static inline graphene_point_t
trail_text_origin (const TrailLayoutItem *item,
                   const TrailText       *text)
{
  return GRAPHENE_POINT_INIT (item->bounds.origin.x + text->pos.x,
                              item->bounds.origin.y + text->pos.y);
}

G_END_DECLS
