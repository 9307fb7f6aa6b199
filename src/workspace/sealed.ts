/**
 * Restricted observations at rest (`src/adapters/encryption.ts`): sealed to the
 * entitled bodies' public keys before they are submitted, opened for a
 * signed-in entitled reader with that body's private key from the server's key
 * folder (`DAN_Y_KEY_DIR`). Who is entitled is decided before this is called.
 */
import { openForBody, sealFile } from "../adapters/encryption.ts";
import type { ContentModel } from "../core/content/content-model.ts";
import { parseMarkdown } from "../core/content/markdown-file.ts";
import { sealedHeader } from "../core/crypto/sealed-observation.ts";
import { RefusalError } from "../core/errors.ts";

export const isSealed = (text: string): boolean => sealedHeader(text) !== undefined;

/** The file as submitted: sealed when it is restricted (a refusal says why it cannot be). */
export async function sealIfRestricted(
  model: ContentModel,
  text: string,
  entry: { unit: string; organisation: string; confidentiality: string },
): Promise<string> {
  if (entry.confidentiality !== "han-che" || isSealed(text)) return text;
  return sealFile(model, text, entry);
}

/** The readable Markdown body and location of a (possibly sealed) file for `bodyId`, or why it cannot be opened. */
export async function openedParts(
  text: string,
  bodyId: string,
): Promise<{ ok: true; body: string; location: string | undefined } | { ok: false; message: string }> {
  let plain = text;
  try {
    plain = await openForBody(text, bodyId);
  } catch (error) {
    if (error instanceof RefusalError) return { ok: false, message: error.message };
    throw error;
  }
  const parsed = parseMarkdown(plain);
  if (!parsed.ok) return { ok: false, message: "Không đọc được tệp sau khi giải mã" };
  const location = (parsed.parts.data as { location?: unknown }).location;
  return { ok: true, body: parsed.parts.body, location: typeof location === "string" ? location : undefined };
}
