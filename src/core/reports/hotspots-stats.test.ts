import { describe, expect, it } from "vitest";
import { benjaminiHochberg, logGamma, negativeBinomialPmf, negativeBinomialUpperTail, poissonUpperTail, sumUpperTail } from "./hotspots-stats.ts";

// Reference values from SciPy 1.17 (poisson.sf, nbinom.sf) and R's p.adjust(method = "BH").
describe("tails", () => {
  it("ln Γ matches factorials and Γ(1/2)", () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(171.5)).toBeCloseTo(709.1431630309283, 8);
  });

  it("Poisson upper tail, large and tiny", () => {
    expect(poissonUpperTail(3, 1)).toBeCloseTo(0.08030139707139418, 14);
    expect(poissonUpperTail(10, 2) / 4.649807501726386e-5).toBeCloseTo(1, 10);
    expect(poissonUpperTail(50, 10) / 1.8547268838698457e-19).toBeCloseTo(1, 8);
    expect(poissonUpperTail(1, 0.3)).toBeCloseTo(0.25918177931828207, 14);
    expect(poissonUpperTail(0, 5)).toBe(1);
    expect(poissonUpperTail(2, 0)).toBe(0);
  });

  it("negative-binomial upper tail, and Poisson as its limit", () => {
    expect(negativeBinomialUpperTail(6, 1.2, 2.5)).toBeCloseTo(0.010481233977045354, 13);
    expect(negativeBinomialUpperTail(1, 1.2, 2.5)).toBeCloseTo(0.6247283890947835, 13);
    expect(negativeBinomialUpperTail(4, 0.05, 0.3) / 5.594645246043817e-5).toBeCloseTo(1, 9);
    expect(negativeBinomialUpperTail(10, 2, 1e7) / poissonUpperTail(10, 2)).toBeCloseTo(1, 4);
    expect(negativeBinomialUpperTail(10, 2, Number.POSITIVE_INFINITY)).toBe(poissonUpperTail(10, 2));
  });
});

describe("Benjamini–Hochberg", () => {
  it("matches R's p.adjust", () => {
    // p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "BH") = 0.025 0.05 0.05 0.025 0.5
    const adjusted = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.5]);
    expect(adjusted.map((q) => Number(q.toFixed(10)))).toEqual([0.025, 0.05, 0.05, 0.025, 0.5]);
  });
});

describe("negative-binomial probabilities", () => {
  it("match SciPy and sum to one", () => {
    // nbinom.pmf(2, 2.5, 2.5 / 3.7) and poisson.pmf(3, 2)
    expect(negativeBinomialPmf(2, 1.2, 2.5)).toBeCloseTo(0.17269621246916472, 12);
    expect(negativeBinomialPmf(3, 2, Number.POSITIVE_INFINITY)).toBeCloseTo(0.18044704431548356, 14);
    let total = 0;
    for (let x = 0; x < 200; x++) total += negativeBinomialPmf(x, 3.3, 0.7);
    expect(total).toBeCloseTo(1, 10);
    expect(negativeBinomialPmf(4, 1.2, 2.5) + negativeBinomialUpperTail(5, 1.2, 2.5)).toBeCloseTo(negativeBinomialUpperTail(4, 1.2, 2.5), 14);
  });
});

describe("exact tail of a sum of discrete terms", () => {
  it("matches enumeration of every combination", () => {
    const terms = [
      [
        [0, 0.9],
        [3, 0.07],
        [5, 0.03],
      ],
      [
        [0, 0.8],
        [2, 0.2],
      ],
      [
        [0, 0.5],
        [1, 0.25],
        [4, 0.25],
      ],
    ] as const;
    let brute = 0;
    for (const [a, pa] of terms[0]) for (const [b, pb] of terms[1]) for (const [c, pc] of terms[2]) if (a + b + c >= 6) brute += pa * pb * pc;
    expect(sumUpperTail(6, terms, 100)).toBeCloseTo(brute, 14);
    expect(sumUpperTail(6, terms, 6)).toBeCloseTo(brute, 14);
    expect(sumUpperTail(0, terms, 100)).toBe(1);
    expect(sumUpperTail(12, terms, 100)).toBe(0);
  });
});
