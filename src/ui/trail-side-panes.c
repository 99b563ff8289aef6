/* trail-side-panes.c — the map view's palette and inspector beside the canvas
 *
 * Two panes at the sides of a content widget, each shown or hidden on its
 * own. In a wide window they sit beside the content; in a narrow one they
 * fold over it (and hide, until asked for). libadwaita 1.4 deprecated
 * AdwFlap for AdwOverlaySplitView, which folds by breakpoints: there the
 * panes are two split views in an AdwBreakpointBin, folding where the
 * panes, as wide as the split views make them, would leave the content
 * less than its minimum width. The panes' widths are measured, not
 * assumed: the inspector asks for 300 pixels and its rows make it about
 * 375 wide.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-side-panes"

#include "config.h"

#include <math.h>

#include "trail-compat.h"
#include "trail-side-panes.h"

/* The palette's, the inspector's and the canvas's minimum widths (the
 * panes' own minimums may be wider: then theirs count). */
#define START_WIDTH   240
#define END_WIDTH     300
#define CONTENT_WIDTH 240

struct _TrailSidePanes
{
  GtkWidget      parent_instance;

  GtkWidget     *outer;        /* the start pane; its content is inner */
  GtkWidget     *inner;        /* the end pane and the content */
  GtkWidget     *start;        /* the panes' children and the content (not owned) */
  GtkWidget     *end;
  GtkWidget     *content;
#if TRAIL_HAVE_ADW_SPLIT_VIEW
  AdwBreakpoint *fold_end;     /* too narrow for all three */
  AdwBreakpoint *fold_both;    /* too narrow for the palette beside the map */
  int            all_width;    /* the widths they fold below, as set */
  int            start_width;
#endif
};

enum
{
  PROP_0,
  PROP_START,
  PROP_END,
  PROP_CONTENT,
  PROP_SHOW_START,
  PROP_SHOW_END,
  PROP_OVERLAID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TrailSidePanes, trail_side_panes, GTK_TYPE_WIDGET)

/* ---- The two ways ------------------------------------------------------- */

#if TRAIL_HAVE_ADW_SPLIT_VIEW

#define SHOW_PROPERTY "show-sidebar"
#define FOLD_PROPERTY "collapsed"

static GtkWidget *
new_pane (GtkPackType side)
{
  GtkWidget *pane = adw_overlay_split_view_new ();

  adw_overlay_split_view_set_sidebar_position (ADW_OVERLAY_SPLIT_VIEW (pane), side);
  /* As wide as the pane's own minimum, a little more in a wide window. */
  adw_overlay_split_view_set_min_sidebar_width (ADW_OVERLAY_SPLIT_VIEW (pane),
                                                side == GTK_PACK_START ? START_WIDTH : END_WIDTH);
  adw_overlay_split_view_set_max_sidebar_width (ADW_OVERLAY_SPLIT_VIEW (pane),
                                                side == GTK_PACK_START ? START_WIDTH + 40 : END_WIDTH + 60);
  return pane;
}

static void
set_pane (GtkWidget *pane,
          GtkWidget *child)
{
  adw_overlay_split_view_set_sidebar (ADW_OVERLAY_SPLIT_VIEW (pane), child);
}

static void
set_content (GtkWidget *pane,
             GtkWidget *child)
{
  adw_overlay_split_view_set_content (ADW_OVERLAY_SPLIT_VIEW (pane), child);
}

static AdwBreakpointCondition *
new_condition (int max_width,
               int min_width)
{
  AdwBreakpointCondition *condition =
    adw_breakpoint_condition_new_length (ADW_BREAKPOINT_CONDITION_MAX_WIDTH, max_width, ADW_LENGTH_UNIT_PX);

  if (min_width > 0)
    condition = adw_breakpoint_condition_new_and (condition,
                                                  adw_breakpoint_condition_new_length (ADW_BREAKPOINT_CONDITION_MIN_WIDTH,
                                                                                       min_width, ADW_LENGTH_UNIT_PX));
  return condition;
}

/* How wide a docked pane is in a @width-wide split view: a fraction of the
 * width within the pane's bounds, and never below its child's minimum. */
static int
docked_width (GtkWidget *pane,
              GtkWidget *child,
              int        width)
{
  AdwOverlaySplitView *view = ADW_OVERLAY_SPLIT_VIEW (pane);
  double fraction = adw_overlay_split_view_get_sidebar_width_fraction (view);
  double lower = adw_overlay_split_view_get_min_sidebar_width (view);
  double upper = adw_overlay_split_view_get_max_sidebar_width (view);
  int child_min = 0;

  if (child != NULL && gtk_widget_get_visible (child))
    gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, NULL, NULL, NULL);

  return MAX (child_min, (int) ceil (CLAMP (width * fraction, lower, upper)));
}

