/**
 * Demo accounts (the bundled demo only): every focal point of the demo gets an
 * account with one demo password, generated once per state directory and kept
 * there (owner-only), so a newcomer signs in as any role at once.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ContentModel } from "../core/content/content-model.ts";
import { reviewLine } from "../core/units/jurisdiction.ts";
import { type AccountStore, hashPassword, oneTimePassword } from "./accounts.ts";
import { writeFileAtomic } from "./state-dir.ts";

export interface DemoRole {
  role: string;
  id: string;
  name: string;
  body: string;
}

/** The people of the walk-through: a commune organisation's focal point, the commune MTTQ that reviews it, the provincial MTTQ. */
export function demoRoles(model: ContentModel): DemoRole[] {
  const roles: DemoRole[] = [];
  const lead = model.organisations.find((organisation) => organisation.lead)?.id ?? "mttq";
  const commune =
    [...model.bodies.values()].find((body) => body.unit === "xa-thach-ha" && body.organisation === "hoi-phu-nu") ??
    [...model.bodies.values()].find((body) => model.units.get(body.unit)?.level === "xa" && body.organisation !== lead);
  if (commune) {
    const person = commune.focal_points[0];
    if (person) roles.push({ role: "Đầu mối cấp xã (ghi nhận, nộp)", id: person.id, name: person.name, body: commune.id });
    const reviewerBody = model.bodies.get(reviewLine(model, commune).bodies.find((id) => id.startsWith(`${commune.unit}/`)) ?? "");
    const reviewer = reviewerBody?.focal_points[0];
    if (reviewerBody && reviewer)
      roles.push({ role: "MTTQ xã (duyệt bài của tổ chức thành viên xã)", id: reviewer.id, name: reviewer.name, body: reviewerBody.id });
  }
  const province = [...model.bodies.values()].find((body) => model.units.get(body.unit)?.level === "tinh" && body.organisation === lead);
  const provincial = province?.focal_points[0];
  if (province && provincial)
    roles.push({ role: "MTTQ tỉnh (duyệt bài của MTTQ xã và tổ chức cấp tỉnh)", id: provincial.id, name: provincial.name, body: province.id });
  return roles;
}

/** Creates the demo accounts that do not exist yet; returns the demo password. */
export async function ensureDemoAccounts(model: ContentModel, accounts: AccountStore, stateRoot: string): Promise<string> {
  const file = join(stateRoot, "demo-password.txt");
  const password = existsSync(file) ? readFileSync(file, "utf8").trim() : `demo-${oneTimePassword()}`;
  if (!existsSync(file)) writeFileAtomic(file, `${password}\n`);
  const hash = await hashPassword(password);
  const existing = new Set(accounts.list().map((account) => account.id));
  const missing = [...model.bodies.values()].flatMap((body) => body.focal_points.map((person) => person.id)).filter((id) => !existing.has(id));
  accounts.importDemo(missing, hash);
  return password;
}
