// End-to-end test of the web page in Debian's headless Chromium, as a coordinator and a
// planner would use it. Starts `placematch serve` on a generated dataset, drives the page,
// checks what it shows against the API, and keeps screenshots under target/e2e/.
//
// Needs: the release binary (PLACEMATCH_BIN, default target/release/placematch) and Chromium
// (CHROMIUM, default /usr/bin/chromium). Run: cd tests/e2e && npm ci && npm test
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync, copyFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { createRequire } from "node:module";

/** axe-core's script, injected into the page (the context bypasses the page's CSP for it). */
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const ROOT = resolve(import.meta.dirname, "..", "..");
const BIN = process.env.PLACEMATCH_BIN || join(ROOT, "target", "release", "placematch");
const SHOTS = join(ROOT, "target", "e2e");
// The README's screenshots: written by this test, so they show the page as it is.
const DOCS_SHOTS = join(ROOT, "docs", "screenshots");
const AS_OF = "2026-11-01";
const COORDINATOR = "coordinator-token-e2e-0123456789";
const PLANNER = "planner-token-e2e-0123456789abc";
const AUDITOR = "auditor-token-e2e-0123456789abcd";

let work;
let browser;
const servers = [];

/** Starts the server on a free port and resolves with its base URL once it listens. */
function serve(args, data) {
  return new Promise((resolveUrl, reject) => {
    const child = spawn(BIN, ["serve", "--addr", "127.0.0.1:0", "--data", data || join(work, "data"), "--as-of", AS_OF, ...args], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    servers.push(child);
    let stderr = "";
    const timer = setTimeout(() => reject(new Error("server did not start: " + stderr)), 30000);
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      const match = stderr.match(/(http:\/\/127\.0\.0\.1:\d+)\//);
      if (match) {
        clearTimeout(timer);
        resolveUrl({ url: match[1], child, stderr: () => stderr });
      }
    });
    child.on("exit", (code) => reject(new Error("server exited with " + code + ": " + stderr)));
  });
}

async function newPage(base, viewport, options) {
  const page = await browser.newPage({ viewport: viewport || { width: 1280, height: 900 }, ...(options || {}) });
  const outside = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(base) && !request.url().startsWith("data:")) outside.push(request.url());
  });
  page.outside = outside;
  return page;
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), "placematch-e2e-"));
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(DOCS_SHOTS, { recursive: true });
  // With a synthetic history of past placements (data/cases.sqlite) for the outcomes report.
  execFileSync(BIN, ["generate", "--children", "40", "--sites", "400", "--seed", "7", "--out", join(work, "data"), "--history"]);
  writeFileSync(join(work, "tokens.toml"), `
[[token]]
token = "${COORDINATOR}"
user = "e2e-coordinator"
role = "coordinator"

[[token]]
token = "${PLANNER}"
user = "e2e-planner"
role = "planner"

[[token]]
token = "${AUDITOR}"
user = "e2e-auditor"
role = "auditor"
`);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  if (browser) await browser.close();
  for (const child of servers) child.kill("SIGTERM");
  if (work) rmSync(work, { recursive: true, force: true });
});