/* The narrowest width at which the content keeps CONTENT_WIDTH beside the
 * panes (the inspector with @with_end): the panes grow with the width, so
 * the width is found by a few rounds from below. */
static int
fold_width (TrailSidePanes *self,
            gboolean        with_end)
{
  int content = CONTENT_WIDTH;
  int width;

  /* The map view's own minimum (its zoom controls) may be the wider. */
  if (self->content != NULL && gtk_widget_get_visible (self->content))
    {
      int content_min = 0;

      gtk_widget_measure (self->content, GTK_ORIENTATION_HORIZONTAL, -1, &content_min, NULL, NULL, NULL);
      content = MAX (content, content_min);
    }

  width = content;
  for (guint round = 0; round < 8; round++)
    {
      int sides = docked_width (self->outer, self->start, width) +
                  (with_end ? docked_width (self->inner, self->end, width) : 0);

      if (content + sides <= width)
        break;
      width = content + sides;
    }
  return width;
}

/* Each allocation, as the panes' contents (and the text size) may change
 * their minimum widths: cheap, GTK caches the measures. */
static void
update_breakpoints (TrailSidePanes *self)
{
  int all = fold_width (self, TRUE);
  int start_only = fold_width (self, FALSE);

  if (all == self->all_width && start_only == self->start_width)
    return;
  self->all_width = all;
  self->start_width = start_only;
  /* Too narrow for all three: the inspector floats (as the inner AdwFlap
   * folds first on 1.2), the palette stays. Too narrow for the palette
   * beside the canvas: both float. */
  adw_breakpoint_set_condition (self->fold_end, new_condition (all - 1, start_only));
  adw_breakpoint_set_condition (self->fold_both, new_condition (start_only - 1, 0));
}

/* AdwOverlaySplitView takes a folded pane shown over its content for a
 * modal one: the content stops taking the keyboard and the focus moves
 * into the pane (the inspector's first field, where the next letter typed
 * for the map would go). Our panes are not modal — AdwFlap on libadwaita
 * 1.2 leaves the keyboard where it is, and a click on the map sends the
 * pane away — so the content stays focusable. */
static void
keep_content_focusable (TrailSidePanes *self)
{
  GtkWidget *panes[] = { self->outer, self->inner };

  for (guint i = 0; i < G_N_ELEMENTS (panes); i++)
    {
      GtkWidget *content = adw_overlay_split_view_get_content (ADW_OVERLAY_SPLIT_VIEW (panes[i]));
      GtkWidget *bin = content != NULL ? gtk_widget_get_parent (content) : NULL;

      if (bin != NULL && bin != panes[i] && !gtk_widget_get_can_focus (bin))
        gtk_widget_set_can_focus (bin, TRUE);
    }
}

static void
set_shown (TrailSidePanes *self,
           GtkWidget      *pane,
           GtkWidget      *child,
           gboolean        show)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  g_autoptr(GtkWidget) kept = focus != NULL ? g_object_ref (focus) : NULL;

  adw_overlay_split_view_set_show_sidebar (ADW_OVERLAY_SPLIT_VIEW (pane), show);
  keep_content_focusable (self);

  /* The keyboard was outside the pane: it stays there. */
  if (show && kept != NULL && child != NULL && kept != child && !gtk_widget_is_ancestor (kept, child) &&
      gtk_widget_get_root (kept) == root && root != NULL && gtk_root_get_focus (root) != kept)
    gtk_widget_grab_focus (kept);
}

static void
build (TrailSidePanes *self)
{
  GtkWidget *bin = adw_breakpoint_bin_new ();

  self->outer = new_pane (GTK_PACK_START);
  self->inner = new_pane (GTK_PACK_END);
  set_content (self->outer, self->inner);

  /* The bin folds by its own width; it must know its smallest size. */
  gtk_widget_set_size_request (bin, CONTENT_WIDTH, 120);
  adw_breakpoint_bin_set_child (ADW_BREAKPOINT_BIN (bin), self->outer);

  /* Conditions from the assumed widths until the panes are measured. */
  self->fold_end = adw_breakpoint_new (new_condition (START_WIDTH + END_WIDTH + CONTENT_WIDTH - 1,
                                                      START_WIDTH + CONTENT_WIDTH));
  adw_breakpoint_add_setters (self->fold_end, G_OBJECT (self->inner), FOLD_PROPERTY, TRUE, NULL);
  adw_breakpoint_bin_add_breakpoint (ADW_BREAKPOINT_BIN (bin), self->fold_end);
  self->fold_both = adw_breakpoint_new (new_condition (START_WIDTH + CONTENT_WIDTH - 1, 0));
  adw_breakpoint_add_setters (self->fold_both,
                              G_OBJECT (self->outer), FOLD_PROPERTY, TRUE,
                              G_OBJECT (self->inner), FOLD_PROPERTY, TRUE,
                              NULL);
  adw_breakpoint_bin_add_breakpoint (ADW_BREAKPOINT_BIN (bin), self->fold_both);

  gtk_widget_set_parent (bin, GTK_WIDGET (self));
}

