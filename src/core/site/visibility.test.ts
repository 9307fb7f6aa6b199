import { expect, it } from "vitest";
import type { ObservationEntry } from "../content/content-model.ts";
import { shownDetails } from "./visibility.ts";

const entry = (confidentiality: string) =>
  ({
    confidentiality,
    body: "Nội dung",
    location: "Thôn Trung Hòa",
    forwarded_to: "Thanh tra huyện",
    follow_up: [
      { date: "2026-03-16", status: "da-chuyen", authority: "Thanh tra huyện", note: "Ghi chú" },
      { date: "2026-04-02", status: "da-tra-loi" },
    ],
  }) as unknown as ObservationEntry;

it("shows a normal observation's details and withholds a restricted one's, its authorities included", () => {
  expect(shownDetails(entry("binh-thuong"))).toEqual({
    restricted: false,
    body: "Nội dung",
    location: "Thôn Trung Hòa",
    notes: ["Ghi chú", undefined],
    authorities: ["Thanh tra huyện", undefined],
    forwardedTo: "Thanh tra huyện",
  });
  expect(shownDetails(entry("han-che"))).toEqual({
    restricted: true,
    body: undefined,
    location: undefined,
    notes: [undefined, undefined],
    authorities: [undefined, undefined],
    forwardedTo: undefined,
  });
});