test("a coordinator picks a child, reads the shortlist, switches language", async () => {
  const server = await serve([]);
  const page = await newPage(server.url, { width: 1366, height: 768 });
  await page.goto(server.url + "/");
  await page.waitForSelector("#child option", { state: "attached" });
  // A child with flags at its best sites, so that their place on the card is checked.
  const ids = await page.$$eval("#child option", (options) => options.map((option) => option.value));
  let child = ids[2];
  for (const id of ids) {
    const view = await (await fetch(`${server.url}/api/children/${id}/shortlist?top=3&lang=da`)).json();
    if (view.eligible.length >= 3 && view.eligible.some((site) => site.flag_details.length > 0)) {
      child = id;
      break;
    }
  }
  await page.selectOption("#child", child);
  await page.fill("#top", "5");
  // Keyboard: Enter in the form submits it.
  await page.focus("#top");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#shortlist li.site");

  const expected = await (await fetch(`${server.url}/api/children/${child}/shortlist?top=5&lang=da`)).json();
  const shown = await page.$$eval("li.site", (items) => items.map((item) => item.dataset.site));
  assert.deepEqual(shown, expected.eligible.map((site) => site.site_id), "the page shows the API's ranking");
  assert.ok(shown.length > 0, "the generated child has eligible sites");

  // The child's situation beside the list, as the API labels it.
  assert.match(await page.textContent("#child-panel-heading"), new RegExp(child));
  const facts = await page.$$eval(".child-panel dd", (items) => items.map((item) => item.textContent));
  assert.deepEqual(facts, expected.child.facts.map((fact) => fact.text), "the child panel shows every fact");
  assert.match(facts[0], /^\d+ år$/, "the age in Danish");

  // Seven bars, each with its figure and level in words (colour is never the only cue).
  const figures = await page.$$eval("li.site:first-child .element-row li .figure", (items) => items.map((item) => item.textContent));
  assert.equal(figures.length, 7, "one bar per element");
  for (const figure of figures) assert.match(figure, /^\d,\d{2} \((høj|middel|lav)\)$/);
  // Flags come before the elements on every card, with the gaps counted.
  const order = await page.$$eval("li.site", (cards) => cards.map((card) => {
    const parts = [...card.children].map((part) => part.className);
    return { flags: parts.indexOf("flags"), elements: parts.indexOf("element-row") };
  }));
  assert.ok(order.some((card) => card.flags >= 0), "some card has flags");
  for (const card of order) if (card.flags >= 0) assert.ok(card.flags < card.elements, "flags first");
  await page.screenshot({ path: join(DOCS_SHOTS, "coordinator-da.png") });
  // On a 1366 x 768 screen the child and the three best sites with their flags fit without scrolling.
  const fits = await page.evaluate(() => {
    const cards = document.querySelectorAll("li.site");
    const third = cards[Math.min(2, cards.length - 1)];
    const bottom = third.querySelector(".element-row").getBoundingClientRect().bottom;
    const panel = document.querySelector(".child-panel").getBoundingClientRect();
    return { bottom, panelTop: panel.top, panelBottom: panel.bottom, height: window.innerHeight };
  });
  assert.ok(fits.panelTop >= 0 && fits.panelBottom <= fits.height, "the child panel is on screen: " + JSON.stringify(fits));
  assert.ok(fits.bottom <= fits.height, "the third site is on screen: " + JSON.stringify(fits));

  // The map of home and sites, folded in the child panel: a mark per shown site and one for home.
  await page.click(".child-panel details.where summary");
  const where = await page.evaluate(() => ({
    land: document.querySelector(".where path.land").getAttribute("d").length,
    sites: [...document.querySelectorAll(".where .site-mark")].map((mark) => mark.getAttribute("aria-label")),
    home: document.querySelectorAll(".where .home-mark").length,
  }));
  assert.ok(where.land > 1000, "Denmark's outline");
  assert.equal(where.sites.length, shown.length, "one mark per site shown");
  assert.match(where.sites[0], /^Nr\. 1: /);
  assert.equal(where.home, 1);
  await (await page.$(".child-panel")).screenshot({ path: join(SHOTS, "shortlist-map.png") });
  await page.click(".child-panel details.where summary");

  const firstReason = await page.$eval("li.site:first-child ul.reasons li", (item) => item.textContent);
  assert.equal(firstReason, expected.eligible[0].elements.needs.texts[0], "reasons in Danish");
  const summary = await page.textContent("#shortlist-summary");
  assert.match(summary, /mulige steder/);
  await page.screenshot({ path: join(SHOTS, "shortlist-da.png"), fullPage: true });

  await page.selectOption("#lang", "en");
  await page.waitForFunction(() => document.documentElement.lang === "en" && document.querySelector("#shortlist-summary")?.textContent.includes("possible sites"));
  const english = await (await fetch(`${server.url}/api/children/${child}/shortlist?top=5&lang=en`)).json();
  const reasonEn = await page.$eval("li.site:first-child ul.reasons li", (item) => item.textContent);
  assert.equal(reasonEn, english.eligible[0].elements.needs.texts[0], "reasons in English after the switch");
  assert.equal(await page.textContent("#coordinator-heading"), "Shortlist for one child");
  const label = await page.textContent("label[for=child]");
  assert.equal(label, "Child (pseudonym)", "controls are labelled");
  await page.screenshot({ path: join(SHOTS, "shortlist-en.png"), fullPage: true });

  await page.emulateMedia({ media: "print" });
  assert.equal(await page.isVisible("#shortlist-form"), false, "forms are not printed");
  assert.equal(await page.isVisible("li.site"), true, "the shortlist is printed");
  await page.screenshot({ path: join(SHOTS, "shortlist-print.png"), fullPage: true });
  assert.deepEqual(page.outside, [], "no request leaves the server");
  await page.close();
});

