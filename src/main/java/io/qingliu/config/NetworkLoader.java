package io.qingliu.config;

import io.qingliu.model.Enterprise;
import io.qingliu.model.Hj212Device;
import io.qingliu.model.Network;
import io.qingliu.model.Parameter;
import io.qingliu.model.Reach;
import io.qingliu.model.Station;
import io.qingliu.model.StationKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the network file (format: {@code config/README.md}) and checks that every reference resolves. */
public final class NetworkLoader {

  private NetworkLoader() {}

  public static Network fromJson(JsonObject json) {
    List<Reach> reaches = new ArrayList<>();
    for (JsonObject r : objects(json, "reaches")) {
      reaches.add(new Reach(r.getString("id"), r.getString("river"), r.getString("name"), r.getString("downstream"),
          r.getDouble("lengthKm", 1.0), r.getDouble("velocityMps", 0.5)));
    }
    Map<String, String> riverOfReach = new HashMap<>();
    reaches.forEach(r -> riverOfReach.put(r.id(), r.river()));
    for (Reach r : reaches) {
      if (r.downstream() != null && !riverOfReach.containsKey(r.downstream())) {
        throw new IllegalArgumentException("reach " + r.id() + " flows into unknown reach " + r.downstream());
      }
    }

    List<Station> stations = new ArrayList<>();
    JsonArray publicStations = new JsonArray();
    for (JsonObject s : objects(json, "stations")) {
      String id = s.getString("id");
      String reach = s.getString("reach");
      if (reach != null && !riverOfReach.containsKey(reach)) {
        throw new IllegalArgumentException("station " + id + " is on unknown reach " + reach);
      }
      String secret = s.getString("secret");
      if (secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException("station " + id + " has no secret");
      }
      Integer target = s.getInteger("targetClass");
      stations.add(new Station(id, s.getString("name", id), s.getString("nameEn", id),
          StationKind.of(s.getString("kind", "micro")), riverOfReach.get(reach), reach, s.getDouble("km", 0.0),
          target == null ? 0 : target, "lake".equals(s.getString("waterBody")), s.getInteger("intervalSeconds", 60),
          secret, parameters(id, s.getJsonArray("parameters")), limits(id, s.getJsonObject("limits")),
          device(s.getJsonObject("hj212"))));
      JsonObject pub = s.copy();
      pub.remove("secret");
      JsonObject hj = pub.getJsonObject("hj212");
      if (hj != null) {
        pub.put("hj212", new JsonObject().put("mn", hj.getString("mn")));
      }
      publicStations.add(pub.put("river", riverOfReach.get(reach)));
    }

    List<Enterprise> enterprises = new ArrayList<>();
    for (JsonObject e : objects(json, "enterprises")) {
      enterprises.add(new Enterprise(e.getString("id"), e.getString("name"), e.getString("industry"),
          e.getString("reach"), e.getDouble("km", 0.0), e.getString("monitorStation")));
    }

    JsonObject publicJson = json.copy().put("stations", publicStations);
    return new Network(json.getString("name", "network"), json.getString("timezone", "Asia/Shanghai"), reaches,
        stations, enterprises, publicJson);
  }

  private static Hj212Device device(JsonObject hj) {
    if (hj == null) {
      return null;
    }
    Map<String, String> units = new HashMap<>();
    JsonObject u = hj.getJsonObject("units", new JsonObject());
    u.fieldNames().forEach(code -> units.put(code, u.getString(code)));
    return new Hj212Device(hj.getString("mn"), hj.getString("pw"), hj.getBoolean("legacyCrc", false), units);
  }

  private static List<JsonObject> objects(JsonObject json, String key) {
    JsonArray a = json.getJsonArray(key, new JsonArray());
    List<JsonObject> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      out.add(a.getJsonObject(i));
    }
    return out;
  }

  private static Set<Parameter> parameters(String station, JsonArray keys) {
    Set<Parameter> set = EnumSet.noneOf(Parameter.class);
    if (keys != null) {
      for (Object k : keys) {
        set.add(known(station, String.valueOf(k)));
      }
    }
    return set;
  }

  private static Map<Parameter, Double> limits(String station, JsonObject limits) {
    Map<Parameter, Double> m = new EnumMap<>(Parameter.class);
    if (limits != null) {
      for (String k : limits.fieldNames()) {
        m.put(known(station, k), limits.getDouble(k));
      }
    }
    return m;
  }

  private static Parameter known(String station, String key) {
    Parameter p = Parameter.byKey(key);
    if (p == null) {
      throw new IllegalArgumentException("station " + station + " names unknown parameter '" + key + "'");
    }
    return p;
  }
}
