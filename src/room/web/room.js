// The participant page of a Trailmap workshop session.
//
// Plain JavaScript, no libraries, nothing from the network but this
// server. Every text from the map or from other people goes into the page
// with textContent, never as HTML.
'use strict';

(function () {
  let strings = {};
  let socket = null;
  let key = null;
  let nextId = 1;
  let map = null;
  let you = null;
  let retry = 0;
  let ended = false;
  let presented = null;
  let timer = null;
  let ticking = null;
  let resyncId = null;
  const pending = new Map();
  // The map's list as shown: each card's item and each stage's heading,
  // so that a delta touches only what changed.
  let cardItems = new Map();
  let stageViews = new Map();
  // The members of a map a delta's "set" may change.
  const SETTINGS = ['title', 'paused', 'mode', 'workshop', 'rating', 'voting', 'scale', 'kinds', 'unlisted'];

  const $ = (id) => document.getElementById(id);

  function t(name, value) {
    const text = strings[name] || name;
    return value === undefined ? text : text.replace(/%[sd]/, String(value));
  }

  function say(text) {
    $('status').textContent = text;
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function send(message, done) {
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      say(t('offline'));
      return;
    }
    message.id = nextId++;
    if (done) pending.set(message.id, done);
    socket.send(JSON.stringify(message));
  }

  function fillSelect(select, items, value, label) {
    const keep = select.value;
    select.replaceChildren();
    for (const item of items) {
      const option = el('option', null, label(item));
      option.value = value(item);
      select.appendChild(option);
    }
    if ([...select.options].some((o) => o.value === keep)) select.value = keep;
  }

  function cardsById() {
    const all = new Map();
    if (!map) return all;
    for (const stage of map.stages) {
      for (const card of stage.cards) all.set(card.id, card);
    }
    return all;
  }

  function scaleLabel(score) {
    const step = map ? map.scale.find((s) => s.score === score) : null;
    return step && step.label ? step.label : String(score);
  }

  // The participant's own ratings, and what they gave the stage chosen:
  // rating it again replaces that.
  function renderRatings() {
    const ratings = (you && you.ratings) || {};
    const list = $('my-ratings');
    list.replaceChildren();
    for (const stage of map.stages) {
      const rating = ratings[stage.id];
      if (!rating) continue;
      const li = el('li');
      li.appendChild(el('span', 'text', stage.name));
      const what = scaleLabel(rating.score) + (rating.word ? ' · ' + rating.word : '');
      li.appendChild(el('span', 'score', what));
      list.appendChild(li);
    }
    if (!list.firstChild) list.appendChild(el('li', 'hint', t('no-ratings')));

    const current = ratings[$('rate-stage').value];
    if (current && !$('rate-scale').querySelector('input:checked')) checkRatedScore();
    const hint = $('rate-current');
    hint.hidden = !current;
    hint.textContent = current ? t('rated-before', scaleLabel(current.score)) : '';
  }

  // Choosing a stage shows the score given it before, ready to change.
  function checkRatedScore() {
    const ratings = (you && you.ratings) || {};
    const current = ratings[$('rate-stage').value];
    for (const input of $('rate-scale').querySelectorAll('input')) {
      input.checked = current ? input.value === String(current.score) : false;
    }
    if (current) $('rate-word').value = current.word || '';
    else $('rate-word').value = '';
  }

  // Everything a map says but its stages' cards.
  function renderSettings() {
    $('map-title').textContent = map.title || t('title');
    fillSelect($('card-kind'), map.kinds, (k) => k.id, (k) => k.label);

    const scale = $('rate-scale');
    const checked = scale.querySelector('input:checked');
    const keep = checked ? checked.value : null;
    scale.querySelectorAll('label').forEach((n) => n.remove());
    for (const step of map.scale) {
      const label = el('label');
      const input = el('input');
      input.type = 'radio';
      input.name = 'score';
      input.value = String(step.score);
      input.required = true;
      if (String(step.score) === keep) input.checked = true;
      label.appendChild(input);
      label.appendChild(document.createTextNode(scaleLabel(step.score)));
      scale.appendChild(label);
    }

    const notice = $('notice');
    if (map.paused) {
      notice.textContent = t('paused');
      notice.hidden = false;
    } else if (map.mode === 'inbox') {
      notice.textContent = t('inbox');
      notice.hidden = false;
    } else {
      notice.hidden = true;
    }
    for (const id of ['add-button', 'rate-button']) $(id).disabled = map.paused;
    // Rating and voting come with the facilitator's workshop tools.
    $('rate-section').hidden = !map.rating;
    $('vote-section').hidden = !map.voting;

    const unlisted = $('unlisted');
    unlisted.hidden = !(map.unlisted > 0);
    unlisted.textContent = map.unlisted > 0 ? t('unlisted', map.unlisted) : '';
  }

  function cardItem(card) {
    const li = el('li');
    li.appendChild(el('span', 'kind', card.lane));
    li.appendChild(el('span', 'text', card.text));
    cardItems.set(card.id, li);
    return li;
  }

  // A stage's cards: a list, or a line saying there are none. The list
  // is named by the stage's heading; the map's list is no live region, so
  // a burst of cards from the room is not read out card by card.
  function stageBody(stage, view) {
    let body;
    if (stage.cards.length === 0) {
      body = el('p', 'hint', t('no-cards'));
    } else {
      body = el('ul', 'cards');
      body.setAttribute('role', 'list');
      body.setAttribute('aria-labelledby', view.heading.id);
      for (const card of stage.cards) body.appendChild(cardItem(card));
    }
    if (view.body) view.body.replaceWith(body);
    view.body = body;
    return body;
  }

  function renderList() {
    const list = $('map-list');
    list.replaceChildren();
    cardItems = new Map();
    stageViews = new Map();
    map.stages.forEach((stage, i) => {
      const view = { heading: el('h3', null, stage.name), body: null };
      view.heading.id = 'stage-heading-' + i;
      stageViews.set(stage.id, view);
      list.appendChild(view.heading);
      list.appendChild(stageBody(stage, view));
    });
    const unlisted = el('p', 'hint');
    unlisted.id = 'unlisted';
    list.appendChild(unlisted);
    renderCurrentStage();
  }

  function renderCurrentStage() {
    const current = you && you.room ? you.room.stage : null;
    for (const [id, view] of stageViews) view.heading.classList.toggle('current', id === current);
  }

  // A whole map: everything again.
  function renderMap() {
    fillSelect($('card-stage'), map.stages, (s) => s.id, (s) => s.name);
    fillSelect($('rate-stage'), map.stages, (s) => s.id, (s) => s.name);
    renderList();
    renderSettings();
    if (map.rating) renderRatings();
    renderRound();
  }

  // Asks the app for the whole map again: the copy here no longer matches
  // what the app changes. Until it comes, the page keeps its last map
  // (out of date, never wrong) and ignores deltas.
  function resync() {
    if (resyncId !== null) return;
    const message = { type: 'resync' };
    send(message);
    resyncId = message.id !== undefined ? message.id : null;
  }

  // A "map-delta": checked whole against this copy before anything is
  // changed; if it does not fit, the page asks for the map instead.
  function applyDelta(delta) {
    if (!map || resyncId !== null) return;
    if (delta.base !== map.revision) {
      resync();
      return;
    }
    const order = new Map(map.stages.map((stage, i) => [stage.id, i]));
    const present = new Set();
    for (const stage of map.stages) for (const card of stage.cards) present.add(card.id);
    const sent = Array.isArray(delta.cards) ? delta.cards : [];
    const removed = Array.isArray(delta.removed) ? delta.removed : [];
    const gone = new Set();
    for (const id of removed) {
      if (!present.has(id)) return resync();
      gone.add(id);
    }
    for (const card of sent) {
      if (!order.has(card.stage) || typeof card.id !== 'string') return resync();
      if (present.has(card.id)) gone.add(card.id);
    }
    const lists = map.stages.map((stage) => stage.cards.filter((card) => !gone.has(card.id)));
    const placed = sent.slice().sort((a, b) => (order.get(a.stage) - order.get(b.stage)) || (a.index - b.index));
    for (const card of placed) {
      const list = lists[order.get(card.stage)];
      if (!Number.isInteger(card.index) || card.index < 0 || card.index > list.length) return resync();
      list.splice(card.index, 0, { id: card.id, lane: card.lane, kind: card.kind, text: card.text });
    }
    const sizes = Array.isArray(delta.sizes) ? delta.sizes : [];
    if (sizes.length !== lists.length || lists.some((list, i) => list.length !== sizes[i])) return resync();

    // It fits: the copy, then the page, only where something changed.
    const touched = new Set(placed.map((card) => card.stage));
    map.stages.forEach((stage, i) => {
      if (stage.cards.some((card) => gone.has(card.id))) touched.add(stage.id);
      stage.cards = lists[i];
    });
    if (delta.set) for (const key of SETTINGS) if (key in delta.set) map[key] = delta.set[key];
    map.revision = delta.revision;

    for (const id of gone) {
      const li = cardItems.get(id);
      if (li) li.remove();
      cardItems.delete(id);
    }
    for (const stage of map.stages) {
      if (!touched.has(stage.id)) continue;
      const view = stageViews.get(stage.id);
      if (stage.cards.length === 0 || view.body.tagName !== 'UL') {
        stageBody(stage, view);
        continue;
      }
      for (const card of placed) {
        if (card.stage !== stage.id) continue;
        view.body.insertBefore(cardItem(card), view.body.children[card.index] || null);
      }
    }
    if (delta.set) {
      renderSettings();
      if (map.rating) renderRatings();
    }
    // The round's list names its cards by their text.
    if (placed.length > 0 || gone.size > 0) renderRound();
  }

  // The round's rows by card id, kept from one message to the next: a
  // "you" message follows every vote, and rebuilding the rows would take
  // the keyboard off the button a participant is pressing.
  const voteRows = new Map();

  function voteRow(id) {
    let row = voteRows.get(id);
    if (row) return row;
    row = {
      li: el('li'),
      text: el('span', 'text'),
      dots: el('span', 'kind'),
      minus: el('button', null, '−'),
      plus: el('button', null, '+'),
    };
    row.minus.type = row.plus.type = 'button';
    row.minus.addEventListener('click', () => vote(row.minus, id, -1));
    row.plus.addEventListener('click', () => vote(row.plus, id, 1));
    row.li.append(row.text, row.dots, row.minus, row.plus);
    voteRows.set(id, row);
    return row;
  }

  // A button that cannot be used now says so with aria-disabled, not
  // disabled: a disabled button drops the keyboard focus, so spending the
  // last dot would throw a keyboard or screen reader user off the list.
  function setUsable(button, usable) {
    button.setAttribute('aria-disabled', usable ? 'false' : 'true');
  }

  function vote(button, id, delta) {
    if (button.getAttribute('aria-disabled') === 'true') return;
    send({ type: 'vote', card: id, delta: delta });
  }

  function setText(node, text) {
    if (node.textContent !== text) node.textContent = text;
  }

  function renderRound() {
    const round = you ? you.round : null;
    const list = $('vote-list');
    $('round-closed').hidden = true;
    if (!round || round.results) {
      list.replaceChildren();
      voteRows.clear();
    }
    if (!round) {
      $('round-question').textContent = t('no-round');
      $('dots-left').textContent = '';
      return;
    }
    $('round-question').textContent = round.question || '';
    const cards = cardsById();
    const mine = round.mine || {};
    const results = round.results || null;
    if (results) {
      // The facilitator revealed the round: it takes no more dots, and
      // the phone shows the room's ranking, the cards no one chose too.
      $('round-closed').hidden = false;
      const ranked = (round.cards || []).filter((id) => cards.has(id));
      ranked.sort((a, b) => (results[b] || 0) - (results[a] || 0));
      const total = ranked.reduce((sum, id) => sum + (results[id] || 0), 0);
      $('dots-left').textContent = total === 0 ? t('no-dots') : '';
      for (const id of ranked) {
        const li = el('li');
        li.appendChild(el('span', 'text', cards.get(id).text));
        li.appendChild(el('span', 'score', t('dots', results[id] || 0)));
        list.appendChild(li);
      }
      return;
    }
    setText($('dots-left'), t('dots-left', round.remaining));
    const wanted = [];
    for (const id of round.cards || []) {
      const card = cards.get(id);
      if (!card) continue;
      const row = voteRow(id);
      const count = mine[id] || 0;
      setText(row.text, card.text);
      setText(row.dots, '●'.repeat(count));
      row.minus.setAttribute('aria-label', t('take-dot') + ': ' + card.text);
      row.plus.setAttribute('aria-label', t('add-dot') + ': ' + card.text);
      setUsable(row.minus, count > 0);
      setUsable(row.plus, round.remaining > 0);
      wanted.push(row.li);
    }
    // Rows leave and come in place; the others stay where they are, so
    // the one holding the keyboard is never taken out of the page.
    const keep = new Set(wanted);
    for (const [id, row] of voteRows) {
      if (!keep.has(row.li)) voteRows.delete(id);
    }
    for (const child of [...list.children]) {
      if (!keep.has(child)) child.remove();
    }
    wanted.forEach((li, i) => {
      if (list.children[i] !== li) list.insertBefore(li, list.children[i] || null);
    });
  }

  function formatSeconds(s) {
    const h = Math.floor(s / 3600);
    const m = Math.floor(s / 60) % 60;
    const ss = String(s % 60).padStart(2, '0');
    return h > 0 ? h + ':' + String(m).padStart(2, '0') + ':' + ss : m + ':' + ss;
  }

  // The app tells the time left when the timer starts, pauses, stops or
  // jumps; the page counts down between, a second at a time.
  function renderTimer() {
    const line = $('timer-line');
    if (!timer) {
      line.textContent = '';
      return;
    }
    let left = timer.remaining;
    if (timer.running) left = Math.max(0, left - Math.floor((Date.now() - timer.at) / 1000));
    if (left === 0) line.textContent = t('time-up');
    else if (timer.running) line.textContent = t('timer', formatSeconds(left));
    else line.textContent = t('timer-paused', formatSeconds(left));
  }

  function renderRoom() {
    const room = you ? you.room : null;
    const stage = room && room.stage && map ? map.stages.find((x) => x.id === room.stage) : null;
    $('now-line').textContent = stage ? t('current-stage', stage.name) : '';

    timer = room && room.timer
      ? { remaining: Math.max(0, room.timer.remaining | 0), running: !!room.timer.running, at: Date.now() }
      : null;
    if (ticking) clearInterval(ticking);
    ticking = timer && timer.running ? setInterval(renderTimer, 1000) : null;
    renderTimer();
    $('room-line').hidden = !stage && !timer;

    // When the facilitator moves on, the forms follow to the new stage.
    const now = room ? room.stage : null;
    if (now !== presented) {
      presented = now;
      if (stage) {
        $('card-stage').value = stage.id;
        $('rate-stage').value = stage.id;
        checkRatedScore();
      }
    }
  }

  // What only this participant sees: the map's list stays as it is.
  function renderYou() {
    $('you').textContent = t('you-are', you.name);
    $('you').hidden = false;
    if (map) {
      renderCurrentStage();
      if (map.rating) renderRatings();
      renderRound();
      renderRoom();
    }
  }

  function onMessage(event) {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    const done = message.id !== undefined ? pending.get(message.id) : null;
    if (done) pending.delete(message.id);
    switch (message.type) {
      case 'welcome':
        key = message.key;
        retry = 0;
        try { sessionStorage.setItem('trailmap-key', key); } catch (e) { /* private mode */ }
        $('join-section').hidden = true;
        $('room').hidden = false;
        say('');
        break;
      case 'map':
        map = message;
        resyncId = null;
        renderMap();
        renderRoom();
        break;
      case 'map-delta':
        applyDelta(message);
        break;
      case 'you':
        you = message;
        renderYou();
        break;
      case 'ack':
        if (done) done();
        break;
      case 'ended':
        ended = true;
        say(t('ended'));
        $('room').hidden = true;
        break;
      case 'error':
        if (resyncId !== null && message.id === resyncId) {
          // Refused (too many messages): ask again in a moment.
          resyncId = null;
          setTimeout(resync, 1000);
        } else if (message.code === 'removed') {
          ended = true;
          $('room').hidden = true;
          say(t('removed'));
        } else if (message.code === 'not-joined' && key) {
          // The session no longer knows this key: join anew.
          key = null;
          try { sessionStorage.removeItem('trailmap-key'); } catch (e) { /* private mode */ }
          $('join-section').hidden = false;
          $('room').hidden = true;
          $('join-button').disabled = false;
          say(message.message);
        } else {
          $('join-button').disabled = false;
          say(message.message);
        }
        break;
      default:
        break;
    }
  }

  function connect(join) {
    const url = new URL('ws', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(url.href);
    socket.addEventListener('open', () => {
      if (key) send({ type: 'resume', key: key });
      else if (join) join();
    });
    socket.addEventListener('message', onMessage);
    socket.addEventListener('close', () => {
      socket = null;
      if (ended || !key) return;
      say(t('offline'));
      retry = Math.min(retry + 1, 6);
      setTimeout(() => connect(null), 500 * retry);
    });
  }

  function start() {
    try { key = sessionStorage.getItem('trailmap-key'); } catch (e) { key = null; }

    $('join-form').addEventListener('submit', (event) => {
      event.preventDefault();
      $('join-button').disabled = true;
      say(t('joining'));
      const join = () => send({ type: 'join', name: $('name').value });
      if (socket && socket.readyState === WebSocket.OPEN) join();
      else connect(join);
    });

    $('card-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const text = $('card-text').value;
      send({ type: 'add-card', stage: $('card-stage').value, kind: $('card-kind').value, text: text }, () => {
        $('card-text').value = '';
        say(t('added'));
      });
    });

    $('rate-stage').addEventListener('change', () => {
      checkRatedScore();
      renderRatings();
    });

    $('rate-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const checked = $('rate-scale').querySelector('input:checked');
      if (!checked) return;
      const message = { type: 'rate', stage: $('rate-stage').value, score: Number(checked.value) };
      const word = $('rate-word').value.trim();
      if (word) message.word = word;
      send(message, () => say(t('rated')));
    });

    if (key) {
      $('join-section').hidden = true;
      connect(null);
    }
  }

  fetch('strings.json')
    .then((response) => response.json())
    .then((table) => { strings = table; })
    .catch(() => { /* the page's built-in words stay */ })
    .finally(start);
})();
