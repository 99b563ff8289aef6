/* trail-canvas-a11y.c — the map as accessible objects, for screen readers
 *
 * The tree under the canvas (GTK 4.10 and later):
 *
 *   Journey map (the canvas)
 *   ├── the inline editor, the context menu (when there)
 *   ├── persona cards                               group
 *   ├── stage headers, in order                     heading
 *   └── lanes, in order                             group
 *       └── cells, one per stage                    group
 *           └── cards, in order                     button
 *
 * Objects are made when an assistive technology first asks for them, and
 * structure is read from the document and the layout each time, so an
 * edit never rebuilds a tree: a renamed card renames its object, a removed
 * one drops it, and an added one is found by the next walk. A card that
 * has a widget (near the view) is that widget, linked into its cell.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "trail-canvas-a11y.h"
#include "trail-card-widget.h"
#include "trail-ratings.h"

static const char *
kind_name (TrailLaneKind kind)
{
  switch (kind)
    {
    case TRAIL_LANE_KIND_TOUCHPOINTS:   return _("Touchpoint");
    case TRAIL_LANE_KIND_ACTIONS:       return _("Action");
    case TRAIL_LANE_KIND_THOUGHTS:      return _("Thought");
    case TRAIL_LANE_KIND_PAIN_POINTS:   return _("Pain point");
    case TRAIL_LANE_KIND_OPPORTUNITIES: return _("Opportunity");
    case TRAIL_LANE_KIND_BACKSTAGE:     return _("Process");
    case TRAIL_LANE_KIND_KPIS:          return _("Metric");
    case TRAIL_LANE_KIND_NOTES:         return _("Note");
    case TRAIL_LANE_KIND_EMOTIONS:
    case TRAIL_LANE_KIND_CUSTOM:
    default:                            return _("Card");
    }
}

void
_trail_canvas_describe_card (TrailCanvas  *self,
                             TrailCard    *card,
                             char        **name,
                             char        **description)
{
  TrailLane *lane = NULL;
  TrailStage *stage = NULL;
  const char *kind;
  const char *text;

  if (self->document != NULL)
    {
      lane = trail_document_find_lane (self->document, trail_card_get_lane_id (card));
      stage = trail_document_find_stage (self->document, trail_card_get_stage_id (card));
    }
  kind = kind_name (lane != NULL ? trail_lane_get_kind (lane) : TRAIL_LANE_KIND_CUSTOM);
  text = trail_card_get_text (card);

  if (text == NULL || text[0] == '\0')
    /* Translators: the accessible name of a card with no text */
    *name = g_strdup_printf (_("Empty %s"), kind);
  else
    *name = g_strdup (text);

  /* Translators: a card's description for screen readers: its kind, stage and lane, e.g. "Pain point in Purchase, Pain points" */
  *description = g_strdup_printf (_("%s in %s, %s"), kind,
                                  stage != NULL ? trail_stage_get_name (stage) : "",
                                  lane != NULL ? trail_lane_get_title (lane) : "");
}

#if TRAIL_HAVE_GTK_4_10

typedef enum
{
  NODE_PERSONA,
  NODE_STAGE,
  NODE_LANE,
  NODE_CELL,
  NODE_CARD,
} NodeKind;

#define TRAIL_TYPE_A11Y_NODE (trail_a11y_node_get_type ())
G_DECLARE_FINAL_TYPE (TrailA11yNode, trail_a11y_node, TRAIL, A11Y_NODE, GObject)

struct _TrailA11yNode
{
  GObject        parent_instance;

  TrailCanvas   *canvas;    /* unowned: the canvas owns its nodes and drops them in dispose */
  NodeKind       kind;
  GObject       *object;    /* the stage, lane or card; a cell's lane */
  TrailStage    *stage;     /* a cell's stage */
  GtkATContext  *context;
  GHashTable    *cells;     /* a lane's: TrailStage* → its cell's node */
};

