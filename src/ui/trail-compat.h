/* trail-compat.h — the one place where newer GTK/libadwaita API is used.
 *
 * The build targets the GTK and libadwaita it is built against (meson.build
 * sets GDK_VERSION_MIN_REQUIRED/MAX_ALLOWED and the ADW ones): 4.8/1.2 on
 * Debian 12, the Flatpak runtime's on a newer stack, where a deprecated call
 * warns. Where the newer runtime has a better widget (AdwAlertDialog,
 * AdwDialog, GtkFileDialog), the branch lives here, behind a version check,
 * and the rest of the code calls these wrappers.
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* AdwOverlaySplitView, AdwBreakpointBin and AdwToolbarView (AdwFlap is
 * deprecated there): see trail-side-panes.c. */
#define TRAIL_HAVE_ADW_SPLIT_VIEW ADW_CHECK_VERSION (1, 4, 0)
/* AdwAlertDialog, AdwDialog, AdwAboutDialog and AdwPreferencesDialog. */
#define TRAIL_HAVE_ADW_DIALOG ADW_CHECK_VERSION (1, 5, 0)
/* GtkFileDialog, gtk_widget_get_color() and the end of GtkStyleContext. */
#define TRAIL_HAVE_GTK_4_10 GTK_CHECK_VERSION (4, 10, 0)

/* The widget's CSS foreground colour. */
static inline void
trail_widget_get_color (GtkWidget *widget,
                        GdkRGBA   *color)
{
#if TRAIL_HAVE_GTK_4_10
  gtk_widget_get_color (widget, color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
#endif
}

/* Shows and selects @date's day (gtk_calendar_select_day() is
 * deprecated from GTK 4.20). */
static inline void
trail_calendar_set_date (GtkCalendar *calendar,
                         GDateTime   *date)
{
#if GTK_CHECK_VERSION (4, 20, 0)
  gtk_calendar_set_date (calendar, date);
#else
  gtk_calendar_select_day (calendar, date);
#endif
}

/* One button of a question; a list of them ends with { NULL }. */
typedef struct
{
  const char            *id;
  const char            *label;       /* with a mnemonic */
  AdwResponseAppearance  appearance;
} TrailResponse;

/* Asks heading, with body, and the responses. callback runs as
 * callback (owner, response_id, dialog), at most once, never after owner is
 * finalized. Returns the dialog, to hang data on. */
GObject *trail_compat_ask                 (GtkWidget           *parent,
                                           const char          *heading,
                                           const char          *body,
                                           const TrailResponse *responses,
                                           const char          *default_response,
                                           const char          *close_response,
                                           GCallback            callback,
                                           gpointer             owner);
/* Puts @child (an entry, say) under the body of a dialog that
 * trail_compat_ask() returned. */
void     trail_compat_dialog_set_extra_child (GObject          *dialog,
                                              GtkWidget        *child);
void     trail_compat_tell                (GtkWidget           *parent,
                                           const char          *heading,
                                           const char          *body);

void     trail_compat_show_about          (GtkWidget           *parent,
                                           const char          *first_property_name,
                                           ...) G_GNUC_NULL_TERMINATED;

/* A toast that shows @text as written. An AdwToast's title is Pango
 * markup, and file names, map and stage names and error messages may hold
 * "&" or "<": unescaped, the toast shows nothing and GTK warns. */
AdwToast *trail_compat_toast_new          (const char          *text);
void      trail_compat_show_toast         (GtkWidget           *widget,
                                           AdwToast            *toast);

void     trail_compat_present_preferences (GtkWidget           *parent,
                                           const char          *title,
                                           int                  width,
                                           int                  height,
                                           AdwPreferencesPage  *page);

/* From libadwaita 1.4 on, puts top_bar and content (the two children of
 * the vertical box that is overlay's child) into an AdwToolbarView, as
 * current GNOME apps have it; before, leaves the box as it is. */
void     trail_compat_use_toolbar_view    (AdwToastOverlay     *overlay,
                                           GtkWidget           *top_bar,
                                           GtkWidget           *content);

typedef enum
{
  TRAIL_FILE_OPEN,
  TRAIL_FILE_SAVE,
} TrailFileAction;

typedef struct
{
  TrailFileAction  action;
  const char      *title;
  const char      *accept_label;
  GtkFileFilter   *filter;          /* nullable: the one filter offered */
  GFile           *initial_file;    /* nullable: Save As on a saved map */
  GFile           *initial_folder;  /* nullable */
  const char      *initial_name;    /* nullable: a name to save under */
} TrailFileRequest;

/* A modal file chooser: GtkFileDialog where there is one, else
 * GtkFileChooserNative. The task's source object is parent, kept alive
 * until callback runs. Finish returns the file; NULL and no error when the
 * user dismissed it; G_IO_ERROR_CANCELLED when cancellable fired (the
 * chooser is then closed). */
void   trail_compat_choose_file        (GtkWidget               *parent,
                                        const TrailFileRequest  *request,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data);
GFile *trail_compat_choose_file_finish (GAsyncResult            *result,
                                        GError                 **error);

G_END_DECLS