test("a planner compares two scenarios and sees who moved", async () => {
  const server = await serve([]);
  const page = await newPage(server.url);
  await page.goto(server.url + "/");
  await page.waitForSelector("#child option", { state: "attached" });
  await page.selectOption("#lang", "en");
  // Scenario B takes out the sites scenario A uses most: every site A placed a child at.
  const baseline = await (await fetch(`${server.url}/api/assign`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: "{}",
  })).json();
  const used = [...new Set(baseline.assignments.map((row) => row.site_id))].slice(0, 5);
  assert.ok(used.length > 0, "the baseline places children");
  await page.fill("#b-name", "fewer sites");
  await page.fill("#b-remove_sites", used.join(", "));
  // A lock the planner sets in A is kept: the locked child sits at the locked site.
  const locked = baseline.assignments[0];
  await page.fill("#a-locks", `${locked.child_id}=${locked.site_id}`);
  await page.click("#compare-form button[type=submit]");
  await page.waitForSelector("#metrics");
  const placedA = parseInt(await page.textContent("#metrics tr[data-metric=children_placed] td:nth-child(2)"), 10);
  assert.equal(placedA, baseline.objective.placed, "side A is the baseline");
  // B − A with an arrow and the word: fewer sites place fewer children, which is worse.
  const placedChange = await page.textContent("#metrics tr[data-metric=children_placed] td:nth-child(4)");
  const placedB0 = parseInt(await page.textContent("#metrics tr[data-metric=children_placed] td:nth-child(3)"), 10);
  if (placedB0 < placedA) assert.match(placedChange, /^▼ −\d+ \(worse\)$/, placedChange);
  else assert.match(placedChange, /\((unchanged|better)\)$/, placedChange);
  const movedRows = await page.$$eval("#moved tbody tr", (rows) => rows.length);
  assert.ok(movedRows > 0, "removing used sites moves children");
  const heading = await page.textContent("#comparison h3");
  assert.equal(heading, `${movedRows} children moved between A and B`);
  // Each side says how far it is proven, in the page's language.
  const proofs = await page.textContent("#proofs");
  assert.match(proofs, /A: A · Best possible assignment: proven It is proven that no other assignment is better under the chosen priorities/);
  assert.match(proofs, /B: fewer sites · /);
  assert.equal(await page.isVisible(".proof[data-side=a] details p"), false, "the technical proof is folded");
  assert.match(await page.textContent(".proof[data-side=a] details p"), /min-cost flow/);
  await page.screenshot({ path: join(SHOTS, "compare-en.png"), fullPage: true });
  // In Danish, the proof is asked for again and reads as a Danish caseworker writes.
  await page.selectOption("#lang", "da");
  await page.waitForFunction(() => /A: A · Den bedst mulige fordeling: bevist Det er bevist/.test(document.querySelector("#proofs")?.textContent || ""));
  await page.screenshot({ path: join(SHOTS, "compare-da.png"), fullPage: true });
  await page.$eval("#comparison", (node) => node.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: join(DOCS_SHOTS, "planner-da.png") });
  await page.selectOption("#lang", "en");
  await page.waitForFunction(() => /A: A · Best possible assignment: proven/.test(document.querySelector("#proofs")?.textContent || ""));
  // New sites as inline rows: the header row of sites.csv is added when left out.
  await page.fill("#b-add_sites", "S-NEW,Ny familie,foster_reinforced,101,2,2,0,17,any,,long_term,none,,da,,0,true,2,4,30000,true,2026-10-01");
  const added = await page.evaluate(() => readScenario("b").add_sites_csv);
  assert.ok(added.startsWith("id,name,type,municipality,") && added.includes("\nS-NEW,Ny familie,"), added);
  await page.fill("#b-add_sites", "");
  // Where one more place would help most, for scenario A: each listed gain was verified.
  await page.click("#recruit-form button[type=submit]");
  await page.waitForSelector("#recruit .method");
  const additions = await page.$$eval("#additions li", (items) => items.map((item) => item.textContent));
  const method = await page.textContent("#recruit .method");
  assert.match(method, /computing the assignment again with one extra place/);
  assert.ok(additions.length > 0, "a contended set has places worth adding");
  assert.ok(additions.every((text) => text.startsWith("One more place")), additions.join("\n"));
  await page.screenshot({ path: join(SHOTS, "recruit-en.png"), fullPage: true });
  // The map: Denmark's outline, a mark at every municipality, a numbered mark for each
  // verified addition (focusable, with its text), circles where children lack a site.
  const map = await page.evaluate(() => {
    const svg = document.querySelector("#recruit-map");
    return {
      outline: svg.querySelector("path.land").getAttribute("d").length,
      towns: svg.querySelectorAll("circle.town").length,
      unplaced: svg.querySelectorAll("circle.unplaced").length,
      ranks: [...svg.querySelectorAll("g.addition")].flatMap((g) => g.dataset.ranks.split(", ").map(Number)).sort((a, b) => a - b),
      focusable: [...svg.querySelectorAll("g.addition")].every((g) => g.getAttribute("tabindex") === "0" && g.getAttribute("aria-label").length > 0),
    };
  });
  assert.ok(map.outline > 1000, "Denmark's outline is drawn");
  assert.equal(map.towns, 98, "every municipality is on the map");
  assert.deepEqual(map.ranks, additions.map((_, idx) => idx + 1), "each verified addition is marked once");
  assert.ok(map.focusable, "the marks take the keyboard focus and say what they mean");
  // Drawing the report with its map takes well under a second (issue 15's limit).
  const drawMs = await page.evaluate(() => { const start = performance.now(); renderRecruit(); return performance.now() - start; });
  assert.ok(drawMs < 1000, `the report and its map drew in ${drawMs} ms`);
  console.log(`# recruit report with map drawn in ${drawMs.toFixed(1)} ms`);
  await page.focus("#recruit-map g.addition");
  await page.$eval("#recruit-map", (node) => node.scrollIntoView({ block: "center" }));
  await (await page.$("#recruit .map")).screenshot({ path: join(SHOTS, "recruit-map.png") });
  // The what-if: the first addition tried as scenario B places the children it promised.
  const gain = await page.$eval("#additions li:first-child span", (span) => span.textContent);
  await page.click("#additions li:first-child button.try");
  await page.waitForFunction(() => /^\+1 /.test(document.querySelector("#metrics thead th:nth-child(3)")?.textContent.slice(3) || ""));
  const placedB = parseInt(await page.textContent("#metrics tr[data-metric=children_placed] td:nth-child(3)"), 10);
  const more = /(\d+) more child/.exec(gain);
  assert.equal(placedB, placedA + (more ? Number(more[1]) : 0), `B places what the report verified: ${gain}`);
  // A lock on an unknown child is a problem the page shows, not a crash.
  await page.fill("#b-locks", "C-9999=S-0001");
  await page.click("#compare-form button[type=submit]");
  // … shown next to the scenario that caused it, before either side is solved.
  await page.waitForSelector("#scenario-b-error:not([hidden])");
  assert.match(await page.textContent("#scenario-b-error"), /scenario is invalid.*b: lock names child C-9999/);
  assert.equal(await page.isVisible("#error"), false, "not in the box at the top");
  assert.equal(await page.$("#cancel-job"), null, "no job was started");
  // In Danish the same mistake reads in Danish, next to scenario B.
  await page.selectOption("#lang", "da");
  await page.click("#compare-form button[type=submit]");
  await page.waitForFunction(() => /Scenariet er ugyldigt.*b: nøglen `lock`: barnet C-9999 findes ikke i data/.test(document.querySelector("#scenario-b-error")?.textContent || ""));
  await page.selectOption("#lang", "en");
  await page.fill("#b-locks", "");
  // A line of the wrong shape is said next to its field as it is typed, and nothing is sent.
  await page.fill("#a-free_places", "S-0004=2\nS-0005 3");
  await page.waitForSelector("#a-free_places-hint:not([hidden])");
  assert.equal(await page.textContent("#a-free_places-hint"), "Line 2: write the site's ID, an equals sign and a whole number, e.g. S-0004=2");
  assert.equal(await page.getAttribute("#a-free_places", "aria-invalid"), "true");
  await page.click("#compare-form button[type=submit]");
  assert.equal(await page.evaluate(() => document.activeElement.id), "a-free_places", "the focus goes to the field");
  assert.equal(await page.$("#cancel-job"), null, "nothing was sent");
  await page.fill("#a-free_places", "");
  assert.equal(await page.isVisible("#a-free_places-hint"), false);
  assert.deepEqual(page.outside, [], "no request leaves the server");
  await page.close();
});

