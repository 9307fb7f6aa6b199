/**
 * Astro session driver: unstorage's file driver rooted in the state directory's
 * `sessions/` folder, resolved when the server starts (a driver's options are
 * fixed at build time; the state directory is not).
 */
import fsLite from "unstorage/drivers/fs-lite";
import { statePaths } from "./state-dir.ts";

export default function driver() {
  return fsLite({ base: statePaths().sessions });
}
