#!/usr/bin/env node
// The CLI is one bundled file (scripts/bundle.mjs), so that start-up does not pay for loading Chevrotain's
// many small ES modules, compiled through a V8 code cache (load-bundle.js).
import { loadBundle } from "./load-bundle.js";

const cli = loadBundle(new URL("../dist/mofgen.cjs", import.meta.url), process.argv[2]);
process.exitCode = await cli.exports.main(process.argv.slice(2));
cli.saveCache();
