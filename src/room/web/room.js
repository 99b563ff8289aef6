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
  const pending = new Map();

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

  function renderMap() {
    $('map-title').textContent = map.title || t('title');
    fillSelect($('card-stage'), map.stages, (s) => s.id, (s) => s.name);
    fillSelect($('rate-stage'), map.stages, (s) => s.id, (s) => s.name);
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
      label.appendChild(document.createTextNode(step.label));
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
    $('rate-section').hidden = !map.workshop;
    $('vote-section').hidden = !map.workshop;

    const list = $('map-list');
    list.replaceChildren();
    const current = you && you.room ? you.room.stage : null;
    for (const stage of map.stages) {
      const heading = el('h3', stage.id === current ? 'current' : null, stage.name);
      list.appendChild(heading);
      if (stage.cards.length === 0) {
        list.appendChild(el('p', 'hint', t('no-cards')));
        continue;
      }
      const ul = el('ul', 'cards');
      for (const card of stage.cards) {
        const li = el('li');
        li.appendChild(el('span', 'kind', card.lane));
        li.appendChild(el('span', 'text', card.text));
        ul.appendChild(li);
      }
      list.appendChild(ul);
    }
    if (map.unlisted > 0) list.appendChild(el('p', 'hint', t('unlisted', map.unlisted)));
    renderRound();
  }

  function renderRound() {
    const round = you ? you.round : null;
    const list = $('vote-list');
    list.replaceChildren();
    if (!round) {
      $('round-question').textContent = t('no-round');
      $('dots-left').textContent = '';
      return;
    }
    $('round-question').textContent = round.question || '';
    $('dots-left').textContent = t('dots-left', round.remaining);
    const cards = cardsById();
    const mine = round.mine || {};
    const results = round.results || null;
    for (const id of round.cards || []) {
      const card = cards.get(id);
      if (!card) continue;
      const li = el('li');
      const count = mine[id] || 0;
      li.appendChild(el('span', 'text', card.text));
      li.appendChild(el('span', 'kind', results ? String(results[id] || 0) : '●'.repeat(count)));
      const minus = el('button', null, '−');
      minus.setAttribute('aria-label', t('take-dot') + ': ' + card.text);
      minus.disabled = count === 0;
      minus.addEventListener('click', () => send({ type: 'vote', card: id, delta: -1 }));
      const plus = el('button', null, '+');
      plus.setAttribute('aria-label', t('add-dot') + ': ' + card.text);
      plus.disabled = round.remaining <= 0;
      plus.addEventListener('click', () => send({ type: 'vote', card: id, delta: 1 }));
      li.appendChild(minus);
      li.appendChild(plus);
      list.appendChild(li);
    }
  }

  function renderYou() {
    $('you').textContent = t('you-are', you.name);
    $('you').hidden = false;
    const room = you.room;
    const line = $('room-line');
    const parts = [];
    if (room && room.timer) {
      const s = Math.max(0, room.timer.remaining | 0);
      parts.push(t('timer', Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0')));
    }
    if (room && room.stage && map) {
      const stage = map.stages.find((x) => x.id === room.stage);
      if (stage) parts.push(t('current-stage', stage.name));
    }
    line.textContent = parts.join(' · ');
    line.hidden = parts.length === 0;
    if (map) renderMap();
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
        renderMap();
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
        if (message.code === 'removed') {
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

    $('rate-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const checked = $('rate-scale').querySelector('input:checked');
      if (!checked) return;
      const message = { type: 'rate', stage: $('rate-stage').value, score: Number(checked.value) };
      const word = $('rate-word').value.trim();
      if (word) message.word = word;
      send(message, () => {
        $('rate-word').value = '';
        say(t('rated'));
      });
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
