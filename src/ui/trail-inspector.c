/* trail-inspector.c — edits the selection's properties
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each field names a property of the inspected object and is written back
 * with trail_document_update(), so every edit is one undoable command.
 * Typing is not a command per key: a field commits when it loses focus, on
 * Enter, or after a pause in typing, whichever comes first.
 */
#define G_LOG_DOMAIN "trail-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-image.h"
#include "trail-inspector.h"

#define COMMIT_DELAY_MS 1500

typedef enum
{
  PAGE_MAP,
  PAGE_CARD,
  PAGE_STAGE,
  PAGE_LANE,
  PAGE_PERSONA,
  PAGE_POINT,
  N_PAGES
} Page;

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
  Page        page;
  FieldKind   kind;
  const char *property;
  GtkWidget  *widget;     /* the entry row, text view, combo row, spin button… */
  GType       enum_type;
} Field;

struct _TrailInspector
{
  GtkWidget       parent_instance;

  GtkLabel       *title_label;
  GtkStack       *stack;
  GtkWidget      *pages[N_PAGES];
  GtkLabel       *cards_label;

  TrailDocument  *document;
  TrailCanvas    *canvas;
  GObject        *targets[N_PAGES];
  Page            page;
  GPtrArray      *fields;          /* Field, owned; widgets point at them */

  Field          *pending;         /* a field typed in and not committed */
  GObject        *pending_target;
  guint           pending_id;
  gboolean        updating;

  GtkWidget      *tags_group;
  GList          *tag_checks;
  GtkWidget      *scale_min;
  GtkWidget      *scale_max;
  GtkWidget      *photo;
  GtkWidget      *photo_error;
  GtkWidget      *point_stage_row;
  GtkWidget      *lane_persona_row;
  GPtrArray      *lane_persona_ids; /* row position → persona id, NULL for everyone */
  GtkNativeDialog *chooser;
};

G_DEFINE_FINAL_TYPE (TrailInspector, trail_inspector, GTK_TYPE_WIDGET)

static void load_page (TrailInspector *self, Page page);

/* ---- Values ----------------------------------------------------------------- */

static GParamSpec *
find_pspec (GObject    *target,
            const char *property)
{
  return g_object_class_find_property (G_OBJECT_GET_CLASS (target), property);
}

static char *
dup_widget_text (Field *field)
{
  if (field->kind == FIELD_ENTRY)
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->widget)));
  else
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
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

static void
commit_field (TrailInspector *self,
              Field          *field,
              GObject        *target)
{
  GParamSpec *pspec;
  g_auto(GValue) value = G_VALUE_INIT;
  g_auto(GValue) current = G_VALUE_INIT;

  if (self->document == NULL || target == NULL || self->updating)
    return;
  if ((pspec = find_pspec (target, field->property)) == NULL)
    return;

  g_value_init (&value, pspec->value_type);
  g_value_init (&current, pspec->value_type);
  g_object_get_property (target, field->property, &current);

  switch (field->kind)
    {
    case FIELD_ENTRY:
    case FIELD_TEXT:
      {
        g_autofree char *text = dup_widget_text (field);
        const char *now = g_value_get_string (&current);

        /* An empty optional field is no value, not an empty one. */
        if (text[0] == '\0' && G_PARAM_SPEC_STRING (pspec)->default_value == NULL)
          g_clear_pointer (&text, g_free);
        if (g_strcmp0 (text, now) == 0 || (text == NULL && now != NULL && now[0] == '\0'))
          return;
        g_value_take_string (&value, g_steal_pointer (&text));
      }
      break;

    case FIELD_COMBO:
      g_value_set_enum (&value, enum_value_at (field->enum_type,
                                               adw_combo_row_get_selected (ADW_COMBO_ROW (field->widget))));
      break;

    case FIELD_SPIN:
      {
        int n = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (field->widget));

        if (G_VALUE_HOLDS_UINT (&value))
          g_value_set_uint (&value, MAX (n, 0));
        else if (G_VALUE_HOLDS_DOUBLE (&value))
          g_value_set_double (&value, n);
        else
          g_value_set_int (&value, n);
      }
      break;

    case FIELD_COLOR:
      {
        GdkRGBA rgba;
        g_autofree char *hex = NULL;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
        gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (field->widget), &rgba);
G_GNUC_END_IGNORE_DEPRECATIONS
        hex = g_strdup_printf ("#%02x%02x%02x", (int) (rgba.red * 255 + 0.5),
                               (int) (rgba.green * 255 + 0.5), (int) (rgba.blue * 255 + 0.5));
        g_value_take_string (&value, g_steal_pointer (&hex));
      }
      break;

    case FIELD_SWITCH:
      g_value_set_boolean (&value, gtk_switch_get_active (GTK_SWITCH (field->widget)));
      break;

    default:
      return;
    }

  if (g_param_values_cmp (pspec, &value, &current) == 0)
    return;

  if (TRAIL_IS_EMOTION_POINT (target) && g_str_equal (field->property, "score"))
    {
      TrailEmotionPoint *point = TRAIL_EMOTION_POINT (target);
      TrailStage *stage = trail_document_find_stage (self->document, trail_emotion_point_get_stage_id (point));

      trail_document_set_emotion_point (self->document, point, stage,
                                        trail_emotion_point_get_position (point), g_value_get_double (&value));
      return;
    }

  trail_document_update_value (self->document, target, field->property, &value);
}

