/** Roman numerals, as Vietnamese documents number their sections (I, II, … VII) and quarters (quý I … IV). */
const NUMERALS: readonly (readonly [number, string])[] = [
  [1000, "M"],
  [900, "CM"],
  [500, "D"],
  [400, "CD"],
  [100, "C"],
  [90, "XC"],
  [50, "L"],
  [40, "XL"],
  [10, "X"],
  [9, "IX"],
  [5, "V"],
  [4, "IV"],
  [1, "I"],
];

/** `1` → `I`, `7` → `VII`, `14` → `XIV`; numbers below 1 (or not whole) are written in digits. */
export function romanNumeral(value: number): string {
  if (!Number.isInteger(value) || value < 1) return String(value);
  let rest = value;
  let out = "";
  for (const [amount, letters] of NUMERALS) {
    while (rest >= amount) {
      out += letters;
      rest -= amount;
    }
  }
  return out;
}
