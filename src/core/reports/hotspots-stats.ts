/**
 * Small-count statistics for hot-spot detection, written out so that every
 * step can be checked against published values: upper tails of the Poisson and
 * negative-binomial distributions (summed term by term in log space, so that a
 * tail of 1e-19 keeps its digits), Benjamini–Hochberg adjusted p-values, and
 * the truncated product method (Zaykin et al. 2002) that combines the p-values
 * of one topic across many units when only a few of them are expected to rise.
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(z) for z > 0 (Lanczos, g = 7; about 15 significant digits). */
export function logGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const x = z - 1;
  let sum = LANCZOS[0] as number;
  for (let index = 1; index < LANCZOS.length; index++) sum += (LANCZOS[index] as number) / (x + index);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln(e^a + e^b) without overflow. */
function logAdd(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  const high = Math.max(a, b);
  return high + Math.log1p(Math.exp(Math.min(a, b) - high));
}

/**
 * Sum of exp(logTerm(i)) for i ≥ from, stopping once the terms are past the
 * mode and below 1e-17 of the sum (they then shrink at least geometrically).
 */
function upperSum(from: number, mode: number, logTerm: (i: number) => number): number {
  let logSum = Number.NEGATIVE_INFINITY;
  for (let i = from; i < from + 1_000_000; i++) {
    const term = logTerm(i);
    logSum = logAdd(logSum, term);
    if (i > mode && term - logSum < -40) break;
  }
  return Math.exp(logSum);
}

/** Sum of exp(logTerm(i)) for 0 ≤ i < to. */
function lowerSum(to: number, logTerm: (i: number) => number): number {
  let sum = 0;
  for (let i = 0; i < to; i++) sum += Math.exp(logTerm(i));
  return sum;
}

/** P(X ≥ x) for X ~ Poisson(mean). */
export function poissonUpperTail(x: number, mean: number): number {
  if (x <= 0) return 1;
  if (mean <= 0) return 0;
  const logMean = Math.log(mean);
  const logTerm = (i: number) => i * logMean - mean - logGamma(i + 1);
  // Below the mean the tail is large: one minus the few terms below x loses nothing.
  if (x <= mean) return Math.min(1, Math.max(0, 1 - lowerSum(x, logTerm)));
  return Math.min(1, upperSum(x, mean, logTerm));
}

/**
 * P(X ≥ x) for X negative-binomial with the given mean and size r (variance
 * mean + mean²/r); r → ∞ is the Poisson distribution.
 */
export function negativeBinomialUpperTail(x: number, mean: number, size: number): number {
  if (x <= 0) return 1;
  if (mean <= 0) return 0;
  if (!Number.isFinite(size)) return poissonUpperTail(x, mean);
  const logP = Math.log(size / (size + mean));
  const log1mP = Math.log(mean / (size + mean));
  const base = logGamma(size);
  const logTerm = (i: number) => logGamma(i + size) - base - logGamma(i + 1) + size * logP + i * log1mP;
  if (x <= mean) return Math.min(1, Math.max(0, 1 - lowerSum(x, logTerm)));
  const mode = size > 1 ? ((size - 1) * mean) / size : 0;
  return Math.min(1, upperSum(x, mode, logTerm));
}

/** Benjamini–Hochberg adjusted p-values (q-values), in the input order. */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const count = pValues.length;
  const order = pValues.map((p, index) => [p, index] as const).sort((a, b) => a[0] - b[0]);
  const adjusted = new Array<number>(count);
  let running = 1;
  for (let rank = count; rank >= 1; rank--) {
    const [p, index] = order[rank - 1] as readonly [number, number];
    running = Math.min(running, (p * count) / rank);
    adjusted[index] = running;
  }
  return adjusted;
}

/** P(X = x) for X negative-binomial with the given mean and size (Poisson when the size is infinite). */
export function negativeBinomialPmf(x: number, mean: number, size: number): number {
  if (mean <= 0) return x === 0 ? 1 : 0;
  if (!Number.isFinite(size)) return Math.exp(x * Math.log(mean) - mean - logGamma(x + 1));
  return Math.exp(logGamma(x + size) - logGamma(size) - logGamma(x + 1) + size * Math.log(size / (size + mean)) + x * Math.log(mean / (size + mean)));
}

/** One independent term of a sum: its possible values (whole numbers ≥ 0) and their probabilities. */
export type DiscreteTerm = readonly (readonly [value: number, probability: number])[];

/**
 * P(Σ terms ≥ observed) for independent discrete terms, by convolving their
 * distributions (values above `cap` are held at `cap`, which keeps the answer
 * exact for any `observed` ≤ cap). Used for the exact null of a truncated
 * product over count data, where Zaykin's closed form (which assumes uniform
 * p-values) is far too conservative: most cells of a rare topic cannot reach a
 * small p-value at all, and on generated data the closed form found none of
 * the surges of 3 communes that the exact null finds.
 */
export function sumUpperTail(observed: number, terms: readonly DiscreteTerm[], cap: number): number {
  if (observed <= 0) return 1;
  const target = Math.min(observed, cap);
  let distribution = new Float64Array(cap + 1);
  distribution[0] = 1;
  let reach = 0;
  for (const term of terms) {
    // The term's values and probabilities in flat arrays: the same sums in the same order, without a pair read per step.
    const size = term.length;
    const values = new Int32Array(size);
    const probabilities = new Float64Array(size);
    let largest = 0;
    for (let index = 0; index < size; index++) {
      const [value, probability] = term[index] as readonly [number, number];
      values[index] = value;
      probabilities[index] = probability;
      if (value > largest) largest = value;
    }
    const next = new Float64Array(cap + 1);
    for (let at = 0; at <= reach; at++) {
      const mass = distribution[at] as number;
      if (mass === 0) continue;
      for (let index = 0; index < size; index++) {
        const to = Math.min(cap, at + (values[index] as number));
        next[to] = (next[to] as number) + mass * (probabilities[index] as number);
      }
    }
    reach = Math.min(cap, reach + largest);
    distribution = next;
  }
  let tail = 0;
  for (let at = target; at <= cap; at++) tail += distribution[at] as number;
  return Math.min(1, Math.max(0, tail));
}
