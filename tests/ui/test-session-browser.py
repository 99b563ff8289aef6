#!/usr/bin/python3
# The room joins in: `trailmap --session MAP` under Xvfb prints a join
# link; a real browser (headless Chromium, a phone's size) opens it, joins
# and adds a card, which appears on the running app's canvas and in the
# saved file; the facilitator's undo takes it away; the header bar's
# button shows the link and the QR code; ending the session closes the
# port. Wrong tokens get a bare 403.
#
# Copyright 2026 The Trailmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import shutil
import socket
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, 'data'))
import trailtest  # noqa: E402
import canvastest  # noqa: E402

trailtest.require_display()
CHROMEDRIVER = shutil.which('chromedriver')
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:
    CHROMEDRIVER = None
if CHROMEDRIVER is None:
    trailtest.skip('needs chromium, chromium-driver and python3-selenium')

CARD_TEXT = 'Parking is hard <b>to find</b>'
NAME = 'Ada <script>'


def start():
    """Canvas steps (geometry, save) around an app started with --session."""
    canvas = canvastest.Canvas.__new__(canvastest.Canvas)
    canvas.dir = tempfile.mkdtemp(prefix='trailmap-session-')
    canvas.path = os.path.join(canvas.dir, 'map.trailmap')
    shutil.copy(os.path.join(HERE, 'data', 'canvas-small.trailmap'), canvas.path)
    canvas.geometry_path = os.path.join(canvas.dir, 'geometry.json')
    canvas.app = trailtest.App('--session', canvas.path,
                               env={'TRAILMAP_DEBUG_GEOMETRY': canvas.geometry_path})
    canvas.window = canvas.app.wait_for_window('Canvas test map')
    canvas.geometry(lambda g: g.get('has_document') and g.get('cards'))
    return canvas


def join_link(app):
    def read():
        with open(app.log_path) as f:
            match = re.search(r'^(http://[0-9.]+:[0-9]+/s/[0-9a-f]{32}/)$', f.read(), re.M)
        return match.group(1) if match else None
    return trailtest.wait_until(read, what='the join link on standard output')


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def browser():
    options = Options()
    options.add_argument('--headless=new')
    options.add_argument('--no-sandbox')
    options.add_argument('--window-size=390,844')
    options.add_argument('--disable-gpu')
    options.add_argument('--user-data-dir=' + tempfile.mkdtemp(prefix='trailmap-chromium-'))
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


