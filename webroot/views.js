// Views beside the live desk, chosen by the URL hash so they can be bookmarked and printed:
// #station/ID?range=7d, #history?..., #handover?hours=8. No hash: the desk.

import { $, $$, show } from './dom.js';
import { addTexts } from './i18n.js';
import * as station from './station.js';
import * as history from './history.js';
import * as handover from './handover.js';

addTexts({
  zh: { navLabel: '视图', navDesk: '值班台', navHistory: '告警历史', navHandover: '交接班' },
  en: { navLabel: 'Views', navDesk: 'Desk', navHistory: 'Alert history', navHandover: 'Shift handover' },
});

const VIEWS = { station, history, handover };
let running = false;
let user = null;
let active = null; // {controller, cleanup}

function parse(hash) {
  const raw = hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  const slash = path.indexOf('/');
  const name = slash < 0 ? path : path.slice(0, slash);
  let arg = null;
  if (slash >= 0) {
    try {
      arg = decodeURIComponent(path.slice(slash + 1));
    } catch {
      arg = null;
    }
  }
  return { name, arg, params };
}

function close() {
  if (!active) return;
  active.controller.abort();
  if (typeof active.cleanup === 'function') active.cleanup();
  active = null;
}

function route() {
  if (!running) return;
  close();
  const { name, arg, params } = parse(window.location.hash);
  const view = Object.hasOwn(VIEWS, name) ? VIEWS[name] : null;
  const host = $('#view-host');
  show($('#desk'), !view);
  show(host, Boolean(view));
  for (const link of $$('#view-nav [data-view]')) {
    const current = link.dataset.view === (view ? name : 'desk');
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (!view) {
    host.replaceChildren();
    return;
  }
  const controller = new AbortController();
  active = { controller, cleanup: view.render(host, arg, params, controller.signal, { user, redraw: route }) };
  window.scrollTo(0, 0);
}

/** Called once {@code officer} entered the desk: shows whichever view the URL names. */
export function startViews(officer) {
  running = true;
  user = officer;
  route();
}

/** Called when the desk is left (logout, expired session). */
export function stopViews() {
  running = false;
  user = null;
  close();
  show($('#view-host'), false);
  $('#view-host').replaceChildren();
}

window.addEventListener('hashchange', route);
// A station in the desk's list, or the station of an alert on the desk, opens its station view.
const openStation = (id) => {
  if (id) window.location.hash = `#station/${encodeURIComponent(id)}`;
};
$('#station-list').addEventListener('click', (event) => {
  openStation(event.target.closest('.station-item')?.dataset.stationId);
});
$('#alerts-body').addEventListener('click', (event) => {
  // The desk titles the cell with the station's id.
  openStation(event.target.closest('td.alert-station')?.title);
});
// The river schematic asks by event (schematic.js).
document.addEventListener('qingliu:open-station', (event) => openStation(event.detail?.id));
// The desk's language switch runs first; redraw the view in the new language after it.
$('#lang-toggle').addEventListener('click', () => setTimeout(route, 0));
