/**
 * Bar charts drawn at build time as SVG with Observable Plot (no client script).
 * Plot's own <style> element and style attributes are removed, since the site's
 * Content-Security-Policy allows no inline styles; site.css styles `.chart`.
 * Every chart is paired with a table of the same numbers on its page. Bars are
 * one dark shade on white with a labelled axis, so a chart reads the same when
 * printed in greyscale; series are drawn as small multiples (one small chart per
 * series, on a shared scale) rather than as colours a grey printout would merge.
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

export interface Bar {
  label: string;
  value: number;
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Small multiples: a smaller chart with fewer ticks. */
  small?: boolean;
  /** The top of the value axis, shared by small multiples so that their bars compare. */
  yMax?: number;
}

const drawn = new Map<string, string>();

export function barChart(bars: readonly Bar[], options: ChartOptions): string {
  // Many pages draw the same numbers (every empty trend looks alike): draw each once.
  const key = JSON.stringify([bars, options]);
  const known = drawn.get(key);
  if (known) return known;
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const small = options.small === true;
  const top = Math.max(options.yMax ?? 0, ...bars.map((bar) => bar.value), 1);
  const svg = Plot.plot({
    document,
    width: small ? 340 : 720,
    height: small ? 150 : 260,
    marginBottom: small ? 40 : 50,
    marginLeft: small ? 36 : 48,
    x: { type: "band", label: small ? null : options.xLabel, domain: bars.map((bar) => bar.label), tickRotate: -30 },
    y: {
      grid: true,
      label: options.yLabel,
      domain: [0, top],
      ticks: small ? 3 : 6,
      tickFormat: (value: number) => (Number.isInteger(value) ? String(value) : ""),
    },
    marks: [Plot.barY(bars, { x: "label", y: "value", fill: "#7a1616" }), Plot.ruleY([0])],
  }) as unknown as Element;
  for (const style of [...svg.querySelectorAll("style")]) style.remove();
  for (const element of [svg, ...svg.querySelectorAll("[style]")]) element.removeAttribute("style");
  svg.setAttribute("class", small ? "chart small" : "chart");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", options.title);
  const title = document.createElement("title");
  title.textContent = options.title;
  svg.insertBefore(title, svg.firstChild);
  const out = svg.outerHTML;
  drawn.set(key, out);
  return out;
}

/**
 * A chart drawn when a page shows it: its bars and options are what a view holds (and what a
 * page's cache key hashes), its SVG is drawn on first use. A publish computes every page's view
 * for its cache key; drawing every chart then took a third of the consolidated reports' view time.
 */
export class LazyChart {
  readonly label: string;
  readonly bars: readonly Bar[];
  readonly options: ChartOptions;

  constructor(bars: readonly Bar[], options: ChartOptions, label: string = options.title) {
    this.bars = bars;
    this.options = options;
    this.label = label;
  }

  get svg(): string {
    return barChart(this.bars, this.options);
  }
}

/** One small chart of a series. */
export type SeriesChart = LazyChart;

/** One small chart per series, on one shared scale, oldest period first. */
export function smallMultiples(
  columns: readonly string[],
  series: readonly { label: string; counts: readonly number[] }[],
  what: string,
  xLabel: string,
): SeriesChart[] {
  const yMax = Math.max(1, ...series.flatMap((item) => item.counts));
  return series.map(
    (item) =>
      new LazyChart(
        columns.map((label, index) => ({ label, value: item.counts[index] ?? 0 })),
        { title: `${item.label}: ${what}`, xLabel, yLabel: "Số thông tin", small: true, yMax },
        item.label,
      ),
  );
}
