// Every HTML page under a folder, opened in Debian's headless chromium and checked by
// axe-core against WCAG 2.1 A and AA. Prints one line per page and each violation; exits
// 1 if any page has one. With a second folder, also saves a screenshot of each page named
// in SCREENSHOTS (a comma-separated list of paths under the site) there.
//
//   node axe.mjs SITE [SCREENSHOT_DIR]
import { readdirSync, statSync, mkdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = require.resolve("axe-core/axe.min.js");

const [site, shots] = process.argv.slice(2).map((p) => resolve(p));
if (!site) {
  console.error("usage: node axe.mjs SITE [SCREENSHOT_DIR]");
  process.exit(2);
}

function pages(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return pages(path);
    return name.endsWith(".html") ? [path] : [];
  });
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const wanted = (process.env.SCREENSHOTS || "").split(",").filter(Boolean);
let failed = 0;
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1000, height: 800 });
  for (const path of pages(site).sort()) {
    const name = relative(site, path);
    await page.goto(pathToFileURL(path).href, { waitUntil: "load" });
    await page.addScriptTag({ path: axeSource });
    const result = await page.evaluate(() =>
      // eslint-disable-next-line no-undef
      axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        resultTypes: ["violations"],
      }),
    );
    const violations = result.violations;
    console.log(`${violations.length === 0 ? "ok" : "FAIL"} ${name} (${result.passes.length} rules pass)`);
    for (const v of violations) {
      failed += 1;
      console.log(`  ${v.id} [${v.impact}]: ${v.help}`);
      for (const node of v.nodes.slice(0, 5)) console.log(`    ${node.target.join(" ")}: ${node.failureSummary.replace(/\n/g, " ")}`);
    }
    if (shots && wanted.includes(name)) {
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: join(shots, name.replace(/[\\/]/g, "_") + ".png"), fullPage: true });
    }
  }
} finally {
  await browser.close();
}
process.exit(failed === 0 ? 0 : 1);
