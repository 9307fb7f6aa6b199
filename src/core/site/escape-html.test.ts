import { expect, it } from "vitest";
import { escapeHtml } from "./escape-html.ts";

it("escapes the five characters that could open markup or close an attribute", () => {
  expect(escapeHtml(`<a href="x" title='y'>Đất & nhà</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Đất &amp; nhà&lt;/a&gt;");
});
