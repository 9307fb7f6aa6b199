/**
 * The working-tree side of an import: thousands of new files written at once.
 * Each folder is made once (not once per file), and the files are written a
 * few at a time on libuv's threads, so the kernel's work of creating them runs
 * on both cores instead of one synchronous call after another. A file that
 * exists already is never overwritten, unless the caller says it is its own
 * (`replace`: a file an interrupted import cut short).
 */
import { mkdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { crashPoint } from "./git-store.ts";

export interface NewFile {
  path: string;
  bytes: Uint8Array;
  /** Write over the file there (one the caller knows to be its own, cut short). */
  replace?: boolean;
}

/** How many files are written at a time: libuv's pool has 4 threads; a few more keep them busy. */
const IN_FLIGHT = 8;

/**
 * Writes every file, refusing to overwrite one (`EEXIST`) not marked `replace`. Returns the paths
 * written, in the order given. On a failure it stops starting new writes, waits
 * for those under way, and throws an error carrying in `written` every path it
 * created (a write that failed after creating its file included), so the caller
 * can remove exactly those and nothing that was there before.
 */
export async function writeNewFiles(files: readonly NewFile[]): Promise<string[]> {
  const folders = new Set<string>();
  for (const { path } of files) {
    const folder = dirname(path);
    if (folders.has(folder)) continue;
    mkdirSync(folder, { recursive: true });
    folders.add(folder);
  }
  const created = new Array<boolean>(files.length).fill(false);
  let next = 0;
  let failure: unknown;
  const writer = async () => {
    while (failure === undefined && next < files.length) {
      const index = next++;
      // Tests kill here with writes in flight: some files whole, some cut short, the rest not begun.
      if (index === files.length >> 1) crashPoint("import:mid-files");
      const file = files[index] as NewFile;
      try {
        await writeFile(file.path, file.bytes, { flag: file.replace ? "w" : "wx" });
        created[index] = true;
      } catch (error) {
        // Any failure but "already there" happened to a file this call opened (or never made): it is ours to remove.
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") created[index] = true;
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, files.length) }, writer));
  const written = files.filter((_, index) => created[index]).map((file) => file.path);
  if (failure !== undefined) throw new WriteFailure(failure, written);
  return written;
}

/** A write that failed part-way, with the paths created before it stopped. */
export class WriteFailure extends Error {
  readonly written: string[];
  constructor(cause: unknown, written: string[]) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = "WriteFailure";
    this.written = written;
  }
}
