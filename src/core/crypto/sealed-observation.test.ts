import { generateX25519Identity, identityToRecipient } from "age-encryption";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { minimalContent, toContentFiles, VALID_OBSERVATION } from "../../test-support/content-fixtures.ts";
import { loadContent } from "../content/load-content.ts";
import { readersOf, SEALED_BODY, SEALED_MARK, sealedHeader, sealObservation, stanzaCount, unsealObservation } from "./sealed-observation.ts";

const PROTECTED = ["Thôn Trung Hòa", "UBND xã Kỳ Hoa", "Chuyển văn bản đề nghị sửa chữa", "Tuyến đường liên thôn bị sụt lún", "Bà con đề nghị sửa chữa"];
const restricted = VALID_OBSERVATION.replace("confidentiality: binh-thuong", "confidentiality: han-che");

describe("sealing a restricted observation", () => {
  it("keeps no protected text in the plain file, and opens again for any of its readers", async () => {
    const identities = [await generateX25519Identity(), await generateX25519Identity()];
    const recipients = await Promise.all(identities.map((identity) => identityToRecipient(identity)));
    const sealed = await sealObservation(restricted, { bodies: ["ha-tinh/mttq", "xa-ky-hoa/mttq"], recipients });
    for (const text of PROTECTED) expect(sealed).not.toContain(text);
    expect(sealed).toContain(`forwarded_to: "${SEALED_MARK}"`);
    expect(sealed.trimEnd().endsWith(SEALED_BODY)).toBe(true);
    expect(sealedHeader(sealed)).toEqual({ bodies: ["ha-tinh/mttq", "xa-ky-hoa/mttq"], recipients });
    const front = parse(sealed.slice(4, sealed.indexOf("\n---\n"))) as { sealed: { ciphertext: string }; status: string; follow_up: unknown[] };
    expect(stanzaCount(front.sealed.ciphertext)).toBe(2);
    expect(front.status).toBe("da-tra-loi");
    expect(front.follow_up).toHaveLength(2);
    for (const identity of identities) {
      const opened = await unsealObservation(sealed, [identity]);
      expect(parse(opened.slice(4, opened.indexOf("\n---\n")))).toEqual(parse(restricted.slice(4, restricted.indexOf("\n---\n"))));
      expect(opened.slice(opened.indexOf("\n---\n") + 5).trim()).toBe(restricted.slice(restricted.indexOf("\n---\n") + 5).trim());
    }
  });

  it("does not open for a key it was not encrypted to", async () => {
    const identity = await generateX25519Identity();
    const sealed = await sealObservation(restricted, { bodies: ["xa-ky-hoa/mttq"], recipients: [await identityToRecipient(identity)] });
    await expect(unsealObservation(sealed, [await generateX25519Identity()])).rejects.toThrow();
  });

  it("is read by the writing body and every body up its lines, with the keys they have", () => {
    const files = {
      ...minimalContent(),
      "units/thon-a.yaml": "name: Thôn A\nlevel: khu-dan-cu\nparent: xa-ky-hoa\n",
      "bodies/thon-a/mttq.yaml": "focal_points:\n  - id: thon-a-mttq\n    name: Phan Văn An\n    title: Trưởng ban\npublic_keys: [age1thona0000000000000000000000000000000000000000000000000000]\n",
      "bodies/ha-tinh/mttq.yaml": "focal_points:\n  - id: ha-tinh-mttq\n    name: Đặng Thị Lan\n    title: Trưởng ban\npublic_keys: [age1hatinh000000000000000000000000000000000000000000000000000]\n",
    };
    const { model, issues } = loadContent(toContentFiles(files));
    expect(issues).toEqual([]);
    expect(readersOf(model, { unit: "thon-a", organisation: "mttq" })).toEqual({
      bodies: ["ha-tinh/mttq", "thon-a/mttq", "xa-ky-hoa/mttq"],
      recipients: ["age1hatinh000000000000000000000000000000000000000000000000000", "age1thona0000000000000000000000000000000000000000000000000000"],
      withoutKeys: ["xa-ky-hoa/mttq"],
    });
  });
});
