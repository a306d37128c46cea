package io.qingliu.ingest.hj212;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.qingliu.ingest.RefusedException;
import io.qingliu.ingest.Reject;
import io.qingliu.ingest.RejectLog;
import io.qingliu.ingest.RejectReason;
import io.qingliu.ingest.TimeWindow;
import io.qingliu.model.Hj212Device;
import io.qingliu.model.Network;
import io.qingliu.model.Parameter;
import io.qingliu.model.Reading;
import io.qingliu.model.Station;
import io.qingliu.shard.StationShards;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HJ 212 uploads, whatever carried them (TCP, MQTT, HTTP): identify the device by MN and PW, verify the CRC (strictly,
 * or leniently for a device configured with {@code legacyCrc}), turn the data of CN 2011/2051/2061/2031 into a
 * reading with its flags and canonical units, and commit it through the station's shard. The future completes once
 * the data is committed, with the 9014 answer when the upload asked for one (Flag A); split uploads are answered
 * once all their parts are stored.
 */
public final class Hj212Ingest {

  private static final Logger LOG = LoggerFactory.getLogger(Hj212Ingest.class);
  public static final String PROTOCOL = "hj212";
  /** Data uploads: real-time, minute, hourly, daily. */
  static final Set<String> DATA_CNS = Set.of("2011", "2051", "2061", "2031");
  private static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  /** One part of an upload waiting for its siblings, and the promise of its answer. */
  private record Part(Hj212Packet packet, Promise<String> answer) {}

  private final Network network;
  private final ZoneId zone;
  private final TimeWindow window;
  private final StationShards shards;
  private final RejectLog rejects;
  private final Clock clock;
  private final Counter readings;
  private final Counter legacyCrc;
  private final Hj212Reassembler<Part> splits;

  public Hj212Ingest(Vertx vertx, Network network, TimeWindow window, StationShards shards, RejectLog rejects,
      Clock clock, MeterRegistry registry, long splitWaitMillis) {
    this.splits = new Hj212Reassembler<>(splitWaitMillis);
    this.network = network;
    this.zone = ZoneId.of(network.timezone());
    this.window = window;
    this.shards = shards;
    this.rejects = rejects;
    this.clock = clock;
    this.readings = Counter.builder("qingliu.ingest.readings").tag("protocol", PROTOCOL)
        .description("readings accepted for checking and storage").register(registry);
    this.legacyCrc = Counter.builder("qingliu.hj212.legacy.crc")
        .description("frames accepted with a CRC-16/MODBUS checksum from devices configured for it").register(registry);
    // Without it an upload whose last part never comes would hold its first parts' answers for ever.
    vertx.setPeriodic(Math.max(100, splitWaitMillis / 6), t -> {
      synchronized (splits) {
        splits.sweep(clock.millis(), Hj212Ingest::giveUp);
      }
    });
  }

  private static void giveUp(Part part) {
    part.answer.tryFail(new RefusedException(new Reject(RejectReason.BAD_FRAME, "PNO",
        "the other parts of this split upload never arrived")));
  }

  /**
   * Ingests one whole frame, as MQTT and HTTP carry them ({@code ##…CRC}, the trailing CRLF optional).
   *
   * @param claimed the station the transport authenticated, or null when the MN and PW are the identity
   */
  public Future<String> ingestFrame(byte[] frame, Station claimed) {
    int n = frame.length;
    boolean crlf = n >= 2 && frame[n - 2] == '\r' && frame[n - 1] == '\n';
    byte[] whole = crlf ? frame : Arrays.copyOf(frame, n + 2);
    if (!crlf) {
      whole[n] = '\r';
      whole[n + 1] = '\n';
    }
    List<Hj212Framer.Result> results = new Hj212Framer(whole.length).feed(whole);
    if (results.size() != 1 || !(results.get(0) instanceof Hj212Framer.Frame f)) {
      String why = results.isEmpty() ? "incomplete frame: the declared length is longer than what was sent"
          : results.get(0) instanceof Hj212Framer.Error e ? e.detail() : "more than one frame; send one per message";
      return refuse(claimed, new Reject(RejectReason.BAD_FRAME, "", why));
    }
    return ingest(f.segment(), f.crcHex(), claimed);
  }

