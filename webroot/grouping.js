// The desk's filters (river, station kind, severity, state) and its grouping: one row per station problem, with
// the station's alerts under it and their counts, updated live like everything else on the desk.

const SEVERITY_RANK = { critical: 0, major: 1, minor: 2, warning: 3 };

/** Filter choices; an empty string means "any". */
export const filters = { river: '', kind: '', severity: '', state: '' };

/** The alerts that pass the filters; the station's river and kind come from its status. */
export function filterAlerts(alerts, stations) {
  return alerts.filter((a) => {
    const s = stations.get(String(a.stationId));
    return (!filters.river || (s?.river ?? a.river) === filters.river)
      && (!filters.kind || (s?.kind ?? a.stationKind) === filters.kind)
      && (!filters.severity || a.severity === filters.severity)
      && (!filters.state || a.state === filters.state);
  });
}

/**
 * Groups sorted alerts by station, keeping the order of each group's first (most urgent) alert. Each group says
 * its station's name ({@code nameOf} an alert), how many alerts it holds, how many are unacknowledged and its worst
 * severity.
 */
export function groupByStation(sorted, nameOf) {
  const groups = new Map();
  for (const a of sorted) {
    const id = String(a.stationId);
    let g = groups.get(id);
    if (!g) {
      g = { stationId: id, stationName: nameOf(a) ?? id, alerts: [], unacked: 0, worst: a.severity };
      groups.set(id, g);
    }
    g.alerts.push(a);
    if (!a.acknowledged) g.unacked += 1;
    if ((SEVERITY_RANK[a.severity] ?? 9) < (SEVERITY_RANK[g.worst] ?? 9)) g.worst = a.severity;
  }
  return [...groups.values()];
}
