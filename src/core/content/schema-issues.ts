/** Turns Zod issues into Vietnamese messages with positions in the YAML source. */
import { z } from "zod";
import { didYouMean } from "../check/suggest.ts";
import type { Position } from "./content-issue.ts";

z.config(z.locales.vi());

const TYPE_WORDS: Record<string, string> = {
  string: "chuỗi văn bản",
  number: "số",
  int: "số nguyên",
  boolean: "đúng/sai (true/false)",
  array: "danh sách",
  object: "các cặp khóa: giá trị",
  undefined: "không có gì",
  null: "giá trị rỗng",
};

/** Words that mark a key as carrying a complainant's or denouncer's identity. */
const IDENTITY_KEY = /nguoi|ho_?ten|ten_|name|complain|denounc|informant|reporter|phone|dien_thoai|sdt|email|cccd|cmnd|can_cuoc|dia_chi_nha/;

export const IDENTITY_MESSAGE =
  "Không được ghi danh tính, số điện thoại, địa chỉ hay giấy tờ của người phản ánh, khiếu nại, tố cáo (Luật Tố cáo, Điều 9 và 47)";

function describeValue(value: unknown): string {
  if (value === undefined) return "không có gì";
  if (value === null) return "giá trị rỗng";
  if (Array.isArray(value)) return "một danh sách";
  if (typeof value === "object") return "các cặp khóa: giá trị";
  if (typeof value === "string") return `"${value.length > 60 ? `${value.slice(0, 57)}…` : value}"`;
  return String(value);
}

/** The object keys a schema accepts at a path, for suggestions. */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: z.ZodType | undefined = schema;
  for (const step of [...path, null]) {
    while (current && ["optional", "default", "nullable", "prefault"].includes(current.def.type)) {
      current = (current.def as unknown as { innerType: z.ZodType }).innerType;
    }
    if (!current) return [];
    if (step === null) break;
    if (current.def.type === "object") current = (current as z.ZodObject).shape[String(step)] as z.ZodType | undefined;
    else if (current.def.type === "array") current = (current as z.ZodArray<z.ZodType>).element;
    else return [];
  }
  return current?.def.type === "object" ? Object.keys((current as z.ZodObject).shape) : [];
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = data;
  for (const step of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[step];
  }
  return value;
}

const showPath = (path: readonly PropertyKey[]): string =>
  path.map((step, index) => (typeof step === "number" ? `[${step + 1}]` : `${index > 0 ? "." : ""}${String(step)}`)).join("");

export interface LocatedMessage {
  message: string;
  /** Where to point: the value at `path`, or its key when `key` is set. */
  path: readonly PropertyKey[];
  key: boolean;
}

/** One or more located messages for a Zod issue (one per unknown key). */
export function describeSchemaIssue(issue: z.core.$ZodIssue, schema: z.ZodType, data: unknown): LocatedMessage[] {
  const path = issue.path;
  const name = `Trường "${showPath(path)}"`;
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = keysAt(schema, path);
      return issue.keys.map((key) => ({
        path: [...path, key],
        key: true,
        message: IDENTITY_KEY.test(key.toLowerCase().replace(/-/g, "_"))
          ? `Khóa "${key}" không được phép. ${IDENTITY_MESSAGE}`
          : `Khóa "${key}" không có trong mẫu.${didYouMean(key, known)} Các khóa hợp lệ: ${known.join(", ")}`,
      }));
    }
    case "invalid_type": {
      const value = valueAt(data, path);
      if (value === undefined) {
        return [
          { path: path.slice(0, -1), key: false, message: `Thiếu trường bắt buộc "${showPath(path)}" (cần ${TYPE_WORDS[issue.expected] ?? issue.expected})` },
        ];
      }
      return [{ path, key: false, message: `${name}: cần ${TYPE_WORDS[issue.expected] ?? issue.expected}, nhận được ${describeValue(value)}` }];
    }
    case "invalid_value": {
      const value = valueAt(data, path);
      const options = issue.values.map(String);
      return [
        {
          path,
          key: false,
          message: `${name}: giá trị ${describeValue(value)} không hợp lệ; cần một trong: ${options.join(", ")}.${typeof value === "string" ? didYouMean(value, options) : ""}`,
        },
      ];
    }
    default: {
      const value = valueAt(data, path);
      const tail = issue.code === "custom" || value === undefined || typeof value === "object" ? "" : ` (nhận được ${describeValue(value)})`;
      return [{ path, key: false, message: `${name}: ${issue.message}${tail}` }];
    }
  }
}

/** Validates and maps failures to located messages. */
export function validateWith<T>(schema: z.ZodType<T>, data: unknown): { ok: true; value: T } | { ok: false; messages: LocatedMessage[] } {
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, messages: result.error.issues.flatMap((issue) => describeSchemaIssue(issue, schema, data)) };
}

export type { Position };
