/* trail-inspector-section.c — one page of the inspector
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A field is tied to a property name; the item is the section's. Text is
 * not a command per key: it is remembered as pending together with the
 * item it was typed for, and committed to that item when the field is
 * left, on Enter, after a pause, or before another item is shown. Loading
 * a new item replaces every field's text and forgets the field's own undo
 * history, so neither typing nor the field's Ctrl+Z can carry one item's
 * text onto another.
 */
#define G_LOG_DOMAIN "trail-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-inspector-section.h"

#define COMMIT_DELAY_MS 1500

typedef enum
{
  FIELD_ENTRY,
  FIELD_TEXT,
  FIELD_COMBO,
  FIELD_SPIN,
  FIELD_COLOR,
  FIELD_SWITCH,
} FieldKind;

typedef struct
{
  TrailInspectorSection *section;
  FieldKind              kind;
  const char            *property;   /* interned */
  GtkWidget             *widget;
  GType                  enum_type;
} Field;

typedef struct
{
  TrailDocument *document;
  GObject       *item;
  char          *title;
  GPtrArray     *fields;             /* Field, owned; widgets point at them */

  Field         *pending;            /* a text field typed in and not committed */
  GObject       *pending_item;       /* the item shown while it was typed */
  guint          pending_id;
  guint          loading;
} TrailInspectorSectionPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (TrailInspectorSection, trail_inspector_section, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- Values ------------------------------------------------------------ */

static gboolean
is_text (Field *field)
{
  return field->kind == FIELD_ENTRY || field->kind == FIELD_TEXT;
}

static char *
dup_widget_text (Field *field)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  if (field->kind == FIELD_ENTRY)
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->widget)));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Replaces a text field's content without the replacement, or anything
 * typed before it, becoming undoable in the field: its Ctrl+Z must never
 * bring back the text of an item shown earlier. */
static void
set_widget_text (Field      *field,
                 const char *text,
                 gboolean    forget_history)
{
  g_autofree char *now = dup_widget_text (field);
  gboolean differs = g_strcmp0 (now, text) != 0;

  if (!differs && !forget_history)
    return;

  if (field->kind == FIELD_ENTRY)
    {
      GtkEditable *editable = GTK_EDITABLE (field->widget);

      gtk_editable_set_enable_undo (editable, FALSE);
      if (differs)
        gtk_editable_set_text (editable, text);
      gtk_editable_set_enable_undo (editable, TRUE);
    }
  else
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget));

      gtk_text_buffer_set_enable_undo (buffer, FALSE);
      if (differs)
        gtk_text_buffer_set_text (buffer, text, -1);
      gtk_text_buffer_set_enable_undo (buffer, TRUE);
    }
}

static int
enum_value_at (GType type,
               guint position)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);

  return position < klass->n_values ? klass->values[position].value : 0;
}

static guint
enum_position_of (GType type,
                  int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);

  for (guint i = 0; i < klass->n_values; i++)
    if (klass->values[i].value == value)
      return i;
  return 0;
}

/* An item removed from the document (or whose addition was undone) takes
 * no more edits. */
static gboolean
is_in_document (TrailDocument *document,
                GObject       *item)
{
  if (TRAIL_IS_DOCUMENT (item))
    return item == G_OBJECT (document);
  if (TRAIL_IS_STAGE (item))
    return trail_document_find_stage (document, trail_stage_get_id (TRAIL_STAGE (item))) == (gpointer) item;
  if (TRAIL_IS_LANE (item))
    return trail_document_find_lane (document, trail_lane_get_id (TRAIL_LANE (item))) == (gpointer) item;
  if (TRAIL_IS_CARD (item))
    return trail_document_find_card (document, trail_card_get_id (TRAIL_CARD (item))) == (gpointer) item;
  if (TRAIL_IS_PERSONA (item))
    return trail_document_find_persona (document, trail_persona_get_id (TRAIL_PERSONA (item))) == (gpointer) item;
  if (TRAIL_IS_CUSTOM_CHANNEL (item))
    return trail_document_find_channel (document,
                                        trail_custom_channel_get_id (TRAIL_CUSTOM_CHANNEL (item))) == (gpointer) item;
  if (TRAIL_IS_EMOTION_POINT (item))
    return trail_document_find_emotion_point (document,
                                              trail_emotion_point_get_id (TRAIL_EMOTION_POINT (item))) == (gpointer) item;
  return FALSE;
}

