/**
 * Keys and files for restricted observations at rest. Private keys live only in
 * a key folder outside the repository (`DAN_Y_KEY_DIR`, default
 * `~/.config/dan-y/khoa`): `<unit>/<organisation>.key`, one `AGE-SECRET-KEY-1…`
 * per line (the newest first; older lines stay after a rotation so old files
 * still open until they are re-encrypted). Public keys are data:
 * `public_keys` in `bodies/`.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { ContentModel } from "../core/content/content-model.ts";
import { type KeyFactory, readersOf, sealedHeader, sealObservation, unsealObservation } from "../core/crypto/sealed-observation.ts";
import { RefusalError } from "../core/errors.ts";
import { generateNativeIdentity, NativeX25519Identity, NativeX25519Recipient } from "./encryption-x25519.ts";

/** age X25519 on Node's native crypto (see encryption-x25519.ts). */
export const NATIVE_KEYS: KeyFactory = {
  recipient: (key) => new NativeX25519Recipient(key),
  identity: (key) => new NativeX25519Identity(key),
  recipientOf: (key) => new NativeX25519Identity(key).recipient,
};

/** The key folder: `DAN_Y_KEY_DIR`, else `~/.config/dan-y/khoa`. */
export function keyDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env.DAN_Y_KEY_DIR?.trim() || join(homedir(), ".config", "dan-y", "khoa");
}

const keyFile = (directory: string, bodyId: string) => {
  const [unit, organisation] = bodyId.split("/") as [string, string];
  if (!/^[a-z0-9-]+$/.test(unit) || !/^[a-z0-9-]+$/.test(organisation)) throw new RefusalError(`Mã cơ quan không hợp lệ: "${bodyId}"`);
  return join(directory, unit, `${organisation}.key`);
};

/** The private keys a body holds in the key folder, newest first (none when it has no file). */
export function readBodyIdentities(directory: string, bodyId: string): string[] {
  const file = keyFile(directory, bodyId);
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("AGE-SECRET-KEY-1"));
}

/**
 * A new key pair for a body: the private key goes first into its key file
 * (mode 600; earlier keys are kept below it), the public key is returned for
 * `public_keys` in `bodies/`.
 */
export function generateBodyKey(directory: string, bodyId: string): string {
  const { identity, recipient } = generateNativeIdentity();
  const file = keyFile(directory, bodyId);
  mkdirSync(join(file, ".."), { recursive: true, mode: 0o700 });
  const earlier = readBodyIdentities(directory, bodyId);
  writeFileSync(file, `${[identity, ...earlier].join("\n")}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return recipient;
}

/**
 * Copies into `to` the body key files of `from` that `to` lacks (mode 600),
 * and returns how many. The demo uses it: the bundled sample content is sealed
 * to sample keys shipped in `src/demo/khoa-mau/` (public on purpose, sample data
 * only), which every demo build puts into its own key folder.
 */
export function copyMissingKeys(from: string, to: string): number {
  if (!existsSync(from)) return 0;
  let copied = 0;
  for (const unit of readdirSync(from, { withFileTypes: true })) {
    if (!unit.isDirectory()) continue;
    for (const file of readdirSync(join(from, unit.name))) {
      if (!file.endsWith(".key")) continue;
      const target = join(to, unit.name, file);
      if (existsSync(target)) continue;
      mkdirSync(join(to, unit.name), { recursive: true, mode: 0o700 });
      copyFileSync(join(from, unit.name, file), target);
      chmodSync(target, 0o600);
      copied++;
    }
  }
  return copied;
}

/** The sample keys the bundled content is sealed to (see `copyMissingKeys`). */
export const SAMPLE_KEY_DIRECTORY = join(import.meta.dirname, "..", "demo", "khoa-mau");

/** Encrypts a restricted observation's file to the bodies entitled to read it (their public keys in `model`). */
export function sealFile(model: ContentModel, text: string, entry: { unit: string; organisation: string }): Promise<string> {
  const readers = readersOf(model, entry);
  if (readers.recipients.length === 0) {
    throw new RefusalError(`Không mã hóa được: chưa cơ quan nào trong ${readers.bodies.join(", ")} có khóa công khai (public_keys)`);
  }
  return sealObservation(text, readers, NATIVE_KEYS);
}

/**
 * The full text of a sealed observation for a reader of `bodyId`: refused
 * unless the file is encrypted to that body; opened with the body's keys from
 * the key folder. What the workspace calls for a signed-in, entitled user.
 */
export async function openForBody(text: string, bodyId: string, directory: string = keyDirectory()): Promise<string> {
  const header = sealedHeader(text);
  if (!header) return text;
  if (!header.bodies.includes(bodyId)) throw new RefusalError(`${bodyId} không có quyền đọc thông tin hạn chế này`);
  const identities = readBodyIdentities(directory, bodyId);
  if (identities.length === 0) throw new RefusalError(`Chưa có khóa riêng của ${bodyId} trong thư mục khóa ${directory}`);
  return unsealObservation(text, identities, NATIVE_KEYS);
}

/** Opens a sealed file with any key of the listed bodies found in the key folder (for re-encryption). */
export function openWithAnyKey(text: string, bodies: readonly string[], directory: string): Promise<string> {
  const identities = bodies.flatMap((id) => readBodyIdentities(directory, id));
  if (identities.length === 0) throw new RefusalError(`Thư mục khóa ${directory} không có khóa riêng nào của ${bodies.join(", ")}`);
  return unsealObservation(text, identities, NATIVE_KEYS);
}

export interface ResealResult {
  /** Content-relative path → new text, for every file that changed. */
  changed: Map<string, string>;
  /** Files that could not be re-encrypted, with the reason. */
  failed: { path: string; reason: string }[];
}

/**
 * Seals every restricted observation that is still plain, and re-encrypts every
 * sealed one whose bodies or keys no longer match the data (a key changed, a
 * reporting line moved), opening it with any key of its current readers found
 * in the key folder. `files`: content-relative path → text of restricted observations.
 */
export async function resealObservations(model: ContentModel, files: ReadonlyMap<string, string>, directory: string): Promise<ResealResult> {
  const changed = new Map<string, string>();
  const failed: ResealResult["failed"] = [];
  for (const [path, text] of files) {
    const id = path.replace(/^observations\/\d{4}\/\d{2}\//, "").replace(/\.md$/, "");
    const entry = model.observations.get(id);
    if (entry?.confidentiality !== "han-che") continue;
    const readers = readersOf(model, entry);
    const header = sealedHeader(text);
    if (header && header.bodies.join(",") === readers.bodies.join(",") && header.recipients.join(",") === readers.recipients.join(",")) continue;
    try {
      const plain = header ? await openWithAnyKey(text, header.bodies, directory) : text;
      changed.set(path, await sealFile(model, plain, entry));
    } catch (error) {
      failed.push({ path, reason: (error as Error).message });
    }
  }
  return { changed, failed };
}