test("a long comparison shows its progress and stops on the server when cancelled", async () => {
  // The bundled data (500 children, 5,000 sites): with siblings allowed to split, the MILP
  // runs to its time limit.
  const server = await serve([], join(ROOT, "data"));
  const page = await newPage(server.url);
  await page.goto(server.url + "/");
  await page.waitForSelector("#child option", { state: "attached" });
  await page.selectOption("#lang", "en");
  await page.selectOption("#a-siblings", "allow_split");
  await page.click("#compare-form button[type=submit]");
  await page.waitForSelector("#cancel-job");
  await page.waitForFunction(() => /Computing … [1-9]\d* s/.test(document.querySelector(".job-progress")?.textContent || ""));
  const running = await page.textContent(".job-progress");
  assert.match(running, /^Computing … \d+ s · [\d,]+ search steps$/, running);
  await page.screenshot({ path: join(SHOTS, "job-running.png") });
  const clicked = Date.now();
  await page.click("#cancel-job");
  await page.waitForFunction(() => /stopped after/.test(document.querySelector("#comparison .job")?.textContent || ""));
  const stoppedIn = Date.now() - clicked;
  console.log(`# cancelled comparison reported stopped in ${stoppedIn} ms`);
  assert.ok(stoppedIn < 3000, `the page said stopped after ${stoppedIn} ms`);
  // The server stopped the work: the job's search steps no longer grow.
  const jobId = await page.getAttribute("#comparison .job", "data-job");
  const steps = async () => (await (await fetch(`${server.url}/api/jobs/${jobId}`)).json());
  // A MILP slice in progress (at most 2 s, a little more while a node's LP finishes) ends and
  // asks once more; then the count stands still.
  let previous = await steps();
  assert.equal(previous.status, "cancelled");
  // Still for three seconds in a row (longer than a slice), within ten.
  let stillFor = 0;
  for (let second = 0; second < 10 && stillFor < 3; second += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = await steps();
    stillFor = now.steps === previous.steps ? stillFor + 1 : 0;
    previous = now;
  }
  const still = stillFor >= 3;
  assert.ok(still, `the cancelled search kept stepping: ${previous.steps}`);
  // In Danish the progress reads as Danish.
  await page.selectOption("#lang", "da");
  await page.click("#compare-form button[type=submit]");
  await page.waitForFunction(() => /^Beregner … \d+ s · [\d.]+ søgetrin$/.test(document.querySelector(".job-progress")?.textContent || ""));
  await page.click("#cancel-job");
  await page.waitForFunction(() => /Beregningen blev stoppet efter \d+ s\. Intet resultat er gemt\./.test(document.querySelector("#comparison .job")?.textContent || ""));
  assert.deepEqual(page.outside, [], "no request leaves the server");
  await page.close();
});

