package io.qingliu.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The monitored river network: reaches flowing downstream, stations on them, enterprises with their outfalls.
 * Its shape is fixed once loaded; an admin may change a station's {@link StationSettings}, which replaces the
 * station's record (records stay immutable) and publishes new copies of the maps, so readers on any thread see the old
 * station or the new one, never a mix.
 */
public final class Network {

  private final String name;
  private final String timezone;
  private final Map<String, Reach> reaches;
  private volatile Map<String, Station> stations;
  private final Map<String, String> idByMn = new HashMap<>();
  private final List<Enterprise> enterprises;
  private volatile JsonObject publicJson;

  public Network(String name, String timezone, List<Reach> reaches, List<Station> stations,
      List<Enterprise> enterprises, JsonObject publicJson) {
    this.name = name;
    this.timezone = timezone;
    this.reaches = index(reaches, Reach::id);
    this.stations = index(stations, Station::id);
    for (Station s : stations) {
      if (s.hj212() != null && idByMn.put(s.hj212().mn(), s.id()) != null) {
        throw new IllegalArgumentException("two stations share the HJ 212 MN " + s.hj212().mn());
      }
    }
    this.enterprises = List.copyOf(enterprises);
    this.publicJson = publicJson;
  }

  private static <T> Map<String, T> index(List<T> items, java.util.function.Function<T, String> id) {
    Map<String, T> m = new LinkedHashMap<>();
    for (T t : items) {
      if (m.put(id.apply(t), t) != null) {
        throw new IllegalArgumentException("duplicate id " + id.apply(t));
      }
    }
    return Collections.unmodifiableMap(m);
  }

  public String name() {
    return name;
  }

  public String timezone() {
    return timezone;
  }

  public Station station(String id) {
    return stations.get(id);
  }

  /** The station whose data logger has this HJ 212 MN, or null. */
  public Station byMn(String mn) {
    String id = idByMn.get(mn);
    return id == null ? null : stations.get(id);
  }

  public Iterable<Station> stations() {
    return stations.values();
  }

  public int stationCount() {
    return stations.size();
  }

  public Reach reach(String id) {
    return reaches.get(id);
  }

  public List<Enterprise> enterprises() {
    return enterprises;
  }

  /** The stations whose reach is {@code reachId}, in network order. */
  public List<Station> stationsOn(String reachId) {
    List<Station> on = new ArrayList<>();
    for (Station s : stations.values()) {
      if (reachId.equals(s.reach())) {
        on.add(s);
      }
    }
    return on;
  }

  /** The network as the API shows it: everything but the stations' secrets. Read only: it is shared. */
  public JsonObject publicJson() {
    return publicJson;
  }

  /**
   * Gives station {@code id} new settings, here and in {@link #publicJson}. Serialised, so two admins editing at once
   * both land, one after the other.
   *
   * @return the station as it is now
   */
  public synchronized Station update(String id, StationSettings settings) {
    Station old = stations.get(id);
    if (old == null) {
      throw new IllegalArgumentException("no station " + id);
    }
    Station updated = settings.applyTo(old);
    Map<String, Station> copy = new LinkedHashMap<>(stations);
    copy.put(id, updated);
    JsonObject pub = publicJson.copy();
    for (Object o : pub.getJsonArray("stations", new JsonArray())) {
      if (o instanceof JsonObject js && id.equals(js.getString("id"))) {
        js.mergeIn(settings.toJson());
      }
    }
    stations = Collections.unmodifiableMap(copy);
    publicJson = pub;
    return updated;
  }
}
