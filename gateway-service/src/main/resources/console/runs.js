// Runs: every run, newest first, by state; and one run as a whole, step by step, with its tool calls,
// artifacts and actions. An operator (or the run's creator) cancels a queued or running run with a reason.
import { get, post, query, ApiError } from './api.js';
import { h, replace, facts, time, duration, pre } from './dom.js';
import * as feed from './feed.js';

const STATES = ['queued', 'running', 'completed', 'failed', 'cancelled'];
const OPEN = new Set(['queued', 'running']);
const REFRESH_MS = 5000;
const LINKABLE = new Set(['http:', 'https:']);

/** The state filter last chosen, kept while the console is open so going back to the list keeps it. */
let chosenState = '';

export function mount(container, ctx, [id]) {
  return id ? inspect(container, ctx, id) : list(container);
}

function isRunEvent(env) {
  return String(env.type || '').startsWith('dev.handrail.run.');
}

/** Calls load() shortly after each feed event whose envelope `relevant` accepts (once per burst), and every few seconds. */
function follow(load, relevant) {
  let soon = null;
  const stop = feed.onEvent((event) => {
    if (relevant(event.envelope || {})) {
      clearTimeout(soon);
      soon = setTimeout(load, 150);
    }
  });
  const timer = setInterval(load, REFRESH_MS);
  return () => { stop(); clearTimeout(soon); clearInterval(timer); };
}

function list(container) {
  const select = h('select', { id: 'runs-state', name: 'state', 'aria-label': 'State',
    onchange: () => { chosenState = select.value; last = null; load(); } },
    h('option', { value: '', text: 'All states' }),
    STATES.map((s) => h('option', { value: s, text: s })));
  select.value = chosenState;
  const status = h('p', { id: 'runs-status', class: 'muted', text: 'Loading…' });
  const body = h('tbody', { id: 'runs-rows' });
  container.append(
    h('div', { class: 'page-head' }, h('h1', { text: 'Runs' }), h('label', { class: 'inline' }, 'State ', select)),
    status,
    h('div', { class: 'table-wrap' }, h('table', { class: 'runs' },
      h('thead', {}, h('tr', {}, ['created', 'state', 'title', 'run', 'created by', 'worker', 'lease expires', 'ended'].map((c) => h('th', { text: c })))),
      body)));

  let last = null;
  let asked = 0;
  async function load() {
    const mine = ++asked;
    try {
      const answer = await get('/v1/runs' + query({ state: chosenState, limit: 200 }));
      if (mine !== asked) {
        return;
      }
      const runs = answer.runs || [];
      status.className = 'muted';
      status.textContent = runs.length === 0 ? 'No ' + (chosenState ? chosenState + ' ' : '') + 'runs.' : runs.length + (runs.length === 1 ? ' run' : ' runs');
      const text = JSON.stringify(runs);
      if (text !== last) {
        last = text;
        replace(body, runs.map(row));
      }
    } catch (e) {
      if (mine !== asked) {
        return;
      }
      status.className = 'error';
      status.textContent = 'Could not read runs: ' + message(e);
    }
  }

  function row(r) {
    return h('tr', { class: 'run state-' + r.state, dataset: { runId: r.id, state: r.state } },
      h('td', { text: time(r.created_at) }),
      h('td', {}, h('span', { class: 'badge state', text: r.state })),
      h('td', { text: r.title }),
      h('td', {}, h('a', { href: '#/runs/' + encodeURIComponent(r.id), text: r.id })),
      h('td', { text: r.created_by || '' }),
      h('td', { text: r.worker || '' }),
      h('td', { text: OPEN.has(r.state) && r.lease_expires_at ? time(r.lease_expires_at) : '' }),
      h('td', { text: r.ended_at ? time(r.ended_at) : '' }));
  }

  load();
  return follow(load, isRunEvent);
}

