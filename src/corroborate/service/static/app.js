// The corroborate web UI: plain JavaScript over the REST API, no build step, no external resource.
// Text from articles and sources is only ever inserted as text nodes, never as HTML.
"use strict";

const VERDICT_CLASS = {
  "SUPPORTED": "supported", "REFUTED": "refuted", "CONFLICTING": "conflicting", "NOT ENOUGH EVIDENCE": "nei",
};
const VERDICTS = Object.keys(VERDICT_CLASS);
const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== null && value !== undefined && value !== false) node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(path, options = {}) {
  const response = await fetch(path, { credentials: "same-origin", ...options });
  if (response.status === 401) {
    $("token-box").hidden = false;
    throw new Error("This service needs its token; enter it above.");
  }
  const body = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
  if (!response.ok) throw new Error((body && body.error) || `${response.status} ${response.statusText}`);
  return body;
}

// -- token -------------------------------------------------------------------------------------------
// The token is posted, never put in a URL (URLs end up in logs); the service answers with an HttpOnly
// cookie that this script cannot read.
$("token-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const body = new URLSearchParams({ token: $("token-input").value.trim() });
  const response = await fetch("/login", { method: "POST", credentials: "same-origin", body });
  if (!response.ok) {
    const reply = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
    $("token-error").textContent = (reply && reply.error) || `${response.status} ${response.statusText}`;
    $("token-error").hidden = false;
    return;
  }
  $("token-input").value = "";
  $("token-error").hidden = true;
  $("token-box").hidden = true;
  route();
});

// -- views -------------------------------------------------------------------------------------------
function route() {
  const hash = location.hash || "#check";
  const library = hash.startsWith("#library");
  $("view-check").hidden = library;
  $("view-library").hidden = !library;
  if (library) loadLibrary().catch(showLibraryError);
  else {
    loadRecent().catch(() => {});
    const match = hash.match(/^#check\/([0-9a-f]{32})$/);
    if (match && match[1] !== currentJob) followJob(match[1]);
  }
}
window.addEventListener("hashchange", route);

// -- checking ----------------------------------------------------------------------------------------
let currentJob = null;
let currentReport = null;

function showCheckError(message) {
  $("check-error").textContent = message;
  $("check-error").hidden = !message;
}

$("check-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  showCheckError("");
  const form = new FormData();
  const file = $("article-file").files[0];
  const text = $("article-text").value;
  if (file) form.append("file", file);
  else if (text.trim()) form.append("text", text);
  else return showCheckError("Paste an article or choose a file first.");
  if ($("article-date").value) form.append("date", $("article-date").value);
  $("check-button").disabled = true;
  try {
    const job = await api("/v1/checks", { method: "POST", body: form });
    location.hash = `#check/${job.id}`;
  } catch (error) {
    showCheckError(error.message);
  } finally {
    $("check-button").disabled = false;
  }
});