/* Reads @field's widget into @value (initialised to the property's type);
 * FALSE when the widget holds nothing to write. */
static gboolean
read_field (Field        *field,
            GParamSpec   *pspec,
            const GValue *current,
            GValue       *value)
{
  switch (field->kind)
    {
    case FIELD_ENTRY:
    case FIELD_TEXT:
      {
        g_autofree char *text = dup_widget_text (field);
        const char *now = g_value_get_string (current);

        /* An empty optional field is no value, not an empty one. */
        if (text[0] == '\0' && G_PARAM_SPEC_STRING (pspec)->default_value == NULL)
          g_clear_pointer (&text, g_free);
        if (g_strcmp0 (text, now) == 0 || (text == NULL && now != NULL && now[0] == '\0'))
          return FALSE;
        g_value_take_string (value, g_steal_pointer (&text));
      }
      return TRUE;

    case FIELD_COMBO:
      g_value_set_enum (value, enum_value_at (field->enum_type,
                                              adw_combo_row_get_selected (ADW_COMBO_ROW (field->widget))));
      return TRUE;

    case FIELD_SPIN:
      {
        int n = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (field->widget));

        if (G_VALUE_HOLDS_UINT (value))
          g_value_set_uint (value, MAX (n, 0));
        else if (G_VALUE_HOLDS_DOUBLE (value))
          g_value_set_double (value, n);
        else
          g_value_set_int (value, n);
      }
      return TRUE;

    case FIELD_COLOR:
      {
        GdkRGBA rgba;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
        gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (field->widget), &rgba);
G_GNUC_END_IGNORE_DEPRECATIONS
        g_value_take_string (value, g_strdup_printf ("#%02x%02x%02x", (int) (rgba.red * 255 + 0.5),
                                                     (int) (rgba.green * 255 + 0.5),
                                                     (int) (rgba.blue * 255 + 0.5)));
      }
      return TRUE;

    case FIELD_SWITCH:
      g_value_set_boolean (value, gtk_switch_get_active (GTK_SWITCH (field->widget)));
      return TRUE;

    default:
      return FALSE;
    }
}

static void
commit_field (TrailInspectorSection *self,
              Field                 *field,
              GObject               *item)
{
  TrailInspectorSectionPrivate *priv = trail_inspector_section_get_instance_private (self);
  GParamSpec *pspec;
  g_auto(GValue) value = G_VALUE_INIT;
  g_auto(GValue) current = G_VALUE_INIT;

  if (priv->document == NULL || item == NULL || !is_in_document (priv->document, item))
    return;
  if ((pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (item), field->property)) == NULL)
    return;

  g_value_init (&value, pspec->value_type);
  g_value_init (&current, pspec->value_type);
  g_object_get_property (item, field->property, &current);

  if (!read_field (field, pspec, &current, &value) || g_param_values_cmp (pspec, &value, &current) == 0)
    return;

  TRAIL_INSPECTOR_SECTION_GET_CLASS (self)->write (self, item, field->property, &value);
}

static void
commit_pending (TrailInspectorSection *self)
{
  TrailInspectorSectionPrivate *priv = trail_inspector_section_get_instance_private (self);
  Field *field = g_steal_pointer (&priv->pending);
  g_autoptr(GObject) item = g_steal_pointer (&priv->pending_item);

  g_clear_handle_id (&priv->pending_id, g_source_remove);
  if (field != NULL && item != NULL)
    commit_field (self, field, item);
}

/* ---- Loading ------------------------------------------------------------ */

static void
load_field (TrailInspectorSection *self,
            Field                 *field,
            gboolean               new_item)
{
  TrailInspectorSectionPrivate *priv = trail_inspector_section_get_instance_private (self);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (priv->item), field->property);
  g_auto(GValue) value = G_VALUE_INIT;

  if (pspec == NULL)
    return;
  /* Text still being typed for this item wins over its stored value. */
  if (field == priv->pending)
    return;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (priv->item, field->property, &value);

  switch (field->kind)
    {
    case FIELD_ENTRY:
    case FIELD_TEXT:
      set_widget_text (field, g_value_get_string (&value) ?: "", new_item);
      break;
    case FIELD_COMBO:
      adw_combo_row_set_selected (ADW_COMBO_ROW (field->widget),
                                  enum_position_of (field->enum_type, g_value_get_enum (&value)));
      break;
    case FIELD_SPIN:
      if (G_VALUE_HOLDS_UINT (&value))
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (field->widget), g_value_get_uint (&value));
      else if (G_VALUE_HOLDS_DOUBLE (&value))
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (field->widget), g_value_get_double (&value));
      else
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (field->widget), g_value_get_int (&value));
      break;
    case FIELD_COLOR:
      {
        GdkRGBA rgba = { 0.6, 0.6, 0.6, 1 };
        const char *s = g_value_get_string (&value);

        if (s != NULL)
          gdk_rgba_parse (&rgba, s);
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
        gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (field->widget), &rgba);
