package io.qingliu.web;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Alerts as CSV (RFC 4180: CRLF, fields quoted when they hold a comma, quote or line break, quotes doubled). Text a
 * station or an officer wrote could start a spreadsheet formula, so a text field starting with {@code = + - @}, tab or
 * CR gets a leading apostrophe (OWASP "CSV injection"). Times are ISO-8601 with the offset of the network's zone.
 */
final class AlertCsv {

  /** Excel opens UTF-8 as the local code page unless the file starts with a byte order mark. */
  static final String BOM = "\uFEFF";
  private static final String[] TEXT = {"stationId", "stationName", "kind", "parameter", "severity", "state"};
  private static final String[] TIMES = {"openedAt", "lastAt", "acknowledgedAt"};

  private final DateTimeFormatter times;

  AlertCsv(ZoneId zone) {
    this.times = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
  }

  String write(List<JsonObject> alerts) {
    StringBuilder out = new StringBuilder(BOM);
    out.append("id,stationId,stationName,kind,parameter,severity,state,value,limit,unit,waterClass,targetClass,")
        .append("openedAt,lastAt,acknowledgedAt,acknowledgedBy,ackComment,resolvedAt,resolvedBy,resolveComment,")
        .append("message\r\n");
    for (JsonObject a : alerts) {
      out.append(a.getLong("id"));
      for (String key : TEXT) {
        out.append(',').append(text(a.getString(key)));
      }
      out.append(',').append(number(a.getValue("value"))).append(',').append(number(a.getValue("limit")))
          .append(',').append(text(a.getString("unit")))
          .append(',').append(number(a.getValue("waterClass"))).append(',').append(number(a.getValue("targetClass")));
      for (String key : TIMES) {
        out.append(',').append(time(a.getString(key)));
      }
      out.append(',').append(text(a.getString("acknowledgedBy"))).append(',').append(text(a.getString("ackComment")))
          .append(',').append(time(a.getString("resolvedAt"))).append(',').append(text(a.getString("resolvedBy")))
          .append(',').append(text(a.getString("resolveComment"))).append(',').append(text(a.getString("message")))
          .append("\r\n");
    }
    return out.toString();
  }

  /** One text field, defused and quoted as needed. */
  static String text(String s) {
    if (s == null || s.isEmpty()) {
      return "";
    }
    char first = s.charAt(0);
    String v = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
        ? "'" + s : s;
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  /** Numbers are ours, never text from outside, so a minus sign stays a minus sign. */
  private static String number(Object n) {
    return n == null ? "" : n.toString();
  }

  private String time(String iso) {
    return iso == null ? "" : times.format(Instant.parse(iso));
  }
}