async function followJob(id) {
  currentJob = id;
  $("result").hidden = true;
  $("progress").hidden = false;
  showCheckError("");
  while (currentJob === id) {
    let job;
    try {
      job = await api(`/v1/checks/${id}`);
    } catch (error) {
      $("progress").hidden = true;
      return showCheckError(error.message);
    }
    $("progress-bar").value = job.progress;
    $("progress-stage").textContent = `${job.status === "queued" ? "waiting for a worker" : job.stage} (${Math.round(job.progress * 100)}%)`;
    if (job.status === "done") {
      $("progress").hidden = true;
      renderReport(id, job.result);
      loadRecent().catch(() => {});
      return;
    }
    if (job.status === "failed") {
      $("progress").hidden = true;
      return showCheckError(`The check failed: ${job.error}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
}

function renderReport(id, report) {
  currentReport = report;
  $("result").hidden = false;
  $("result-title").textContent = report.article.title;
  for (const fmt of ["json", "md", "html", "claimreview"]) $(`dl-${fmt}`).href = `/v1/checks/${id}/report.${fmt}`;
  renderSummary(report);
  renderArticle(report);
  renderClaimList(report);
  $("evidence-panel").replaceChildren(el("p", { class: "hint" }, "Click a highlighted claim to see its evidence."));
}

function renderSummary(report) {
  const counts = report.summary.verdicts;
  const buttons = [el("button", { type: "button", class: "secondary", "data-filter": "all", "aria-pressed": "true", onclick: () => setFilter("all") },
    `All (${report.summary.claims})`)];
  for (const verdict of VERDICTS) {
    buttons.push(el("button", { type: "button", class: VERDICT_CLASS[verdict], "data-filter": verdict, "aria-pressed": "false", onclick: () => setFilter(verdict) },
      `${verdict.toLowerCase()} (${counts[verdict]})`));
  }
  $("summary").replaceChildren(...buttons);
}

function setFilter(verdict) {
  for (const button of $("summary").querySelectorAll("button")) button.setAttribute("aria-pressed", String(button.dataset.filter === verdict));
  for (const item of $("claim-list").children) item.classList.toggle("hidden", verdict !== "all" && item.dataset.verdict !== verdict);
  for (const mark of $("article-view").querySelectorAll(".claim-mark")) {
    mark.classList.toggle("dimmed", verdict !== "all" && !mark.dataset.verdicts.split("|").includes(verdict));
  }
}

function claimSpans(claim) {
  return claim.spans && claim.spans.length ? claim.spans : [[claim.start, claim.end]];
}

function renderArticle(report) {
  // Cut the text at every claim boundary; each piece knows the claims that cover it.
  const text = report.article.text;
  const cuts = new Set([0, text.length]);
  for (const claim of report.claims) for (const [start, end] of claimSpans(claim)) { cuts.add(start); cuts.add(end); }
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const covering = report.claims.filter((c) => claimSpans(c).some(([s, e]) => s <= start && end <= e));
    if (!covering.length) { pieces.push(text.slice(start, end)); continue; }
    const first = covering[0];
    pieces.push(el("span", {
      class: `claim-mark ${VERDICT_CLASS[first.verdict]}`,
      tabindex: "0",
      role: "button",
      title: covering.map((c) => `${c.id}: ${c.verdict}`).join("\n"),
      "data-claims": covering.map((c) => c.id).join(" "),
      "data-verdicts": covering.map((c) => c.verdict).join("|"),
      onclick: () => openClaim(first.id),
      onkeydown: (event) => { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); openClaim(first.id); } },
    }, text.slice(start, end)));
  }
  $("article-view").replaceChildren(...pieces);
}

function renderClaimList(report) {
  $("claim-list").replaceChildren(...report.claims.map((claim) => el("li", {
    "data-claim": claim.id, "data-verdict": claim.verdict, tabindex: "0", onclick: () => openClaim(claim.id),
    onkeydown: (event) => { if (event.key === "Enter") openClaim(claim.id); },
  }, el("span", { class: `badge ${VERDICT_CLASS[claim.verdict]}` }, claim.verdict), claim.text,
  claim.claimed_by ? el("span", { class: "meta" }, ` — ${claim.claimed_by}`) : null)));
  // Statements set aside as needing the article's context (schema 1.8): shown, never checked.
  const aside = report.needs_context || [];
  $("needs-context").hidden = !aside.length;
  $("needs-context-list").replaceChildren(...aside.map((statement) => el("li", { "data-statement": statement.id },
    statement.text, el("span", { class: "meta" }, ` — ${statement.notes.filter((n) => n.endsWith("unclear without the article")).join("; ")}`))));
}

function checksOf(item) {
  // The explicit number, date and name checks of an evidence sentence (schema 1.4).
  return (item.checks || []).map((c) => `${c.status}: ${c.explanation}${c.confident ? "" : " (maybe not the same thing)"}`);
}

function openClaim(id) {
  const claim = currentReport.claims.find((c) => c.id === id);
  if (!claim) return;
  for (const mark of $("article-view").querySelectorAll(".claim-mark")) mark.classList.toggle("selected", mark.dataset.claims.split(" ").includes(id));
  const panel = [
    el("p", {}, el("span", { class: `badge ${VERDICT_CLASS[claim.verdict]}`, id: "panel-verdict" }, claim.verdict),
      `confidence ${claim.confidence.toFixed(2)}`),
    el("p", { id: "panel-claim" }, el("strong", {}, claim.text)),
    el("p", { id: "panel-speaker" }, claim.claimed_by ? `Claimed by ${claim.claimed_by}` : "Asserted by the article"),
    el("p", {}, claim.explanation),
  ];
  const notes = [
    ...claim.resolutions.map((r) => `Resolved ${r.kind}: “${r.original}” → “${r.replacement}”`),
    ...claim.notes.map((n) => `Note: ${n}`),
    ...(claim.sentence_facts && claim.sentence_facts.line ? [claim.sentence_facts.line] : []),
  ];
  if (notes.length) panel.push(el("ul", { class: "meta" }, notes.map((n) => el("li", {}, n))));
  const evidence = claim.evidence.filter((e) => e.decisive);
  // Schema 1.6: the library's closest sentences, weighed or not; older reports: the judged ones.
  const related = claim.closest || claim.evidence.filter((e) => !e.decisive);
  if (!evidence.length) panel.push(el("p", { class: "hint" }, related.length ? "No evidence sentence decides this claim; the closest ones:" : "No source in the library covers this claim."));
  for (const e of evidence.length ? evidence : related.slice(0, 3)) panel.push(evidenceItem(e));
  $("evidence-panel").replaceChildren(...panel);
  if (window.matchMedia("(max-width: 50rem)").matches) $("evidence-panel").scrollIntoView({ behavior: "smooth" });
}

function evidenceItem(e) {
  let stance = { supports: "Supports", refutes: "Contradicts", neutral: "Related", unjudged: "Not judged" }[e.stance] || e.stance;
  if (e.weighed === false) stance = "Related, not weighed";
  const p = e.probabilities;
  const checks = checksOf(e);
  return el("div", { class: "evidence", "data-doc": e.doc_id },
    el("div", {}, el("span", { class: `badge ${e.stance === "supports" ? "supported" : e.stance === "refutes" ? "refuted" : "nei"}` }, stance),
      el("span", { class: "source" }, e.title), e.date ? ` (${e.date})` : ""),
    el("div", { class: "origin" }, e.origin, e.copies && e.copies.length ? ` — also in ${e.copies.length} other document(s)` : ""),
    el("blockquote", {}, e.context_before ? `${e.context_before} ` : "", el("mark", {}, e.text), e.context_after ? ` ${e.context_after}` : ""),
    checks.length ? el("div", { class: "checks" }, el("strong", {}, "Numbers, dates, names: "), checks.join("; ")) : null,
    el("div", { class: "meta" }, p ? `entailment ${p.entailment.toFixed(2)} · neutral ${p.neutral.toFixed(2)} · contradiction ${p.contradiction.toFixed(2)}`
      : `not judged: ${e.error || "no probabilities"}`,
      e.weighed === false ? ` · retrieval ${e.retrieval_score.toFixed(2)}, word overlap ${e.overlap.toFixed(2)}: below the evidence gates, not counted` : ""));
}

async function loadRecent() {
  const jobs = await api("/v1/checks?limit=10");
  $("recent-list").replaceChildren(...jobs.map((job) => el("li", {},
    el("a", { href: `#check/${job.id}` }, job.article), ` — ${job.status}, ${job.created_at.replace("T", " ").slice(0, 19)}`)));
}

// -- library -----------------------------------------------------------------------------------------
function showLibraryError(error) {
  $("library-message").textContent = error.message;
}

async function loadLibrary() {
  const sources = await api("/v1/sources");
  $("sources").tBodies[0].replaceChildren(...sources.map((s) => el("tr", {},
    el("td", {}, s.title), el("td", {}, s.origin), el("td", {}, s.date || ""), el("td", {}, s.passages),
    el("td", {}, el("button", { type: "button", class: "secondary", onclick: () => removeSource(s) }, "Remove")))));
  if (!sources.length) $("library-message").textContent = "The library is empty: add sources to check articles against.";
}

async function removeSource(source) {
  if (!confirm(`Remove “${source.title}” from the library?`)) return;
  try {
    await api(`/v1/sources/${encodeURIComponent(source.id)}`, { method: "DELETE" });
    $("library-message").textContent = `Removed ${source.title}.`;
    await loadLibrary();
  } catch (error) { showLibraryError(error); }
}

$("source-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData();
  form.append("file", $("source-file").files[0]);
  $("library-message").textContent = "Adding…";
  try {
    const result = await api("/v1/sources", { method: "POST", body: form });
    $("library-message").textContent = result.unchanged ? "That file is already in the library." : `Added ${result.added.length} document(s).`;
    $("source-form").reset();
    await loadLibrary();
  } catch (error) { showLibraryError(error); }
});

$("search-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    const hits = await api(`/v1/search?q=${encodeURIComponent($("search-input").value)}&limit=10`);
    $("search-results").replaceChildren(...(hits.length ? hits.map((h) => el("li", {}, el("strong", {}, h.title), ": ", h.text,
      el("span", { class: "meta" }, ` (${h.origin})`))) : [el("li", {}, "No matching sentence.")]));
  } catch (error) { showLibraryError(error); }
});

route();
