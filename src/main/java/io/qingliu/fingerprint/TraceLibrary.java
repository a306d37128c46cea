package io.qingliu.fingerprint;

import io.qingliu.store.ReferenceStore;
import io.qingliu.tracing.FingerprintLibrary;
import io.qingliu.tracing.FingerprintTracer;
import io.qingliu.tracing.Preprocessor;
import io.qingliu.tracing.TraceParams;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One version of the library as the server traces with it: the tracer over every stored reference, the library's
 * version (the newest reference's id) and the stored id of each reference, so an alert can point at the reference
 * the heat map shows.
 */
record TraceLibrary(FingerprintTracer tracer, long version, Map<String, Long> storedIds) {

  private static final Logger LOG = LoggerFactory.getLogger(TraceLibrary.class);

  static TraceLibrary empty(Preprocessor pre, TraceParams params) {
    return new TraceLibrary(new FingerprintTracer(FingerprintLibrary.builder().build(), pre, params), 0, Map.of());
  }

  /** Preprocesses every reference (CPU work: call it off the event loop); one that cannot be used is left out. */
  static TraceLibrary build(List<ReferenceStore.Stored> refs, Preprocessor pre, TraceParams params) {
    FingerprintLibrary.Builder b = FingerprintLibrary.builder();
    Map<String, Long> ids = new HashMap<>();
    long version = 0;
    for (ReferenceStore.Stored r : refs) {
      version = Math.max(version, r.version());
      try {
        b.add(r.enterpriseId(), r.referenceId(), pre.reference(r.eem()));
        ids.put(key(r.enterpriseId(), r.referenceId()), r.version());
      } catch (IllegalArgumentException | IllegalStateException e) {
        LOG.warn("reference {} of {} left out of the library: {}", r.referenceId(), r.enterpriseId(), e.getMessage());
      }
    }
    return new TraceLibrary(new FingerprintTracer(b.build(), pre, params), version, Map.copyOf(ids));
  }

  static String key(String enterpriseId, String referenceId) {
    return enterpriseId + '\u0000' + referenceId;
  }

  /** The stored id of a reference of this version, or null. */
  Long storedId(String enterpriseId, String referenceId) {
    return referenceId == null ? null : storedIds.get(key(enterpriseId, referenceId));
  }
}
