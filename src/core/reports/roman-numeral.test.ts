import { describe, expect, it } from "vitest";
import { romanNumeral } from "./roman-numeral.ts";

describe("romanNumeral", () => {
  it("writes section and quarter numbers as Vietnamese documents do", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(romanNumeral)).toEqual(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]);
    expect(romanNumeral(14)).toBe("XIV");
    expect(romanNumeral(2026)).toBe("MMXXVI");
  });

  it("leaves what has no numeral in digits", () => {
    expect(romanNumeral(0)).toBe("0");
    expect(romanNumeral(1.5)).toBe("1.5");
  });
});
