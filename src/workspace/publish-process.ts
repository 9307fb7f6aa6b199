/**
 * Child-process entry of the workspace's publisher (`publish-site.ts`): one
 * `publishSite` run with the options given as JSON (first argument). The
 * publish's own work besides Astro's and the records' processes is synchronous
 * file work (at 100k, linking about 8.8k unchanged pages, moving folders,
 * reading page keys): here it never holds up the server's requests. Tells the
 * parent `{ ok: true }` or `{ ok: false, message }` (the Vietnamese message of
 * the failure) and exits.
 */
import { type PublishOptions, publishSite } from "../adapters/publish.ts";

export type PublishAnswer = { ok: true } | { ok: false; message: string };

const answer = (message: PublishAnswer) => new Promise<void>((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));

try {
  await publishSite(JSON.parse(process.argv[2] ?? "{}") as PublishOptions);
  await answer({ ok: true });
} catch (error) {
  await answer({ ok: false, message: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
}
