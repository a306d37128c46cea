// Station view: every parameter over 24 h / 7 d / 30 d as uPlot charts (buckets downsampled by the server, min-max
// band around the mean), the target class's limits as dashed lines, the station's alerts shaded on the time axis,
// links to its cameras, and its settings (an admin changes them here). Times are in the network's zone.

import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { el } from './dom.js';
import * as api from './api.js';
import {
  t, addTexts, getLang, paramLabel, paramUnit, classLabel, stationKindLabel, formatNumber, formatTimeIn,
} from './i18n.js';
import { alertTable } from './alerttable.js';
import { settingsSection } from './stationsettings.js';

addTexts({
  zh: {
    stationBack: '← 返回值班台', stationTarget: '目标 {cls} 类', stationZone: '时间：{zone}', stationLoading: '加载中…',
    stationFailed: '数据加载失败（{error}）。', stationNoData: '该时段没有数据。', stationCameras: '视频监控',
    stationNoCameras: '未配置摄像头', stationAlerts: '本时段告警', stationNoAlerts: '本时段没有告警。',
    range24h: '24 小时', range7d: '7 天', range30d: '30 天',
    chartTime: '时间', chartMin: '最小', chartAvg: '均值', chartMax: '最大',
    limitMax: '{cls}类上限 {v}', limitMin: '{cls}类下限 {v}', permitMax: '排放限值 {v}', chartBucket: '每点 {m} 分钟',
  },
  en: {
    stationBack: '← Back to the desk', stationTarget: 'target class {cls}', stationZone: 'Times: {zone}',
    stationLoading: 'Loading…', stationFailed: 'Could not load the data ({error}).',
    stationNoData: 'No data in this period.', stationCameras: 'Cameras', stationNoCameras: 'No camera configured',
    stationAlerts: 'Alerts in this period', stationNoAlerts: 'No alerts in this period.',
    range24h: '24 h', range7d: '7 days', range30d: '30 days',
    chartTime: 'Time', chartMin: 'min', chartAvg: 'mean', chartMax: 'max',
    limitMax: 'class {cls} max {v}', limitMin: 'class {cls} min {v}', permitMax: 'permit {v}',
    chartBucket: '{m} min per point',
  },
});

const RANGES = ['24h', '7d', '30d'];
const SEVERITY_RGB = { critical: '196,22,28', major: '217,98,11', minor: '229,179,0', warning: '31,102,209' };
// Cameras are linked, never embedded; only schemes a player opens (not javascript: or data:).
const LINK_SCHEMES = new Set(['http:', 'https:', 'rtsp:', 'rtmp:']);
const CHART_HEIGHT = 200;

export function render(host, id, params, signal, { user, redraw }) {
  const range = RANGES.includes(params.get('range')) ? params.get('range') : '24h';
  const plots = [];
  const status = el('p', { class: 'view-status' }, t('stationLoading'));
  const view = el('section', { class: 'view station-view', dataset: { stationId: id ?? '', range } },
    el('a', { class: 'view-back', href: '#' }, t('stationBack')),
    el('div', { class: 'view-head' },
      el('h2', { class: 'station-title' }, id ?? ''),
      el('nav', { class: 'range-switch', 'aria-label': t('navLabel') }, RANGES.map((r) => el('a', {
        class: 'btn btn-ghost range-link',
        href: `#station/${encodeURIComponent(id ?? '')}?range=${r}`,
        dataset: { range: r },
        'aria-current': r === range ? 'page' : null,
      }, t(`range${r}`))))),
    status);
  host.replaceChildren(view);

  api.stationChart(id, range).then((data) => {
    if (signal.aborted) return;
    status.remove();
    fill(view, data, plots);
    view.append(settingsSection(id, user, data.zone, redraw));
  }).catch((err) => {
    if (signal.aborted) return;
    const error = err instanceof api.HttpError ? `HTTP ${err.status}` : err.message;
    status.textContent = t('stationFailed', { error });
  });

  const onResize = () => {
    for (const { plot, box } of plots) plot.setSize({ width: box.clientWidth, height: CHART_HEIGHT });
  };
  window.addEventListener('resize', onResize);
  return () => {
    window.removeEventListener('resize', onResize);
    for (const { plot } of plots) plot.destroy();
  };
}

function fill(view, data, plots) {
  const s = data.station ?? {};
  const zone = data.zone;
  const name = getLang() === 'en' && s.nameEn ? s.nameEn : s.name;
  view.querySelector('.station-title').textContent = name ?? s.id ?? '';
  view.querySelector('.view-head').after(
    el('p', { class: 'station-meta-line' },
      [s.id, stationKindLabel(s.kind), s.targetClass ? t('stationTarget', { cls: classLabel(s.targetClass) }) : null,
        t('stationZone', { zone }), t('chartBucket', { m: Math.round(data.bucketSeconds / 60) })]
        .filter(Boolean).join(' · ')),
    cameras(data.cameras ?? []));

  const grid = el('div', { class: 'chart-grid' });
  view.append(grid);
  const alerts = Array.isArray(data.alerts) ? data.alerts : [];
  const params = Object.keys(data.series ?? {}).filter((p) => data.series[p].avg.some((v) => v !== null));
  if (params.length === 0) grid.append(el('p', { class: 'view-status' }, t('stationNoData')));
  for (const param of params) {
    const mine = alerts.filter((a) => !a.parameter || a.parameter === param);
    grid.append(chartCard(param, data, lines(data.limits?.[param], s.targetClass), mine, plots));
  }

  view.append(el('h3', { class: 'view-subhead' }, t('stationAlerts')),
    alerts.length ? alertTable(alerts, zone) : el('p', { class: 'view-status' }, t('stationNoAlerts')));
}

