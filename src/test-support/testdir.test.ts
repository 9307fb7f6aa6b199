import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testdir } from "./testdir.ts";

const atTopLevel = testdir({ "units/ha-tinh.yaml": "name: Tỉnh Hà Tĩnh\n" });
let inBeforeAll = "";
let inBeforeEach = "";
let inFirstTest = "";

beforeAll(() => {
  inBeforeAll = testdir({ "a/b/c.md": "đất đai" }, "dan-y-testdir-");
});
beforeEach(() => {
  inBeforeEach = testdir();
});

describe("testdir", () => {
  it("writes the tree, folders included, in UTF-8", () => {
    inFirstTest = testdir({ "x/y.txt": "Thành Sen", "z.bin": new Uint8Array([1, 2, 3]) });
    expect(readFileSync(join(inFirstTest, "x", "y.txt"), "utf8")).toBe("Thành Sen");
    expect([...readFileSync(join(inFirstTest, "z.bin"))]).toEqual([1, 2, 3]);
    expect(readFileSync(join(inBeforeAll, "a", "b", "c.md"), "utf8")).toBe("đất đai");
    expect(inBeforeAll).toMatch(/dan-y-testdir-/);
  });

  it("removes a test's folder when that test ends, and a beforeEach folder with its test", () => {
    expect(inFirstTest).not.toBe("");
    expect(existsSync(inFirstTest)).toBe(false);
    expect(existsSync(inBeforeEach)).toBe(true);
  });
});

// Runs before testdir's own hook (after-hooks run last-registered first): the file's folders still exist here.
afterAll(() => {
  expect(existsSync(atTopLevel)).toBe(true);
  expect(existsSync(inBeforeAll)).toBe(true);
  expect(existsSync(inBeforeEach)).toBe(false);
});
