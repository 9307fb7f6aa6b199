/**
 * The bundled demo repository in the state directory: a Git working copy of
 * `content/` with `main` checked out, built once. It is the demo builder's
 * (`src/demo/build-demo-repo.ts`: a history produced through the workflow, so
 * every item shows who submitted and approved it) when that module is present,
 * else one commit of the files as they are.
 */

/**
 * The bundled demo repository in the state directory: a Git working copy of
 * `content/` with `main` checked out, built once. It is the demo builder's
 * (`src/demo/build-demo-repo.ts`: a history produced through the workflow, so
 * every item shows who submitted and approved it) when that module is present,
 * else one commit of the files as they are.
 */
import nodeFs, { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import git from "isomorphic-git";

interface DemoBuilder {
  buildDemoRepository(options: { contentDirectory: string; out: string }): Promise<{ main: string; approvals: number }>;
}

export async function ensureDemoRepository(projectDir: string, out: string): Promise<{ created: boolean; how: string }> {
  if (existsSync(join(out, ".git"))) return { created: false, how: "có sẵn" };
  const source = join(projectDir, "content");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const builderPath = join(projectDir, "src", "demo", "build-demo-repo.ts");
  if (existsSync(builderPath)) {
    try {
      const builder = (await import(pathToFileURL(builderPath).href)) as DemoBuilder;
      const result = await builder.buildDemoRepository({ contentDirectory: source, out });
      if (existsSync(join(out, "content"))) return { created: true, how: `lịch sử nộp và duyệt mẫu (${result.approvals} lần duyệt)` };
    } catch (error) {
      console.error(`Không dựng được kho mẫu bằng lịch sử nộp/duyệt (${(error as Error).message}); dùng bản sao đơn giản.`);
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out, { recursive: true });
    }
  }
  // Fallback: the files as they are, one commit on main (no git binary needed).
  cpSync(source, join(out, "content"), { recursive: true });
  await git.init({ fs: nodeFs, dir: out, defaultBranch: "main" });
  await git.add({ fs: nodeFs, dir: out, filepath: "content" });
  await git.commit({
    fs: nodeFs,
    dir: out,
    message: "Dữ liệu mẫu: nội dung ban đầu của kho",
    author: { name: "Quản trị Dân ý", email: "quan-tri@dan-y.invalid" },
  });
  return { created: true, how: "một commit của nội dung mẫu" };
}
