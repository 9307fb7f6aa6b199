/**
 * What the load test and `bench workspace` share: a generated repository of N
 * observations committed on main with native git, accounts for its focal
 * points, the senders and approvers of a province, and a timed client.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { generateBenchContent } from "../../cli/lib/bench.ts";
import { AccountStore, hashPassword } from "../accounts.ts";
import { Client, type HttpAnswer } from "./workspace-server.ts";

export const PASSWORD = "mat-khau-do-tai-2026";
export const TODAY = "2026-11-27";

export interface GeneratedRepository {
  dir: string;
  content: string;
  remove(): void;
}

export function generatedRepository(observations: number): GeneratedRepository {
  const dir = mkdtempSync(join(tmpdir(), "dan-y-ban-lam-viec-tai-"));
  const content = join(dir, "content");
  generateBenchContent(content, observations);
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=Quản trị", "-c", "user.email=quan-tri@example.vn", ...args], { cwd: dir, stdio: "pipe" });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  // Packed now, as a served repository is: otherwise the commit's automatic `git gc` repacks the 100k loose
  // objects in a detached process while the server is being measured (seen beside the benchmark, under a minute of CPU).
  git("-c", "gc.auto=0", "commit", "-qm", "Nội dung sinh để đo");
  git("gc", "-q");
  return { dir, content, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Person {
  id: string;
  unit: string;
  organisation: string;
}

export function focalPoints(content: string): Person[] {
  const people: Person[] = [];
  for (const unit of readdirSync(join(content, "bodies"))) {
    for (const file of readdirSync(join(content, "bodies", unit))) {
      const body = parse(readFileSync(join(content, "bodies", unit, file), "utf8")) as { focal_points: { id: string }[] };
      for (const person of body.focal_points) people.push({ id: person.id, unit, organisation: file.replace(/\.yaml$/, "") });
    }
  }
  return people;
}

/** Accounts for everyone, with one known password and no forced change (measurement only). */
export async function grantAccounts(state: string, people: readonly Person[]): Promise<void> {
  new AccountStore(join(state, "accounts.json")).importDemo(
    people.map((person) => person.id),
    await hashPassword(PASSWORD),
  );
}

const PROVINCE_ORGANISATIONS = ["mttq", "hoi-phu-nu", "hoi-nong-dan", "doan-thanh-nien", "cong-doan"];

/** Approvers: the provincial bodies; senders: commune bodies of the member organisations those bodies review. */
export function roles(people: readonly Person[], senders: number): { senders: Person[]; approvers: Person[] } {
  const approvers = PROVINCE_ORGANISATIONS.map((organisation) =>
    people.find((person) => person.unit === "ha-tinh" && person.organisation === organisation),
  ).filter((person): person is Person => person !== undefined);
  const chosen = people.filter(
    (person) => person.unit.startsWith("xa-") && !person.unit.includes("-thon-") && PROVINCE_ORGANISATIONS.slice(1).includes(person.organisation),
  );
  return { senders: chosen.slice(0, senders), approvers };
}

export function observationForm(person: Pick<Person, "id" | "unit">, index: number): Record<string, string> {
  return {
    unit: person.unit,
    title: `Người dân phản ánh việc thứ ${index} của ${person.id.slice(0, 40)}`,
    observed_on: "20/11/2026",
    recorded_on: "21/11/2026",
    field: "van-hoa-xa-hoi",
    subtopics: "y-te-dan-so",
    channel: "hop-doan-the-thon",
    urgency: "thuong-xuyen",
    confidentiality: "binh-thuong",
    body: `Bà con phản ánh tại cuộc họp thôn (lần ${index}).`,
  };
}

/** A client whose requests are timed (ms), as the server answers them on loopback. */
export class TimedClient extends Client {
  readonly times: number[] = [];
  async timed(path: string, init: Parameters<Client["request"]>[1] = {}): Promise<HttpAnswer> {
    const started = performance.now();
    const answer = await this.request(path, init);
    this.times.push(performance.now() - started);
    return answer;
  }
}

export const percentile = (values: readonly number[], share: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0;
};

export const sentBranch = (answer: HttpAnswer): string | undefined => {
  const match = /da-gui=([^&]+)/.exec(answer.location ?? "");
  return match ? decodeURIComponent(match[1] as string) : undefined;
};

/** Pending branches a reviewer's queue lists (the review form's checkboxes). */
export const queued = (html: string): string[] => [...html.matchAll(/name="branch" value="([^"]+)"/g)].map((match) => match[1] as string);
