// Silences (maintenance windows), muted alerts and escalation banners on the desk. Everything shown comes through
// el()/textContent: silence reasons and station names are typed by people.

import { el, $, show } from './dom.js';
import * as api from './api.js';
import { t, formatTime, alertKindLabel, paramLabel } from './i18n.js';

const REFRESH_MS = 60000;
let refreshTimer = null;
/** A station's name by its id, and the name an alert was written with, if any (app.js: the live one). */
let stationName = (id, written) => written ?? id;

/** Why an alert pages nobody, as a small note for its row; null when it pages normally. */
export function mutedNote(a) {
  if (typeof a.muted !== 'string' || !a.muted) return null;
  const text = a.muted === 'offline' ? t('mutedOffline') : t('mutedSilence');
  return el('span', { class: 'muted-note', title: a.muted }, text);
}

/** An unacknowledged alert announced again: a banner that stays until the officer dismisses it. */
export function showEscalation(a) {
  const banner = $('#escalation-banner');
  $('#escalation-text').textContent = t('escalated', {
    station: stationName(a.stationId, a.stationName) ?? '',
    count: Number.isInteger(a.escalations) ? a.escalations : 1,
  });
  show(banner, true);
}

function renderSilences(list, canEdit) {
  const ul = $('#silence-list');
  ul.replaceChildren(...list.map((s) => el('li', { class: 'silence-item', dataset: { stationId: s.stationId ?? '' } },
    el('div', { class: 'silence-what' },
      el('strong', { class: 'silence-station' }, s.stationId ? stationName(s.stationId) : t('silenceAllStations')),
      s.kind ? el('span', null, ` · ${alertKindLabel(s.kind)}`) : null,
      s.parameter ? el('span', null, ` · ${paramLabel(s.parameter)}`) : null),
    el('div', { class: 'silence-reason' }, s.reason ?? ''),
    el('div', { class: 'silence-meta' },
      t('silenceMeta', { by: s.createdBy ?? '', from: formatTime(s.startsAt), until: formatTime(s.endsAt) })),
    canEdit ? el('button', { type: 'button', class: 'btn btn-ghost silence-cancel', dataset: { silenceId: s.id } },
      t('silenceCancel')) : null)));
  show($('#silences-empty'), list.length === 0);
}

export async function refreshSilences(canEdit) {
  try {
    const list = await api.silences();
    renderSilences(Array.isArray(list) ? list : [], canEdit);
  } catch (err) {
    console.warn('qingliu: could not load silences', err);
  }
}

const stationChoice = (id) => `${stationName(id)} (${id})`;

/** Starts the silences panel for a signed-in officer; only an admin gets the form and the cancel buttons. */
export function startSilences(user, stations, names) {
  stopSilences();
  stationName = names;
  const canEdit = user && user.role === 'admin';
  show($('#silence-form'), Boolean(canEdit));
  const select = $('#silence-station');
  select.replaceChildren(el('option', { value: '' }, t('silenceAllStations')),
    ...stations.map((s) => el('option', { value: s.id }, stationChoice(s.id))));
  refreshSilences(canEdit);
  refreshTimer = setInterval(() => refreshSilences(canEdit), REFRESH_MS);
}

/**
 * Relabels the form's station choices and the existing silences from the live names (app.js calls it on every
 * render, which every change to its station list goes through): the stations are the network's, only their names
 * change, and relabelling in place keeps the officer's choice where rebuilding the list would drop it. Only changed
 * labels are written.
 */
export function relabelSilenceStations() {
  for (const option of $('#silence-station').options) {
    if (option.value) relabel(option, stationChoice(option.value));
  }
  for (const item of $('#silence-list').children) {
    if (item.dataset.stationId) relabel(item.querySelector('.silence-station'), stationName(item.dataset.stationId));
  }
}

function relabel(node, label) {
  if (node.textContent !== label) node.textContent = label;
}

export function stopSilences() {
  clearInterval(refreshTimer);
  refreshTimer = null;
}

