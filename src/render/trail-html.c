/* trail-html.c — a map as one interactive, self-contained web page
 *
 * Copyright 2026 The Trailmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "trail-html"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "trail-html.h"
#include "trail-model.h"

/* Plain ES5, so that any browser of the last decade runs it. It only reads
 * the data block and sets textContent, attributes and the viewBox. */
static const char script[] =
  "(function(){'use strict';\n"
  "var D=JSON.parse(document.getElementById('tm-data').textContent);\n"
  "var svg=document.querySelector('#tm-map svg'),tip=document.getElementById('tm-tip');\n"
  "var b=svg.viewBox.baseVal,W=b.width,H=b.height,v={x:0,y:0,w:W,h:H};\n"
  "function show(){svg.setAttribute('viewBox',v.x+' '+v.y+' '+v.w+' '+v.h);}\n"
  "function zoom(f,cx,cy){var w=Math.min(Math.max(v.w/f,W/8),W*4),k=w/v.w;\n"
  " cx=cx===undefined?v.x+v.w/2:cx;cy=cy===undefined?v.y+v.h/2:cy;\n"
  " v.x=cx-(cx-v.x)*k;v.y=cy-(cy-v.y)*k;v.w=w;v.h=v.h*k;show();}\n"
  "function pan(dx,dy){v.x+=dx*v.w/W;v.y+=dy*v.h/H;show();}\n"
  "function reset(){v={x:0,y:0,w:W,h:H};show();}\n"
  "function add(t,cls,txt){if(!txt)return;var e=document.createElement(t);e.className=cls;e.dir='auto';e.textContent=txt;tip.appendChild(e);}\n"
  "function details(g){var c=D.cards[g.id];if(!c)return;tip.textContent='';\n"
  " add('strong','t',c.text);add('p','d',c.details);\n"
  " for(var i=0;i<c.facts.length;i++)add('div','f',c.facts[i]);\n"
  " var r=g.getBoundingClientRect();tip.hidden=false;\n"
  " tip.style.left=Math.max(0,Math.min(r.left+window.scrollX,window.scrollX+document.documentElement.clientWidth-tip.offsetWidth))+'px';\n"
  " tip.style.top=(r.bottom+window.scrollY+4)+'px';}\n"
  "function hide(){tip.hidden=true;}\n"
  "var cards=svg.querySelectorAll('g[id^=\"card-\"]'),list=[];\n"
  "for(var i=0;i<cards.length;i++){var g=cards[i];if(!D.cards[g.id])continue;list.push(g);\n"
  " g.setAttribute('tabindex','0');g.setAttribute('role','button');\n"
  " g.setAttribute('aria-label',D.cards[g.id].text);\n"
  " g.addEventListener('mouseenter',function(){details(this);});\n"
  " g.addEventListener('mouseleave',hide);\n"
  " g.addEventListener('focus',function(){details(this);});\n"
  " g.addEventListener('blur',hide);\n"
  " g.addEventListener('click',function(e){e.stopPropagation();details(this);});}\n"
  "var sel=document.getElementById('tm-persona');\n"
  "for(var p=0;p<D.personas.length;p++){var o=document.createElement('option');o.value=D.personas[p].id;o.textContent=D.personas[p].name;sel.appendChild(o);}\n"
  "sel.hidden=D.personas.length===0;\n"
  "sel.addEventListener('change',function(){for(var i=0;i<list.length;i++){var t=D.cards[list[i].id].personas;\n"
  " list[i].style.opacity=(!sel.value||!t.length||t.indexOf(sel.value)>=0)?'':'0.2';}});\n"
  "document.getElementById('tm-in').onclick=function(){zoom(1.25);};\n"
  "document.getElementById('tm-out').onclick=function(){zoom(0.8);};\n"
  "document.getElementById('tm-fit').onclick=reset;\n"
  "svg.addEventListener('wheel',function(e){if(!e.ctrlKey&&!e.metaKey)return;e.preventDefault();\n"
  " var r=svg.getBoundingClientRect();zoom(e.deltaY<0?1.1:1/1.1,v.x+(e.clientX-r.left)*v.w/r.width,v.y+(e.clientY-r.top)*v.h/r.height);},{passive:false});\n"
  "var drag=null;svg.addEventListener('pointerdown',function(e){if(e.button===0){drag={x:e.clientX,y:e.clientY};hide();}});\n"
  "window.addEventListener('pointermove',function(e){if(drag){pan(drag.x-e.clientX,drag.y-e.clientY);drag={x:e.clientX,y:e.clientY};}});\n"
  "window.addEventListener('pointerup',function(){drag=null;});\n"
  "svg.addEventListener('click',hide);\n"
  "document.addEventListener('keydown',function(e){if(e.target===sel)return;var k=e.key,s=W/20;\n"
  " if(k==='+'||k==='=')zoom(1.25);else if(k==='-')zoom(0.8);else if(k==='0')reset();\n"
  " else if(k==='Escape')hide();\n"
  " else if(e.altKey&&k==='ArrowLeft')pan(-s,0);else if(e.altKey&&k==='ArrowRight')pan(s,0);\n"
  " else if(e.altKey&&k==='ArrowUp')pan(0,-s);else if(e.altKey&&k==='ArrowDown')pan(0,s);else return;\n"
  " e.preventDefault();});\n"
  "})();\n";

