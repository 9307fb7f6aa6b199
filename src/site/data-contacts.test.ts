/**
 * The site's model with `DAN_Y_PUBLISH_KEY_FILE`: focal points' sealed contacts
 * opened before the pages run (a fresh module graph per test file, so `siteData`
 * loads this temp content).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { generateIdentity, identityToRecipient } from "age-encryption";
import { afterAll, describe, expect, it } from "vitest";
import { minimalContent } from "../test-support/content-fixtures.ts";
import { testdir } from "../test-support/testdir.ts";

const BIN = join(import.meta.dirname, "..", "..", "bin", "dan-y.js");
const saved = { content: process.env.CONTENT_DIR, key: process.env.DAN_Y_PUBLISH_KEY_FILE };

afterAll(() => {
  for (const [name, value] of [
    ["CONTENT_DIR", saved.content],
    ["DAN_Y_PUBLISH_KEY_FILE", saved.key],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe("site data with the publishing key", () => {
  it("opens sealed contacts for the pages", async () => {
    const identity = await generateIdentity();
    const folder = testdir({}, "dan-y-site-contacts-");
    const tree: Record<string, string | Uint8Array> = {
      ...minimalContent(),
      "bodies/ha-tinh/mttq.yaml": `focal_points:\n  - id: ha-tinh-mttq-hoang-quan\n    name: Hoàng Quân\n    title: Phó Chủ tịch\npublishing_keys: [${await identityToRecipient(identity)}]\n`,
    };
    for (const [path, text] of Object.entries(tree)) {
      mkdirSync(dirname(join(folder, "content", path)), { recursive: true });
      writeFileSync(join(folder, "content", path), text);
    }
    const sealed = spawnSync(process.execPath, [BIN, "seal", "--contacts"], { cwd: folder, env: { ...process.env, CONTENT_DIR: "content" }, encoding: "utf8" });
    expect(sealed.status, sealed.stderr).toBe(0);
    writeFileSync(join(folder, "publish.key"), `${identity}\n`);
    process.env.CONTENT_DIR = join(folder, "content");
    process.env.DAN_Y_PUBLISH_KEY_FILE = join(folder, "publish.key");
    const { siteData } = await import("./data.ts");
    const person = (await siteData()).model.bodies.get("xa-ky-hoa/mttq")?.focal_points[0];
    expect(person?.sealed_contacts).toBeDefined();
    expect([person?.phone, person?.email]).toEqual(["0912 000 111", "binh@example.vn"]);
  });
});
