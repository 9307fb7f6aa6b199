/**
 * `dan-y doctor`: finds and repairs what a crash or a hand edit left in the
 * record's repository. Each check reports in Vietnamese what it found and what
 * it did; nothing is deleted that could still be read or is still in use.
 *
 * - locks whose owner died (`<ref>.lock`, `index.lock`) and temporary files of
 *   interrupted writes;
 * - interrupted approvals and syncs (the journal): completed or dropped;
 * - refs that are empty, unreadable or point to a missing object: restored from
 *   packed-refs, the reflog or the remote-tracking ref when one holds a sound value;
 * - loose objects that do not inflate and hash to their name: rewritten from
 *   an identical working file, removed when nothing refers to them;
 * - a `main` moved without its working files: files still as an earlier `main`
 *   left them are brought up to date (local edits are left alone and reported);
 * - an import stopped between its working files and its branch: its files are
 *   named with the command that submits them (see import-journal.ts).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import * as repo from "./git.ts";
import { readIndexEntries } from "./git-index.ts";
import {
  gitDirOf,
  hasWorkingTree,
  lockIsStale,
  lockOwnerFile,
  looseObjectIntact,
  objectPath,
  packedRefs,
  processAlive,
  readRefValue,
  temporaryWriter,
  writeLooseObject,
} from "./git-store.ts";
import { doctorImports } from "./import-journal.ts";
import { MAIN, openRepository } from "./submissions.ts";

export interface Finding {
  /** What was wrong, in Vietnamese. */
  problem: string;
  /** What was done about it, or why nothing could be done. */
  outcome: string;
  repaired: boolean;
}

export interface DoctorReport {
  findings: Finding[];
  /** True when nothing was found. */
  healthy: boolean;
}

const OID = /^[0-9a-f]{40}$/;

function walkFiles(folder: string, prefix = ""): string[] {
  if (!existsSync(folder)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...walkFiles(join(folder, entry.name), path));
    else found.push(path);
  }
  return found;
}

/** Whether an object is readable (loose and intact, or in a pack). */
async function objectReadable(dir: string, gitdir: string, oid: string): Promise<boolean> {
  if (existsSync(objectPath(gitdir, oid))) return looseObjectIntact(gitdir, oid);
  return repo
    .readCommitInfo(dir, oid)
    .then(() => true)
    .catch(async () =>
      repo
        .readTreeEntriesOf(dir, oid)
        .then(() => true)
        .catch(() =>
          repo
            .readBlobBytes(dir, oid)
            .then(() => true)
            .catch(() => false),
        ),
    );
}

function staleLocks(gitdir: string, findings: Finding[]): void {
  for (const path of walkFiles(gitdir).filter((name) => name.endsWith(".lock") && !name.startsWith("dan-y/"))) {
    const lock = join(gitdir, path);
    if (lockIsStale(lock)) {
      rmSync(lock, { force: true });
      rmSync(lockOwnerFile(lock), { force: true });
      findings.push({ problem: `Tệp khóa ${path} do một lệnh đã dừng bỏ lại`, outcome: "đã xóa", repaired: true });
    } else {
      findings.push({
        problem: `Tệp khóa ${path} đang có`,
        outcome: "một lệnh khác có vẻ đang chạy: chưa xóa; chạy lại doctor khi lệnh đó xong",
        repaired: false,
      });
    }
  }
  for (const owner of walkFiles(join(gitdir, "dan-y", "locks"))) {
    const file = join(gitdir, "dan-y", "locks", owner);
    const pid = Number(readFileSync(file, "utf8").trim());
    if (!processAlive(pid)) rmSync(file, { force: true });
  }
}

/** `tmp_obj_<pid>_…` in the object store and `.<name>.dan-y-tmp-<pid>-…` elsewhere, left by a process that died. */
function strayTemporaryFiles(dir: string, gitdir: string, findings: Finding[]): void {
  const folders = hasWorkingTree(dir) ? [dir] : [gitdir];
  let removed = 0;
  for (const root of folders) {
    for (const path of walkFiles(root)) {
      const name = path.slice(path.lastIndexOf("/") + 1);
      const pid = temporaryWriter(name);
      if (pid === undefined || processAlive(pid)) continue;
      rmSync(join(root, path), { force: true });
      removed++;
    }
  }
  if (removed > 0) findings.push({ problem: `${removed} tệp tạm của lần ghi bị dừng giữa chừng`, outcome: "đã xóa", repaired: true });
}

