// The LuceneReco demo page: plain JavaScript over this host's own HTTP API (docs/serving.md, docs/demo-page.md).
// Every element is built with textContent, never innerHTML, so item text cannot become markup.
"use strict";

const $ = (selector) => document.querySelector(selector);
const state = { user: "", pipelines: [], recommendPipeline: "", sliders: {}, recoRequest: 0 };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(path, init) {
  const response = await fetch(path, init);
  const type = response.headers.get("content-type") || "";
  const body = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) {
    const detail = body && body.detail ? body.detail : `${response.status} ${response.statusText}`;
    const error = new Error(detail);
    error.status = response.status;
    throw error;
  }
  return body;
}

function status(id, text, isError) {
  const node = $(id);
  node.textContent = text;
  node.classList.toggle("error", !!isError);
}

function when(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : d.toISOString().slice(0, 16).replace("T", " ") + " UTC";
}

function title(fields, id) {
  const t = fields && (fields.title || fields.name);
  return Array.isArray(t) ? t[0] : (t || id);
}

function fieldText(value) {
  return Array.isArray(value) ? value.join(", ") : String(value);
}

// One result: its title (opens the item), category and provider, each stage's explanation lines and the matched words.
function resultItem(item, onOpen) {
  const fields = item.fields || {};
  const meta = ["category", "provider"].filter((f) => fields[f] !== undefined).map((f) => fieldText(fields[f])).join(" · ");
  const lines = (item.explanation || []).map((line) => {
    const at = line.indexOf(": ");
    return at > 0
      ? el("li", { "data-source": line.slice(0, at) }, el("span", { class: "source" }, line.slice(0, at)), line.slice(at))
      : el("li", {}, line);
  });
  const words = [];
  for (const reason of item.reasons || []) for (const term of reason.terms || []) if (!words.includes(term)) words.push(term);
  return el("li", { "data-id": item.id },
    el("button", { type: "button", class: "result-title", onclick: () => onOpen(item.id) }, title(fields, item.id)),
    meta ? el("div", { class: "meta" }, meta) : null,
    lines.length ? el("ul", { class: "why" }, lines) : null,
    words.length ? el("div", { class: "chips matched", "aria-label": "matched words" }, words.map((w) => el("span", { class: "chip" }, w))) : null);
}

function renderList(id, items) {
  const list = $(id);
  list.replaceChildren(...items.map((item) => resultItem(item, openItem)));
  list.dataset.version = String(Number(list.dataset.version || 0) + 1);
}

function skipped(response) {
  const s = response.skippedStages || [];
  return s.length ? ` Skipped: ${s.map((x) => `${x.stage} (${x.reason})`).join("; ")}.` : "";
}

// Search
async function search(event) {
  event.preventDefault();
  const q = $("#q").value.trim();
  if (!q) return;
  status("#search-status", "Searching…");
  try {
    const r = await api(`/search?q=${encodeURIComponent(q)}&k=10&explain=true`);
    renderList("#search-results", r.items);
    status("#search-status", `${r.items.length} results from pipeline '${r.pipeline}' in ${r.tookMs} ms.${skipped(r)}`);
  } catch (e) {
    status("#search-status", e.message, true);
  }
}

// An item and more like it
async function openItem(id) {
  const panel = $("#item-panel");
  panel.hidden = false;
  status("#similar-status", "Finding similar items…");
  try {
    const [item, similar] = await Promise.all([
      api(`/items/${encodeURIComponent(id)}`),
      api(`/items/${encodeURIComponent(id)}/similar?k=8&explain=true`),
    ]);
    panel.dataset.id = id;
    $("#item-title").textContent = title(item, id);
    const list = el("dl");
    for (const [name, value] of Object.entries(item)) {
      if (name === "title") continue;
      list.append(el("dt", {}, name), el("dd", {}, fieldText(value)));
    }
    $("#item-fields").replaceChildren(list);
    renderList("#similar-results", similar.items);
    status("#similar-status", similar.items.length
      ? `${similar.items.length} items like it; the chips are the words each shares with it.${skipped(similar)}`
      : `Nothing similar found.${skipped(similar)}`);
    panel.scrollIntoView({ block: "start" });
  } catch (e) {
    status("#similar-status", e.message, true);
  }
}

