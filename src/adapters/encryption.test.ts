import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateX25519Identity, identityToRecipient } from "age-encryption";
import { describe, expect, it } from "vitest";
import { checkContent } from "../core/check/check-content.ts";
import type { ContentModel } from "../core/content/content-model.ts";
import { loadContent } from "../core/content/load-content.ts";
import { readersOf, sealObservation, unsealObservation } from "../core/crypto/sealed-observation.ts";
import { minimalContent, toContentFiles, VALID_OBSERVATION, VALID_OBSERVATION_PATH } from "../test-support/content-fixtures.ts";
import { testdir } from "../test-support/testdir.ts";
import { listContentPaths, readContentFiles } from "./content-files.ts";
import {
  copyMissingKeys,
  generateBodyKey,
  NATIVE_KEYS,
  openForBody,
  openWithAnyKey,
  readBodyIdentities,
  resealObservations,
  SAMPLE_KEY_DIRECTORY,
  sealFile,
} from "./encryption.ts";
import { generateNativeIdentity } from "./encryption-x25519.ts";

const restricted = VALID_OBSERVATION.replace("confidentiality: binh-thuong", "confidentiality: han-che");
const person = (id: string) => `focal_points:\n  - id: ${id}\n    name: Người ${id}\n    title: Đầu mối\n`;

/** The minimal province with keys for the commune's MTTQ and the province's MTTQ, the restricted observation as given. */
function province(keys: Record<string, string>, observation: string) {
  const files = {
    ...minimalContent(),
    "bodies/xa-ky-hoa/mttq.yaml": `${person("ky-hoa-mttq-le-van-binh")}public_keys: [${keys["xa-ky-hoa/mttq"]}]\n`,
    "bodies/ha-tinh/mttq.yaml": `${person("ha-tinh-mttq-a")}  - id: ha-tinh-mttq-b\n    name: Người b\n    title: Đầu mối\npublic_keys: [${keys["ha-tinh/mttq"]}]\n`,
    "bodies/xa-ky-lac/mttq.yaml": `${person("ky-lac-mttq")}`,
    "units/xa-ky-lac.yaml": "name: Xã Kỳ Lạc\nlevel: xa\nparent: ha-tinh\n",
    [VALID_OBSERVATION_PATH]: observation,
  };
  return checkContent(toContentFiles(files), { root: "content/", today: "2026-11-27" });
}

