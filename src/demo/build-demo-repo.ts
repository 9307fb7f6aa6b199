/**
 * The demo repository, built through the workflow itself: an administrator
 * commits the reference data, units and bodies; then, over simulated time,
 * every observation and report is submitted by a focal point of its body on a
 * `submissions/<unit>/<date>-<slug>` branch (commit dated when the item was
 * recorded or sent) and approved by a reviewer the jurisdiction function
 * entitles, with the same commit messages and trailers as `submit` and
 * `review approve`. So every demo item shows who submitted it and who approved
 * it, and the hook, the provenance reader and the compliance figures see a
 * history they can verify.
 *
 * One submission per body, day and urgency (items recorded together travel
 * together). The whole history is written as one pack file.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { listContentPaths, readContentFiles } from "../adapters/content-files.ts";
import { copyMissingKeys, generateBodyKey, readBodyIdentities, SAMPLE_KEY_DIRECTORY, sealFile } from "../adapters/encryption.ts";
import { NativeX25519Identity } from "../adapters/encryption-x25519.ts";
import { type IndexUpdate, patchIndex } from "../adapters/git-index.ts";
import { commitObject, MemoryTree, ObjectPack, type Signature } from "../adapters/object-pack.ts";
import type { BodyEntry, ContentModel } from "../core/content/content-model.ts";
import { isUrgent as isUrgentLevel } from "../core/content/labels.ts";
import { type ContentFile, loadContent } from "../core/content/load-content.ts";
import { classifyPath } from "../core/content/paths.ts";
import { slugify } from "../core/content/slugify.ts";
import { RefusalError } from "../core/errors.ts";
import { administrators, bodyFor, commitEmail, entitledReviewers, findFocalPoint, type PersonInBody } from "../core/units/jurisdiction.ts";

export interface DemoRepositoryOptions {
  /** The content directory to replay, normally the bundled `content/`. */
  contentDirectory: string;
  /** Folder of the new repository: created, or empty. */
  out: string;
  /** A bare repository (as a Git server holds it) instead of a working copy. Default false. */
  bare?: boolean;
  /** Folder of the content inside the repository. Default `content`. */
  contentPath?: string;
  /**
   * Items submitted on or after this day (ISO) stay submitted but not yet
   * approved, so review queues have something in them. Default: all approved.
   */
  pendingFrom?: string;
  /**
   * Rewrites a file's bytes before it is committed (the restricted parts of an
   * observation are encrypted here); receives the content-relative path.
   */
  transform?: (relative: string, bytes: Uint8Array, model: ContentModel) => Uint8Array;
  /**
   * Key folder for the bodies' private keys (outside the repository): each body
   * gets a key pair (kept when the folder already holds one), its public key is
   * written into its `bodies/` file, and restricted observations are committed
   * only encrypted. Default: `<out>-khoa` beside the repository; `null` keeps
   * restricted observations in plain text (as the bundled content has them).
   */
  keyDirectory?: string | null;
}

export interface DemoRepositoryResult {
  /** Repository folder (the git directory itself when bare). */
  dir: string;
  /** Tip of `main`. */
  main: string;
  /** Approval merges on `main`. */
  approvals: number;
  /** Submission branches left for review (see `pendingFrom`). */
  pending: string[];
  /** Every submission made, approved or not. */
  submissions: number;
  /** The key folder holding the bodies' private keys, when restricted observations were encrypted. */
  keyDirectory: string | undefined;
  /** Restricted observations committed encrypted. */
  sealed: number;
  commits: number;
  objects: number;
}

interface Batch {
  submitter: PersonInBody;
  reviewer: PersonInBody;
  files: { relative: string; bytes: Uint8Array }[];
  submittedAt: Date;
  approvedAt: Date;
  urgent: boolean;
  branch: string;
}

const HOUR = 3_600_000;
/** `yyyy-mm-dd` at a Vietnam (UTC+7) clock hour. */
const atVietnamHour = (date: string, hour: number, minutes = 0) => new Date(Date.parse(`${date}T00:00:00Z`) + (hour - 7) * HOUR + minutes * 60_000);

