/**
 * Bar charts drawn at build time as SVG with Observable Plot (no client script).
 * Plot's own <style> element and style attributes are removed, since the site's
 * Content-Security-Policy allows no inline styles; site.css styles `.chart`.
 * Every chart is paired with a table of the same numbers on its page.
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

export interface Bar {
  label: string;
  value: number;
}

export function barChart(bars: readonly Bar[], options: { title: string; xLabel: string; yLabel: string }): string {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const svg = Plot.plot({
    document,
    width: 720,
    height: 260,
    marginBottom: 50,
    x: { type: "band", label: options.xLabel, domain: bars.map((bar) => bar.label), tickRotate: -30 },
    y: { grid: true, label: options.yLabel },
    marks: [Plot.barY(bars, { x: "label", y: "value", fill: "#9b1c1c" }), Plot.ruleY([0])],
  }) as unknown as Element;
  for (const style of [...svg.querySelectorAll("style")]) style.remove();
  for (const element of [svg, ...svg.querySelectorAll("[style]")]) element.removeAttribute("style");
  svg.setAttribute("class", "chart");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", options.title);
  return svg.outerHTML;
}
