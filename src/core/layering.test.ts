/**
 * The core is pure: no file of src/core (tests aside) imports Node's own modules, an adapter,
 * the command line, the site, the workspace or the browser code. IO lives at the edge, so
 * whatever the core decides can be tested, and reused by the workspace, without a disk.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const CORE = import.meta.dirname;
const ROOT = resolve(CORE, "..", "..");
const ALLOWED = [resolve(ROOT, "src", "core"), resolve(ROOT, "schemas")];

function* sources(folder: string): Generator<string> {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) yield path;
  }
}

/** Every module a file imports (static, dynamic and type imports, and re-exports). */
export function importsOf(text: string): string[] {
  return [
    ...text.matchAll(/(?:^|[\s;])(?:import|export)\b[^"'`;]*?\sfrom\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|^import\s+["']([^"']+)["']/gm),
  ].map((match) => (match[1] ?? match[2] ?? match[3]) as string);
}

/** Why an import breaks the layering, or undefined when it is fine. */
export function layeringProblem(file: string, specifier: string): string | undefined {
  if (specifier.startsWith("node:")) return `imports Node's ${specifier}`;
  if (!specifier.startsWith(".")) return undefined;
  const target = resolve(dirname(file), specifier);
  return ALLOWED.some((folder) => target.startsWith(`${folder}/`)) ? undefined : `imports ${relative(ROOT, target)}, outside the core and the schemas`;
}

describe("the core's layering", () => {
  it("finds imports of every kind", () => {
    expect(
      importsOf(
        'import { a } from "./a.ts";\nimport type { B } from "../b.ts";\nexport { c } from "./c.ts";\nconst d = await import("node:fs");\nimport "./side.ts";',
      ),
    ).toEqual(["./a.ts", "../b.ts", "./c.ts", "node:fs", "./side.ts"]);
  });

  it("judges Node modules and imports outside the core as breaking it", () => {
    const file = join(CORE, "reports", "aggregate.ts");
    expect(layeringProblem(file, "node:fs")).toBe("imports Node's node:fs");
    expect(layeringProblem(file, "../../adapters/git.ts")).toBe("imports src/adapters/git.ts, outside the core and the schemas");
    expect(layeringProblem(file, "../../cli/errors.ts")).toBe("imports src/cli/errors.ts, outside the core and the schemas");
    expect(layeringProblem(file, "../site/links.ts")).toBeUndefined();
    expect(layeringProblem(file, "../../../schemas/observation.ts")).toBeUndefined();
    expect(layeringProblem(file, "zod")).toBeUndefined();
  });

  it("holds for every file of src/core", () => {
    const problems: string[] = [];
    for (const file of sources(CORE)) {
      for (const specifier of importsOf(readFileSync(file, "utf8"))) {
        const problem = layeringProblem(file, specifier);
        if (problem) problems.push(`${relative(ROOT, file)} ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
