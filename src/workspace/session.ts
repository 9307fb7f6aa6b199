/** What the workspace keeps in a session: the focal point and when they signed in (an absolute limit beside Astro's idle TTL). */
import type { AstroSession } from "astro";

/** Absolute session lifetime: `DAN_Y_SESSION_HOURS`, default 8 (a working day). */
export const SESSION_HOURS = Number(process.env.DAN_Y_SESSION_HOURS ?? 8);

export interface SignedIn {
  id: string;
  at: number;
}

export async function sessionPerson(session: AstroSession | undefined): Promise<SignedIn | undefined> {
  const value = (await session?.get("person")) as SignedIn | undefined;
  if (!value || typeof value.id !== "string" || typeof value.at !== "number") return undefined;
  if (Date.now() - value.at > SESSION_HOURS * 3600 * 1000) return undefined;
  return value;
}

/** A new session id at sign-in (no fixation), holding only the person's id. */
export async function startSession(session: AstroSession | undefined, id: string): Promise<void> {
  if (!session) throw new Error("Sessions are not configured");
  await session.regenerate();
  session.set("person", { id, at: Date.now() } satisfies SignedIn);
}