static void
commit_pending (TrailInspector *self)
{
  Field *field = self->pending;
  g_autoptr(GObject) target = g_steal_pointer (&self->pending_target);

  g_clear_handle_id (&self->pending_id, g_source_remove);
  self->pending = NULL;
  if (field != NULL && target != NULL)
    commit_field (self, field, target);
}

static gboolean
on_pending_timeout_cb (gpointer user_data)
{
  TrailInspector *self = user_data;

  self->pending_id = 0;
  commit_pending (self);
  return G_SOURCE_REMOVE;
}

static void
on_field_edited_cb (GtkWidget      *widget,
                    TrailInspector *self)
{
  Field *field = g_object_get_data (G_OBJECT (widget), "field");

  if (self->updating || field == NULL)
    return;

  if (field->kind == FIELD_ENTRY || field->kind == FIELD_TEXT)
    {
      if (self->pending != field)
        commit_pending (self);
      self->pending = field;
      g_set_object (&self->pending_target, self->targets[field->page]);
      g_clear_handle_id (&self->pending_id, g_source_remove);
      self->pending_id = g_timeout_add (COMMIT_DELAY_MS, on_pending_timeout_cb, self);
      return;
    }

  commit_pending (self);
  commit_field (self, field, self->targets[field->page]);
}

/* notify:: passes the pspec before the user data. */
static void
on_field_notify_cb (GObject        *widget,
                    GParamSpec     *pspec,
                    TrailInspector *self)
{
  on_field_edited_cb (GTK_WIDGET (widget), self);
}

static void
on_field_done_cb (GtkWidget      *widget,
                  TrailInspector *self)
{
  Field *field = g_object_get_data (G_OBJECT (widget), "field");

  if (field != NULL && self->pending == field)
    commit_pending (self);
}

static void
on_text_buffer_changed_cb (GtkTextBuffer  *buffer,
                           TrailInspector *self)
{
  on_field_edited_cb (g_object_get_data (G_OBJECT (buffer), "view"), self);
}

static void
on_focus_leave_cb (GtkEventControllerFocus *controller,
                   TrailInspector          *self)
{
  on_field_done_cb (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)), self);
}

/* ---- Building the pages ------------------------------------------------------ */

static Field *
add_field (TrailInspector *self,
           Page            page,
           FieldKind       kind,
           const char     *property,
           GtkWidget      *widget,
           GType           enum_type)
{
  Field *field = g_new0 (Field, 1);
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);

  /* For the canvas's debug geometry (tests aim at fields by title). */
  if (row == NULL || kind == FIELD_TEXT)
    row = widget;
  gtk_widget_add_css_class (row, "trail-inspector-field");
  if (row == widget && kind == FIELD_TEXT)
    g_object_set_data_full (G_OBJECT (row), "label",
                            g_strdup (g_object_get_data (G_OBJECT (widget), "title")), g_free);
  else
    g_object_set_data_full (G_OBJECT (row), "label",
                            g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))), g_free);

  field->page = page;
  field->kind = kind;
  field->property = property;
  field->widget = widget;
  field->enum_type = enum_type;
  g_ptr_array_add (self->fields, field);
  return field;
}

