package io.qingliu.config;

import io.vertx.core.json.JsonObject;

/** The demo's station simulator. */
public class SimulatorOptions {

  /** Seconds between two readings of one simulated station (faster than real stations so the demo moves). */
  public static final int DEFAULT_PERIOD_SECONDS = 5;
  /** Seconds after start of the first simulated discharge. */
  public static final int DEFAULT_FIRST_DISCHARGE_SECONDS = 15;
  /** Mean seconds between discharges after that. */
  public static final int DEFAULT_DISCHARGE_EVERY_SECONDS = 120;
  /** Real river travel times divided by this, so a plume reaches the stations below it in demo time. */
  public static final double DEFAULT_TIME_COMPRESSION = 60;

  private int periodSeconds = DEFAULT_PERIOD_SECONDS;
  private int firstDischargeSeconds = DEFAULT_FIRST_DISCHARGE_SECONDS;
  private int dischargeEverySeconds = DEFAULT_DISCHARGE_EVERY_SECONDS;
  private double timeCompression = DEFAULT_TIME_COMPRESSION;
  private long seed = 212;

  public SimulatorOptions() {}

  public SimulatorOptions(JsonObject json) {
    periodSeconds = json.getInteger("periodSeconds", DEFAULT_PERIOD_SECONDS);
    firstDischargeSeconds = json.getInteger("firstDischargeSeconds", DEFAULT_FIRST_DISCHARGE_SECONDS);
    dischargeEverySeconds = json.getInteger("dischargeEverySeconds", DEFAULT_DISCHARGE_EVERY_SECONDS);
    timeCompression = json.getDouble("timeCompression", DEFAULT_TIME_COMPRESSION);
    seed = json.getLong("seed", seed);
  }

  public int getPeriodSeconds() { return periodSeconds; }
  public int getFirstDischargeSeconds() { return firstDischargeSeconds; }
  public int getDischargeEverySeconds() { return dischargeEverySeconds; }
  public double getTimeCompression() { return timeCompression; }
  public long getSeed() { return seed; }
}
