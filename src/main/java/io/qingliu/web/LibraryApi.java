package io.qingliu.web;

import io.qingliu.ingest.eem.EemDecoder;
import io.qingliu.model.Enterprise;
import io.qingliu.model.Network;
import io.qingliu.tracing.Preprocessor;
import io.qingliu.web.auth.Officer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The fingerprint library (list, read, add references: adding is for admins) and the trace history of an enterprise,
 * under {@code /api/v1} behind the officer login and CSRF check of {@link Api}.
 */
final class LibraryApi {

  /** Longest reference or enterprise id and note. */
  static final int MAX_ID = 200;
  static final int MAX_NOTE = 2_000;

  private final Network network;
  private final HttpVerticle.Library library;
  private final Clock clock;
  private final Preprocessor pre = new Preprocessor();

  LibraryApi(Network network, HttpVerticle.Library library, Clock clock) {
    this.network = network;
    this.library = library;
    this.clock = clock;
  }

  void mount(Router r) {
    r.get("/api/v1/library").handler(ctx -> Api.reply(ctx, library.traces().references().list().map(refs ->
        new JsonObject().put("version", library.traces().libraryVersion()).put("references", refs))));
    r.get("/api/v1/library/references/:id").handler(this::reference);
    r.post("/api/v1/library/references").handler(this::add);
    r.get("/api/v1/enterprises/:id/traces").handler(this::history);
  }

  private void reference(RoutingContext ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      Api.error(ctx, 404, "no reference " + ctx.pathParam("id"));
      return;
    }
    library.traces().references().get(id).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (ar.result() == null) {
        Api.error(ctx, 404, "no reference " + id);
      } else {
        ctx.json(ar.result());
      }
    });
  }

  /** {@code {"enterprise","referenceId","note","eem":{exchange format, ts optional}}} → 201 with the listing entry. */
  private void add(RoutingContext ctx) {
    if (!Api.admin(ctx, "the fingerprint library")) {
      return;
    }
    Officer o = Api.officer(ctx);
    JsonObject body = Api.bodyJson(ctx);
    if (body == null) {
      return;
    }
    String enterprise = body.getValue("enterprise") instanceof String s ? s : null;
    String referenceId = body.getValue("referenceId") instanceof String s ? s.strip() : null;
    String note = body.getValue("note") instanceof String s && !s.isBlank() ? s.strip() : null;
    JsonObject eem = body.getValue("eem") instanceof JsonObject j ? j.copy() : null;
    if (enterprise == null || network.enterprises().stream().map(Enterprise::id).noneMatch(enterprise::equals)) {
      Api.error(ctx, 400, "enterprise must be the id of an enterprise of the network");
      return;
    }
    if (referenceId == null || referenceId.isEmpty() || referenceId.length() > MAX_ID
        || (note != null && note.length() > MAX_NOTE) || eem == null) {
      Api.error(ctx, 400, "referenceId (1-" + MAX_ID + " characters), eem (a spectrum in the exchange format) are "
          + "required; note is at most " + MAX_NOTE + " characters");
      return;
    }
    if (eem.getValue("ts") == null) {
      eem.put("ts", clock.instant().toString()); // the decoder wants a time; for a reference it is when it was added
    }
    byte[] payload = eem.encode().getBytes(StandardCharsets.UTF_8);
    // Decoding and preprocessing a spectrum is CPU work: off the event loop.
    ctx.vertx().executeBlocking(() -> {
      EemDecoder.Decoded d = library.decoder().decode(referenceId, payload);
      if (d.reject() != null) {
        throw new IllegalArgumentException(d.reject().describe());
      }
      pre.reference(d.eem()); // refuses what tracing could not use (units other than R.U.)
      return d;
    }, false).compose(d -> library.traces().references().add(enterprise, referenceId, d.eem(), note, o.username(),
        clock.millis())).compose(added -> added == null ? Future.succeededFuture((JsonObject) null)
        : library.traces().reload().map(version -> added.put("version", version)))
        .onComplete(ar -> {
          if (ar.failed() && ar.cause() instanceof IllegalArgumentException e) {
            Api.error(ctx, 400, "eem: " + e.getMessage());
          } else if (ar.failed()) {
            ctx.fail(ar.cause());
          } else if (ar.result() == null) {
            Api.error(ctx, 409, "enterprise " + enterprise + " already has a reference " + referenceId);
          } else {
            ctx.response().setStatusCode(201);
            ctx.json(ar.result());
          }
        });
  }

  /** Every match of an enterprise (last 30 days by default), with a count per day. */
  private void history(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (network.enterprises().stream().map(Enterprise::id).noneMatch(id::equals)) {
      Api.error(ctx, 404, "no enterprise " + id);
      return;
    }
    QueryRange range = QueryRange.of(ctx, clock, Duration.ofDays(30));
    if (range != null) {
      Api.reply(ctx, library.traces().matches().history(id, range.from(), range.to(),
          network.timezone()));
    }
  }
}
