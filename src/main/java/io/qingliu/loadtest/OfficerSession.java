package io.qingliu.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * An officer's session on the server's API, as the duty page holds it: {@code GET /api/v1/session} hands out the
 * {@code XSRF-TOKEN} cookie, {@code POST /api/v1/login} echoes it and gets the session cookie. Used to read the
 * network (which stations to play) and to open the WebSocket.
 */
final class OfficerSession {

  private final HttpClientAgent http;
  private final String base;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  OfficerSession(Vertx vertx, String baseUrl) {
    this.http = vertx.createHttpClient();
    this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  Future<Void> login(String user, String password) {
    return call(HttpMethod.GET, "/api/v1/session", null).compose(r -> {
      String token = cookies.get("XSRF-TOKEN");
      if (token == null) {
        return Future.failedFuture("GET /api/v1/session handed out no XSRF-TOKEN cookie");
      }
      return call(HttpMethod.POST, "/api/v1/login",
          new JsonObject().put("username", user).put("password", password).encode());
    }).compose(body -> Future.succeededFuture());
  }

  /** {@code GET /api/v1/network}. */
  Future<JsonObject> network() {
    return call(HttpMethod.GET, "/api/v1/network", null).map(Buffer::toJsonObject);
  }

  /** The session's cookies as a {@code Cookie} header value. */
  String cookieHeader() {
    StringJoiner j = new StringJoiner("; ");
    cookies.forEach((k, v) -> j.add(k + "=" + v));
    return j.toString();
  }

  private Future<Buffer> call(HttpMethod method, String path, String json) {
    RequestOptions o = new RequestOptions().setMethod(method).setAbsoluteURI(base + path).setTimeout(30_000);
    if (!cookies.isEmpty()) {
      o.putHeader("Cookie", cookieHeader());
    }
    if (json != null) {
      o.putHeader("Content-Type", "application/json");
      String token = cookies.get("XSRF-TOKEN");
      if (token != null) {
        o.putHeader("X-XSRF-TOKEN", token);
      }
    }
    return http.request(o)
        .compose(req -> json == null ? req.send() : req.send(json))
        .compose(resp -> resp.body().compose(body -> {
          keepCookies(resp);
          if (resp.statusCode() / 100 != 2) {
            return Future.failedFuture(method + " " + path + " answered " + resp.statusCode() + ": " + body);
          }
          return Future.succeededFuture(body);
        }));
  }

  private void keepCookies(HttpClientResponse resp) {
    for (String c : resp.cookies()) {
      String pair = c.split(";", 2)[0];
      int eq = pair.indexOf('=');
      if (eq > 0) {
        cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
  }

  Future<Void> close() {
    return http.close();
  }
}
