"use strict";
// JobRec page: plain fetch calls to the silo's HTTP API, no build step.
const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));

async function api(method, path, body) {
  const headers = { "Accept": "application/json", "X-JobRec-Request": "1" };
  const key = localStorage.getItem("jobrec-api-key");
  if (key) headers["X-Api-Key"] = key;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = res.headers.get("content-type")?.includes("json") ? await res.json() : null;
  if (!res.ok) throw new Error((data && (data.detail || data.title)) || `${res.status} ${res.statusText}`);
  return data;
}

function jobLine(job, score, extra) {
  const where = [job.company, job.location || job.region, job.remote ? "remote" : ""].filter(Boolean).join(" · ");
  return `<a data-job="${esc(job.id)}">${esc(job.title)}</a> <span class="meta">${esc(where)}` +
    `${job.onetCode ? " · O*NET " + esc(job.onetCode) : ""} · score ${score.toFixed(3)}</span>${extra || ""}`;
}

function fill(list, items) {
  list.innerHTML = items.map((i) => `<li class="result">${i}</li>`).join("");
}

async function search(ev) {
  ev.preventDefault();
  const status = $("search-status");
  status.className = "status"; status.textContent = "searching…";
  const filters = { region: $("search-region").value.trim(), remoteOnly: $("search-remote").checked, includeRemote: true };
  try {
    const r = await api("POST", "/search", { query: $("search-query").value, k: 20, filters });
    fill($("search-results"), r.hits.map((h) => jobLine(h.job, h.score)));
    status.textContent = `${r.hits.length} results`;
  } catch (e) { status.className = "status error"; status.textContent = e.message; }
}

async function recommend(ev) {
  ev.preventDefault();
  const status = $("user-status");
  const id = $("user-id").value.trim();
  status.className = "status"; status.textContent = "ranking…";
  try {
    const r = await api("GET", `/users/${encodeURIComponent(id)}/recommendations?k=20&explain=true`);
    fill($("user-results"), r.jobs.map((j) => jobLine(j.job, j.score,
      `<div class="reasons">${esc(j.reasons.join("; "))}</div><div class="meta">from ${esc(j.sources.join(", "))}</div>`)));
    status.textContent = `${r.jobs.length} jobs from ${r.candidateCount} candidates${r.fromCache ? " (cached)" : ""}`;
  } catch (e) { status.className = "status error"; status.textContent = e.message; }
}

async function showJob(id) {
  const section = $("job-section");
  section.hidden = false;
  try {
    const j = await api("GET", `/jobs/${encodeURIComponent(id)}`);
    const p = j.posting;
    $("job-title").textContent = p.title;
    $("job-details").innerHTML =
      `<p class="meta">${esc([p.company, p.location, p.remote ? "remote" : "", p.employmentType, p.level].filter(Boolean).join(" · "))}` +
      `${j.closed ? " · <strong>closed</strong>" : ""}</p>` +
      `<p><strong>O*NET occupation:</strong> ${esc(j.onetCode || "unknown")} ${esc(j.onetTitle)}${j.onetClassified ? " (classified)" : ""}</p>` +
      `<p class="skills"><strong>Skills:</strong> ${p.skills.map((s) => `<span>${esc(s)}</span>`).join("") || "none listed"}</p>` +
      `<p class="meta">${j.views} views · ${j.saves} saves · ${j.applies} applications · shard ${j.shard}</p>` +
      `<p>${esc(p.description.slice(0, 1500))}</p>`;
    const similar = await api("GET", `/jobs/${encodeURIComponent(id)}/similar?k=5`);
    fill($("job-similar"), similar.hits.map((h) => jobLine(h.job, h.score)));
    section.scrollIntoView({ behavior: "smooth" });
  } catch (e) { $("job-details").innerHTML = `<p class="error">${esc(e.message)}</p>`; }
}

async function ask(ev) {
  ev.preventDefault();
  const status = $("ask-status");
  status.className = "status"; status.textContent = "reading postings…";
  try {
    const r = await api("POST", "/ask", { question: $("ask-question").value, k: 3 });
    const cited = r.citedJobIds.map((id) => `<a data-job="${esc(id)}">${esc(id)}</a>`).join(", ");
    $("ask-answer").innerHTML = `<p class="answer">${esc(r.answer || "no answer found")}</p>` +
      `<p class="meta">cited: ${cited || "none"} · answered by ${esc(r.model)}</p>`;
    status.textContent = `${r.retrieved.length} postings read`;
  } catch (e) { status.className = "status error"; status.textContent = e.message; }
}