enum
{
  PROP_0,
  PROP_ACCESSIBLE_ROLE,
};

static void trail_a11y_node_accessible_init (GtkAccessibleInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TrailA11yNode, trail_a11y_node, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_ACCESSIBLE, trail_a11y_node_accessible_init))

static GtkAccessibleRole
node_role (NodeKind kind)
{
  switch (kind)
    {
    case NODE_PERSONA: return GTK_ACCESSIBLE_ROLE_GROUP;
    case NODE_STAGE: return GTK_ACCESSIBLE_ROLE_HEADING;
    case NODE_LANE:  return GTK_ACCESSIBLE_ROLE_GROUP;
    case NODE_CELL:  return GTK_ACCESSIBLE_ROLE_GROUP;
    case NODE_CARD:
    default:         return GTK_ACCESSIBLE_ROLE_BUTTON;
    }
}

/* ---- Finding things in the layout -------------------------------------- */

/* Accessibility is off (GTK_A11Y=none): nothing to keep. */
static gboolean
a11y_enabled (TrailCanvas *self)
{
  g_autoptr(GtkATContext) context = gtk_accessible_get_at_context (GTK_ACCESSIBLE (self));

  return context != NULL;
}

static int
index_of_object (GPtrArray *items,
                 gpointer   object)
{
  for (guint i = 0; i < items->len; i++)
    if (((const TrailLayoutItem *) items->pdata[i])->object == object)
      return (int) i;

  return -1;
}

/* The visible cards of a cell, in order (the layout leaves out cards of
 * hidden personas). */
static GPtrArray *
cell_cards (TrailCanvas *self,
            TrailLane   *lane,
            TrailStage  *stage)
{
  g_autoptr(GPtrArray) all = trail_document_get_cell_cards (self->document, lane, stage);
  GPtrArray *shown = g_ptr_array_sized_new (all->len);

  for (guint i = 0; i < all->len; i++)
    if (trail_layout_find (self->layout, all->pdata[i]) != NULL)
      g_ptr_array_add (shown, all->pdata[i]);

  return shown;
}

/* ---- Nodes ------------------------------------------------------------- */

/* What the crowd's line says at @stage, for the emotions cell that draws
 * it: "Crowd rating for Purchase: Positive, mean +1.2, 7 ratings"; NULL
 * when the cell shows no crowd point. */
static char *
describe_crowd (TrailCanvas *self,
                TrailLane   *lane,
                TrailStage  *stage)
{
  TrailCrowdPoint point;
  g_autofree char *count = NULL;
  g_autofree char *centre = NULL;
  const char *label;

  if (!trail_layout_lane_shows_crowd (self->layout, lane) ||
      !trail_document_crowd_point (self->document, stage, &point))
    return NULL;

  count = g_strdup_printf (ngettext ("%u rating", "%u ratings", point.n), point.n);
  centre = trail_crowd_format_value (point.centre);
  label = trail_document_get_scale_label (self->document, (int) lround (point.centre));
  if (trail_document_get_crowd_statistic (self->document) == TRAIL_CROWD_MEDIAN)
    /* Translators: read by screen readers on the emotions lane: the stage,
     * the scale's label for the crowd's median rating, the median and the
     * count, e.g. "Crowd rating for Purchase: Positive, median +1.0, 7 ratings" */
    return g_strdup_printf (_("Crowd rating for %s: %s, median %s, %s"),
                            trail_stage_get_name (stage), label, centre, count);
  /* Translators: read by screen readers on the emotions lane: the stage,
   * the scale's label for the crowd's mean rating, the mean and the count,
   * e.g. "Crowd rating for Purchase: Positive, mean +1.2, 7 ratings" */
  return g_strdup_printf (_("Crowd rating for %s: %s, mean %s, %s"),
                          trail_stage_get_name (stage), label, centre, count);
}

