#!/usr/bin/env node
// `node scripts/mutation-summary.mjs`: reads the Stryker JSON reports `pnpm mutate` wrote to
// reports/stryker/ and prints, as Markdown, the score of each package and file that ran, then
// every surviving (or uncovered) mutant by file and line, for docs/mutation-testing.md.
// Score = (killed + timed out) / (killed + timed out + survived + no coverage), as Stryker counts it.
// "load-failed" counts static mutants (code run at import) that Stryker reports as survived with
// zero tests completed: the mutant makes the module throw on import, vitest fails every test file
// before any test has a result, and @stryker-mutator/vitest-runner 9.6.1 reads "no failed test" as
// survived. They are detected in fact; the adjusted score counts them as killed, the raw one not.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const dir = join(root, "reports", "stryker");
if (!existsSync(dir)) {
  console.error("no reports/stryker/: run `pnpm mutate` first");
  process.exit(1);
}
const reports = readdirSync(dir)
  .filter((f) => f.endsWith(".json") && !f.endsWith(".incremental.json"))
  .sort();

const count = (mutants) => {
  const c = { killed: 0, timeout: 0, survived: 0, loadFailed: 0, noCoverage: 0, other: 0 };
  for (const m of mutants) {
    if (loadFailed(m)) c.loadFailed++;
    else if (m.status === "Killed") c.killed++;
    else if (m.status === "Timeout") c.timeout++;
    else if (m.status === "Survived") c.survived++;
    else if (m.status === "NoCoverage") c.noCoverage++;
    else c.other++;
  }
  const detected = c.killed + c.timeout;
  const valid = detected + c.survived + c.loadFailed + c.noCoverage;
  const pct = (n) => (valid === 0 ? 100 : (100 * n) / valid);
  return { ...c, raw: pct(detected), adjusted: pct(detected + c.loadFailed) };
};
const loadFailed = (m) => m.status === "Survived" && m.static === true && m.testsCompleted === 0;
const row = (name, c) =>
  `| ${name} | ${c.raw.toFixed(1)} % | ${c.adjusted.toFixed(1)} % | ${c.killed} | ${c.timeout} | ${c.survived} | ${c.loadFailed} | ${c.noCoverage} |`;

for (const file of reports) {
  const pkg = file.replace(/\.json$/, "");
  const report = JSON.parse(readFileSync(join(dir, file), "utf8"));
  const files = Object.entries(report.files).sort(([a], [b]) => (a < b ? -1 : 1));
  const all = files.flatMap(([, f]) => f.mutants);
  console.log(`\n### @dyn/${pkg}\n`);
  console.log("| file | raw score | adjusted | killed | timed out | survived | load-failed | no coverage |");
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
  console.log(row("**all files that ran**", count(all)));
  for (const [name, f] of files) console.log(row(`\`${name}\``, count(f.mutants)));
  for (const [name, f] of files) {
    const lines = f.source.split("\n");
    const alive = f.mutants
      .filter((m) => (m.status === "Survived" && !loadFailed(m)) || m.status === "NoCoverage")
      .sort((a, b) => a.location.start.line - b.location.start.line);
    if (alive.length === 0) continue;
    console.log(`\n\`${name}\`:\n`);
    for (const m of alive) {
      const line = m.location.start.line;
      const code = (lines[line - 1] ?? "").trim().slice(0, 80).replaceAll("`", "'");
      const replacement = String(m.replacement ?? "")
        .replace(/\s+/g, " ")
        .slice(0, 50)
        .replaceAll("`", "'");
      const tag = m.status === "NoCoverage" ? " (no coverage)" : "";
      console.log(`- ${line}: ${m.mutatorName} → \`${replacement}\`${tag} — \`${code}\``);
    }
  }
}