const fmt = (v) => (typeof v === "number" ? v.toFixed(4) : "");

async function models() {
  try {
    const list = await api("GET", "/models");
    $("models-status").innerHTML = `<table><tr><th>model</th><th>version</th><th>kind</th><th>from</th><th>metrics</th><th>trained on</th></tr>` +
      list.map((m) => {
        const meta = m.metadata;
        const metrics = meta ? Object.entries(meta.metrics).slice(0, 4).map(([k, v]) => `${esc(k)} ${fmt(v)}`).join(" · ") : "";
        const refused = m.lastRefusal ? `<div class="error">${esc(m.lastRefusal)}</div>` : "";
        return `<tr class="model"><td>${esc(m.name)}</td><td>${m.version || "–"}</td><td>${esc(m.kind)}</td><td>${esc(m.description)}${refused}</td>` +
          `<td>${metrics}</td><td class="meta">${esc(meta ? meta.trainingData : "")}</td></tr>`;
      }).join("") + `</table>`;
    const rec = list.find((m) => m.name === "recommender");
    const rows = rec && rec.metadata ? rec.metadata.evaluation : [];
    if (!rows.length) { $("evaluation").innerHTML = `<p class="meta">no evaluation stored with the active recommender (jobrec train recommender stores one)</p>`; return; }
    const keys = ["map@5", "map@10", "ndcg@10", "recall@10", "mrr"].filter((k) => rows.some((r) => k in r.metrics));
    $("evaluation").innerHTML = `<table id="evaluation-table"><tr><th>model</th>${keys.map((k) => `<th>${esc(k)}</th>`).join("")}</tr>` +
      rows.map((r) => `<tr><td>${esc(r.model)}${r.isBaseline ? " (baseline)" : ""}</td>${keys.map((k) => `<td>${fmt(r.metrics[k])}</td>`).join("")}</tr>`).join("") +
      `</table><img id="evaluation-plot" alt="MAP@K plot" width="640">`;
    // Fetched with the page's headers (API key), shown through a blob URL: an SVG in an img runs no script.
    const headers = {};
    const key = localStorage.getItem("jobrec-api-key");
    if (key) headers["X-Api-Key"] = key;
    const plot = await fetch(`/models/recommender/evaluation.svg?v=${rec.version}`, { headers });
    if (plot.ok) $("evaluation-plot").src = URL.createObjectURL(await plot.blob());
  } catch (e) { $("models-status").innerHTML = `<p class="error">${esc(e.message)}</p>`; }
}

async function cluster() {
  try {
    const c = await api("GET", "/cluster");
    const silos = c.silos.map((s) => `<tr><td>${esc(s.name)}</td><td>${esc(s.status)}</td><td>${Object.values(s.activations).reduce((a, b) => a + b, 0)}</td><td>${s.queueLength}</td></tr>`).join("");
    const shards = c.shards.map((s) => `<tr><td>${s.shard}</td><td>${s.jobs}</td><td>${s.searchable}</td><td>${s.dimension}</td><td>${esc(s.indexKind)}</td></tr>`).join("");
    $("cluster-status").innerHTML =
      `<table><tr><th>silo</th><th>status</th><th>activations</th><th>queued</th></tr>${silos}</table>` +
      `<table><tr><th>shard</th><th>jobs</th><th>open (searchable)</th><th>dim</th><th>index</th></tr>${shards}</table>`;
  } catch (e) { $("cluster-status").innerHTML = `<p class="error">${esc(e.message)}</p>`; }
}

document.addEventListener("click", (ev) => {
  const id = ev.target?.dataset?.job;
  if (id) { ev.preventDefault(); showJob(id); }
});
$("search-form").addEventListener("submit", search);
$("user-form").addEventListener("submit", recommend);
$("ask-form").addEventListener("submit", ask);
$("cluster-refresh").addEventListener("click", cluster);
$("models-refresh").addEventListener("click", models);
cluster();
models();
