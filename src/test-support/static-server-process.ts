/** Child-process entry of `serveFolderInChild` (argument: the folder): serves it and answers "bytes" with the bytes served so far. */
import { serveFolder } from "./static-server.ts";

const server = await serveFolder(process.argv[2] as string);
process.send?.({ url: server.url });
process.on("message", (message) => {
  if (message === "bytes") process.send?.({ bytes: server.bytesServed() });
});
