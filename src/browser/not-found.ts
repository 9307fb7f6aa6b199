/** The 404 page: puts the words of the missing address in its search box (`/bao-cao/xa-thach-ha/` → "xa thach ha"), so one click searches for them. */
export function wordsOfAddress(pathname: string): string {
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // A malformed escape: use the address as it came.
  }
  const segments = decoded
    .split("/")
    .filter((segment) => segment && !/^(index\.html|bao-cao|don-vi|thong-tin|linh-vuc|tinh-hinh-bao-cao|theo-doi)$/.test(segment));
  return segments
    .join(" ")
    .replace(/\.html?$/, "")
    .replace(/[-_#?.]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function suggestFromAddress(): void {
  const box = document.querySelector<HTMLInputElement>("input[data-from-address]");
  if (box && !box.value) box.value = wordsOfAddress(location.pathname);
}
