/** Calendar arithmetic on ISO date strings (`yyyy-mm-dd`), in UTC so no time zone shifts a day. */

export function toIso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function fromParts(year: number, month: number, day: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return toIso(new Date(Date.UTC(year, month - 1, Math.min(day, last))));
}

export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return toIso(date);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `14/03/2026`, as Vietnamese readers write dates. */
export function formatDateVi(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** The calendar day in Vietnam (UTC+7, no daylight saving) of an instant. Example: `2026-11-20T17:00:00Z` → `2026-11-21`. */
export function vietnamDay(instant: string | Date): string {
  const time = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  return new Date(time + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** The date in Vietnam (UTC+7) at `now`, as ISO: "today" for the command line, the site's build and the browser's Word files. Example: `2026-12-01`. */
export function todayInVietnam(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(now);
}
