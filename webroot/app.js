// Qingliu duty desk: login, live alert table, station list, WebSocket updates.
// Contract: docs/api.md. All data is rendered with textContent (see dom.js).

import { el, $, $$, show } from './dom.js';
import * as api from './api.js';
import * as alarm from './alarm.js';
import {
  mutedNote, showEscalation, relabelSilenceStations, startSilences, stopSilences, wireSilences, trailButton, wireTrail,
} from './workflow.js';
import { buildSchematic, paintSchematic } from './schematic.js';
import { filters, filterAlerts, groupByStation } from './grouping.js';
import { traceButton } from './trace.js';
import { valueText } from './alerttable.js';
import { startViews, stopViews } from './views.js';
import {
  t, getLang, setLang, severityLabel, alertKindLabel, alertStateLabel, stationKindLabel,
  roleLabel, paramLabel, classLabel, formatTime, formatClock,
  formatAge, toMillis, alertMessage,
} from './i18n.js';

const SEVERITIES = ['critical', 'major', 'minor', 'warning'];
const STATION_KINDS = ['micro', 'national', 'fingerprint', 'outfall'];
const RECONNECT_DELAYS_MS = [1000, 2000, 5000];
const STATION_REFRESH_MS = 30000;

const state = {
  user: null,
  // Bumped whenever the desk is entered or left, so late async results from a
  // previous session (or a previous socket) are dropped instead of applied.
  session: 0,
  alerts: new Map(), // id -> Alert
  stations: new Map(), // id -> StationStatus
  lastSeq: null,
  snapshotSeen: false,
  ws: null,
  wsGen: 0,
  reconnectAttempt: 0,
  reconnectTimer: null,
  refreshTimer: null,
  renderTimer: null,
  // River and reach names from /api/v1/network (stations only carry their ids).
  rivers: new Map(),
  reaches: new Map(),
  stationFilter: '',
  ackAlertId: null,
};

// Keyed DOM nodes, so live updates patch rows in place (stable for tests and
// for whoever is reading the screen) instead of rebuilding the whole table.
const alertRows = new Map(); // id -> {tr, sig}
const groupRows = new Map(); // station id -> {tr, sig}
const collapsed = new Set(); // station ids whose group the officer folded
const stationItems = new Map(); // id -> {li, sig, haystack}

/* ------------------------------------------------------------------ helpers */

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const hasId = (v) => isObject(v) && v.id !== undefined && v.id !== null && v.id !== '';
const knownSeverity = (s) => (SEVERITIES.includes(s) ? s : 'unknown');
const validClass = (n) => (Number.isInteger(n) && n >= 1 && n <= 6 ? n : null);
const canAcknowledge = () => state.user && state.user.role !== 'viewer';
/**
 * A station's name from the live station list, which station messages keep current when an admin renames it; the
 * name an alert was written with (or the network's) only until the list knows the station.
 */
const stationNameOf = (id, written) => state.stations.get(String(id))?.name ?? written ?? id;
const alertStation = (a) => stationNameOf(a.stationId, a.stationName);

/** An alert leaves the desk once it is both resolved and acknowledged. */
const isFinished = (a) => a.state === 'resolved' && a.acknowledged === true;
// A muted alert (silence, or its station offline) stays on the desk but never calls anyone.
const isOpenCritical = (a) => a.severity === 'critical' && !a.acknowledged && a.state !== 'resolved' && !a.muted;

function classBadge(n, extraClass) {
  const cls = validClass(n);
  return el('span', {
    class: ['class-badge', cls ? `cls-${cls}` : 'cls-none', extraClass],
    dataset: { class: cls ?? '' },
  }, classLabel(cls));
}

/* ------------------------------------------------------------------ i18n of static markup */

