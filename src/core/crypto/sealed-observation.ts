/**
 * Restricted observations at rest: the protected parts (the Markdown body,
 * `location`, `forwarded_to`, each follow-up step's `authority` and `note`) are
 * taken out of the plain file, encrypted with age (X25519) to the public keys of
 * the bodies entitled to read them, and kept in the file's `sealed` field as an
 * ASCII-armoured age file. In the plain file those parts read `[đã mã hóa]`, so a
 * clone, a mirror or a forge copy holds no restricted text, while the site, the
 * index and the rules still see the title, the classification, dates and
 * statuses. Who may read: the writing body and every body up its reporting lines
 * (urgent lines included), as the jurisdiction function says.
 *
 * Pure: age uses Web Crypto; the key folder is the adapter's.
 */
import { armor, Decrypter, Encrypter, type Identity, type Recipient } from "age-encryption";
import { parse, stringify } from "yaml";
import type { ContentModel, ObservationEntry } from "../content/content-model.ts";
import { bodyFor, reviewLine } from "../units/jurisdiction.ts";

/**
 * One Encrypter per recipient set and one Decrypter per identity set: building
 * them parses keys (and derives an identity's public key); each `encrypt` still
 * draws a fresh file key, so reuse is safe and saves a key derivation per file.
 */
export interface KeyFactory {
  recipient(publicKey: string): string | Recipient;
  identity(privateKey: string): string | Identity;
  /** The public key of a private key, when the factory can tell: a file lists its recipients in stanza order, so the right stanza is tried first. */
  recipientOf?(privateKey: string): string;
}

/** Tries the stanza at `index` (the one addressed to this identity, by the file's recipient list) before the others. */
class HintedIdentity implements Identity {
  readonly #inner: Identity;
  readonly #index: number;
  constructor(inner: Identity, index: number) {
    this.#inner = inner;
    this.#index = index;
  }
  async unwrapFileKey(stanzas: Parameters<Identity["unwrapFileKey"]>[0]): Promise<Uint8Array | null> {
    const addressed = stanzas[this.#index];
    if (addressed) {
      const key = await this.#inner.unwrapFileKey([addressed]);
      if (key) return key;
    }
    return this.#inner.unwrapFileKey(stanzas);
  }
}

const identityObjects = new Map<string, { identity: Identity; recipient: string }>();

/** The library's own X25519 (Web Crypto). The adapter passes a faster native one. */
export const LIBRARY_KEYS: KeyFactory = { recipient: (key) => key, identity: (key) => key };

const encrypters = new WeakMap<KeyFactory, Map<string, Encrypter>>();
const decrypters = new WeakMap<KeyFactory, Map<string, Decrypter>>();

function encrypterFor(recipients: readonly string[], keys: KeyFactory): Encrypter {
  const known = encrypters.get(keys) ?? new Map<string, Encrypter>();
  encrypters.set(keys, known);
  const key = recipients.join(" ");
  let encrypter = known.get(key);
  if (!encrypter) {
    encrypter = new Encrypter();
    for (const recipient of recipients) encrypter.addRecipient(keys.recipient(recipient));
    known.set(key, encrypter);
  }
  return encrypter;
}

function decrypterFor(identities: readonly string[], keys: KeyFactory): Decrypter {
  const known = decrypters.get(keys) ?? new Map<string, Decrypter>();
  decrypters.set(keys, known);
  const key = identities.join(" ");
  let decrypter = known.get(key);
  if (!decrypter) {
    decrypter = new Decrypter();
    for (const identity of identities) decrypter.addIdentity(keys.identity(identity));
    known.set(key, decrypter);
  }
  return decrypter;
}

/** What a protected text reads in the plain file. */
export const SEALED_MARK = "[đã mã hóa]";
/** The body of a sealed observation's plain file. */
export const SEALED_BODY = "Nội dung thông tin hạn chế được mã hóa; chỉ cơ quan có thẩm quyền đọc được (trên bàn làm việc).";

/** The protected parts, as encrypted. Follow-up texts by step index. */
export interface ProtectedParts {
  body: string;
  location?: string;
  forwarded_to?: string;
  follow_up: { authority?: string; note?: string }[];
}

export interface Readers {
  /** Entitled bodies, sorted. */
  bodies: string[];
  /** Public keys of those bodies that have keys, in body order. */
  recipients: string[];
  /** Entitled bodies without a public key: they cannot read it until they get one. */
  withoutKeys: string[];
}

/** The bodies entitled to read an observation's protected parts, and their keys. */
export function readersOf(model: ContentModel, entry: Pick<ObservationEntry, "unit" | "organisation">): Readers {
  const writer = bodyFor(model, entry.unit, entry.organisation);
  const bodies = new Set<string>();
  const pending = writer ? [writer.id] : [];
  while (pending.length > 0) {
    const id = pending.pop() as string;
    if (bodies.has(id)) continue;
    bodies.add(id);
    const body = model.bodies.get(id);
    if (body) pending.push(...reviewLine(model, body, true).bodies);
  }
  const sorted = [...bodies].sort();
  const recipients: string[] = [];
  const withoutKeys: string[] = [];
  for (const id of sorted) {
    const keys = model.bodies.get(id)?.public_keys ?? [];
    if (keys.length === 0) withoutKeys.push(id);
    for (const key of keys) if (!recipients.includes(key)) recipients.push(key);
  }
  return { bodies: sorted, recipients, withoutKeys };
}

interface SplitFile {
  frontMatter: Record<string, unknown>;
  body: string;
}

function split(text: string): SplitFile {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) throw new Error("not a Markdown file with front matter");
  return { frontMatter: parse(match[1] as string) as Record<string, unknown>, body: (match[2] as string).replace(/^\r?\n/, "") };
}

