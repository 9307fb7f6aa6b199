import { armor, Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from "age-encryption";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { minimalContent, toContentFiles, VALID_OBSERVATION } from "../../test-support/content-fixtures.ts";
import { loadContent } from "../content/load-content.ts";
import { parseYamlStrict } from "../content/yaml.ts";
import {
  armoredFiles,
  GROUP_STANZA,
  readersOf,
  SEALED_BODY,
  SEALED_MARK,
  sealedHeader,
  sealObservation,
  stanzaCount,
  unsealObservation,
} from "./sealed-observation.ts";

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
      "bodies/thon-a/mttq.yaml":
        "focal_points:\n  - id: thon-a-mttq\n    name: Phan Văn An\n    title: Trưởng ban\npublic_keys: [age1thona0000000000000000000000000000000000000000000000000000]\n",
      "bodies/ha-tinh/mttq.yaml":
        "focal_points:\n  - id: ha-tinh-mttq\n    name: Đặng Thị Lan\n    title: Trưởng ban\npublic_keys: [age1hatinh000000000000000000000000000000000000000000000000000]\n",
    };
    const { model, issues } = loadContent(toContentFiles(files));
    expect(issues).toEqual([]);
    expect(readersOf(model, { unit: "thon-a", organisation: "mttq" })).toEqual({
      bodies: ["ha-tinh/mttq", "thon-a/mttq", "xa-ky-hoa/mttq"],
      recipients: ["age1hatinh000000000000000000000000000000000000000000000000000", "age1thona0000000000000000000000000000000000000000000000000000"],
      withoutKeys: ["xa-ky-hoa/mttq"],
    });
  });

  describe("the group key of a reader set", () => {
    const ciphertextOf = (sealed: string) => (parse(sealed.slice(4, sealed.indexOf("\n---\n"))) as { sealed: { ciphertext: string } }).sealed.ciphertext;
    const headerOf = (armoured: string) => {
      const text = new TextDecoder().decode(armor.decode(armoured));
      return text.slice(0, text.indexOf("\n---")).split("\n");
    };

    it("holds the group key as a standard age file to the readers, then the parts under one group stanza", async () => {
      const identities = [await generateX25519Identity(), await generateX25519Identity()];
      const recipients = await Promise.all(identities.map((identity) => identityToRecipient(identity)));
      const ciphertext = ciphertextOf(await sealObservation(restricted, { bodies: ["a/b", "c/d"], recipients }));
      const [envelope, parts] = armoredFiles(ciphertext) as [string, string];
      expect(armoredFiles(ciphertext)).toHaveLength(2);
      // Any age implementation opens the envelope with a reader's key: 32 random bytes.
      const decrypter = new Decrypter();
      decrypter.addIdentity(identities[1] as string);
      expect(await decrypter.decrypt(armor.decode(envelope))).toHaveLength(32);
      expect(headerOf(envelope).filter((line) => line.startsWith("-> X25519 "))).toHaveLength(2);
      const stanzas = headerOf(parts).filter((line) => line.startsWith("-> "));
      expect(stanzas).toHaveLength(1);
      expect(stanzas[0]).toMatch(new RegExp(`^-> ${GROUP_STANZA} [A-Za-z0-9+/]{22}$`));
      expect(stanzaCount(ciphertext)).toBe(2);
    });

    it("is drawn once per reader set: files of one set share it with their own file keys; another set gets another", async () => {
      const identity = await generateX25519Identity();
      const other = await generateX25519Identity();
      const recipients = [await identityToRecipient(identity)];
      const first = armoredFiles(ciphertextOf(await sealObservation(restricted, { bodies: ["a/b"], recipients })));
      const second = armoredFiles(ciphertextOf(await sealObservation(restricted.replace("Tuyến đường", "Con đường"), { bodies: ["a/b"], recipients })));
      expect(second[0]).toBe(first[0]);
      // A fresh salt, so a fresh wrap key, and a fresh file key (its MAC differs too).
      expect(headerOf(second[1] as string)[1]).not.toBe(headerOf(first[1] as string)[1]);
      expect(headerOf(second[1] as string).at(-1)).not.toBe(headerOf(first[1] as string).at(-1));
      const widened = armoredFiles(
        ciphertextOf(await sealObservation(restricted, { bodies: ["a/b", "e/f"], recipients: [...recipients, await identityToRecipient(other)] })),
      );
      expect(widened[0]).not.toBe(first[0]);
    });

    it("opens only for a key the envelope names, even after another reader opened the same envelope", async () => {
      const reader = await generateX25519Identity();
      const stranger = await generateX25519Identity();
      const sealed = await sealObservation(restricted, { bodies: ["a/b"], recipients: [await identityToRecipient(reader)] });
      expect(await unsealObservation(sealed, [reader])).toContain("Thôn Trung Hòa");
      await expect(unsealObservation(sealed, [stranger])).rejects.toThrow("no identity matched");
    });

    it("refuses parts whose group stanza was made with another group key", async () => {
      const reader = await generateX25519Identity();
      const recipients = [await identityToRecipient(reader)];
      const mine = await sealObservation(restricted, { bodies: ["a/b"], recipients });
      const other = await sealObservation(restricted, {
        bodies: ["x/y"],
        recipients: [...recipients, await identityToRecipient(await generateX25519Identity())],
      });
      const [envelope] = armoredFiles(ciphertextOf(mine)) as [string];
      const [, foreignParts] = armoredFiles(ciphertextOf(other)) as [string, string];
      const forged = mine.replace(ciphertextOf(mine).trim().split("\n").join("\n    "), `${envelope}${foreignParts}`.trim().split("\n").join("\n    "));
      expect(forged).not.toBe(mine);
      await expect(unsealObservation(forged, [reader])).rejects.toThrow("no identity matched");
    });

    it("still opens files sealed straight to the X25519 keys (the earlier format), and counts their stanzas", async () => {
      const reader = await generateX25519Identity();
      const recipient = await identityToRecipient(reader);
      const encrypter = new Encrypter();
      encrypter.addRecipient(recipient);
      const direct = armor.encode(await encrypter.encrypt(JSON.stringify({ body: "Nội dung cũ.", location: "Thôn Cũ", follow_up: [] })));
      const sealed = await sealObservation(restricted, { bodies: ["a/b"], recipients: [recipient] });
      const earlier = sealed.replace(ciphertextOf(sealed).trim().split("\n").join("\n    "), direct.trim().split("\n").join("\n    "));
      expect(stanzaCount(direct)).toBe(1);
      const opened = await unsealObservation(earlier, [reader]);
      expect(opened).toContain("location: Thôn Cũ");
      expect(opened.trimEnd().endsWith("Nội dung cũ.")).toBe(true);
    });

    it("counts no recipients in a ciphertext of another shape, so check reports it as damaged", async () => {
      const reader = await generateX25519Identity();
      const recipients = [await identityToRecipient(reader)];
      const [envelope, parts] = armoredFiles(ciphertextOf(await sealObservation(restricted, { bodies: ["a/b"], recipients }))) as [string, string];
      expect(stanzaCount(`${envelope}${parts}`)).toBe(1);
      expect(stanzaCount(`${envelope}${parts}${parts}`)).toBe(0);
      expect(stanzaCount(`${envelope}${envelope}`)).toBe(0);
      expect(stanzaCount("-----BEGIN AGE ENCRYPTED FILE-----\nkhông phải base64\n-----END AGE ENCRYPTED FILE-----\n")).toBe(0);
    });

    it("writes front matter that the strict YAML parser reads back as the same values", async () => {
      const identity = await generateX25519Identity();
      const tricky = restricted.replace(/^title: .*$/m, 'title: "Ý kiến: 2026-11-20, 123, true, [đã], #1"');
      for (const text of [await sealObservation(tricky, { bodies: ["a/b"], recipients: [await identityToRecipient(identity)] })]) {
        const yaml = text.slice(4, text.indexOf("\n---\n"));
        const strict = parseYamlStrict(yaml);
        expect(strict).toEqual({ ok: true, value: parse(yaml) });
        const opened = await unsealObservation(text, [identity]);
        const openedYaml = opened.slice(4, opened.indexOf("\n---\n"));
        expect(parseYamlStrict(openedYaml)).toEqual({ ok: true, value: parse(tricky.slice(4, tricky.indexOf("\n---\n"))) });
        expect((parse(openedYaml) as { title: string }).title).toBe("Ý kiến: 2026-11-20, 123, true, [đã], #1");
      }
    });
  });
});
