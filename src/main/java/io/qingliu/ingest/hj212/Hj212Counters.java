package io.qingliu.ingest.hj212;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The HJ 212 listener's meters, shared by every connection. */
public final class Hj212Counters {

  private final MeterRegistry registry;
  private final AtomicInteger connections = new AtomicInteger();
  private final Map<String, Counter> cutOffs = new ConcurrentHashMap<>();

  public Hj212Counters(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("qingliu.hj212.connections", connections, AtomicInteger::get).register(registry);
  }

  void connected() {
    connections.incrementAndGet();
  }

  void disconnected() {
    connections.decrementAndGet();
  }

  /** A connection closed for misbehaving: {@code stall}, {@code garbage} or {@code flood}. */
  void cutOff(String why) {
    cutOffs.computeIfAbsent(why, w -> Counter.builder("qingliu.hj212.cut.off").tag("reason", w)
        .description("HJ 212 connections closed for misbehaving").register(registry)).increment();
  }
}
