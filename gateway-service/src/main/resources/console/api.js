// The console's only way to the system: the public /v1 API with the pasted token as a Bearer header.
const KEY = 'handrail.token';

export function token() {
  return sessionStorage.getItem(KEY);
}

export function setToken(value) {
  sessionStorage.setItem(KEY, value);
}

export function clearToken() {
  sessionStorage.removeItem(KEY);
}

/** An answer other than 2xx, with the error envelope's code and message. */
export class ApiError extends Error {
  constructor(status, code, message, body) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

export function headers(extra = {}) {
  return { Authorization: 'Bearer ' + token(), ...extra };
}

/** Calls the API; resolves with the JSON body of a 2xx answer, rejects with an ApiError otherwise. */
export async function call(method, path, body) {
  const init = { method, headers: headers(), cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'NETWORK', 'The gateway did not answer: ' + e.message, null);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    const error = json && json.error ? json.error : {};
    if (response.status === 401) {
      window.dispatchEvent(new CustomEvent('handrail:unauthenticated', { detail: error }));
    }
    throw new ApiError(response.status, error.code || 'HTTP_' + response.status,
      error.message || response.statusText || 'HTTP ' + response.status, json);
  }
  return json;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body === undefined ? {} : body);

/** A query string from the non-empty entries of an object. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') {
      q.set(k, v);
    }
  }
  const s = q.toString();
  return s ? '?' + s : '';
}