const join = (frontMatter: Record<string, unknown>, body: string) => `---\n${stringify(frontMatter, { lineWidth: 0 })}---\n\n${body.trim()}\n`;

/** The `sealed` header of a file (bodies and keys it is encrypted to), or undefined when it is not sealed. */
export function sealedHeader(text: string): { bodies: string[]; recipients: string[] } | undefined {
  const sealed = split(text).frontMatter.sealed as { bodies?: unknown; recipients?: unknown } | undefined;
  if (!sealed || !Array.isArray(sealed.bodies) || !Array.isArray(sealed.recipients)) return undefined;
  return { bodies: sealed.bodies.map(String), recipients: sealed.recipients.map(String) };
}

/** Encrypts the protected parts of a restricted observation's file; returns the plain file that replaces it. */
export async function sealObservation(text: string, readers: Pick<Readers, "bodies" | "recipients">, keys: KeyFactory = LIBRARY_KEYS): Promise<string> {
  if (readers.recipients.length === 0) throw new Error("no public key among the entitled bodies");
  const { frontMatter, body } = split(text);
  const steps = (frontMatter.follow_up as { authority?: string; note?: string }[] | undefined) ?? [];
  const parts: ProtectedParts = {
    body,
    ...(typeof frontMatter.location === "string" ? { location: frontMatter.location } : {}),
    ...(typeof frontMatter.forwarded_to === "string" ? { forwarded_to: frontMatter.forwarded_to } : {}),
    follow_up: steps.map((step) => ({
      ...(step.authority !== undefined ? { authority: step.authority } : {}),
      ...(step.note !== undefined ? { note: step.note } : {}),
    })),
  };
  const ciphertext = armor.encode(await encrypterFor(readers.recipients, keys).encrypt(JSON.stringify(parts)));
  const plain: Record<string, unknown> = { ...frontMatter };
  delete plain.location;
  delete plain.sealed;
  if (parts.forwarded_to !== undefined) plain.forwarded_to = SEALED_MARK;
  plain.follow_up = steps.map((step) => ({
    ...step,
    ...(step.authority !== undefined ? { authority: SEALED_MARK } : {}),
    ...(step.note !== undefined ? { note: SEALED_MARK } : {}),
  }));
  plain.sealed = { bodies: readers.bodies, recipients: readers.recipients, ciphertext };
  return join(plain, SEALED_BODY);
}

