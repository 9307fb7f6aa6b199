/** Child process of the publisher: the search index of a freshly built site folder (argument 1). */
import { writeSearchIndex } from "../adapters/search-index.ts";

const folder = process.argv[2];
if (!folder) {
  console.error("Cần thư mục trang đã dựng");
  process.exit(2);
}
const result = await writeSearchIndex(folder);
console.log(`Chỉ mục tìm kiếm: ${result.records} mục, ${result.shards} phần`);
