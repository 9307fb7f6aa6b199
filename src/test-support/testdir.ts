/**
 * Temporary folders for tests, as Changesets' `testdir`: a folder made from a
 * `{ relative path: text }` tree, removed automatically when the test (or, from
 * a `beforeAll`, the file) is done. Replaces each file's own mkdtemp + rm pairs.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, onTestFinished } from "vitest";

export type Tree = Readonly<Record<string, string | Uint8Array>>;

/** Writes a tree of files under `root` (folders made as needed). */
export function writeTree(root: string, tree: Tree): void {
  for (const [path, content] of Object.entries(tree)) {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

/**
 * A new temp folder holding `tree`. Called inside a test it is removed when the
 * test finishes; called elsewhere (a `beforeAll`, a `beforeEach`, the file's top
 * level) it is removed after the file's tests.
 */
export function testdir(tree: Tree = {}, prefix = "dan-y-test-"): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  try {
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  } catch {
    // Not inside a test (Vitest refuses onTestFinished there): removed with the file's other folders.
    untilFileEnds.add(root);
  }
  writeTree(root, tree);
  return root;
}

/**
 * Folders made outside tests. An `afterAll` registered from inside a `beforeAll`
 * never runs, so this module registers one hook for them when a test file imports
 * it (each test file loads its own copy of the module).
 */
const untilFileEnds = new Set<string>();
const removeFileFolders = () => {
  for (const root of untilFileEnds) rmSync(root, { recursive: true, force: true });
  untilFileEnds.clear();
};
// Removing a generated 10k-file repository can take well over Vitest's 10 s hook limit on a loaded
// 2-core machine (measured in a clean-clone run at load 10): give it two minutes.
afterAll(removeFileFolders, 120_000);
process.once("exit", removeFileFolders);
