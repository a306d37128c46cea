// Fingerprint tracing on the duty page: for a fluorescence alert, the ranked suspects, the sample / baseline / best
// reference spectra side by side as heat maps, the cameras covering each outfall and the suspect's match history.
// Everything from the server reaches the page through dom.js (textContent / setAttribute), never as HTML.

import { el, $ } from './dom.js';
import { getJson } from './api.js';
import { getLang, formatTime } from './i18n.js';

const TEXT = {
  zh: {
    open: '溯源', title: '荧光指纹溯源', close: '关闭', verdictEnterprise: '疑似来源', verdictUnknown: '来源不明（指纹库中无匹配）',
    rank: '排名', enterprise: '企业', outfall: '排口', distance: '上游距离', travel: '流经时间', share: '占比',
    similarity: '相似度', confidence: '置信度', cameras: '监控', none: '无', sample: '样品', baseline: '基线（最近正常）',
    reference: '最佳参考指纹', history: '近 30 天匹配记录', historyEmpty: '无其他匹配', loading: '加载中…',
    failed: '加载失败', matches: '次', ex: '激发 Ex', em: '发射 Em', max: '最大值',
  },
  en: {
    open: 'Trace', title: 'Fluorescence fingerprint trace', close: 'Close', verdictEnterprise: 'Suspected source',
    verdictUnknown: 'Unknown source (nothing in the library matches)', rank: '#', enterprise: 'Enterprise',
    outfall: 'Outfall', distance: 'Upstream', travel: 'Travel', share: 'Share', similarity: 'Similarity',
    confidence: 'Confidence', cameras: 'Cameras', none: 'none', sample: 'Sample', baseline: 'Baseline (latest normal)',
    reference: 'Best reference', history: 'Matches in the last 30 days', historyEmpty: 'no other matches',
    loading: 'Loading…', failed: 'Could not load', matches: 'matches', ex: 'Ex', em: 'Em', max: 'max',
  },
};

const tr = (key) => (TEXT[getLang()] ?? TEXT.zh)[key] ?? key;

/**
 * A "Trace" button for a fluorescence alert that carries a trace; null for any other alert. {@code nameOf} names
 * the alert's station (app.js: the live name, so a rename since the alert was written shows).
 */
export function traceButton(alert, nameOf) {
  if (alert?.kind !== 'fluorescence' || !alert.detail || typeof alert.detail !== 'object') return null;
  return el('button', { type: 'button', class: 'btn btn-ghost trace-open',
    onclick: () => openTrace(alert, nameOf(alert)) }, tr('open'));
}

function dialog() {
  let d = $('#trace-dialog');
  if (!d) {
    ensureStylesheet();
    d = el('dialog', { id: 'trace-dialog', class: 'trace-dialog', 'aria-labelledby': 'trace-title' });
    document.body.appendChild(d);
  }
  return d;
}

function ensureStylesheet() {
  if ($('link[href="trace.css"]')) return;
  document.head.appendChild(el('link', { rel: 'stylesheet', href: 'trace.css' }));
}

function openTrace(alert, station) {
  const d = dialog();
  const detail = alert.detail;
  const candidates = Array.isArray(detail.candidates) ? detail.candidates : [];
  const maps = el('div', { class: 'trace-maps' });
  const history = el('div', { class: 'trace-history' });
  d.replaceChildren(
    el('header', { class: 'trace-head' },
      el('h2', { id: 'trace-title' }, `${tr('title')} · ${station ?? ''}`),
      el('button', { type: 'button', class: 'btn btn-ghost', onclick: () => d.close() }, tr('close'))),
    el('p', { class: 'trace-verdict' },
      detail.verdict === 'enterprise' ? `${tr('verdictEnterprise')}: ${detail.source ?? ''}` : tr('verdictUnknown'),
      ' · ', formatTime(detail.sampleTs)),
    candidates.length ? candidateTable(candidates) : null,
    maps,
    history,
  );
  if (!d.open) d.showModal();
  fillMaps(maps, alert, detail, candidates[0]);
  if (detail.verdict === 'enterprise' && candidates[0]) fillHistory(history, candidates[0].enterpriseId);
}

function candidateTable(candidates) {
  const pct = (x) => (typeof x === 'number' ? `${(100 * x).toFixed(1)} %` : '—');
  const num = (x, digits) => (typeof x === 'number' ? x.toFixed(digits) : '—');
  return el('table', { class: 'trace-candidates' },
    el('thead', null, el('tr', null, ...['rank', 'enterprise', 'outfall', 'distance', 'travel', 'share', 'similarity',
      'confidence', 'cameras'].map((k) => el('th', { scope: 'col' }, tr(k))))),
    el('tbody', null, ...candidates.map((c) => el('tr', null,
      el('td', { class: 'num' }, c.rank ?? ''),
      el('td', null, el('strong', null, c.enterpriseId ?? ''), ' ', c.name ?? ''),
      el('td', null, c.outfall?.name ?? '—', c.monitorStation ? ` (${c.monitorStation})` : ''),
      el('td', { class: 'num' }, typeof c.distanceKm === 'number' ? `${c.distanceKm.toFixed(1)} km` : '—'),
      el('td', { class: 'num' }, typeof c.travelMinutes === 'number' ? `${c.travelMinutes} min` : '—'),
      el('td', { class: 'num' }, pct(c.share)),
      el('td', { class: 'num' }, num(c.similarity, 2)),
      el('td', { class: 'num' }, pct(c.confidence)),
      el('td', null, cameraLinks(c.cameras)),
    ))));
}