static void
connect_fields (TrailInspector *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      GtkEventController *focus = gtk_event_controller_focus_new ();

      /* Handlers die with the inspector, should a widget outlive it. */
      g_object_set_data (G_OBJECT (field->widget), "field", field);
      g_signal_connect_object (focus, "leave", G_CALLBACK (on_focus_leave_cb), self, 0);
      gtk_widget_add_controller (field->widget, focus);

      switch (field->kind)
        {
        case FIELD_ENTRY:
          g_signal_connect_object (field->widget, "changed", G_CALLBACK (on_field_edited_cb), self, 0);
          g_signal_connect_object (field->widget, "entry-activated", G_CALLBACK (on_field_done_cb), self, 0);
          break;
        case FIELD_TEXT:
          {
            GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget));

            g_object_set_data (G_OBJECT (buffer), "view", field->widget);
            g_signal_connect_object (buffer, "changed", G_CALLBACK (on_text_buffer_changed_cb), self, 0);
          }
          break;
        case FIELD_COMBO:
          g_signal_connect_object (field->widget, "notify::selected", G_CALLBACK (on_field_notify_cb), self, 0);
          break;
        case FIELD_SPIN:
          g_signal_connect_object (field->widget, "value-changed", G_CALLBACK (on_field_edited_cb), self, 0);
          break;
        case FIELD_COLOR:
          g_signal_connect_object (field->widget, "color-set", G_CALLBACK (on_field_edited_cb), self, 0);
          break;
        case FIELD_SWITCH:
          g_signal_connect_object (field->widget, "notify::active", G_CALLBACK (on_field_notify_cb), self, 0);
          break;
        default:
          break;
        }
    }
}

static GtkWidget *
add_group (TrailInspector *self,
           Page            page,
           const char     *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (GTK_BOX (self->pages[page]), group);
  return group;
}

static void
add_entry (TrailInspector *self,
           Page            page,
           GtkWidget      *group,
           const char     *title,
           const char     *property)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  add_field (self, page, FIELD_ENTRY, property, row, G_TYPE_NONE);
}

static void
add_text (TrailInspector *self,
          Page            page,
          GtkWidget      *group,
          const char     *title,
          const char     *property)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_widget_set_size_request (view, -1, 64);
  gtk_widget_add_css_class (view, "trail-inspector-text");
  g_object_set_data_full (G_OBJECT (view), "title", g_strdup (title), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_widget_set_margin_top (box, 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  add_field (self, page, FIELD_TEXT, property, view, G_TYPE_NONE);
}

static void
add_combo (TrailInspector *self,
           Page            page,
           GtkWidget      *group,
           const char     *title,
           const char     *property,
           GType           enum_type,
           const char *  (*get_label) (int value))
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);

  for (guint i = 0; i < klass->n_values; i++)
    gtk_string_list_append (model, get_label (klass->values[i].value));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  add_field (self, page, FIELD_COMBO, property, row, enum_type);
}

static GtkWidget *
add_spin (TrailInspector *self,
          Page            page,
          GtkWidget      *group,
          const char     *title,
          const char     *property,
          double          min,
          double          max)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  if (property != NULL)
    add_field (self, page, FIELD_SPIN, property, spin, G_TYPE_NONE);
  return spin;
}

static void
add_color (TrailInspector *self,
           Page            page,
           GtkWidget      *group,
           const char     *title,
           const char     *property)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  button = gtk_color_button_new ();
G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  add_field (self, page, FIELD_COLOR, property, button, G_TYPE_NONE);
}

static void
add_switch (TrailInspector *self,
            Page            page,
            GtkWidget      *group,
            const char     *title,
            const char     *property)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  add_field (self, page, FIELD_SWITCH, property, sw, G_TYPE_NONE);
}

static GtkWidget *
add_button (TrailInspector *self,
            Page            page,
            const char     *label,
            GCallback       callback,
            gboolean        destructive)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_halign (button, GTK_ALIGN_START);
  if (destructive)
    gtk_widget_add_css_class (button, "destructive-action");
  g_signal_connect_swapped (button, "clicked", callback, self);
  gtk_box_append (GTK_BOX (self->pages[page]), button);
  return button;
}

static const char *channel_label (int v) { return trail_channel_get_label (v); }
static const char *evidence_label (int v) { return trail_evidence_get_label (v); }
static const char *source_label (int v) { return trail_evidence_source_get_label (v); }
static const char *priority_label (int v) { return trail_priority_get_label (v); }
static const char *lane_kind_label (int v) { return trail_lane_kind_get_label (v); }

