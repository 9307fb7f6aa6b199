import { changedPathsBetween } from "./src/adapters/git.ts";
import { listContentPaths } from "./src/adapters/content-files.ts";
import { treeIssues } from "./src/core/check-content.ts";
let t = performance.now();
console.log(await changedPathsBetween("/tmp/b100k", "HEAD~1", "HEAD"), (performance.now()-t).toFixed(0)); t = performance.now();
const paths = listContentPaths("/tmp/b100k"); console.log("list", (performance.now()-t).toFixed(0)); t = performance.now();
treeIssues(paths, "x/"); console.log("index", (performance.now()-t).toFixed(0));