G_GNUC_END_IGNORE_DEPRECATIONS
      }
      break;
    case FIELD_SWITCH:
      gtk_switch_set_active (GTK_SWITCH (field->widget), g_value_get_boolean (&value));
      break;
    default:
      break;
    }
}

static void
load (TrailInspectorSection *self,
      gboolean               new_item)
{
  TrailInspectorSectionPrivate *priv = trail_inspector_section_get_instance_private (self);

  if (priv->item == NULL || priv->document == NULL)
    return;

  priv->loading++;
  for (guint i = 0; i < priv->fields->len; i++)
    load_field (self, g_ptr_array_index (priv->fields, i), new_item);
  if (TRAIL_INSPECTOR_SECTION_GET_CLASS (self)->load != NULL)
    TRAIL_INSPECTOR_SECTION_GET_CLASS (self)->load (self, priv->item);
  priv->loading--;
}

/* ---- Callbacks ------------------------------------------------------------ */

static gboolean
on_pending_timeout_cb (gpointer user_data)
{
  TrailInspectorSection *self = user_data;
  TrailInspectorSectionPrivate *priv = trail_inspector_section_get_instance_private (self);

  priv->pending_id = 0;
  commit_pending (self);
  return G_SOURCE_REMOVE;
}

/* A field's commit is only delayed so that typing is not one undo step
 * per key: before a draft is written it happens at once, and the draft
 * has the text. */
static gboolean
on_prepare_draft_cb (TrailInspectorSection *self,
                     TrailDraftOverlay     *draft)
{
  if (draft == NULL)
    commit_pending (self);
  return FALSE;
}

static void
on_field_edited_cb (GtkWidget             *widget,
                    TrailInspectorSection *self)
{
  TrailInspectorSectionPrivate *priv = trail_inspector_section_get_instance_private (self);
  Field *field = g_object_get_data (G_OBJECT (widget), "trail-field");

  if (priv->loading > 0 || field == NULL || priv->item == NULL)
    return;

  if (is_text (field))
    {
      /* Bound to the item shown now, whatever is shown when it is committed. */
      if (priv->pending != field || priv->pending_item != priv->item)
        commit_pending (self);
      priv->pending = field;
      g_set_object (&priv->pending_item, priv->item);
      g_clear_handle_id (&priv->pending_id, g_source_remove);
      priv->pending_id = g_timeout_add (COMMIT_DELAY_MS, on_pending_timeout_cb, self);
      /* Typing without a pause never commits: it is drafted all the same. */
      if (priv->document != NULL)
        trail_document_note_pending_edit (priv->document);
      return;
    }

  commit_pending (self);
  commit_field (self, field, priv->item);
}

/* notify:: passes the pspec before the user data. */
static void
on_field_notify_cb (GObject               *widget,
                    GParamSpec            *pspec,
                    TrailInspectorSection *self)
{
  on_field_edited_cb (GTK_WIDGET (widget), self);
}

static void
on_text_buffer_changed_cb (GtkTextBuffer         *buffer,
                           TrailInspectorSection *self)
{
  on_field_edited_cb (g_object_get_data (G_OBJECT (buffer), "trail-view"), self);
}

static void
on_field_done_cb (GtkWidget             *widget,
                  TrailInspectorSection *self)
{
  TrailInspectorSectionPrivate *priv = trail_inspector_section_get_instance_private (self);
  Field *field = g_object_get_data (G_OBJECT (widget), "trail-field");

  if (field != NULL && priv->pending == field)
    commit_pending (self);
}

static void
on_focus_leave_cb (GtkEventControllerFocus *controller,
                   TrailInspectorSection   *self)
{
  on_field_done_cb (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)), self);
}

static void
on_document_changed_cb (TrailInspectorSection *self,
                        TrailChangeFlags       what,
                        GObject               *object)
{
  TrailInspectorSectionPrivate *priv = trail_inspector_section_get_instance_private (self);

  if (priv->item != NULL && TRAIL_INSPECTOR_SECTION_GET_CLASS (self)->concerns (self, what, object))
    load (self, FALSE);
}

