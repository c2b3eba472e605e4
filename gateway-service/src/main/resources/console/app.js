// The console's shell: sign-in, the caller's role, navigation, the kill-switch banner, the feed.
import { get, token, setToken, clearToken, ApiError } from './api.js';
import { h, replace, time } from './dom.js';
import * as feed from './feed.js';
import * as inbox from './inbox.js';
import * as timeline from './timeline.js';
import * as inspector from './inspector.js';
import * as runs from './runs.js';
import * as health from './health.js';
import * as killSwitch from './kill-switch.js';
import * as policy from './policy.js';

const ROLES = ['agent', 'operator', 'admin'];
const PAGES = {
  inbox: { module: inbox, role: 'operator' },
  timeline: { module: timeline, role: 'agent' },
  inspect: { module: inspector, role: 'agent' },
  runs: { module: runs, role: 'operator' },
  health: { module: health, role: 'operator' },
  'kill-switch': { module: killSwitch, role: 'operator' },
  policy: { module: policy, role: 'admin' },
};

const ctx = {
  me: null,
  /** Whether the signed-in role covers `role`. */
  can(role) {
    return this.me !== null && ROLES.indexOf(this.me.role) >= ROLES.indexOf(role);
  },
};

let unmount = null;
let bannerTimer = null;
let countTimer = null;

function $(id) {
  return document.getElementById(id);
}

async function boot() {
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  window.addEventListener('hashchange', route);
  window.addEventListener('handrail:kill-switch-changed', refreshBanner);
  window.addEventListener('handrail:unauthenticated', () => showSignIn('The token was refused (unknown, expired or revoked). Paste another.'));
  if (!token()) {
    showSignIn('');
    return;
  }
  await enter();
}

async function signIn(event) {
  event.preventDefault();
  const value = $('token').value.trim();
  $('token').value = '';
  if (!value) {
    return;
  }
  setToken(value);
  await enter();
}

function signOut() {
  clearToken();
  feed.stop();
  // A fresh page: nothing of the last person's session (listeners, timers, drafts) survives.
  location.replace('/console');
}

function showSignIn(message) {
  if (unmount) {
    unmount();
    unmount = null;
  }
  clearInterval(bannerTimer);
  ctx.me = null;
  $('nav').hidden = true;
  $('sign-out').hidden = true;
  $('page').hidden = true;
  $('kill-banner').hidden = true;
  $('who').textContent = '';
  $('sign-in').hidden = false;
  $('sign-in-error').textContent = message;
}

async function enter() {
  try {
    ctx.me = await get('/v1/me');
  } catch (e) {
    clearToken();
    showSignIn(e instanceof ApiError ? e.code + ': ' + e.message : String(e));
    return;
  }
  $('sign-in').hidden = true;
  $('page').hidden = false;
  $('sign-out').hidden = false;
  $('nav').hidden = false;
  replace($('who'), h('span', { class: 'principal', text: ctx.me.principal }), ' ', h('span', { class: 'role role-' + ctx.me.role, text: ctx.me.role }));
  document.body.dataset.role = ctx.me.role;
  for (const link of $('nav').querySelectorAll('a')) {
    link.hidden = !ctx.can(link.dataset.role);
  }
  if (ctx.can('operator')) {
    feed.onStatus(showFeedStatus);
    feed.onEvent((event) => {
      const type = String(event.envelope && event.envelope.type || '');
      if (type.startsWith('dev.handrail.control.kill_switch_changed')) {
        refreshBanner();
      }
      if (/\.(pending_approval|approved|denied|expired|cancelled)\.v\d+$/.test(type)) {
        clearTimeout(countTimer);
        countTimer = setTimeout(refreshCount, 100);
      }
    });
    feed.start();
    refreshBanner();
    refreshCount();
    bannerTimer = setInterval(() => { refreshBanner(); refreshCount(); }, 10000);
  }
  if (!location.hash || location.hash === '#' || location.hash === '#/') {
    location.hash = ctx.can('operator') ? '#/inbox' : '#/timeline';
  } else {
    route();
  }
}

function showFeedStatus(state) {
  const el = $('feed-status');
  el.hidden = state === 'live' || state === 'stopped';
  el.dataset.state = state;
  el.textContent = state === 'reconnecting' ? 'Live feed lost; reconnecting (nothing will be missed)…' : 'Connecting to the live feed…';
}

/** The kill-switch banner, on every page while any scope is engaged. */
async function refreshBanner() {
  if (!ctx.can('operator')) {
    return;
  }
  const banner = $('kill-banner');
  try {
    const answer = await get('/v1/kill-switch');
    const engaged = (answer.engaged || []).filter((s) => s.engaged !== false);
    banner.hidden = engaged.length === 0;
    replace(banner, engaged.length === 0 ? [] : [
      h('strong', { text: 'Kill switch engaged: ' }),
      engaged.map((s, i) => h('span', { class: 'scope' },
        i > 0 ? '; ' : '', h('b', { text: s.scope }), ' since ', time(s.changed_at),
        s.changed_by ? ' by ' + s.changed_by : '', s.reason ? ' (' + s.reason + ')' : '')),
    ]);
  } catch (e) {
    // The banner keeps what it last knew; the page in view reports errors.
  }
}

/** How many approvals wait, beside the Inbox link on every page. */
async function refreshCount() {
  try {
    const answer = await get('/v1/approvals?state=pending&limit=500');
    const now = Date.now();
    const waiting = (answer.approvals || []).filter((a) => !a.expires_at || Date.parse(a.expires_at) > now).length;
    $('inbox-count').textContent = waiting ? String(waiting) : '';
  } catch (e) {
    // The count keeps what it last knew.
  }
}

function route() {
  if (!ctx.me) {
    return;
  }
  const [name, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const page = PAGES[name];
  for (const link of $('nav').querySelectorAll('a')) {
    link.classList.toggle('current', link.dataset.page === name);
  }
  if (unmount) {
    unmount();
    unmount = null;
  }
  const container = $('page');
  container.replaceChildren();
  container.dataset.page = name || '';
  if (!page) {
    location.hash = ctx.can('operator') ? '#/inbox' : '#/timeline';
    return;
  }
  if (!ctx.can(page.role)) {
    container.append(h('p', { class: 'error', text: 'Your role (' + ctx.me.role + ') may not use this page; it needs ' + page.role + '.' }));
    return;
  }
  unmount = page.module.mount(container, ctx, rest.map(decodeURIComponent)) || null;
}

boot();
