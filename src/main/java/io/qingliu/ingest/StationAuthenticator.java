package io.qingliu.ingest;

import io.qingliu.model.Network;
import io.qingliu.model.Station;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks a station's credentials: username = station id, password = the station's secret. */
public final class StationAuthenticator {

  private final Network network;

  public StationAuthenticator(Network network) {
    this.network = network;
  }

  /** The station, or null when the id is unknown or the secret is wrong (compared in constant time). */
  public Station authenticate(String stationId, String secret) {
    Station s = stationId == null ? null : network.station(stationId);
    if (s == null || secret == null) {
      return null;
    }
    boolean ok = MessageDigest.isEqual(s.secret().getBytes(StandardCharsets.UTF_8),
        secret.getBytes(StandardCharsets.UTF_8));
    return ok ? s : null;
  }
}