function applyStaticI18n() {
  for (const node of $$('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of $$('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
  for (const node of $$('[data-i18n-title]')) node.title = t(node.dataset.i18nTitle);
  for (const node of $$('[data-i18n-aria-label]')) node.setAttribute('aria-label', t(node.dataset.i18nAriaLabel));
  for (const option of $$('#lang-toggle .lang-option')) {
    option.classList.toggle('active', option.dataset.lang === getLang());
  }
  $('#lang-toggle').setAttribute('aria-label', `${t('langToggle')}: 中文 / English`);
  for (const pill of $$('#alert-counts .count-pill')) {
    $('.count-name', pill).textContent = severityLabel(pill.dataset.severity);
  }
  alarm.setTitles(t('appTitle'), t('alertTitlePrefix') + t('appTitle'));
  renderMute();
  renderConn();
  renderUser();
}

/* ------------------------------------------------------------------ header */

function renderUser() {
  const user = state.user;
  $('#user-name').textContent = user ? (user.displayName || user.username || '') : '';
  $('#user-name').title = user ? String(user.username ?? '') : '';
  $('#user-role').textContent = user ? roleLabel(user.role) : '';
  document.body.classList.toggle('role-viewer', Boolean(user && user.role === 'viewer'));
}

function renderMute() {
  const button = $('#mute-toggle');
  const muted = alarm.isMuted();
  button.textContent = muted ? t('soundOff') : t('soundOn');
  button.setAttribute('aria-pressed', String(muted));
  button.classList.toggle('is-muted', muted);
}

let connState = 'reconnecting';
function setConn(next) {
  connState = next;
  renderConn();
}
function renderConn() {
  const node = $('#conn-state');
  node.dataset.state = connState;
  $('.conn-label', node).textContent = connState === 'live' ? t('connLive') : t('connReconnecting');
}

function renderCounts() {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
  for (const a of state.alerts.values()) {
    if (a.state !== 'resolved' && a.severity in counts) counts[a.severity] += 1;
  }
  for (const pill of $$('#alert-counts .count-pill')) {
    const n = counts[pill.dataset.severity] ?? 0;
    $('.count-value', pill).textContent = String(n);
    pill.classList.toggle('is-zero', n === 0);
  }
}

function tick() {
  const now = Date.now();
  $('#clock').textContent = formatClock(now);
  for (const node of $$('[data-age-ts]')) {
    const fmt = node.dataset.agePrefix ? t(node.dataset.agePrefix, { age: formatAge(node.dataset.ageTs, now) }) : formatAge(node.dataset.ageTs, now);
    if (node.textContent !== fmt) node.textContent = fmt;
  }
}

/* ------------------------------------------------------------------ alerts table */

function alertSortKey(a, b) {
  const ackDiff = Number(Boolean(a.acknowledged)) - Number(Boolean(b.acknowledged));
  if (ackDiff) return ackDiff;
  const ta = toMillis(a.openedAt);
  const tb = toMillis(b.openedAt);
  const timeDiff = (Number.isNaN(tb) ? 0 : tb) - (Number.isNaN(ta) ? 0 : ta);
  if (timeDiff) return timeDiff;
  return String(b.id).localeCompare(String(a.id), undefined, { numeric: true });
}

function classCell(a) {
  const current = validClass(a.waterClass);
  const target = validClass(a.targetClass);
  if (!current && !target) return el('td', { class: 'alert-class' }, '—');
  return el('td', {
    class: 'alert-class',
    title: t('classTitle', { current: classLabel(current), target: classLabel(target) }),
  },
  classBadge(current),
  el('span', { class: 'class-target' }, `${t('targetPrefix')} ${classLabel(target)}`));
}

function ackCell(a) {
  if (a.acknowledged) {
    return el('td', { class: 'alert-ack' },
      el('div', { class: 'ack-line' },
        el('span', { class: 'ack-label' }, `${t('ackBy')} `),
        el('span', { class: 'alert-ack-by' }, a.acknowledgedBy ?? ''),
        a.acknowledgedAt ? el('span', { class: 'ack-time' }, ` · ${formatTime(a.acknowledgedAt)}`) : null),
      el('div', { class: 'alert-ack-comment' }, a.ackComment ?? ''));
  }
  if (!canAcknowledge()) {
    return el('td', { class: 'alert-ack' }, el('span', { class: 'muted' }, t('ackNotYet')));
  }
  return el('td', { class: 'alert-ack' },
    el('button', {
      type: 'button',
      class: 'btn btn-ack ack-button',
      dataset: { alertId: a.id },
      title: t('ackButton'),
    },
    // The short label replaces the long one on narrow screens (style.css).
    el('span', { class: 'label-long' }, t('ackButton')),
    el('span', { class: 'label-short' }, t('ackButtonShort'))));
}

/** Every alert's log is a click away, whatever its state and whoever looks. */
function withTrail(cell, a) {
  cell.append(trailButton(a));
  return cell;
}

function fillAlertRow(tr, a) {
  const severity = knownSeverity(a.severity);
  const resolved = a.state === 'resolved';
  tr.className = [
    'alert-row',
    `sev-${severity}`,
    a.acknowledged ? 'is-acked' : 'is-unacked',
    resolved ? 'is-resolved' : '',
    a.muted ? 'is-muted' : '',
  ].filter(Boolean).join(' ');
  tr.dataset.alertId = String(a.id);
  tr.dataset.state = String(a.state ?? '');
  tr.dataset.acknowledged = String(a.acknowledged === true);
  tr.dataset.severity = severity;

  const stateText = alertStateLabel(a.state);
  tr.replaceChildren(
    el('td', { class: 'alert-severity' },
      el('span', { class: ['sev-badge', `sev-${severity}`] }, severityLabel(a.severity))),
    el('td', { class: 'alert-station', title: String(a.stationId ?? '') }, alertStation(a) ?? '—'),
    el('td', { class: 'alert-param' }, paramLabel(a.parameter)),
    el('td', { class: 'alert-value num' }, valueText(a)),
    classCell(a),
    el('td', { class: ['alert-kind', a.kind === 'offline' ? 'kind-offline' : 'kind-exceedance'] }, alertKindLabel(a.kind)),
    el('td', { class: 'alert-state' },
      el('span', { class: ['state-pill', `state-${['open', 'acknowledged', 'resolved'].includes(a.state) ? a.state : 'other'}`] }, stateText),
      // Resolved but nobody has looked at it yet: say so, it still needs an ack.
      resolved && !a.acknowledged ? el('span', { class: 'state-note' }, t('ackNotYet')) : null,
      mutedNote(a)),
    el('td', { class: 'alert-age', title: formatTime(a.openedAt) },
      el('div', { class: 'age-rel', dataset: { ageTs: a.openedAt ?? '' } }, formatAge(a.openedAt)),
      el('div', { class: 'age-abs num' }, formatTime(a.openedAt))),
    el('td', { class: 'alert-message', title: getLang() === 'zh' ? null : String(a.message ?? '') }, alertMessage(a),
      traceButton(a, alertStation)),
    withTrail(ackCell(a), a),
  );
}

function fillGroupRow(tr, g) {
  const severity = knownSeverity(g.worst);
  const open = !collapsed.has(g.stationId);
  tr.className = ['group-row', `sev-${severity}`, open ? 'is-open' : 'is-collapsed'].join(' ');
  tr.dataset.stationId = g.stationId;
  tr.replaceChildren(el('td', { colspan: 10 },
    el('button', {
      type: 'button', class: 'group-toggle', 'aria-expanded': String(open), dataset: { stationId: g.stationId },
    }, open ? '▾' : '▸'),
    el('span', { class: ['sev-badge', `sev-${severity}`] }, severityLabel(g.worst)),
    el('strong', { class: 'group-station' }, g.stationName),
    el('span', { class: 'group-count' }, t('groupCount', { total: g.alerts.length, unacked: g.unacked }))));
}

/** The filter menus in the current language, keeping what is chosen. */
function renderFilterOptions() {
  const fill = (select, anyLabel, options) => {
    const chosen = select.value;
    select.replaceChildren(el('option', { value: '' }, anyLabel),
      ...options.map(([value, label]) => el('option', { value }, label)));
    select.value = options.some(([value]) => value === chosen) ? chosen : '';
  };
  fill($('#filter-river'), t('filterAllRivers'), [...state.rivers.values()].map((r) => [String(r.id),
    getLang() === 'en' && r.nameEn ? r.nameEn : r.name ?? r.id]));
  fill($('#filter-kind'), t('filterAllKinds'), STATION_KINDS.map((k) => [k, stationKindLabel(k)]));
  fill($('#filter-severity'), t('filterAllSeverities'), SEVERITIES.map((k) => [k, severityLabel(k)]));
  fill($('#filter-state'), t('filterAllStates'), ['open', 'acknowledged', 'resolved'].map((k) => [k,
    alertStateLabel(k)]));
}

/** Puts a keyed row at {@code index} of the table body, rebuilding it only when its signature changed. */
function placeRow(rows, key, sig, fill, body, index, keep) {
  keep.add(key);
  let entry = rows.get(key);
  if (!entry) {
    entry = { tr: el('tr'), sig: '' };
    rows.set(key, entry);
  }
  if (entry.sig !== sig) {
    fill(entry.tr);
    entry.sig = sig;
  }
  if (body.children[index] !== entry.tr) body.insertBefore(entry.tr, body.children[index] ?? null);
}

function renderAlerts() {
  const body = $('#alerts-body');
  const all = [...state.alerts.values()].sort(alertSortKey);
  const sorted = filterAlerts(all, state.stations);
  const keepAlerts = new Set();
  const keepGroups = new Set();
  // The signature decides whether a row must be rebuilt; ages tick separately.
  const context = `${getLang()}|${canAcknowledge()}`;
  let index = 0;
  for (const g of groupByStation(sorted, alertStation)) {
    const open = !collapsed.has(g.stationId);
    placeRow(groupRows, g.stationId, `${context}|${open}|${g.alerts.length}|${g.unacked}|${g.worst}|${g.stationName}`,
      (tr) => fillGroupRow(tr, g), body, index++, keepGroups);
    if (!open) continue;
    for (const a of g.alerts) {
      // The name is the station list's, not the alert's: a rename must rebuild the row too.
      placeRow(alertRows, String(a.id), `${context}|${alertStation(a)}|${JSON.stringify(a)}`,
        (tr) => fillAlertRow(tr, a), body, index++, keepAlerts);
    }
  }
  for (const [rows, keep] of [[alertRows, keepAlerts], [groupRows, keepGroups]]) {
    for (const [key, entry] of rows) {
      if (!keep.has(key)) {
        entry.tr.remove();
        rows.delete(key);
      }
    }
  }

  const unacked = sorted.filter((a) => !a.acknowledged).length;
  $('#alerts-summary').textContent = t('alertsSummary', { total: sorted.length, unacked });
  show($('#alerts-empty'), sorted.length === 0);
  renderCounts();
}

/* ------------------------------------------------------------------ station list */

/** Localised name of a river or reach id; the id itself when the network does not know it. */
function placeName(map, id) {
  if (id === undefined || id === null || id === '') return null;
  const place = map.get(String(id));
  if (!place) return String(id);
  const name = getLang() === 'en' && typeof place.nameEn === 'string' && place.nameEn ? place.nameEn : place.name;
  return typeof name === 'string' && name ? name : String(id);
}

function stationCompare(a, b) {
  return String(a.id).localeCompare(String(b.id), undefined, { numeric: true });
}

function openAlertsByStation() {
  const counts = new Map();
  for (const a of state.alerts.values()) {
    if (a.state === 'resolved') continue;
    const key = String(a.stationId);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function fillStationItem(li, s, openCount) {
  const online = s.online === true;
  const current = validClass(s.currentClass);
  const target = validClass(s.targetClass);
  const overTarget = current && target && current > target;
  const kind = STATION_KINDS.includes(s.kind) ? s.kind : 'other';

  li.className = ['station-item', online ? 'is-online' : 'is-offline', overTarget ? 'is-over-target' : ''].filter(Boolean).join(' ');
  li.dataset.stationId = String(s.id);
  li.dataset.online = String(online);

  const where = [placeName(state.rivers, s.river), placeName(state.reaches, s.reach)]
    .filter((v) => v !== undefined && v !== null && v !== '').join(' · ');
  const altName = getLang() === 'en' && typeof s.nameEn === 'string' && s.nameEn && s.nameEn !== s.name ? s.nameEn : null;
  const seen = s.lastSeen
    ? el('span', { class: 'station-seen', dataset: { ageTs: s.lastSeen, agePrefix: 'lastSeen' }, title: formatTime(s.lastSeen) },
      t('lastSeen', { age: formatAge(s.lastSeen) }))
    : el('span', { class: 'station-seen' }, t('neverSeen'));

  li.replaceChildren(
    el('span', {
      class: 'station-online',
      dataset: { online: String(online) },
      title: online ? t('online') : t('offline'),
      role: 'img',
      'aria-label': online ? t('online') : t('offline'),
    }),
    el('div', { class: 'station-main' },
      el('div', { class: 'station-line' },
        el('span', { class: 'station-name', title: altName }, s.name ?? s.id),
        openCount ? el('span', { class: 'station-alerts', title: t('stationOpenAlerts', { n: openCount }) }, String(openCount)) : null),
      altName ? el('div', { class: 'station-alt-name' }, altName) : null,
      el('div', { class: 'station-meta' },
        el('span', { class: 'station-id num' }, String(s.id)),
        el('span', { class: ['station-kind', `kind-${kind}`] }, stationKindLabel(s.kind)),
        where ? el('span', { class: 'station-where' }, where) : null),
      el('div', { class: 'station-status' },
        online ? null : el('span', { class: 'offline-tag' }, t('offline')),
        seen)),
    el('span', {
      class: ['station-class', 'class-badge', current ? `cls-${current}` : 'cls-none'],
      dataset: { class: current ?? '' },
      title: t('classTitle', { current: classLabel(current), target: classLabel(target) }),
    }, classLabel(current)),
  );

  return [s.id, s.name, s.nameEn, where, stationKindLabel(s.kind)]
    .filter((v) => v !== undefined && v !== null)
    .join(' ')
    .toLowerCase();
}

function renderStations() {
  const list = $('#station-list');
  const sorted = [...state.stations.values()].sort(stationCompare);
  const openCounts = openAlertsByStation();
  const filter = state.stationFilter.trim().toLowerCase();
  const context = getLang();
  const keep = new Set();
  let online = 0;
  let visible = 0;

  sorted.forEach((s, index) => {
    const id = String(s.id);
    keep.add(id);
    if (s.online === true) online += 1;
    const openCount = openCounts.get(id) ?? 0;
    const sig = `${context}|${openCount}|${state.rivers.size}|${JSON.stringify(s)}`;
    let entry = stationItems.get(id);
    if (!entry) {
      entry = { li: el('li'), sig: '', haystack: '' };
      stationItems.set(id, entry);
    }
    if (entry.sig !== sig) {
      entry.haystack = fillStationItem(entry.li, s, openCount);
      entry.sig = sig;
    }
    const match = !filter || entry.haystack.includes(filter);
    entry.li.hidden = !match;
    if (match) visible += 1;
    if (list.children[index] !== entry.li) list.insertBefore(entry.li, list.children[index] ?? null);
  });

  for (const [id, entry] of stationItems) {
    if (!keep.has(id)) {
      entry.li.remove();
      stationItems.delete(id);
    }
  }

  $('#station-counts').textContent = t('stationCounts', { online, offline: sorted.length - online });
  show($('#stations-empty'), sorted.length > 0 && visible === 0);
}

/* ------------------------------------------------------------------ render scheduling */

function renderAll() {
  if (state.renderTimer) {
    clearTimeout(state.renderTimer);
    state.renderTimer = null;
  }
  renderAlerts();
  renderStations();
  relabelSilenceStations();
  paintSchematic(state.stations, state.alerts);
}

/** Asks whichever view shows one station to show this one. */
function openStation(id) {
  document.dispatchEvent(new CustomEvent('qingliu:open-station', { detail: { id } }));
}

/** Coalesces bursts (a resume replays many events) into one DOM pass. */
function scheduleRender() {
  if (state.renderTimer) return;
  state.renderTimer = setTimeout(() => {
    state.renderTimer = null;
    renderAll();
  }, 16);
}

/* ------------------------------------------------------------------ state changes */

function notifyCritical() {
  alarm.startFlash();
  alarm.beep();
}

function upsertAlert(a) {
  const id = String(a.id);
  const previous = state.alerts.get(id);
  if (isFinished(a)) state.alerts.delete(id);
  else state.alerts.set(id, a);
  return previous;
}

function applyAlertEvent(a, event) {
  if (!hasId(a)) return;
  const previous = upsertAlert(a);
  // New to us, raised to critical, or announced again because nobody acknowledged it: call the officer.
  if (isOpenCritical(a) && (!previous || previous.severity !== 'critical' || event === 'escalated')) notifyCritical();
  if (isOpenCritical(a) && event === 'escalated') showEscalation(a);
  scheduleRender();
}

function replaceAlerts(list, { notify }) {
  const before = state.alerts;
  state.alerts = new Map();
  let fresh = false;
  for (const a of Array.isArray(list) ? list : []) {
    if (!hasId(a) || isFinished(a)) continue;
    const id = String(a.id);
    state.alerts.set(id, a);
    const old = before.get(id);
    if (isOpenCritical(a) && (!old || old.severity !== 'critical')) fresh = true;
  }
  if (notify && fresh) notifyCritical();
}

function replaceStations(list) {
  state.stations = new Map();
  for (const s of Array.isArray(list) ? list : []) {
    if (hasId(s)) state.stations.set(String(s.id), s);
  }
}

function applySnapshot(msg) {
  // The first snapshot of a sign-in is the starting picture, not news; a later
  // one (after a gap too long to replay) may bring criticals we never saw.
  const notify = state.snapshotSeen;
  state.snapshotSeen = true;
  replaceAlerts(msg.alerts, { notify });
  replaceStations(msg.stations);
  renderAll();
}

function handleMessage(raw) {
  let msg;
  try {
    msg = JSON.parse(raw);
  } catch {
    console.warn('qingliu: ignoring a non-JSON frame');
    return;
  }
  if (!isObject(msg)) return;
  switch (msg.type) {
    case 'snapshot':
      applySnapshot(msg);
      break;
    case 'alert':
      applyAlertEvent(msg.alert, msg.event);
      break;
    case 'station':
      if (hasId(msg.station)) {
        state.stations.set(String(msg.station.id), msg.station);
        scheduleRender();
      }
      break;
    case 'resumed':
      // Alert events were replayed, station messages are not: fetch those.
      refreshStations(state.session);
      break;
    default:
      return;
  }
  if (typeof msg.seq === 'number' && Number.isFinite(msg.seq)) state.lastSeq = msg.seq;
}

/* ------------------------------------------------------------------ WebSocket */

function wsUrl() {
  const url = new URL('/ws', window.location.href);
  url.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  if (state.lastSeq !== null) url.searchParams.set('since', String(state.lastSeq));
  return url.toString();
}

function connectWs() {
  clearTimeout(state.reconnectTimer);
  state.reconnectTimer = null;
  const gen = ++state.wsGen;
  let ws;
  try {
    ws = new WebSocket(wsUrl());
  } catch (err) {
    console.warn('qingliu: WebSocket failed to start', err);
    scheduleReconnect();
    return;
  }
  state.ws = ws;
  ws.addEventListener('open', () => {
    if (gen !== state.wsGen) return;
    state.reconnectAttempt = 0;
    setConn('live');
  });
  ws.addEventListener('message', (event) => {
    if (gen !== state.wsGen) return;
    if (typeof event.data === 'string') handleMessage(event.data);
  });
  ws.addEventListener('close', (event) => {
    if (gen !== state.wsGen) return;
    state.ws = null;
    setConn('reconnecting');
    // Whatever the close code (a refused upgrade is just 1006), the reconnect
    // first asks /api/v1/session whether we are still logged in.
    scheduleReconnect();
  });
}

function scheduleReconnect() {
  if (state.reconnectTimer) return;
  const delay = RECONNECT_DELAYS_MS[Math.min(state.reconnectAttempt, RECONNECT_DELAYS_MS.length - 1)];
  state.reconnectAttempt += 1;
  const gen = state.wsGen;
  state.reconnectTimer = setTimeout(async () => {
    state.reconnectTimer = null;
    if (gen !== state.wsGen) return;
    // A refused upgrade only shows as close code 1006, so ask whether the
    // session is still alive before trying again.
    const alive = await stillLoggedIn();
    if (gen !== state.wsGen) return;
    if (alive === false) {
      sessionExpired();
      return;
    }
    connectWs(); // alive, or server unreachable (null): keep trying
  }, delay);
}

/**
 * true: logged in (the officer is refreshed); false: the server says not
 * authenticated; null: the server could not be asked.
 */
async function stillLoggedIn() {
  try {
    const answer = await api.session();
    if (!answer.authenticated) return false;
    if (state.user) {
      state.user = answer.officer;
      renderUser();
    }
    return true;
  } catch {
    return null;
  }
}

/** An API call answered 401: confirm with /api/v1/session, then leave the desk. */
async function onUnauthorized(session) {
  const alive = await stillLoggedIn();
  if (session === state.session && alive === false) sessionExpired();
}

function stopWs() {
  state.wsGen += 1; // orphan every handler of the current socket
  clearTimeout(state.reconnectTimer);
  state.reconnectTimer = null;
  if (state.ws) {
    try {
      state.ws.close(1000);
    } catch {
      // already closing
    }
  }
  state.ws = null;
}

/* ------------------------------------------------------------------ views */

function setView(loggedIn) {
  document.body.classList.toggle('logged-in', loggedIn);
  document.body.classList.toggle('logged-out', !loggedIn);
  show($('#login-view'), !loggedIn);
  show($('#desk'), loggedIn);
  for (const node of $$('.desk-only')) show(node, loggedIn);
}

function showLogin(messageKey) {
  setView(false);
  const error = $('#login-error');
  error.textContent = messageKey ? t(messageKey) : '';
  show(error, Boolean(messageKey));
  $('#login-password').value = '';
  $('#login-submit').disabled = false;
  const focusTarget = $('#login-username').value ? $('#login-password') : $('#login-username');
  focusTarget.focus();
}

async function loadInitial(session) {
  // The WebSocket snapshot is authoritative; REST only fills the screen in
  // case the socket is slow or blocked, and never overrides a snapshot.
  loadNetwork(session);
  try {
    const [stations, alerts] = await Promise.all([api.stations(), api.openAlerts()]);
    if (session !== state.session || state.snapshotSeen) return;
    replaceStations(stations);
    replaceAlerts(alerts, { notify: false });
    renderAll();
  } catch (err) {
    if (session !== state.session) return;
    if (err instanceof api.HttpError && err.status === 401) onUnauthorized(session);
    else console.warn('qingliu: initial load failed', err);
  }
}

/** River and reach names for the station list; the desk works without them. */
async function loadNetwork(session) {
  try {
    const network = await api.network();
    if (session !== state.session || !isObject(network)) return;
    const index = (list) => new Map((Array.isArray(list) ? list : []).filter(hasId).map((x) => [String(x.id), x]));
    state.rivers = index(network.rivers);
    state.reaches = index(network.reaches);
    const stations = (Array.isArray(network.stations) ? network.stations : []).filter(hasId);
    const names = new Map(stations.map((x) => [String(x.id), x.name ?? x.id]));
    startSilences(state.user, stations, (id, written) => stationNameOf(id, written ?? names.get(String(id))));
    buildSchematic($('#schematic'), network, openStation);
    renderFilterOptions();
    scheduleRender();
  } catch (err) {
    if (session === state.session && err instanceof api.HttpError && err.status === 401) onUnauthorized(session);
  }
}

/**
 * Station messages only come when a station's online state or class changes,
 * so "last seen" and the values are refreshed from the API every 30 s.
 */
async function refreshStations(session) {
  try {
    const list = await api.stations();
    if (session !== state.session || !Array.isArray(list)) return;
    replaceStations(list);
    scheduleRender();
  } catch (err) {
    if (session === state.session && err instanceof api.HttpError && err.status === 401) onUnauthorized(session);
  }
}

function startStationRefresh(session) {
  clearInterval(state.refreshTimer);
  state.refreshTimer = setInterval(() => refreshStations(session), STATION_REFRESH_MS);
}

function enterDesk(user) {
  leaveDesk();
  state.session += 1;
  state.user = user;
  setView(true);
  startViews(user);
  applyStaticI18n();
  renderAll();
  tick();
  loadInitial(state.session);
  startStationRefresh(state.session);
  connectWs();
}

function leaveDesk() {
  state.session += 1;
  stopViews();
  stopWs();
  stopSilences();
  clearInterval(state.refreshTimer);
  state.refreshTimer = null;
  setConn('reconnecting');
  if (state.renderTimer) clearTimeout(state.renderTimer);
  state.renderTimer = null;
  state.alerts = new Map();
  state.stations = new Map();
  state.lastSeq = null;
  state.snapshotSeen = false;
  state.reconnectAttempt = 0;
  state.user = null;
  const dialog = $('#ack-dialog');
  if (dialog.open) dialog.close();
  alarm.stopFlash();
  renderAll();
  renderUser();
}

function sessionExpired() {
  leaveDesk();
  showLogin('sessionExpired');
}

/* ------------------------------------------------------------------ login / logout */

async function onLoginSubmit(event) {
  event.preventDefault();
  alarm.unlockAudio();
  const username = $('#login-username').value.trim();
  const password = $('#login-password').value;
  const error = $('#login-error');
  const submit = $('#login-submit');
  show(error, false);
  if (!username || !password) {
    error.textContent = t('loginBad');
    show(error, true);
    return;
  }
  submit.disabled = true;
  try {
    await api.primeXsrf();
    const user = await api.login(username, password);
    // Login renews the session; fetch the token that belongs to the new one.
    await api.primeXsrf();
    enterDesk(isObject(user) ? user : { username, role: 'viewer' });
  } catch (err) {
    if (err instanceof api.HttpError) {
      error.textContent = err.status === 401 ? t('loginBad') : t('loginFailed', { status: err.status });
    } else {
      error.textContent = t('loginUnreachable');
    }
    show(error, true);
    $('#login-password').select();
  } finally {
    submit.disabled = false;
  }
}

async function onLogout() {
  try {
    await api.logout();
  } catch {
    // Leave the desk anyway; the session will expire on the server.
  }
  leaveDesk();
  showLogin();
}

/* ------------------------------------------------------------------ acknowledge dialog */

function openAckDialog(id) {
  const a = state.alerts.get(String(id));
  if (!a || !canAcknowledge()) return;
  state.ackAlertId = String(id);
  const summary = $('#ack-summary');
  summary.replaceChildren(
    el('span', { class: ['sev-badge', `sev-${knownSeverity(a.severity)}`] }, severityLabel(a.severity)),
    el('strong', { class: 'ack-summary-station' }, alertStation(a) ?? ''),
    el('span', null, paramLabel(a.parameter)),
    el('span', { class: 'num' }, valueText(a)),
    el('div', { class: 'ack-summary-message' }, alertMessage(a)),
  );
  $('#ack-comment').value = '';
  show($('#ack-error'), false);
  $('#ack-confirm').disabled = false;
  const dialog = $('#ack-dialog');
  if (!dialog.open) dialog.showModal();
  $('#ack-comment').focus();
}

async function onAckSubmit(event) {
  event.preventDefault();
  const id = state.ackAlertId;
  if (!id) return;
  const confirm = $('#ack-confirm');
  const error = $('#ack-error');
  const session = state.session;
  confirm.disabled = true;
  show(error, false);
  try {
    const updated = await api.ackAlert(id, $('#ack-comment').value);
    if (session !== state.session) return;
    if (hasId(updated)) {
      upsertAlert(updated);
      renderAll();
    }
    $('#ack-dialog').close();
  } catch (err) {
    if (session !== state.session) return;
    if (err instanceof api.HttpError) {
      if (err.status === 401) {
        $('#ack-dialog').close();
        onUnauthorized(session);
        return;
      }
      error.textContent = err.status === 409 ? t('ackConflict')
        : err.status === 403 ? t('ackForbidden')
          : t('ackFailed', { status: err.status });
    } else {
      error.textContent = t('ackNetwork');
    }
    show(error, true);
  } finally {
    confirm.disabled = false;
  }
}

/* ------------------------------------------------------------------ wiring */

function wire() {
  $('#login-form').addEventListener('submit', onLoginSubmit);
  $('#logout').addEventListener('click', onLogout);

  $('#lang-toggle').addEventListener('click', () => {
    setLang(getLang() === 'zh' ? 'en' : 'zh');
    applyStaticI18n();
    renderFilterOptions();
    renderAll();
    tick();
  });

  $('#mute-toggle').addEventListener('click', () => {
    alarm.setMuted(!alarm.isMuted());
    alarm.unlockAudio();
    renderMute();
  });

  $('#station-filter').addEventListener('input', (event) => {
    state.stationFilter = event.target.value;
    renderStations();
  });

  // One delegated listener: rows are rebuilt on updates.
  $('#alerts-body').addEventListener('click', (event) => {
    const button = event.target.closest('.ack-button');
    if (button) openAckDialog(button.dataset.alertId);
  });

  $('#ack-form').addEventListener('submit', onAckSubmit);
  wireSilences();
  wireTrail((id) => ({ alert: state.alerts.get(String(id)), user: state.user }));
  for (const [id, key] of [['#filter-river', 'river'], ['#filter-kind', 'kind'], ['#filter-severity', 'severity'],
    ['#filter-state', 'state']]) {
    $(id).addEventListener('change', (event) => {
      filters[key] = event.target.value;
      renderAlerts();
    });
  }
  $('#alerts-body').addEventListener('click', (event) => {
    const toggle = event.target.closest('.group-toggle');
    if (!toggle) return;
    const id = toggle.dataset.stationId;
    if (collapsed.has(id)) collapsed.delete(id);
    else collapsed.add(id);
    renderAlerts();
  });
  $('#ack-cancel').addEventListener('click', () => $('#ack-dialog').close());
  $('#ack-dialog').addEventListener('close', () => {
    state.ackAlertId = null;
  });

  // Any interaction unlocks audio (autoplay policy) and shows the officer is here.
  for (const type of ['pointerdown', 'keydown']) {
    document.addEventListener(type, () => {
      alarm.unlockAudio();
      if (alarm.isFlashing() && document.hasFocus()) alarm.stopFlash();
    }, { capture: true, passive: true });
  }

  // Back on the network: do not wait out the backoff.
  window.addEventListener('online', () => {
    if (state.user && !state.ws) {
      clearTimeout(state.reconnectTimer);
      state.reconnectTimer = null;
      state.reconnectAttempt = 0;
      scheduleReconnect();
    }
  });

  setInterval(tick, 1000);
}

async function boot() {
  setLang(getLang());
  applyStaticI18n();
  wire();
  tick();
  // /api/v1/session answers 200 either way and hands out the XSRF cookie.
  try {
    const answer = await api.session();
    if (answer.authenticated) {
      enterDesk(answer.officer);
      return;
    }
    showLogin();
  } catch (err) {
    showLogin(err instanceof api.HttpError ? null : 'loginUnreachable');
  }
}

boot();
