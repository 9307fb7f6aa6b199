import { armor, Encrypter, generateIdentity, identityToRecipient } from "age-encryption";
import { beforeAll, describe, expect, it } from "vitest";
import { checkWith as check, where } from "../../../test-support/check-fixture.ts";

let keys: string[];
let ciphertext: string;

beforeAll(async () => {
  keys = await Promise.all([generateIdentity(), generateIdentity()].map(async (identity) => identityToRecipient(await identity)));
  const encrypter = new Encrypter();
  encrypter.addRecipient(keys[0] as string);
  ciphertext = armor.encode(await encrypter.encrypt('phone: "0912 000 111"\n'));
});

const province = (publishing: string | undefined) => ({
  "bodies/ha-tinh/mttq.yaml": `focal_points:\n  - id: ha-tinh-mttq-hoang-quan\n    name: Hoàng Quân\n    title: Phó Chủ tịch\n${publishing ? `publishing_keys: [${publishing}]\n` : ""}`,
});

const commune = (sealed: { recipients: string[]; ciphertext: string }) => ({
  "bodies/xa-ky-hoa/mttq.yaml": `focal_points:\n  - id: ky-hoa-mttq-le-van-binh\n    name: Lê Văn Bình\n    title: Cán bộ\n    sealed_contacts:\n      recipients: [${sealed.recipients.join(", ")}]\n      ciphertext: ${JSON.stringify(sealed.ciphertext)}\n`,
});

const lines = (changes: Record<string, string>) =>
  check(changes)
    .filter((issue) => issue.rule === "sealed-contacts")
    .map((issue) => `${where(issue)} ${issue.message}`);

describe("sealed-contacts", () => {
  it("says nothing about plain contacts while the province declares no publishing key (the demo's choice)", () => {
    expect(lines(province(undefined))).toEqual([]);
  });

  it("names each plain contact field at its line once the province declares publishing keys", () => {
    expect(lines(province(keys[0]))).toEqual([
      "content/bodies/xa-ky-hoa/mttq.yaml:5:12 Đầu mối Lê Văn Bình: liên hệ chưa được mã hóa: chạy npx dan-y seal --contacts",
      "content/bodies/xa-ky-hoa/mttq.yaml:6:12 Đầu mối Lê Văn Bình: liên hệ chưa được mã hóa: chạy npx dan-y seal --contacts",
    ]);
  });

  it("accepts contacts sealed to the publishing key", () => {
    expect(lines({ ...province(keys[0]), ...commune({ recipients: [keys[0] as string], ciphertext }) })).toEqual([]);
  });

  it("refuses contacts not sealed to a publishing key, and a ciphertext whose stanzas do not match its recipients", () => {
    const result = lines({ ...province(keys[1]), ...commune({ recipients: keys, ciphertext }) });
    expect(result).toEqual([
      "content/bodies/xa-ky-hoa/mttq.yaml:7:19 Đầu mối Lê Văn Bình: dữ liệu mã hóa liên hệ không có đúng 2 khóa nhận đã ghi: dữ liệu bị sửa hoặc hỏng",
    ]);
    expect(lines({ ...province(keys[1]), ...commune({ recipients: [keys[0] as string], ciphertext }) })).toEqual([
      "content/bodies/xa-ky-hoa/mttq.yaml:6:19 Đầu mối Lê Văn Bình: liên hệ chưa được mã hóa cho 1 khóa xuất bản (publishing_keys) của tỉnh: chạy npx dan-y seal --contacts",
    ]);
  });
});
