import { afterEach, expect, test } from "vitest";
import { pagefindProcesses } from "./search-index.ts";

afterEach(() => {
  delete process.env.DAN_Y_PAGEFIND_PROCESSES;
});

test("DAN_Y_PAGEFIND_PROCESSES: the default when unset, a whole number when set, else a Vietnamese refusal naming it", () => {
  expect(pagefindProcesses(2)).toBe(2);
  process.env.DAN_Y_PAGEFIND_PROCESSES = "3";
  expect(pagefindProcesses(1)).toBe(3);
  for (const bad of ["x", "0", "1.5", "-2"]) {
    process.env.DAN_Y_PAGEFIND_PROCESSES = bad;
    expect(() => pagefindProcesses(1)).toThrow(`DAN_Y_PAGEFIND_PROCESSES="${bad}" không hợp lệ: cần một số nguyên từ 1 trở lên`);
  }
});