static GHashTable *
nodes (TrailCanvas *self)
{
  if (self->a11y_nodes == NULL)
    self->a11y_nodes = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);

  return self->a11y_nodes;
}

static void
update_node (TrailA11yNode *node)
{
  TrailCanvas *self = node->canvas;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  GPtrArray *items;

  switch (node->kind)
    {
    case NODE_PERSONA:
      name = g_strdup (trail_persona_get_name (TRAIL_PERSONA (node->object)));
      /* Translators: a persona card's description for screen readers, %s is the persona's role */
      description = g_strdup_printf (_("Persona: %s"), trail_persona_get_role (TRAIL_PERSONA (node->object)));
      break;

    case NODE_STAGE:
      items = trail_layout_get_stages (self->layout);
      name = g_strdup (trail_stage_get_name (TRAIL_STAGE (node->object)));
      /* Translators: a stage header's description for screen readers */
      description = g_strdup_printf (_("Stage %d of %u"),
                                     index_of_object (items, node->object) + 1, items->len);
      break;

    case NODE_LANE:
      items = trail_layout_get_lanes (self->layout);
      name = g_strdup (trail_lane_get_title (TRAIL_LANE (node->object)));
      /* Translators: a lane's description for screen readers */
      description = g_strdup_printf (_("Lane %d of %u"),
                                     index_of_object (items, node->object) + 1, items->len);
      break;

    case NODE_CELL:
      name = g_strdup (trail_stage_get_name (node->stage));
      /* Translators: a cell's description for screen readers: its lane and stage, e.g. "Pain points in Purchase" */
      description = g_strdup_printf (_("%s in %s"), trail_lane_get_title (TRAIL_LANE (node->object)),
                                     trail_stage_get_name (node->stage));
      /* The crowd's line is painted, not an object: its point at this
       * stage is told with the cell that draws it. */
      {
        g_autofree char *crowd = describe_crowd (self, TRAIL_LANE (node->object), node->stage);

        if (crowd != NULL)
          {
            g_autofree char *cell = g_steal_pointer (&description);

            /* Translators: an emotions cell's description ("Emotions in
             * Purchase"), then the crowd's rating of its stage */
            description = g_strdup_printf (_("%s. %s"), cell, crowd);
          }
      }
      break;

    case NODE_CARD:
    default:
      _trail_canvas_describe_card (self, TRAIL_CARD (node->object), &name, &description);
      break;
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (node),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static TrailA11yNode *
node_new (TrailCanvas *self,
          NodeKind     kind,
          GObject     *object,
          TrailStage  *stage)
{
  TrailA11yNode *node = g_object_new (TRAIL_TYPE_A11Y_NODE, NULL);

  node->canvas = self;
  node->kind = kind;
  node->object = g_object_ref (object);
  node->stage = stage != NULL ? g_object_ref (stage) : NULL;
  update_node (node);

  return node;
}

/* The node of a stage, lane or card, made on first use. */
static TrailA11yNode *
ensure_node (TrailCanvas *self,
             NodeKind     kind,
             gpointer     object)
{
  TrailA11yNode *node = g_hash_table_lookup (nodes (self), object);

  if (node == NULL)
    {
      node = node_new (self, kind, object, NULL);
      g_hash_table_insert (self->a11y_nodes, object, node);
    }

  return node;
}

static TrailA11yNode *
ensure_cell (TrailCanvas *self,
             TrailLane   *lane,
             TrailStage  *stage)
{
  TrailA11yNode *row = ensure_node (self, NODE_LANE, lane);
  TrailA11yNode *cell;

  if (row->cells == NULL)
    row->cells = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);

  cell = g_hash_table_lookup (row->cells, stage);
  if (cell == NULL)
    {
      cell = node_new (self, NODE_CELL, G_OBJECT (lane), stage);
      g_hash_table_insert (row->cells, stage, cell);
    }

  return cell;
}

static void link_cell (TrailCanvas *self, TrailLane *lane, TrailStage *stage);

/* What stands for a card in its cell: its widget if it has one, else its
 * node. */
static GtkAccessible *
card_accessible (TrailCanvas *self,
                 TrailCard   *card)
{
  GtkWidget *widget = _trail_canvas_lookup_card_widget (self, card);

  if (widget != NULL)
    return GTK_ACCESSIBLE (widget);

  return GTK_ACCESSIBLE (ensure_node (self, NODE_CARD, card));
}

/* Card widgets keep their next sibling in their context (GTK asks no
 * vfunc once an accessible parent is set): link the cell's widgets to
 * what follows each, back to front. */
static void
link_cell (TrailCanvas *self,
           TrailLane   *lane,
           TrailStage  *stage)
{
  g_autoptr(GPtrArray) cards = NULL;
  TrailA11yNode *cell;
  GtkAccessible *next = NULL;

  if (trail_layout_get_cell (self->layout, lane, stage) == NULL)
    return;

  cell = ensure_cell (self, lane, stage);
  cards = cell_cards (self, lane, stage);
  for (guint i = cards->len; i-- > 0;)
    {
      GtkAccessible *accessible = card_accessible (self, cards->pdata[i]);

      if (GTK_IS_WIDGET (accessible))
        gtk_accessible_set_accessible_parent (accessible, GTK_ACCESSIBLE (cell), next);
      next = accessible;
    }
}

static TrailStage *
cell_stage_after (TrailCanvas *self,
                  TrailLane   *lane,
                  int          index)
{
  GPtrArray *stages = trail_layout_get_stages (self->layout);

  for (guint i = index + 1; i < stages->len; i++)
    {
      TrailStage *stage = ((const TrailLayoutItem *) stages->pdata[i])->object;

      if (trail_layout_get_cell (self->layout, lane, stage) != NULL)
        return stage;
    }

  return NULL;
}

/* The map's own children, in reading order: the persona cards, the stage
 * headers, the lanes. A handful: made again when asked for. */
static GPtrArray *
top_objects (TrailCanvas *self)
{
  GListModel *personas = trail_document_get_personas (self->document);
  GPtrArray *stages = trail_layout_get_stages (self->layout);
  GPtrArray *lanes = trail_layout_get_lanes (self->layout);
  guint n_personas = g_list_model_get_n_items (personas);
  GPtrArray *objects = g_ptr_array_sized_new (n_personas + stages->len + lanes->len);

  for (guint i = 0; i < n_personas; i++)
    {
      g_autoptr(TrailPersona) persona = g_list_model_get_item (personas, i);

      if (trail_layout_find (self->layout, persona) != NULL)
        g_ptr_array_add (objects, persona);
    }
  for (guint i = 0; i < stages->len; i++)
    g_ptr_array_add (objects, ((const TrailLayoutItem *) stages->pdata[i])->object);
  for (guint i = 0; i < lanes->len; i++)
    g_ptr_array_add (objects, ((const TrailLayoutItem *) lanes->pdata[i])->object);

  return objects;
}

static GtkAccessible *
top_accessible (TrailCanvas *self,
                gpointer     object)
{
  NodeKind kind = TRAIL_IS_PERSONA (object) ? NODE_PERSONA : TRAIL_IS_STAGE (object) ? NODE_STAGE : NODE_LANE;

  return GTK_ACCESSIBLE (ensure_node (self, kind, object));
}

static GtkAccessible *
first_map_child (TrailCanvas *self)
{
  g_autoptr(GPtrArray) objects = NULL;

  if (self->layout == NULL)
    return NULL;

  objects = top_objects (self);
  return objects->len > 0 ? top_accessible (self, objects->pdata[0]) : NULL;
}

/* Map rectangle → rectangle in widget coordinates of the canvas. */
static void
map_to_canvas (TrailCanvas           *self,
               const graphene_rect_t *map,
               graphene_rect_t       *out)
{
  double x, y;

  _trail_canvas_map_to_widget (self, map->origin.x, map->origin.y, &x, &y);
  graphene_rect_init (out, x, y, map->size.width * self->zoom, map->size.height * self->zoom);
}

/* Where a node is, in canvas coordinates. */
static gboolean
node_canvas_bounds (TrailA11yNode   *node,
                    graphene_rect_t *out)
{
  TrailCanvas *self = node->canvas;
  const TrailLayoutItem *item;
  graphene_rect_t map;

  if (self == NULL || self->layout == NULL)
    return FALSE;

  switch (node->kind)
    {
    case NODE_LANE:
      /* The whole row: the title column and every cell. */
      if ((item = trail_layout_find (self->layout, node->object)) == NULL)
        return FALSE;
      map = item->bounds;
      map.size.width = trail_layout_get_width (self->layout) - map.origin.x;
      break;

    case NODE_CELL:
      if ((item = trail_layout_get_cell (self->layout, TRAIL_LANE (node->object), node->stage)) == NULL)
        return FALSE;
      map = item->bounds;
      break;

    case NODE_PERSONA:
    case NODE_STAGE:
    case NODE_CARD:
    default:
      if ((item = trail_layout_find (self->layout, node->object)) == NULL)
        return FALSE;
      map = item->bounds;
      break;
    }

  map_to_canvas (self, &map, out);
  return TRUE;
}

/* Both rounded in canvas coordinates, so that the offsets GTK adds up the
 * chain of parents come to the rounded position, not one pixel off per
 * level. */
static void
set_relative_bounds (const graphene_rect_t *bounds,
                     const graphene_rect_t *parent,
                     int                   *x,
                     int                   *y,
                     int                   *width,
                     int                   *height)
{
  *x = (int) roundf (bounds->origin.x) - (int) roundf (parent->origin.x);
  *y = (int) roundf (bounds->origin.y) - (int) roundf (parent->origin.y);
  *width = (int) roundf (bounds->origin.x + bounds->size.width) - (int) roundf (bounds->origin.x);
  *height = (int) roundf (bounds->origin.y + bounds->size.height) - (int) roundf (bounds->origin.y);
}

static TrailA11yNode *
parent_node (TrailA11yNode *node)
{
  TrailCanvas *self = node->canvas;
  TrailLane *lane;
  TrailStage *stage;

  switch (node->kind)
    {
    case NODE_CELL:
      return ensure_node (self, NODE_LANE, node->object);

    case NODE_CARD:
      lane = trail_document_find_lane (self->document, trail_card_get_lane_id (TRAIL_CARD (node->object)));
      stage = trail_document_find_stage (self->document, trail_card_get_stage_id (TRAIL_CARD (node->object)));
      if (lane == NULL || stage == NULL)
        return NULL;
      return ensure_cell (self, lane, stage);

    case NODE_PERSONA:
    case NODE_STAGE:
    case NODE_LANE:
    default:
      return NULL;
    }
}

/* ---- GtkAccessible ----------------------------------------------------- */

static GtkATContext *
trail_a11y_node_get_at_context (GtkAccessible *accessible)
{
  TrailA11yNode *node = TRAIL_A11Y_NODE (accessible);

  if (node->context == NULL && node->canvas != NULL)
    node->context = gtk_at_context_create (node_role (node->kind), accessible,
                                           gtk_widget_get_display (GTK_WIDGET (node->canvas)));

  return node->context != NULL ? g_object_ref (node->context) : NULL;
}

static gboolean
trail_a11y_node_get_platform_state (GtkAccessible              *accessible,
                                    GtkAccessiblePlatformState  state)
{
  return FALSE;
}

static GtkAccessible *
trail_a11y_node_get_accessible_parent (GtkAccessible *accessible)
{
  TrailA11yNode *node = TRAIL_A11Y_NODE (accessible);
  TrailA11yNode *parent;

  if (node->canvas == NULL || node->canvas->layout == NULL)
    return NULL;

  if (node->kind == NODE_PERSONA || node->kind == NODE_STAGE || node->kind == NODE_LANE)
    return g_object_ref (GTK_ACCESSIBLE (node->canvas));

  parent = parent_node (node);
  return parent != NULL ? g_object_ref (GTK_ACCESSIBLE (parent)) : NULL;
}

static GtkAccessible *
trail_a11y_node_get_first_accessible_child (GtkAccessible *accessible)
{
  TrailA11yNode *node = TRAIL_A11Y_NODE (accessible);
  TrailCanvas *self = node->canvas;
  g_autoptr(GPtrArray) cards = NULL;
  TrailStage *stage;

  if (self == NULL || self->layout == NULL)
    return NULL;

  switch (node->kind)
    {
    case NODE_LANE:
      stage = cell_stage_after (self, TRAIL_LANE (node->object), -1);
      return stage != NULL ? g_object_ref (GTK_ACCESSIBLE (ensure_cell (self, TRAIL_LANE (node->object), stage)))
                           : NULL;

    case NODE_CELL:
      cards = cell_cards (self, TRAIL_LANE (node->object), node->stage);
      if (cards->len == 0)
        return NULL;
      link_cell (self, TRAIL_LANE (node->object), node->stage);
      return g_object_ref (card_accessible (self, cards->pdata[0]));

    case NODE_PERSONA:
    case NODE_STAGE:
    case NODE_CARD:
    default:
      return NULL;
    }
}

static GtkAccessible *
trail_a11y_node_get_next_accessible_sibling (GtkAccessible *accessible)
{
  TrailA11yNode *node = TRAIL_A11Y_NODE (accessible);
  TrailCanvas *self = node->canvas;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) objects = NULL;
  TrailStage *stage;
  TrailLane *lane;
  int index;

  if (self == NULL || self->layout == NULL)
    return NULL;

  switch (node->kind)
    {
    case NODE_PERSONA:
    case NODE_STAGE:
    case NODE_LANE:
      objects = top_objects (self);
      for (guint i = 0; i + 1 < objects->len; i++)
        if (objects->pdata[i] == (gpointer) node->object)
          return g_object_ref (top_accessible (self, objects->pdata[i + 1]));
      return NULL;

    case NODE_CELL:
      lane = TRAIL_LANE (node->object);
      index = index_of_object (trail_layout_get_stages (self->layout), node->stage);
      if (index < 0)
        return NULL;
      stage = cell_stage_after (self, lane, index);
      return stage != NULL ? g_object_ref (GTK_ACCESSIBLE (ensure_cell (self, lane, stage))) : NULL;

    case NODE_CARD:
    default:
      lane = trail_document_find_lane (self->document, trail_card_get_lane_id (TRAIL_CARD (node->object)));
      stage = trail_document_find_stage (self->document, trail_card_get_stage_id (TRAIL_CARD (node->object)));
      if (lane == NULL || stage == NULL)
        return NULL;
      cards = cell_cards (self, lane, stage);
      for (guint i = 0; i + 1 < cards->len; i++)
        if (cards->pdata[i] == (gpointer) node->object)
          return g_object_ref (card_accessible (self, cards->pdata[i + 1]));
      return NULL;
    }
}

