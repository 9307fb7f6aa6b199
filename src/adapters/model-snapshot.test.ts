/**
 * The content model handed from the search records' process to Astro's: read back equal to what
 * was loaded, waited for while its writer is still loading, taken once (a second reader loads the
 * files itself), and refused when it was loaded in another working folder (its paths would be wrong).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "../core/content/load-content.ts";
import { minimalContent, toContentFiles, VALID_OBSERVATION, VALID_OBSERVATION_PATH } from "../test-support/content-fixtures.ts";
import { testdir } from "../test-support/testdir.ts";
import { markNoSnapshot, noSnapshotMarker, readModelSnapshot, removeModelSnapshot, writeModelSnapshot } from "./model-snapshot.ts";

const model = () => loadContent(toContentFiles({ ...minimalContent(), [VALID_OBSERVATION_PATH]: VALID_OBSERVATION }), { keepBodies: true }).model;

describe("the model snapshot", () => {
  it("reads back the model it was given, once", () => {
    const file = join(testdir(), "mo-hinh.v8");
    const loaded = model();
    writeModelSnapshot(file, loaded);
    const read = readModelSnapshot(file, 1_000);
    expect(read).toEqual(loaded);
    expect(read?.observations.get([...loaded.observations.keys()][0] as string)?.body).toContain("Tuyến đường liên thôn bị sụt lún");
    // Taken: the file is gone, and a second reader is told at once to load the files itself.
    expect(existsSync(file)).toBe(false);
    const started = performance.now();
    expect(readModelSnapshot(file, 5_000)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("waits for a writer still at work", () => {
    const file = join(testdir(), "mo-hinh.v8");
    const writer = `import { writeModelSnapshot } from ${JSON.stringify(join(import.meta.dirname, "model-snapshot.ts"))};
      setTimeout(() => writeModelSnapshot(${JSON.stringify(file)}, { units: new Map([["xa-a", { id: "xa-a" }]]) }), 400);`;
    spawn(process.execPath, ["--input-type=module", "-e", writer], { stdio: "ignore" });
    const started = performance.now();
    const read = readModelSnapshot(file, 30_000);
    expect(performance.now() - started).toBeGreaterThan(300);
    expect(read?.units.get("xa-a")).toEqual({ id: "xa-a" });
  });

  it("gives nothing when its writer failed, or when it was loaded in another working folder", () => {
    const folder = testdir();
    const failed = join(folder, "hong.v8");
    markNoSnapshot(failed);
    expect(readModelSnapshot(failed, 5_000)).toBeUndefined();
    removeModelSnapshot(failed);
    expect(existsSync(noSnapshotMarker(failed))).toBe(false);

    const elsewhere = join(folder, "noi-khac.v8");
    const cwd = process.cwd();
    process.chdir(folder);
    try {
      writeModelSnapshot(elsewhere, model());
    } finally {
      process.chdir(cwd);
    }
    expect(readModelSnapshot(elsewhere, 1_000)).toBeUndefined();
  });
});
