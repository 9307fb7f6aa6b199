/**
 * For tests only: generated repositories and the workspace served over them,
 * cleaned up when the test ends (the benchmark uses `load.ts` directly, without Vitest).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFinished } from "vitest";
import { focalPoints, type GeneratedRepository, generatedRepository, grantAccounts, TODAY } from "./load.ts";
import { startWorkspaceServer, type WorkspaceServer } from "./workspace-server.ts";

/** A repository of `observations` generated ones, removed when the test ends. */
export function repositoryForTest(observations: number): GeneratedRepository {
  const repository = generatedRepository(observations);
  onTestFinished(() => repository.remove());
  return repository;
}

/**
 * The workspace as a user starts it over `repository`, every focal point with an account of
 * `PASSWORD`; without the site unless `site`. Stopped when the test ends (stopping it earlier is fine).
 */
export async function serveForTest(repository: GeneratedRepository, options: { env?: NodeJS.ProcessEnv; site?: boolean } = {}): Promise<WorkspaceServer> {
  const state = mkdtempSync(join(tmpdir(), "dan-y-ban-lam-viec-trang-thai-"));
  await grantAccounts(state, focalPoints(repository.content));
  const server = await startWorkspaceServer({ today: TODAY, content: repository.content, noSite: !options.site, state, env: options.env ?? {} });
  onTestFinished(() => server.stop(), 60_000);
  return server;
}

export { gitLocks } from "../../test-support/git-fixture.ts";
