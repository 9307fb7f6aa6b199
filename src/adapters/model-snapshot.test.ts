/**
 * The content model handed from the search records' process to Astro's: read back equal to what
 * was loaded, waited for while its writer is still loading, taken once (a second reader loads the
 * files itself), and refused when it was loaded in another working folder (its paths would be wrong).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "../core/content/load-content.ts";
import { minimalContent, toContentFiles, VALID_OBSERVATION, VALID_OBSERVATION_PATH } from "../test-support/content-fixtures.ts";
import { testdir } from "../test-support/testdir.ts";
import {
  MODEL_SNAPSHOT_PREFIX,
  markNoSnapshot,
  noSnapshotMarker,
  readModelSnapshot,
  removeModelSnapshot,
  removeOrphanScratch,
  writeModelSnapshot,
} from "./model-snapshot.ts";
import { SCRATCH_PREFIX } from "./search-index.ts";

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

  it("left behind by a killed publish, is removed at the next one's start, while a running publish's stays", () => {
    const folder = testdir();
    // A process that has ended: its id names nobody now.
    const gone = spawnSync(process.execPath, ["-e", "process.exit(0)"]).pid as number;
    const names = [
      `${MODEL_SNAPSHOT_PREFIX}${gone}-abc.v8`,
      `${MODEL_SNAPSHOT_PREFIX}${gone}-abc.v8.khong-co`,
      `${MODEL_SNAPSHOT_PREFIX}${process.pid}-def.v8`,
      "dan-y-khac-1-x",
      "tep-cua-nguoi-khac",
    ];
    for (const name of names) writeFileSync(join(folder, name), "x");
    mkdirSync(join(folder, `${SCRATCH_PREFIX}${gone}-Xy12`, "trang-2026-11"), { recursive: true });
    writeFileSync(join(folder, `${SCRATCH_PREFIX}${gone}-Xy12`, "trang-2026-11", "0.html"), "<p>x</p>");
    mkdirSync(join(folder, `${SCRATCH_PREFIX}${process.pid}-Ab34`));
    const removed = removeOrphanScratch([MODEL_SNAPSHOT_PREFIX, SCRATCH_PREFIX], [folder]);
    expect(removed.map((path) => path.slice(folder.length + 1)).sort()).toEqual(
      [`${MODEL_SNAPSHOT_PREFIX}${gone}-abc.v8`, `${MODEL_SNAPSHOT_PREFIX}${gone}-abc.v8.khong-co`, `${SCRATCH_PREFIX}${gone}-Xy12`].sort(),
    );
    expect(readdirSync(folder).sort()).toEqual(
      ["dan-y-khac-1-x", `${MODEL_SNAPSHOT_PREFIX}${process.pid}-def.v8`, `${SCRATCH_PREFIX}${process.pid}-Ab34`, "tep-cua-nguoi-khac"].sort(),
    );
  });
});
