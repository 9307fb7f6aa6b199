/**
 * A real Word-compatible engine for document tests: LibreOffice headless
 * converts a .docx to PDF, poppler's `pdftotext -layout` gives its text as laid
 * out on the page. Debian: `apt-get install -y libreoffice-writer-nogui poppler-utils`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import JSZip from "jszip";
import { testdir } from "./testdir.ts";

function found(command: string): string | undefined {
  try {
    return execFileSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export const SOFFICE = process.env.SOFFICE_PATH ?? found("soffice") ?? found("libreoffice");
export const PDFTOTEXT = found("pdftotext");
/** Why the rendering tests cannot run here, or undefined when they can. */
export const OFFICE_MISSING =
  SOFFICE && PDFTOTEXT
    ? undefined
    : `${SOFFICE ? "" : "LibreOffice (soffice) "}${PDFTOTEXT ? "" : "pdftotext "}not found: apt-get install -y libreoffice-writer-nogui poppler-utils`;

/** Converts .docx bytes to PDF with LibreOffice and returns the PDF's text with its layout, page by page (form feeds). */
export function docxToLayoutText(bytes: Uint8Array): { text: string; pdf: string } {
  if (!SOFFICE || !PDFTOTEXT) throw new Error(OFFICE_MISSING);
  const dir = mkdtempSync(join(tmpdir(), "dan-y-office-"));
  const input = join(dir, "bao-cao.docx");
  writeFileSync(input, bytes);
  // A profile of its own, so parallel runs do not wait on one another's lock.
  execFileSync(SOFFICE, [`-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`, "--headless", "--convert-to", "pdf", "--outdir", dir, input], {
    stdio: "pipe",
    timeout: 120_000,
  });
  const pdf = join(dir, "bao-cao.pdf");
  if (!existsSync(pdf)) throw new Error(`LibreOffice wrote no PDF for ${input}`);
  const text = execFileSync(PDFTOTEXT, ["-layout", "-enc", "UTF-8", pdf, "-"], { encoding: "utf8" });
  readFileSync(pdf);
  return { text, pdf };
}

/** The document part of a .docx: what two makers of the same document must agree on (the other parts hold timestamps). */
export async function documentXml(bytes: Uint8Array): Promise<string> {
  const xml = await (await JSZip.loadAsync(bytes)).file("word/document.xml")?.async("string");
  if (!xml) throw new Error("no word/document.xml");
  return xml;
}

const PROJECT = join(import.meta.dirname, "..", "..");

/** What `dan-y report docx <id> --today <today>` writes, run as a user runs it, for the content in `contentDir`. */
export function cliDocx(id: string, today: string, contentDir: string): Uint8Array {
  const out = join(testdir(), "cli.docx");
  const run = spawnSync(process.execPath, [join(PROJECT, "bin", "dan-y.js"), "report", "docx", id, "--today", today, "--out", out], {
    cwd: PROJECT,
    env: { ...process.env, CONTENT_DIR: contentDir },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`dan-y report docx ${id} failed (${run.status}): ${run.stderr}`);
  return readFileSync(out);
}