/** Only stream schemes become links: a camera URL is data and must not run script. */
function cameraLinks(cameras) {
  if (!Array.isArray(cameras) || cameras.length === 0) return tr('none');
  return cameras.map((cam) => {
    const url = String(cam?.streamUrl ?? '');
    const label = cam?.name ?? cam?.id ?? '';
    return /^(rtsp|rtmp|https?):\/\//i.test(url)
      ? el('a', { class: 'trace-camera', href: url, target: '_blank', rel: 'noopener noreferrer', title: url }, label)
      : el('span', { class: 'trace-camera' }, label);
  });
}

async function fillMaps(box, alert, detail, best) {
  const station = encodeURIComponent(alert.stationId ?? '');
  const baselineTs = Array.isArray(detail.baselineTs) ? detail.baselineTs.at(-1) : null;
  const panels = [
    [tr('sample'), detail.sampleTs ? `/api/v1/stations/${station}/eem/${encodeURIComponent(detail.sampleTs)}` : null],
    [tr('baseline'), baselineTs ? `/api/v1/stations/${station}/eem/${encodeURIComponent(baselineTs)}` : null],
    [tr('reference') + (best?.bestReference?.referenceId ? ` · ${best.enterpriseId} ${best.bestReference.referenceId}` : ''),
      Number.isInteger(best?.bestReference?.id) ? `/api/v1/library/references/${best.bestReference.id}` : null],
  ];
  box.replaceChildren(...panels.map(([label, url]) => {
    const figure = el('figure', { class: 'trace-map' }, el('figcaption', null, label),
      el('p', { class: 'trace-note' }, url ? tr('loading') : tr('none')));
    if (url) {
      getJson(url).then((eem) => figure.replaceChildren(el('figcaption', null, label), heatMap(eem)))
        .catch(() => figure.replaceChildren(el('figcaption', null, label), el('p', { class: 'trace-note' }, tr('failed'))));
    }
    return figure;
  }));
}

/** One EEM as a canvas: emission across, excitation up, each spectrum on its own colour scale (max shown). */
function heatMap(eem) {
  const ex = Array.isArray(eem?.ex) ? eem.ex : [];
  const em = Array.isArray(eem?.em) ? eem.em : [];
  const rows = Array.isArray(eem?.intensity) ? eem.intensity : [];
  let max = 0;
  for (const row of rows) for (const v of row ?? []) if (typeof v === 'number' && v > max) max = v;
  const canvas = el('canvas', { class: 'trace-canvas', width: Math.max(1, em.length), height: Math.max(1, ex.length) });
  const ctx = canvas.getContext('2d');
  if (ctx && ex.length && em.length) {
    const img = ctx.createImageData(em.length, ex.length);
    for (let i = 0; i < ex.length; i++) {
      const y = ex.length - 1 - i; // excitation rises upwards
      for (let j = 0; j < em.length; j++) {
        const v = rows[i]?.[j];
        const [r, g, b] = typeof v === 'number' && max > 0 ? colour(Math.max(0, v) / max) : [200, 200, 200];
        const k = 4 * (y * em.length + j);
        img.data[k] = r; img.data[k + 1] = g; img.data[k + 2] = b; img.data[k + 3] = 255;
      }
    }
    ctx.putImageData(img, 0, 0);
  }
  const range = (a) => (a.length ? `${a[0]}–${a.at(-1)} nm` : '—');
  return el('div', null, canvas,
    el('p', { class: 'trace-note' }, `${tr('ex')} ${range(ex)} · ${tr('em')} ${range(em)} · ${tr('max')} `
      + `${max.toPrecision(3)} ${eem?.units ?? ''}`));
}

/** A perceptually ordered ramp (dark blue → teal → yellow), close to viridis. */
function colour(x) {
  const stops = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
  const t = Math.min(1, Math.max(0, x)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(t));
  const f = t - i;
  return stops[i].map((c, k) => Math.round(c + f * (stops[i + 1][k] - c)));
}

async function fillHistory(box, enterpriseId) {
  box.replaceChildren(el('h3', null, `${tr('history')} · ${enterpriseId}`), el('p', { class: 'trace-note' }, tr('loading')));
  try {
    const h = await getJson(`/api/v1/enterprises/${encodeURIComponent(enterpriseId)}/traces`);
    const days = Array.isArray(h?.days) ? h.days : [];
    box.replaceChildren(el('h3', null, `${tr('history')} · ${enterpriseId}`), days.length
      ? el('ul', { class: 'trace-days' }, ...days.map((d) => el('li', null,
        `${d.day}: ${d.matches} ${tr('matches')} (${(Array.isArray(d.stations) ? d.stations : []).join(', ')})`)))
      : el('p', { class: 'trace-note' }, tr('historyEmpty')));
  } catch {
    box.replaceChildren(el('h3', null, tr('history')), el('p', { class: 'trace-note' }, tr('failed')));
  }
}
