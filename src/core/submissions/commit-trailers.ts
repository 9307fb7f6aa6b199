/** Reads `Key: value` trailers of commit messages (Submitted-by, Reviewed-by, Focal-point …). */
export function trailer(message: string, key: string): string | undefined {
  return new RegExp(`^${key}: *(.+)$`, "mi").exec(message)?.[1]?.trim();
}