/* ---- Buttons -------------------------------------------------------------- */

static void
on_apply_scale_cb (TrailInspector *self)
{
  int min = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->scale_min));
  int max = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->scale_max));

  if (self->document == NULL)
    return;
  if (max <= min)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      load_page (self, PAGE_MAP);
      return;
    }
  if (min != trail_document_get_scale_min (self->document) || max != trail_document_get_scale_max (self->document))
    trail_document_set_scale (self->document, min, max, NULL);
}

static void
on_delete_clicked_cb (TrailInspector *self)
{
  GObject *target = self->targets[self->page];

  commit_pending (self);
  if (self->document == NULL || target == NULL)
    return;

  if (TRAIL_IS_STAGE (target))
    trail_document_remove_stage (self->document, TRAIL_STAGE (target));
  else if (TRAIL_IS_LANE (target))
    trail_document_remove_lane (self->document, TRAIL_LANE (target));
  else if (TRAIL_IS_PERSONA (target))
    trail_document_remove_persona (self->document, TRAIL_PERSONA (target));
  else if (TRAIL_IS_EMOTION_POINT (target))
    trail_document_remove_emotion_point (self->document, TRAIL_EMOTION_POINT (target));
  else if (TRAIL_IS_CARD (target))
    trail_document_remove_card (self->document, TRAIL_CARD (target));
}

static void
on_tag_toggled_cb (GtkCheckButton *check,
                   TrailInspector *self)
{
  TrailCard *card = TRAIL_CARD (self->targets[PAGE_CARD]);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) tags = NULL;

  if (self->updating || card == NULL)
    return;

  for (GList *l = self->tag_checks; l != NULL; l = l->next)
    if (gtk_check_button_get_active (l->data))
      g_strv_builder_add (builder, g_object_get_data (l->data, "persona-id"));
  tags = g_strv_builder_end (builder);
  trail_document_update (self->document, card, "persona-tags", tags, NULL);
}

static void
rebuild_tags (TrailInspector *self)
{
  TrailCard *card = TRAIL_CARD (self->targets[PAGE_CARD]);
  const char * const *tags = card != NULL ? trail_card_get_persona_tags (card) : NULL;
  GListModel *personas;

  for (GList *l = self->tag_checks; l != NULL; l = l->next)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->tags_group),
                                  gtk_widget_get_ancestor (l->data, ADW_TYPE_ACTION_ROW));
  g_clear_pointer (&self->tag_checks, g_list_free);

  if (self->document == NULL)
    return;

  personas = trail_document_get_personas (self->document);
  gtk_widget_set_visible (self->tags_group, g_list_model_get_n_items (personas) > 0);
  for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(TrailPersona) persona = g_list_model_get_item (personas, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), trail_persona_get_name (persona));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      trail_persona_get_name (persona), -1);
      g_object_set_data_full (G_OBJECT (check), "persona-id", g_strdup (trail_persona_get_id (persona)), g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   tags != NULL && g_strv_contains (tags, trail_persona_get_id (persona)));
      g_signal_connect (check, "toggled", G_CALLBACK (on_tag_toggled_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->tags_group), row);
      self->tag_checks = g_list_append (self->tag_checks, check);
    }
}

/* ---- Persona photo ------------------------------------------------------- */

static void
show_photo (TrailInspector *self)
{
  TrailPersona *persona = TRAIL_PERSONA (self->targets[PAGE_PERSONA]);
  GBytes *bytes = persona != NULL ? trail_persona_get_photo (persona) : NULL;
  g_autoptr(GdkTexture) texture = NULL;

  if (bytes != NULL)
    texture = gdk_texture_new_from_bytes (bytes, NULL);
  gtk_picture_set_paintable (GTK_PICTURE (self->photo), GDK_PAINTABLE (texture));
  gtk_widget_set_visible (self->photo, texture != NULL);
}

