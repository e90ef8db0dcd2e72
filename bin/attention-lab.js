#!/usr/bin/env node
// The CLI is written in TypeScript (src/cli); this runs its build (npm run build).
require('../build/src/cli/main.js').main(process.argv.slice(2));
