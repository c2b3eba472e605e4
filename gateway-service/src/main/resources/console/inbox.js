// Approval inbox: pending approvals, highest risk first then oldest, decided in place.
import { get, post, ApiError } from './api.js';
import { h, replace, facts, show, time, duration, pre, RISK_ORDER } from './dom.js';
import * as feed from './feed.js';

const REFRESHING_TYPES = /\.(pending_approval|approved|denied|expired|cancelled|executing|succeeded|failed|dead_lettered)\.v\d+$/;

export function mount(container, ctx) {
  const state = {
    pending: new Map(),   // action_id → approval, as the API lists them
    decided: new Map(),   // action_id → {approval, verdict, by, at, comment, outcome, error, mine}
    drafts: new Map(),    // action_id → comment being typed
    revealed: new Map(),  // action_id → pending_inputs an admin asked to see
    busy: new Set(),      // action_ids with a decision in flight
    selected: null,
    confirm: null,        // {id, verdict} waiting for a second key press or click
    countdowns: new Map(),
    loaded: false,
    error: null,
  };
  const list = h('div', { id: 'inbox-list', class: 'cards' });
  const decidedList = h('div', { id: 'inbox-decided', class: 'cards' });
  const status = h('p', { id: 'inbox-status', class: 'muted' });
  container.append(
    h('div', { class: 'page-head' },
      h('h1', { text: 'Approval inbox' }),
      h('p', { class: 'keys muted', text: 'j/k move · a approve · d deny · h hold · c comment · Enter confirm · Esc cancel' })),
    status, list,
    h('h2', { class: 'decided-head', text: 'Decided' }), decidedList);

  let refreshTimer = null;
  let inFlight = null;
  function refreshSoon() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, 50);
  }

  async function refresh() {
    if (inFlight) {
      inFlight.again = true;
      return;
    }
    inFlight = { again: false };
    try {
      const answer = await get('/v1/approvals?state=pending&limit=500');
      const next = new Map();
      for (const a of answer.approvals || []) {
        if (!state.decided.has(a.action_id) && !expired(a)) {
          next.set(a.action_id, a);
        }
      }
      // An approval this page is deciding right now left the list because of that decision: its answer tells.
      const vanished = [...state.pending.keys()].filter((id) => !next.has(id) && !state.decided.has(id) && !state.busy.has(id));
      const unchanged = state.loaded && !state.error && same(state.pending, next);
      state.pending = next;
      state.loaded = true;
      state.error = null;
      // Drawing the cards again only when something changed keeps the reader's selection and focus.
      if (!unchanged) {
        render();
      }
      await Promise.all(vanished.map(learnWhoDecided));
    } catch (e) {
      state.error = e;
      render();
    } finally {
      const again = inFlight.again;
      inFlight = null;
      if (again) {
        refreshSoon();
      }
    }
  }

  /** An approval that left the pending list without a decision from this page: who decided it, shown in place. */
  async function learnWhoDecided(id) {
    try {
      const a = await get('/v1/approvals/' + encodeURIComponent(id));
      const own = state.decided.get(id);
      if (state.busy.has(id) || (own && own.mine)) {
        return;
      }
      if (a.state === 'approved' || a.state === 'denied' || a.state === 'cancelled') {
        state.decided.set(id, { approval: a, verdict: a.state, by: a.decided_by, at: a.decided_at, comment: a.comment, mine: false });
        render();
      }
    } catch (e) {
      // Gone or unreadable: it simply leaves the inbox.
    }
  }

  function same(before, after) {
    return before.size === after.size && [...after].every(([id, a]) => JSON.stringify(before.get(id)) === JSON.stringify(a));
  }

  function expired(a) {
    return a.expires_at && Date.parse(a.expires_at) <= Date.now();
  }

  function sorted() {
    return [...state.pending.values()].sort((x, y) =>
      (RISK_ORDER[x.risk_level] ?? 9) - (RISK_ORDER[y.risk_level] ?? 9)
      || Date.parse(x.requested_at || 0) - Date.parse(y.requested_at || 0)
      || String(x.action_id).localeCompare(String(y.action_id)));
  }

  function render() {
    const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.comment : null;
    const items = sorted();
    if (state.selected === null || !state.pending.has(state.selected)) {
      state.selected = items.length ? items[0].action_id : null;
    }
    state.countdowns.clear();
    status.textContent = state.error ? 'Could not read approvals: ' + state.error.message
      : !state.loaded ? 'Loading…' : items.length === 0 ? 'Nothing is waiting for you.' : items.length + ' waiting';
    status.className = state.error ? 'error' : 'muted';
    replace(list, items.map(card));
    replace(decidedList, [...state.decided.values()].reverse().map(decidedCard));
    decidedList.previousElementSibling.hidden = state.decided.size === 0;
    const count = document.getElementById('inbox-count');
    if (count) {
      count.textContent = items.length ? String(items.length) : '';
    }
    if (focused) {
      const input = list.querySelector('[data-comment="' + CSS.escape(focused) + '"]');
      if (input) {
        input.focus();
        input.setSelectionRange(input.value.length, input.value.length);
      }
    }
    tick();
  }

  function card(a) {
    const id = a.action_id;
    const countdown = h('span', { class: 'countdown', dataset: { expires: a.expires_at || '' } });
    state.countdowns.set(id, countdown);
    const comment = h('input', {
      type: 'text', class: 'comment', placeholder: 'Comment (optional)', 'aria-label': 'Comment',
      value: state.drafts.get(id) || '', dataset: { comment: id }, maxlength: '2000',
      oninput: (e) => state.drafts.set(id, e.target.value),
    });
    const busy = state.busy.has(id);
    const confirming = state.confirm && state.confirm.id === id;
    const decision = a.decision || {};
    return h('article', {
      class: 'card approval risk-' + (a.risk_level || 'unknown') + (state.selected === id ? ' selected' : '') + (a.on_hold ? ' on-hold' : ''),
      dataset: { actionId: id, risk: a.risk_level || '' }, tabindex: '-1',
      onclick: () => { state.selected = id; markSelected(); },
    },
      h('header', {},
        h('span', { class: 'badge risk', text: a.risk_level || '?' }),
        h('span', { class: 'intent', text: a.intent }),
        h('span', { class: 'muted', text: ' on ' }),
        h('span', { class: 'node', text: a.node || '—' }),
        a.on_hold ? h('span', { class: 'badge hold', text: 'on hold' }) : null,
        h('span', { class: 'expires' }, 'expires in ', countdown)),
      params(a, ctx),
      facts([
        ['Planned by', a.principal],
        ['Session', a.session_id],
        ['Reasons', (decision.reasons || []).join(', ') || '—'],
        ['Policy version', decision.policy_version],
        ['Requested', time(a.requested_at)],
        ['Expires', time(a.expires_at)],
        ['Content hash', h('code', { class: 'hash', text: a.content_hash || '—' })],
        ['Action', h('a', { href: '#/inspect/' + encodeURIComponent(id), text: id })],
      ]),
      h('div', { class: 'decide' },
        comment,
        h('button', { type: 'button', class: 'approve', disabled: busy, onclick: (e) => { e.stopPropagation(); ask(id, 'approve'); }, text: 'Approve (a)' }),
        h('button', { type: 'button', class: 'deny', disabled: busy, onclick: (e) => { e.stopPropagation(); ask(id, 'deny'); }, text: 'Deny (d)' }),
        h('button', { type: 'button', class: 'hold', disabled: busy || a.on_hold, onclick: (e) => { e.stopPropagation(); ask(id, 'hold'); }, text: 'Hold (h)' })),
      confirming ? h('div', { class: 'confirm', role: 'alertdialog' },
        h('strong', { text: 'High risk: ' + state.confirm.verdict + ' ' + a.intent + ' on ' + (a.node || '?') + '?' }),
        h('button', { type: 'button', class: 'confirm-yes', onclick: (e) => { e.stopPropagation(); confirmed(); }, text: 'Yes, ' + state.confirm.verdict + ' (Enter)' }),
        h('button', { type: 'button', class: 'confirm-no', onclick: (e) => { e.stopPropagation(); state.confirm = null; render(); }, text: 'Cancel (Esc)' })) : null,
      busy ? h('p', { class: 'muted working', text: 'Sending…' }) : null);
  }

  function params(a) {
    const values = a.params || {};
    const keys = Object.keys(values);
    if (keys.length === 0) {
      return h('p', { class: 'muted params', text: 'No parameters' });
    }
    const revealed = state.revealed.get(a.action_id);
    return h('table', { class: 'params' }, h('tbody', {}, keys.map((k) => {
      const v = values[k];
      const sensitive = v && typeof v === 'object' && v.redacted === true;
      let cell;
      if (sensitive && revealed && k in revealed) {
        cell = h('td', {}, h('pre', { class: 'value revealed', text: show(revealed[k]) }));
      } else if (sensitive) {
        cell = h('td', {},
          h('span', { class: 'masked', text: '•••••• (' + v.length + ' chars, sha256 ' + String(v.sha256 || '').slice(0, 12) + '…)' }),
          ctx.can('admin') ? h('button', { type: 'button', class: 'reveal', onclick: (e) => { e.stopPropagation(); reveal(a.action_id); }, text: 'Reveal' }) : null);
      } else {
        cell = h('td', {}, h('pre', { class: 'value', text: show(v) }));
      }
      return h('tr', {}, h('th', { text: k }), cell);
    })));
  }

  async function reveal(id) {
    try {
      const a = await get('/v1/approvals/' + encodeURIComponent(id));
      state.revealed.set(id, a.pending_inputs || {});
      render();
    } catch (e) {
      failNotice(id, e);
    }
  }

  function decidedCard(d) {
    const a = d.approval;
    const outcome = d.outcome;
    const execution = outcome && outcome.execution;
    const cls = d.error ? 'conflict' : d.verdict === 'approved' || d.verdict === 'approve' ? 'approved' : d.verdict === 'hold' ? 'held' : 'denied';
    let headline;
    if (d.error) {
      headline = d.error;
    } else if (d.mine) {
      headline = verdictWord(d.verdict) + ' by you' + (outcome && outcome.state ? ' → ' + outcome.state : '');
    } else {
      headline = 'Decided by someone else: ' + verdictWord(d.verdict) + ' by ' + (d.by || '?') + ' at ' + time(d.at);
    }
    return h('article', { class: 'card decided ' + cls, dataset: { actionId: a.action_id, outcome: outcome && outcome.state || d.verdict || '' } },
      h('header', {},
        h('span', { class: 'badge risk', text: a.risk_level || '?' }),
        h('span', { class: 'intent', text: a.intent }),
        h('span', { class: 'muted', text: ' on ' }),
        h('span', { class: 'node', text: a.node || '—' }),
        h('button', { type: 'button', class: 'dismiss', 'aria-label': 'Dismiss', onclick: () => { state.decided.delete(a.action_id); render(); }, text: '×' })),
      h('p', { class: 'headline', text: headline }),
      d.comment ? h('p', { class: 'comment-shown' }, 'Comment: ', h('q', { text: d.comment })) : null,
      execution ? facts([
        ['Success', execution.success],
        ['Output', pre(execution.output)],
        execution.error_code ? ['Error', execution.error_code + ': ' + (execution.error_message || '')] : null,
        ['Duration', execution.duration_ms != null ? execution.duration_ms + ' ms' : '—'],
      ]) : null,
      outcome && outcome.error && !execution ? h('p', { class: 'error', text: outcome.error.code + ': ' + outcome.error.message }) : null,
      h('p', {}, h('a', { href: '#/inspect/' + encodeURIComponent(a.action_id), text: 'Inspect ' + a.action_id })));
  }

  function verdictWord(v) {
    return { approve: 'approved', deny: 'denied', hold: 'held', approved: 'approved', denied: 'denied', cancelled: 'withdrawn' }[v] || v;
  }

  function ask(id, verdict) {
    const a = state.pending.get(id);
    if (!a || state.busy.has(id)) {
      return;
    }
    state.selected = id;
    if (verdict === 'approve' && a.risk_level === 'high') {
      state.confirm = { id, verdict };
      render();
      const yes = list.querySelector('.confirm-yes');
      if (yes) {
        yes.focus();
      }
      return;
    }
    decide(id, verdict);
  }

  function confirmed() {
    if (state.confirm) {
      const { id, verdict } = state.confirm;
      state.confirm = null;
      decide(id, verdict);
    }
  }

  async function decide(id, verdict) {
    const a = state.pending.get(id);
    const comment = (state.drafts.get(id) || '').trim();
    state.busy.add(id);
    render();
    try {
      const body = { decision: verdict };
      if (comment) {
        body.comment = comment;
      }
      const answer = await post('/v1/approvals/' + encodeURIComponent(id) + '/decide', body);
      state.drafts.delete(id);
      if (verdict === 'hold') {
        state.pending.set(id, { ...a, ...answer, on_hold: true });
      } else {
        state.pending.delete(id);
        state.decided.set(id, { approval: a, verdict, comment, outcome: answer, mine: true });
      }
    } catch (e) {
      if (e instanceof ApiError && (e.status === 409 || e.status === 404 || e.status === 403)) {
        state.pending.delete(id);
        state.decided.set(id, { approval: a, verdict, comment, error: await explain(id, e), mine: true });
      } else {
        failNotice(id, e);
      }
    } finally {
      state.busy.delete(id);
      render();
    }
  }

  /** A refused decision in plain words: who decided first, that it expired, or why not. */
  async function explain(id, error) {
    if (error.code === 'ALREADY_DECIDED' || error.code === 'NOT_PENDING') {
      try {
        const now = await get('/v1/approvals/' + encodeURIComponent(id));
        if (now.decided_by) {
          return 'Already decided: ' + now.state + ' by ' + now.decided_by + ' at ' + time(now.decided_at)
            + (now.comment ? ' (“' + now.comment + '”)' : '') + '. Your decision was not applied.';
        }
        return 'No longer pending: ' + now.state + '. Your decision was not applied.';
      } catch (e) {
        return 'Someone else decided first. Your decision was not applied.';
      }
    }
    if (error.code === 'APPROVAL_EXPIRED') {
      return 'It expired before your decision arrived; nothing ran.';
    }
    if (error.code === 'SELF_APPROVAL') {
      return 'You planned this action, so you may not decide it; another operator must.';
    }
    return error.code + ': ' + error.message;
  }

  function failNotice(id, e) {
    const cardEl = list.querySelector('[data-action-id="' + CSS.escape(id) + '"]');
    const text = e instanceof ApiError ? e.code + ': ' + e.message : String(e);
    if (cardEl) {
      cardEl.append(h('p', { class: 'error', role: 'alert', text }));
    }
  }

  function tick() {
    const now = Date.now();
    let gone = false;
    for (const [id, span] of state.countdowns) {
      const left = Date.parse(span.dataset.expires) - now;
      if (isNaN(left)) {
        span.textContent = '—';
      } else if (left <= 0 && !state.busy.has(id)) {
        state.pending.delete(id);
        gone = true;
      } else {
        span.textContent = duration(left);
        span.classList.toggle('soon', left < 60000);
      }
    }
    if (gone) {
      render();
    }
  }

  function markSelected() {
    for (const el of list.querySelectorAll('.card')) {
      el.classList.toggle('selected', el.dataset.actionId === state.selected);
    }
  }

  function move(step) {
    const ids = sorted().map((a) => a.action_id);
    if (ids.length === 0) {
      return;
    }
    const at = Math.max(0, ids.indexOf(state.selected));
    state.selected = ids[Math.min(ids.length - 1, Math.max(0, at + step))];
    markSelected();
    const el = list.querySelector('.card.selected');
    if (el) {
      el.scrollIntoView({ block: 'nearest' });
    }
  }

  function onKey(e) {
    if (e.ctrlKey || e.metaKey || e.altKey) {
      return;
    }
    const typing = e.target && (e.target.tagName === 'INPUT' || e.target.tagName === 'TEXTAREA');
    if (e.key === 'Escape') {
      if (state.confirm) {
        state.confirm = null;
        render();
      } else if (typing) {
        e.target.blur();
      }
      return;
    }
    if (typing) {
      if (e.key === 'Enter' && e.target.dataset.comment) {
        e.target.blur();
      }
      return;
    }
    if (state.confirm) {
      if (e.key === 'Enter' || e.key === state.confirm.verdict[0]) {
        e.preventDefault();
        confirmed();
      }
      return;
    }
    const id = state.selected;
    switch (e.key) {
      case 'j': move(1); break;
      case 'k': move(-1); break;
      case 'a': if (id) { ask(id, 'approve'); } break;
      case 'd': if (id) { ask(id, 'deny'); } break;
      case 'h': if (id) { ask(id, 'hold'); } break;
      case 'c': {
        const input = id && list.querySelector('[data-comment="' + CSS.escape(id) + '"]');
        if (input) {
          e.preventDefault();
          input.focus();
        }
        break;
      }
      default: return;
    }
  }

  document.addEventListener('keydown', onKey);
  const stopFeed = feed.onEvent((event) => {
    if (REFRESHING_TYPES.test(String(event.envelope && event.envelope.type))) {
      refreshSoon();
    }
  });
  const ticker = setInterval(tick, 1000);
  // The feed announces changes within milliseconds; this poll only covers a feed that is down.
  const poll = setInterval(refresh, 5000);
  render();
  refresh();
  return () => {
    document.removeEventListener('keydown', onKey);
    stopFeed();
    clearInterval(ticker);
    clearInterval(poll);
    clearTimeout(refreshTimer);
  };
}
