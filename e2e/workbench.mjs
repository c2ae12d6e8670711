// End-to-end test of the workbench pages in Debian's Chromium, driven by playwright-core
// (never a downloaded browser). Started by crates/cpsrisk-cli/tests/browser.rs, which runs the
// real `cpsrisk serve` and passes the address, the accounts and the paths in the environment.
// Every step waits for a selector or a URL; there are no sleeps.

import { readFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
const BASE = env("BASE_URL");
const OWNER = env("OWNER_EMAIL");
const VIEWER = env("VIEWER_EMAIL");
const CONTRIBUTOR = env("CONTRIBUTOR_EMAIL");
const OUTSIDER = env("OUTSIDER_EMAIL");
const LARGE_MODEL = readFileSync(env("LARGE_MODEL_PATH"), "utf8");
const PASSWORD = env("PASSWORD");
const MODEL = readFileSync(env("MODEL_PATH"), "utf8");
const SHOTS = env("SCREENSHOTS");
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TIMEOUT = 60_000;

mkdirSync(SHOTS, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), "cpsrisk-chromium-"));
const args = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

function step(name) {
  console.log(`e2e: ${name}`);
}

// Fails the test on any error the page logs, CSP violations included.
function watch(page, problems) {
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`${page.url()}: ${e.message}`));
}

// Chromium logs refused requests as errors; drops those a step provoked on purpose.
function expected(problems, pattern) {
  for (let i = problems.length - 1; i >= 0; i--) {
    if (pattern.test(problems[i])) problems.splice(i, 1);
  }
}

async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

// axe-core in the page: no serious or critical violations.
async function accessible(page, name) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  for (const v of bad) {
    console.log(`axe ${name}: ${v.impact} ${v.id}: ${v.help}`);
    for (const n of v.nodes.slice(0, 5)) console.log(`   ${n.target.join(" ")}: ${n.failureSummary}`);
  }
  assert.equal(bad.length, 0, `${name}: ${bad.length} serious or critical accessibility violations`);
}

// Puts a whole model into the editor the way a paste does: one change, one input event.
// (Playwright's fill types through the editing commands, which takes minutes for 60 kB.)
async function paste(page, text) {
  await page.$eval("#content", (t, v) => {
    t.value = v;
    t.dispatchEvent(new Event("input", { bubbles: true }));
  }, text);
}

async function signOut(page) {
  await Promise.all([page.waitForURL(/\/signin$/), page.click("header.top form button[type=submit]")]);
}

// The section of the requests page for one request, found by its subject and implementer.
function requestSection(page, title) {
  return page.locator("section.request").filter({ has: page.locator("h2", { hasText: title }) });
}

async function signIn(page, email) {
  await page.goto(`${BASE}/projects`);
  await page.waitForURL(/\/signin$/);
  await page.fill("#email", email);
  await page.fill("#password", PASSWORD);
  await Promise.all([page.waitForURL(/\/projects$/), page.click("form.card button[type=submit]")]);
}

