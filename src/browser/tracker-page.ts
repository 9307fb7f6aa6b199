/**
 * The follow-up tracker in the browser: narrows the waiting list and the rates
 * over time by unit (with its subtree), organisation and authority, keeping the
 * choice in the address. Reads the page's JSON data block; builds the rates with
 * the same function as the page built at publish time. No inline script: the
 * site's Content-Security-Policy allows only files from the site itself.
 */
import { type Narrowing, narrowItems, rateCellText, ratesOverTime, type TrackerData } from "../core/reports/tracker.ts";

const PARAMS = { unit: "don-vi", organisation: "to-chuc", authority: "co-quan" } as const;

export function startTrackerPage(): void {
  const form = document.getElementById("loc-theo-doi") as HTMLFormElement | null;
  const block = document.getElementById("du-lieu-theo-doi");
  if (!form || !block) return;
  const data = JSON.parse(block.textContent ?? "{}") as TrackerData;
  const select = (key: keyof typeof PARAMS) => form.elements.namedItem(PARAMS[key]) as HTMLSelectElement;
  const rows = [...document.querySelectorAll<HTMLTableRowElement>("#cho-tra-loi tbody tr")];
  const status = document.getElementById("so-muc-hien");
  const rates = document.querySelector<HTMLTableSectionElement>("#theo-thoi-gian tbody");

  const fromAddress = new URLSearchParams(location.search);
  for (const key of Object.keys(PARAMS) as (keyof typeof PARAMS)[]) {
    const value = fromAddress.get(PARAMS[key]);
    if (value && [...select(key).options].some((option) => option.value === value)) select(key).value = value;
  }

  const apply = () => {
    const narrowing: Narrowing = { unit: select("unit").value, organisation: select("organisation").value, authority: select("authority").value };
    let shown = 0;
    let overdue = 0;
    for (const row of rows) {
      const keep =
        (!narrowing.unit || (row.dataset.units ?? "").split(" ").includes(narrowing.unit)) &&
        (!narrowing.organisation || row.dataset.organisation === narrowing.organisation) &&
        (!narrowing.authority || row.dataset.authority === narrowing.authority);
      row.hidden = !keep;
      if (keep) {
        shown++;
        if (row.dataset.overdue === "true") overdue++;
      }
    }
    if (status)
      status.textContent = `Đang hiện ${shown.toLocaleString("vi-VN")} trong ${rows.length.toLocaleString("vi-VN")} nội dung chờ trả lời (${overdue.toLocaleString("vi-VN")} quá hạn).`;
    if (rates) {
      const lines = ratesOverTime(data, narrowItems(data, narrowing)).map((row) => {
        const line = document.createElement("tr");
        const head = document.createElement("th");
        head.scope = "row";
        head.textContent = row.authority;
        line.append(head);
        for (const cell of row.cells) {
          const td = document.createElement("td");
          td.className = "number";
          td.textContent = rateCellText(cell);
          line.append(td);
        }
        return line;
      });
      rates.replaceChildren(...lines);
    }
    const address = new URLSearchParams();
    for (const key of Object.keys(PARAMS) as (keyof typeof PARAMS)[]) if (select(key).value) address.set(PARAMS[key], select(key).value);
    const search = address.toString();
    history.replaceState(null, "", `${location.pathname}${search ? `?${search}` : ""}`);
  };

  form.addEventListener("change", apply);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply();
  });
  apply();
}