// Pipelines and their sliders
async function loadPipelines() {
  const r = await api("/pipelines");
  state.pipelines = r.pipelines;
  state.recommendPipeline = r.recommendPipeline;
  const select = $("#pipeline");
  select.replaceChildren(...r.pipelines.map((p) => el("option", { value: p.name, selected: p.name === r.recommendPipeline }, p.name)));
  renderSliders();
}

function currentPipeline() {
  return state.pipelines.find((p) => p.name === $("#pipeline").value);
}

function renderSliders() {
  const pipeline = currentPipeline();
  state.sliders = {};
  const box = $("#sliders");
  box.replaceChildren();
  if (!pipeline) return;
  const stages = pipeline.stages.map((s) => s.name).join(" → ");
  $("#pipeline-stages").textContent = `Recall: ${pipeline.recall.join(", ")}` + (stages ? `; stages: ${stages}` : "; no rerank stages");
  for (const stage of pipeline.stages) {
    for (const s of stage.sliders) {
      // The knob reads "more diversity/fairness to the right"; an inverted option (MMR's lambda) is sent as min + max - position.
      const position = s.inverted ? s.min + s.max - s.value : s.value;
      const output = el("output", { for: `slider-${s.key}` });
      const input = el("input", {
        type: "range", id: `slider-${s.key}`, min: s.min, max: s.max, step: (s.max - s.min) / 100, value: position,
        "data-key": s.key, "data-kind": s.kind,
      });
      const sync = () => {
        const v = Number(input.value);
        const sent = s.inverted ? s.min + s.max - v : v;
        state.sliders[s.key] = Math.round(sent * 1000) / 1000;
        output.textContent = `${s.key} = ${state.sliders[s.key]}`;
      };
      sync();
      input.addEventListener("input", sync);
      input.addEventListener("change", () => { sync(); if (state.user) recommend(); });
      box.append(el("div", { class: "slider", "data-kind": s.kind }, el("label", { for: input.id }, el("span", {}, s.label), output), input));
    }
  }
}