  /**
   * Ingests one framed upload.
   *
   * @param segment the data segment (between the length and the CRC)
   * @param crcHex the four CRC digits the frame carried
   * @param claimed the station the transport authenticated (MQTT topic owner), or null when the MN is the identity
   * @return the 9014 answer frame, null when none is due; failed with {@link RefusedException} when refused
   */
  public Future<String> ingest(byte[] segment, String crcHex, Station claimed) {
    // The strict CRC first, so a damaged segment is reported as such, not as whatever the damage made it look like.
    boolean strictCrc = Hj212Crc.check(segment, 0, segment.length, crcHex, false) == Hj212Crc.CrcCheck.OK;
    Hj212Packet packet;
    try {
      packet = Hj212Parser.parse(segment, 0, segment.length);
    } catch (Hj212Exception e) {
      return refuse(claimed, new Reject(strictCrc ? RejectReason.BAD_FRAME : RejectReason.BAD_CRC, "",
          strictCrc ? e.getMessage() : crcHex + " is not the HJ 212 CRC of the segment"));
    }
    Station station = network.byMn(packet.mn());
    boolean legacyCrc = !strictCrc && station != null && station.hj212().legacyCrc()
        && Hj212Crc.check(segment, 0, segment.length, crcHex, true) == Hj212Crc.CrcCheck.LEGACY_MODBUS;
    if (!strictCrc && !legacyCrc) {
      return refuse(station, new Reject(RejectReason.BAD_CRC, "CRC", crcHex + " is not the HJ 212 CRC of the segment"
          + (station != null && station.hj212().legacyCrc() ? " nor its CRC-16/MODBUS" : "")));
    }
    if (legacyCrc) {
      this.legacyCrc.increment();
    }
    if (station == null) {
      return refuse(claimed, new Reject(RejectReason.UNKNOWN_STATION, "MN", "no station has MN " + packet.mn()));
    }
    if (claimed != null && claimed != station) {
      return refuse(claimed, new Reject(RejectReason.NOT_AUTHORIZED, "MN", "MN " + packet.mn() + " belongs to "
          + station.id() + ", not to " + claimed.id()));
    }
    Hj212Device device = station.hj212();
    if (packet.pw() == null || !MessageDigest.isEqual(device.pw().getBytes(StandardCharsets.UTF_8),
        packet.pw().getBytes(StandardCharsets.UTF_8))) {
      return refuse(station, new Reject(RejectReason.BAD_CREDENTIALS, "PW", "wrong password for MN " + packet.mn()));
    }
    if (!DATA_CNS.contains(packet.cn())) {
      // Restart notices (2081), answers and the like: nothing to store; an upload that asks is answered.
      return Future.succeededFuture(packet.ackRequested() && packet.cn().startsWith("2")
          ? Hj212Frames.dataAnswer(packet) : null);
    }
    if (packet.split() && packet.pnum() != null && packet.pnum() > 1 && packet.pno() != null) {
      return split(station, packet);
    }
    return store(station, List.of(packet)).map(v -> packet.ackRequested() ? Hj212Frames.dataAnswer(packet) : null);
  }

  private Future<String> split(Station station, Hj212Packet packet) {
    Promise<String> answer = Promise.promise();
    List<Part> whole;
    synchronized (splits) {
      whole = splits.add(packet.mn() + '/' + packet.cn() + '/' + packet.dataTime(), packet.pno(), packet.pnum(),
          new Part(packet, answer), clock.millis(), Hj212Ingest::giveUp);
    }
    if (whole != null) {
      List<Hj212Packet> packets = new ArrayList<>();
      whole.forEach(p -> packets.add(p.packet));
      store(station, packets).onComplete(ar -> whole.forEach(p -> {
        if (ar.succeeded()) {
          p.answer.tryComplete(p.packet.ackRequested() ? Hj212Frames.dataAnswer(p.packet) : null);
        } else {
          p.answer.tryFail(ar.cause());
        }
      }));
    }
    return answer.future();
  }