static void
set_photo_from_file (TrailInspector *self,
                     GFile          *file)
{
  TrailPersona *persona = TRAIL_PERSONA (self->targets[PAGE_PERSONA]);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFileInfo) info = NULL;

  gtk_widget_set_visible (self->photo_error, FALSE);
  if (persona == NULL || self->document == NULL)
    return;

  /* Check the size before reading a huge file into memory. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info != NULL && g_file_info_get_size (info) > TRAIL_IMAGE_MAX_BYTES)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("The photo is larger than %d MB."), TRAIL_IMAGE_MAX_BYTES / (1024 * 1024));
  if (error == NULL)
    bytes = g_file_load_bytes (file, NULL, NULL, &error);
  if (bytes != NULL)
    trail_image_check_bytes (bytes, &error);

  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not use this photo: %s"), error->message);

      gtk_label_set_text (GTK_LABEL (self->photo_error), message);
      gtk_widget_set_visible (self->photo_error, TRUE);
      return;
    }

  trail_document_update (self->document, persona, "photo", bytes, NULL);
}

static void
on_chooser_response_cb (TrailInspector       *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      set_photo_from_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
on_choose_photo_cb (TrailInspector *self)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Choose a Photo"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PNG and JPEG Images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response_cb), self, G_CONNECT_SWAPPED);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
on_remove_photo_cb (TrailInspector *self)
{
  TrailPersona *persona = TRAIL_PERSONA (self->targets[PAGE_PERSONA]);

  if (persona != NULL && trail_persona_get_photo (persona) != NULL)
    trail_document_update (self->document, persona, "photo", NULL, NULL);
}

static gboolean
on_photo_drop_cb (GtkDropTarget  *target,
                  const GValue   *value,
                  double          x,
                  double          y,
                  TrailInspector *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;
  set_photo_from_file (self, files->data);
  g_slist_free (files);
  return TRUE;
}

/* ---- Lane persona -------------------------------------------------------- */

/* "Everyone" and the map's personas, with the lane's own selected. */
static void
load_lane_persona (TrailInspector *self)
{
  TrailLane *lane = TRAIL_LANE (self->targets[PAGE_LANE]);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GListModel *personas = trail_document_get_personas (self->document);
  const char *current = lane != NULL ? trail_lane_get_persona_id (lane) : NULL;
  guint selected = 0;

  g_ptr_array_set_size (self->lane_persona_ids, 0);
  gtk_string_list_append (names, _("Everyone"));
  g_ptr_array_add (self->lane_persona_ids, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(TrailPersona) persona = g_list_model_get_item (personas, i);

      gtk_string_list_append (names, trail_persona_get_name (persona));
      g_ptr_array_add (self->lane_persona_ids, g_strdup (trail_persona_get_id (persona)));
      if (g_strcmp0 (current, trail_persona_get_id (persona)) == 0)
        selected = i + 1;
    }

  adw_combo_row_set_model (ADW_COMBO_ROW (self->lane_persona_row), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->lane_persona_row), selected);
}

static void
on_lane_persona_selected_cb (TrailInspector *self)
{
  TrailLane *lane = TRAIL_LANE (self->targets[PAGE_LANE]);
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->lane_persona_row));
  const char *persona_id;

  if (self->updating || lane == NULL || selected >= self->lane_persona_ids->len)
    return;

  persona_id = g_ptr_array_index (self->lane_persona_ids, selected);
  if (g_strcmp0 (persona_id, trail_lane_get_persona_id (lane)) != 0)
    trail_document_update (self->document, lane, "persona-id", persona_id, NULL);
}

/* ---- Loading --------------------------------------------------------------- */

static gboolean
widget_has_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
load_field (TrailInspector *self,
            Field          *field,
            GObject        *target)
{
  GParamSpec *pspec = find_pspec (target, field->property);
  g_auto(GValue) value = G_VALUE_INIT;

  if (pspec == NULL)
    return;
  /* Do not pull text out from under the user's cursor. */
  if (widget_has_focus (field->widget) && (field->kind == FIELD_ENTRY || field->kind == FIELD_TEXT))
    return;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (target, field->property, &value);

  switch (field->kind)
    {
    case FIELD_ENTRY:
      gtk_editable_set_text (GTK_EDITABLE (field->widget), g_value_get_string (&value) ?: "");
      break;
    case FIELD_TEXT:
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget)),
                                g_value_get_string (&value) ?: "", -1);
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
load_page (TrailInspector *self,
           Page            page)
{
  GObject *target = self->targets[page];

  if (target == NULL)
    return;

  self->updating = TRUE;
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (field->page == page)
        load_field (self, field, target);
    }

  if (page == PAGE_MAP)
    {
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->scale_min), trail_document_get_scale_min (self->document));
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->scale_max), trail_document_get_scale_max (self->document));
    }
  else if (page == PAGE_CARD)
    rebuild_tags (self);
  else if (page == PAGE_PERSONA)
    {
      show_photo (self);
      gtk_widget_set_visible (self->photo_error, FALSE);
    }
  else if (page == PAGE_LANE)
    load_lane_persona (self);
  else if (page == PAGE_POINT)
    {
      TrailEmotionPoint *point = TRAIL_EMOTION_POINT (target);
      TrailStage *stage = trail_document_find_stage (self->document, trail_emotion_point_get_stage_id (point));
      GtkAdjustment *adj = NULL;
      Field *score = NULL;

      for (guint i = 0; i < self->fields->len; i++)
        {
          Field *field = g_ptr_array_index (self->fields, i);

          if (field->page == PAGE_POINT && g_str_equal (field->property, "score"))
            score = field;
        }
      if (score != NULL)
        {
          adj = gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (score->widget));
          gtk_adjustment_set_lower (adj, trail_document_get_scale_min (self->document));
          gtk_adjustment_set_upper (adj, trail_document_get_scale_max (self->document));
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (score->widget), trail_emotion_point_get_score (point));
        }
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->point_stage_row),
                                   stage != NULL ? trail_stage_get_name (stage) : "");
    }
  self->updating = FALSE;
}

