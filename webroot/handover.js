// Shift handover: one printable page on the last N hours: what fired, what is still open, who acknowledged or
// closed what. The server's clock sets the window.

import { el } from './dom.js';
import * as api from './api.js';
import { t, addTexts, formatTimeIn } from './i18n.js';
import { alertTable, actionTable } from './alerttable.js';

addTexts({
  zh: {
    handoverHeading: '交接班记录', handoverHours: '时长', handoverHoursN: '最近 {n} 小时', handoverPrint: '打印',
    handoverWindow: '{from} 至 {to}（{zone}）', handoverFired: '本班新发告警', handoverOpen: '仍未处理的告警',
    handoverActions: '确认与关闭记录', handoverNone: '无。', handoverLoading: '加载中…',
    handoverFailed: '加载失败（{error}）。',
    handoverCounts: '新发 {fired} 条 · 未处理 {open} 条（其中未确认 {unacked} 条）· 值班操作 {actions} 次',
  },
  en: {
    handoverHeading: 'Shift handover', handoverHours: 'Period', handoverHoursN: 'last {n} h', handoverPrint: 'Print',
    handoverWindow: '{from} to {to} ({zone})', handoverFired: 'Fired during the shift',
    handoverOpen: 'Still open', handoverActions: 'Acknowledged and closed', handoverNone: 'None.',
    handoverLoading: 'Loading…', handoverFailed: 'Could not load ({error}).',
    handoverCounts: '{fired} fired · {open} open ({unacked} unacknowledged) · {actions} officer action(s)',
  },
});

const HOURS = [4, 8, 12, 24];

function section(id, heading, list, table) {
  return el('section', { class: 'handover-section', id },
    el('h3', { class: 'view-subhead' }, heading, ` (${list.length})`),
    list.length ? table : el('p', { class: 'view-status' }, t('handoverNone')));
}

export function render(host, _arg, params, signal) {
  const asked = Number(params.get('hours'));
  const hours = HOURS.includes(asked) ? asked : 8;
  const body = el('div', { class: 'handover-body' }, el('p', { class: 'view-status' }, t('handoverLoading')));
  host.replaceChildren(el('section', { class: 'view handover-view' },
    el('div', { class: 'view-head' },
      el('h2', null, t('handoverHeading')),
      el('label', { class: 'field field-inline no-print' }, el('span', null, t('handoverHours')),
        el('select', {
          id: 'handover-hours',
          onchange: (event) => { window.location.hash = `#handover?hours=${event.target.value}`; },
        }, HOURS.map((n) => el('option', { value: n, selected: n === hours }, t('handoverHoursN', { n }))))),
      el('button', { type: 'button', class: 'btn btn-primary no-print', onclick: () => window.print() },
        t('handoverPrint'))),
    body));

  api.handover(hours).then((h) => {
    if (signal.aborted) return;
    const fired = h.fired ?? [];
    const open = h.open ?? [];
    const actions = h.actions ?? [];
    body.replaceChildren(
      el('p', { class: 'handover-window num' }, t('handoverWindow', {
        from: formatTimeIn(h.from, h.zone), to: formatTimeIn(h.to, h.zone), zone: h.zone,
      })),
      el('p', { class: 'handover-counts', id: 'handover-counts' }, t('handoverCounts', {
        fired: fired.length, open: open.length, unacked: open.filter((a) => !a.acknowledged).length,
        actions: actions.length,
      })),
      section('handover-fired', t('handoverFired'), fired, alertTable(fired, h.zone)),
      section('handover-open', t('handoverOpen'), open, alertTable(open, h.zone)),
      section('handover-actions', t('handoverActions'), actions, actionTable(actions, h.zone)));
  }).catch((err) => {
    if (signal.aborted) return;
    body.replaceChildren(el('p', { class: 'view-status form-error' }, t('handoverFailed', {
      error: err instanceof api.HttpError ? `HTTP ${err.status}` : err.message,
    })));
  });
}