static const char style[] =
  "body{margin:0;font:14px/1.4 Cantarell,'DejaVu Sans',sans-serif;color:#1e1e1e;background:#fff}\n"
  "#tm-bar{display:flex;gap:6px;align-items:center;padding:6px 8px;border-bottom:1px solid #ddd}\n"
  "#tm-bar h1{font-size:15px;margin:0 auto 0 0}\n"
  "#tm-bar button,#tm-bar select{font:inherit;min-width:32px;min-height:28px}\n"
  "#tm-map{overflow:auto;line-height:0}\n"
  "#tm-map svg{display:block}\n"
  "#tm-map g[tabindex]{cursor:pointer;outline:none}\n"
  "#tm-map g[tabindex]:focus>rect:first-of-type{stroke:#3584e4;stroke-width:3px}\n"
  "#tm-tip{position:absolute;max-width:320px;padding:8px 10px;background:#fff;border:1px solid #bbb;"
  "border-radius:6px;box-shadow:0 2px 8px rgba(0,0,0,.2);z-index:1;white-space:pre-wrap}\n"
  "#tm-tip .t{display:block}#tm-tip .d{margin:4px 0}#tm-tip .f{color:#555;font-size:13px}\n"
  "@media print{#tm-bar,#tm-tip{display:none}#tm-map{overflow:visible}#tm-map svg{max-width:100%;height:auto}}\n";

const char *
trail_html_get_script (void)
{
  return script;
}

static char *
sha256_base64 (const char *text)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;

  g_checksum_update (checksum, (const guchar *) text, strlen (text));
  g_checksum_get_digest (checksum, digest, &len);

  return g_base64_encode (digest, len);
}

