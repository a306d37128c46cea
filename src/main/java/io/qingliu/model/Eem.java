package io.qingliu.model;

/**
 * One excitation-emission matrix as a fingerprint station measured it, on its instrument's own grid.
 *
 * @param intensity row-major: {@code intensity[i * em.length + j]} is the value at {@code ex[i]}, {@code em[j]};
 *     NaN where the instrument gave none (scatter cut)
 */
public record Eem(String stationId, long tsMillis, float[] ex, float[] em, float[] intensity, String instrument,
    String units) {

  public float at(int exIndex, int emIndex) {
    return intensity[exIndex * em.length + emIndex];
  }
}
