/** A real Git repository in a temp folder holding a small valid content tree, committed on `main` with the git CLI. */
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { minimalContent } from "./content-fixtures.ts";

/** The program as users start it; `--today` goes last so that it follows the subcommand (`review list …`). */
const DAN_Y_BIN = join(import.meta.dirname, "..", "..", "bin", "dan-y.js");

const person = (id: string, name: string, email: string) => `focal_points:\n  - id: ${id}\n    name: ${name}\n    title: Đầu mối\n    email: ${email}\n`;

/** Bodies beyond the minimal tree: the province reviewers, a second commune, a member organisation. */
export const PEOPLE = {
  communeMttq: "ky-hoa-mttq-le-van-binh",
  communeWomen: "ky-hoa-phu-nu-tran-thi-hoa",
  otherCommune: "ky-lac-mttq-ho-van-nam",
  provinceMttq: "ha-tinh-mttq-dang-thi-lan",
  provinceWomen: "ha-tinh-phu-nu-bui-thi-mai",
} as const;

export function repositoryContent(): Record<string, string> {
  return {
    ...minimalContent(),
    "units/xa-ky-lac.yaml": "name: Xã Kỳ Lạc\nlevel: xa\nparent: ha-tinh\nvalid_from: 2025-07-01\n",
    "bodies/xa-ky-hoa/hoi-phu-nu.yaml": person(PEOPLE.communeWomen, "Trần Thị Hoa", "hoa@example.vn"),
    "bodies/xa-ky-lac/mttq.yaml": person(PEOPLE.otherCommune, "Hồ Văn Nam", "nam@example.vn"),
    "bodies/ha-tinh/mttq.yaml": person(PEOPLE.provinceMttq, "Đặng Thị Lan", "lan@example.vn"),
    "bodies/ha-tinh/hoi-phu-nu.yaml": person(PEOPLE.provinceWomen, "Bùi Thị Mai", "mai@example.vn"),
  };
}

export interface Repository {
  dir: string;
  git(...args: string[]): string;
  write(path: string, text: string): string;
  /** Runs `dan-y <command> …args --today 2026-11-27` (the real `bin/dan-y.js`) in the repository. */
  run(script: string, ...args: string[]): { status: number | null; stdout: string; stderr: string };
  /** The same without blocking the event loop (needed while this process serves Git over HTTP). */
  runAsync(script: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }>;
  remove(): void;
}

export function createRepository(): Repository {
  const dir = mkdtempSync(join(tmpdir(), "dan-y-repo-"));
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=Quản trị", "-c", "user.email=admin@example.vn", ...args], {
      cwd: dir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  const write = (path: string, text: string) => {
    const absolute = join(dir, "content", path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, text);
    return `content/${path}`;
  };
  for (const [path, text] of Object.entries(repositoryContent())) write(path, text);
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-qm", "Dữ liệu ban đầu");
  const run = (script: string, ...args: string[]) => {
    const result = spawnSync(process.execPath, [DAN_Y_BIN, script, ...args, "--today", "2026-11-27"], {
      cwd: dir,
      env: { ...process.env, CONTENT_DIR: "content" },
      encoding: "utf8",
      timeout: 60_000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const runAsync = async (script: string, ...args: string[]) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [DAN_Y_BIN, script, ...args, "--today", "2026-11-27"], {
        cwd: dir,
        env: { ...process.env, CONTENT_DIR: "content" },
        encoding: "utf8",
        timeout: 60_000,
      });
      return { status: 0, stdout, stderr };
    } catch (error) {
      const failure = error as { code?: number; stdout?: string; stderr?: string };
      return { status: failure.code ?? -1, stdout: failure.stdout ?? "", stderr: failure.stderr ?? "" };
    }
  };
  return { dir, git, write, run, runAsync, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A second valid observation of the commune's MTTQ, with a given slug and urgency. */
export function observationText(slug: string, organisation = "mttq", urgency = "thuong-xuyen"): { path: string; text: string } {
  return {
    path: `observations/2026/11/xa-ky-hoa/2026-11-20-${slug}.md`,
    text: `---
title: Người dân phản ánh ${slug.replace(/-/g, " ")}
observed_on: 2026-11-20
recorded_on: 2026-11-21
unit: xa-ky-hoa
organisation: ${organisation}
field: van-hoa-xa-hoi
subtopics: [y-te-dan-so]
channel: hop-doan-the-thon
urgency: ${urgency}
status: moi
---

Bà con phản ánh tại cuộc họp thôn.
`,
  };
}

/** `.lock` files anywhere in a repository's git directory: none may be left once a command has ended. */
export const gitLocks = (dir: string): string[] =>
  readdirSync(join(dir, ".git"), { recursive: true })
    .map(String)
    .filter((name) => name.endsWith(".lock"));
