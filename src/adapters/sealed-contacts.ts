/**
 * Focal points' contacts at rest (issue 13): `dan-y seal --contacts` encrypts
 * them in a body file with age, and the site build opens them with the
 * publishing identity (`DAN_Y_PUBLISH_KEY_FILE`) before the pure views run.
 * Which keys apply is data (core/crypto/sealed-contacts.ts).
 */
import { readFileSync } from "node:fs";
import { armor, Decrypter, Encrypter } from "age-encryption";
import { parse, parseDocument } from "yaml";
import type { FocalPoint } from "../../schemas/index.ts";
import type { BodyEntry, ContentModel } from "../core/content/content-model.ts";
import { CONTACT_FIELDS, type ContactField, contactRecipients, plainContacts, publishingKeysOf } from "../core/crypto/sealed-contacts.ts";
import { RefusalError } from "../core/errors.ts";

/** Encrypts one person's contact fields (as YAML) to `recipients`; armoured age text. */
export async function sealContacts(contacts: Partial<Record<ContactField, string>>, recipients: readonly string[]): Promise<string> {
  const encrypter = new Encrypter();
  for (const recipient of recipients) encrypter.addRecipient(recipient);
  const yaml = CONTACT_FIELDS.flatMap((field) => (contacts[field] === undefined ? [] : [`${field}: ${JSON.stringify(contacts[field])}`])).join("\n");
  return armor.encode(await encrypter.encrypt(`${yaml}\n`));
}

/** Opens armoured contacts with any of the identities (`AGE-SECRET-KEY-1…`); throws when none fits. */
export async function openContacts(ciphertext: string, identities: readonly string[]): Promise<Partial<Record<ContactField, string>>> {
  const decrypter = new Decrypter();
  for (const identity of identities) decrypter.addIdentity(identity);
  const values = parse(await decrypter.decrypt(armor.decode(ciphertext), "text")) as Record<string, unknown> | null;
  const contacts: Partial<Record<ContactField, string>> = {};
  for (const field of CONTACT_FIELDS) if (typeof values?.[field] === "string") contacts[field] = values[field];
  return contacts;
}

/**
 * A body file's text with every plain-contact focal point sealed (the rest of
 * the YAML kept as written), or undefined when nothing was plain. Refused when
 * the province declared no publishing key.
 */
export async function sealBodyContacts(model: ContentModel, body: BodyEntry, text: string): Promise<string | undefined> {
  const people = body.focal_points
    .map((person, index) => ({ index, contacts: plainContacts(person) }))
    .filter(({ contacts }) => Object.keys(contacts).length > 0);
  if (people.length === 0) return undefined;
  if (publishingKeysOf(model, body).length === 0) {
    throw new RefusalError(
      `${body.source.file}: chưa khai báo khóa xuất bản (publishing_keys) trên tệp cơ quan MTTQ cấp tỉnh nên không mã hóa được liên hệ của đầu mối. Thêm khóa công khai của máy dựng trang nội bộ vào publishing_keys rồi chạy lại`,
    );
  }
  const both = people.find(({ index }) => body.focal_points[index]?.sealed_contacts);
  if (both) {
    // Sealing the new fields alone would overwrite the contacts sealed before, which this machine cannot open.
    throw new RefusalError(
      `${body.source.file}: đầu mối ${body.focal_points[both.index]?.name} vừa có liên hệ đã mã hóa (sealed_contacts) vừa có liên hệ ở dạng đọc được; xóa sealed_contacts rồi ghi lại đủ liên hệ ở dạng đọc được trước khi mã hóa`,
    );
  }
  const recipients = contactRecipients(model, body);
  const document = parseDocument(text);
  for (const { index, contacts } of people) {
    const ciphertext = await sealContacts(contacts, recipients);
    for (const field of CONTACT_FIELDS) document.deleteIn(["focal_points", index, field]);
    document.setIn(["focal_points", index, "sealed_contacts"], document.createNode({ recipients, ciphertext }));
  }
  return document.toString({ lineWidth: 0 });
}

/** The age identities in an identity file (`AGE-SECRET-KEY-1…` lines; `#` comments skipped). */
export function readIdentityFile(file: string): string[] {
  const identities = readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("AGE-SECRET-KEY-1"));
  if (identities.length === 0) throw new RefusalError(`${file}: không có khóa riêng age nào (dòng AGE-SECRET-KEY-1…)`);
  return identities;
}

/**
 * Opens, in place, every sealed contact the identities can open, so the views
 * show them; a person whose contacts it cannot open keeps them sealed (shown as
 * kept private). Returns how many were opened.
 */
export async function openModelContacts(model: ContentModel, identities: readonly string[]): Promise<number> {
  let opened = 0;
  for (const body of model.bodies.values()) {
    for (const person of body.focal_points as FocalPoint[]) {
      if (!person.sealed_contacts) continue;
      try {
        Object.assign(person, await openContacts(person.sealed_contacts.ciphertext, identities));
        opened++;
      } catch {
        // Not encrypted to this build's key: the page says the contacts are kept private.
      }
    }
  }
  return opened;
}
