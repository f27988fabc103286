/**
 * Poisson tail bounds used to judge counts against a baseline. They are Chernoff bounds, not exact tails:
 * cheap, monotone, and conservative, which is what a threshold needs.
 */

/**
 * Surprise (nats) of seeing at least `observed` events when `expected` were due: -ln P(X >= observed) bounded
 * by `observed·ln(observed/expected) − observed + expected`. Zero when the count is not above expectation.
 */
export function excessSurprise(observed: number, expected: number): number {
  if (observed <= expected) return 0;
  const lambda = Math.max(expected, 1e-9);
  return observed * Math.log(observed / lambda) - observed + lambda;
}

/** Surprise (nats) of seeing nothing when `expected` events were due: -ln P(X = 0) = expected. */
export function silenceSurprise(expected: number): number {
  return Math.max(0, expected);
}

/**
 * Surprise (nats) of seeing at most `observed` events when `expected` were due: -ln P(X <= observed) bounded by
 * the same rate function, `observed·ln(observed/expected) − observed + expected`. Zero when not below expectation.
 */
export function deficitSurprise(observed: number, expected: number): number {
  if (observed >= expected) return 0;
  if (observed <= 0) return expected;
  return observed * Math.log(observed / expected) - observed + expected;
}
