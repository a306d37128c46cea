// Alert history: search past alerts by period, station, kind, severity and state; export what was found as CSV.
// The search lives in the URL (#history?range=7d&station=S1…), so a result can be bookmarked or passed on.

import { el } from './dom.js';
import * as api from './api.js';
import { t, addTexts, severityLabel, alertKindLabel, alertStateLabel } from './i18n.js';
import { alertTable } from './alerttable.js';

addTexts({
  zh: {
    historyHeading: '告警历史', historyPeriod: '时段', historyCustom: '自定义日期', historyFrom: '起', historyTo: '止',
    historyStation: '站点', historyKind: '类型', historySeverity: '级别', historyState: '状态', historyAny: '全部',
    historySearch: '查询', historyExport: '导出 CSV', historyCount: '共 {n} 条', historyTruncated: '（仅显示前 {n} 条）',
    historyEmpty: '没有符合条件的告警。', historyFailed: '查询失败（{error}）。', historyLoading: '查询中…',
    historyDatesNote: '日期按站点当地时间（{zone}）计。',
  },
  en: {
    historyHeading: 'Alert history', historyPeriod: 'Period', historyCustom: 'Dates', historyFrom: 'From',
    historyTo: 'To', historyStation: 'Station', historyKind: 'Kind', historySeverity: 'Severity', historyState: 'State',
    historyAny: 'Any', historySearch: 'Search', historyExport: 'Export CSV', historyCount: '{n} alert(s)',
    historyTruncated: ' (first {n} shown)', historyEmpty: 'No alert matches.', historyFailed: 'Search failed ({error}).',
    historyLoading: 'Searching…', historyDatesNote: 'Dates are station local time ({zone}).',
  },
});

const PERIODS = ['24h', '7d', '30d', 'custom'];
const KINDS = ['exceedance', 'offline', 'device', 'event', 'sensor'];
const SEVERITIES = ['critical', 'major', 'minor', 'warning'];
const STATES = ['open', 'acknowledged', 'resolved'];
const FILTERS = ['station', 'kind', 'severity', 'state'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Milliseconds the zone is ahead of UTC at instant ms. */
function zoneOffset(ms, zone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
    hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(ms).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** Midnight starting a calendar day (YYYY-MM-DD) in the zone, as an ISO instant. */
function dayStart(date, zone, plusDays = 0) {
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d + plusDays);
  return new Date(guess - zoneOffset(guess, zone)).toISOString();
}

/** The API query the URL's search stands for. */
function apiQuery(params, zone) {
  const q = {};
  const from = params.get('from');
  const to = params.get('to');
  if (params.get('range') === 'custom' && DATE.test(from ?? '') && DATE.test(to ?? '')) {
    q.from = dayStart(from, zone);
    q.to = dayStart(to, zone, 1); // the "to" day is included
  } else {
    q.range = PERIODS.includes(params.get('range')) && params.get('range') !== 'custom' ? params.get('range') : '7d';
  }
  for (const f of FILTERS) if (params.get(f)) q[f] = params.get(f);
  return q;
}

function select(name, label, values, labelOf, current) {
  return el('label', { class: 'field field-inline' }, el('span', null, label),
    el('select', { name, id: `history-${name}` },
      el('option', { value: '' }, t('historyAny')),
      values.map((v) => el('option', { value: v, selected: v === current }, labelOf(v)))));
}

export function render(host, _arg, params, signal) {
  const period = PERIODS.includes(params.get('range')) ? params.get('range') : '7d';
  const stationSelect = select('station', t('historyStation'), [], String, null);
  const form = el('form', { class: 'view-form history-form', id: 'history-form' },
    el('label', { class: 'field field-inline' }, el('span', null, t('historyPeriod')),
      el('select', { name: 'range', id: 'history-range' }, PERIODS.map((p) => el('option', {
        value: p, selected: p === period,
      }, p === 'custom' ? t('historyCustom') : t(`range${p}`))))),
    el('label', { class: 'field field-inline history-date', hidden: period !== 'custom' },
      el('span', null, t('historyFrom')), el('input', { type: 'date', name: 'from', value: params.get('from') ?? '' })),
    el('label', { class: 'field field-inline history-date', hidden: period !== 'custom' },
      el('span', null, t('historyTo')), el('input', { type: 'date', name: 'to', value: params.get('to') ?? '' })),
    stationSelect,
    select('kind', t('historyKind'), KINDS, alertKindLabel, params.get('kind')),
    select('severity', t('historySeverity'), SEVERITIES, severityLabel, params.get('severity')),
    select('state', t('historyState'), STATES, alertStateLabel, params.get('state')),
    el('button', { type: 'submit', class: 'btn btn-primary', id: 'history-search' }, t('historySearch')));
  const exportLink = el('a', { class: 'btn btn-ghost', id: 'history-export', download: 'qingliu-alerts.csv' },
    t('historyExport'));
  const note = el('p', { class: 'view-note muted' });
  const results = el('div', { class: 'history-results', id: 'history-results' },
    el('p', { class: 'view-status' }, t('historyLoading')));
  host.replaceChildren(el('section', { class: 'view history-view' },
    el('div', { class: 'view-head' }, el('h2', null, t('historyHeading')), exportLink), form, note, results));

  form.elements.range.addEventListener('change', (event) => {
    for (const f of form.querySelectorAll('.history-date')) f.hidden = event.target.value !== 'custom';
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v) next.set(k, v);
    if (next.get('range') !== 'custom') {
      next.delete('from');
      next.delete('to');
    }
    const hash = `#history?${next}`;
    // Searching the same thing again still reloads it.
    if (window.location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
    else window.location.hash = hash;
  });

  Promise.all([api.network(), api.stations()]).then(([network, stations]) => {
    if (signal.aborted) return;
    const zone = network?.timezone || 'Asia/Shanghai';
    note.textContent = t('historyDatesNote', { zone });
    const sel = stationSelect.querySelector('select');
    for (const s of Array.isArray(stations) ? stations : []) {
      sel.append(el('option', { value: s.id, selected: s.id === params.get('station') }, `${s.name ?? s.id} (${s.id})`));
    }
    const q = apiQuery(params, zone);
    exportLink.href = api.alertHistoryCsvUrl(q);
    return api.alertHistory(q).then((body) => {
      if (signal.aborted) return;
      const alerts = Array.isArray(body.alerts) ? body.alerts : [];
      results.replaceChildren(
        el('p', { class: 'view-status', id: 'history-count' }, t('historyCount', { n: alerts.length }),
          body.truncated ? t('historyTruncated', { n: alerts.length }) : ''),
        alerts.length ? alertTable(alerts, body.zone) : el('p', { class: 'view-status' }, t('historyEmpty')));
    });
  }).catch((err) => {
    if (signal.aborted) return;
    results.replaceChildren(el('p', { class: 'view-status form-error' }, t('historyFailed', {
      error: err instanceof api.HttpError ? `HTTP ${err.status}` : err.message,
    })));
  });
}