#else /* libadwaita 1.2 */

#define SHOW_PROPERTY "reveal-flap"
#define FOLD_PROPERTY "folded"

static GtkWidget *
new_pane (GtkPackType side)
{
  GtkWidget *pane = adw_flap_new ();

  adw_flap_set_flap_position (ADW_FLAP (pane), side);
  adw_flap_set_fold_threshold_policy (ADW_FLAP (pane), ADW_FOLD_THRESHOLD_POLICY_MINIMUM);
  adw_flap_set_swipe_to_open (ADW_FLAP (pane), FALSE);
  adw_flap_set_separator (ADW_FLAP (pane), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  return pane;
}

static void
set_pane (GtkWidget *pane,
          GtkWidget *child)
{
  GtkWidget *clamp = NULL;

  /* A folded AdwFlap gives its flap the flap's natural width, up to the
   * whole window: the palette (whose hint label asks for 900 pixels) would
   * cover all of the map. The clamp caps it at the split view's maximum
   * sidebar widths on 1.4; below that the pane gets all it is given, as
   * docked it does. */
  if (child != NULL)
    {
      int max = adw_flap_get_flap_position (ADW_FLAP (pane)) == GTK_PACK_START ? START_WIDTH + 40 : END_WIDTH + 60;

      clamp = adw_clamp_new ();
      adw_clamp_set_maximum_size (ADW_CLAMP (clamp), max);
      adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), max);
      adw_clamp_set_child (ADW_CLAMP (clamp), child);
    }
  adw_flap_set_flap (ADW_FLAP (pane), clamp);
}

static void
set_content (GtkWidget *pane,
             GtkWidget *child)
{
  adw_flap_set_content (ADW_FLAP (pane), child);
}

static void
set_shown (TrailSidePanes *self,
           GtkWidget      *pane,
           GtkWidget      *child,
           gboolean        show)
{
  adw_flap_set_reveal_flap (ADW_FLAP (pane), show);
}

static void
build (TrailSidePanes *self)
{
  self->outer = new_pane (GTK_PACK_START);
  self->inner = new_pane (GTK_PACK_END);
  set_content (self->outer, self->inner);
  gtk_widget_set_parent (self->outer, GTK_WIDGET (self));
}

#endif

/* ---- Callbacks ---------------------------------------------------------- */

static void
on_pane_shown_cb (TrailSidePanes *self,
                  GParamSpec     *pspec,
                  GObject        *pane)
{
#if TRAIL_HAVE_ADW_SPLIT_VIEW
  keep_content_focusable (self);
#endif
  g_object_notify_by_pspec (G_OBJECT (self),
                            properties[pane == (GObject *) self->outer ? PROP_SHOW_START : PROP_SHOW_END]);
}

static void
on_pane_folded_cb (TrailSidePanes *self)
{
#if TRAIL_HAVE_ADW_SPLIT_VIEW
  /* A pane shown while docked stays shown when it folds. */
  keep_content_focusable (self);
#endif
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERLAID]);
}

/* ---- GtkWidget ---------------------------------------------------------- */

static void
trail_side_panes_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

static void
trail_side_panes_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child == NULL)
    return;
#if TRAIL_HAVE_ADW_SPLIT_VIEW
  /* Before the bin checks its breakpoints against this width. */
  update_breakpoints (TRAIL_SIDE_PANES (widget));
#endif
  gtk_widget_allocate (child, width, height, baseline, NULL);
}

/* ---- GObject ------------------------------------------------------------ */

