package io.qingliu.web;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.qingliu.alerts.AlertBus;
import io.qingliu.alerts.AlertOptions;
import io.qingliu.alerts.AlertRules;
import io.qingliu.alerts.AlertSweeper;
import io.qingliu.checks.LimitLines;
import io.qingliu.checks.WaterQualityStandard;
import io.qingliu.config.MqttIngestOptions;
import io.qingliu.fingerprint.FluorescenceWatch;
import io.qingliu.ingest.eem.EemDecoder;
import io.qingliu.store.EemStore;
import io.qingliu.store.AlertRuleStore;
import io.qingliu.store.SilenceStore;
import io.qingliu.store.StationSettingsStore;
import io.qingliu.ingest.http.HttpIngest;
import io.qingliu.ingest.RejectLog;
import io.qingliu.model.Network;
import io.qingliu.shard.StationShards;
import io.qingliu.store.AlertSearch;
import io.qingliu.store.AlertStore;
import io.qingliu.store.ChartQueries;
import io.qingliu.store.HandoverQueries;
import io.qingliu.store.ReadingQueries;
import io.qingliu.web.auth.OfficerDirectory;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CSRFHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.sstore.SessionStore;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP: health, metrics, the JSON API, the WebSocket and the duty page. Deployed once per event loop; each instance
 * keeps the WebSockets of its own loop.
 */