static void
update_title (TrailInspector *self)
{
  static const char *titles[N_PAGES] = {
    N_("Map"), N_("Card"), N_("Stage"), N_("Lane"), N_("Persona"), N_("Emotion Point"),
  };

  gtk_label_set_text (self->title_label, _(titles[self->page]));
}

static void
on_document_changed_cb (TrailInspector   *self,
                        TrailChangeFlags  what,
                        GObject          *object)
{
  GObject *target = self->targets[self->page];

  if (target == NULL)
    return;

  if (object == target || (self->page == PAGE_MAP && (what & (TRAIL_CHANGE_META | TRAIL_CHANGE_SCALE))) ||
      ((self->page == PAGE_CARD || self->page == PAGE_LANE) && (what & TRAIL_CHANGE_PERSONAS)))
    load_page (self, self->page);
}

/* ---- Construction ------------------------------------------------------- */

static void
build_pages (TrailInspector *self)
{
  GtkWidget *group, *box, *button;
  GtkDropTarget *drop;

  /* Map */
  group = add_group (self, PAGE_MAP, NULL);
  add_entry (self, PAGE_MAP, group, _("Title"), "title");
  add_text (self, PAGE_MAP, group, _("Objective"), "objective");
  add_text (self, PAGE_MAP, group, _("Scope"), "scope");
  add_text (self, PAGE_MAP, group, _("Notes"), "notes");
  group = add_group (self, PAGE_MAP, _("Emotion Scale"));
  self->scale_min = add_spin (self, PAGE_MAP, group, _("Lowest score"), NULL, -50, 50);
  self->scale_max = add_spin (self, PAGE_MAP, group, _("Highest score"), NULL, -50, 50);
  button = add_button (self, PAGE_MAP, _("_Apply Scale"), G_CALLBACK (on_apply_scale_cb), FALSE);
  gtk_widget_set_tooltip_text (button, _("Existing scores are mapped onto the new scale"));

  /* Card */
  group = add_group (self, PAGE_CARD, NULL);
  add_text (self, PAGE_CARD, group, _("Text"), "text");
  add_text (self, PAGE_CARD, group, _("Details"), "details");
  group = add_group (self, PAGE_CARD, NULL);
  add_combo (self, PAGE_CARD, group, _("Channel"), "channel", TRAIL_TYPE_CHANNEL, channel_label);
  add_combo (self, PAGE_CARD, group, _("Priority"), "priority", TRAIL_TYPE_PRIORITY, priority_label);
  add_spin (self, PAGE_CARD, group, _("Votes"), "votes", 0, 999);
  add_color (self, PAGE_CARD, group, _("Colour"), "color");
  group = add_group (self, PAGE_CARD, _("Evidence"));
  add_combo (self, PAGE_CARD, group, _("Evidence"), "evidence", TRAIL_TYPE_EVIDENCE, evidence_label);
  add_combo (self, PAGE_CARD, group, _("Source"), "evidence-source", TRAIL_TYPE_EVIDENCE_SOURCE, source_label);
  add_entry (self, PAGE_CARD, group, _("Note or link"), "evidence-note");
  self->tags_group = add_group (self, PAGE_CARD, _("Personas"));
  add_button (self, PAGE_CARD, _("_Delete Card"), G_CALLBACK (on_delete_clicked_cb), TRUE);

  /* Stage */
  group = add_group (self, PAGE_STAGE, NULL);
  add_entry (self, PAGE_STAGE, group, _("Name"), "name");
  add_text (self, PAGE_STAGE, group, _("Description"), "description");
  add_color (self, PAGE_STAGE, group, _("Colour"), "color");
  add_button (self, PAGE_STAGE, _("_Delete Stage"), G_CALLBACK (on_delete_clicked_cb), TRUE);

  /* Lane */
  group = add_group (self, PAGE_LANE, NULL);
  add_entry (self, PAGE_LANE, group, _("Title"), "title");
  add_combo (self, PAGE_LANE, group, _("Kind"), "kind", TRAIL_TYPE_LANE_KIND, lane_kind_label);
  add_switch (self, PAGE_LANE, group, _("Hidden"), "hidden");
  self->lane_persona_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->lane_persona_row), _("Persona"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->lane_persona_row),
                               _("An emotions lane draws only this persona’s line"));
  g_signal_connect_swapped (self->lane_persona_row, "notify::selected",
                            G_CALLBACK (on_lane_persona_selected_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->lane_persona_row);
  add_button (self, PAGE_LANE, _("_Delete Lane"), G_CALLBACK (on_delete_clicked_cb), TRUE);

  /* Persona */
  group = add_group (self, PAGE_PERSONA, NULL);
  add_entry (self, PAGE_PERSONA, group, _("Name"), "name");
  add_entry (self, PAGE_PERSONA, group, _("Role"), "role");
  add_color (self, PAGE_PERSONA, group, _("Colour"), "color");
  group = add_group (self, PAGE_PERSONA, NULL);
  add_text (self, PAGE_PERSONA, group, _("Quote"), "quote");
  add_text (self, PAGE_PERSONA, group, _("Goals"), "goals");
  add_text (self, PAGE_PERSONA, group, _("Motivations"), "motivations");
  add_text (self, PAGE_PERSONA, group, _("Pain points"), "pain-points");
  group = add_group (self, PAGE_PERSONA, _("Photo"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("A PNG or JPEG; drop an image here or choose one"));
  self->photo = gtk_picture_new ();
  gtk_widget_set_size_request (self->photo, -1, 120);
  gtk_picture_set_can_shrink (GTK_PICTURE (self->photo), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->photo), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Persona photo"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->photo);
  self->photo_error = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->photo_error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->photo_error), 0);
  gtk_widget_add_css_class (self->photo_error, "error");
  gtk_widget_set_visible (self->photo_error, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->photo_error);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  button = gtk_button_new_with_mnemonic (_("_Choose Photo…"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_choose_photo_cb), self);
  gtk_box_append (GTK_BOX (box), button);
  button = gtk_button_new_with_mnemonic (_("_Remove Photo"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_remove_photo_cb), self);
  gtk_box_append (GTK_BOX (box), button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_photo_drop_cb), self);
  gtk_widget_add_controller (self->pages[PAGE_PERSONA], GTK_EVENT_CONTROLLER (drop));
  add_button (self, PAGE_PERSONA, _("_Delete Persona"), G_CALLBACK (on_delete_clicked_cb), TRUE);

  /* Emotion point */
  group = add_group (self, PAGE_POINT, NULL);
  self->point_stage_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->point_stage_row), _("Stage"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->point_stage_row);
  add_spin (self, PAGE_POINT, group, _("Score"), "score", -100, 100);
  add_text (self, PAGE_POINT, group, _("Note"), "note");
  add_button (self, PAGE_POINT, _("_Delete Point"), G_CALLBACK (on_delete_clicked_cb), TRUE);

  connect_fields (self);
}

