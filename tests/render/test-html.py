#!/usr/bin/python3
# test-html.py TRAILMAP SOURCE_ROOT FONTS_CONF
#
# The interactive HTML export, read by a real browser: the page is checked
# as text (one own script, a CSP that allows only it, nothing loaded from
# anywhere, hostile card text inert), then opened in headless Chromium:
# no console errors (a CSP violation is one), the map drawn like the PNG
# export at 100 % (the SVG-against-PNG tolerance of test-render), details
# on hover, on keyboard focus and on tap, the persona filter, zoom. TAP;
# the browser part is skipped only when Chromium cannot run here.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

trailmap, root, fonts_conf = sys.argv[1], sys.argv[2], sys.argv[3]
os.environ["FONTCONFIG_FILE"] = fonts_conf
os.environ.pop("DISPLAY", None)

# Same as SVG_CHANNEL_TOLERANCE / SVG_MAX_DIFFERING in test-render.c.
CHANNEL_TOLERANCE = 64
MAX_DIFFERING = 0.02

n = 0
failed = 0


def result(ok, what):
    global n, failed
    n += 1
    if not ok:
        failed += 1
    print(("ok" if ok else "not ok") + " %d - %s" % (n, what), flush=True)


def skip(what, why):
    global n
    n += 1
    print("ok %d - %s # SKIP %s" % (n, what, why), flush=True)


tmp = tempfile.mkdtemp()
hostile_mmd = os.path.join(root, "tests", "fuzz", "corpus-mermaid", "hostile.mmd")
hostile = os.path.join(tmp, "hostile.trailmap")
subprocess.run([trailmap, "--export=" + hostile, hostile_mmd], check=True, capture_output=True)
maps = {
    "awareness": os.path.join(root, "data", "templates", "awareness-to-loyalty.trailmap"),
    "hostile": hostile,
}

pages = {}
for name, path in maps.items():
    html = os.path.join(tmp, name + ".html")
    png = os.path.join(tmp, name + ".png")
    r1 = subprocess.run([trailmap, "--export=" + html, path], capture_output=True)
    r2 = subprocess.run([trailmap, "--export=" + png, path], capture_output=True)
    result(r1.returncode == 0 and r2.returncode == 0, "%s: exported to HTML and PNG %s" % (name, r1.stderr))
    pages[name] = (html, png)

# ---- The page as text ----------------------------------------------------
for name, (html, _) in pages.items():
    with open(html, encoding="utf-8") as f:
        text = f.read()
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", text, re.S)
    result(len(scripts) == 2 and text.count("<script") == 2,
           "%s: one data block and one script, nothing else that runs" % name)
    own = scripts[-1]
    digest = base64.b64encode(hashlib.sha256(own.encode()).digest()).decode()
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', text)
    result(csp is not None and "default-src 'none'" in csp.group(1) and
           ("script-src 'sha256-%s'" % digest) in csp.group(1) and "unsafe-eval" not in csp.group(1),
           "%s: a strict CSP that allows exactly its own script" % name)
    result(re.search(r"\son[a-z]+\s*=", text) is None, "%s: no event attributes" % name)
    refs = [u for u in re.findall(r'(?:src|href)\s*=\s*"([^"]*)"', text) if not u.startswith(("data:", "#"))]
    result(not refs and "url(http" not in text and "@import" not in text,
           "%s: nothing loaded from outside (%s)" % (name, refs[:3]))
    if name == "hostile":
        result("<img" not in text and "</script><img" not in text and "onerror=alert" not in text.replace("onerror=alert(1)&gt;", ""),
               "hostile: card text is escaped everywhere")
    if name == "awareness":
        print("# the page's script: %d bytes" % len(own.encode()))
        result(len(own.encode()) < 6000, "the script is small enough to read (%d bytes)" % len(own.encode()))

# ---- In a browser ---------------------------------------------------------
chromium = shutil.which("chromium") or shutil.which("chromium-browser")
driver_path = shutil.which("chromedriver")
browser = None
why = None
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
except ImportError:
    why = "python3-selenium is not installed"
if why is None and (chromium is None or driver_path is None):
    why = "chromium or chromium-driver is not installed"
if why is None:
    options = Options()
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--force-device-scale-factor=1",
              "--hide-scrollbars", "--window-size=2600,2000", "--font-render-hinting=none"):
        options.add_argument(a)
    options.binary_location = chromium
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        browser = webdriver.Chrome(service=Service(driver_path), options=options)
    except Exception as e:  # the browser cannot start here (no sandbox support, …)
        why = "Chromium cannot run: %s" % str(e).splitlines()[0]

if browser is None:
    for what in ("no console errors", "looks like the PNG", "details on hover", "details on focus",
                 "persona filter", "zoom"):
        skip(what, why)
    print("1..%d" % n)
    sys.exit(1 if failed else 0)

