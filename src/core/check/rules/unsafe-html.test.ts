import { describe, expect, it } from "vitest";
import { checkWith as check, observation } from "../../../test-support/check-fixture.ts";

describe("unsafe HTML in bodies", () => {
  it.each([
    ["<script>", "<script>alert(1)</script>"],
    ["<iframe>", '<iframe src="https://example.com"></iframe>'],
    ["an event handler", '<img src="x" onerror="alert(1)">'],
    ["a javascript: link", "[bấm vào đây](javascript:alert(1))"],
  ])("rejects %s", (_, html) => {
    const issues = check(observation("Bà con đề nghị", `${html}\n\nBà con đề nghị`));
    expect(issues.some((issue) => issue.rule === "unsafe-html" && issue.line === 30)).toBe(true);
  });
});