test("with a case store: a planner reads whether the matching works, a coordinator asks a site and sees what is due", async () => {
  const server = await serve(["--cases", join(work, "data", "cases.sqlite")]);
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
  await page.goto(server.url + "/");
  await page.waitForSelector("#planner:not([hidden])");
  await page.click("#outcomes-form button[type=submit]");
  await page.waitForSelector("#outcomes-plot");
  const expected = await (await fetch(`${server.url}/api/report/outcomes?lang=da`)).json();
  const bands = expected.dimensions.find((dimension) => dimension.name === "score_band").cells;
  const plot = await page.evaluate(() => {
    const svg = document.querySelector("#outcomes-plot");
    return {
      label: svg.getAttribute("aria-label"),
      dots: svg.querySelectorAll("circle.rate").length,
      titles: [...svg.querySelectorAll("g.band > title")].map((title) => title.textContent),
      external: [...svg.querySelectorAll("[href], image")].length,
    };
  });
  assert.equal(plot.label, "Andel sammenbrud inden for 12 måneder efter samlet score, med 95 %-intervaller");
  assert.equal(plot.dots, bands.filter((cell) => cell.rate).length, "one dot per band shown");
  assert.ok(plot.dots >= 2, "the generated history fills at least two bands");
  assert.equal(plot.external, 0, "the plot is drawn inline, no external assets");
  // Each dot says its figures in words; they are the server's figures.
  const first = bands.find((cell) => cell.rate);
  assert.ok(plot.titles[0].startsWith(`Score ${first.label}: `) && plot.titles[0].includes(` brød sammen `)
    && plot.titles[0].endsWith(`${first.rate.breakdowns} af ${first.rate.placements}`), plot.titles[0]);
  const text = await page.textContent("#outcomes");
  assert.match(text, /anbringelser er fulgt i 12 måneder/);
  assert.match(text, /Hvad hvert elements score siger om sammenbrud/);
  assert.ok(!/H-\d{5}/.test(text), "no past child is named");
  // axe-core finds nothing with the report open.
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((violation) => `${violation.id}: ${violation.nodes.length} (${violation.help})`);
  });
  assert.deepEqual(found, [], "axe-core with the outcomes report");
  await page.locator("#outcomes").screenshot({ path: join(SHOTS, "outcomes-da.png") });
  await page.locator("#outcomes").screenshot({ path: join(DOCS_SHOTS, "outcomes-da.png") });

  // The coordinator's side of the process: each card says whether its site was asked; asking
  // records it (on the server, in the case store) and the card then says so.
  await page.waitForSelector("#child option", { state: "attached" });
  const child = await page.$eval("#child option", (option) => option.value);
  await page.selectOption("#child", child);
  await page.click("#shortlist-form button[type=submit]");
  await page.waitForSelector("#shortlist li.site .inquiry");
  const firstSite = await page.$eval("#shortlist li.site", (card) => card.dataset.site);
  assert.match(await page.textContent(`li.site[data-site="${firstSite}"] .inquiry`), /Forespørgsel: ikke spurgt endnu/);
  await page.click(`li.site[data-site="${firstSite}"] button.ask`);
  await page.waitForFunction((site) => /spurgt \d{4}-\d{2}-\d{2}/.test(document.querySelector(`li.site[data-site="${site}"] .inquiry`)?.textContent || ""), firstSite);
  assert.equal(await page.$(`li.site[data-site="${firstSite}"] button.ask`), null, "an asked site has no ask button");
  const recorded = await (await fetch(`${server.url}/api/children/${child}/shortlist?top=5&lang=da`)).json();
  assert.equal(recorded.eligible.find((site) => site.site_id === firstSite).inquiry.answer, "asked");
  await page.locator(`li.site[data-site="${firstSite}"]`).screenshot({ path: join(SHOTS, "case-card-da.png") });
  const formFound = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((violation) => `${violation.id}: ${violation.nodes.length} (${violation.help})`);
  });
  assert.deepEqual(formFound, [], "axe-core with the answer form open");
  // The site says yes on a condition: recorded on the card.
  await page.fill(`form.answer[data-site="${firstSite}"] input[id^=conditions-]`, "supervision i traumer");
  // Each gap of the site can be marked as covered by the conditions.
  const closable = await page.$$(`form.answer[data-site="${firstSite}"] .closes input`);
  if (closable.length) await closable[0].check();
  await page.click(`form.answer[data-site="${firstSite}"] button[type=submit]`);
  await page.waitForFunction((site) => /svarede ja .*på betingelse af: supervision i traumer/.test(document.querySelector(`li.site[data-site="${site}"] .inquiry`)?.textContent || ""), firstSite);
  if (closable.length) {
    assert.match(await page.textContent(`li.site[data-site="${firstSite}"] .inquiry`), /betingelsen dækker den manglende kompetence inden for /);
  }
  assert.equal(await page.$(`form.answer[data-site="${firstSite}"]`), null, "an answered site has no answer form");
  // The child's view: recorded from the child panel, then the panel says so with the law.
  await page.fill("#conversation-day", "2026-11-20");
  await page.click("#conversation-form button[type=submit]");
  await page.waitForFunction(() => /Der er afholdt samtale med barnet den 2026-11-20 \(barnets lov § 5, stk\. 3\)/.test(document.querySelector(".child-panel")?.textContent || ""));
  // The follow-ups due from the history, or a sentence that none are.
  await page.click("#due-form button[type=submit]");
  await page.waitForFunction(() => document.querySelector("#due")?.textContent.length > 0);
  assert.match(await page.textContent("#due"), /Frist|Ingen opfølgninger/);
  // A follow-up recorded from its row (the generated history leaves some due).
  const form = await page.$("#due form.followup");
  if (form) {
    await (await form.$("select[id^=status-]")).selectOption("breakdown");
    await (await form.$("select[id^=cause-]")).selectOption("child_left");
    await (await form.$("button")).click();
    await page.waitForSelector("#due [role=status]");
    assert.equal(await page.textContent("#due [role=status]"), "Registreret.");
  }
  await page.close();
});

