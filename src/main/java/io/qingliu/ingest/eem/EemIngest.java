package io.qingliu.ingest.eem;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.qingliu.fingerprint.FluorescenceWatch;
import io.qingliu.ingest.RefusedException;
import io.qingliu.ingest.Reject;
import io.qingliu.ingest.RejectLog;
import io.qingliu.ingest.RejectReason;
import io.qingliu.model.Station;
import io.qingliu.model.StationKind;
import io.qingliu.store.EemStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spectra from fingerprint stations, whatever the protocol: decode, check, store, hand to tracing. Spectra are large and rare, so
 * they skip the readings' group commit, but the bytes being decoded and written at once are bounded server-wide:
 * past {@link #DEFAULT_MAX_BYTES_IN_FLIGHT} a spectrum is refused as "server busy" for the station to resend.
 */
public final class EemIngest {

  /** Spectrum payload bytes held at once, server-wide (about 1,000 spectra of a typical 60 KB). */
  public static final long DEFAULT_MAX_BYTES_IN_FLIGHT = 64L * 1024 * 1024;

  private final Vertx vertx;
  private final EemDecoder decoder;
  private final EemStore store;
  private final FluorescenceWatch traces;
  private final RejectLog rejects;
  private final long maxBytesInFlight;
  private final AtomicLong inFlight = new AtomicLong();
  private final MeterRegistry registry;
  private final Map<String, Counter> stored = new ConcurrentHashMap<>();

  public EemIngest(Vertx vertx, EemDecoder decoder, EemStore store, FluorescenceWatch traces, RejectLog rejects,
      MeterRegistry registry, long maxBytesInFlight) {
    this.vertx = vertx;
    this.decoder = decoder;
    this.store = store;
    this.traces = traces;
    this.rejects = rejects;
    this.registry = registry;
    this.maxBytesInFlight = maxBytesInFlight;
  }

  /** Completes when the spectrum is committed; fails with {@link RefusedException} saying why it was not. */
  public Future<Void> ingest(String protocol, Station station, byte[] payload) {
    if (station.kind() != StationKind.FINGERPRINT) {
      return refuse(protocol, station, new Reject(RejectReason.NOT_AUTHORIZED, "",
          "station " + station.id() + " is not a fluorescence-fingerprint station"));
    }
    if (inFlight.addAndGet(payload.length) > maxBytesInFlight) {
      inFlight.addAndGet(-payload.length);
      return refuse(protocol, station, new Reject(RejectReason.SERVER_BUSY, "", "server busy, send again later"));
    }
    // A spectrum is tens of thousands of numbers: decode it on a worker, not on the connection's event loop.
    return vertx.executeBlocking(() -> decoder.decode(station.id(), payload), false).compose(d -> {
      if (d.reject() != null) {
        return refuse(protocol, station, d.reject());
      }
      // Traced once committed; a full trace queue refuses the spectrum, stored once however often it is resent.
      return store.insert(d.eem()).compose(v -> traces.submit(d.eem()) ? Future.<Void>succeededFuture()
          : refuse(protocol, station, new Reject(RejectReason.SERVER_BUSY, "", "tracing busy, send again later")));
    })
        .onComplete(ar -> inFlight.addAndGet(-payload.length))
        .onSuccess(ok -> stored.computeIfAbsent(protocol, p -> Counter.builder("qingliu.ingest.spectra")
            .tag("protocol", p).register(registry)).increment());
  }

  private Future<Void> refuse(String protocol, Station station, Reject r) {
    rejects.record(protocol, station.id(), r);
    return Future.failedFuture(new RefusedException(r));
  }
}