/* Relative to the accessible parent, as GTK wants it. */
static gboolean
trail_a11y_node_get_bounds (GtkAccessible *accessible,
                            int           *x,
                            int           *y,
                            int           *width,
                            int           *height)
{
  TrailA11yNode *node = TRAIL_A11Y_NODE (accessible);
  TrailA11yNode *parent;
  graphene_rect_t bounds, origin;

  if (!node_canvas_bounds (node, &bounds))
    return FALSE;

  parent = (node->kind == NODE_CELL || node->kind == NODE_CARD) ? parent_node (node) : NULL;
  if (parent == NULL || !node_canvas_bounds (parent, &origin))
    graphene_rect_init (&origin, 0, 0, 0, 0);

  set_relative_bounds (&bounds, &origin, x, y, width, height);
  return TRUE;
}

static void
trail_a11y_node_accessible_init (GtkAccessibleInterface *iface)
{
  iface->get_at_context = trail_a11y_node_get_at_context;
  iface->get_platform_state = trail_a11y_node_get_platform_state;
  iface->get_accessible_parent = trail_a11y_node_get_accessible_parent;
  iface->get_first_accessible_child = trail_a11y_node_get_first_accessible_child;
  iface->get_next_accessible_sibling = trail_a11y_node_get_next_accessible_sibling;
  iface->get_bounds = trail_a11y_node_get_bounds;
}

