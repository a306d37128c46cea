package io.qingliu.alerts;

import java.util.List;

/**
 * The silences that are running or still to come, as last read from the database: read by every shard's alert book
 * when it opens an alert, replaced whole by the sweeper, so readers need no lock.
 */
public final class Silences {

  private volatile List<Silence> current = List.of();

  public void replace(List<Silence> silences) {
    current = List.copyOf(silences);
  }

  public List<Silence> current() {
    return current;
  }

  /** The {@code muted} value for a new alert: the first silence that covers it now, or null. */
  public String muting(String stationId, String kind, String parameter, long nowMillis) {
    for (Silence s : current) {
      if (s.matches(stationId, kind, parameter, nowMillis)) {
        return s.mutes();
      }
    }
    return null;
  }
}
