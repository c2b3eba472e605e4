// Kill switch: which scopes are engaged; admins engage or release one with a reason.
import { get, post, ApiError } from './api.js';
import { h, replace, time } from './dom.js';
import * as feed from './feed.js';

export function mount(container, ctx) {
  const list = h('div', { id: 'kill-switch-state' });
  const message = h('p', { id: 'kill-switch-message', role: 'status' });
  container.append(h('div', { class: 'page-head' }, h('h1', { text: 'Kill switch' })), list, message);
  if (ctx.can('admin')) {
    container.append(form());
  } else {
    container.append(h('p', { class: 'muted', text: 'Only an admin may engage or release the kill switch.' }));
  }

  async function load() {
    try {
      const answer = await get('/v1/kill-switch');
      const engaged = (answer.engaged || []).filter((s) => s.engaged !== false);
      replace(list, engaged.length === 0 ? h('p', { class: 'ok big', text: 'Nothing is stopped: no scope is engaged.' })
        : h('table', {}, h('thead', {}, h('tr', {}, ['scope', 'since', 'by', 'reason', ''].map((c) => h('th', { text: c })))),
          h('tbody', {}, engaged.map((s) => h('tr', { dataset: { scope: s.scope } },
            h('td', {}, h('b', { text: s.scope })), h('td', { text: time(s.changed_at) }), h('td', { text: s.changed_by || '' }),
            h('td', { text: s.reason || '' }),
            h('td', {}, ctx.can('admin') ? h('button', { type: 'button', class: 'release', onclick: () => change(s.scope, false, 'released from the console'), text: 'Release' }) : ''))))));
    } catch (e) {
      replace(list, h('p', { class: 'error', text: e.message }));
    }
  }

  function form() {
    const kind = h('select', { name: 'kind', 'aria-label': 'Scope' },
      h('option', { value: 'global', text: 'Global (everything)' }),
      h('option', { value: 'capability', text: 'One capability' }),
      h('option', { value: 'node', text: 'One node' }));
    const target = h('input', { type: 'text', name: 'target', placeholder: 'intent or node id', 'aria-label': 'Capability or node' });
    const reason = h('input', { type: 'text', name: 'reason', placeholder: 'Reason (required)', required: true, 'aria-label': 'Reason', maxlength: '500' });
    const sync = () => { target.hidden = kind.value === 'global'; };
    kind.addEventListener('change', sync);
    sync();
    return h('form', { id: 'kill-switch-form', class: 'kill', onsubmit: (e) => {
      e.preventDefault();
      const scope = kind.value === 'global' ? 'global' : kind.value + ':' + target.value.trim();
      change(scope, true, reason.value.trim());
    } }, h('h2', { text: 'Engage' }), kind, target, reason, h('button', { type: 'submit', class: 'danger big', text: 'Engage kill switch' }));
  }

  async function change(scope, engaged, reason) {
    try {
      await post('/v1/kill-switch', { scope, engaged, reason });
      message.className = 'ok';
      message.textContent = (engaged ? 'Engaged ' : 'Released ') + scope;
    } catch (e) {
      message.className = 'error';
      message.textContent = e instanceof ApiError ? e.code + ': ' + e.message : String(e);
    }
    window.dispatchEvent(new CustomEvent('handrail:kill-switch-changed'));
    load();
  }

  load();
  const stop = feed.onEvent((event) => {
    if (String(event.envelope && event.envelope.type).includes('kill_switch_changed')) {
      load();
    }
  });
  const timer = setInterval(load, 10000);
  return () => { stop(); clearInterval(timer); };
}
