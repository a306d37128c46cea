// The river schematic: the configured network's reaches and stations drawn as SVG from its own coordinates (no map
// tiles: the duty room may have no internet). Stations are coloured by their current GB 3838 class, ringed when an
// unmuted alert is open, greyed when offline; a click opens the station. Names reach the SVG only as text nodes.

const NS = 'http://www.w3.org/2000/svg';
/** The network file's drawing canvas (config/README.md). */
const WIDTH = 1000;
const HEIGHT = 700;

const marks = new Map(); // station id -> SVG element

function node(tag, attrs, title) {
  const n = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  if (title) {
    const tt = document.createElementNS(NS, 'title');
    tt.textContent = title;
    n.appendChild(tt);
  }
  return n;
}

const finite = (n) => typeof n === 'number' && Number.isFinite(n);
const point = (p) => Array.isArray(p) && p.length === 2 && finite(p[0]) && finite(p[1]);

/** Draws the network once per sign-in; {@code onStation(id)} is called when a station is clicked. */
export function buildSchematic(container, network, onStation) {
  marks.clear();
  const rivers = new Map((network.rivers ?? []).map((r) => [r.id, r.name ?? r.id]));
  const svg = node('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'schematic-svg', role: 'img' });
  for (const reach of Array.isArray(network.reaches) ? network.reaches : []) {
    const path = (Array.isArray(reach.path) ? reach.path : []).filter(point);
    if (path.length < 2) continue;
    svg.appendChild(node('polyline', { points: path.map((p) => p.join(',')).join(' '), class: 'reach' },
      `${rivers.get(reach.river) ?? ''} ${reach.name ?? reach.id}`));
  }
  for (const s of Array.isArray(network.stations) ? network.stations : []) {
    if (!finite(s.x) || !finite(s.y) || s.id == null) continue;
    const big = s.kind === 'national' || s.kind === 'fingerprint';
    const mark = s.kind === 'outfall'
      ? node('rect', { x: s.x - 3.5, y: s.y - 3.5, width: 7, height: 7 }, `${s.name ?? s.id} (${s.id})`)
      : node('circle', { cx: s.x, cy: s.y, r: big ? 7 : 5 }, `${s.name ?? s.id} (${s.id})`);
    mark.dataset.stationId = String(s.id);
    mark.dataset.kind = String(s.kind ?? '');
    mark.setAttribute('class', 'station-mark');
    marks.set(String(s.id), mark);
    svg.appendChild(mark);
  }
  svg.addEventListener('click', (event) => {
    const mark = event.target.closest('[data-station-id]');
    if (mark) onStation(mark.dataset.stationId);
  });
  container.replaceChildren(svg);
}

/** Recolours the marks from the stations' status and the open alerts (cheap: attributes only). */
export function paintSchematic(stations, alerts) {
  const alerting = new Set();
  for (const a of alerts.values()) {
    if (a.state !== 'resolved' && !a.muted && a.kind !== 'offline') alerting.add(String(a.stationId));
  }
  for (const [id, mark] of marks) {
    const s = stations.get(id);
    const cls = s && Number.isInteger(s.currentClass) && s.currentClass >= 1 && s.currentClass <= 6 ? s.currentClass : 0;
    mark.setAttribute('class', ['station-mark', `cls-${cls}`, s && s.online === false ? 'offline' : '',
      alerting.has(id) ? 'alerting' : ''].filter(Boolean).join(' '));
  }
}
