package io.qingliu.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Which stations the run plays and which connection plays which: the server's own network (so every station
 * authenticates and exists in the database), or synthetic anonymous stations {@code LT-00001…} for any broker.
 * Connection {@code i} plays station {@code i mod S}; with more connections than stations, stations are shared.
 */
final class Roster {

  final List<Identity> stations;
  final List<Identity> byConnection;

  private Roster(List<Identity> stations, int connections) {
    this.stations = stations;
    this.byConnection = new ArrayList<>(connections);
    for (int i = 0; i < connections; i++) {
      Identity s = stations.get(i % stations.size());
      s.connections++;
      byConnection.add(s);
    }
  }

  static Roster synthetic(int connections) {
    List<Identity> stations = new ArrayList<>(connections);
    for (int i = 0; i < connections; i++) {
      stations.add(new Identity(i, String.format(Locale.ROOT, "LT-%05d", i + 1), null, 0));
    }
    return new Roster(stations, connections);
  }

  /**
   * @param network the server's {@code GET /api/v1/network}
   * @param connections how many connections; 0 or less for one per station
   */
  static Roster fromNetwork(JsonObject network, int connections, Function<String, String> secrets) {
    JsonArray list = network.getJsonArray("stations", new JsonArray());
    List<Identity> stations = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonObject s = list.getJsonObject(i);
      String id = s.getString("id");
      Integer target = s.getInteger("targetClass");
      stations.add(new Identity(stations.size(), id, secrets.apply(id), target == null ? 0 : target));
    }
    if (stations.isEmpty()) {
      throw new IllegalStateException("the server's network has no stations");
    }
    return new Roster(stations, connections > 0 ? connections : stations.size());
  }

  /**
   * Station secrets: from a network file that lists them ({@code "stations":[{"id","secret"}]}), or by a template
   * where {@code {id}} is the lower-case station id and {@code {ID}} the id as is (the demo's rule is
   * {@code demo-{id}}).
   */
  static Function<String, String> secrets(String file, String template) throws IOException {
    if (file != null) {
      Map<String, String> byId = new HashMap<>();
      JsonArray list = new JsonObject(Files.readString(Path.of(file))).getJsonArray("stations", new JsonArray());
      for (int i = 0; i < list.size(); i++) {
        byId.put(list.getJsonObject(i).getString("id"), list.getJsonObject(i).getString("secret"));
      }
      return id -> {
        String s = byId.get(id);
        if (s == null) {
          throw new IllegalArgumentException("no secret for station " + id + " in " + file);
        }
        return s;
      };
    }
    return id -> template.replace("{id}", id.toLowerCase(Locale.ROOT)).replace("{ID}", id);
  }
}
