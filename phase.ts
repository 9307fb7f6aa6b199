import { listContentPaths, readContentFiles } from "./src/adapters/content-files.ts";
import { loadContent } from "./src/core/load-content.ts";
import { treeIssues, checkLoaded } from "./src/core/check-content.ts";
let t = performance.now();
const paths = listContentPaths("/tmp/b100k"); console.log("list", (performance.now()-t).toFixed(0)); t = performance.now();
const { index } = treeIssues(paths, "x/"); console.log("index", (performance.now()-t).toFixed(0)); t = performance.now();
const files = readContentFiles("/tmp/b100k", paths); console.log("read", (performance.now()-t).toFixed(0)); t = performance.now();
const loaded = loadContent(files); console.log("load", (performance.now()-t).toFixed(0)); t = performance.now();
checkLoaded(loaded, index, { root: "x/", today: "2026-11-27" }); console.log("rules", (performance.now()-t).toFixed(0));