// Recommendations and the profile
async function recommend() {
  const ticket = ++state.recoRequest;
  status("#reco-status", `Recommending for ${state.user}…`);
  try {
    const body = { userId: state.user, k: 10, explain: true, pipeline: $("#pipeline").value || undefined, options: state.sliders };
    const r = await api("/recommend", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    if (ticket !== state.recoRequest) return; // a newer request is on its way
    renderList("#reco-results", r.items);
    $("#reco-results").dataset.user = state.user;
    $("#reco-stages ul").replaceChildren(...(r.stages || []).map((s) => el("li", {}, `${s.stage}: ${s.outcome}, ${s.milliseconds} ms`)));
    status("#reco-status", `${r.items.length} for ${state.user} from pipeline '${r.pipeline}' in ${r.tookMs} ms.${skipped(r)}`);
  } catch (e) {
    if (ticket === state.recoRequest) status("#reco-status", e.message, true);
  }
}

function bar(label, sub, weight, attrs) {
  const meter = el("span");
  meter.style.width = `${Math.max(2, Math.round(weight * 100))}%`;
  return el("li", attrs || {},
    el("span", { class: "label" }, label, el("span", { class: "when" }, sub)),
    el("span", { class: "meter", title: `${Math.round(weight * 1000) / 10}%` }, meter));
}

async function profile() {
  const panel = $("#profile-panel");
  panel.hidden = false;
  const lists = ["#profile-terms", "#profile-categories", "#profile-items"];
  try {
    const p = await api(`/users/${encodeURIComponent(state.user)}/profile`);
    $("#profile-summary").textContent = p.summary;
    $("#profile-terms").replaceChildren(...p.terms.map((t) =>
      bar(`"${t.word}"`, `${t.fields.join(", ")} · ${t.items} item${t.items === 1 ? "" : "s"} · last ${when(t.lastEvent)}`, t.weight, { "data-word": t.word })));
    $("#profile-categories").replaceChildren(...p.categories.map((c) =>
      bar(c.category, `${c.items} item${c.items === 1 ? "" : "s"} · last ${when(c.lastEvent)}`, c.weight, { "data-category": c.category })));
    $("#profile-items").replaceChildren(...p.items.map((i) =>
      bar(i.title, `${i.kind} · ${when(i.lastEvent)}`, i.weight, { "data-id": i.id })));
  } catch (e) {
    $("#profile-summary").textContent = e.status === 404 ? `No events of ${state.user} yet: recommendations fall back to what is popular.` : e.message;
    for (const id of lists) $(id).replaceChildren();
  }
  panel.dataset.user = state.user;
}

function rememberUser(user) {
  const known = JSON.parse(localStorage.getItem("lucenereco.users") || "[]").filter((u) => u !== user);
  known.unshift(user);
  localStorage.setItem("lucenereco.users", JSON.stringify(known.slice(0, 20)));
  $("#known-users").replaceChildren(...known.slice(0, 20).map((u) => el("option", { value: u })));
}

async function chooseUser(event) {
  event.preventDefault();
  const user = $("#user").value.trim();
  if (!user) return;
  state.user = user;
  rememberUser(user);
  await Promise.all([recommend(), profile()]);
}

// The user picker: GET /users, most events first, 20 at a time ("More users" appends the next page)
async function loadUsers(offset) {
  try {
    const page = await api(`/users?limit=20&offset=${offset}`);
    const picker = $("#user-picker");
    if (offset === 0)
      picker.replaceChildren(el("option", { value: "" }, page.total ? `pick one of ${page.total} users…` : "no users with events yet"));
    picker.append(...page.users.map((u) => el("option", { value: u.id }, `${u.id} (${u.events} events)`)));
    const more = $("#more-users");
    more.hidden = page.nextOffset === null || page.nextOffset === undefined;
    more.dataset.offset = more.hidden ? "" : String(page.nextOffset);
    picker.dataset.loaded = String(picker.options.length - 1);
  } catch (e) {
    status("#reco-status", e.message, true);
  }
}

async function pickUser(event) {
  const user = $("#user-picker").value;
  if (!user) return;
  $("#user").value = user;
  await chooseUser(event);
}

// Health, plugins and metrics, refreshed while the page is open
async function refreshHealth() {
  try {
    const h = await api("/health");
    const badge = $("#health");
    badge.textContent = `${h.status} · ${h.documents} items`;
    badge.className = `badge ${h.status}`;
  } catch (e) {
    $("#health").textContent = "unreachable";
  }
}

async function refreshPlugins() {
  try {
    const plugins = await api("/plugins");
    $("#plugins tbody").replaceChildren(...plugins.map((p) =>
      el("tr", { "data-plugin": p.name }, el("td", {}, p.name), el("td", {}, p.version || "–"), el("td", { title: p.error || "" }, p.state))));
  } catch (e) {
    $("#plugins tbody").replaceChildren(el("tr", {}, el("td", { colspan: 3 }, e.message)));
  }
}

async function refreshMetrics() {
  try {
    const m = await api("/metrics");
    $("#metrics-summary").textContent =
      `${m.index.documents} items in ${m.index.segments} segment(s), ${m.interactions} events, ${Math.round(m.process.workingSetBytes / 1048576)} MB working set`;
    const rows = Object.entries(m.endpoints).sort((a, b) => b[1].count - a[1].count).map(([name, s]) =>
      el("tr", { "data-endpoint": name }, el("td", {}, name), el("td", { class: "num" }, s.count), el("td", { class: "num" }, s.p50.toFixed(1)), el("td", { class: "num" }, s.p95.toFixed(1))));
    $("#metrics tbody").replaceChildren(...rows);
    $("#metrics").dataset.version = String(Number($("#metrics").dataset.version || 0) + 1);
  } catch (e) {
    $("#metrics-summary").textContent = e.message;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("#search-form").addEventListener("submit", search);
  $("#user-form").addEventListener("submit", chooseUser);
  $("#user-picker").addEventListener("change", pickUser);
  $("#more-users").addEventListener("click", () => loadUsers(Number($("#more-users").dataset.offset)));
  loadUsers(0);
  $("#pipeline").addEventListener("change", () => { renderSliders(); if (state.user) recommend(); });
  const known = JSON.parse(localStorage.getItem("lucenereco.users") || "[]");
  $("#known-users").replaceChildren(...known.map((u) => el("option", { value: u })));
  loadPipelines().catch((e) => status("#reco-status", e.message, true));
  refreshHealth(); refreshPlugins(); refreshMetrics();
  setInterval(refreshHealth, 5000);
  setInterval(refreshMetrics, 3000);
  setInterval(refreshPlugins, 15000);
  document.body.dataset.ready = "true";
});