public final class HttpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);
  /** API request bodies are small (login, comments); ingest has its own limit. */
  static final long MAX_BODY_BYTES = 64 * 1024;
  /** One spectrum: the same limit as on MQTT. */
  static final long EEM_BODY_BYTES = MqttIngestOptions.DEFAULT_MAX_EEM_PAYLOAD;
  private static final String CSP = "default-src 'self'; connect-src 'self' ws: wss:; style-src 'self'; "
      + "img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

  /** What every instance shares. */
  public record Deps(int port, String webRoot, long sessionTimeoutMs, String csrfSecret, SessionStore sessions,
      Network network, StationShards shards, AlertStore alerts, ReadingQueries readings, RejectLog rejects,
      OfficerDirectory officers, Pool pool, PrometheusMeterRegistry registry, AtomicInteger webSockets, Clock clock,
      HttpIngest ingest, long maxIngestBodyBytes, EemStore spectra, Library library, Desk desk, Views views) {}

  /** The fingerprint library and its trace history. */
  public record Library(FluorescenceWatch traces, EemDecoder decoder) {}

  /** What admins set on the desk: silences (and the sweeper that applies them), alert rules, station settings. */
  public record Desk(SilenceStore silences, AlertSweeper sweeper, AlertOptions options, AlertRules rules,
      AlertRuleStore ruleStore, StationSettingsStore stationSettings) {}

  /** What the station view draws: downsampled series and the limits of the station's class. */
  public record Views(ChartQueries charts, WaterQualityStandard standard) {}

  private final Deps deps;
  private WsHub hub;

  public HttpVerticle(Deps deps) {
    this.deps = deps;
  }

  @Override
  public Future<?> start() {
    hub = new WsHub(vertx, deps.alerts(), deps.shards(), deps.webSockets());
    hub.start();
    Router r = Router.router(vertx);
    r.route().handler(HttpVerticle::securityHeaders);
    r.get("/health").handler(this::health);
    r.get("/metrics").handler(ctx -> ctx.response().putHeader("content-type", "text/plain; version=0.0.4")
        .end(deps.registry().scrape()));
    // Machine ingest: station or integrator credentials on every request, no session, no CSRF.
    r.post("/api/v1/readings").handler(BodyHandler.create(false).setBodyLimit(deps.maxIngestBodyBytes()))
        .handler(deps.ingest()::handle);
    r.post("/api/v1/stations/:id/eem").handler(BodyHandler.create(false).setBodyLimit(EEM_BODY_BYTES))
        .handler(deps.ingest()::handleEem);
    r.post("/api/v1/hj212").handler(BodyHandler.create(false).setBodyLimit(deps.maxIngestBodyBytes()))
        .handler(deps.ingest()::handleHj212);
    r.errorHandler(403, ctx -> Api.error(ctx, 403, "missing or stale XSRF token: GET /api/v1/session, then echo the "
        + "XSRF-TOKEN cookie in the X-XSRF-TOKEN header"));
    r.errorHandler(413, ctx -> Api.error(ctx, 413, "request body larger than the limit of "
        + deps.maxIngestBodyBytes() + " bytes for ingest, " + MAX_BODY_BYTES + " for the API: send smaller batches"));
    r.route().handler(SessionHandler.create(deps.sessions()).setSessionCookieName("qingliu.session")
        .setSessionTimeout(deps.sessionTimeoutMs()).setCookieHttpOnlyFlag(true)
        .setCookieSameSite(CookieSameSite.STRICT));
    // A reference spectrum is as large as a station's; the general limit below then sees the body already read.
    r.post("/api/v1/library/references").handler(BodyHandler.create(false).setBodyLimit(EEM_BODY_BYTES));
    r.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    r.route("/api/*").handler(CSRFHandler.create(vertx, deps.csrfSecret()).setNagHttps(false));
    new Api(deps.network(), deps.shards(), deps.alerts(), new AlertBus(vertx.eventBus()), deps.readings(),
        deps.rejects(), deps.officers(), deps.spectra(), deps.clock()).mount(r);
    new AlertAdminApi(deps.network(), deps.shards(), deps.desk().silences(), deps.desk().sweeper(), deps.desk().options(),
        deps.desk().rules(), deps.desk().ruleStore(), deps.clock()).mount(r);
    new StationAdminApi(vertx, deps.network(), deps.shards(), deps.desk().stationSettings(), deps.clock()).mount(r);
    new LibraryApi(deps.network(), deps.library(), deps.clock()).mount(r);
    mountViews(r);
    r.get("/ws").handler(this::webSocket);
    r.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars"));
    r.route("/*").handler(StaticHandler.create(deps.webRoot()).setCachingEnabled(false));
    // curl --data-binary labels a body as a form by default; a form field must then be allowed to be a whole batch.
    return vertx.createHttpServer(new HttpServerOptions().setPort(deps.port()).setMaxWebSocketMessageSize(64 * 1024)
            .setMaxFormAttributeSize((int) Math.min(Integer.MAX_VALUE, deps.maxIngestBodyBytes())))
        .requestHandler(r).listen();
  }

  /** The station view, alert history and shift handover: read-only, so every role may use them. */
  private void mountViews(Router r) {
    AlertSearch search = new AlertSearch(deps.pool(), deps.network());
    new StationViewApi(deps.network(), deps.views().charts(), search, new LimitLines(deps.views().standard()),
        deps.clock()).mount(r);
    new AlertHistoryApi(deps.network(), search, deps.clock()).mount(r);
    new HandoverApi(deps.network(), new HandoverQueries(deps.pool(), deps.network()), deps.clock()).mount(r);
  }

  private static void securityHeaders(RoutingContext ctx) {
    ctx.response().putHeader("Content-Security-Policy", CSP).putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY").putHeader("Referrer-Policy", "no-referrer");
    ctx.next();
  }

  private void health(RoutingContext ctx) {
    deps.pool().query("SELECT 1").execute().onComplete(ar -> {
      JsonObject body = new JsonObject().put("status", ar.succeeded() ? "UP" : "DOWN")
          .put("db", ar.succeeded() ? "UP" : "DOWN");
      ctx.response().setStatusCode(ar.succeeded() ? 200 : 503).putHeader("content-type", "application/json")
          .end(body.encode());
    });
  }

  private void webSocket(RoutingContext ctx) {
    if (Api.officer(ctx) == null) {
      Api.error(ctx, 401, "log in first");
      return;
    }
    Long since;
    try {
      String s = ctx.queryParams().get("since");
      since = s == null ? null : Long.parseLong(s);
    } catch (NumberFormatException e) {
      Api.error(ctx, 400, "since is a sequence number");
      return;
    }
    ctx.request().toWebSocket().onComplete(ar -> {
      if (ar.failed()) {
        LOG.debug("WebSocket upgrade failed: {}", ar.cause().getMessage());
        return;
      }
      hub.accept(ar.result(), since);
    });
  }

  /** Registers the gauge of open WebSockets once for all instances. */
  public static void registerGauges(PrometheusMeterRegistry registry, AtomicInteger webSockets) {
    Gauge.builder("qingliu.websocket.clients", webSockets, AtomicInteger::get).register(registry);
  }
}
