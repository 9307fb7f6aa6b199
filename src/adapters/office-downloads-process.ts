/**
 * Child-process entry of the office downloads (table-downloads-integration.ts).
 * `word <outDir> [<claims>]`: loads the content model of `CONTENT_DIR` and writes
 * every Word download under `outDir` or, with a claims folder shared with other
 * such processes, those it claims first. `tables <outDir> <part> <parts>`: writes
 * the Excel and CSV files of that part of the built pages in `outDir`.
 * `DAN_Y_SITE_CACHE`, when set, is the cache of files reused across publishes.
 * Prints one JSON line of counts.
 */
import { buildUnitTree } from "../core/units/unit-tree.ts";
import { loadSiteModel } from "../site/load-model.ts";
import { buildToday } from "../site/today.ts";
import { claimsIn, writeWordDownloads } from "./office-downloads.ts";
import { writeTableDownloads } from "./table-downloads.ts";

// A build that failed or was stopped leaves no writer behind: the parent's end closes the channel.
const orphaned = () => process.exit(1);
process.on("disconnect", orphaned);

const [kind, outDir, part, parts] = process.argv.slice(2) as [string, string, string | undefined, string | undefined];
const cacheDir = process.env.DAN_Y_SITE_CACHE || undefined;
try {
  if (kind === "word") {
    const model = loadSiteModel();
    // Only reports' own texts go into documents: the observations' bodies are let go at once (100k: about 270 MB).
    for (const entry of model.observations.values()) delete entry.body;
    const result = await writeWordDownloads({
      model,
      tree: buildUnitTree(model),
      today: buildToday(),
      outDir,
      cacheDir,
      ...(part ? { claim: claimsIn(part) } : {}),
    });
    console.log(JSON.stringify(result));
  } else if (kind === "tables") {
    const result = await writeTableDownloads(outDir, { part: [Number(part ?? 0), Number(parts ?? 1)], cacheDir });
    console.log(JSON.stringify(result));
  } else {
    throw new Error(`unknown kind ${kind}`);
  }
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
}
// The open channel would keep this process alive once its work is done.
process.off("disconnect", orphaned);
process.disconnect?.();