test("a coordinator records the child's views, decides from a card and prints the decision basis; an auditor reads the process without free text", async () => {
  // A case store of its own (a copy of the generated history): this test decides.
  copyFileSync(join(work, "data", "cases.sqlite"), join(work, "page-cases.sqlite"));
  const server = await serve(["--cases", join(work, "page-cases.sqlite"), "--audit", join(work, "page-audit.sqlite")]);
  // CSP bypassed only so that axe-core can be injected.
  const page = await newPage(server.url, { width: 1366, height: 900 }, { bypassCSP: true });
  await page.goto(server.url + "/");
  await page.fill("#purpose", "anbringelse");
  await page.waitForSelector("#child option", { state: "attached" });
  const child = await page.$eval("#child option", (option) => option.value);
  await page.selectOption("#child", child);
  await page.click("#shortlist-form button[type=submit]");
  await page.waitForSelector("#process");
  assert.match(await page.textContent("#process"), /Ingen afgørelse er registreret\./);
  // The views, recorded from the child panel; the process then shows them.
  await page.fill("#views-child-wishes", "Vil gerne blive i sin fodboldklub");
  await page.fill("#views-parents-wishes", "Mor ønsker et sted tæt på hjemmet");
  await page.selectOption("#views-parents-consent", "given");
  await page.click("#views-form button[type=submit]");
  await page.waitForFunction(() => /Barnets ønsker: Vil gerne blive i sin fodboldklub/.test(document.querySelector("#process")?.textContent || ""));
  assert.match(await page.textContent("#process"), /Forældremyndighedsindehaverens samtykke til anbringelsen \(barnets lov § 46\): givet/);
  // The second card: without a reason the decision is refused with the grounds, in Danish.
  const second = await page.$eval("#shortlist li.site:nth-child(2)", (card) => card.dataset.site);
  const card = `li.site[data-site="${second}"]`;
  await page.click(`${card} details.decide summary`);
  await page.click(`${card} form.decide button[type=submit]`);
  await page.waitForSelector(`${card} .form-error:not([hidden])`);
  const refusal = await page.textContent(`${card} .form-error`);
  assert.match(refusal, /Afgørelsen kræver en skriftlig begrundelse/);
  assert.match(refusal, /der kræves en begrundelse, fordi stedet aldrig er blevet spurgt/);
  await page.fill(`${card} form.decide textarea`, "Stedet ligger tæt på skolen, og barnet kan fortsætte i sin klub.");
  await page.click(`${card} form.decide button[type=submit]`);
  await page.waitForSelector("#decision");
  assert.match(await page.textContent("#decision"), new RegExp(`Afgørelsen er registreret: ${child} anbringes på ${second}`));
  await page.waitForFunction(() => /Næste opfølgning: opfølgende kontakt efter 14 dage/.test(document.querySelector("#process")?.textContent || ""));
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    for (const details of document.querySelectorAll("details.decide")) details.open = true;
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((violation) => `${violation.id}: ${violation.nodes.length} (${violation.help})`);
  });
  assert.deepEqual(violations, [], "axe-core with the views form, the decision forms and the decision");
  await page.screenshot({ path: join(SHOTS, "decision-made-da.png"), fullPage: false });
  // The decision basis, downloaded from the page, is the one recorded (its SHA-256).
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#decision-document")]);
  const saved = join(work, "downloaded-decision.html");
  await download.saveAs(saved);
  const html = readFileSync(saved, "utf8");
  const hash = createHash("sha256").update(html, "utf8").digest("hex");
  assert.match(await page.textContent("#decision"), new RegExp(hash));
  const paper = await browser.newPage();
  await paper.goto("file://" + saved);
  const text = await paper.textContent("body");
  for (const part of ["Afgørelsesgrundlag: valg af anbringelsessted", "Barnets ønsker med barnets egne ord:", "Vil gerne blive i sin fodboldklub",
    "Forældrenes synspunkter og samtykke", "Mor ønsker et sted tæt på hjemmet", "Sagsbehandlerens begrundelse", "Stedet ligger tæt på skolen",
    "Afgjort af: local."]) {
    assert.ok(text.includes(part), `the document says ${part}`);
  }
  const pdf = await paper.pdf({ format: "A4", printBackground: true });
  writeFileSync(join(SHOTS, "decision-from-page.pdf"), pdf);
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 1 && pages <= 3, `the decision basis fits on 1-3 A4 pages, not ${pages}`);
  await paper.close();
  assert.deepEqual(page.outside.filter((url) => !url.startsWith("blob:")), [], "no request leaves the server");
  await page.close();
  // The auditor's view of the same child (a server with tokens on the same case store): the
  // process, every free text withheld.
  const audited = await serve(["--cases", join(work, "page-cases.sqlite"), "--tokens", join(work, "tokens.toml")]);
  const auditor = await newPage(audited.url);
  await auditor.goto(audited.url + "/");
  await auditor.waitForSelector("#login:not([hidden])");
  await auditor.fill("#token", AUDITOR);
  await auditor.press("#token", "Enter");
  await auditor.waitForSelector("#auditor:not([hidden])");
  await auditor.fill("#extract-child", child);
  await auditor.click("#audit-case-button");
  await auditor.waitForSelector("#audit-process");
  const process = await auditor.textContent("#audit-process");
  assert.match(process, /registreret; vises ikke for denne rolle/);
  assert.ok(!process.includes("fodboldklub") && !process.includes("hjemmet"), process);
  assert.match(process, new RegExp(`Anbragt på ${second}`));
  await auditor.locator("#audit-case").screenshot({ path: join(SHOTS, "auditor-case-da.png") });
  await auditor.close();
});