/* The same ids the SVG writer gives card groups (see make_id there). */
static char *
card_svg_id (const char *id)
{
  GString *out = g_string_new ("card-");

  for (const char *p = id; *p; p++)
    g_string_append_c (out, g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.' ? *p : '_');

  return g_string_free (out, FALSE);
}

static void
add_fact (JsonBuilder *builder,
          const char  *label,
          const char  *value)
{
  g_autofree char *fact = NULL;

  if (value == NULL || value[0] == '\0')
    return;
  fact = g_strdup_printf ("%s %s", label, value);
  json_builder_add_string_value (builder, fact);
}

static char *
card_data (TrailDocument *document)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GListModel *cards = trail_document_get_cards (document);
  GListModel *personas = trail_document_get_personas (document);
  g_autofree char *json = NULL;
  GString *out;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "personas");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(TrailPersona) persona = g_list_model_get_item (personas, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, trail_persona_get_id (persona));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, trail_persona_get_name (persona));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "cards");
  json_builder_begin_object (builder);
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(TrailCard) card = g_list_model_get_item (cards, i);
      g_autofree char *svg_id = card_svg_id (trail_card_get_id (card));
      const char * const *tags = trail_card_get_persona_tags (card);
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *votes = NULL;
      g_autofree char *evidence = NULL;

      json_builder_set_member_name (builder, svg_id);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, trail_card_get_text (card));
      json_builder_set_member_name (builder, "details");
      json_builder_add_string_value (builder, trail_card_get_details (card) != NULL ? trail_card_get_details (card) : "");

      json_builder_set_member_name (builder, "personas");
      json_builder_begin_array (builder);
      for (guint t = 0; tags != NULL && tags[t] != NULL; t++)
        {
          TrailPersona *persona = trail_document_find_persona (document, tags[t]);

          json_builder_add_string_value (builder, tags[t]);
          if (persona != NULL)
            g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", trail_persona_get_name (persona));
        }
      json_builder_end_array (builder);

      json_builder_set_member_name (builder, "facts");
      json_builder_begin_array (builder);
      add_fact (builder, _("Channel:"), trail_document_get_card_channel_label (document, card));
      if (trail_card_get_evidence (card) != TRAIL_EVIDENCE_NONE)
        {
          const char *note = trail_card_get_evidence_note (card);

          evidence = g_strdup_printf ("%s%s%s%s%s", trail_evidence_get_label (trail_card_get_evidence (card)),
                                      trail_card_get_evidence_source (card) != TRAIL_EVIDENCE_SOURCE_NONE ? ", " : "",
                                      trail_card_get_evidence_source (card) != TRAIL_EVIDENCE_SOURCE_NONE
                                        ? trail_evidence_source_get_label (trail_card_get_evidence_source (card)) : "",
                                      note != NULL && note[0] != '\0' ? " — " : "",
                                      note != NULL ? note : "");
          add_fact (builder, _("Evidence:"), evidence);
        }
      if (trail_card_get_priority (card) != TRAIL_PRIORITY_NONE)
        add_fact (builder, _("Priority:"), trail_priority_get_label (trail_card_get_priority (card)));
      if (trail_card_get_votes (card) > 0)
        {
          votes = g_strdup_printf ("%u", trail_card_get_votes (card));
          add_fact (builder, _("Votes:"), votes);
        }
      add_fact (builder, _("Personas:"), names->str);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);

  /* Inside <script> only "</script" or "<!--" could end the block: no '<'
   * at all can, nor '>' or '&' confuse a reader of the source. */
  out = g_string_sized_new (strlen (json) + 64);
  for (const char *p = json; *p; p++)
    {
      if (*p == '<')
        g_string_append (out, "\\u003c");
      else if (*p == '>')
        g_string_append (out, "\\u003e");
      else if (*p == '&')
        g_string_append (out, "\\u0026");
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

gboolean
trail_html_write (TrailLayout    *layout,
                  TrailSvgFlags   flags,
                  const GdkRGBA  *background,
                  GOutputStream  *stream,
                  GCancellable   *cancellable,
                  GError        **error)
{
  TrailDocument *document = trail_layout_get_document (layout);
  g_autoptr(GOutputStream) svg_stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) svg_bytes = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *script_hash = sha256_base64 (script);
  g_autofree char *title = NULL;
  g_autofree char *data = NULL;
  const char *map_title = trail_document_get_title (document);
  const char *svg;
  gsize svg_len;

  if (!trail_svg_write (layout, flags, background, svg_stream, cancellable, error) ||
      !g_output_stream_close (svg_stream, cancellable, error))
    return FALSE;
  svg_bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (svg_stream));
  svg = g_bytes_get_data (svg_bytes, &svg_len);

  /* The XML declaration has no place inside HTML. */
  if (svg_len > 5 && strncmp (svg, "<?xml", 5) == 0)
    {
      const char *end = strstr (svg, "?>");

      if (end != NULL)
        {
          end += 2;
          while (*end == '\n')
            end++;
          svg_len -= end - svg;
          svg = end;
        }
    }

  title = g_markup_escape_text (map_title != NULL && map_title[0] != '\0' ? map_title : _("Journey map"), -1);
  data = card_data (document);

  g_string_append_printf (out,
                          "<!DOCTYPE html>\n"
                          "<html lang=\"\">\n<head>\n<meta charset=\"utf-8\">\n"
                          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                          /* Styles inline: the SVG carries its own font faces; styles run no code. */
                          "script-src 'sha256-%s'; style-src 'unsafe-inline'; "
                          "img-src data:; font-src data:; base-uri 'none'; form-action 'none'\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                          "<meta name=\"generator\" content=\"Trailmap %s\">\n"
                          "<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n"
                          "<div id=\"tm-bar\" role=\"toolbar\"><h1 dir=\"auto\">%s</h1>"
                          "<select id=\"tm-persona\" aria-label=\"%s\"><option value=\"\">%s</option></select>"
                          "<button id=\"tm-out\" type=\"button\" aria-label=\"%s\" title=\"%s\">−</button>"
                          "<button id=\"tm-fit\" type=\"button\" aria-label=\"%s\" title=\"%s\">100 %%</button>"
                          "<button id=\"tm-in\" type=\"button\" aria-label=\"%s\" title=\"%s\">+</button></div>\n"
                          "<div id=\"tm-map\">",
                          script_hash, PACKAGE_VERSION, title, style, title,
                          _("Persona"), _("All personas"),
                          _("Zoom out"), _("Zoom out (−)"),
                          _("Original size"), _("Original size (0)"),
                          _("Zoom in"), _("Zoom in (+)"));
  g_string_append_len (out, svg, svg_len);
  g_string_append_printf (out,
                          "</div>\n<div id=\"tm-tip\" role=\"tooltip\" hidden></div>\n"
                          "<script type=\"application/json\" id=\"tm-data\">%s</script>\n"
                          "<script>%s</script>\n</body>\n</html>\n",
                          data, script);

  return g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error);
}
