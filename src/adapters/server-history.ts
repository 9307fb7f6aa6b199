/**
 * Whether the server rewrote `main` since this machine last fetched it: the
 * server's main no longer contains what it had (a force-push, a restored
 * backup). `sync` then says what is gone instead of a bare refusal.
 */
import type { ServerRewrite } from "../core/trust/transport.ts";
import { commitsOutside, contains, reachableFrom, refTarget } from "./git.ts";

/** `before`: the remote-tracking main before the fetch. Undefined when the server only moved forward (or nothing was known). */
export async function serverRewriteSince(dir: string, remote: string, before: string | undefined, branch = "main"): Promise<ServerRewrite | undefined> {
  const after = await refTarget(dir, `refs/remotes/${remote}/${branch}`);
  if (!before || !after || before === after) return undefined;
  if (await contains(dir, after, before).catch(() => false)) return undefined;
  const kept = await reachableFrom(dir, after);
  const { base, commits } = await commitsOutside(dir, before, kept);
  return {
    before,
    after,
    common: base,
    lost: commits.map((commit) => ({ oid: commit.oid, summary: commit.message.split("\n")[0] ?? "", author: commit.author.name })),
  };
}

export { describeServerRewrite } from "../core/trust/transport.ts";
