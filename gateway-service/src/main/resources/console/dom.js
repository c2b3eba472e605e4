// Builds the page from values without ever parsing them as HTML: every value goes in as text.

/** An element with attributes/properties and children (strings become text nodes). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) {
      continue;
    }
    if (k === 'class') {
      el.className = v;
    } else if (k === 'text') {
      el.textContent = String(v);
    } else if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2), v);
    } else if (k === 'dataset') {
      Object.assign(el.dataset, v);
    } else if (k === 'value' || k === 'checked' || k === 'disabled' || k === 'hidden') {
      el[k] = v;
    } else {
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A value as a person reads it: JSON for objects, text for the rest (shown with textContent). */
export function show(value) {
  if (value === undefined || value === null) {
    return '—';
  }
  if (typeof value === 'object') {
    return JSON.stringify(value, null, 2);
  }
  return String(value);
}

/** A definition list from [label, value] pairs, values as text. */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(Boolean).map(([k, v]) =>
    [h('dt', { text: k }), h('dd', {}, v instanceof Node ? v : show(v))]));
}

export function time(iso) {
  if (!iso) {
    return '—';
  }
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : d.toLocaleString(undefined, { hour12: false });
}

/** "4 m 05 s" until (positive) or since (negative) an instant. */
export function duration(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(s / 60);
  const h = Math.floor(m / 60);
  if (h > 0) {
    return h + ' h ' + String(m % 60).padStart(2, '0') + ' m';
  }
  if (m > 0) {
    return m + ' m ' + String(s % 60).padStart(2, '0') + ' s';
  }
  return s + ' s';
}

export function pre(value, cls = 'value') {
  return h('pre', { class: cls, text: show(value) });
}

/** A notice at the top of the page region that goes away by itself. */
export function notice(message, kind = 'info') {
  const region = document.getElementById('notices') || document.body.appendChild(h('div', { id: 'notices', role: 'status' }));
  const el = h('div', { class: 'notice ' + kind, text: message });
  region.append(el);
  setTimeout(() => el.remove(), 6000);
}

export const RISK_ORDER = { high: 0, medium: 1, low: 2, safe: 3 };