import gi
gi.require_version("GdkPixbuf", "2.0")
from gi.repository import GdkPixbuf


def pixels(path):
    p = GdkPixbuf.Pixbuf.new_from_file(path)
    if not p.get_has_alpha():
        p = p.add_alpha(False, 0, 0, 0)
    return p.get_width(), p.get_height(), p.get_rowstride(), p.get_pixels()


def differing_share(a, b):
    wa, ha, sa, pa = pixels(a)
    wb, hb, sb, pb = pixels(b)
    if (wa, ha) != (wb, hb):
        return 1.0, "%dx%d against %dx%d" % (wa, ha, wb, hb)
    differing = 0
    for y in range(ha):
        ra = pa[y * sa:y * sa + wa * 4]
        rb = pb[y * sb:y * sb + wb * 4]
        if ra == rb:
            continue
        for x in range(0, wa * 4, 4):
            if ra[x:x + 3] != rb[x:x + 3] and max(abs(ra[x + i] - rb[x + i]) for i in range(3)) > CHANNEL_TOLERANCE:
                differing += 1
    return differing / (wa * ha), ""


try:
    for name, (html, png) in pages.items():
        browser.get("file://" + html)
        logs = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
        result(not logs, "%s: no console errors %s" % (name, [l["message"][:120] for l in logs]))
        result(browser.execute_script("return window.hacked === undefined && !document.querySelector('#tm-map img')"),
               "%s: hostile text did not run" % name)

        svg = browser.find_element(By.CSS_SELECTOR, "#tm-map svg")
        # The whole map in the viewport, at 100 %.
        size = browser.execute_script("return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                {"width": size[0] + 16, "height": size[1] + 16, "deviceScaleFactor": 1, "mobile": False})
        shot = os.path.join(tmp, name + "-chromium.png")
        svg.screenshot(shot)
        share, why_not = differing_share(shot, png)
        result(share <= MAX_DIFFERING, "%s: the page looks like the PNG export (%.4f of pixels differ %s)" %
               (name, share, why_not))
        if share > MAX_DIFFERING and os.environ.get("MESON_BUILD_ROOT"):
            shutil.copy(shot, os.path.join(os.environ["MESON_BUILD_ROOT"], "html-%s-chromium.png" % name))

        cards = browser.find_elements(By.CSS_SELECTOR, "#tm-map g[tabindex]")
        tip = browser.find_element(By.ID, "tm-tip")
        if name == "awareness":
            result(len(cards) > 10, "awareness: every card is a keyboard stop (%d)" % len(cards))
            ActionChains(browser).move_to_element(cards[3]).perform()
            label = cards[3].get_attribute("aria-label")
            result(tip.is_displayed() and label in tip.text, "awareness: details on hover")
            ActionChains(browser).move_to_element(browser.find_element(By.CSS_SELECTOR, "#tm-bar h1")).perform()
            result(not tip.is_displayed(), "awareness: the details go when the pointer leaves")
            browser.find_element(By.CSS_SELECTOR, "#tm-bar h1").click()
            # Tab from the persona menu and buttons into the cards.
            for _ in range(6):
                ActionChains(browser).send_keys(Keys.TAB).perform()
            focused = browser.switch_to.active_element
            result(focused.get_attribute("tabindex") == "0" and tip.is_displayed() and
                   focused.get_attribute("aria-label") in tip.text, "awareness: details on keyboard focus")
            cards[5].click()
            result(tip.is_displayed() and cards[5].get_attribute("aria-label") in tip.text, "awareness: details on tap")

            select = browser.find_element(By.ID, "tm-persona")
            options = select.find_elements(By.TAG_NAME, "option")
            result(len(options) == 3, "awareness: the persona menu lists both personas")
            select.click()
            options[1].click()
            dimmed = browser.execute_script(
                "return Array.from(document.querySelectorAll('#tm-map g[tabindex]')).filter(g => g.style.opacity).length")
            result(0 < dimmed < len(cards), "awareness: the persona filter dims the other persona's cards, not the untagged (%d)" % dimmed)

            before = browser.execute_script("return document.querySelector('#tm-map svg').getAttribute('viewBox')")
            browser.find_element(By.ID, "tm-in").click()
            after = browser.execute_script("return document.querySelector('#tm-map svg').getAttribute('viewBox')")
            browser.find_element(By.ID, "tm-fit").click()
            reset = browser.execute_script("return document.querySelector('#tm-map svg').getAttribute('viewBox')")
            result(before != after and reset == before, "awareness: zoom in and back to 100 %")
finally:
    browser.quit()

print("1..%d" % n)
sys.exit(1 if failed else 0)
