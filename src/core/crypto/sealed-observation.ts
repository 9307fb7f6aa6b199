/**
 * Restricted observations at rest: the protected parts (the Markdown body,
 * `location`, `forwarded_to`, each follow-up step's `authority` and `note`) are
 * taken out of the plain file, encrypted with age to the bodies entitled to
 * read them, and kept in the file's `sealed` field as ASCII-armoured age. In the
 * plain file those parts read `[đã mã hóa]`, so a clone, a mirror or a forge
 * copy holds no restricted text, while the site, the index and the rules still
 * see the title, the classification, dates and statuses. Who may read: the
 * writing body and every body up its reporting lines (urgent lines included),
 * as the jurisdiction function says.
 *
 * `sealed.ciphertext` holds two armoured age files, one after the other
 * (files written before this format hold only the second kind, encrypted
 * straight to the X25519 keys; they still open):
 * 1. the reader set's **group key** (32 random bytes), an ordinary age file
 *    encrypted with X25519 to the readers' public keys (`age -d -i <key>` opens
 *    it); the same for every file of that reader set sealed in one run;
 * 2. the protected parts, an age file with a fresh random file key (as age
 *    always draws), whose one stanza `dan-y/group <salt>` wraps that file key
 *    with ChaCha20-Poly1305 under HKDF-SHA256(group key, salt, GROUP_LABEL).
 * So the X25519 work (a key generation and a Diffie-Hellman per recipient to
 * seal, one to open) is paid once per reader set instead of once per file.
 *
 * Why this is sound: no file key is ever reused (each file draws its own, and
 * with it its own header MAC key and payload key, as age specifies). The wrap
 * key is unique per file because the salt is 128 random bits, so the zero
 * nonce is used once per key, exactly as age's own X25519 stanza does with its
 * ephemeral share. The group key is never a cipher key itself, only HKDF input.
 * Whoever opens the group key can open every file of that reader set, and those
 * are exactly the bodies entitled to all of them. When the set changes (a body
 * joins or leaves the lines, a key rotates), `recipients` changes, `dan-y seal`
 * re-encrypts, and a new group key is drawn for the new set (the cache is keyed
 * by the exact recipient list), so a body that left cannot read what follows.
 *
 * Pure: age and the noble primitives are JavaScript; the key folder is the adapter's.
 */
import { chacha20poly1305 } from "@noble/ciphers/chacha.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { randomBytes } from "@noble/hashes/utils.js";
import { base64nopad } from "@scure/base";
import { armor, Decrypter, Encrypter, type Identity, type Recipient, Stanza } from "age-encryption";
import jsYaml from "js-yaml";
import type { ContentModel, ObservationEntry } from "../content/content-model.ts";
import { parseYaml, parseYamlFast } from "../content/yaml.ts";
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

/** The stanza type of a file key wrapped with a reader set's group key. */
export const GROUP_STANZA = "dan-y/group";
/** HKDF info of the per-file wrap key (domain separation from age's own labels). */
const GROUP_LABEL = new TextEncoder().encode("dan-y/v1/group-file-key");
const ZERO_NONCE = new Uint8Array(12);
const GROUP_KEY_BYTES = 32;
const SALT_BYTES = 16;

const wrapKeyFor = (groupKey: Uint8Array, salt: Uint8Array) => hkdf(sha256, groupKey, salt, GROUP_LABEL, 32);

