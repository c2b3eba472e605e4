// Health: services, nodes and dependencies; breakers; dead letters; incidents.
import { get, post, ApiError } from './api.js';
import { h, replace, time, show } from './dom.js';

export function mount(container, ctx) {
  const body = h('div', { id: 'health' });
  const message = h('p', { id: 'health-message', role: 'status' });
  container.append(h('div', { class: 'page-head' }, h('h1', { text: 'Health' })), message, body);

  async function load() {
    const [summary, breakers, deadLetters, incidents] = await Promise.all([
      get('/v1/health/summary').catch((e) => ({ error: e })),
      get('/v1/breakers').catch((e) => ({ error: e })),
      get('/v1/dead-letters?limit=50').catch((e) => ({ error: e })),
      get('/v1/incidents?limit=50').catch((e) => ({ error: e })),
    ]);
    replace(body,
      section('Services, nodes and dependencies', 'health-summary', summary, () => [
        h('p', {}, 'Overall: ', h('span', { class: 'badge health-' + summary.overall_state, text: summary.overall_state })),
        table(['name', 'state', 'last heard', 'failures', 'last error'],
          Object.entries(summary.dependencies || {}).sort(([a], [b]) => a.localeCompare(b)).map(([name, d]) => [
            name, h('span', { class: 'badge health-' + d.state, text: d.state }), time(d.last_ok), d.consecutive_failures, d.last_error || '']))]),
      section('Circuit breakers', 'health-breakers', breakers, () => table(['breaker', 'state', 'open until', 'stats', ''],
        Object.entries(breakers.breakers || {}).map(([name, b]) => [
          name, h('span', { class: 'badge breaker-' + b.state, text: b.state + (b.held ? ' (node down)' : '') }), time(b.open_until), show(b.stats),
          ctx.can('admin') && b.state !== 'closed' ? h('button', { type: 'button', onclick: () => act('/v1/breakers/' + encodeURIComponent(name) + '/reset', 'Breaker ' + name + ' reset'), text: 'Reset' }) : '']))),
      section('Dead letters', 'health-dead-letters', deadLetters, () => table(['id', 'action', 'intent', 'node', 'error', 'at', ''],
        (deadLetters.dead_letters || []).map((d) => [
          d.id, d.action_id ? h('a', { href: '#/inspect/' + encodeURIComponent(d.action_id), text: d.action_id }) : '', d.intent, d.node,
          (d.error_code || '') + (d.error_message ? ': ' + d.error_message : ''), time(d.created_at || d.dead_lettered_at),
          ctx.can('admin') ? h('button', { type: 'button', onclick: () => act('/v1/dead-letters/' + encodeURIComponent(d.id) + '/replay', 'Replayed through policy') , text: 'Replay' }) : '']))),
      section('Incidents', 'health-incidents', incidents, () => table(['opened', 'kind', 'state', 'title', 'closed'],
        (incidents.incidents || []).map((i) => [time(i.opened_at), i.kind, h('span', { class: 'badge incident-' + i.state, text: i.state }), i.title, time(i.closed_at)]))));
  }

  async function act(path, done) {
    try {
      const answer = await post(path);
      message.className = 'ok';
      message.textContent = done + (answer && answer.replay_action_id ? ' as ' + answer.replay_action_id + ' (' + answer.state + ')' : '');
    } catch (e) {
      message.className = 'error';
      message.textContent = e instanceof ApiError ? e.code + ': ' + e.message : String(e);
    }
    load();
  }

  load();
  const timer = setInterval(load, 5000);
  return () => clearInterval(timer);
}

function section(title, id, answer, content) {
  return h('section', { class: 'card', id }, h('h2', { text: title }),
    answer.error ? h('p', { class: 'error', text: answer.error.code + ': ' + answer.error.message }) : content());
}

function table(columns, rows) {
  if (rows.length === 0) {
    return h('p', { class: 'muted', text: 'None.' });
  }
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { text: c })))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c instanceof Node ? c : show(c))))))));
}
