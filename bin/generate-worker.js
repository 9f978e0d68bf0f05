// The second core's worker for `mofgen generate` (src/cli/generate-worker.ts): a worker thread that loads the same
// bundle as the command, through its own V8 code cache, compiles the same inputs and emits its share of the files.
import { loadBundle } from "./load-bundle.js";

const bundle = loadBundle(new URL("../dist/mofgen.cjs", import.meta.url), "worker");
await bundle.exports.runGenerateWorker();
bundle.saveCache();
