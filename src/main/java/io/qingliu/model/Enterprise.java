package io.qingliu.model;

/** A key discharging enterprise with its outfall at {@code km} along {@code reach}, watched by {@code monitorStation}. */
public record Enterprise(String id, String name, String industry, String reach, double km, String monitorStation) {}