/** The reviewer the demo picks: a body of the same unit (the MTTQ consolidating), else the lead organisation's, else the first entitled. */
function pickReviewer(model: ContentModel, submitter: PersonInBody, urgent: boolean): PersonInBody {
  const candidates = entitledReviewers(model, submitter, urgent);
  const lead = model.organisations.find((organisation) => organisation.lead)?.id;
  const chosen =
    candidates.find((candidate) => candidate.body.unit === submitter.body.unit) ??
    candidates.find((candidate) => candidate.body.organisation === lead) ??
    candidates[0];
  if (!chosen) throw new Error(`demo data: nobody may approve ${submitter.body.id} (${submitter.person.id}); add a focal point or reports_to`);
  return chosen;
}

const signature = (person: PersonInBody, when: Date): Signature => ({ name: person.person.name, email: commitEmail(person.person), when });

export function submissionMessage(submitter: PersonInBody, count: number): string {
  return `${submitter.body.id}: nộp ${count} tệp\n\nFocal-point: ${submitter.person.id}\nSubmitted-by: ${submitter.person.name} <${commitEmail(submitter.person)}>`;
}

export function approvalMessage(branch: string, submitter: PersonInBody, reviewer: PersonInBody, count: number): string {
  return [
    `Duyệt ${branch}`,
    "",
    `${submitter.body.id} nộp ${count} tệp; ${reviewer.body.id} duyệt.`,
    "",
    `Submitted-by: ${submitter.person.name} <${commitEmail(submitter.person)}>`,
    `Reviewed-by: ${reviewer.person.name} <${commitEmail(reviewer.person)}>`,
    `Focal-point: ${submitter.person.id}`,
    `Reviewer: ${reviewer.person.id}`,
  ].join("\n");
}

function writeRepositorySkeleton(gitdir: string, bare: boolean): void {
  for (const folder of ["objects/pack", "objects/info", "refs/heads", "refs/tags"]) mkdirSync(join(gitdir, folder), { recursive: true });
  writeFileSync(join(gitdir, "HEAD"), "ref: refs/heads/main\n");
  writeFileSync(
    join(gitdir, "config"),
    `[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = ${bare}\n${bare ? "" : "\tlogallrefupdates = true\n"}`,
  );
  writeFileSync(join(gitdir, "description"), "Dân ý — kho dữ liệu mẫu\n");
}

function writeRef(gitdir: string, ref: string, oid: string): void {
  const path = join(gitdir, ref);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, `${oid}\n`);
}

/**
 * Gives every body a key pair (private key in the key folder, public key added
 * to its `bodies/` file and to the model) and encrypts the restricted
 * observations to their readers. Returns the files whose bytes change.
 */
async function encryptRestricted(model: ContentModel, files: readonly ContentFile[], keyDirectory: string): Promise<Map<string, Uint8Array>> {
  const replaced = new Map<string, Uint8Array>();
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  for (const body of model.bodies.values()) {
    const [existing] = readBodyIdentities(keyDirectory, body.id);
    const recipient = existing ? new NativeX25519Identity(existing).recipient : generateBodyKey(keyDirectory, body.id);
    body.public_keys = [recipient];
  }
  for (const file of files) {
    const where = classifyPath(file.relative);
    if (where.kind === "body") {
      const body = model.bodies.get(where.id);
      const text = decoder.decode(file.bytes ?? new Uint8Array());
      if (body?.public_keys && !/^public_keys:/m.test(text)) {
        replaced.set(file.relative, encoder.encode(`${text.replace(/\n*$/, "\n")}public_keys:\n  - ${body.public_keys[0]}\n`));
      }
    } else if (where.kind === "observation") {
      const entry = model.observations.get(where.id);
      if (entry?.confidentiality !== "han-che" || entry.sealed) continue;
      replaced.set(file.relative, encoder.encode(await sealFile(model, decoder.decode(file.bytes ?? new Uint8Array()), entry)));
    }
  }
  return replaced;
}

