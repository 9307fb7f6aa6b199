/** Writing an import's new files: folders made, every byte written, an existing file never touched, and a failure naming only what it made. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WriteFailure, writeNewFiles } from "./import-working-files.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "dan-y-new-files-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = (path: string, text: string) => ({ path: join(dir, path), bytes: new TextEncoder().encode(text) });

describe("writeNewFiles", () => {
  it("writes every file into folders it makes, and returns the paths in the order given", async () => {
    const files = Array.from({ length: 50 }, (_, index) =>
      file(`observations/2026/${String((index % 3) + 1).padStart(2, "0")}/xa/${index}.md`, `Ý kiến số ${index}\n`),
    );
    const written = await writeNewFiles(files);
    expect(written).toEqual(files.map((entry) => entry.path));
    expect(readFileSync(join(dir, "observations/2026/02/xa/4.md"), "utf8")).toBe("Ý kiến số 4\n");
  });

  it("never overwrites a file that is there, and names only the files it created so the caller removes just those", async () => {
    mkdirSync(join(dir, "a"));
    writeFileSync(join(dir, "a", "25.md"), "đã có từ trước\n");
    const files = Array.from({ length: 40 }, (_, index) => file(`a/${index}.md`, `mới ${index}\n`));
    const failure = await writeNewFiles(files).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WriteFailure);
    const { written, cause } = failure as WriteFailure;
    expect((cause as NodeJS.ErrnoException).code).toBe("EEXIST");
    expect(written).not.toContain(join(dir, "a", "25.md"));
    expect(written.length).toBeGreaterThan(0);
    for (const path of written) expect(existsSync(path)).toBe(true);
    // It stops starting new writes after the failure: the last files were never begun.
    expect(existsSync(join(dir, "a", "39.md"))).toBe(false);
    expect(readFileSync(join(dir, "a", "25.md"), "utf8")).toBe("đã có từ trước\n");
  });

  it("writes over a file only when told it is the caller's own (cut short by an interrupted import)", async () => {
    mkdirSync(join(dir, "b"));
    writeFileSync(join(dir, "b", "cut.md"), "---\ntit");
    const written = await writeNewFiles([{ ...file("b/cut.md", "---\ntitle: Đủ\n---\n"), replace: true }, file("b/new.md", "mới\n")]);
    expect(written).toEqual([join(dir, "b", "cut.md"), join(dir, "b", "new.md")]);
    expect(readFileSync(join(dir, "b", "cut.md"), "utf8")).toBe("---\ntitle: Đủ\n---\n");
  });
});
