package io.qingliu.checks;

import io.qingliu.model.AlertKind;
import io.qingliu.model.Severity;
import io.qingliu.model.Station;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Notices stations that went silent: no reading for longer than the station's expected interval × {@code factor}.
 * Silence is measured on the server's clock (arrival), not on the stations' timestamps, which may be backfill.
 *
 * <p>Stations start as "seen now", so a restart gives every station a full grace period instead of paging for the
 * whole network at once. Owned by one thread.
 */
public final class OfflineWatch {

  /** Silence of this many expected intervals makes a station offline. */
  public static final double DEFAULT_FACTOR = 3.0;

  private static final class Entry {
    Station station;
    long lastSeen;
    boolean offline;

    Entry(Station station, long lastSeen) {
      this.station = station;
      this.lastSeen = lastSeen;
    }
  }

  private final Clock clock;
  private final double factor;
  private final Map<String, Entry> entries = new HashMap<>();

  public OfflineWatch(Clock clock, double factor) {
    this.clock = clock;
    this.factor = factor;
  }

  public void watch(Station station) {
    entries.put(station.id(), new Entry(station, clock.millis()));
  }

  /** Follows a station's new settings (its reporting interval), keeping when it was last seen and whether it is offline. */
  public void update(Station station) {
    Entry e = entries.get(station.id());
    if (e != null) {
      e.station = station;
    }
  }

  /**
   * Takes over the offline state of a station whose offline alert an earlier run left open, so its next reading
   * clears that alert instead of leaving it open for ever.
   */
  public void resumeOffline(String stationId) {
    Entry e = entries.get(stationId);
    if (e != null) {
      e.offline = true;
    }
  }

  /** Notes that a station reported; reports the offline condition cleared if it had been offline. */
  public void seen(String stationId, Consumer<Finding> out) {
    Entry e = entries.get(stationId);
    if (e == null) {
      return;
    }
    e.lastSeen = clock.millis();
    if (e.offline) {
      e.offline = false;
      out.accept(finding(e, false, e.lastSeen));
    }
  }

  /** Reports every station that has become silent since the last sweep. */
  public void sweep(Consumer<Finding> out) {
    long now = clock.millis();
    for (Entry e : entries.values()) {
      if (!e.offline && now - e.lastSeen > (long) (e.station.intervalSeconds() * 1000L * factor)) {
        e.offline = true;
        out.accept(finding(e, true, now));
      }
    }
  }

  public boolean isOffline(String stationId) {
    Entry e = entries.get(stationId);
    return e != null && e.offline;
  }

  public long lastSeen(String stationId) {
    Entry e = entries.get(stationId);
    return e == null ? 0 : e.lastSeen;
  }

  private Finding finding(Entry e, boolean firing, long at) {
    long silentMinutes = Math.max(1, (at - e.lastSeen) / 60_000);
    String message = firing
        ? "站点已 " + silentMinutes + " 分钟无数据（预期每 " + e.station.intervalSeconds() + " 秒上报一次）"
        : "站点恢复上报";
    return new Finding(AlertKind.OFFLINE, e.station.id(), null, firing, Double.NaN, Double.NaN, 0,
        e.station.targetClass(), Severity.MAJOR, message, at);
  }
}