  /** Stores the data of an upload (all parts of a split one) as one reading. */
  private Future<Void> store(Station station, List<Hj212Packet> parts) {
    Hj212Packet first = parts.get(0);
    List<Reject> problems = new ArrayList<>();
    long ts;
    try {
      ts = dataTime(first.dataTime());
    } catch (DateTimeParseException | NullPointerException e) {
      return refuse(station, new Reject(RejectReason.BAD_TS, "DataTime", "'" + first.dataTime()
          + "' is not yyyyMMddHHmmss[SSS] local time"));
    }
    Reject late = window.check(ts, -1, "DataTime");
    if (late != null) {
      return refuse(station, late);
    }
    double[] values = Reading.emptyValues();
    String[] flags = new String[Parameter.COUNT];
    String valueSuffix = "2011".equals(first.cn()) ? "Rtd" : "Avg";
    int count = 0;
    for (Hj212Packet part : parts) {
      String stateFlag = instrumentState(part);
      for (Hj212Packet.Item item : part.items()) {
        Parameter p = Hj212Codes.parameter(item.code());
        String raw = item.fields().getOrDefault(valueSuffix, item.fields().get("Rtd"));
        if (p == null) {
          if (raw != null && !"i12001".equals(item.code())) {
            problems.add(new Reject(RejectReason.UNKNOWN_PARAMETER, -1, item.code(), "code not stored by Qingliu"));
          }
          continue;
        }
        if (raw == null) {
          continue;
        }
        double v;
        try {
          v = Double.parseDouble(raw) * Hj212Codes.toCanonical(p, station.hj212().units().get(item.code()));
        } catch (IllegalArgumentException e) {
          problems.add(new Reject(RejectReason.NOT_A_NUMBER, -1, item.code() + "-" + valueSuffix, raw));
          continue;
        }
        if (!Double.isFinite(v)) {
          problems.add(new Reject(RejectReason.NOT_A_NUMBER, -1, item.code() + "-" + valueSuffix, raw));
          continue;
        }
        values[p.ordinal()] = v;
        String flag = item.fields().get("Flag");
        flags[p.ordinal()] = flag != null ? flag : stateFlag;
        count++;
      }
    }
    problems.forEach(r -> rejects.record(PROTOCOL, station.id(), r));
    if (count == 0) {
      return refuse(station, new Reject(RejectReason.NO_VALUES, "CP", "no value Qingliu stores in the upload"));
    }
    readings.increment();
    return shards.of(station.id()).submit(List.of(new Reading(station.id(), ts, values, flags)));
  }

  /** i12001, the instrument state (0 run, 1 maintenance, 2 fault, 3 calibration), as the flag of unflagged values. */
  private static String instrumentState(Hj212Packet p) {
    for (Hj212Packet.Item item : p.items()) {
      if ("i12001".equals(item.code())) {
        String state = item.fields().getOrDefault("Rtd", item.fields().get("Avg"));
        return switch (state == null ? "0" : state.trim()) {
          case "1" -> "M";
          case "2" -> "D";
          case "3" -> "C";
          default -> null;
        };
      }
    }
    return null;
  }

  /** DataTime is local time without a zone (UTC+8 in China), sometimes with milliseconds. */
  private long dataTime(String text) {
    String seconds = text.length() > 14 ? text.substring(0, 14) : text;
    long millis = text.length() > 14 ? Long.parseLong(text.substring(14)) : 0;
    return LocalDateTime.parse(seconds, DATA_TIME).atZone(zone).toInstant().toEpochMilli() + millis;
  }

  private <T> Future<T> refuse(Station station, Reject r) {
    rejects.record(PROTOCOL, station == null ? null : station.id(), r);
    LOG.debug("refused an HJ 212 frame{}: {}", station == null ? "" : " from " + station.id(), r.describe());
    return Future.failedFuture(new RefusedException(r));
  }
}
