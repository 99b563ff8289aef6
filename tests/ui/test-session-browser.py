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

import json
import os
import re
import shutil
import socket
import subprocess
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
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:
    CHROMEDRIVER = None
if CHROMEDRIVER is None:
    trailtest.skip('needs chromium, chromium-driver and python3-selenium')

CARD_TEXT = 'Parking is hard <b>to find</b>'
SECOND_TEXT = 'Nobody answers the phone'
EDITED_TEXT = 'Compares <i>prices</i> & delivery'


async def hostile(link, stage):
    """What a hostile participant sends the running app: each refused with
    an error, or the connection closed; nothing may reach the map."""
    import asyncio
    import json
    import websockets
    url = link.replace('http://', 'ws://') + 'ws'
    codes = []
    async with websockets.connect(url, max_size=None) as ws:
        # Four mistakes before joining; the fifth would close the door.
        for text in ('{', '[]', '<script>alert(1)</script>'):
            await ws.send(text)
            codes.append(json.loads(await ws.recv())['code'])
        await ws.send(json.dumps({'type': 'join', 'name': 'Mallory \u0007'}))
        codes.append(json.loads(await ws.recv())['code'])
    async with websockets.connect(url, max_size=None) as ws:
        await ws.send(json.dumps({'type': 'join', 'name': '<img src=x onerror=alert(1)>'}))
        assert json.loads(await ws.recv())['type'] == 'welcome'
        for text in ('x' * 10000, 'bell \u0007', 'rtl \u202e'):
            await ws.send(json.dumps({'type': 'add-card', 'id': 1, 'stage': stage, 'kind': 'pain-points',
                                      'text': text}))
            while True:
                reply = json.loads(await ws.recv())
                if reply['type'] == 'error':
                    codes.append(reply['code'])
                    break
        # A flood: the burst is checked (and refused: no such stage), the
        # rest rate-limited, and after 50 refusals in a row the door closes.
        for i in range(100):
            await ws.send(json.dumps({'type': 'add-card', 'stage': 'nope', 'kind': 'notes', 'text': str(i)}))
        flood = []
        try:
            while True:
                reply = json.loads(await ws.recv())
                if reply['type'] == 'error':
                    flood.append(reply['code'])
        except websockets.ConnectionClosed as closed:
            assert closed.rcvd.code == 1008, closed
        # (the three refusals before it count towards the 50)
        assert 'rate-limited' in flood and len(flood) == 50 - 3, flood
    # Oversized: the connection is closed.
    async with websockets.connect(url, max_size=None) as ws:
        await ws.send('{"type":"join","name":"' + 'y' * 100000 + '"}')
        try:
            await asyncio.wait_for(ws.recv(), 10)
            closed = False
        except websockets.ConnectionClosed:
            closed = True
        assert closed
    # Gone mid-frame: a header promising more than comes.
    reader, writer = await asyncio.open_connection(link.split('/')[2].split(':')[0],
                                                   int(link.split(':')[2].split('/')[0]))
    path = '/' + link.split('/', 3)[3] + 'ws'
    writer.write((f'GET {path} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
                  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n').encode())
    await writer.drain()
    await reader.readuntil(b'\r\n\r\n')
    writer.write(bytes([0x81, 0xFE, 0x10, 0x00, 1, 2, 3, 4]) + b'half')
    await writer.drain()
    writer.close()
    return codes
NAME = 'Ada <script>'


def start():
    """Canvas steps (geometry, save) around an app started with --session."""
    canvas = canvastest.Canvas.__new__(canvastest.Canvas)
    canvas.dir = tempfile.mkdtemp(prefix='trailmap-session-')
    canvas.path = os.path.join(canvas.dir, 'map.trailmap')
    # A dot-voting round on the pain points, running (not revealed), with
    # one participant the facilitator listed; the phone joins it.
    with open(os.path.join(HERE, 'data', 'canvas-small.trailmap')) as f:
        doc = json.load(f)
    doc['vote-rounds'] = [{'id': 'vtest', 'question': 'Which pain hurts most?',
                           'lane-kind': 'pain-points', 'budget': 2}]
    doc['voters'] = [{'id': 'wben', 'round': 'vtest', 'name': 'Ben'}]
    with open(canvas.path, 'w') as f:
        json.dump(doc, f, indent=2)
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


def crowd_pixels(canvas, shot, stage):
    """How many pixels of the emotions lane's cell in @stage are drawn in
    the crowd line's colour (the light style's dark grey; a persona's line
    is never that colour), and the middle height of where they are, in
    screen pixels. ImageMagick counts them in the screenshot."""
    g = canvas.geometry()
    cell = canvas.cell(g, 'Emotions', stage)
    x, y = canvas.screen(cell['x'], cell['y'])
    out = subprocess.run(['convert', shot, '-crop', f'{int(cell["w"])}x{int(cell["h"])}+{x}+{y}', '+repage',
                          '-alpha', 'off', '-fuzz', '12%', '-transparent', '#3d3846', '-alpha', 'extract',
                          '-negate', '-format', '%[fx:round(mean*w*h)] %@', 'info:'],
                         capture_output=True, text=True, check=True)
    count, box = out.stdout.split()
    height, top = (int(v) for v in re.fullmatch(r'[0-9]+x([0-9]+)\+[0-9]+\+([0-9]+)', box).groups())
    return int(count), y + top + height / 2

# Seen from inside the page: the sockets room.js opens, the types of the
# messages it sends, and the revision and number of the maps it receives,
# so that a test can hand it a message the app would never send.
SOCKET_SPY = """
(() => {
  const Native = window.WebSocket;
  window.trailmapSockets = [];
  window.trailmapSent = [];
  window.trailmapMaps = 0;
  window.trailmapRevision = null;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      window.trailmapSockets.push(this);
      this.addEventListener('message', (event) => {
        if (!event.isTrusted) return;
        try {
          const message = JSON.parse(event.data);
          if (message.type === 'map') window.trailmapMaps++;
          if (message.type === 'map' || message.type === 'map-delta') window.trailmapRevision = message.revision;
        } catch (e) { /* not JSON */ }
      });
    }
    send(data) {
      try { window.trailmapSent.push(JSON.parse(data).type); } catch (e) { /* not JSON */ }
      return super.send(data);
    }
  };
})();
"""


def browser():
    options = Options()
    options.add_argument('--headless=new')
    options.add_argument('--no-sandbox')
    options.add_argument('--window-size=390,844')
    options.add_argument('--disable-gpu')
    options.add_argument('--user-data-dir=' + tempfile.mkdtemp(prefix='trailmap-chromium-'))
    options.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    # Headless windows are at least 500 pixels wide: emulate the phone.
    driver.execute_cdp_cmd('Emulation.setDeviceMetricsOverride',
                           {'width': 390, 'height': 844, 'deviceScaleFactor': 1, 'mobile': True})
    driver.execute_cdp_cmd('Page.addScriptToEvaluateOnNewDocument', {'source': SOCKET_SPY})
    return driver


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
    # Rating is offered, and voting in the map's running round.
    assert driver.find_element(By.ID, 'rate-section').is_displayed()
    assert driver.find_element(By.ID, 'vote-section').is_displayed()
    assert driver.find_element(By.ID, 'round-question').text == 'Which pain hurts most?'
    assert driver.find_element(By.ID, 'dots-left').text == 'Dots left: 2'
    print('ok 2 a phone-sized browser joins with a name and sees the voting round')

    # Two dots on the failing checkout: the budget is then spent, the
    # round's results stay hidden, and the dots are the phone's in the file.
    # The first dot by a tap, the rest from the keyboard: the keyboard
    # stays on the button through each of the phone's updates, also when
    # the last dot is spent and the button can no longer add one.
    plus = '//ul[@id="vote-list"]/li[span[text()="Checkout fails"]]/button[2]'
    minus = plus.replace('button[2]', 'button[1]')
    driver.find_element(By.XPATH, plus).click()
    wait.until(lambda d: d.find_element(By.ID, 'dots-left').text == 'Dots left: 1')

    def focused(xpath):
        return driver.switch_to.active_element == driver.find_element(By.XPATH, xpath)
    ActionChains(driver).send_keys(Keys.SPACE).perform()
    wait.until(lambda d: d.find_element(By.ID, 'dots-left').text == 'Dots left: 0')
    wait.until(lambda d: d.find_element(By.XPATH, plus).get_attribute('aria-disabled') == 'true')
    assert focused(plus), 'the keyboard left the + button when the last dot was spent'
    # A spent + does nothing; Shift+Tab to −, which takes a dot back.
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
    assert focused(minus), 'Shift+Tab from + did not reach −'
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    wait.until(lambda d: d.find_element(By.ID, 'dots-left').text == 'Dots left: 1')
    assert focused(minus), 'the keyboard left the − button after taking a dot back'
    ActionChains(driver).send_keys(Keys.TAB, Keys.SPACE).perform()
    wait.until(lambda d: d.find_element(By.ID, 'dots-left').text == 'Dots left: 0')
    assert focused(plus), 'the keyboard left the + button'
    assert driver.find_element(By.XPATH, plus + '/preceding-sibling::span[1]').text == '●●'
    voted = canvas.save()
    voters = {v.get('name'): v for v in voted['voters']}
    assert set(voters) == {'Ben', NAME}, voters
    assert voters[NAME]['round'] == 'vtest' and voters[NAME]['dots'] == ['c5', 'c5'], voters
    assert not voters['Ben'].get('dots'), voters
    assert not voted['vote-rounds'][0].get('revealed'), voted['vote-rounds']
    vote_shot = os.path.join(trailtest.artifacts_dir(), 'session-phone-vote.png')
    driver.save_screenshot(vote_shot)
    print(f'ok 3 the phone casts its two dots in the round by tap and by keyboard, the keyboard kept on its '
          f'button; in the saved file; screenshot: {vote_shot}')

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
    print(f'ok 4 the card is added from the phone; screenshot: {phone}')

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
    print(f'ok 5 the card is on the canvas and in the saved file; screenshot: {projector}')

    # The facilitator's undo takes it away, on the canvas and the phone.
    trailtest.xdotool('windowfocus', '--sync', canvas.window)
    canvas.key('ctrl+z')
    canvas.geometry(lambda g: canvas.card(g, CARD_TEXT) is None, what='the card undone')
    WebDriverWait(driver, 20).until(lambda d: CARD_TEXT not in d.find_element(By.ID, 'map-list').text)
    doc = canvas.save()
    assert not [c for c in doc['cards'] if c['text'] == CARD_TEXT]
    print('ok 6 the facilitator\'s undo removes the participant\'s card')

    # Hostile participants: refused, and the room goes on.
    import asyncio
    codes = asyncio.run(hostile(link, 's2'))
    assert codes == ['malformed', 'malformed', 'malformed', 'invalid',
                     'too-long', 'invalid', 'invalid'], codes
    Select(driver.find_element(By.ID, 'card-kind')).select_by_value('actions')
    driver.find_element(By.ID, 'card-text').send_keys(SECOND_TEXT)
    driver.find_element(By.ID, 'add-button').click()
    canvas.geometry(lambda g: canvas.card(g, SECOND_TEXT) is not None, what='the second card on the canvas')
    doc = canvas.save()
    texts = [c['text'] for c in doc['cards']]
    assert texts.count(SECOND_TEXT) == 1 and CARD_TEXT not in texts, texts
    assert not [t for t in texts if 'Mallory' in t or 'yyy' in t or 'xxxx' in t]
    assert not canvas.app.log_problems(), canvas.app.log_problems()
    print('ok 7 hostile messages are refused, the app keeps working, nothing lost, no warning logged')

    # The phone follows edits without a reload: the app sends what
    # changed (map-delta) and the page changes only that.
    driver.execute_script('window.trailmapNotReloaded = true')
    wait.until(lambda d: SECOND_TEXT in d.find_element(By.ID, 'map-list').text)
    g = canvas.geometry()
    canvas.click(canvas.center(canvas.card(g, 'Compares prices')))
    canvas.geometry(lambda g: g['selection'] == ['c4'], what='Compares prices selected')
    canvas.type(EDITED_TEXT)
    canvas.key('ctrl+Return')
    canvas.geometry(lambda g: canvas.card(g, EDITED_TEXT) is not None, what='the edited card')
    # Back to the first stage with nothing selected, as before (presenting
    # starts at the stage the canvas's keyboard is in).
    canvas.click(canvas.center(canvas.card(canvas.geometry(), 'Sees an ad')))
    canvas.geometry(lambda g: g['selection'] == ['c1'], what='Sees an ad selected')
    canvas.key('Escape')
    canvas.geometry(lambda g: g['selection'] == [], what='the selection cleared')
    wait.until(lambda d: EDITED_TEXT in d.find_element(By.ID, 'map-list').text)
    assert 'Compares prices' not in driver.find_element(By.ID, 'map-list').text
    assert driver.execute_script('return window.trailmapNotReloaded === true'), 'the page reloaded'
    # The phone's list is the map's: every card once, in a list per stage.
    doc = canvas.save()
    listed = driver.execute_script(
        "return [...document.querySelectorAll('#map-list ul[role=list] > li > .text')].map((e) => e.textContent)")
    lanes = {lane['id']: lane for lane in doc['lanes']}
    expected = [c['text'] for c in doc['cards'] if lanes[c['lane']].get('kind') != 'emotions']
    assert sorted(listed) == sorted(expected), (listed, expected)
    driver.find_element(By.ID, 'map-heading').location_once_scrolled_into_view
    delta_shot = os.path.join(trailtest.artifacts_dir(), 'session-phone-delta.png')
    driver.save_screenshot(delta_shot)
    print('ok 8 the facilitator edits a card: the phone shows the new text without a reload, its list is the map; '
          f'screenshot: {delta_shot}')

    # A delta that does not fit the page's copy — another base revision, a
    # removal of a card it does not have, sizes that disagree — changes
    # nothing there: the page asks for the whole map (resync) and goes on
    # following the facilitator's edits.
    def listed_texts():
        return driver.execute_script(
            "return [...document.querySelectorAll('#map-list ul[role=list] > li > .text')].map((e) => e.textContent)")

    revision = driver.execute_script('return window.trailmapRevision')
    assert isinstance(revision, int), revision
    stage_ids = [stage['id'] for stage in doc['stages']]
    lane_id = next(lane['id'] for lane in doc['lanes'] if lane.get('kind') != 'emotions')
    injected = {'id': 'c-injected', 'stage': stage_ids[0], 'index': 0, 'lane': lane_id,
                'kind': 'pain-points', 'text': 'Injected by a bad delta'}
    bad_deltas = [
        {'base': revision + 1000, 'revision': revision + 1001, 'cards': [injected], 'sizes': []},
        {'base': revision, 'revision': revision + 1, 'removed': ['no-such-card'], 'cards': [injected]},
        {'base': revision, 'revision': revision + 1, 'cards': [injected], 'sizes': [0] * len(stage_ids)},
    ]
    for delta in bad_deltas:
        delta['type'] = 'map-delta'
        resyncs = driver.execute_script("return window.trailmapSent.filter((t) => t === 'resync').length")
        maps = driver.execute_script('return window.trailmapMaps')
        driver.execute_script("window.trailmapSockets.at(-1).dispatchEvent("
                              "new MessageEvent('message', {data: arguments[0]}))", json.dumps(delta))
        wait.until(lambda d: d.execute_script("return window.trailmapSent.filter((t) => t === 'resync').length")
                   == resyncs + 1)
        # The app's answer (refused and asked again if too soon after the last).
        wait.until(lambda d: d.execute_script('return window.trailmapMaps') > maps)
        assert injected['text'] not in driver.find_element(By.ID, 'map-list').text
        assert sorted(listed_texts()) == sorted(expected), (listed_texts(), expected)
    assert driver.execute_script('return window.trailmapRevision') == revision
    # Deltas are applied again afterwards: the facilitator's undo and redo.
    canvas.focus_canvas()
    canvas.key('ctrl+z')
    wait.until(lambda d: 'Compares prices' in d.find_element(By.ID, 'map-list').text)
    canvas.key('ctrl+shift+z')
    wait.until(lambda d: EDITED_TEXT in d.find_element(By.ID, 'map-list').text)
    assert 'Compares prices' not in driver.find_element(By.ID, 'map-list').text
    assert sorted(listed_texts()) == sorted(expected), (listed_texts(), expected)
    canvas.key('Escape')
    canvas.geometry(lambda g: g['selection'] == [] and not g['editing'], what='nothing selected')
    assert driver.execute_script('return window.trailmapNotReloaded === true'), 'the page reloaded'
    print(f'ok 9 deltas that do not fit the phone\'s copy are not applied; it asks for the map ({len(bad_deltas)} '
          'times), then follows the facilitator\'s undo and redo by deltas again')

    # Rating two stages, one of them twice: the second rating replaces
    # the first, and the page lists the phone's own ratings.
    def rate(stage, score, word=None):
        Select(driver.find_element(By.ID, 'rate-stage')).select_by_visible_text(stage)
        driver.find_element(By.XPATH, f'//fieldset[@id="rate-scale"]/label[input[@value="{score}"]]').click()
        if word is not None:
            driver.find_element(By.ID, 'rate-word').clear()
            driver.find_element(By.ID, 'rate-word').send_keys(word)
        before = driver.find_element(By.ID, 'my-ratings').text
        driver.find_element(By.ID, 'rate-button').click()
        wait.until(lambda d: d.find_element(By.ID, 'my-ratings').text != before)
        return [li.text.replace('\n', ' ') for li in driver.find_elements(By.CSS_SELECTOR, '#my-ratings li')]

    assert driver.find_element(By.ID, 'my-ratings').text == 'You have not rated a stage yet.'
    # The whole map in view, for the crowd line in the emotions lane.
    canvas.fit()
    unrated = canvas.screenshot('session-projector-unrated')
    before = {stage: crowd_pixels(canvas, unrated, stage)[0] for stage in ('Awareness', 'Purchase')}
    rate('Awareness', -2, 'confusing')
    mine = rate('Purchase', 1)
    assert mine == ['Awareness Very negative · confusing', 'Purchase Positive'], mine
    # Choosing a rated stage shows what was given; rating again replaces.
    Select(driver.find_element(By.ID, 'rate-stage')).select_by_visible_text('Awareness')
    assert driver.find_element(By.CSS_SELECTOR, '#rate-scale input[value="-2"]').is_selected()
    assert driver.find_element(By.ID, 'rate-word').get_attribute('value') == 'confusing'
    assert driver.find_element(By.ID, 'rate-current').is_displayed()
    mine = rate('Awareness', -1)
    assert mine == ['Awareness Negative · confusing', 'Purchase Positive'], mine
    driver.find_element(By.ID, 'rate-section').location_once_scrolled_into_view
    rate_shot = os.path.join(trailtest.artifacts_dir(), 'session-phone-rate.png')
    driver.save_screenshot(rate_shot)
    doc = canvas.save()
    ratings = {r['stage']: r for r in doc.get('ratings', [])}
    assert set(ratings) == {'s1', 's3'}, doc.get('ratings')
    assert ratings['s1']['score'] == -1 and ratings['s1'].get('word') == 'confusing', ratings
    assert ratings['s3']['score'] == 1 and 'word' not in ratings['s3'], ratings
    assert all(r['name'] == NAME for r in ratings.values()), ratings
    assert ratings['s1']['participant'] == ratings['s3']['participant'], ratings
    # On the canvas: the crowd's marks (and their "n = 1") in the two
    # stages rated.
    canvas.focus_canvas()
    canvas.key('ctrl+0')
    canvas.wait_view_settled()
    rated_projector = canvas.screenshot('session-projector-ratings')
    after = {stage: crowd_pixels(canvas, rated_projector, stage) for stage in ('Awareness', 'Purchase')}
    print(f'# crowd-coloured pixels before {before}, after (count, middle y) {after}')
    assert all(after[stage][0] > before[stage] + 40 for stage in after), (before, after)
    # Awareness rated below Purchase: its crowd mark lower on the screen.
    assert after['Awareness'][1] > after['Purchase'][1] + 10, after
    print(f'ok 10 the phone rates two stages and re-rates one; the ratings are in the saved file and the crowd '
          f'line on the canvas; screenshots: {rate_shot}, {rated_projector}')

    # The facilitator reveals the round: the phone says voting is closed
    # and shows the room's dots, the cards nobody chose included.
    canvas.focus_canvas()
    canvas.key('ctrl+shift+r')
    wait.until(lambda d: d.find_element(By.ID, 'round-closed').is_displayed())
    score = '//ul[@id="vote-list"]/li[span[text()="{}"]]/span[@class="score"]'
    wait.until(lambda d: d.find_element(By.XPATH, score.format('Checkout fails')).text == 'Dots: 2')
    ranked = [li.text for li in driver.find_elements(By.CSS_SELECTOR, '#vote-list li')]
    assert ranked and ranked[0].startswith('Checkout fails'), ranked
    assert all(r.endswith('Dots: 0') for r in ranked[1:]), ranked
    assert not driver.find_elements(By.CSS_SELECTOR, '#vote-list button')
    assert canvas.save()['vote-rounds'][0].get('revealed') is True
    revealed_shot = os.path.join(trailtest.artifacts_dir(), 'session-phone-revealed.png')
    driver.find_element(By.ID, 'vote-section').location_once_scrolled_into_view
    driver.save_screenshot(revealed_shot)
    print(f'ok 11 the reveal closes voting on the phone and shows the results; screenshot: {revealed_shot}')

    # Presenting: the phone shows the stage and the timer, and its forms
    # follow to the stage presented.
    canvas.key('F5')
    wait.until(lambda d: d.find_element(By.ID, 'now-line').text == 'Now presenting: Awareness')
    canvas.key('Right')
    wait.until(lambda d: d.find_element(By.ID, 'now-line').text == 'Now presenting: Consideration')
    assert Select(driver.find_element(By.ID, 'card-stage')).first_selected_option.text == 'Consideration'
    canvas.key('t')
    wait.until(lambda d: re.fullmatch(r'Time left: [45]:[0-9]{2}', d.find_element(By.ID, 'timer-line').text))
    first = driver.find_element(By.ID, 'timer-line').text
    # The page counts down by itself between the app's pushes.
    wait.until(lambda d: d.find_element(By.ID, 'timer-line').text != first)
    canvas.key('t')
    wait.until(lambda d: d.find_element(By.ID, 'timer-line').text.startswith('Timer paused: '))
    driver.execute_script('window.scrollTo(0, 0)')
    present_shot = os.path.join(trailtest.artifacts_dir(), 'session-phone-presenting.png')
    driver.save_screenshot(present_shot)
    canvas.key('shift+t')
    wait.until(lambda d: d.find_element(By.ID, 'timer-line').text == '')
    canvas.key('Escape')
    wait.until(lambda d: not d.find_element(By.ID, 'room-line').is_displayed())
    print(f'ok 12 the phone shows the stage presented and the timer, counting down; screenshot: {present_shot}')

    # The header bar's button: the link and its QR code, who joined.
    canvas.app.activate('toggle button', 'Workshop Session')
    canvas.app.find('label', link)
    canvas.app.find('label', '2 participants')
    # The hostile one is removed with its row's button (its name is text).
    canvas.app.activate('push button', 'Remove <img src=x onerror=alert(1)>')
    canvas.app.find('label', '1 participant')
    canvas.app.find('image', f'QR code of {link}')
    popover = canvas.screenshot('session-popover')
    print(f'ok 13 the header bar shows the link, the QR code and who joined, and removes one; screenshot: {popover}')

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
    print('ok 14 ending the session closes the port; the phone says so')

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
    print('ok 15 a second session starts with a new token')

    trailtest.xdotool('key', 'Escape')
    status = canvas.close()
    if status != 0:
        raise SystemExit(f'not ok 16 the app exited with status {status}')
    trailtest.wait_until(refused, what='the port to close with the window')
    print('ok 16 closing the window ends the session and quits cleanly')
except BaseException:
    # What the page's script said, to tell a script error from a slow app.
    if driver is not None:
        for entry in driver.get_log('browser'):
            print(f'# browser: {entry}')
        print(f'# status: {driver.find_element(By.ID, "status").text!r}, '
              f'now: {driver.find_element(By.ID, "now-line").text!r}')
        canvas.screenshot('session-failed')
    raise
finally:
    if driver is not None:
        driver.quit()
    canvas.app.quit()
