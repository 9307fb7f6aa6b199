/**
 * The workspace's Actions: every form post lands here. Inputs are validated with
 * Zod (the observation itself by the schemas and rules of `check`); the person
 * acting is `locals.me`, set by the middleware from the session, never a field
 * of the form.
 */
import { ActionError, defineAction } from "astro:actions";
import { z } from "astro/zod";
import { parseMarkdown } from "../../core/content/markdown-file.ts";
import { renderMarkdown } from "../../core/site/render-markdown.ts";
import type { PersonInBody } from "../../core/units/jurisdiction.ts";
import { weakPassword } from "../accounts.ts";
import { refusalCode } from "../action-codes.ts";
import { followUp, sendReport } from "../follow-up.ts";
import type { FormValues } from "../observation-form.ts";
import { recordObservation } from "../recording.ts";
import { batchStatus, review } from "../reviewing.ts";
import { service } from "../service.ts";
import { startSession } from "../session.ts";
import { trySignIn } from "../sign-in.ts";

/** An optional text input: Astro gives an empty field as null. */
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((value) => value ?? "");

function refuse(status: number, message: string, context: { request: Request; locals: App.Locals }): never {
  const url = new URL(context.request.url);
  service().refuse({
    status,
    path: `${context.request.method} ${url.pathname}${url.search}`,
    address: context.locals.address,
    reason: message,
    ...(context.locals.me ? { person: context.locals.me.person.id } : {}),
  });
  throw new ActionError({ code: refusalCode(status), message });
}

function signedIn(context: { request: Request; locals: App.Locals }): PersonInBody {
  const me = context.locals.me;
  if (!me) refuse(401, "Cần đăng nhập để làm việc này.", context);
  return me;
}

function formValues(form: FormData): FormValues {
  const values: FormValues = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).filter((value): value is string => typeof value === "string");
    values[key] = all.length > 1 || key === "subtopics" ? all : (all[0] ?? "");
  }
  return values;
}

export const server = {
  signIn: defineAction({
    accept: "form",
    input: z.object({ id: z.string().trim().min(1, "Cần mã đầu mối").max(120), password: z.string().min(1, "Cần mật khẩu").max(200) }),
    handler: async (input, context) => {
      const outcome = await trySignIn(service(), input.id, input.password, context.locals.address);
      if (!outcome.ok) refuse(outcome.status, outcome.message, context);
      await startSession(context.session, input.id);
      return { mustChange: outcome.mustChange };
    },
  }),

  signOut: defineAction({
    accept: "form",
    handler: async (_input, context) => {
      context.session?.destroy();
      return { signedOut: true };
    },
  }),

  changePassword: defineAction({
    accept: "form",
    input: z.object({ current: z.string().max(200), password: z.string().max(200), confirm: z.string().max(200) }),
    handler: async (input, context) => {
      const me = signedIn(context);
      const outcome = await trySignIn(service(), me.person.id, input.current, context.locals.address);
      if (!outcome.ok) refuse(outcome.status === 429 ? 429 : 403, outcome.status === 429 ? outcome.message : "Mật khẩu hiện tại không đúng.", context);
      if (input.password !== input.confirm) refuse(422, "Hai lần nhập mật khẩu mới không giống nhau.", context);
      const weak = weakPassword(input.password, me.person.id);
      if (weak) refuse(422, weak, context);
      await service().accounts.setPassword(me.person.id, input.password);
      await context.session?.regenerate();
      return { changed: true };
    },
  }),

  record: defineAction({
    accept: "form",
    handler: async (form, context) => {
      const me = signedIn(context);
      const values = formValues(form);
      const correcting = typeof values.sua === "string" && values.sua !== "" ? values.sua : undefined;
      const outcome = await recordObservation(service(), me, values, correcting);
      if (!outcome.ok && outcome.status !== 422) refuse(outcome.status, (outcome.errors[""] ?? []).join(" "), context);
      return outcome;
    },
  }),

  review: defineAction({
    accept: "form",
    input: z.object({
      branch: z.array(z.string().max(300)).min(1, "Chọn ít nhất một bài nộp").max(200),
      decision: z.enum(["duyet", "tra-lai"]),
      reason: optionalText(2000),
    }),
    handler: async (input, context) => {
      const me = signedIn(context);
      const results = await review(service(), me, input.branch, input.decision, input.reason);
      if (results.every((result) => !result.ok)) refuse(batchStatus(results), results.map((result) => result.message).join("; "), context);
      for (const result of results.filter((item) => !item.ok))
        service().refuse({
          status: result.status,
          path: "review",
          address: context.locals.address,
          person: me.person.id,
          reason: `${result.branch}: ${result.message}`,
        });
      return { results };
    },
  }),

  followUp: defineAction({
    accept: "form",
    input: z.object({
      id: z.string().max(300),
      date: z.string().max(20),
      status: z.string().max(60),
      authority: optionalText(300),
      note: optionalText(1000),
    }),
    handler: async (input, context) => {
      const me = signedIn(context);
      const outcome = await followUp(service(), me, input);
      if (!outcome.ok && outcome.status !== 422) refuse(outcome.status, Object.values(outcome.errors).flat().join(" "), context);
      return outcome;
    },
  }),

  preview: defineAction({
    input: z.object({ text: z.string().max(500_000) }),
    handler: async (input, context) => {
      signedIn(context);
      const parsed = parseMarkdown(input.text);
      return { html: renderMarkdown(parsed.ok ? parsed.parts.body : input.text, 1) };
    },
  }),

  report: defineAction({
    accept: "form",
    input: z.object({ period: z.string().max(40), text: z.string().max(500_000) }),
    handler: async (input, context) => {
      const me = signedIn(context);
      const outcome = await sendReport(service(), me, input.period, input.text);
      if (!outcome.ok && outcome.status !== 422) refuse(outcome.status, outcome.errors.join(" "), context);
      return outcome;
    },
  }),
};
