// Inspector: one action's whole story from the audit trail, its approval and the hash chain.
import { get, query, ApiError } from './api.js';
import { h, replace, facts, time, pre } from './dom.js';
import * as feed from './feed.js';

export function mount(container, ctx, [id]) {
  const form = h('form', { class: 'inline', onsubmit: (e) => { e.preventDefault(); const v = input.value.trim(); if (v) { location.hash = '#/inspect/' + encodeURIComponent(v); } } });
  const input = h('input', { type: 'search', placeholder: 'Action id', value: id || '', 'aria-label': 'Action id' });
  form.append(input, h('button', { type: 'submit', text: 'Inspect' }));
  const body = h('div', { id: 'inspector' });
  container.append(h('div', { class: 'page-head' }, h('h1', { text: 'Inspector' }), form), body);
  if (!id) {
    body.append(h('p', { class: 'muted', text: 'Open an action from the inbox or the timeline, or paste its id.' }));
    return null;
  }
  let timer = null;
  async function load() {
    try {
      replace(body, ...(await story(id, ctx)));
    } catch (e) {
      replace(body, h('p', { class: 'error', text: e instanceof ApiError && e.status === 404 ? 'No action ' + id + ' that you may see.' : 'Could not read the action: ' + e.message }));
    }
  }
  load();
  const stop = feed.onEvent((event) => {
    if (event.envelope && event.envelope.data && event.envelope.data.action_id === id) {
      clearTimeout(timer);
      timer = setTimeout(load, 150);
    }
  });
  return () => { stop(); clearTimeout(timer); };
}

async function story(id, ctx) {
  const enc = encodeURIComponent(id);
  const action = (await get('/v1/actions/' + enc)).action;
  const operator = ctx.can('operator');
  const [trail, approval, verify, session] = await Promise.all([
    operator ? get('/v1/audit-trails/' + enc).then((t) => t.trail).catch(() => null) : null,
    operator ? get('/v1/approvals/' + enc).catch(() => null) : null,
    operator ? get('/v1/audit/verify').catch((e) => ({ error: e })) : null,
    action.session_id ? get('/v1/actions' + query({ session_id: action.session_id, limit: 50 })).catch(() => null) : null,
  ]);
  const parts = [];
  parts.push(h('section', { class: 'card', id: 'inspector-summary', dataset: { state: action.state } },
    h('header', {},
      h('span', { class: 'badge risk', text: action.risk_level || '?' }),
      h('span', { class: 'intent', text: action.intent }),
      h('span', { class: 'badge state', id: 'inspector-state', text: action.state })),
    facts([
      ['Action', action.action_id],
      ['Node', action.node],
      ['Session', action.session_id],
      ['Created', time(action.created_at)],
      ['Decided by', action.decided_by],
      ['Expires', action.expires_at ? time(action.expires_at) : null],
      action.error ? ['Error', action.error.code + ': ' + action.error.message] : null,
    ])));
  const decision = action.decision;
  parts.push(h('section', { class: 'card', id: 'inspector-decision' }, h('h2', { text: 'Decision' }),
    decision ? facts([['Effect', decision.effect], ['Reasons', (decision.reasons || []).join(', ')], ['Policy version', decision.policy_version]])
      : h('p', { class: 'muted', text: 'No decision recorded.' })));
  if (approval) {
    parts.push(h('section', { class: 'card', id: 'inspector-approval' }, h('h2', { text: 'Approval' }),
      facts([['State', approval.state], ['Planned by', approval.principal], ['Content hash', h('code', { class: 'hash', text: approval.content_hash || '—' })],
        ['Requested', time(approval.requested_at)], ['Expires', time(approval.expires_at)]]),
      h('table', { class: 'history' },
        h('thead', {}, h('tr', {}, ['verdict', 'by', 'at', 'comment'].map((c) => h('th', { text: c })))),
        h('tbody', {}, (approval.history || []).map((e) => h('tr', {},
          h('td', { text: e.verdict }), h('td', { text: e.decided_by || '' }), h('td', { text: time(e.decided_at) }), h('td', { text: e.comment || '' })))))));
  }
  const execution = action.execution;
  parts.push(h('section', { class: 'card', id: 'inspector-execution' }, h('h2', { text: 'Execution' }),
    execution ? facts([
      ['Success', execution.success],
      ['Exit code', execution.output && execution.output.exit_code !== undefined ? execution.output.exit_code : null],
      ['Focused window', execution.evidence && (execution.evidence.focused_window || execution.evidence.window) || null],
      ['Output', pre(execution.output)],
      execution.error_code ? ['Error', execution.error_code + ': ' + (execution.error_message || '')] : null,
      ['Evidence', pre(execution.evidence)],
      ['Duration', execution.duration_ms != null ? execution.duration_ms + ' ms' : null],
      ['Retries', execution.retries_used],
    ]) : h('p', { class: 'muted', text: 'Not executed.' })));
  if (trail) {
    const seqs = (trail.events || []).map((e) => e.seq);
    const last = seqs.length ? Math.max(...seqs) : null;
    let chain;
    if (!verify || verify.error) {
      chain = 'Could not verify the chain' + (verify && verify.error ? ': ' + verify.error.message : '');
    } else if (verify.intact || (verify.broken_seq !== null && verify.broken_seq > last)) {
      chain = 'Verifies from seq ' + verify.from_seq + ' through ' + verify.head_seq + ' (this action\'s events: ' + seqs.join(', ') + ')';
    } else {
      chain = 'Does NOT verify: ' + (verify.problem || '') + ' at seq ' + verify.broken_seq + (verify.reason ? ' (' + verify.reason + ')' : '');
    }
    parts.push(h('section', { class: 'card', id: 'inspector-chain' }, h('h2', { text: 'Hash chain' }),
      h('p', { class: verify && (verify.intact || verify.broken_seq > last) ? 'ok' : 'error', id: 'inspector-chain-verdict', text: chain })));
    parts.push(h('section', { class: 'card', id: 'inspector-trail' }, h('h2', { text: 'Events' }),
      h('div', { class: 'table-wrap' }, h('table', { class: 'trail' },
        h('thead', {}, h('tr', {}, ['seq', 'time', 'phase', 'state', 'principal', 'decided by', 'hash', 'data'].map((c) => h('th', { text: c })))),
        h('tbody', {}, (trail.events || []).map((e) => h('tr', { class: 'phase-' + e.phase, dataset: { phase: e.phase || '' } },
          h('td', { text: e.seq }), h('td', { text: time(e.time) }), h('td', { text: e.phase || '' }), h('td', { text: e.state || '' }),
          h('td', { text: e.principal || '' }), h('td', { text: e.decided_by || '' }),
          h('td', {}, h('code', { class: 'hash', title: e.hash, text: String(e.hash || '').slice(0, 16) + '…' })),
          h('td', {}, h('details', {}, h('summary', { text: 'data' }), pre(e.data))))))))));
  }
  if (session && session.actions) {
    parts.push(h('section', { class: 'card', id: 'inspector-session' }, h('h2', { text: 'Session ' + action.session_id }),
      h('ul', {}, session.actions.filter((a) => a.action_id !== action.action_id).map((a) => h('li', {},
        h('a', { href: '#/inspect/' + encodeURIComponent(a.action_id), text: a.action_id }), ' ', a.intent + ' · ' + a.state)))));
  }
  return parts;
}