/** The newest value the reflog of a ref records whose commit is still readable. */
async function fromReflog(dir: string, gitdir: string, ref: string): Promise<string | undefined> {
  let lines: string[];
  try {
    lines = readFileSync(join(gitdir, "logs", ref), "utf8")
      .trim()
      .split("\n")
      .reverse();
  } catch {
    return undefined;
  }
  for (const line of lines) {
    const next = line.split(" ")[1];
    if (next && OID.test(next) && !/^0+$/.test(next) && (await objectReadable(dir, gitdir, next))) return next;
  }
  return undefined;
}

async function brokenRefs(dir: string, gitdir: string, findings: Finding[]): Promise<void> {
  const loose = walkFiles(join(gitdir, "refs"), "refs").filter((path) => !path.endsWith(".lock"));
  const packed = packedRefs(gitdir);
  for (const ref of new Set([...loose, ...packed.keys()])) {
    const value = readRefValue(gitdir, ref);
    const broken = value === "broken" || value === undefined;
    if (!broken && (await objectReadable(dir, gitdir, value))) continue;
    const what = broken ? `Tham chiếu ${ref} rỗng hoặc hỏng` : `Tham chiếu ${ref} trỏ tới commit ${value.slice(0, 7)} không còn trong kho`;
    const candidates: [string, string | undefined][] = [
      ["packed-refs", loose.includes(ref) ? packed.get(ref) : undefined],
      ["nhật ký tham chiếu (reflog)", await fromReflog(dir, gitdir, ref)],
      ["bản trên máy chủ", ref.startsWith("refs/heads/") ? readRefValue(gitdir, `refs/remotes/origin/${ref.slice("refs/heads/".length)}`) : undefined],
    ];
    let restored = false;
    for (const [source, oid] of candidates) {
      if (!oid || oid === "broken" || !(await objectReadable(dir, gitdir, oid))) continue;
      // Written whole, as every ref is: through its lock, compared with what is there now.
      rmSync(join(gitdir, ref), { force: true });
      if (source !== "packed-refs") await repo.restoreRef(dir, ref, oid);
      findings.push({ problem: what, outcome: `đã khôi phục về ${oid.slice(0, 7)} theo ${source}`, repaired: true });
      restored = true;
      break;
    }
    if (!restored) {
      findings.push({
        problem: what,
        outcome:
          ref === `refs/heads/${MAIN}`
            ? "không tìm được giá trị đúng: chưa sửa. Hãy sao chép lại kho từ máy chủ, hoặc đặt lại main bằng git update-ref"
            : "không tìm được giá trị đúng: chưa sửa (xóa nhánh này nếu không còn cần: git update-ref -d)",
        repaired: false,
      });
    }
  }
}

/** Every object id reachable from the refs (commits, trees and the blobs they name), with the first path each blob was seen at. */
async function reachableObjects(dir: string, gitdir: string): Promise<Map<string, string>> {
  const seen = new Map<string, string>();
  const refs = new Set([...walkFiles(join(gitdir, "refs"), "refs").filter((path) => !path.endsWith(".lock")), ...packedRefs(gitdir).keys()]);
  const trees: [string, string][] = [];
  const commits: string[] = [];
  for (const ref of refs) {
    const value = readRefValue(gitdir, ref);
    if (value && value !== "broken") commits.push(value);
  }
  while (commits.length > 0) {
    const oid = commits.pop() as string;
    if (seen.has(oid)) continue;
    seen.set(oid, "");
    const info = await repo.readCommitInfo(dir, oid).catch(() => undefined);
    if (!info) continue;
    trees.push([info.tree, ""]);
    commits.push(...info.parents);
  }
  while (trees.length > 0) {
    const [oid, prefix] = trees.pop() as [string, string];
    if (seen.has(oid)) continue;
    seen.set(oid, prefix);
    for (const entry of await repo.readTreeEntriesOf(dir, oid).catch(() => [])) {
      if (entry.type === "tree") trees.push([entry.oid, `${prefix}${entry.path}/`]);
      else if (!seen.has(entry.oid)) seen.set(entry.oid, `${prefix}${entry.path}`);
    }
  }
  return seen;
}