test("the page works by keyboard alone and passes axe-core in both languages", async () => {
  const server = await serve([]);
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
  await page.goto(server.url + "/");
  await page.waitForSelector("#child option", { state: "attached" });
  await page.addScriptTag({ path: AXE });
  const violations = async () => page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    // The rules that ran and passed are counted too, so an empty run cannot pass unnoticed.
    return { passed: result.passes.length, found: result.violations.map((violation) => `${violation.id}: ${violation.nodes.length} (${violation.help})`) };
  });
  // Tab moves the focus to a control; it fails if the control cannot be reached by keyboard.
  const tabTo = async (id) => {
    for (let step = 0; step < 80; step += 1) {
      await page.keyboard.press("Tab");
      if (await page.evaluate((want) => document.activeElement?.id === want, id)) return;
    }
    assert.fail(`#${id} cannot be reached with Tab`);
  };
  // A coordinator: choose the second child with the arrow keys, ask for the shortlist with Enter.
  await tabTo("child");
  const first = await page.inputValue("#child");
  await page.keyboard.press("ArrowDown");
  const chosen = await page.inputValue("#child");
  assert.notEqual(chosen, first, "the arrow key chooses another child");
  await tabTo("top");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#shortlist li.site");
  assert.match(await page.textContent("#shortlist .child-panel"), new RegExp(chosen));
  // The first site's profile opens in a dialog from the keyboard; Escape closes it and the
  // focus returns to the card.
  await page.focus("#shortlist li.site button.profile");
  await page.keyboard.press("Enter");
  await page.waitForSelector("dialog#site-profile[open]");
  const profile = await page.textContent("dialog#site-profile");
  assert.match(profile, /Kompetencer|Competences/);
  assert.match(profile, /(op til|up to) (let|moderat|svær|light|moderate|severe)/);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), await page.evaluate(() => LABELS[state.lang].close));
  assert.deepEqual((await violations()).found, [], "axe-core with the profile open");
  await page.keyboard.press("Escape");
  assert.equal(await page.isVisible("dialog#site-profile"), false);
  // The focus ring is drawn around the focused control (3 px, dark on light, ≥ 3:1).
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineWidth);
  assert.equal(ring, "3px");
  // Folded parts open with the keyboard.
  const fold = await page.$("#shortlist details summary");
  if (fold) {
    await fold.focus();
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement.parentElement.open), true);
  }
  // A planner: run a comparison with Enter from the form; the result is announced politely.
  await tabTo("b-name");
  await page.keyboard.type(" (tastatur)");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#metrics");
  // axe-core (WCAG 2.1 A and AA) finds nothing, in Danish and in English, with the shortlist
  // and the comparison on the page.
  const danish = await violations();
  assert.ok(danish.passed >= 15, `axe-core ran ${danish.passed} rules`);
  console.log(`# axe-core: ${danish.passed} rules passed in Danish`);
  assert.deepEqual(danish.found, [], "axe-core in Danish");
  await page.selectOption("#lang", "en");
  await page.waitForFunction(() => document.documentElement.lang === "en" && /A: /.test(document.querySelector("#proofs")?.textContent || ""));
  await page.waitForSelector("#shortlist li.site");
  assert.deepEqual((await violations()).found, [], "axe-core in English");
  await page.close();
});