function cameras(list) {
  if (list.length === 0) return el('p', { class: 'station-cameras muted' }, t('stationNoCameras'));
  return el('p', { class: 'station-cameras' }, `${t('stationCameras')}: `, list.map((c) => {
    let href = null;
    try {
      const url = new URL(String(c.streamUrl ?? ''));
      if (LINK_SCHEMES.has(url.protocol)) href = url.href;
    } catch {
      // not a URL: shown as text
    }
    const label = String(c.name ?? c.id ?? '');
    return href
      ? el('a', {
        class: 'camera-link', href, target: '_blank', rel: 'noopener noreferrer', title: href, dataset: { cameraId: c.id },
      }, label)
      : el('span', { class: 'camera-link' }, label);
  }));
}

/** The dashed lines of one parameter: [{label, value}]. */
function lines(limit, targetClass) {
  if (!limit) return [];
  const cls = classLabel(targetClass);
  const out = [];
  if (typeof limit.min === 'number') {
    out.push({ label: t('limitMin', { cls, v: formatNumber(limit.min) }), value: limit.min });
  }
  if (typeof limit.max === 'number') {
    const key = targetClass ? 'limitMax' : 'permitMax';
    out.push({ label: t(key, { cls, v: formatNumber(limit.max) }), value: limit.max });
  }
  return out;
}

function chartCard(param, data, limitLines, alerts, plots) {
  const series = data.series[param];
  const ts = data.ts;
  const unit = paramUnit(param);
  const box = el('div', { class: 'chart-box' });
  const card = el('section', {
    class: 'chart-card',
    dataset: {
      param,
      points: series.avg.filter((v) => v !== null).length,
      limitLines: limitLines.length,
      alertMarks: alerts.length,
    },
  },
  el('h3', { class: 'chart-title' }, paramLabel(param), unit ? el('span', { class: 'chart-unit' }, ` (${unit})`) : null),
  box);
  // uPlot measures its container, so the card must be in the page before the plot is made.
  queueMicrotask(() => {
    if (!card.isConnected) return;
    const from = Date.parse(data.from) / 1000;
    const to = Date.parse(data.to) / 1000;
    const plot = new uPlot({
      width: Math.max(box.clientWidth, 280),
      height: CHART_HEIGHT,
      tzDate: (sec) => uPlot.tzDate(new Date(sec * 1000), data.zone),
      scales: { x: { time: true, range: [from, to] } },
      axes: [{ values: axisLabels(data.zone, to - from) }, {}],
      series: [
        { label: t('chartTime'), value: (u, sec) => (sec == null ? '—' : formatTimeIn(sec * 1000, data.zone)) },
        { label: t('chartMin'), stroke: 'rgba(15,95,115,.45)', width: 1 },
        { label: t('chartAvg'), stroke: '#0f5f73', width: 2 },
        { label: t('chartMax'), stroke: 'rgba(15,95,115,.45)', width: 1 },
        ...limitLines.map((l) => ({
          label: l.label, stroke: '#c4161c', width: 1.5, dash: [6, 4], points: { show: false },
        })),
      ],
      bands: [{ series: [3, 1], fill: 'rgba(15,95,115,.12)' }],
      plugins: [alertShading(alerts, to)],
    }, plotData(ts, series, limitLines, from, to), box);
    plots.push({ plot, box });
  });
  return card;
}

/**
 * uPlot's columns: time, min, mean, max, then one constant column per limit. Limit lines span the whole window, so the
 * window's edges are added as points without readings where the data starts late or ends early.
 */
function plotData(ts, series, limitLines, from, to) {
  const head = ts.length === 0 || ts[0] > from ? [from] : [];
  const tail = ts.length === 0 || ts[ts.length - 1] < to ? [to] : [];
  const none = (edge) => edge.map(() => null);
  const x = [...head, ...ts, ...tail];
  return [x, ...[series.min, series.avg, series.max].map((col) => [...none(head), ...col, ...none(tail)]),
    ...limitLines.map((l) => x.map(() => l.value))];
}

/** Time-axis labels in the station's zone: hours within a day, the date at midnight and on longer ranges. */
function axisLabels(zone, spanSec) {
  const locale = getLang() === 'zh' ? 'zh-CN' : 'en-GB';
  const hm = new Intl.DateTimeFormat(locale, { timeZone: zone, hour: '2-digit', minute: '2-digit', hour12: false });
  const md = new Intl.DateTimeFormat(locale, { timeZone: zone, month: '2-digit', day: '2-digit' });
  return (u, splits) => splits.map((sec) => {
    const ms = sec * 1000;
    const time = hm.format(ms);
    return spanSec > 2 * 86400 || time === '00:00' ? md.format(ms) : time;
  });
}

/** Shades each alert's span (opened → resolved, or to now) in its severity colour, with a solid edge where it opened. */
function alertShading(alerts, nowSec) {
  return {
    hooks: {
      drawAxes: [(u) => {
        const { ctx } = u;
        const { top, height } = u.bbox;
        ctx.save();
        for (const a of alerts) {
          const rgb = SEVERITY_RGB[a.severity] ?? '90,103,115';
          const start = Math.max(Date.parse(a.openedAt) / 1000, u.scales.x.min);
          const end = Math.min(a.resolvedAt ? Date.parse(a.resolvedAt) / 1000 : nowSec, u.scales.x.max);
          if (!(end >= start)) continue;
          const x0 = u.valToPos(start, 'x', true);
          const x1 = u.valToPos(end, 'x', true);
          ctx.fillStyle = `rgba(${rgb},.13)`;
          ctx.fillRect(x0, top, Math.max(x1 - x0, 2), height);
          ctx.fillStyle = `rgb(${rgb})`;
          ctx.fillRect(x0 - 1, top, 2, height);
        }
        ctx.restore();
      }],
    },
  };
}
