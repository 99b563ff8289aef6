/* trail-inspector-stage-section.c — a stage in the inspector
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-inspector-stage-section.h"

struct _TrailInspectorStageSection
{
  TrailInspectorSection  parent_instance;

  AdwEntryRow           *name_row;
  GtkTextView           *description_view;
  GtkTextView           *presenter_notes_view;
  GtkWidget             *color_button;
  AdwPreferencesGroup   *ratings_group;
  GtkWidget             *clear_ratings_button;
  GPtrArray             *rating_rows;   /* the group's AdwActionRow, one per rating */
  guint                  rebuild_id;    /* the list rebuilt before the next frame */
};

G_DEFINE_FINAL_TYPE (TrailInspectorStageSection, trail_inspector_stage_section, TRAIL_TYPE_INSPECTOR_SECTION)

/* "7 ratings · mean 1.2", with the map's statistic. */
static char *
describe_ratings (TrailDocument *document,
                  TrailStage    *stage)
{
  TrailCrowdPoint point;
  g_autofree char *count = NULL;

  if (!trail_document_crowd_point (document, stage, &point))
    return NULL;
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u rating", "%u ratings", point.n), point.n);
  if (trail_document_get_crowd_statistic (document) == TRAIL_CROWD_MEDIAN)
    /* Translators: the number of ratings, then their median, e.g. "7 ratings · median 1.5". */
    return g_strdup_printf (_("%s · median %.1f"), count, point.centre);
  /* Translators: the number of ratings, then their mean, e.g. "7 ratings · mean −0.4". */
  return g_strdup_printf (_("%s · mean %.1f"), count, point.centre);
}

static GtkWidget *
make_rating_row (TrailDocument *document,
                 TrailStage    *stage,
                 TrailRating   *rating)
{
  g_autofree char *label = trail_rating_dup_label (rating);
  g_autofree char *subtitle = NULL;
  g_autofree char *remove_label = NULL;
  int score = trail_rating_get_score (rating);
  const char *scale_label = trail_document_get_scale_label (document, score);
  /* "+1", "0", "−1": the sign says which side of neutral. */
  g_autofree char *number = score > 0 ? g_strdup_printf ("+%d", score)
                                      : score < 0 ? g_strdup_printf ("−%d", -score) : g_strdup ("0");
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  if (trail_rating_get_word (rating) != NULL)
    /* Translators: a rating's score (its label on the scale, then the
     * number), then the word the participant gave. */
    subtitle = g_strdup_printf (_("%s (%s) · “%s”"), scale_label, number, trail_rating_get_word (rating));
  else
    /* Translators: a rating's score, its label on the scale and the number. */
    subtitle = g_strdup_printf (_("%s (%s)"), scale_label, number);

  /* Names and words come from phones: shown as text, never as markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove Rating"));
  /* Translators: the accessible name of the button that removes one
   * participant's rating of a stage. */
  remove_label = g_strdup_printf (_("Remove the rating of %s"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "map.remove-rating");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ss)", trail_stage_get_id (stage),
                                    trail_rating_get_participant (rating));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "remove-button", button);

  return row;
}

static gboolean
rebuild_ratings_cb (gpointer data)
{
  TrailInspectorStageSection *self = data;
  TrailInspectorSection *section = TRAIL_INSPECTOR_SECTION (self);
  TrailDocument *document = trail_inspector_section_get_document (section);
  GObject *item = trail_inspector_section_get_item (section);
  g_autoptr(GPtrArray) ratings = NULL;
  g_autofree char *description = NULL;
  TrailStage *stage;

  self->rebuild_id = 0;

  for (guint i = 0; i < self->rating_rows->len; i++)
    adw_preferences_group_remove (self->ratings_group, self->rating_rows->pdata[i]);
  g_ptr_array_set_size (self->rating_rows, 0);

  stage = TRAIL_IS_STAGE (item) ? TRAIL_STAGE (item) : NULL;
  ratings = document != NULL && stage != NULL ? trail_document_dup_stage_ratings (document, stage)
                                              : g_ptr_array_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->ratings_group), ratings->len > 0);
  if (ratings->len == 0)
    return G_SOURCE_REMOVE;

  description = describe_ratings (document, stage);
  adw_preferences_group_set_description (self->ratings_group, description);
  /* Named here, with its target: a name without one makes GTK warn. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->clear_ratings_button), "s", trail_stage_get_id (stage));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->clear_ratings_button), "map.clear-ratings");
  for (guint i = 0; i < ratings->len; i++)
    {
      GtkWidget *row = make_rating_row (document, stage, ratings->pdata[i]);

      adw_preferences_group_add (self->ratings_group, row);
      trail_inspector_section_label_row (section, ADW_PREFERENCES_ROW (row));
      {
        /* For tests only, never shown: untranslated. */
        g_autofree char *test_label = g_strdup_printf ("Remove %s",
                                                       adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));

        trail_inspector_section_label_widget (section, g_object_get_data (G_OBJECT (row), "remove-button"),
                                              test_label);
      }
      g_ptr_array_add (self->rating_rows, row);
    }
  return G_SOURCE_REMOVE;
}

