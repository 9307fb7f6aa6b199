/**
 * Child-process entry of the table downloads (table-downloads-integration.ts).
 * `tables <outDir> <part> <parts>`: writes the Excel and CSV files of that part
 * of the built pages in `outDir`. (Word files are built on click, not here.)
 * `DAN_Y_SITE_CACHE`, when set, is the cache of files reused across publishes.
 * Prints one JSON line of counts.
 */
import { writeTableDownloads } from "./table-downloads.ts";

// A build that failed or was stopped leaves no writer behind: the parent's end closes the channel.
const orphaned = () => process.exit(1);
process.on("disconnect", orphaned);

const [kind, outDir, part, parts] = process.argv.slice(2) as [string, string, string | undefined, string | undefined];
const cacheDir = process.env.DAN_Y_SITE_CACHE || undefined;
try {
  if (kind === "tables") {
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
