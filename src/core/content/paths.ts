/**
 * What a path inside the content directory means. Paths carry ids: an entry's id
 * is derived from where it sits, so a file cannot claim to be elsewhere.
 */
import { PERIOD_PATTERN } from "../../../schemas/report.ts";

export const REFERENCE_FILES = {
  "levels.yaml": "levels",
  "organisations.yaml": "organisations",
  "fields.yaml": "fields",
  "channels.yaml": "channels",
  "schedule.yaml": "schedule",
  "urgencies.yaml": "urgencies",
  "statuses.yaml": "statuses",
  "tags.yaml": "tags",
} as const;

export type ReferenceKind = (typeof REFERENCE_FILES)[keyof typeof REFERENCE_FILES];

export type ContentPath =
  | { kind: "reference"; reference: ReferenceKind }
  | { kind: "unit"; id: string }
  | { kind: "body"; id: string; unit: string; organisation: string }
  | { kind: "observation"; id: string; year: string; month: string; unit: string; date: string; slug: string }
  | { kind: "report"; id: string; period: string; unit: string; organisation: string }
  | { kind: "request"; id: string; date: string; slug: string }
  | { kind: "unknown"; message: string };

const SEGMENT = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PLAIN_PATH = /^[a-z0-9]+(?:[-.][a-z0-9]+)*(?:\/[a-z0-9]+(?:[-.][a-z0-9]+)*)*$/;

/** Why a path segment is not allowed, or undefined when it is. */
export function segmentProblem(segment: string): string | undefined {
  if (segment === ".." || segment === ".") return `Đường dẫn không được chứa "${segment}"`;
  if (/\s/.test(segment)) return `Tên "${segment}" chứa dấu cách; hãy dùng dấu gạch ngang`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: \x00-\x7f is the ASCII range; anything outside it is refused.
  if (/[^\x00-\x7f]/.test(segment)) return `Tên "${segment}" chứa chữ có dấu; hãy viết không dấu (ví dụ: xa-ky-hoa)`;
  if (/[A-Z]/.test(segment)) return `Tên "${segment}" chứa chữ hoa; hãy viết chữ thường`;
  if (!SEGMENT.test(segment)) return `Tên "${segment}" chỉ được gồm chữ thường không dấu, chữ số, dấu gạch ngang và phần mở rộng`;
  return undefined;
}

const EXPECTED = {
  units: "units/<mã-đơn-vị>.yaml",
  bodies: "bodies/<mã-đơn-vị>/<mã-tổ-chức>.yaml",
  observations: "observations/<năm>/<tháng>/<mã-đơn-vị>/<năm-tháng-ngày>-<tên-ngắn>.md",
  reports: "reports/<kỳ>/<mã-đơn-vị>/<mã-tổ-chức>.md",
  requests: "requests/<năm-tháng-ngày>-<tên-ngắn>.yaml",
};

function wrongPlace(relative: string, top: keyof typeof EXPECTED): ContentPath {
  return { kind: "unknown", message: `Tệp "${relative}" không đúng vị trí: cần dạng ${EXPECTED[top]}` };
}

function withExtension(name: string, extension: ".md" | ".yaml"): string | undefined {
  return name.endsWith(extension) ? name.slice(0, -extension.length) : undefined;
}

/** Classifies a path relative to the content directory (with `/`). */
export function classifyPath(relative: string): ContentPath {
  const segments = relative.split("/");
  // Almost every path is plain: one test instead of one per segment.
  if (!PLAIN_PATH.test(relative)) {
    for (const segment of segments) {
      const problem = segmentProblem(segment);
      if (problem) return { kind: "unknown", message: problem };
    }
  }
  const [top, ...rest] = segments as [string, ...string[]];
  if (rest.length === 0) {
    const reference = REFERENCE_FILES[top as keyof typeof REFERENCE_FILES];
    if (reference) return { kind: "reference", reference };
    return {
      kind: "unknown",
      message: `Tệp "${top}" không thuộc cấu trúc nội dung; ở thư mục gốc chỉ có: ${Object.keys(REFERENCE_FILES).join(", ")} và các thư mục units, bodies, observations, reports`,
    };
  }
  const last = rest[rest.length - 1] as string;
  const extension = top === "observations" || top === "reports" ? ".md" : ".yaml";
  if (top in EXPECTED && !last.endsWith(extension)) {
    return {
      kind: "unknown",
      message: `Tệp "${last}" có phần mở rộng không được chấp nhận ở đây: cần ${extension}${last.endsWith(".mdx") ? " (không chấp nhận .mdx vì MDX chạy được mã)" : ""}`,
    };
  }
  switch (top) {
    case "units": {
      const id = withExtension(last, ".yaml");
      if (rest.length !== 1 || !id || !SLUG.test(id)) return wrongPlace(relative, top);
      return { kind: "unit", id };
    }
    case "bodies": {
      const organisation = withExtension(last, ".yaml");
      const unit = rest[0] as string;
      if (rest.length !== 2 || !organisation || !SLUG.test(organisation) || !SLUG.test(unit)) return wrongPlace(relative, top);
      return { kind: "body", id: `${unit}/${organisation}`, unit, organisation };
    }
    case "observations": {
      const name = withExtension(last, ".md");
      const [year, month, unit] = rest as [string, string, string];
      const match = name ? /^(\d{4}-\d{2}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(name) : null;
      if (rest.length !== 4 || !match || !/^\d{4}$/.test(year) || !/^\d{2}$/.test(month) || !SLUG.test(unit)) {
        return wrongPlace(relative, top);
      }
      const [, date, slug] = match as unknown as [string, string, string];
      return { kind: "observation", id: `${unit}/${date}-${slug}`, year, month, unit, date, slug };
    }
    case "reports": {
      const organisation = withExtension(last, ".md");
      const [period, unit] = rest as [string, string];
      if (rest.length !== 3 || !organisation || !PERIOD_PATTERN.test(period) || !SLUG.test(unit) || !SLUG.test(organisation)) {
        return wrongPlace(relative, top);
      }
      return { kind: "report", id: `${period}/${unit}/${organisation}`, period, unit, organisation };
    }
    case "requests": {
      const match = /^(\d{4}-\d{2}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(withExtension(last, ".yaml") ?? "");
      if (rest.length !== 1 || !match) return wrongPlace(relative, top);
      const [id, date, slug] = match as unknown as [string, string, string];
      return { kind: "request", id, date, slug };
    }
    default:
      return { kind: "unknown", message: `Thư mục "${top}" không thuộc cấu trúc nội dung` };
  }
}

export const observationPath = (unit: string, date: string, slug: string): string =>
  `observations/${date.slice(0, 4)}/${date.slice(5, 7)}/${unit}/${date}-${slug}.md`;

export const reportPath = (period: string, unit: string, organisation: string): string => `reports/${period}/${unit}/${organisation}.md`;