canvas = start()
driver = None
try:
    link = join_link(canvas.app)
    print(f'# join link: {link}')

    # Only the link's token opens the door.
    wrong = re.sub(r'/s/[0-9a-f]{32}/', '/s/' + '0' * 32 + '/', link)
    for url in (wrong, link.split('/s/')[0] + '/', link + '../../etc/passwd'):
        status, body = status_of(url)
        assert status in (403, 404), f'{url} gave {status}'
        assert b'root:' not in body
    status, body = status_of(link)
    assert status == 200 and b'<form id="join-form">' in body
    print('ok 1 the join link opens the page; wrong tokens and other paths are refused')

    driver = browser()
    driver.get(link)
    wait = WebDriverWait(driver, 20)
    wait.until(lambda d: d.find_element(By.ID, 'name').is_displayed())
    driver.find_element(By.ID, 'name').send_keys(NAME)
    driver.find_element(By.ID, 'join-button').click()
    wait.until(lambda d: d.find_element(By.ID, 'room').is_displayed())
    wait.until(lambda d: len(Select(d.find_element(By.ID, 'card-stage')).options) == 3)
    # The name is shown as text, not markup.
    you = driver.find_element(By.ID, 'you').text
    assert NAME in you, you
    print('ok 2 a phone-sized browser joins with a name')

    Select(driver.find_element(By.ID, 'card-stage')).select_by_visible_text('Consideration')
    Select(driver.find_element(By.ID, 'card-kind')).select_by_value('pain-points')
    driver.find_element(By.ID, 'card-text').send_keys(CARD_TEXT)
    driver.find_element(By.ID, 'add-button').click()
    wait.until(lambda d: d.find_element(By.ID, 'card-text').get_attribute('value') == '')
    # The map pushed back lists the card, as text.
    wait.until(lambda d: CARD_TEXT in d.find_element(By.ID, 'map-list').text)
    assert not driver.find_elements(By.CSS_SELECTOR, '#map-list b')
    phone = os.path.join(trailtest.artifacts_dir(), 'session-phone.png')
    driver.save_screenshot(phone)
    print(f'ok 3 the card is added from the phone; screenshot: {phone}')

    # On the running app's canvas, in its lane and stage…
    g = canvas.geometry(lambda g: canvas.card(g, CARD_TEXT) is not None, what='the card on the canvas')
    card = canvas.card(g, CARD_TEXT)
    cell = canvas.cell(g, 'Pain points', 'Consideration')
    assert cell['x'] <= card['x'] + card['w'] / 2 <= cell['x'] + cell['w'], (card, cell)
    projector = canvas.screenshot('session-projector')
    # …and in the saved file, marked as proposed by the participant.
    doc = canvas.save()
    saved = [c for c in doc['cards'] if c['text'] == CARD_TEXT]
    assert len(saved) == 1, saved
    assert saved[0]['lane'] == 'l5' and saved[0]['stage'] == 's2', saved
    assert saved[0].get('evidence') == 'proposed', saved
    assert NAME in saved[0].get('evidence-note', ''), saved
    print(f'ok 4 the card is on the canvas and in the saved file; screenshot: {projector}')

    # The facilitator's undo takes it away, on the canvas and the phone.
    trailtest.xdotool('windowfocus', '--sync', canvas.window)
    canvas.key('ctrl+z')
    canvas.geometry(lambda g: canvas.card(g, CARD_TEXT) is None, what='the card undone')
    WebDriverWait(driver, 20).until(lambda d: CARD_TEXT not in d.find_element(By.ID, 'map-list').text)
    doc = canvas.save()
    assert not [c for c in doc['cards'] if c['text'] == CARD_TEXT]
    print('ok 5 the facilitator\'s undo removes the participant\'s card')

    # The header bar's button: the link and its QR code, who joined.
    canvas.app.activate('toggle button', 'Workshop Session')
    canvas.app.find('label', link)
    canvas.app.find('label', '1 participant')
    canvas.app.find('image', f'QR code of {link}')
    popover = canvas.screenshot('session-popover')
    print(f'ok 6 the header bar shows the link, the QR code and who joined; screenshot: {popover}')

    # Ending the session tells the phone and closes the port.
    canvas.app.activate('push button', 'End Session')
    WebDriverWait(driver, 20).until(lambda d: 'ended' in d.find_element(By.ID, 'status').text)
    port = int(link.split(':')[2].split('/')[0])
    host = link.split('/')[2].split(':')[0]

    def refused():
        try:
            socket.create_connection((host, port), timeout=2).close()
            return False
        except ConnectionRefusedError:
            return True
    trailtest.wait_until(refused, what='the port to close')
    print('ok 7 ending the session closes the port; the phone says so')

    # A new session from the same popover has a new token; closing the
    # window ends it.
    canvas.app.activate('push button', 'Start Session')
    pattern = re.compile(r'^http://[0-9.]+:[0-9]+/s/[0-9a-f]{32}/$')
    label = canvas.app.find('label', lambda name: bool(pattern.match(name or '')) and name != link)
    second = label.get_name()
    assert second != link, second
    status, _body = status_of(second)
    assert status == 200
    host = second.split('/')[2].split(':')[0]
    port = int(second.split(':')[2].split('/')[0])
    print('ok 8 a second session starts with a new token')

    trailtest.xdotool('key', 'Escape')
    status = canvas.close()
    if status != 0:
        raise SystemExit(f'not ok 9 the app exited with status {status}')
    trailtest.wait_until(refused, what='the port to close with the window')
    print('ok 9 closing the window ends the session and quits cleanly')
finally:
    if driver is not None:
        driver.quit()
    canvas.app.quit()
