/** The names a page's table files are saved under, from the page's address. */
import { describe, expect, it } from "vitest";
import { tableCsvName, tablesFileName, tablesXlsxName } from "./downloads.ts";

describe("table file names", () => {
  it("join the page's folders with dashes, the home page being trang-chu, under any base path", () => {
    expect(tablesFileName("/bao-cao/ha-tinh/2026-07/")).toBe("bao-cao-ha-tinh-2026-07");
    expect(tablesFileName("/theo-doi/index.html")).toBe("theo-doi");
    expect(tablesFileName("/")).toBe("trang-chu");
    expect(tablesFileName("/index.html")).toBe("trang-chu");
    expect(tablesFileName("/noi-bo/don-vi/ha-tinh/", "/noi-bo/")).toBe("don-vi-ha-tinh");
    expect(tablesFileName("/noi-bo/", "/noi-bo")).toBe("trang-chu");
    expect(tablesFileName("/don-vi/x%C3%A3/")).toBe("don-vi-xã");
    expect(tablesFileName("/don-vi/%E0%A4%A/")).toBe("don-vi-%E0%A4%A");
    expect(tablesXlsxName("theo-doi")).toBe("theo-doi.xlsx");
    expect(tableCsvName("theo-doi", 2)).toBe("theo-doi-bang-2.csv");
  });
});
