package io.qingliu.model;

/** A stretch of river between two confluences or landmarks; reaches form a tree flowing to {@code downstream}. */
public record Reach(String id, String river, String name, String downstream, double lengthKm, double velocityMps) {}
