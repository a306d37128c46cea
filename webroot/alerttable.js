// Alert tables shared by the history, handover and station views. Everything is text (dom.js).

import { el } from './dom.js';
import {
  t, addTexts, severityLabel, alertKindLabel, alertStateLabel, paramLabel, paramUnit, formatNumber, formatTimeIn,
  alertMessage,
} from './i18n.js';

addTexts({
  zh: {
    colOpened: '发生时间', colResolved: '恢复时间', colAckBy: '确认人', colComment: '处置说明', colAt: '时间',
    colActor: '值班员', colAction: '操作', actionAcknowledged: '确认', actionResolved: '关闭',
  },
  en: {
    colOpened: 'Opened', colResolved: 'Resolved', colAckBy: 'Acknowledged by', colComment: 'Comment', colAt: 'Time',
    colActor: 'Officer', colAction: 'Action', actionAcknowledged: 'Acknowledged', actionResolved: 'Resolved',
  },
});

const SEVERITIES = ['critical', 'major', 'minor', 'warning'];
const sev = (s) => (SEVERITIES.includes(s) ? s : 'unknown');

/** "1.32 / 1.0 mg/L": the value against its limit. */
export function valueText(a) {
  if (typeof a.value !== 'number') return '—';
  const unitRaw = a.unit ?? paramUnit(a.parameter);
  // The API lists pH's unit as "–": no unit to print.
  const unit = unitRaw && unitRaw !== '–' && unitRaw !== '-' ? ` ${unitRaw}` : '';
  const limit = typeof a.limit === 'number' ? formatNumber(a.limit) : '—';
  return `${formatNumber(a.value)} / ${limit}${unit}`;
}

const severityCell = (a) => el('td', null, el('span', { class: ['sev-badge', `sev-${sev(a.severity)}`] },
  severityLabel(a.severity)));

function table(className, heads, rows) {
  return el('div', { class: 'table-scroll view-table-scroll' },
    el('table', { class: ['alerts-table', 'view-table', className] },
      el('thead', null, el('tr', null, heads.map((h) => el('th', { scope: 'col' }, t(h))))),
      el('tbody', null, rows)));
}

/** One row per alert: when, where, what, how bad, who acknowledged it. */
export function alertTable(alerts, zone) {
  return table('alert-list', ['colOpened', 'colResolved', 'colStation', 'colParam', 'colKind', 'colSeverity',
    'colState', 'colValue', 'colAckBy', 'colComment', 'colMessage'], alerts.map((a) => el('tr', {
    class: ['history-row', `sev-${sev(a.severity)}`], dataset: { alertId: a.id, state: a.state },
  },
  el('td', { class: 'num' }, formatTimeIn(a.openedAt, zone)),
  el('td', { class: 'num' }, a.resolvedAt ? formatTimeIn(a.resolvedAt, zone) : '—'),
  el('td', { class: 'alert-station', title: String(a.stationId ?? '') }, a.stationName ?? a.stationId ?? '—'),
  el('td', null, paramLabel(a.parameter)),
  el('td', null, alertKindLabel(a.kind)),
  severityCell(a),
  el('td', null, alertStateLabel(a.state)),
  el('td', { class: 'num' }, valueText(a)),
  el('td', { class: 'history-ack-by' },
    a.acknowledgedBy ? `${a.acknowledgedBy} · ${formatTimeIn(a.acknowledgedAt, zone)}` : '—'),
  el('td', { class: 'history-comment' }, a.ackComment ?? ''),
  el('td', { class: 'alert-message' }, alertMessage(a)))));
}

/** Officers' actions: who acknowledged or closed which alert, when, saying what. */
export function actionTable(actions, zone) {
  return table('action-list', ['colAt', 'colActor', 'colAction', 'colStation', 'colParam', 'colSeverity',
    'colComment'], actions.map((x) => el('tr', { class: 'action-row', dataset: { alertId: x.alert?.id } },
    el('td', { class: 'num' }, formatTimeIn(x.at, zone)),
    el('td', { class: 'action-actor' }, x.actor ?? ''),
    el('td', null, x.event === 'acknowledged' ? t('actionAcknowledged') : x.event === 'resolved' ? t('actionResolved')
      : String(x.event ?? '')),
    el('td', { class: 'alert-station' }, x.alert?.stationName ?? x.alert?.stationId ?? '—'),
    el('td', null, paramLabel(x.alert?.parameter)),
    severityCell(x.alert ?? {}),
    el('td', { class: 'action-comment' }, x.comment ?? ''))));
}