static void
trail_inspector_dispose (GObject *object)
{
  TrailInspector *self = TRAIL_INSPECTOR (object);

  commit_pending (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  trail_inspector_set_document (self, NULL);
  g_clear_pointer (&self->tag_checks, g_list_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRAIL_TYPE_INSPECTOR);
  /* Unnamed template children are ours to unparent. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_weak_pointer (&self->canvas);

  G_OBJECT_CLASS (trail_inspector_parent_class)->dispose (object);
}

static void
trail_inspector_finalize (GObject *object)
{
  TrailInspector *self = TRAIL_INSPECTOR (object);

  /* After dispose: the widgets that point at fields are gone. */
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->lane_persona_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (trail_inspector_parent_class)->finalize (object);
}

static void
trail_inspector_class_init (TrailInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trail_inspector_dispose;
  object_class->finalize = trail_inspector_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/trail-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, TrailInspector, title_label);
  gtk_widget_class_bind_template_child (widget_class, TrailInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, TrailInspector, cards_label);
  gtk_widget_class_bind_template_child_full (widget_class, "map_page", FALSE,
                                             G_STRUCT_OFFSET (TrailInspector, pages[PAGE_MAP]));
  gtk_widget_class_bind_template_child_full (widget_class, "card_page", FALSE,
                                             G_STRUCT_OFFSET (TrailInspector, pages[PAGE_CARD]));
  gtk_widget_class_bind_template_child_full (widget_class, "stage_page", FALSE,
                                             G_STRUCT_OFFSET (TrailInspector, pages[PAGE_STAGE]));
  gtk_widget_class_bind_template_child_full (widget_class, "lane_page", FALSE,
                                             G_STRUCT_OFFSET (TrailInspector, pages[PAGE_LANE]));
  gtk_widget_class_bind_template_child_full (widget_class, "persona_page", FALSE,
                                             G_STRUCT_OFFSET (TrailInspector, pages[PAGE_PERSONA]));
  gtk_widget_class_bind_template_child_full (widget_class, "point_page", FALSE,
                                             G_STRUCT_OFFSET (TrailInspector, pages[PAGE_POINT]));

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "trailinspector");
}