async function onCreate(event) {
  event.preventDefault();
  const error = $('#silence-error');
  show(error, false);
  const minutes = Number($('#silence-minutes').value);
  try {
    await api.createSilence({
      stationId: $('#silence-station').value || undefined,
      reason: $('#silence-reason').value,
      minutes,
    });
    $('#silence-reason').value = '';
    refreshSilences(true);
  } catch (err) {
    // The server says what was wrong (e.g. a reason is required); show its words, as text.
    const detail = err instanceof api.HttpError && err.body && typeof err.body.error === 'string' ? err.body.error : null;
    error.textContent = detail ?? t('silenceFailed');
    show(error, true);
  }
}

export function wireSilences() {
  $('#silence-form').addEventListener('submit', onCreate);
  $('#silence-list').addEventListener('click', async (event) => {
    const button = event.target.closest('.silence-cancel');
    if (!button) return;
    button.disabled = true;
    try {
      await api.cancelSilence(button.dataset.silenceId);
    } finally {
      refreshSilences(true);
    }
  });
  $('#escalation-dismiss').addEventListener('click', () => show($('#escalation-banner'), false));
}

/* ------------------------------------------------------------------ an alert's log: trail, comment, assign */

let trailAlert = null;
let trailUser = null;

/** The small button that opens an alert's log; every role may read it. */
export function trailButton(a) {
  return el('button', { type: 'button', class: 'btn btn-ghost trail-button', dataset: { alertId: a.id } },
    t('trailButton'));
}

async function loadTrail() {
  const list = $('#trail-list');
  try {
    const events = await api.alertTrail(trailAlert.id);
    list.replaceChildren(...(Array.isArray(events) ? events : []).map((e) => el('li', { class: 'trail-event' },
      el('span', { class: 'trail-when' }, formatTime(e.at)),
      el('strong', null, ` ${t(`trail.${e.event}`)} `),
      el('span', { class: 'trail-actor' }, e.actor ?? ''),
      e.comment ? el('div', { class: 'trail-text' }, e.comment) : null)));
  } catch (err) {
    list.replaceChildren(el('li', null, t('trailFailed')));
  }
}

function renderTrailSummary(a) {
  trailAlert = a;
  const summary = $('#trail-summary');
  summary.replaceChildren(el('strong', null, stationName(a.stationId, a.stationName) ?? ''));
  if (a.assignee) summary.append(el('div', { class: 'trail-assignee' }, t('trailAssignee', { name: a.assignee })));
}

/** Opens the log of {@code a} for {@code user}; officers and admins may comment and take the alert. */
export function openTrail(a, user) {
  trailUser = user;
  renderTrailSummary(a);
  show($('#trail-actions'), Boolean(user && user.role !== 'viewer'));
  show($('#trail-error'), false);
  $('#trail-comment').value = '';
  $('#trail-list').replaceChildren();
  const dialog = $('#trail-dialog');
  if (!dialog.open) dialog.showModal();
  loadTrail();
}

async function act(call) {
  const error = $('#trail-error');
  show(error, false);
  try {
    await call();
    await loadTrail();
  } catch (err) {
    const detail = err instanceof api.HttpError && err.body && typeof err.body.error === 'string' ? err.body.error : null;
    error.textContent = detail ?? t('trailFailed');
    show(error, true);
  }
}

export function wireTrail(currentAlert) {
  $('#alerts-body').addEventListener('click', (event) => {
    const button = event.target.closest('.trail-button');
    if (!button) return;
    const { alert, user } = currentAlert(button.dataset.alertId);
    if (alert) openTrail(alert, user);
  });
  $('#trail-add').addEventListener('click', () => act(async () => {
    await api.commentAlert(trailAlert.id, $('#trail-comment').value);
    $('#trail-comment').value = '';
  }));
  $('#trail-assign').addEventListener('click', () => act(async () => {
    renderTrailSummary(await api.assignAlert(trailAlert.id, trailUser.username));
  }));
  $('#trail-close').addEventListener('click', () => $('#trail-dialog').close());
}
