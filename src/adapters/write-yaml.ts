/** Writes data files as YAML, never over an existing file unless asked. */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { stringify } from "yaml";

export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, defaultStringType: "PLAIN", defaultKeyType: "PLAIN" });
}

/** Creates parent folders; `flag: "wx"` refuses to overwrite. */
export function writeTextFile(path: string, text: string, overwrite = false): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text.normalize("NFC"), { encoding: "utf8", flag: overwrite ? "w" : "wx" });
}
