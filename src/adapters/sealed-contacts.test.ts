/**
 * Focal points' contacts kept out of the repository, end to end on real files:
 * `dan-y seal --contacts` in a temp Git repository, `git grep` after it, the
 * publishing identity opening what a stranger cannot, and the unit view with
 * and without the key.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { generateIdentity, identityToRecipient } from "age-encryption";
import { beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../core/content/load-content.ts";
import { CONTACTS_KEPT_PRIVATE } from "../core/crypto/sealed-contacts.ts";
import { buildUnitTree } from "../core/units/unit-tree.ts";
import { unitView } from "../site/views/unit.ts";
import { minimalContent } from "../test-support/content-fixtures.ts";
import { testdir } from "../test-support/testdir.ts";
import { listContentPaths, readContentFiles } from "./content-files.ts";
import { openContacts, openModelContacts, readIdentityFile, sealContacts } from "./sealed-contacts.ts";

const BIN = join(import.meta.dirname, "..", "..", "bin", "dan-y.js");
const PHONE = "0912 000 111";
const EMAIL = "binh@example.vn";

let publishing: { identity: string; recipient: string };
let stranger: { identity: string; recipient: string };

beforeAll(async () => {
  const pair = async () => {
    const identity = await generateIdentity();
    return { identity, recipient: await identityToRecipient(identity) };
  };
  publishing = await pair();
  stranger = await pair();
});

/** The minimal tree in a temp Git repository (committed), with the province's MTTQ body declaring `publishingKeys` when given. */
function repository(publishingKeys: string[] | undefined): string {
  const folder = testdir({}, "dan-y-contacts-");
  const tree: Record<string, string | Uint8Array> = { ...minimalContent() };
  tree["bodies/ha-tinh/mttq.yaml"] =
    '# The province\'s MTTQ\nfocal_points:\n  - id: ha-tinh-mttq-hoang-quan\n    name: Hoàng Quân\n    title: Phó Chủ tịch\n    zalo: "0988777666"\n' +
    (publishingKeys ? `publishing_keys: [${publishingKeys.join(", ")}]\n` : "");
  for (const [path, text] of Object.entries(tree)) {
    mkdirSync(dirname(join(folder, "content", path)), { recursive: true });
    writeFileSync(join(folder, "content", path), text);
  }
  const git = (...args: string[]) => execFileSync("git", args, { cwd: folder, encoding: "utf8" });
  git("init", "-q");
  git("-c", "user.name=t", "-c", "user.email=t@example.vn", "add", ".");
  git("-c", "user.name=t", "-c", "user.email=t@example.vn", "commit", "-qm", "start");
  return folder;
}

const dany = (folder: string, ...args: string[]) => {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: folder,
    env: { ...process.env, CONTENT_DIR: "content" },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
};

const modelOf = (folder: string) => loadContent(readContentFiles(join(folder, "content"), listContentPaths(join(folder, "content")))).model;

describe("sealed contacts", () => {
  it("opens with the publishing identity and not with a stranger's", async () => {
    const ciphertext = await sealContacts({ phone: PHONE, email: EMAIL }, [publishing.recipient]);
    expect(ciphertext).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----/);
    expect(ciphertext).not.toContain(PHONE);
    expect(await openContacts(ciphertext, [publishing.identity])).toEqual({ phone: PHONE, email: EMAIL });
    await expect(openContacts(ciphertext, [stranger.identity])).rejects.toThrow();
  });

  it("seal --contacts removes every plain contact from the repository, keeps the rest, and check then passes", async () => {
    const folder = repository([publishing.recipient]);
    const before = dany(folder, "check", "--today", "2026-11-27", "--quiet");
    expect(before.code).toBe(1);
    expect(before.out + before.err).toContain(
      "content/bodies/xa-ky-hoa/mttq.yaml:5:12  lỗi  Đầu mối Lê Văn Bình: liên hệ chưa được mã hóa: chạy npx dan-y seal --contacts  [sealed-contacts]",
    );

    const sealed = dany(folder, "seal", "--contacts");
    expect(sealed.err).toBe("");
    expect(sealed.out).toContain("2 tệp vừa mã hóa liên hệ của đầu mối.");
    const province = readFileSync(join(folder, "content/bodies/ha-tinh/mttq.yaml"), "utf8");
    expect(province).toContain("# The province's MTTQ\n");
    expect(province).toContain(`publishing_keys: [ ${publishing.recipient} ]`);
    expect(province).not.toContain("0988777666");

    const git = (...args: string[]) => spawnSync("git", args, { cwd: folder, encoding: "utf8" });
    git("-c", "user.name=t", "-c", "user.email=t@example.vn", "commit", "-qam", "seal");
    for (const needle of [PHONE, EMAIL, "0988777666"]) {
      const found = git("grep", "-F", needle, "HEAD");
      expect(found.status, `${needle}: ${found.stdout}`).toBe(1);
    }
    expect(git("grep", "-c", "BEGIN AGE ENCRYPTED FILE", "HEAD").stdout).toContain("content/bodies/xa-ky-hoa/mttq.yaml:1");

    // A plain phone added beside sealed contacts is refused, not sealed over them (they would be lost).
    const commune = join(folder, "content/bodies/xa-ky-hoa/mttq.yaml");
    const sealedText = readFileSync(commune, "utf8");
    writeFileSync(commune, sealedText.replace("    sealed_contacts:", '    zalo: "0911222333"\n    sealed_contacts:'));
    const refused = dany(folder, "seal", "--contacts");
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("đầu mối Lê Văn Bình vừa có liên hệ đã mã hóa (sealed_contacts) vừa có liên hệ ở dạng đọc được");
    writeFileSync(commune, sealedText);

    const after = dany(folder, "check", "--today", "2026-11-27", "--quiet");
    expect(after.out + after.err).not.toContain("liên hệ");
    expect(after.code).toBe(0);

    // The unit view: "kept private" without the key, the contacts with it; a stranger's key opens nothing.
    const view = (model: ReturnType<typeof modelOf>) =>
      unitView({ model, tree: buildUnitTree(model), today: "2026-11-27" }, "xa-ky-hoa", new Set()).focalPoints.map((person) => person.contacts);
    expect(view(modelOf(folder))).toEqual([CONTACTS_KEPT_PRIVATE]);
    const withStranger = modelOf(folder);
    expect(await openModelContacts(withStranger, [stranger.identity])).toBe(0);
    expect(view(withStranger)).toEqual([CONTACTS_KEPT_PRIVATE]);
    const keyFile = join(folder, "publish.key");
    writeFileSync(keyFile, `# created: now\n# public key: ${publishing.recipient}\n${publishing.identity}\n`);
    const opened = modelOf(folder);
    expect(await openModelContacts(opened, readIdentityFile(keyFile))).toBe(2);
    expect(view(opened)).toEqual([`Điện thoại ${PHONE} · ${EMAIL}`]);
  });

  it("refuses in Vietnamese when the province declared no publishing key, leaving the files as they were", () => {
    const folder = repository(undefined);
    const file = join(folder, "content/bodies/xa-ky-hoa/mttq.yaml");
    const text = readFileSync(file, "utf8");
    const result = dany(folder, "seal", "--contacts");
    expect(result.code).toBe(1);
    expect(result.err).toContain("chưa khai báo khóa xuất bản (publishing_keys) trên tệp cơ quan MTTQ cấp tỉnh");
    expect(readFileSync(file, "utf8")).toBe(text);
  });
});
