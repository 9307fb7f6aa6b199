import { describe, expect, it } from "vitest";
import { searchFromState, stateFromSearch } from "./state.ts";

describe("search state in the address", () => {
  it("reads the query, sort and repeated filters, ignoring unknown keys", () => {
    expect(stateFromSearch("?q=%C4%91%E1%BA%A5t+%C4%91ai&sap-xep=lien-quan&linh_vuc=kinh-te&linh_vuc=xa-hoi&don_vi=xa-ky-hoa&la=1")).toEqual({
      query: "đất đai",
      sort: "lien-quan",
      filters: { linh_vuc: ["kinh-te", "xa-hoi"], don_vi: ["xa-ky-hoa"] },
    });
  });

  it("normalises an NFD query to NFC", () => {
    expect(stateFromSearch(`?q=${encodeURIComponent("đất".normalize("NFD"))}`).query).toBe("đất");
  });

  it("round-trips, with a stable order of keys and values", () => {
    const state = stateFromSearch("?nam=2026&linh_vuc=xa-hoi&linh_vuc=kinh-te&q=den+bu");
    expect(searchFromState(state)).toBe("?q=den+bu&linh_vuc=kinh-te&linh_vuc=xa-hoi&nam=2026");
    expect(stateFromSearch(searchFromState(state))).toEqual({ ...state, filters: { linh_vuc: ["kinh-te", "xa-hoi"], nam: ["2026"] } });
    expect(searchFromState({ query: " ", sort: "ngay", filters: {} })).toBe("");
  });

  it("orders by relevance with a query and newest first without one, unless the address says otherwise", () => {
    expect(stateFromSearch("?q=dat+dai").sort).toBe("lien-quan");
    expect(stateFromSearch("?linh_vuc=kinh-te").sort).toBe("ngay");
    expect(stateFromSearch("?q=dat+dai&sap-xep=ngay").sort).toBe("ngay");
    expect(searchFromState({ query: "dat dai", sort: "lien-quan", filters: {} })).toBe("?q=dat+dai");
    expect(searchFromState({ query: "dat dai", sort: "ngay", filters: {} })).toBe("?q=dat+dai&sap-xep=ngay");
    expect(searchFromState({ query: "", sort: "lien-quan", filters: {} })).toBe("?sap-xep=lien-quan");
  });
});