static void
trail_inspector_init (TrailInspector *self)
{
  self->fields = g_ptr_array_new_with_free_func (g_free);
  self->lane_persona_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  build_pages (self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* ---- Public API ------------------------------------------------------------ */

GtkWidget *
trail_inspector_new (void)
{
  return g_object_new (TRAIL_TYPE_INSPECTOR, NULL);
}

void
trail_inspector_set_canvas (TrailInspector *self,
                            TrailCanvas    *canvas)
{
  g_return_if_fail (TRAIL_IS_INSPECTOR (self));

  g_set_weak_pointer (&self->canvas, canvas);
}

void
trail_inspector_set_document (TrailInspector *self,
                              TrailDocument  *document)
{
  g_return_if_fail (TRAIL_IS_INSPECTOR (self));

  if (self->document == document)
    return;

  commit_pending (self);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, on_document_changed_cb, self);
  for (guint i = 0; i < N_PAGES; i++)
    g_clear_object (&self->targets[i]);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (document, "changed", G_CALLBACK (on_document_changed_cb), self, G_CONNECT_SWAPPED);

  trail_inspector_show (self, NULL, NULL);
}

void
trail_inspector_show (TrailInspector *self,
                      GPtrArray      *cards,
                      GObject        *object)
{
  static const char *names[N_PAGES] = { "map", "card", "stage", "lane", "persona", "point" };
  Page page = PAGE_MAP;

  g_return_if_fail (TRAIL_IS_INSPECTOR (self));

  commit_pending (self);

  if (self->document == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_label_set_text (self->title_label, "");
      return;
    }

  if (cards != NULL && cards->len > 1)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card selected",
                                                            "%u cards selected", cards->len), cards->len);
      gtk_label_set_text (self->cards_label, text);
      gtk_label_set_text (self->title_label, _("Cards"));
      gtk_stack_set_visible_child_name (self->stack, "cards");
      return;
    }

  if (cards != NULL && cards->len == 1)
    {
      page = PAGE_CARD;
      object = cards->pdata[0];
    }
  else if (TRAIL_IS_STAGE (object))
    page = PAGE_STAGE;
  else if (TRAIL_IS_LANE (object))
    page = PAGE_LANE;
  else if (TRAIL_IS_PERSONA (object))
    page = PAGE_PERSONA;
  else if (TRAIL_IS_EMOTION_POINT (object))
    page = PAGE_POINT;
  else
    object = G_OBJECT (self->document);

  g_set_object (&self->targets[page], object);
  self->page = page;
  load_page (self, page);
  update_title (self);
  gtk_stack_set_visible_child_name (self->stack, names[page]);
}

void
trail_inspector_flush (TrailInspector *self)
{
  g_return_if_fail (TRAIL_IS_INSPECTOR (self));

  commit_pending (self);
}
