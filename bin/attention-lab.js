#!/usr/bin/env node
// The CLI is written in TypeScript (runner/cli); this runs its build (npm run build).
require('../build/runner/cli/main.js').main(process.argv.slice(2));
