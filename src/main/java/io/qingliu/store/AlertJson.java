package io.qingliu.store;

import io.qingliu.model.Network;
import io.qingliu.model.Parameter;
import io.qingliu.model.Station;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** An {@code alerts} row as the API's {@code Alert} object (docs/api.md), named from the network. */
final class AlertJson {

  private final Network network;

  AlertJson(Network network) {
    this.network = network;
  }

  List<JsonObject> list(RowSet<Row> rows) {
    List<JsonObject> out = new ArrayList<>(rows.size());
    for (Row row : rows) {
      out.add(of(row));
    }
    return out;
  }

  JsonObject of(Row row) {
    String stationId = row.getString("station_id");
    Station station = network.station(stationId);
    String parameter = row.getString("parameter");
    Parameter p = parameter.isEmpty() ? null : Parameter.byKey(parameter);
    boolean resolved = row.getOffsetDateTime("resolved_at") != null;
    boolean acknowledged = row.getOffsetDateTime("acknowledged_at") != null;
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("stationId", stationId)
        .put("stationName", station == null ? stationId : station.name())
        .put("stationKind", station == null ? null : station.kind().key())
        .put("river", station == null ? null : station.river())
        .put("kind", row.getString("kind"))
        .put("parameter", p == null ? null : p.key())
        .put("severity", row.getString("severity"))
        .put("state", resolved ? "resolved" : acknowledged ? "acknowledged" : "open")
        .put("acknowledged", acknowledged)
        .put("value", row.getDouble("value"))
        .put("limit", row.getDouble("limit_value"))
        .put("unit", p == null ? null : p.unit())
        .put("waterClass", row.getShort("water_class"))
        .put("targetClass", row.getShort("target_class"))
        .put("message", row.getString("message"))
        .put("openedAt", iso(row.getOffsetDateTime("opened_at")))
        .put("lastAt", iso(row.getOffsetDateTime("last_at")))
        .put("acknowledgedAt", iso(row.getOffsetDateTime("acknowledged_at")))
        .put("acknowledgedBy", row.getString("acknowledged_by"))
        .put("ackComment", row.getString("ack_comment"))
        .put("resolvedAt", iso(row.getOffsetDateTime("resolved_at")))
        .put("resolvedBy", row.getString("resolved_by"))
        .put("resolveComment", row.getString("resolve_comment"))
        .put("assignee", row.getString("assignee"))
        .put("muted", row.getString("muted"))
        .put("escalations", row.getInteger("escalations"))
        .put("lastEscalatedAt", iso(row.getOffsetDateTime("last_escalated_at")))
        .put("detail", row.getJsonObject("detail"));
  }

  static String iso(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