describe("restricted observations encrypted at rest", () => {
  it("writes age files that Node's native X25519 and the library open alike", async () => {
    const library = await generateX25519Identity();
    const native = generateNativeIdentity();
    const recipients = [await identityToRecipient(library), native.recipient];
    const byNative = await sealObservation(restricted, { bodies: ["a/b"], recipients }, NATIVE_KEYS);
    const byLibrary = await sealObservation(restricted, { bodies: ["a/b"], recipients });
    for (const sealed of [byNative, byLibrary]) {
      expect(await unsealObservation(sealed, [library])).toContain("Thôn Trung Hòa");
      expect(await unsealObservation(sealed, [native.identity], NATIVE_KEYS)).toContain("Thôn Trung Hòa");
    }
  });

  it("keeps private keys in the key folder only, readable by their owner alone", () => {
    const folder = testdir();
    const recipient = generateBodyKey(folder, "xa-ky-hoa/mttq");
    expect(recipient).toMatch(/^age1[0-9a-z]{58}$/);
    const file = join(folder, "xa-ky-hoa", "mttq.key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readBodyIdentities(folder, "xa-ky-hoa/mttq")).toHaveLength(1);
  });

  it("check accepts a file sealed to its readers, and names what is wrong with a plain or mis-addressed one", async () => {
    const folder = testdir();
    const keys = { "xa-ky-hoa/mttq": generateBodyKey(folder, "xa-ky-hoa/mttq"), "ha-tinh/mttq": generateBodyKey(folder, "ha-tinh/mttq") };
    const plain = province(keys, restricted);
    expect(plain.issues.map((issue) => issue.message)).toEqual([
      "Thông tin hạn chế chưa được mã hóa: chạy dan-y seal để mã hóa cho ha-tinh/mttq, xa-ky-hoa/mttq",
    ]);
    const sealed = await sealFile(plain.model, restricted, { unit: "xa-ky-hoa", organisation: "mttq" });
    expect(province(keys, sealed).issues).toEqual([]);
    // Plain text put back beside the sealed parts is caught.
    const leaked = province(
      keys,
      sealed.replace(/\n\n[^\n]+\n$/, "\n\nTuyến đường liên thôn bị sụt lún nhiều đoạn.\n").replace("people_count:", "location: Thôn Trung Hòa\npeople_count:"),
    );
    expect(leaked.issues.map((issue) => issue.message)).toEqual([
      "Thông tin đã mã hóa không được ghi địa điểm ở dạng đọc được: địa điểm nằm trong phần mã hóa",
      "Thông tin đã mã hóa không được có nội dung đọc được: nội dung nằm trong phần mã hóa (chạy dan-y seal)",
    ]);
  });

  it("opens for an entitled body's keys through the workspace's function, and refuses another body", async () => {
    const folder = testdir();
    const keys = { "xa-ky-hoa/mttq": generateBodyKey(folder, "xa-ky-hoa/mttq"), "ha-tinh/mttq": generateBodyKey(folder, "ha-tinh/mttq") };
    generateBodyKey(folder, "xa-ky-lac/mttq");
    const { model } = province(keys, restricted);
    const sealed = await sealFile(model, restricted, { unit: "xa-ky-hoa", organisation: "mttq" });
    expect(await openForBody(sealed, "ha-tinh/mttq", folder)).toContain("Chuyển văn bản đề nghị sửa chữa");
    await expect(openForBody(sealed, "xa-ky-lac/mttq", folder)).rejects.toThrow("xa-ky-lac/mttq không có quyền đọc thông tin hạn chế này");
  });

  it("re-encrypts after a key rotation: check flags the old key, dan-y seal fixes it, the new key opens and the old one no longer does", async () => {
    const folder = testdir();
    const oldKey = generateBodyKey(folder, "xa-ky-hoa/mttq");
    const keys = { "xa-ky-hoa/mttq": oldKey, "ha-tinh/mttq": generateBodyKey(folder, "ha-tinh/mttq") };
    const sealed = await sealFile(province(keys, restricted).model, restricted, { unit: "xa-ky-hoa", organisation: "mttq" });
    const [oldIdentity] = readBodyIdentities(folder, "xa-ky-hoa/mttq");

    // The commune's key is replaced (a lost laptop): a new pair, the data names only the new public key.
    const rotated = { ...keys, "xa-ky-hoa/mttq": generateBodyKey(folder, "xa-ky-hoa/mttq") };
    const stale = province(rotated, sealed);
    expect(stale.issues.map((issue) => issue.message)).toEqual([
      "Mã hóa chưa khớp khóa hiện tại của các cơ quan có quyền đọc (ha-tinh/mttq, xa-ky-hoa/mttq): 1 khóa còn thiếu, 1 khóa không còn dùng. Chạy dan-y seal để mã hóa lại",
    ]);
    const path = VALID_OBSERVATION_PATH;
    const result = await resealObservations(stale.model as ContentModel, new Map([[path, sealed]]), folder);
    expect(result.failed).toEqual([]);
    const resealed = result.changed.get(path) as string;
    expect(province(rotated, resealed).issues).toEqual([]);
    expect(await openForBody(resealed, "xa-ky-hoa/mttq", folder)).toContain("Thôn Trung Hòa");
    await expect(unsealObservation(resealed, [oldIdentity as string], NATIVE_KEYS)).rejects.toThrow();
    expect(readersOf(loadContent([]).model, { unit: "x", organisation: "y" }).bodies).toEqual([]);
  });

  it("copies the key files a folder lacks, readable by their owner alone, and keeps the ones it has", () => {
    const from = testdir();
    const to = testdir();
    generateBodyKey(from, "xa-ky-hoa/mttq");
    generateBodyKey(from, "ha-tinh/mttq");
    const own = generateBodyKey(to, "ha-tinh/mttq");
    expect(copyMissingKeys(from, to)).toBe(1);
    expect(statSync(join(to, "xa-ky-hoa", "mttq.key")).mode & 0o777).toBe(0o600);
    expect(readBodyIdentities(to, "xa-ky-hoa/mttq")).toEqual(readBodyIdentities(from, "xa-ky-hoa/mttq"));
    expect(readBodyIdentities(to, "ha-tinh/mttq")).toHaveLength(1);
    expect(readFileSync(join(to, "ha-tinh", "mttq.key"), "utf8")).not.toContain(readBodyIdentities(from, "ha-tinh/mttq")[0]);
    expect(own).toMatch(/^age1/);
    writeFileSync(join(from, "README"), "không phải khóa");
    expect(copyMissingKeys(from, to)).toBe(0);
    expect(copyMissingKeys(join(from, "khong-co"), to)).toBe(0);
  });

  it("has every restricted observation of the bundled content sealed to its readers, opened by the sample keys", async () => {
    const directory = join(import.meta.dirname, "..", "..", "content");
    const files = [...readContentFiles(directory, listContentPaths(directory, ["reports"]))];
    const { model } = loadContent(files);
    const restrictedEntries = [...model.observations.values()].filter((entry) => entry.confidentiality === "han-che");
    expect(restrictedEntries.length).toBeGreaterThan(20);
    for (const entry of restrictedEntries) {
      expect(entry.sealed?.bodies).toEqual(readersOf(model, entry).bodies);
      const text = readFileSync(join(directory, entry.source.file.slice(entry.source.file.indexOf("observations/"))), "utf8");
      const opened = await openWithAnyKey(text, entry.sealed?.bodies ?? [], SAMPLE_KEY_DIRECTORY);
      expect(opened).not.toContain("sealed:");
      expect(opened.split("\n---\n")[1]?.trim().length).toBeGreaterThan(20);
    }
  });
});
