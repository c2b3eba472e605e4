// Policy: the policy in force and a what-if replay of recent decisions under a candidate.
import { get, post, ApiError } from './api.js';
import { h, replace, facts, time, pre } from './dom.js';

export function mount(container) {
  const active = h('section', { class: 'card', id: 'policy-active' }, h('p', { class: 'muted', text: 'Loading…' }));
  const candidate = h('textarea', { id: 'policy-candidate', rows: '14', spellcheck: 'false', 'aria-label': 'Candidate policy (YAML)' });
  const limit = h('input', { type: 'number', min: '1', max: '500', value: '100', 'aria-label': 'Recent actions to replay' });
  const result = h('div', { id: 'policy-what-if' });
  container.append(h('div', { class: 'page-head' }, h('h1', { text: 'Policy' })), active,
    h('section', { class: 'card' }, h('h2', { text: 'What if' }),
      h('p', { class: 'muted', text: 'Paste a candidate policy file; the last recorded actions are decided again under it. Nothing changes.' }),
      h('form', { onsubmit: whatIf }, candidate, h('label', {}, 'Recent actions ', limit), h('button', { type: 'submit', text: 'Compare' })),
      result));

  get('/v1/policy').then((p) => {
    replace(active, h('h2', { text: 'In force: version ' + p.version }),
      facts([['Source', p.source], ['SHA-256', h('code', { class: 'hash', text: p.sha256 || '—' })], ['Loaded', time(p.loaded_at)],
        p.last_error ? ['Last error', p.last_error + ' (' + time(p.last_error_at) + ')'] : null]),
      h('details', {}, h('summary', { text: 'Rules' }), pre(p.rules)));
    if (!candidate.value && typeof p.source_text === 'string') {
      candidate.value = p.source_text;
    }
  }).catch((e) => replace(active, h('p', { class: 'error', text: e.message })));

  async function whatIf(e) {
    e.preventDefault();
    replace(result, h('p', { class: 'muted', text: 'Replaying…' }));
    try {
      const r = await post('/v1/policy/what-if', { policy: candidate.value, limit: Number(limit.value) || 100 });
      replace(result,
        h('p', { text: 'Active ' + r.active_version + ' → candidate ' + r.candidate_version + ': ' + r.evaluated + ' replayed, '
          + r.changed + ' would change, ' + r.skipped + ' skipped.' }),
        (r.changes || []).length === 0 ? h('p', { class: 'ok', text: 'No decision would change.' }) :
          h('div', { class: 'table-wrap' }, h('table', {},
            h('thead', {}, h('tr', {}, ['action', 'intent', 'principal', 'node', 'recorded', 'before', 'after'].map((c) => h('th', { text: c })))),
            h('tbody', {}, r.changes.map((c) => h('tr', {},
              h('td', {}, h('a', { href: '#/inspect/' + encodeURIComponent(c.action_id), text: c.action_id })),
              h('td', { text: c.intent }), h('td', { text: c.principal || '' }), h('td', { text: c.node || '' }),
              h('td', { text: c.recorded_state || '' }), h('td', { text: JSON.stringify(c.before) }), h('td', { text: JSON.stringify(c.after) })))))));
    } catch (err) {
      replace(result, h('p', { class: 'error', text: err instanceof ApiError ? err.code + ': ' + err.message : String(err) }));
    }
  }
}