/** Wraps each file's fresh file key with the group key (see the file comment). */
class GroupRecipient implements Recipient {
  readonly #key: Uint8Array;
  constructor(key: Uint8Array) {
    this.#key = key;
  }
  wrapFileKey(fileKey: Uint8Array): Stanza[] {
    const salt = randomBytes(SALT_BYTES);
    return [new Stanza([GROUP_STANZA, base64nopad.encode(salt)], chacha20poly1305(wrapKeyFor(this.#key, salt), ZERO_NONCE).encrypt(fileKey))];
  }
}

class GroupIdentity implements Identity {
  readonly #key: Uint8Array;
  constructor(key: Uint8Array) {
    this.#key = key;
  }
  unwrapFileKey(stanzas: Stanza[]): Uint8Array | null {
    for (const stanza of stanzas) {
      if (stanza.args[0] !== GROUP_STANZA || stanza.args.length !== 2 || stanza.body.length !== 32) continue;
      const salt = base64nopad.decode(stanza.args[1] as string);
      if (salt.length !== SALT_BYTES) continue;
      try {
        return chacha20poly1305(wrapKeyFor(this.#key, salt), ZERO_NONCE).decrypt(stanza.body);
      } catch {
        // Another group key: the tag does not verify.
      }
    }
    return null;
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

interface Group {
  /** The armoured age file of the group key, encrypted to the set's recipients. */
  envelope: string;
  /** Encrypts a file with a fresh file key wrapped by the group key. */
  encrypter: Encrypter;
}

/** The group key of a recipient list, drawn once per list (and key factory) in this process. */
const groups = new Map<KeyFactory, Map<string, Promise<Group>>>();
/** Group keys opened in this process, by identities and envelope: each envelope's X25519 is done once. */
const openedGroups = new Map<string, Promise<Decrypter>>();
const OPENED_GROUPS_LIMIT = 4096;

/**
 * Forgets the group keys drawn and opened in this process: the next seal of a
 * reader set draws a new one (a benchmark run measures its own draws).
 */
export function forgetGroupKeys(): void {
  groups.clear();
  openedGroups.clear();
}

function groupFor(recipients: readonly string[], keys: KeyFactory): Promise<Group> {
  const known = groups.get(keys) ?? new Map<string, Promise<Group>>();
  groups.set(keys, known);
  const id = recipients.join(" ");
  let group = known.get(id);
  if (!group) {
    group = (async () => {
      const key = randomBytes(GROUP_KEY_BYTES);
      const envelope = armor.encode(await encrypterFor(recipients, keys).encrypt(key));
      const encrypter = new Encrypter();
      encrypter.addRecipient(new GroupRecipient(key));
      return { envelope, encrypter };
    })();
    // A failed draw (a bad key) is not remembered.
    group.catch(() => known.delete(id));
    known.set(id, group);
  }
  return group;
}

function openGroup(envelope: string, identities: readonly string[], keys: KeyFactory, recipients: readonly string[] | undefined): Promise<Decrypter> {
  const id = `${identities.join(" ")}\n${envelope}`;
  let opened = openedGroups.get(id);
  if (!opened) {
    opened = (async () => {
      const hinted = recipients && keys.recipientOf ? hintedDecrypter(identities, recipients, keys) : undefined;
      const key = await (hinted ?? decrypterFor(identities, keys)).decrypt(armor.decode(envelope));
      if (key.length !== GROUP_KEY_BYTES) throw new Error("the group key of this file is not 32 bytes");
      const decrypter = new Decrypter();
      decrypter.addIdentity(new GroupIdentity(key));
      return decrypter;
    })();
    opened.catch(() => openedGroups.delete(id));
    if (openedGroups.size >= OPENED_GROUPS_LIMIT) openedGroups.clear();
    openedGroups.set(id, opened);
  }
  return opened;
}

const ARMOR_END = "-----END AGE ENCRYPTED FILE-----";

/** The armoured age files in a `ciphertext` field, in order. */
export function armoredFiles(ciphertext: string): string[] {
  const files: string[] = [];
  let rest = ciphertext.trim();
  while (rest.length > 0) {
    const end = rest.indexOf(ARMOR_END);
    if (end === -1) {
      files.push(rest);
      break;
    }
    files.push(`${rest.slice(0, end + ARMOR_END.length)}\n`);
    rest = rest.slice(end + ARMOR_END.length).trim();
  }
  return files;
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

/**
 * Front matter and body. A sealed file's front matter (quoted marks, a block
 * scalar) is outside the project's fast subset, so it goes to js-yaml first;
 * `parseYaml` keeps the strict parser as the authority for anything unusual.
 */
function split(text: string): SplitFile {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) throw new Error("not a Markdown file with front matter");
  const yaml = match[1] as string;
  const fast = yaml.includes("\nsealed:") ? parseYamlFast(yaml) : undefined;
  const parsed = fast !== undefined ? { ok: true as const, value: fast } : parseYaml(yaml);
  if (!parsed.ok || parsed.value === null || typeof parsed.value !== "object" || Array.isArray(parsed.value)) {
    throw new Error(`front matter is not a YAML mapping${parsed.ok ? "" : `: ${parsed.problems[0]?.message ?? ""}`}`);
  }
  return { frontMatter: parsed.value as Record<string, unknown>, body: (match[2] as string).replace(/^\r?\n/, "") };
}

/** YAML 1.2 core schema, no wrapping, no anchors: what the strict parser reads back as the same values (tested). */
const dump = (value: Record<string, unknown>) => jsYaml.dump(value, { schema: jsYaml.CORE_SCHEMA, lineWidth: -1, noRefs: true, quotingType: '"' });

const join = (frontMatter: Record<string, unknown>, body: string) => `---\n${dump(frontMatter)}---\n\n${body.trim()}\n`;

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
  const group = await groupFor(readers.recipients, keys);
  const ciphertext = group.envelope + armor.encode(await group.encrypter.encrypt(JSON.stringify(parts)));
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
  const files = armoredFiles(ciphertext);
  if (files.length === 2) {
    const group = await openGroup(files[0] as string, identities, keys, recipients);
    return JSON.parse(await group.decrypt(armor.decode(files[1] as string), "text")) as ProtectedParts;
  }
  if (files.length !== 1) throw new Error(`a sealed file holds one or two age files, not ${files.length}`);
  const hinted = recipients && keys.recipientOf ? hintedDecrypter(identities, recipients, keys) : undefined;
  return JSON.parse(await (hinted ?? decrypterFor(identities, keys)).decrypt(armor.decode(files[0] as string), "text")) as ProtectedParts;
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

function headerLines(armoured: string): string[] {
  const bytes = armor.decode(armoured);
  const header = new TextDecoder().decode(bytes.subarray(0, Math.min(bytes.length, 64 * 1024)));
  const end = header.indexOf("\n---");
  return (end === -1 ? header : header.slice(0, end)).split("\n").filter((line) => line.startsWith("-> "));
}

/**
 * How many X25519 recipient stanzas a `ciphertext` field holds (age hides who
 * they are; the count is visible): those of the group key's file, or of the
 * only file in the older direct format. 0 when the field is neither shape (the
 * parts' file must carry exactly one group stanza), or is not valid armour.
 */
export function stanzaCount(ciphertext: string): number {
  try {
    const files = armoredFiles(ciphertext);
    if (files.length === 0 || files.length > 2) return 0;
    if (files.length === 2) {
      const parts = headerLines(files[1] as string);
      if (parts.length !== 1 || !parts[0]?.startsWith(`-> ${GROUP_STANZA} `)) return 0;
    }
    const stanzas = headerLines(files[0] as string);
    return stanzas.every((line) => line.startsWith("-> X25519 ")) ? stanzas.length : 0;
  } catch {
    return 0;
  }
}
