import { expect, it } from "vitest";
import { renderMarkdown } from "./render-markdown.ts";

it("renders Markdown and drops scripts, event handlers and javascript: links", () => {
  const html = renderMarkdown(
    '# Tiêu đề\n\nĐoạn **đậm** và [liên kết](https://example.vn).\n\n<script>alert(1)</script>\n\n<img src="x" onerror="alert(1)">\n\n[bấm](javascript:alert(1))\n\n<iframe src="https://example.com"></iframe>',
  );
  expect(html).toContain("<h1>Tiêu đề</h1>");
  expect(html).toContain("<strong>đậm</strong>");
  expect(html).toContain('<a href="https://example.vn">liên kết</a>');
  for (const unsafe of ["<script", "onerror", "javascript:", "<iframe"]) expect(html).not.toContain(unsafe);
});

it("demotes headings under the page's own", () => {
  expect(renderMarkdown("# Báo cáo\n\n## I. Kinh tế", 2)).toBe("<h3>Báo cáo</h3>\n<h4>I. Kinh tế</h4>");
});

/** The text rendered in one piece by the same unified pipeline, to compare the piecewise rendering with. */
async function renderWhole(text: string): Promise<string> {
  return String(
    (await import("unified"))
      .unified()
      .use((await import("remark-parse")).default)
      .use((await import("remark-rehype")).default)
      .use((await import("rehype-sanitize")).default)
      .use((await import("rehype-stringify")).default)
      .processSync(text),
  );
}

it("renders a long text piece by piece exactly as it renders whole", async () => {
  const { pieces } = await import("./render-markdown.ts");
  const section = (n: number) =>
    `# Phần ${n}\n\nĐoạn **đậm** ${n} với [liên kết](https://example.vn/${n}).\n\n- mục một\n- mục hai\n\n  tiếp mục hai\n\n> trích dẫn\ntiếp theo\n\n\`\`\`\nmã\n\nvẫn là mã\n\`\`\`\n\n1. một\n2. hai\n\nKết đoạn.\n`;
  const text = Array.from({ length: 120 }, (_, n) => section(n)).join("\n");
  expect(pieces(text).length).toBeGreaterThan(3);
  expect(pieces(text).join("\n")).toBe(text);
  const whole = await renderWhole(text);
  expect(renderMarkdown(text)).toBe(whole);
});

it("names the content file when rendering fails", async () => {
  const { ContentRenderError } = await import("../errors.ts");
  // Not a string: the parser throws, as a stack overflow would.
  const failing = () => renderMarkdown(undefined as unknown as string, 0, "content/observations/2026/03/xa-ky-hoa/2026-03-14-a.md");
  expect(failing).toThrow(ContentRenderError);
  expect(failing).toThrow(/^content\/observations\/2026\/03\/xa-ky-hoa\/2026-03-14-a\.md: không dựng được nội dung Markdown/);
});

it("cuts before headings that follow each other without blank lines, and renders them alike", async () => {
  const { pieces } = await import("./render-markdown.ts");
  const text = Array.from({ length: 3000 }, (_, n) => `# Mục ${n}\nđoạn ${n}`).join("\n");
  expect(pieces(text).length).toBeGreaterThan(10);
  const whole = await renderWhole(text);
  expect(renderMarkdown(text)).toBe(whole);
  expect(renderMarkdown(text)).toContain("<h1>Mục 2999</h1>\n<p>đoạn 2999</p>");
});

it("cuts at fences, rules and fresh paragraphs but never inside fenced code or HTML blocks, and renders alike", async () => {
  const { cutPoints, pieces } = await import("./render-markdown.ts");
  const section = (n: number) =>
    [
      `**Mục ${n}** mở đầu`,
      "***",
      "```",
      "# không phải tiêu đề",
      "",
      "vẫn là mã",
      "```",
      "<!--",
      "",
      `ẩn ${n}`,
      "-->",
      "<div>",
      "# trong HTML",
      "",
      "- mục",
      "",
      "*a* tiếp",
      "```a``` mã trong dòng",
      "___",
      `Kết ${n}`,
      "Tiêu đề gạch chân",
      "---",
      "",
    ].join("\n");
  const text = Array.from({ length: 200 }, (_, n) => section(n)).join("\n");
  const lines = text.split("\n");
  const { cuts } = cutPoints(text);
  for (const cut of cuts) expect(lines[cut]).not.toMatch(/^(# không phải|vẫn là mã|ẩn|# trong HTML|\s|-)/);
  expect(cuts.map((cut) => lines[cut])).toContain("***");
  expect(pieces(text).length).toBeGreaterThan(3);
  expect(pieces(text).join("\n")).toBe(text);
  expect(renderMarkdown(text)).toBe(await renderWhole(text));
});
