/** Reading iCalendar text back in tests. */
import { expect } from "vitest";

/** A minimal iCalendar reader: unfolds lines (RFC 5545 §3.1) and returns each VEVENT's properties (name with parameters → value). */
export function parseEvents(text: string): Record<string, string>[] {
  expect(text.endsWith("\r\n")).toBe(true);
  const lines = text
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter(Boolean);
  expect(lines[0]).toBe("BEGIN:VCALENDAR");
  expect(lines.at(-1)).toBe("END:VCALENDAR");
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | undefined;
  let depth = 0;
  for (const line of lines) {
    const colon = line.indexOf(":");
    expect(colon).toBeGreaterThan(0);
    const [name, value] = [line.slice(0, colon), line.slice(colon + 1)];
    if (name === "BEGIN" && value === "VEVENT") current = {};
    else if (name === "END" && value === "VEVENT") {
      events.push(current as Record<string, string>);
      current = undefined;
    } else if (name === "BEGIN" && current) depth++;
    else if (name === "END" && current) depth--;
    else if (current && depth === 0) current[name] = value;
    else if (current && name === "TRIGGER") current.TRIGGER = current.TRIGGER ? `${current.TRIGGER},${value}` : value;
  }
  return events;
}
