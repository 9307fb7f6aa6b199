/**
 * Vietnamese relevance on top of Pagefind's: items holding the query's whole
 * phrase come first, exact accents before folded ones, and the excerpt is cut
 * around the best match with the matched words marked, whether the query was
 * typed with diacritics, without them, with `d` for `đ`, or in NFD.
 */
import { escapeHtml } from "../site/escape-html.ts";
import { foldVietnamese, WORD, wordsOf } from "./fold.ts";

interface Word {
  text: string;
  exact: string;
  folded: string;
  start: number;
  end: number;
}

function wordsWithPlaces(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.normalize("NFC").matchAll(WORD)) {
    const exact = match[0].toLowerCase();
    words.push({ text: match[0], exact, folded: foldVietnamese(exact), start: match.index, end: match.index + match[0].length });
  }
  return words;
}

export interface QueryWords {
  exact: string[];
  folded: string[];
}

export function queryWords(query: string): QueryWords {
  const exact = wordsOf(query);
  return { exact, folded: exact.map(foldVietnamese) };
}

/** Index of the first place the sequence occurs in `words` (by `key`), or -1. */
function phraseAt(words: Word[], sequence: string[], key: "exact" | "folded"): number {
  if (sequence.length === 0) return -1;
  outer: for (let index = 0; index + sequence.length <= words.length; index++) {
    for (let offset = 0; offset < sequence.length; offset++) {
      if ((words[index + offset] as Word)[key] !== sequence[offset]) continue outer;
    }
    return index;
  }
  return -1;
}

/**
 * How well a text matches: 0 = holds the whole phrase with the query's exact
 * accents, 1 = holds the phrase once accents are folded, 2 = holds the words
 * apart. Then, lower is better, minus the number of query words found with
 * their exact accents.
 */
export function matchRank(text: string, query: QueryWords): [number, number] {
  const words = wordsWithPlaces(text);
  const tier = phraseAt(words, query.exact, "exact") >= 0 ? 0 : phraseAt(words, query.folded, "folded") >= 0 ? 1 : 2;
  const present = new Set(words.map((word) => word.exact));
  return [tier, -query.exact.filter((word) => present.has(word)).length];
}

/** Reorders candidates by `matchRank`, keeping the search engine's order among equals. */
export function rerank<T>(candidates: readonly T[], textOf: (candidate: T) => string, query: string): T[] {
  const words = queryWords(query);
  if (words.exact.length === 0) return [...candidates];
  return candidates
    .map((candidate, index) => ({ candidate, index, rank: matchRank(textOf(candidate), words) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.index - b.index)
    .map((item) => item.candidate);
}

/** Whether the matched word positions hold `length` positions in a row: the query's words side by side. */
export function holdsRun(positions: readonly number[], length: number): boolean {
  if (length <= 1) return positions.length > 0;
  const present = new Set(positions);
  for (const start of present) {
    let run = 1;
    while (run < length && present.has(start + run)) run++;
    if (run === length) return true;
  }
  return false;
}

/**
 * The candidates whose matched positions (known before any text is fetched)
 * hold the query's words side by side first, then the others, each in the
 * engine's order: which items deserve the first page, so that only that
 * page's texts need fetching before `rerank` orders it.
 */
export function adjacentFirst<T>(candidates: readonly T[], positionsOf: (candidate: T) => readonly number[], query: string): T[] {
  const length = queryWords(query).exact.length;
  const side = candidates.map((candidate) => holdsRun(positionsOf(candidate), length));
  return [...candidates.filter((_, index) => side[index]), ...candidates.filter((_, index) => !side[index])];
}

/**
 * About `length` words of the text around its best match, HTML-escaped, with
 * the matched words in `<mark>`: a query word typed with diacritics marks that
 * word exactly ("đai" does not mark "đại"), one typed without marks every
 * accented form ("dai" marks "đai" and "đại").
 */
export function excerpt(text: string, query: string, length = 30): string {
  const normalised = text.normalize("NFC");
  const words = wordsWithPlaces(normalised);
  if (words.length === 0) return "";
  const { exact, folded } = queryWords(query);
  const exactWanted = new Set(exact.filter((word, index) => word !== folded[index]));
  const foldedWanted = new Set(folded.filter((word, index) => word === exact[index]));
  const marked = (word: Word) => exactWanted.has(word.exact) || foldedWanted.has(word.folded);
  const loose = new Set(folded);
  let at = phraseAt(words, exact, "exact");
  if (at < 0) at = phraseAt(words, folded, "folded");
  if (at < 0) at = words.findIndex(marked);
  if (at < 0) at = words.findIndex((word) => loose.has(word.folded));
  if (at < 0) at = 0;
  const first = Math.max(0, Math.min(at - Math.floor(length / 3), words.length - length));
  const last = Math.min(words.length, first + length) - 1;
  let out = first > 0 ? "… " : "";
  let cursor = (words[first] as Word).start;
  for (let index = first; index <= last; index++) {
    const word = words[index] as Word;
    out += escapeHtml(normalised.slice(cursor, word.start));
    out += marked(word) ? `<mark>${escapeHtml(word.text)}</mark>` : escapeHtml(word.text);
    cursor = word.end;
  }
  const tail = normalised.slice(cursor, last + 1 < words.length ? cursor : undefined).replace(/\s+$/, "");
  return out + escapeHtml(tail) + (last + 1 < words.length ? " …" : "");
}
