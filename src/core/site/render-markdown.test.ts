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
