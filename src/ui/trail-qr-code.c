/* trail-qr-code.c
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-qr-code"

#include "config.h"

#include <glib/gi18n.h>

#include "trail-qr-code.h"
#include "trail-session-qr.h"

/* Light modules around the code, as the standard asks. */
#define QUIET_ZONE 4
/* Pixels per module: big enough for a phone across a table. */
#define MODULE_SIZE 5

struct _TrailQrCode
{
  GtkWidget  parent_instance;

  char      *text;
  GBytes    *modules;
  guint      width;
};

G_DEFINE_FINAL_TYPE (TrailQrCode, trail_qr_code, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
get_size (TrailQrCode *self)
{
  return self->modules != NULL ? (self->width + 2 * QUIET_ZONE) * MODULE_SIZE : 0;
}

static void
trail_qr_code_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = *natural = get_size (TRAIL_QR_CODE (widget));
}

static void
trail_qr_code_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  TrailQrCode *self = TRAIL_QR_CODE (widget);
  const GdkRGBA white = { 1, 1, 1, 1 };
  const GdkRGBA black = { 0, 0, 0, 1 };
  const guint8 *modules;
  float scale, x0, y0;
  int side;

  if (self->modules == NULL)
    return;

  /* Centred, whole pixels per module so the edges stay sharp. */
  side = MIN (gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  scale = MAX (1, side / (int) (self->width + 2 * QUIET_ZONE));
  x0 = (gtk_widget_get_width (widget) - scale * (self->width + 2 * QUIET_ZONE)) / 2;
  y0 = (gtk_widget_get_height (widget) - scale * (self->width + 2 * QUIET_ZONE)) / 2;

  gtk_snapshot_append_color (snapshot, &white,
                             &GRAPHENE_RECT_INIT (x0, y0,
                                                  scale * (self->width + 2 * QUIET_ZONE),
                                                  scale * (self->width + 2 * QUIET_ZONE)));
  modules = g_bytes_get_data (self->modules, NULL);
  for (guint row = 0; row < self->width; row++)
    for (guint col = 0; col < self->width; col++)
      {
        if (modules[row * self->width + col] == 0)
          continue;
        gtk_snapshot_append_color (snapshot, &black,
                                   &GRAPHENE_RECT_INIT (x0 + scale * (col + QUIET_ZONE),
                                                        y0 + scale * (row + QUIET_ZONE),
                                                        scale, scale));
      }
}

static void
trail_qr_code_finalize (GObject *object)
{
  TrailQrCode *self = TRAIL_QR_CODE (object);

  g_free (self->text);
  g_clear_pointer (&self->modules, g_bytes_unref);

  G_OBJECT_CLASS (trail_qr_code_parent_class)->finalize (object);
}

static void
trail_qr_code_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, TRAIL_QR_CODE (object)->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_qr_code_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_TEXT:
      trail_qr_code_set_text (TRAIL_QR_CODE (object), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trail_qr_code_class_init (TrailQrCodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = trail_qr_code_finalize;
  object_class->get_property = trail_qr_code_get_property;
  object_class->set_property = trail_qr_code_set_property;

  widget_class->measure = trail_qr_code_measure;
  widget_class->snapshot = trail_qr_code_snapshot;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "qrcode");
}

static void
trail_qr_code_init (TrailQrCode *self)
{
}

GtkWidget *
trail_qr_code_new (void)
{
  return g_object_new (TRAIL_TYPE_QR_CODE, NULL);
}

void
trail_qr_code_set_text (TrailQrCode *self,
                        const char  *text)
{
  g_autofree char *label = NULL;

  g_return_if_fail (TRAIL_IS_QR_CODE (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  g_clear_pointer (&self->modules, g_bytes_unref);
  self->width = 0;
  if (text != NULL)
    self->modules = trail_session_qr_encode (text, &self->width);

  /* Translators: %s is the link the QR code holds */
  label = g_strdup_printf (_("QR code of %s"), text != NULL ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

const char *
trail_qr_code_get_text (TrailQrCode *self)
{
  g_return_val_if_fail (TRAIL_IS_QR_CODE (self), NULL);
  return self->text;
}
