// The live event feed (GET /v1/events/stream) read with fetch() so the token travels in the
// Authorization header (EventSource cannot send one); resumes after a drop with Last-Event-ID.
import { headers, get } from './api.js';

const listeners = new Set();
const statusListeners = new Set();
let lastId = null;
let controller = null;
let retryMs = 2000;
let running = false;
let state = 'stopped';

/** Calls fn(storedEvent) for every event of the feed from now on; returns an unsubscribe function. */
export function onEvent(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Calls fn(state) with 'connecting', 'live', 'reconnecting' or 'stopped'. */
export function onStatus(fn) {
  statusListeners.add(fn);
  fn(state);
  return () => statusListeners.delete(fn);
}

export function lastEventId() {
  return lastId;
}

function setState(next) {
  state = next;
  statusListeners.forEach((fn) => fn(next));
}

/** Opens the feed a little before the head (so a fresh page shows recent history), then follows it. */
export async function start(backlog = 200) {
  if (running) {
    return;
  }
  running = true;
  try {
    const page = await get('/v1/events?limit=1');
    lastId = Math.max(0, (page.head_seq || 0) - backlog);
  } catch (e) {
    lastId = null;
  }
  loop();
}

export function stop() {
  running = false;
  if (controller) {
    controller.abort();
  }
  setState('stopped');
}

async function loop() {
  while (running) {
    setState(lastId === null ? 'connecting' : (state === 'live' || state === 'reconnecting' ? 'reconnecting' : 'connecting'));
    controller = new AbortController();
    try {
      const h = headers({ Accept: 'text/event-stream' });
      if (lastId !== null) {
        h['Last-Event-ID'] = String(lastId);
      }
      const response = await fetch('/v1/events/stream', { headers: h, signal: controller.signal, cache: 'no-store', credentials: 'omit' });
      if (response.status === 401) {
        window.dispatchEvent(new CustomEvent('handrail:unauthenticated'));
        running = false;
        break;
      }
      if (!response.ok || !response.body) {
        throw new Error('HTTP ' + response.status);
      }
      setState('live');
      await read(response.body);
    } catch (e) {
      if (!running) {
        break;
      }
    }
    if (running) {
      setState('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, Math.min(retryMs, 2000)));
    }
  }
}

async function read(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += value;
    let end;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      dispatch(block);
    }
  }
}

function dispatch(block) {
  let id = null;
  const data = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith(':')) {
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') {
      id = value;
    } else if (field === 'data') {
      data.push(value);
    } else if (field === 'retry' && /^\d+$/.test(value)) {
      retryMs = Number(value);
    }
  }
  if (id !== null && /^\d+$/.test(id)) {
    lastId = Number(id);
  }
  if (data.length === 0) {
    return;
  }
  let event;
  try {
    event = JSON.parse(data.join('\n'));
  } catch (e) {
    return;
  }
  listeners.forEach((fn) => {
    try {
      fn(event);
    } catch (e) {
      console.error(e);
    }
  });
}

/** The event's short type: dev.handrail.action.succeeded.v1 → succeeded. */
export function shortType(envelope) {
  const parts = String(envelope.type || '').split('.');
  return parts.length >= 2 ? parts[parts.length - 2] : envelope.type;
}