/**
 * Checks `main` out into a fresh working copy: the files, then an index holding
 * them (an empty index patched with every entry, by the project's index writer),
 * so `git status` is clean.
 */
function writeWorkingCopy(dir: string, gitdir: string, pack: ObjectPack, tree: MemoryTree): void {
  const updates: IndexUpdate[] = [];
  const folders = new Set<string>();
  for (const file of tree.files()) {
    const absolute = join(dir, file.path);
    const folder = dirname(absolute);
    if (!folders.has(folder)) mkdirSync(folder, { recursive: true });
    folders.add(folder);
    writeFileSync(absolute, pack.content(file.oid) as Uint8Array);
    updates.push({ path: file.path, blob: { oid: file.oid, mode: Number.parseInt(file.mode, 8), file: absolute } });
  }
  const header = Buffer.from([0x44, 0x49, 0x52, 0x43, 0, 0, 0, 2, 0, 0, 0, 0]);
  writeFileSync(join(gitdir, "index"), Buffer.concat([header, createHash("sha1").update(header).digest()]));
  if (!patchIndex(gitdir, updates)) throw new Error("could not write the index of the demo working copy");
}

/** Builds the demo repository; see the module comment. Typical run on the bundled content: see `bench` figures in the README. */
/**
 * Makes the folder (one level at a time, never recursive) and writes a probe file in it,
 * refusing in Vietnamese with the path when it cannot: under a file, on a read-only or
 * virtual file system, without the right to write. What it made before failing is removed.
 */