/** Decrypts a sealed file with any of the identities (`AGE-SECRET-KEY-1…`); returns the full plain file, as before sealing. */
export async function unsealObservation(text: string, identities: readonly string[], keys: KeyFactory = LIBRARY_KEYS): Promise<string> {
  const { frontMatter } = split(text);
  const sealed = frontMatter.sealed as { ciphertext?: string; recipients?: string[] } | undefined;
  if (!sealed?.ciphertext) return text;
  const parts = await decryptParts(sealed.ciphertext, identities, keys, sealed.recipients);
  const restored: Record<string, unknown> = { ...frontMatter };
  delete restored.sealed;
  if (parts.location !== undefined) restored.location = parts.location;
  if (parts.forwarded_to !== undefined) restored.forwarded_to = parts.forwarded_to;
  const steps = (frontMatter.follow_up as Record<string, unknown>[] | undefined) ?? [];
  restored.follow_up = steps.map((step, index) => {
    const secret = parts.follow_up[index] ?? {};
    const { authority: _authority, note: _note, ...rest } = step;
    return { ...rest, ...(secret.authority !== undefined ? { authority: secret.authority } : {}), ...(secret.note !== undefined ? { note: secret.note } : {}) };
  });
  // Keep the key order of a hand-written file: location before people_count, forwarded_to before follow_up.
  return join(orderLike(restored), parts.body);
}

const KEY_ORDER = [
  "title",
  "observed_on",
  "recorded_on",
  "unit",
  "organisation",
  "field",
  "subtopics",
  "channel",
  "urgency",
  "location",
  "people_count",
  "tags",
  "status",
  "forwarded_to",
  "follow_up",
  "related",
  "confidentiality",
];

function orderLike(value: Record<string, unknown>): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const key of KEY_ORDER) if (key in value) ordered[key] = value[key];
  for (const [key, item] of Object.entries(value)) if (!(key in ordered)) ordered[key] = item;
  return ordered;
}

/** The protected parts of a sealed file, or an error saying no identity opens it. */
export async function decryptParts(
  ciphertext: string,
  identities: readonly string[],
  keys: KeyFactory = LIBRARY_KEYS,
  recipients?: readonly string[],
): Promise<ProtectedParts> {
  if (identities.length === 0) throw new Error("no private key to decrypt with");
  const hinted = recipients && keys.recipientOf ? hintedDecrypter(identities, recipients, keys) : undefined;
  return JSON.parse(await (hinted ?? decrypterFor(identities, keys)).decrypt(armor.decode(ciphertext), "text")) as ProtectedParts;
}

function hintedDecrypter(identities: readonly string[], recipients: readonly string[], keys: KeyFactory): Decrypter | undefined {
  const decrypter = new Decrypter();
  for (const text of identities) {
    let known = identityObjects.get(text);
    if (!known) {
      const identity = keys.identity(text);
      if (typeof identity === "string" || !keys.recipientOf) return undefined;
      known = { identity, recipient: keys.recipientOf(text) };
      identityObjects.set(text, known);
    }
    const index = recipients.indexOf(known.recipient);
    decrypter.addIdentity(index >= 0 ? new HintedIdentity(known.identity, index) : known.identity);
  }
  return decrypter;
}

/** How many recipient stanzas an armoured age file's header holds (age hides who they are; the count is visible). */
export function stanzaCount(ciphertext: string): number {
  const bytes = armor.decode(ciphertext);
  const header = new TextDecoder().decode(bytes.subarray(0, Math.min(bytes.length, 64 * 1024)));
  const end = header.indexOf("\n---");
  return (end === -1 ? header : header.slice(0, end)).split("\n").filter((line) => line.startsWith("-> X25519 ")).length;
}