/* ---- GObject ----------------------------------------------------------- */

static void
trail_a11y_node_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TrailA11yNode *node = TRAIL_A11Y_NODE (object);

  switch (prop_id)
    {
    case PROP_ACCESSIBLE_ROLE:
      g_value_set_enum (value, node_role (node->kind));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_a11y_node_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_ACCESSIBLE_ROLE:
      /* Fixed by the kind of node. */
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_a11y_node_dispose (GObject *object)
{
  TrailA11yNode *node = TRAIL_A11Y_NODE (object);

  node->canvas = NULL;
  g_clear_pointer (&node->cells, g_hash_table_unref);
  /* Dropping the context takes the object off the accessibility bus. */
  g_clear_object (&node->context);
  g_clear_object (&node->object);
  g_clear_object (&node->stage);

  G_OBJECT_CLASS (trail_a11y_node_parent_class)->dispose (object);
}

static void
trail_a11y_node_class_init (TrailA11yNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = trail_a11y_node_get_property;
  object_class->set_property = trail_a11y_node_set_property;
  object_class->dispose = trail_a11y_node_dispose;

  g_object_class_override_property (object_class, PROP_ACCESSIBLE_ROLE, "accessible-role");
}

static void
trail_a11y_node_init (TrailA11yNode *node)
{
}

/* ---- The canvas and its card widgets ----------------------------------- */

static GtkAccessible *
trail_canvas_a11y_get_first_accessible_child (GtkAccessible *accessible)
{
  TrailCanvas *self = TRAIL_CANVAS (accessible);
  GtkAccessible *next = first_map_child (self);
  g_autoptr(GPtrArray) extras = g_ptr_array_new ();

  /* Other widgets first, each linked to the next, the last to the map. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!TRAIL_IS_CARD_WIDGET (child))
      g_ptr_array_add (extras, child);

  for (guint i = extras->len; i-- > 0;)
    {
      gtk_accessible_set_accessible_parent (extras->pdata[i], accessible, next);
      next = extras->pdata[i];
    }

  return next != NULL ? g_object_ref (next) : NULL;
}

void
_trail_canvas_a11y_init_iface (GtkAccessibleInterface *iface)
{
  iface->get_first_accessible_child = trail_canvas_a11y_get_first_accessible_child;
}

static gboolean
trail_card_widget_a11y_get_bounds (GtkAccessible *accessible,
                                   int           *x,
                                   int           *y,
                                   int           *width,
                                   int           *height)
{
  GtkWidget *widget = GTK_WIDGET (accessible);
  GtkWidget *canvas = gtk_widget_get_parent (widget);
  g_autoptr(GtkAccessible) parent = gtk_accessible_get_accessible_parent (accessible);
  graphene_rect_t bounds, origin;

  if (canvas == NULL || !gtk_widget_compute_bounds (widget, canvas, &bounds))
    return FALSE;

  if (!TRAIL_IS_A11Y_NODE (parent) || !node_canvas_bounds (TRAIL_A11Y_NODE (parent), &origin))
    graphene_rect_init (&origin, 0, 0, 0, 0);

  set_relative_bounds (&bounds, &origin, x, y, width, height);
  return TRUE;
}

void
_trail_card_widget_a11y_init_iface (GtkAccessibleInterface *iface)
{
  iface->get_bounds = trail_card_widget_a11y_get_bounds;
}

/* ---- Following the document -------------------------------------------- */

static gboolean
node_is_gone (TrailCanvas   *self,
              TrailA11yNode *node)
{
  return trail_layout_find (self->layout, node->object) == NULL;
}

static void
refresh_cells (TrailCanvas   *self,
               TrailA11yNode *row,
               gboolean       prune)
{
  GHashTableIter iter;
  gpointer value;

  if (row->cells == NULL)
    return;

  g_hash_table_iter_init (&iter, row->cells);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      TrailA11yNode *cell = value;

      if (prune && trail_layout_get_cell (self->layout, TRAIL_LANE (cell->object), cell->stage) == NULL)
        g_hash_table_iter_remove (&iter);
      else
        update_node (cell);
    }
}

void
_trail_canvas_a11y_changed (TrailCanvas      *self,
                            TrailChangeFlags  what,
                            GObject          *object)
{
  GHashTableIter iter;
  gpointer value;
  TrailA11yNode *node;
  gboolean structure = (what & (TRAIL_CHANGE_STAGES | TRAIL_CHANGE_LANES | TRAIL_CHANGE_PERSONAS)) != 0;

  if (self->a11y_nodes == NULL || self->layout == NULL)
    return;

  /* One card edited, moved or removed: only its object changes, if it
   * has one; an added card is found by the next walk. */
  if (!structure && TRAIL_IS_CARD (object))
    {
      node = g_hash_table_lookup (self->a11y_nodes, object);
      if (node != NULL && node_is_gone (self, node))
        g_hash_table_remove (self->a11y_nodes, object);
      else if (node != NULL)
        update_node (node);
      return;
    }

  if (!structure && !(what & (TRAIL_CHANGE_CARDS | TRAIL_CHANGE_CARD_TEXT | TRAIL_CHANGE_RATINGS)))
    return;

  /* Several cards, a stage or a lane: every object made so far (only
   * those an assistive technology asked for). */
  g_hash_table_iter_init (&iter, self->a11y_nodes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      node = value;
      if (node_is_gone (self, node))
        g_hash_table_iter_remove (&iter);
      else if (structure || node->kind == NODE_CARD)
        {
          update_node (node);
          if (node->kind == NODE_LANE)
            refresh_cells (self, node, structure);
        }
      /* A rating or the crowd line's statistic: the emotions cells tell it. */
      else if ((what & TRAIL_CHANGE_RATINGS) && node->kind == NODE_LANE)
        refresh_cells (self, node, FALSE);
    }
}

void
_trail_canvas_a11y_sync_widgets (TrailCanvas *self)
{
  GHashTableIter iter;
  gpointer key, value;

  if (self->layout == NULL || g_hash_table_size (self->card_widgets) == 0 || !a11y_enabled (self))
    return;

  g_hash_table_iter_init (&iter, self->card_widgets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      TrailCard *card = key;
      TrailLane *lane = trail_document_find_lane (self->document, trail_card_get_lane_id (card));
      TrailStage *stage = trail_document_find_stage (self->document, trail_card_get_stage_id (card));

      if (lane != NULL && stage != NULL)
        link_cell (self, lane, stage);
    }
}

void
_trail_canvas_a11y_clear (TrailCanvas *self)
{
  g_clear_pointer (&self->a11y_nodes, g_hash_table_unref);
}

#else /* GTK 4.8: the card widgets are all there is (docs/canvas.md). */

void
_trail_canvas_a11y_changed (TrailCanvas      *self,
                            TrailChangeFlags  what,
                            GObject          *object)
{
}

void
_trail_canvas_a11y_sync_widgets (TrailCanvas *self)
{
}

void
_trail_canvas_a11y_clear (TrailCanvas *self)
{
}

#endif