const context = await chromium.launchPersistentContext(profile, {
  executablePath: env("CHROMIUM"),
  headless: true,
  args,
  locale: "en-US",
  viewport: { width: 1280, height: 900 },
  timeout: TIMEOUT,
});
context.setDefaultTimeout(TIMEOUT);
const problems = [];
try {
  const page = context.pages()[0] ?? (await context.newPage());
  watch(page, problems);

  step("sign in");
  await signIn(page, OWNER);
  assert.equal(await page.getAttribute("html", "lang"), "en");
  await shot(page, "en-projects");
  await accessible(page, "projects");

  step("create a project");
  await page.fill("#name", "UC1 gas water heater");
  await Promise.all([page.waitForURL(/\/projects\/\d+\/edit$/), page.click("form.card button[type=submit]")]);
  const project = page.url().match(/\/projects\/(\d+)\/edit$/)[1];

  step("paste the UC1 model; it validates as typed");
  await paste(page, MODEL);
  await page.waitForSelector("#valid");
  await page.fill("#message", "UC1 from the IoT-SSF examples");
  await Promise.all([page.waitForURL(new RegExp(`/projects/${project}$`)), page.click("#save")]);

  step("the risk map shows four stakeholders");
  await page.waitForSelector("#risk-map svg");
  assert.equal(await page.textContent("#stakeholders-rated"), "4");
  assert.equal(await page.locator("#risk-map svg circle").count(), 4);
  await shot(page, "en-dashboard");
  await accessible(page, "dashboard");

  step("a typo gets a diagnostic at its line, and the suggestion applies");
  await page.goto(`${BASE}/projects/${project}/edit`);
  await page.waitForSelector("#valid");
  const typo = MODEL.replace("roles: [iot-user]", "roles: [iot-usr]");
  const typoLine = typo.split("\n").findIndex((l) => l.includes("[iot-usr]")) + 1;
  await paste(page, typo);
  const problem = page.locator(`#diagnostics li.problem[data-line="${typoLine}"]`);
  await problem.waitFor();
  assert.match(await problem.textContent(), /iot-usr/);
  await page.waitForSelector(`#gutter span#line-${typoLine}.err`);
  await shot(page, "en-editor-diagnostic");
  await accessible(page, "editor");
  await page.click(`#diagnostics button.apply[data-line="${typoLine}"]`);
  await page.waitForSelector("#valid");
  assert.ok((await page.inputValue("#content")).includes("roles: [iot-user]"));

  step("save a second revision and compare it in the history");
  await paste(page, MODEL.replace("name: Resident", "name: Resident (occupant)"));
  await page.waitForSelector("#valid");
  await page.fill("#message", "Resident named as occupant");
  await Promise.all([page.waitForURL(new RegExp(`/projects/${project}$`)), page.click("#save")]);
  await page.goto(`${BASE}/projects/${project}/history?from=1&to=2`);
  await page.waitForSelector("#diff");
  assert.equal(await page.locator("#revisions tbody tr").count(), 2);
  await shot(page, "en-history");
  await accessible(page, "history");

  step("a save on top of an old revision shows the other save's changes");
  await page.goto(`${BASE}/projects/${project}/edit`);
  await page.waitForSelector("#valid");
  await page.evaluate(() => { document.querySelector("input[name=parent]").value = "1"; });
  await page.fill("#message", "stale edit");
  await Promise.all([page.waitForSelector(".conflict pre"), page.click("#save")]);
  expected(problems, /409 \(Conflict\)/);

  step("the report of a revision, as assess --format html writes it");
  await page.goto(`${BASE}/projects/${project}/revisions/2`);
  const frame = page.frameLocator("iframe.report");
  await frame.locator("svg").first().waitFor();
  await shot(page, "en-report");

  step("add a viewer");
  await page.goto(`${BASE}/projects/${project}/members`);
  await page.fill("#member-email", VIEWER);
  await page.selectOption("#member-role", "viewer");
  await Promise.all([page.waitForURL(/\/members$/), page.click("#member-form button[type=submit]")]);
  await page.waitForSelector(`#members td:text-is("${VIEWER}")`);
  await shot(page, "en-members");
  await accessible(page, "members");

  step("review: the owner approves the treatment plan; the dashboard shows it");
  await page.goto(`${BASE}/projects/${project}/revisions/2`);
  await Promise.all([page.waitForURL(/\/review$/), page.click("#review-link")]);
  await Promise.all([page.waitForURL(/\/review$/), page.click("#approve-plan button[type=submit]")]);
  assert.equal(await page.locator("#approvals tbody tr").count(), 1);
  await shot(page, "en-review");
  await accessible(page, "review");
  await page.goto(`${BASE}/projects/${project}`);
  assert.match(await page.textContent("#approvals"), /approved at 2/);
  assert.equal(await page.locator("#awaiting-approval").count(), 0);

  step("the requests page: no organisation is linked yet, so nothing is created");
  await page.goto(`${BASE}/projects/${project}/requests`);
  await page.click("#requests-from-assessment button[type=submit]");
  await page.waitForSelector("#requests-notice");
  assert.match(await page.textContent("#requests-notice"), /Requests created: 0/);

  step("the owner adds the organisations of two stakeholders and a contributor of each");
  await page.click('nav.tabs a[href$="/organisations"]');
  await page.waitForURL(/\/organisations$/);
  for (const [name, kind, stakeholder] of [
    ["Resident households", "operator", "resident"],
    ["Heater parts supplier", "supplier", "supplier"],
  ]) {
    await page.fill("#organisation-name", name);
    await page.selectOption("#organisation-kind", kind);
    await page.fill("#organisation-stakeholder", stakeholder);
    await Promise.all([page.waitForURL(/\/organisations$/), page.click("#organisation-form button[type=submit]")]);
    await page.waitForSelector(`#organisations td.organisation-name:text-is("${name}")`);
  }
  await page.goto(`${BASE}/projects/${project}/members`);
  for (const [email, organisation] of [[CONTRIBUTOR, "Resident households"], [OUTSIDER, "Heater parts supplier"]]) {
    await page.fill("#member-email", email);
    await page.selectOption("#member-role", "contributor");
    await page.selectOption("#member-organisation", { label: organisation });
    await Promise.all([page.waitForURL(/\/members$/), page.click("#member-form button[type=submit]")]);
    await page.waitForSelector(`#members td:text-is("${email}")`);
  }
  await page.goto(`${BASE}/projects/${project}/organisations`);
  assert.match(await page.textContent("#organisations"), new RegExp(`${CONTRIBUTOR} \\(contributor\\)`));
  await shot(page, "en-organisations");
  await accessible(page, "organisations");

  step("the editor creates requests from the responsibility tables, and one by hand");
  await page.goto(`${BASE}/projects/${project}/requests`);
  await page.click("#requests-from-assessment button[type=submit]");
  await page.waitForSelector("#requests-notice");
  // The resident's table has three rows, the supplier's one; maintenance has no organisation.
  assert.match(await page.textContent("#requests-notice"), /Requests created: 4 .*maintenance/);
  await page.selectOption("#new-request-organisation", { label: "Heater parts supplier (supplier)" });
  await page.fill("#new-request-subject", "   ");
  await page.fill("#new-request-due", "2999-03-31");
  await page.fill("#new-request-text", "Send the firmware signing procedure");
  await Promise.all([page.waitForURL(/\/requests$/), page.click("#new-request button[type=submit]")]);
  await page.waitForSelector("#new-request-subject-error");
  assert.match(await page.textContent("#new-request-subject-error"), /needs a subject/);
  assert.equal(await page.getAttribute("#new-request-subject", "aria-invalid"), "true");
  await shot(page, "en-requests-invalid");
  await accessible(page, "requests (a refused form)");
  await page.fill("#new-request-subject", "Firmware signing");
  await Promise.all([page.waitForURL(/\/requests$/), page.click("#new-request button[type=submit]")]);
  const signing = requestSection(page, "Firmware signing");
  await signing.waitFor();
  assert.match(await signing.textContent(), /2999-03-31/);
  const r22 = requestSection(page, "SSF-R22 · resident");
  assert.equal(await r22.locator(".request-status").textContent(), "open");
  const r22Id = (await r22.getAttribute("id")).replace("request-", "");
  await signOut(page);

  step("a contributor of the resident's organisation answers with evidence");
  await signIn(page, CONTRIBUTOR);
  await page.goto(`${BASE}/projects/${project}/requests`);
  await r22.waitFor();
  assert.equal(await requestSection(page, "Firmware signing").count(), 0, "the supplier's request");
  assert.equal(await page.locator("#requests-from-assessment, #new-request, .apply-form").count(), 0);
  const evidence = Buffer.from("%PDF-1.7\nSSF-R22: the heater and cloud service were chosen by their data policies\n");
  const evidenceSha = createHash("sha256").update(evidence).digest("hex");
  await r22.locator("select[name=status]").selectOption("in-place");
  await r22.locator("textarea[name=statement]").fill("Every household chose by the published data policies");
  await r22.locator("input[type=file]").setInputFiles({ name: "policy check.pdf", mimeType: "application/pdf", buffer: evidence });
  await r22.locator("input[name=effective_date]").fill("2026-11-30");
  await Promise.all([page.waitForURL(/\/requests$/), r22.locator("form.answer-form button[type=submit]").click()]);
  const row = r22.locator("table.evidence tbody tr");
  await row.waitFor();
  const cells = await row.locator("td").allTextContents();
  assert.deepEqual(cells.slice(0, 3), ["policy check.pdf", "2026-11-30", evidenceSha]);
  assert.equal(cells[4], CONTRIBUTOR);
  assert.equal(await r22.locator(".request-status").textContent(), "answered");
  const [download] = await Promise.all([page.waitForEvent("download"), row.locator("a").click()]);
  assert.equal(download.suggestedFilename(), "policy check.pdf");
  assert.deepEqual(readFileSync(await download.path()), evidence);
  const evidenceUrl = await row.locator("a").getAttribute("href");
  await shot(page, "en-requests-contributor");
  await accessible(page, "requests (contributor)");
  await signOut(page);

  step("a contributor of another organisation sees neither the request nor its evidence");
  await signIn(page, OUTSIDER);
  await page.goto(`${BASE}/projects/${project}/requests`);
  await requestSection(page, "Firmware signing").waitFor();
  assert.equal(await page.locator(`#request-${r22Id}`).count(), 0);
  assert.doesNotMatch(await page.textContent("main"), /SSF-R22|policy check/);
  const status = await page.evaluate(async (url) => (await fetch(url)).status, evidenceUrl);
  assert.equal(status, 404);
  expected(problems, /404 \(Not Found\)/);
  await signOut(page);

  step("the editor sees the answer and applies it as a new revision; the history shows it");
  await signIn(page, OWNER);
  await page.goto(`${BASE}/projects/${project}/requests`);
  assert.match(await r22.locator("table.answers").textContent(), /Every household chose/);
  await Promise.all([page.waitForURL(/\/requests$/), r22.locator(".apply-form button").click()]);
  assert.equal(await r22.locator(".request-status").textContent(), "applied");
  await shot(page, "en-requests");
  await accessible(page, "requests");
  await page.goto(`${BASE}/projects/${project}/history`);
  assert.equal(await page.locator("#revisions tbody tr").count(), 3);
  assert.match(await page.textContent("#revisions"), new RegExp(`request ${r22Id}: in-place`));

  step("the audit trail, filtered by action");
  await page.goto(`${BASE}/projects/${project}/audit`);
  await page.selectOption("#audit-action", "revision.save");
  await Promise.all([page.waitForURL(/action=revision.save/), page.click("#audit-filter button[type=submit]")]);
  assert.equal(await page.locator("#audit tbody tr").count(), 3);
  await shot(page, "en-audit");
  await accessible(page, "audit");

  step("the Japanese UI shows Japanese labels");
  await page.goto(`${BASE}/projects/${project}`);
  await Promise.all([page.waitForURL(new RegExp(`/projects/${project}$`)), page.click("#lang-switch")]);
  await page.waitForSelector('html[lang="ja"]');
  assert.match(await page.textContent("nav.tabs"), /ダッシュボード/);
  assert.match(await page.textContent("main"), /リスクマップ/);
  await page.waitForSelector("#risk-map svg");
  await shot(page, "ja-dashboard");
  await accessible(page, "dashboard (ja)");
  await page.goto(`${BASE}/projects/${project}/edit`);
  await paste(page, typo);
  await page.locator(`#diagnostics li.problem[data-line="${typoLine}"]`).waitFor();
  assert.match(await page.textContent("#diagnostics"), /誤りではありませんか/);
  await shot(page, "ja-editor-diagnostic");
  await page.goto(`${BASE}/projects`);
  await shot(page, "ja-projects");
  await page.goto(`${BASE}/projects/${project}/history?from=1&to=2`);
  await shot(page, "ja-history");
  await page.goto(`${BASE}/projects/${project}/members`);
  await shot(page, "ja-members");
  await page.goto(`${BASE}/projects/${project}/requests`);
  assert.equal(await r22.locator(".request-status").textContent(), "適用済み");
  for (const name of ["requests", "organisations", "audit", "revisions/2/review"]) {
    await page.goto(`${BASE}/projects/${project}/${name}`);
    await shot(page, `ja-${name.replaceAll("/", "-")}`);
    await accessible(page, `${name} (ja)`);
  }

  step("a viewer sees no edit controls, and a forged save is refused");
  // The persistent context shares cookies between its pages: the owner signs out first.
  await signOut(page);
  const viewer = await context.newPage();
  watch(viewer, problems);
  await signIn(viewer, VIEWER);
  await viewer.goto(`${BASE}/projects/${project}`);
  await viewer.waitForSelector("#view-only");
  await viewer.goto(`${BASE}/projects/${project}/edit`);
  await viewer.waitForSelector("#content[readonly]");
  assert.equal(await viewer.locator("#save").count(), 0);
  assert.equal(await viewer.locator("#upload").count(), 0);
  await shot(viewer, "ja-viewer-editor");
  await viewer.goto(`${BASE}/projects/${project}/members`);
  assert.equal(await viewer.locator("#member-form").count(), 0);
  const forged = await viewer.evaluate(async (project) => {
    const csrf = document.querySelector("input[name=csrf]").value;
    const body = new URLSearchParams({ csrf, parent: "2", content: "x", message: "forged" });
    const withToken = await fetch(`/projects/${project}/save`, { method: "POST", body });
    const noToken = await fetch(`/projects/${project}/save`, {
      method: "POST", body: new URLSearchParams({ parent: "2", content: "x" }) });
    return [withToken.status, noToken.status];
  }, project);
  assert.deepEqual(forged, [403, 403], "a viewer's save with and without the CSRF token");
  expected(problems, /403 \(Forbidden\)/);

  step("a large model: saving shows the progress notice after a second");
  await signOut(viewer);
  await signIn(viewer, OWNER);
  await viewer.fill("#name", "Large synthetic model");
  await Promise.all([viewer.waitForURL(/\/projects\/\d+\/edit$/), viewer.click("form.card button[type=submit]")]);
  await paste(viewer, LARGE_MODEL);
  await viewer.waitForSelector("#valid");
  await viewer.fill("#message", "5000 devices");
  // Playwright pauses its own queries while a page navigates, so the test watches the notice
  // from inside the page and reports through the console: when it became visible, its text,
  // and how long after the form was submitted.
  await viewer.evaluate(() => {
    const busy = document.getElementById("busy");
    let submitted = 0;
    document.addEventListener("submit", () => { submitted = performance.now(); });
    const report = () => {
      if (busy.textContent && busy.checkVisibility({ visibilityProperty: true })) {
        const after = Math.round(performance.now() - submitted);
        const waiting = document.getElementById("main").getAttribute("aria-busy");
        console.log(`progress notice: ${busy.textContent} | aria-busy=${waiting} | after ${after} ms`);
      }
    };
    new MutationObserver(report).observe(busy, { childList: true, characterData: true, subtree: true });
  });
  const [notice] = await Promise.all([
    viewer.waitForEvent("console", (m) => m.text().startsWith("progress notice:")),
    viewer.click("#save", { noWaitAfter: true }),
  ]);
  const [, text, busy, after] = notice.text().match(/^progress notice: (.*) \| aria-busy=(\w+) \| after (\d+) ms$/);
  assert.equal(text, "処理中…");
  assert.equal(busy, "true");
  assert.ok(Number(after) >= 950, `the notice waits a second (${after} ms)`);
  await viewer.waitForURL(/\/projects\/\d+$/);
  await viewer.waitForSelector("#risk-map svg");
  assert.equal(await viewer.locator("#busy:visible").count(), 0);
  // How the notice looks (here started by hand, as the form did on the editor page).
  await viewer.evaluate(() => document.getElementById("busy").classList.add("active"));
  await viewer.waitForSelector("#busy", { state: "visible" });
  await shot(viewer, "ja-progress-notice");
  await accessible(viewer, "the progress notice (ja)");

  assert.deepEqual(problems, [], "errors in the browser console");
  step("done");
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