test("with a token file the page asks for a token and shows what the role may use", async () => {
  const server = await serve(["--tokens", join(work, "tokens.toml")]);
  const page = await newPage(server.url);
  await page.goto(server.url + "/");
  await page.waitForSelector("#login:not([hidden])");
  assert.equal(await page.isVisible("#error"), false, "no error before anything is typed");
  await page.fill("#token", PLANNER);
  await page.press("#token", "Enter");
  await page.waitForSelector("#planner:not([hidden])");
  assert.equal(await page.isVisible("#coordinator"), false, "a planner gets no shortlist form");
  assert.match(await page.textContent("#who"), /e2e-planner \(planlægger\)/);
  await page.screenshot({ path: join(SHOTS, "planner-signed-in.png"), fullPage: true });
  // At 420 px nothing makes the page itself scroll sideways (tables scroll in their box).
  await page.setViewportSize({ width: 420, height: 800 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 420, `page width at 420 px: ${wide}`);
  await page.screenshot({ path: join(SHOTS, "planner-420.png"), fullPage: true });
  // The focus ring is near-black on white: well above 3:1.
  await page.focus("#logout");
  const ring = await page.$eval("#logout", (node) => getComputedStyle(node).outlineColor);
  assert.equal(ring, "rgb(27, 27, 27)");
  // Log out: the token is forgotten and the page asks for one again.
  await page.click("#logout");
  await page.waitForSelector("#login:not([hidden])");
  assert.equal(await page.isVisible("#planner"), false);
  assert.equal(await page.evaluate(() => sessionStorage.getItem("placematch-token")), null);
  const forbidden = await fetch(`${server.url}/api/children/C-0001/shortlist`, { headers: { Authorization: "Bearer " + PLANNER } });
  assert.equal(forbidden.status, 403);
  assert.equal(forbidden.headers.get("content-type"), "application/problem+json");
  await page.close();
});

test("an auditor lists the accesses to a child and reads the fairness report", async () => {
  const audit = join(work, "audit.sqlite");
  const server = await serve(["--tokens", join(work, "tokens.toml"), "--audit", audit]);
  const coordinator = { Authorization: "Bearer " + COORDINATOR, "X-Purpose": "placement" };
  const unaudited = await fetch(`${server.url}/api/children/C-0001/shortlist`, { headers: { Authorization: coordinator.Authorization } });
  assert.equal(unaudited.status, 400, "the purpose is required when the server audits");
  // Five decisions recorded with the CLI into the same database while the server runs.
  const children = (await (await fetch(`${server.url}/api/children`, { headers: coordinator })).json()).children.map((c) => c.child_id);
  let decided = 0;
  for (const child of children) {
    const view = await (await fetch(`${server.url}/api/children/${child}/shortlist?top=1`, { headers: coordinator })).json();
    if (!view.eligible.length) continue;
    execFileSync(BIN, ["decide", "--child", child, "--site", view.eligible[0].site_id, "--reason", "e2e", "--by", "e2e-coordinator",
      "--purpose", "placement", "--audit", audit, "--data", join(work, "data"), "--as-of", AS_OF], { stdio: "ignore" });
    if (++decided === 5) break;
  }
  assert.equal(decided, 5);

  const page = await newPage(server.url);
  await page.goto(server.url + "/");
  await page.waitForSelector("#login:not([hidden])");
  await page.fill("#purpose", "data subject request");
  await page.fill("#token", AUDITOR);
  await page.press("#token", "Enter");
  await page.waitForSelector("#auditor:not([hidden])");
  assert.equal(await page.isVisible("#coordinator"), false);
  await page.fill("#extract-child", children[0]);
  await page.click("#extract-form button");
  await page.waitForSelector("#accesses tbody tr");
  const commands = await page.$$eval("#accesses tbody tr td:nth-child(5)", (cells) => cells.map((cell) => cell.textContent));
  assert.deepEqual(commands, ["liste over børn", "kortliste", "afgørelse"],
    "the list of children (it names every child), the coordinator's look-up and the decision, in Danish");
  const times = await page.$$eval("#accesses tbody tr td:nth-child(2)", (cells) => cells.map((cell) => cell.textContent));
  assert.ok(times.every((time) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(time)), `local time to the second: ${times}`);
  await page.click("#fairness-form button");
  await page.waitForSelector("#fairness-cells tbody tr");
  const all = await page.$$eval("#fairness-cells tbody tr:first-child td", (cells) => cells.map((cell) => cell.textContent));
  assert.deepEqual(all.slice(0, 4), ["alle", "alle", "5", "5"], "five decided children, all placed");
  await page.screenshot({ path: join(SHOTS, "auditor.png"), fullPage: true });
  await page.$eval("#auditor", (node) => node.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: join(DOCS_SHOTS, "auditor-da.png") });
  assert.deepEqual(page.outside, [], "no request leaves the server");
  await page.close();
});

test("the decision basis for the case file prints on A4 pages", async () => {
  const data = join(work, "data");
  const list = JSON.parse(execFileSync(BIN, ["shortlist", "--child", "C-0001", "--format", "json", "--top", "3",
    "--data", data, "--as-of", AS_OF]).toString());
  const site = list.eligible[1].site_id;
  const document = join(work, "afgoerelse.html");
  execFileSync(BIN, ["decide", "--child", "C-0001", "--site", site, "--reason", "Stedet ligger tæt på skolen, og søskende kan besøge hinanden.",
    "--document", document, "--audit", join(work, "decide-audit.sqlite"), "--by", "e2e-coordinator", "--purpose", "anbringelse",
    "--data", data, "--as-of", AS_OF], { stdio: ["ignore", "ignore", "ignore"] });
  const page = await browser.newPage();
  await page.goto("file://" + document);
  const text = await page.textContent("body");
  for (const part of ["Afgørelsesgrundlag: valg af anbringelsessted", "Barnet C-0001", "Hensyn, element for element",
    "Sagsbehandlerens begrundelse", "Stedet ligger tæt på skolen", "Andre steder, der er overvejet", "Opfølgning", "barnets lov § 52"]) {
    assert.ok(text.includes(part), `the document says ${part}`);
  }
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  writeFileSync(join(SHOTS, "decision.pdf"), pdf);
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 1 && pages <= 3, `the decision basis fits on 1-3 A4 pages, not ${pages}`);
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: join(SHOTS, "decision-page1.png") });
  await page.close();
});
