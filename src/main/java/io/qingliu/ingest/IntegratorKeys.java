package io.qingliu.ingest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * API keys for integrators and load testers who write for many stations over HTTP, each scoped to a set of stations
 * ({@code "MS-*"} matches by prefix, {@code "*"} all). Configured as
 * {@code {"name","keySha256" (hex) or "key","stations":[…]}}; only the SHA-256 of a key is kept in memory.
 */
public final class IntegratorKeys {

  /** One integrator: who, and which stations it may write. */
  public record Integrator(String name, List<String> stations) {

    public boolean mayWrite(String stationId) {
      for (String pattern : stations) {
        if (pattern.endsWith("*") ? stationId.startsWith(pattern.substring(0, pattern.length() - 1))
            : pattern.equals(stationId)) {
          return true;
        }
      }
      return false;
    }
  }

  private record Entry(byte[] sha256, Integrator integrator) {}

  private final List<Entry> entries = new ArrayList<>();

  public IntegratorKeys(JsonArray config) {
    for (int i = 0; i < config.size(); i++) {
      JsonObject o = config.getJsonObject(i);
      String hex = o.getString("keySha256");
      byte[] sha = hex != null ? HexFormat.of().parseHex(hex) : sha256(o.getString("key"));
      List<String> stations = new ArrayList<>();
      o.getJsonArray("stations", new JsonArray()).forEach(s -> stations.add(String.valueOf(s)));
      entries.add(new Entry(sha, new Integrator(o.getString("name", "integrator-" + i), List.copyOf(stations))));
    }
  }

  /** The integrator holding this key, or null (compared in constant time per entry). */
  public Integrator find(String key) {
    byte[] sha = sha256(key);
    Integrator found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(e.sha256, sha)) {
        found = e.integrator;
      }
    }
    return found;
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
