/**
 * Typed errors shared by the core, the adapters and the command line. A leaf module: it imports
 * nothing, so every layer may throw these and the one top-level catch of each entry point maps
 * them to exit codes or HTTP statuses.
 */

/** A Git operation that failed; `message` is Vietnamese, `cause` keeps the original. */
export class GitError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "GitError";
  }
}

/** Writing the search index failed; `message` is Vietnamese. */
export class SearchIndexError extends Error {
  override name = "SearchIndexError";
}

/**
 * The record refuses an action (a submission outside the submitter's body, an approval by someone
 * not entitled, a branch that is not pending): a Vietnamese message the user can act on.
 */
export class RefusalError extends Error {
  override name = "RefusalError";
}

/** A content file's Markdown could not be rendered while building; `file` is its display path, `message` Vietnamese. */
export class ContentRenderError extends Error {
  override name = "ContentRenderError";
  readonly file: string;
  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.file = file;
  }
}

/** Building or swapping in the published site failed; `message` is Vietnamese. */
export class PublishError extends Error {
  override name = "PublishError";
}