/* The list is made again once for all the changes of one step (Clear
 * removes up to 200 ratings, each a change), before the frame that shows
 * it, and never from inside the click of a row's own button. */
static void
trail_inspector_stage_section_load (TrailInspectorSection *section,
                                    GObject               *item)
{
  TrailInspectorStageSection *self = TRAIL_INSPECTOR_STAGE_SECTION (section);

  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_ratings_cb, self, NULL);
}

/* The stage itself, and the crowd's ratings of it (their list, and the
 * statistic and scale that describe them); not another stage's ratings:
 * a room of phones rates all the time. */
static gboolean
trail_inspector_stage_section_concerns (TrailInspectorSection *section,
                                        TrailChangeFlags       what,
                                        GObject               *object)
{
  GObject *item = trail_inspector_section_get_item (section);

  if (object == item || (what & TRAIL_CHANGE_SCALE) != 0)
    return TRUE;
  if (TRAIL_IS_RATING (object))
    return item != NULL && g_strcmp0 (trail_rating_get_stage_id (TRAIL_RATING (object)),
                                      trail_stage_get_id (TRAIL_STAGE (item))) == 0;
  /* The crowd line's statistic, a setting of the map. */
  return (what & TRAIL_CHANGE_RATINGS) != 0 && TRAIL_IS_DOCUMENT (object);
}

static void
trail_inspector_stage_section_finalize (GObject *object)
{
  TrailInspectorStageSection *self = TRAIL_INSPECTOR_STAGE_SECTION (object);

  g_clear_pointer (&self->rating_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (trail_inspector_stage_section_parent_class)->finalize (object);
}

static void
trail_inspector_stage_section_dispose (GObject *object)
{
  TrailInspectorStageSection *self = TRAIL_INSPECTOR_STAGE_SECTION (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), TRAIL_TYPE_INSPECTOR_STAGE_SECTION);

  G_OBJECT_CLASS (trail_inspector_stage_section_parent_class)->dispose (object);
}

static void
trail_inspector_stage_section_class_init (TrailInspectorStageSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TrailInspectorSectionClass *section_class = TRAIL_INSPECTOR_SECTION_CLASS (klass);

  object_class->dispose = trail_inspector_stage_section_dispose;
  object_class->finalize = trail_inspector_stage_section_finalize;
  section_class->load = trail_inspector_stage_section_load;
  section_class->concerns = trail_inspector_stage_section_concerns;

  trail_inspector_section_class_set_template (widget_class, RESOURCE_PATH "/ui/trail-inspector-stage-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorStageSection, name_row);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorStageSection, description_view);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorStageSection, presenter_notes_view);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorStageSection, color_button);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorStageSection, ratings_group);
  gtk_widget_class_bind_template_child (widget_class, TrailInspectorStageSection, clear_ratings_button);
}

static void
trail_inspector_stage_section_init (TrailInspectorStageSection *self)
{
  TrailInspectorSection *section = TRAIL_INSPECTOR_SECTION (self);

  self->rating_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  trail_inspector_section_bind_entry (section, self->name_row, "name");
  trail_inspector_section_bind_text (section, self->description_view, "description");
  trail_inspector_section_bind_text (section, self->presenter_notes_view, "presenter-notes");
  trail_inspector_section_bind_color (section, self->color_button, "color");
  trail_inspector_section_label_widget (section, self->clear_ratings_button, "Clear Ratings");
}
