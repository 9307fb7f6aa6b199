/** Bytes to text for content files: UTF-8 only, BOM dropped, CRLF accepted as LF. */

export type Decoded = { ok: true; text: string } | { ok: false; line: number; column: number };

const decoder = new TextDecoder("utf-8", { fatal: true });

export function decodeContent(bytes: Uint8Array): Decoded {
  try {
    const text = decoder.decode(bytes).replace(/\r\n?/g, "\n");
    return { ok: true, text };
  } catch {
    // Name the first line that does not decode, so the user can go straight to it.
    let line = 1;
    let lineStart = 0;
    for (let index = 0; index <= bytes.length; index++) {
      if (index < bytes.length && bytes[index] !== 0x0a) continue;
      try {
        decoder.decode(bytes.subarray(lineStart, index));
      } catch {
        return { ok: false, line, column: 1 };
      }
      line++;
      lineStart = index + 1;
    }
    return { ok: false, line: 1, column: 1 };
  }
}
