// HTTP side of docs/api.md. Session = cookie; POSTs echo the XSRF-TOKEN cookie.

export class HttpError extends Error {
  constructor(status, body) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

function xsrfToken() {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === 'XSRF-TOKEN') {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return part.slice(eq + 1).trim();
      }
    }
  }
  return '';
}

async function readBody(response) {
  if (response.status === 204) return null;
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function getJson(path) {
  const response = await fetch(path, {
    credentials: 'same-origin',
    cache: 'no-store',
    headers: { Accept: 'application/json' },
  });
  const body = await readBody(response);
  if (!response.ok) throw new HttpError(response.status, body);
  return body;
}

/**
 * /session answers 200 logged in or not, so the server keeps the session that holds the XSRF token it hands out
 * (a 401 response would not store it).
 */
export async function primeXsrf() {
  try {
    await fetch('/api/v1/session', { credentials: 'same-origin', cache: 'no-store' });
  } catch {
    // The POST that follows reports the network error.
  }
}

const postJson = (path, payload) => sendJson('POST', path, payload);

async function sendJson(method, path, payload, retried = false) {
  if (!xsrfToken()) await primeXsrf();
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    cache: 'no-store',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'X-XSRF-TOKEN': xsrfToken(),
    },
    body: JSON.stringify(payload ?? {}),
  });
  // A 403 is most often a token that went stale when the session was renewed
  // (login rotates the session): fetch a fresh one and try once more.
  if (response.status === 403 && !retried) {
    await primeXsrf();
    return sendJson(method, path, payload, true);
  }
  const body = await readBody(response);
  if (!response.ok) throw new HttpError(response.status, body);
  return body;
}

/**
 * GET /api/v1/session: always 200, {"authenticated": bool, "officer": {...}|null}. It also opens the session and
 * (re)issues the XSRF-TOKEN cookie, so it is the way to ask "am I still logged in?".
 */
export async function session() {
  const body = await getJson('/api/v1/session');
  const officer = body && typeof body === 'object' && body.officer && typeof body.officer === 'object'
    ? body.officer : null;
  return { authenticated: Boolean(body && body.authenticated === true && officer), officer };
}

export const me = () => getJson('/api/v1/me');
export const network = () => getJson('/api/v1/network');
export const login = (username, password) => postJson('/api/v1/login', { username, password });
export const logout = () => postJson('/api/v1/logout', {});
export const stations = () => getJson('/api/v1/stations');
export const openAlerts = () => getJson('/api/v1/alerts?state=open');
export const ackAlert = (id, comment) =>
  postJson(`/api/v1/alerts/${encodeURIComponent(id)}/ack`, { comment });
export const alertTrail = (id) => getJson(`/api/v1/alerts/${encodeURIComponent(id)}/trail`);
export const commentAlert = (id, comment) =>
  postJson(`/api/v1/alerts/${encodeURIComponent(id)}/comment`, { comment });
export const assignAlert = (id, assignee) =>
  postJson(`/api/v1/alerts/${encodeURIComponent(id)}/assign`, { assignee });
export const silences = () => getJson('/api/v1/silences');
export const createSilence = (silence) => postJson('/api/v1/silences', silence);
export const cancelSilence = (id) => postJson(`/api/v1/silences/${encodeURIComponent(id)}/cancel`, {});

// Station view, alert history and shift handover (read-only; every role).
const query = (params) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
};
export const stationSettings = (id) => getJson(`/api/v1/stations/${encodeURIComponent(id)}/settings`);
// Admin only: the server answers 403 to others.
export const changeStationSettings = (id, changes) =>
  sendJson('PUT', `/api/v1/stations/${encodeURIComponent(id)}/settings`, changes);
export const stationChart = (id, range) =>
  getJson(`/api/v1/stations/${encodeURIComponent(id)}/chart${query({ range })}`);
export const alertHistory = (params) => getJson(`/api/v1/alerts/history${query(params)}`);
export const alertHistoryCsvUrl = (params) => `/api/v1/alerts/history.csv${query(params)}`;
export const handover = (hours) => getJson(`/api/v1/handover${query({ hours })}`);