static void
trail_side_panes_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TrailSidePanes *self = TRAIL_SIDE_PANES (object);

  switch (prop_id)
    {
    case PROP_SHOW_START:
      g_value_set_boolean (value, trail_side_panes_get_show_start (self));
      break;
    case PROP_SHOW_END:
      g_value_set_boolean (value, trail_side_panes_get_show_end (self));
      break;
    case PROP_OVERLAID:
      g_value_set_boolean (value, trail_side_panes_get_overlaid (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_side_panes_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TrailSidePanes *self = TRAIL_SIDE_PANES (object);

  switch (prop_id)
    {
    case PROP_START:
      trail_side_panes_set_start (self, g_value_get_object (value));
      break;
    case PROP_END:
      trail_side_panes_set_end (self, g_value_get_object (value));
      break;
    case PROP_CONTENT:
      trail_side_panes_set_content (self, g_value_get_object (value));
      break;
    case PROP_SHOW_START:
      trail_side_panes_set_show_start (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_END:
      trail_side_panes_set_show_end (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_side_panes_dispose (GObject *object)
{
  TrailSidePanes *self = TRAIL_SIDE_PANES (object);
  GtkWidget *child;

  self->start = self->end = self->content = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (trail_side_panes_parent_class)->dispose (object);
}

static void
trail_side_panes_class_init (TrailSidePanesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = trail_side_panes_get_property;
  object_class->set_property = trail_side_panes_set_property;
  object_class->dispose = trail_side_panes_dispose;

  properties[PROP_START] =
    g_param_spec_object ("start", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_END] =
    g_param_spec_object ("end", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTENT] =
    g_param_spec_object ("content", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_START] =
    g_param_spec_boolean ("show-start", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_END] =
    g_param_spec_boolean ("show-end", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OVERLAID] =
    g_param_spec_boolean ("overlaid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->measure = trail_side_panes_measure;
  widget_class->size_allocate = trail_side_panes_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "trailsidepanes");
}

static void
trail_side_panes_init (TrailSidePanes *self)
{
  build (self);

  g_signal_connect_object (self->outer, "notify::" SHOW_PROPERTY,
                           G_CALLBACK (on_pane_shown_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inner, "notify::" SHOW_PROPERTY,
                           G_CALLBACK (on_pane_shown_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->outer, "notify::" FOLD_PROPERTY,
                           G_CALLBACK (on_pane_folded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inner, "notify::" FOLD_PROPERTY,
                           G_CALLBACK (on_pane_folded_cb), self, G_CONNECT_SWAPPED);
}

/* ---- Public API --------------------------------------------------------- */

GtkWidget *
trail_side_panes_new (void)
{
  return g_object_new (TRAIL_TYPE_SIDE_PANES, NULL);
}

void
trail_side_panes_set_start (TrailSidePanes *self,
                            GtkWidget      *start)
{
  g_return_if_fail (TRAIL_IS_SIDE_PANES (self));

  self->start = start;
  set_pane (self->outer, start);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
trail_side_panes_set_end (TrailSidePanes *self,
                          GtkWidget      *end)
{
  g_return_if_fail (TRAIL_IS_SIDE_PANES (self));

  self->end = end;
  set_pane (self->inner, end);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
trail_side_panes_set_content (TrailSidePanes *self,
                              GtkWidget      *content)
{
  g_return_if_fail (TRAIL_IS_SIDE_PANES (self));

  self->content = content;
  set_content (self->inner, content);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static gboolean
get_boolean (GtkWidget  *pane,
             const char *name)
{
  gboolean value;

  g_object_get (pane, name, &value, NULL);
  return value;
}

gboolean
trail_side_panes_get_show_start (TrailSidePanes *self)
{
  g_return_val_if_fail (TRAIL_IS_SIDE_PANES (self), FALSE);

  return get_boolean (self->outer, SHOW_PROPERTY);
}

void
trail_side_panes_set_show_start (TrailSidePanes *self,
                                 gboolean        show)
{
  g_return_if_fail (TRAIL_IS_SIDE_PANES (self));

  set_shown (self, self->outer, self->start, show);
}

gboolean
trail_side_panes_get_show_end (TrailSidePanes *self)
{
  g_return_val_if_fail (TRAIL_IS_SIDE_PANES (self), FALSE);

  return get_boolean (self->inner, SHOW_PROPERTY);
}

void
trail_side_panes_set_show_end (TrailSidePanes *self,
                               gboolean        show)
{
  g_return_if_fail (TRAIL_IS_SIDE_PANES (self));

  set_shown (self, self->inner, self->end, show);
}

gboolean
trail_side_panes_get_overlaid (TrailSidePanes *self)
{
  g_return_val_if_fail (TRAIL_IS_SIDE_PANES (self), FALSE);

  return get_boolean (self->outer, FOLD_PROPERTY) || get_boolean (self->inner, FOLD_PROPERTY);
}
