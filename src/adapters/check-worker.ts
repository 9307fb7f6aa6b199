/** Worker-thread entry of `check-tree.ts`: checks its slice and posts the result back. */
import { parentPort, workerData } from "node:worker_threads";
import { checkSlice, type SliceRequest } from "./check-tree.ts";

parentPort?.postMessage(checkSlice(workerData as SliceRequest));