/* ---- Binding ------------------------------------------------------------- */

static void
label_for_tests (GtkWidget  *widget,
                 const char *label)
{
  gtk_widget_add_css_class (widget, "trail-inspector-field");
  g_object_set_data_full (G_OBJECT (widget), "label", g_strdup (label), g_free);
}

static Field *
add_field (TrailInspectorSection *self,
           FieldKind              kind,
           const char            *property,
           GtkWidget             *widget,
           const char            *label)
{
  TrailInspectorSectionPrivate *priv = trail_inspector_section_get_instance_private (self);
  Field *field = g_new0 (Field, 1);
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);

  /* For the canvas's debug geometry: tests aim at fields by title. */
  if (row == NULL || kind == FIELD_TEXT)
    row = widget;
  label_for_tests (row, label);

  field->section = self;
  field->kind = kind;
  field->property = g_intern_string (property);
  field->widget = widget;
  g_ptr_array_add (priv->fields, field);

  /* Handlers die with the section, should a widget outlive it. */
  g_object_set_data (G_OBJECT (widget), "trail-field", field);
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_focus_leave_cb), self, 0);
  gtk_widget_add_controller (widget, focus);
  return field;
}

static const char *
row_title (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);

  return row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : NULL;
}

void
trail_inspector_section_bind_entry (TrailInspectorSection *self,
                                    AdwEntryRow           *row,
                                    const char            *property)
{
  g_return_if_fail (TRAIL_IS_INSPECTOR_SECTION (self));
  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  add_field (self, FIELD_ENTRY, property, GTK_WIDGET (row),
             adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  g_signal_connect_object (row, "changed", G_CALLBACK (on_field_edited_cb), self, 0);
  g_signal_connect_object (row, "entry-activated", G_CALLBACK (on_field_done_cb), self, 0);
}

void
trail_inspector_section_bind_text (TrailInspectorSection *self,
                                   GtkTextView           *view,
                                   const char            *property)
{
  GtkTextBuffer *buffer;
  GtkWidget *frame, *caption;

  g_return_if_fail (TRAIL_IS_INSPECTOR_SECTION (self));
  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  frame = gtk_widget_get_parent (GTK_WIDGET (view));
  caption = frame != NULL ? gtk_widget_get_prev_sibling (frame) : NULL;
  add_field (self, FIELD_TEXT, property, GTK_WIDGET (view),
             GTK_IS_LABEL (caption) ? gtk_label_get_text (GTK_LABEL (caption)) : property);

  buffer = gtk_text_view_get_buffer (view);
  g_object_set_data (G_OBJECT (buffer), "trail-view", view);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_text_buffer_changed_cb), self, 0);
}

void
trail_inspector_section_bind_combo (TrailInspectorSection *self,
                                    AdwComboRow           *row,
                                    const char            *property,
                                    GType                  enum_type,
                                    TrailEnumLabelFunc     get_label)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GEnumClass) klass = NULL;
  Field *field;

  g_return_if_fail (TRAIL_IS_INSPECTOR_SECTION (self));
  g_return_if_fail (ADW_IS_COMBO_ROW (row));
  g_return_if_fail (G_TYPE_IS_ENUM (enum_type));

  klass = g_type_class_ref (enum_type);
  for (guint i = 0; i < klass->n_values; i++)
    gtk_string_list_append (model, get_label (klass->values[i].value));
  adw_combo_row_set_model (row, G_LIST_MODEL (model));

  field = add_field (self, FIELD_COMBO, property, GTK_WIDGET (row),
                     adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  field->enum_type = enum_type;
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_field_notify_cb), self, 0);
}

void
trail_inspector_section_bind_spin (TrailInspectorSection *self,
                                   GtkSpinButton         *spin,
                                   const char            *property)
{
  g_return_if_fail (TRAIL_IS_INSPECTOR_SECTION (self));
  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  add_field (self, FIELD_SPIN, property, GTK_WIDGET (spin), row_title (GTK_WIDGET (spin)));
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (on_field_edited_cb), self, 0);
}

void
trail_inspector_section_bind_color (TrailInspectorSection *self,
                                    GtkWidget             *button,
                                    const char            *property)
{
  g_return_if_fail (TRAIL_IS_INSPECTOR_SECTION (self));
  g_return_if_fail (GTK_IS_COLOR_CHOOSER (button));

  add_field (self, FIELD_COLOR, property, button, row_title (button));
  g_signal_connect_object (button, "color-set", G_CALLBACK (on_field_edited_cb), self, 0);
}

