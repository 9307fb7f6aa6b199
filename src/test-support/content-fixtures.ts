/** A small valid content tree for tests, as `relative path → text`. Tests change or add files to it. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ContentFile } from "../core/content/load-content.ts";
import { REFERENCE_FILES } from "../core/content/paths.ts";

const REFERENCE = Object.keys(REFERENCE_FILES);

/** The real reference lists of the repository: they are data, and tests should see the same. */
function referenceFiles(): Record<string, string> {
  const root = join(import.meta.dirname, "..", "..", "content");
  return Object.fromEntries(REFERENCE.map((name) => [name, readFileSync(join(root, name), "utf8")]));
}

export const VALID_OBSERVATION_PATH = "observations/2026/03/xa-ky-hoa/2026-03-14-duong-lien-thon.md";

export const VALID_OBSERVATION = `---
title: Người dân phản ánh đường liên thôn xuống cấp
observed_on: 2026-03-14
recorded_on: 2026-03-15
unit: xa-ky-hoa
organisation: mttq
field: kinh-te
subtopics: [nong-nghiep-nong-thon]
channel: hom-thu-gop-y
urgency: thuong-xuyen
location: Thôn Trung Hòa
people_count: 40
tags: [giao-thong]
status: da-tra-loi
forwarded_to: UBND xã Kỳ Hoa
follow_up:
  - date: 2026-03-16
    status: da-chuyen
    authority: UBND xã Kỳ Hoa
    note: Chuyển văn bản đề nghị sửa chữa
  - date: 2026-04-02
    status: da-tra-loi
    authority: UBND xã Kỳ Hoa
related: []
confidentiality: binh-thuong
---

Tuyến đường liên thôn bị sụt lún nhiều đoạn sau mùa mưa.

Bà con đề nghị sửa chữa trước mùa mưa năm sau.
`;

export const VALID_REPORT_PATH = "reports/2026-03/xa-ky-hoa/mttq.md";

export const VALID_REPORT = `---
unit: xa-ky-hoa
organisation: mttq
period: 2026-03
title: Báo cáo tình hình Nhân dân tháng 3/2026
author: ky-hoa-mttq-le-van-binh
submitted_on: 2026-03-19
consolidates:
  observations: [xa-ky-hoa/2026-03-14-duong-lien-thon]
  reports: []
---

# Báo cáo tình hình Nhân dân tháng 3/2026

## I. Lĩnh vực kinh tế

Đường liên thôn xuống cấp.
`;

/** An ad-hoc request of the provincial MTTQ, valid against `minimalContent()` (file `requests/2026-11-23-mua-lu.yaml`). */
export const VALID_REQUEST = `title: Tình hình Nhân dân sau đợt mưa lũ
requested_by: ha-tinh/mttq
about: Ý kiến của Nhân dân về công tác cứu trợ.
issued_on: 2026-11-23
due: 2026-12-03
bodies: [xa-ky-hoa/hoi-nong-dan]
levels:
  - level: xa
    organisations: [mttq]
`;

export function minimalContent(): Record<string, string> {
  return {
    ...referenceFiles(),
    "units/ha-tinh.yaml": 'name: Tỉnh Hà Tĩnh\nlevel: tinh\ncode: "42"\n',
    "units/huyen-ky-anh.yaml": "name: Huyện Kỳ Anh\nlevel: huyen\nparent: ha-tinh\nvalid_to: 2025-06-30\n",
    "units/xa-ky-hoa-cu.yaml": "name: Xã Kỳ Hoa\nlevel: xa\nparent: huyen-ky-anh\nvalid_to: 2025-06-30\nmerged_into: [xa-ky-hoa]\n",
    "units/xa-ky-hoa.yaml": "name: Xã Kỳ Hoa\nlevel: xa\nparent: ha-tinh\nvalid_from: 2025-07-01\n",
    "bodies/xa-ky-hoa/mttq.yaml":
      'focal_points:\n  - id: ky-hoa-mttq-le-van-binh\n    name: Lê Văn Bình\n    title: Phó Chủ tịch Ủy ban MTTQ xã\n    phone: "0912 000 111"\n    email: binh@example.vn\n',
    [VALID_OBSERVATION_PATH]: VALID_OBSERVATION,
    [VALID_REPORT_PATH]: VALID_REPORT,
  };
}

/** In-memory files as the adapter would give them, under `content/`. */
export function toContentFiles(tree: Record<string, string | Uint8Array>): ContentFile[] {
  return Object.entries(tree)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([relative, text]) => {
      const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
      return { relative, display: `content/${relative}`, size: bytes.length, symlink: false, bytes };
    });
}