const blobId = (bytes: Uint8Array) =>
  createHash("sha1")
    .update(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]))
    .digest("hex");

async function corruptObjects(dir: string, gitdir: string, findings: Finding[]): Promise<void> {
  const corrupt: string[] = [];
  const objects = join(gitdir, "objects");
  if (!existsSync(objects)) return;
  for (const folder of readdirSync(objects)) {
    if (!/^[0-9a-f]{2}$/.test(folder)) continue;
    for (const name of readdirSync(join(objects, folder))) {
      if (/^[0-9a-f]{38}$/.test(name) && !looseObjectIntact(gitdir, `${folder}${name}`)) corrupt.push(`${folder}${name}`);
    }
  }
  if (corrupt.length === 0) return;
  // A damaged copy is worse than none: git and isomorphic-git then look in the packs or report it missing.
  for (const oid of corrupt) rmSync(objectPath(gitdir, oid), { force: true });
  const reachable = await reachableObjects(dir, gitdir);
  const index = hasWorkingTree(dir) ? readIndexEntries(gitdir) : undefined;
  for (const oid of corrupt) {
    const what = `Đối tượng Git ${oid.slice(0, 7)} bị hỏng (tệp rỗng hoặc bị cắt)`;
    if (await objectReadable(dir, gitdir, oid)) {
      findings.push({ problem: what, outcome: "đã xóa bản hỏng; kho còn bản tốt trong tệp gói (pack)", repaired: true });
      continue;
    }
    // The same bytes may still be in the working folder (a submitted file): the object is its hash, so it can be written again.
    const sources = [index && [...index].find(([, entry]) => entry.oid === oid)?.[0], reachable.get(oid)].filter((path): path is string => !!path);
    let rewritten = false;
    for (const source of sources) {
      const file = join(dir, source);
      if (!hasWorkingTree(dir) || !existsSync(file) || !statSync(file).isFile()) continue;
      const bytes = readFileSync(file);
      if (blobId(bytes) !== oid) continue;
      writeLooseObject(gitdir, "blob", bytes);
      findings.push({ problem: what, outcome: `đã ghi lại từ tệp làm việc ${source}`, repaired: true });
      rewritten = true;
      break;
    }
    if (rewritten) continue;
    if (!reachable.has(oid)) findings.push({ problem: what, outcome: "không nhánh nào dùng đến: đã xóa", repaired: true });
    else
      findings.push({
        problem: what,
        outcome: "đang được dùng và không có bản nào khác trên máy: chưa sửa. Hãy lấy lại từ máy chủ (git fetch) hoặc từ một bản sao khác",
        repaired: false,
      });
  }
}

/**
 * Working files still as an earlier `main` left them although `main` moved (a
 * crash before this tool kept a journal, or `git update-ref` by hand): the
 * index entry equals the path's version in one of main's recent first-parent
 * ancestors and the file on disk is unchanged from the index.
 */