void
trail_inspector_section_label_row (TrailInspectorSection *self,
                                   AdwPreferencesRow     *row)
{
  g_return_if_fail (TRAIL_IS_INSPECTOR_SECTION (self));
  g_return_if_fail (ADW_IS_PREFERENCES_ROW (row));

  label_for_tests (GTK_WIDGET (row), adw_preferences_row_get_title (row));
}

void
trail_inspector_section_label_widget (TrailInspectorSection *self,
                                      GtkWidget             *widget,
                                      const char            *label)
{
  g_return_if_fail (TRAIL_IS_INSPECTOR_SECTION (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  label_for_tests (widget, label);
}

void
trail_inspector_section_bind_switch (TrailInspectorSection *self,
                                     GtkSwitch             *sw,
                                     const char            *property)
{
  g_return_if_fail (TRAIL_IS_INSPECTOR_SECTION (self));
  g_return_if_fail (GTK_IS_SWITCH (sw));

  add_field (self, FIELD_SWITCH, property, GTK_WIDGET (sw), row_title (GTK_WIDGET (sw)));
  g_signal_connect_object (sw, "notify::active", G_CALLBACK (on_field_notify_cb), self, 0);
}

void
trail_inspector_section_class_set_template (GtkWidgetClass *widget_class,
                                            const char     *path)
{
  gtk_widget_class_set_template_from_resource (widget_class, path);
  gtk_widget_class_bind_template_callback (widget_class, trail_inspector_section_delete);
}

/* ---- Class ---------------------------------------------------------------- */

static gboolean
trail_inspector_section_real_concerns (TrailInspectorSection *self,
                                       TrailChangeFlags       what,
                                       GObject               *object)
{
  TrailInspectorSectionPrivate *priv = trail_inspector_section_get_instance_private (self);

  return object == priv->item;
}

static void
trail_inspector_section_real_write (TrailInspectorSection *self,
                                    GObject               *item,
                                    const char            *property,
                                    const GValue          *value)
{
  TrailInspectorSectionPrivate *priv = trail_inspector_section_get_instance_private (self);

  trail_document_update_value (priv->document, item, property, value);
}

/* The first field: a stage's Name, a card's Text, the map's Title. */
static gboolean
trail_inspector_section_grab_focus (GtkWidget *widget)
{
  TrailInspectorSection *self = TRAIL_INSPECTOR_SECTION (widget);
  TrailInspectorSectionPrivate *priv = trail_inspector_section_get_instance_private (self);
  Field *first = priv->fields->len > 0 ? g_ptr_array_index (priv->fields, 0) : NULL;

  if (first != NULL && gtk_widget_grab_focus (first->widget))
    return TRUE;
  return GTK_WIDGET_CLASS (trail_inspector_section_parent_class)->grab_focus (widget);
}

static void
trail_inspector_section_dispose (GObject *object)
{
  TrailInspectorSection *self = TRAIL_INSPECTOR_SECTION (object);

  commit_pending (self);
  trail_inspector_section_set_document (self, NULL);
  /* Subclasses cleared their templates' named children already. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (trail_inspector_section_parent_class)->dispose (object);
}

static void
trail_inspector_section_finalize (GObject *object)
{
  TrailInspectorSection *self = TRAIL_INSPECTOR_SECTION (object);
  TrailInspectorSectionPrivate *priv = trail_inspector_section_get_instance_private (self);

  /* After dispose: the widgets that point at fields are gone. */
  g_clear_pointer (&priv->fields, g_ptr_array_unref);
  g_clear_pointer (&priv->title, g_free);

  G_OBJECT_CLASS (trail_inspector_section_parent_class)->finalize (object);
}

static void
trail_inspector_section_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TrailInspectorSection *self = TRAIL_INSPECTOR_SECTION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, trail_inspector_section_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_inspector_section_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  TrailInspectorSection *self = TRAIL_INSPECTOR_SECTION (object);
  TrailInspectorSectionPrivate *priv = trail_inspector_section_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_TITLE:
      if (g_strcmp0 (priv->title, g_value_get_string (value)) != 0)
        {
          g_free (priv->title);
          priv->title = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_inspector_section_class_init (TrailInspectorSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trail_inspector_section_dispose;
  object_class->finalize = trail_inspector_section_finalize;
  object_class->get_property = trail_inspector_section_get_property;
  object_class->set_property = trail_inspector_section_set_property;

  widget_class->grab_focus = trail_inspector_section_grab_focus;

  klass->concerns = trail_inspector_section_real_concerns;
  klass->write = trail_inspector_section_real_write;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
trail_inspector_section_init (TrailInspectorSection *self)
{
  TrailInspectorSectionPrivate *priv = trail_inspector_section_get_instance_private (self);
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  priv->fields = g_ptr_array_new_with_free_func (g_free);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 18);
}

/* ---- Public API ------------------------------------------------------------ */

TrailDocument *
trail_inspector_section_get_document (TrailInspectorSection *self)
{
  TrailInspectorSectionPrivate *priv = trail_inspector_section_get_instance_private (self);

  g_return_val_if_fail (TRAIL_IS_INSPECTOR_SECTION (self), NULL);

  return priv->document;
}

void
trail_inspector_section_set_document (TrailInspectorSection *self,
                                      TrailDocument         *document)
{
  TrailInspectorSectionPrivate *priv = trail_inspector_section_get_instance_private (self);

  g_return_if_fail (TRAIL_IS_INSPECTOR_SECTION (self));
  g_return_if_fail (document == NULL || TRAIL_IS_DOCUMENT (document));

  if (priv->document == document)
    return;

  trail_inspector_section_set_item (self, NULL);
  if (priv->document != NULL)
    {
      g_signal_handlers_disconnect_by_func (priv->document, on_document_changed_cb, self);
      g_signal_handlers_disconnect_by_func (priv->document, on_prepare_draft_cb, self);
    }
  g_set_object (&priv->document, document);
  if (document != NULL)
    {
      g_signal_connect_object (document, "changed", G_CALLBACK (on_document_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "prepare-draft", G_CALLBACK (on_prepare_draft_cb), self, G_CONNECT_SWAPPED);
    }
}

GObject *
trail_inspector_section_get_item (TrailInspectorSection *self)
{
  TrailInspectorSectionPrivate *priv = trail_inspector_section_get_instance_private (self);

  g_return_val_if_fail (TRAIL_IS_INSPECTOR_SECTION (self), NULL);

  return priv->item;
}

void
trail_inspector_section_set_item (TrailInspectorSection *self,
                                  GObject               *item)
{
  TrailInspectorSectionPrivate *priv = trail_inspector_section_get_instance_private (self);
  gboolean new_item;

  g_return_if_fail (TRAIL_IS_INSPECTOR_SECTION (self));
  g_return_if_fail (item == NULL || G_IS_OBJECT (item));

  /* First the old item gets what was typed for it. */
  commit_pending (self);

  new_item = item != priv->item;
  g_set_object (&priv->item, item);
  load (self, new_item);
}

const char *
trail_inspector_section_get_title (TrailInspectorSection *self)
{
  TrailInspectorSectionPrivate *priv = trail_inspector_section_get_instance_private (self);

  g_return_val_if_fail (TRAIL_IS_INSPECTOR_SECTION (self), NULL);

  return priv->title;
}

void
trail_inspector_section_commit (TrailInspectorSection *self)
{
  g_return_if_fail (TRAIL_IS_INSPECTOR_SECTION (self));

  commit_pending (self);
}

void
trail_inspector_section_reload (TrailInspectorSection *self)
{
  g_return_if_fail (TRAIL_IS_INSPECTOR_SECTION (self));

  load (self, FALSE);
}

gboolean
trail_inspector_section_is_loading (TrailInspectorSection *self)
{
  TrailInspectorSectionPrivate *priv = trail_inspector_section_get_instance_private (self);

  g_return_val_if_fail (TRAIL_IS_INSPECTOR_SECTION (self), FALSE);

  return priv->loading > 0;
}

void
trail_inspector_section_delete (TrailInspectorSection *self)
{
  TrailInspectorSectionPrivate *priv = trail_inspector_section_get_instance_private (self);

  g_return_if_fail (TRAIL_IS_INSPECTOR_SECTION (self));

  commit_pending (self);
  if (priv->item == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "inspector.focus-canvas", NULL);
  /* The map view's action deletes the selection, which is what this
   * section shows, and offers the same Undo toast as the canvas. */
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "map.delete", NULL))
    g_warning ("No map.delete action to delete %s", G_OBJECT_TYPE_NAME (priv->item));
}
