#!/usr/bin/env node
// The CLI is bundled into one file (scripts/bundle.mjs) so that start-up does not pay for loading
// Chevrotain's many small ES modules.
import { main } from "../dist/mofgen.js";

process.exitCode = await main(process.argv.slice(2));
