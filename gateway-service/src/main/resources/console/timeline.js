// Timeline: the live event feed, newest first, filterable, pausable; an agent sees its own actions.
import { get, query } from './api.js';
import { h, replace, time } from './dom.js';
import * as feed from './feed.js';

const MAX = 1000;
const FILTERS = ['session', 'principal', 'node', 'intent', 'state'];

export function mount(container, ctx) {
  if (!ctx.can('operator')) {
    return ownActions(container, ctx);
  }
  const rows = [];             // newest last
  const held = [];             // arrived while paused
  const actions = new Map();   // action_id → {intent, node, session, principal} learnt from earlier events
  const filter = {};
  let paused = false;

  const body = h('tbody', { id: 'timeline-rows' });
  const pauseButton = h('button', { type: 'button', id: 'timeline-pause', onclick: togglePause, text: 'Pause' });
  const heldNote = h('span', { id: 'timeline-held', class: 'muted' });
  const inputs = FILTERS.map((name) => h('label', {}, name,
    h('input', { type: 'search', name, 'data-filter': name, oninput: (e) => { filter[name] = e.target.value.trim(); redraw(); } })));
  const lastSeen = h('span', { class: 'muted', id: 'timeline-seq' });
  container.append(
    h('div', { class: 'page-head' }, h('h1', { text: 'Timeline' }), pauseButton, heldNote, lastSeen),
    h('form', { class: 'filters', onsubmit: (e) => e.preventDefault() }, inputs),
    h('div', { class: 'table-wrap' }, h('table', { class: 'timeline' },
      h('thead', {}, h('tr', {}, ['seq', 'time', 'state', 'intent', 'action', 'principal', 'session', 'node'].map((c) => h('th', { text: c })))),
      body)));

  function fields(event) {
    const env = event.envelope || {};
    const data = env.data || {};
    const id = data.action_id || null;
    const known = (id && actions.get(id)) || {};
    const f = {
      seq: event.seq,
      time: env.time,
      state: feed.shortType(env),
      intent: data.intent || known.intent || (data.scope ? data.scope : ''),
      action: id,
      principal: env.principal || known.principal || '',
      session: env.session || data.session_id || known.session || '',
      node: data.node || known.node || '',
      family: String(env.type || '').split('.')[2] || '',
    };
    if (id) {
      actions.set(id, { intent: f.intent, node: f.node, session: f.session, principal: known.principal || f.principal });
    }
    return f;
  }

  function matches(f) {
    return FILTERS.every((name) => !filter[name] || String(f[name] || '').toLowerCase().includes(filter[name].toLowerCase()));
  }

  function row(f) {
    return h('tr', { class: 'event family-' + f.family + ' state-' + f.state, dataset: { seq: f.seq, actionId: f.action || '' } },
      h('td', { text: f.seq }),
      h('td', { text: time(f.time) }),
      h('td', {}, h('span', { class: 'badge state', text: f.state })),
      h('td', { text: f.intent }),
      h('td', {}, f.action ? h('a', { href: '#/inspect/' + encodeURIComponent(f.action), text: f.action }) : '—'),
      h('td', { text: f.principal }),
      h('td', { text: f.session }),
      h('td', { text: f.node }));
  }

  const seen = new Set();

  function add(event) {
    if (seen.has(event.seq)) {
      return;
    }
    seen.add(event.seq);
    const f = fields(event);
    rows.push(f);
    if (rows.length > MAX) {
      rows.shift();
    }
    lastSeen.textContent = 'last seq ' + f.seq;
    if (matches(f)) {
      body.prepend(row(f));
      while (body.childElementCount > MAX) {
        body.lastElementChild.remove();
      }
    }
  }

  function redraw() {
    replace(body, rows.filter(matches).reverse().map(row));
  }

  function togglePause() {
    paused = !paused;
    pauseButton.textContent = paused ? 'Resume' : 'Pause';
    pauseButton.classList.toggle('paused', paused);
    if (!paused) {
      held.splice(0).forEach(add);
    }
    heldNote.textContent = '';
  }

  const stop = feed.onEvent((event) => {
    if (paused) {
      held.push(event);
      heldNote.textContent = held.length + ' new while paused';
    } else {
      add(event);
    }
  });
  // What arrived before this page opened: the recent stored events, then the live ones.
  get('/v1/events?' + new URLSearchParams({ from_seq: String(Math.max(1, (feed.lastEventId() || 0) - 199)), limit: '200' }))
    .then((page) => {
      const first = rows.length ? rows[0].seq : Infinity;
      const older = (page.events || []).filter((e) => e.seq < first && !seen.has(e.seq));
      older.forEach((e) => seen.add(e.seq));
      const live = rows.splice(0);
      older.forEach((e) => rows.push(fields(e)));
      live.forEach((f) => rows.push(f));
      redraw();
    })
    .catch(() => {});
  return stop;
}

/** An agent may not read the feed: its own actions, refreshed every two seconds. */
function ownActions(container, ctx) {
  const body = h('tbody', { id: 'timeline-rows' });
  const status = h('p', { class: 'muted' });
  container.append(
    h('div', { class: 'page-head' }, h('h1', { text: 'Your actions' })),
    h('p', { class: 'muted', text: 'Signed in as an agent (' + ctx.me.principal + '): only your own actions are shown.' }),
    status,
    h('div', { class: 'table-wrap' }, h('table', { class: 'timeline' },
      h('thead', {}, h('tr', {}, ['created', 'state', 'intent', 'action', 'session', 'node'].map((c) => h('th', { text: c })))),
      body)));
  async function load() {
    try {
      const answer = await get('/v1/actions' + query({ limit: 200 }));
      status.textContent = (answer.total ?? (answer.actions || []).length) + ' actions';
      replace(body, (answer.actions || []).map((a) => h('tr', { class: 'event state-' + a.state, dataset: { actionId: a.action_id } },
        h('td', { text: time(a.created_at) }),
        h('td', {}, h('span', { class: 'badge state', text: a.state })),
        h('td', { text: a.intent }),
        h('td', {}, h('a', { href: '#/inspect/' + encodeURIComponent(a.action_id), text: a.action_id })),
        h('td', { text: a.session_id || '' }),
        h('td', { text: a.node || '' }))));
    } catch (e) {
      status.textContent = 'Could not read actions: ' + e.message;
    }
  }
  load();
  const timer = setInterval(load, 2000);
  return () => clearInterval(timer);
}