async function staleWorkingFiles(dir: string, gitdir: string, findings: Finding[]): Promise<void> {
  if (!hasWorkingTree(dir) || (await repo.currentBranch(dir)) !== MAIN) return;
  const index = readIndexEntries(gitdir);
  const main = await repo.refTarget(dir, MAIN);
  if (!index || !main) return;
  const tree = new Map((await repo.listTree(dir, await repo.treeOf(dir, main))).map((entry) => [entry.path, entry.oid] as const));
  const differing = new Set<string>();
  for (const [path, entry] of index) if (tree.get(path) !== entry.oid) differing.add(path);
  for (const path of tree.keys()) if (!index.has(path)) differing.add(path);
  if (differing.size === 0) return;
  // The earlier mains, newest first (a bounded look back).
  const earlier: Map<string, string>[] = [];
  let cursor = (await repo.readCommitInfo(dir, main)).parents[0];
  for (let step = 0; cursor && step < 20; step++) {
    const info = await repo.readCommitInfo(dir, cursor);
    const entries = new Map<string, string>();
    for (const path of differing) {
      const entry = await repo.entryAt(dir, info.tree, path);
      if (entry) entries.set(path, entry.oid);
    }
    earlier.push(entries);
    cursor = info.parents[0];
  }
  const stale: string[] = [];
  const edited: string[] = [];
  for (const path of differing) {
    const inIndex = index.get(path);
    const file = join(dir, path);
    const onDisk = existsSync(file) && statSync(file).isFile() ? blobId(readFileSync(file)) : undefined;
    const matchesEarlier = inIndex ? earlier.some((entries) => entries.get(path) === inIndex.oid) : earlier.some((entries) => !entries.has(path));
    const untouched = inIndex ? onDisk === inIndex.oid : onDisk === undefined || onDisk === tree.get(path);
    if (matchesEarlier && untouched) stale.push(path);
    else edited.push(path);
  }
  if (stale.length > 0) {
    await repo.refreshWorkingFiles(dir, MAIN, stale, () => {});
    findings.push({
      problem: `${MAIN} đã chuyển sang ${main.slice(0, 7)} nhưng ${stale.length} tệp làm việc vẫn là bản cũ (${stale.slice(0, 3).join(", ")}${stale.length > 3 ? ", …" : ""})`,
      outcome: "đã ghi bản mới của main",
      repaired: true,
    });
  }
  if (edited.length > 0) {
    findings.push({
      problem: `${edited.length} tệp khác với ${MAIN} và có thay đổi chưa commit (${edited.slice(0, 3).join(", ")}${edited.length > 3 ? ", …" : ""})`,
      outcome: "để nguyên (có thể là sửa đổi của bạn); xem bằng git status",
      repaired: false,
    });
  }
}

/** Runs every check on the repository at `dir` (its root, or the git directory of a bare one), repairing what it safely can. */
export async function doctor(dir: string): Promise<DoctorReport> {
  const findings: Finding[] = [];
  const gitdir = gitDirOf(dir);
  if (!existsSync(join(gitdir, "objects")) || !existsSync(join(gitdir, "HEAD"))) {
    return { findings: [{ problem: `${dir} không phải kho Git`, outcome: "không kiểm tra được", repaired: false }], healthy: false };
  }
  staleLocks(gitdir, findings);
  strayTemporaryFiles(dir, gitdir, findings);
  await corruptObjects(dir, gitdir, findings);
  await brokenRefs(dir, gitdir, findings);
  const notices: string[] = [];
  // Opening the repository completes or drops what the journal holds, reporting each.
  await openRepository(dir, "", "1970-01-01", { notice: (message) => notices.push(message) });
  for (const message of notices) findings.push({ problem: message, outcome: "đã xử lý", repaired: true });
  await staleWorkingFiles(dir, gitdir, findings);
  findings.push(...(await doctorImports(dir)));
  return { findings, healthy: findings.length === 0 };
}

/** The report as the command prints it. */
export function formatDoctorReport(report: DoctorReport): string {
  if (report.healthy) return "Kho lành mạnh: không có khóa bị bỏ lại, tham chiếu hỏng, đối tượng hỏng hay tệp làm việc lỗi thời.";
  const lines = report.findings.map((finding) => `${finding.repaired ? "Đã sửa" : "Chưa sửa"}: ${finding.problem}: ${finding.outcome}.`);
  const open = report.findings.filter((finding) => !finding.repaired).length;
  lines.push(
    open === 0
      ? `\nĐã sửa cả ${report.findings.length} vấn đề. Chạy lại doctor để kiểm tra.`
      : `\nCòn ${open} vấn đề chưa sửa được: làm theo hướng dẫn ở trên.`,
  );
  return lines.join("\n");
}