export function prepareWritableFolder(folder: string): void {
  const missing: string[] = [];
  let existing = resolve(folder);
  while (!existsSync(existing)) {
    missing.unshift(existing);
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  const made: string[] = [];
  try {
    if (!statSync(existing).isDirectory()) throw Object.assign(new Error("not a folder"), { code: "ENOTDIR", path: existing });
    for (const path of missing) {
      mkdirSync(path);
      made.push(path);
    }
    const probe = join(resolve(folder), `.dan-y-thu-ghi-${process.pid}`);
    writeFileSync(probe, "");
    rmSync(probe);
  } catch (error) {
    for (const path of made.reverse()) rmSync(path, { recursive: true, force: true });
    const failure = error as NodeJS.ErrnoException;
    throw new RefusalError(
      `Không tạo được kho mẫu ở ${folder}: không ghi được ${failure.path ?? folder} (${failure.code ?? failure.message}). Hãy chọn --out là một thư mục mới hoặc rỗng, ở nơi bạn có quyền ghi.`,
      { cause: error },
    );
  }
}

export async function buildDemoRepository(options: DemoRepositoryOptions): Promise<DemoRepositoryResult> {
  const bare = options.bare ?? false;
  const contentPath = (options.contentPath ?? "content").replace(/^\/|\/$/g, "");
  if (existsSync(options.out) && readdirSync(options.out).length > 0) throw new Error(`${options.out} is not empty`);
  const keyFolder = options.keyDirectory === null ? undefined : (options.keyDirectory ?? `${options.out.replace(/\/+$/, "")}-khoa`);
  // Before any work: a folder that cannot be made or written is refused at once (Node's recursive mkdir spins for ever under /proc).
  for (const folder of [options.out, ...(keyFolder ? [keyFolder] : [])]) prepareWritableFolder(folder);
  const gitdir = bare ? options.out : join(options.out, ".git");
  const files = [...readContentFiles(options.contentDirectory, listContentPaths(options.contentDirectory))];
  const { model, issues } = loadContent(files);
  if (issues.length > 0) throw new Error(`demo content has ${issues.length} problems; first: ${issues[0]?.file}: ${issues[0]?.message}`);
  const keyDirectory = keyFolder;
  // The bundled content is sealed to sample keys: the demo's key folder gets them, so it opens what is already sealed.
  if (keyDirectory) copyMissingKeys(SAMPLE_KEY_DIRECTORY, keyDirectory);
  const replaced = keyDirectory ? await encryptRestricted(model, files, keyDirectory) : new Map<string, Uint8Array>();
  const bytesOf = (file: (typeof files)[number]) => {
    const bytes = replaced.get(file.relative) ?? file.bytes ?? new Uint8Array();
    return options.transform ? options.transform(file.relative, bytes, model) : bytes;
  };

  const admins = [...administrators(model)].map((id) => findFocalPoint(model, id)).filter((person) => person !== undefined);
  const admin = admins[0];
  if (!admin) throw new Error("demo data: no administrator (administrators on the root unit's lead body)");

  // Group items into submissions: one per body, day and urgency.
  const groups = new Map<string, { submitter: PersonInBody; date: string; urgent: boolean; files: typeof files }>();
  const reference: typeof files = [];
  for (const file of files) {
    const where = classifyPath(file.relative);
    let body: BodyEntry | undefined;
    let date: string;
    let urgent = false;
    let author: string | undefined;
    if (where.kind === "observation") {
      const entry = model.observations.get(where.id);
      if (!entry) continue;
      body = bodyFor(model, entry.unit, entry.organisation);
      date = entry.recorded_on;
      urgent = isUrgentLevel(model, entry.urgency);
    } else if (where.kind === "report") {
      const entry = model.reports.get(where.id);
      if (!entry) continue;
      body = model.bodies.get(`${entry.unit}/${entry.organisation}`);
      date = entry.submitted_on;
      author = entry.author;
    } else {
      reference.push(file);
      continue;
    }
    if (!body) throw new Error(`demo data: ${file.display} belongs to a body missing from bodies/`);
    const person = body.focal_points.find((candidate) => candidate.id === author) ?? (body.focal_points[0] as BodyEntry["focal_points"][number]);
    const key = `${body.id}|${date}|${urgent}|${author ?? ""}`;
    const group = groups.get(key) ?? { submitter: { person, body }, date, urgent, files: [] };
    group.files.push(file);
    groups.set(key, group);
  }

  const usedBranches = new Set<string>();
  const batches: Batch[] = [...groups.values()]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.submitter.body.id < b.submitter.body.id ? -1 : 1))
    .map((group, index) => {
      const submittedAt = atVietnamHour(group.date, 8 + (index % 8), (index * 7) % 60);
      // Urgent items are approved within hours, the others the next working morning.
      const approvedAt = group.urgent ? new Date(submittedAt.getTime() + 2 * HOUR) : atVietnamHour(group.date, 33 + (index % 6), (index * 11) % 60);
      const first = classifyPath(group.files[0]?.relative ?? "");
      const slug = first.kind === "observation" ? first.slug : first.kind === "report" ? `bao-cao-${first.period}-${first.organisation}` : "bai-nop";
      const base = `submissions/${group.submitter.body.unit}/${group.date}-${slugify(slug).slice(0, 60)}`;
      let branch = base;
      for (let suffix = 2; usedBranches.has(branch); suffix++) branch = `${base}-${suffix}`;
      usedBranches.add(branch);
      return {
        submitter: group.submitter,
        reviewer: pickReviewer(model, group.submitter, group.urgent),
        files: group.files.map((file) => ({ relative: file.relative, bytes: bytesOf(file) })),
        submittedAt,
        approvedAt,
        urgent: group.urgent,
        branch,
      };
    });

  const pack = new ObjectPack();
  const main = new MemoryTree(pack);
  const inRepo = (relative: string) => (contentPath ? `${contentPath}/${relative}` : relative);
  for (const file of reference) main.set(inRepo(file.relative), bytesOf(file));
  const start = batches[0] ? new Date(batches[0].submittedAt.getTime() - 24 * HOUR) : new Date();
  let tip = commitObject(pack, {
    tree: main.commitTree(),
    parents: [],
    author: signature(admin, start),
    message: `Dữ liệu danh mục, đơn vị và cơ quan ban đầu\n\n${reference.length} tệp, do quản trị viên ${admin.person.name} nhập.\n\nAdministrator: ${admin.person.id}`,
  });
  let commits = 1;

  // Replay submissions and approvals in the order they happened.
  type Event = { at: Date; kind: "submit" | "approve"; batch: Batch };
  // Pending: submitted on or after `pendingFrom`, unless an approved report consolidates something in it (main
  // must hold every item its reports name, and a pending submission must be valid against main).
  const idsOf = (batch: Batch) =>
    batch.files.flatMap((file) => {
      const where = classifyPath(file.relative);
      return where.kind === "observation" || where.kind === "report" ? [where.id] : [];
    });
  const byDate = (batch: Batch) => options.pendingFrom !== undefined && batch.submittedAt.toISOString().slice(0, 10) >= options.pendingFrom;
  const pendingBatches = new Set(batches.filter(byDate));
  const needed = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const batch of batches) {
      if (pendingBatches.has(batch)) continue;
      for (const id of idsOf(batch)) {
        const consolidated = model.reports.get(id)?.consolidates;
        for (const item of [...(consolidated?.observations ?? []), ...(consolidated?.reports ?? [])]) needed.add(item);
      }
    }
    for (const batch of pendingBatches) {
      if (!idsOf(batch).some((id) => needed.has(id))) continue;
      pendingBatches.delete(batch);
      changed = true;
    }
  }
  const events: Event[] = batches.flatMap((batch) => {
    const submit: Event = { at: batch.submittedAt, kind: "submit", batch };
    return pendingBatches.has(batch) ? [submit] : [submit, { at: batch.approvedAt, kind: "approve", batch }];
  });
  events.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.kind === b.kind ? 0 : a.kind === "submit" ? -1 : 1));
  const submissionTips = new Map<Batch, string>();
  let approvals = 0;
  for (const event of events) {
    const { batch } = event;
    if (event.kind === "submit") {
      const branchTree = main.clone();
      for (const file of batch.files) branchTree.set(inRepo(file.relative), file.bytes);
      const commit = commitObject(pack, {
        tree: branchTree.commitTree(),
        parents: [tip],
        author: signature(batch.submitter, batch.submittedAt),
        message: submissionMessage(batch.submitter, batch.files.length),
      });
      submissionTips.set(batch, commit);
      commits++;
      continue;
    }
    for (const file of batch.files) main.set(inRepo(file.relative), file.bytes);
    tip = commitObject(pack, {
      tree: main.commitTree(),
      parents: [tip, submissionTips.get(batch) as string],
      author: signature(batch.reviewer, event.at),
      message: approvalMessage(batch.branch, batch.submitter, batch.reviewer, batch.files.length),
    });
    approvals++;
    commits++;
  }

  writeRepositorySkeleton(gitdir, bare);
  pack.write(gitdir);
  writeRef(gitdir, "refs/heads/main", tip);
  const pending: string[] = [];
  const approved = new Set(events.filter((event) => event.kind === "approve").map((event) => event.batch));
  for (const event of events) {
    if (event.kind !== "submit" || approved.has(event.batch)) continue;
    writeRef(gitdir, `refs/heads/${event.batch.branch}`, submissionTips.get(event.batch) as string);
    pending.push(event.batch.branch);
  }
  if (!bare) writeWorkingCopy(options.out, gitdir, pack, main);
  return {
    dir: options.out,
    main: tip,
    approvals,
    pending,
    submissions: batches.length,
    commits,
    objects: pack.size,
    keyDirectory,
    // Restricted observations committed sealed: sealed here, or already sealed in the content (the bundled sample is).
    sealed: [...model.observations.values()].filter(
      (entry) =>
        entry.confidentiality === "han-che" &&
        (entry.sealed !== undefined || replaced.has(entry.source.file.slice(entry.source.file.indexOf("observations/")))),
    ).length,
  };
}