function inspect(container, ctx, id) {
  const body = h('div', { id: 'run' });
  const controls = h('div', { id: 'run-controls' });
  container.append(
    h('div', { class: 'page-head' }, h('h1', { text: 'Run' }), h('a', { href: '#/runs', text: '← all runs' })),
    controls, body);

  let last = null;
  let run = null;
  let lease = null;
  let asked = 0;
  async function load() {
    const mine = ++asked;
    try {
      const answer = await get('/v1/runs/' + encodeURIComponent(id));
      const text = JSON.stringify(answer.run);
      if (mine !== asked || text === last) {
        return;
      }
      const wasOpen = run === null ? null : OPEN.has(run.state);
      last = text;
      run = answer.run;
      lease = null;
      replace(body, summary(run), run.steps.length === 0
        ? h('p', { class: 'muted', id: 'run-steps', text: 'No steps yet.' })
        : h('ol', { class: 'steps', id: 'run-steps' }, run.steps.map(step)));
      if (wasOpen !== OPEN.has(run.state)) {
        drawControls();
      }
      tick();
    } catch (e) {
      if (mine !== asked) {
        return;
      }
      last = null;
      replace(body, h('p', { class: 'error', text: e instanceof ApiError && e.status === 404
        ? 'No run ' + id + ' that you may see.' : 'Could not read the run: ' + message(e) }));
    }
  }

  function summary(r) {
    const budget = r.budget;
    lease = OPEN.has(r.state) && r.lease_expires_at ? h('span', { class: 'countdown', dataset: { expires: r.lease_expires_at } }) : null;
    return h('section', { class: 'card run-state-' + r.state, id: 'run-summary', dataset: { state: r.state } },
      h('header', {},
        h('span', { class: 'intent', text: r.title }),
        h('span', { class: 'badge state', id: 'run-state', text: r.state })),
      facts([
        ['Run', r.id],
        ['Session', r.session_id],
        ['Created by', r.created_by],
        ['Worker', r.worker],
        ['Lease expires', lease ? h('span', {}, time(r.lease_expires_at), ' (', lease, ')') : null],
        ['Claims', r.claims],
        ['Budget', budget ? [
          budget.max_actions != null ? r.actions_admitted + ' of ' + budget.max_actions + ' actions' : r.actions_admitted + ' actions',
          budget.max_duration_s != null ? 'at most ' + duration(budget.max_duration_s * 1000) : null,
        ].filter(Boolean).join(', ') : 'none (' + r.actions_admitted + ' actions admitted)'],
        ['Created', time(r.created_at)],
        ['Started', r.started_at ? time(r.started_at) : null],
        ['Ended', r.ended_at ? time(r.ended_at) : null],
        r.result != null ? ['Result', pre(r.result)] : null,
        r.error ? [r.state === 'cancelled' ? 'Reason' : 'Error', r.error] : null,
      ]));
  }

  function step(s) {
    return h('li', { class: 'card step state-' + s.state, dataset: { stepId: s.id, state: s.state } },
      h('header', {},
        h('span', { class: 'muted', text: '#' + s.seq }),
        h('span', { class: 'intent', text: s.name }),
        h('span', { class: 'badge state', text: s.state }),
        s.key ? h('span', { class: 'muted', text: 'key ' + s.key }) : null),
      facts([
        ['Step', s.id],
        ['Worker', s.worker],
        ['Started', time(s.created_at)],
        ['Ended', s.ended_at ? time(s.ended_at) : null],
        s.output != null ? ['Output', pre(s.output)] : null,
        s.error ? ['Error', s.error] : null,
      ]),
      part('Tool calls', 'tool-calls', s.tool_calls, ['name', 'state', 'input', 'output or error', 'started', 'ended'], (c) =>
        h('tr', { class: 'tool-call state-' + c.state, dataset: { toolCallId: c.id } },
          h('td', { text: c.name }),
          h('td', {}, h('span', { class: 'badge state', text: c.state })),
          h('td', {}, c.input != null ? pre(c.input) : ''),
          h('td', {}, c.error ? h('span', { class: 'error', text: c.error }) : c.output != null ? pre(c.output) : ''),
          h('td', { text: time(c.created_at) }),
          h('td', { text: c.ended_at ? time(c.ended_at) : '' }))),
      part('Artifacts', 'artifacts', s.artifacts, ['name', 'kind', 'content', 'added'], (a) =>
        h('tr', { class: 'artifact', dataset: { artifactId: a.id, kind: a.kind } },
          h('td', { text: a.name }),
          h('td', { text: a.kind }),
          h('td', {}, artifact(a)),
          h('td', { text: time(a.created_at) }))),
      part('Actions', 'actions', s.actions, ['action', 'intent', 'state', 'planned'], (a) =>
        h('tr', { class: 'action state-' + a.state, dataset: { actionId: a.action_id } },
          h('td', {}, h('a', { href: '#/inspect/' + encodeURIComponent(a.action_id), text: a.action_id })),
          h('td', { text: a.intent }),
          h('td', {}, h('span', { class: 'badge state', text: a.state }), a.admitted ? null : h('span', { class: 'muted', text: ' not admitted' })),
          h('td', { text: time(a.planned_at) }))));
  }

  /** A step's tool calls, artifacts or actions as a small table, or nothing when there are none. */
  function part(title, cls, items, columns, row) {
    if (!items || items.length === 0) {
      return null;
    }
    return h('div', { class: 'step-part ' + cls },
      h('h3', { text: title }),
      h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, columns.map((c) => h('th', { text: c })))),
        h('tbody', {}, items.map(row)))));
  }

  function drawControls() {
    if (!run || !OPEN.has(run.state) || !(ctx.can('operator') || run.created_by === ctx.me.principal)) {
      replace(controls);
      return;
    }
    const reason = h('input', { type: 'text', id: 'run-cancel-reason', placeholder: 'Reason (recorded on the run)', 'aria-label': 'Reason', maxlength: '500' });
    const error = h('p', { class: 'error', role: 'alert' });
    const confirm = h('form', { class: 'confirm', id: 'run-cancel-form', role: 'alertdialog', hidden: true, onsubmit: (e) => { e.preventDefault(); cancel(); } },
      h('strong', { text: 'Cancel this run? Its worker loses the lease and its actions waiting for approval are withdrawn.' }),
      reason,
      h('button', { type: 'submit', class: 'danger', id: 'run-cancel-confirm', text: 'Cancel the run' }),
      h('button', { type: 'button', id: 'run-cancel-keep', onclick: () => { confirm.hidden = true; ask.hidden = false; }, text: 'Keep it running' }));
    const ask = h('button', { type: 'button', class: 'danger', id: 'run-cancel', onclick: () => { ask.hidden = true; confirm.hidden = false; reason.focus(); }, text: 'Cancel run…' });
    replace(controls, ask, confirm, error);

    async function cancel() {
      const text = reason.value.trim();
      for (const button of confirm.querySelectorAll('button')) {
        button.disabled = true;
      }
      try {
        await post('/v1/runs/' + encodeURIComponent(id) + '/cancel', text ? { reason: text } : {});
      } catch (e) {
        error.textContent = 'Not cancelled: ' + message(e);
        for (const button of confirm.querySelectorAll('button')) {
          button.disabled = false;
        }
      }
      load();
    }
  }

  function tick() {
    if (lease) {
      const left = Date.parse(lease.dataset.expires) - Date.now();
      lease.textContent = isNaN(left) ? '—' : left > 0 ? 'in ' + duration(left) : 'expired ' + duration(-left) + ' ago';
      lease.classList.toggle('soon', left <= 10000);
    }
  }

  load();
  const stop = follow(load, (env) => isRunEvent(env) ? env.subject === id
    : run !== null && !!env.data && run.steps.some((s) => s.actions.some((a) => a.action_id === env.data.action_id)));
  const ticker = setInterval(tick, 1000);
  return () => { stop(); clearInterval(ticker); };
}

/** An artifact's content: text and JSON as text; a URI as a link only when it is http or https. */
function artifact(a) {
  if (a.kind === 'json') {
    return pre(a.content);
  }
  if (a.kind === 'uri') {
    let url = null;
    try {
      url = new URL(String(a.content));
    } catch (e) {
      url = null;
    }
    return url && LINKABLE.has(url.protocol)
      ? h('a', { href: url.href, target: '_blank', rel: 'noopener noreferrer', class: 'artifact-link', text: String(a.content) })
      : h('code', { text: String(a.content) });
  }
  return h('pre', { class: 'value', text: String(a.content ?? '') });
}

function message(e) {
  return e instanceof ApiError ? e.code + ': ' + e.message : String(e);
}
