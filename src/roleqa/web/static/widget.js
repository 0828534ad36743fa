/* roleqa chat widget: <script src="https://HOST/widget.js" data-title="Ask about this role" async></script>
 * Optional: data-guide="data-scientist" (answer from that role's guide only; several: "a,b"),
 * data-accent="#0f766e", data-position="left|right", data-greeting="…".
 * Self-contained: no framework, no CDN. Lives in a Shadow DOM so the page's CSS cannot reach it,
 * and renders every server string with textContent, never as markup. */
(() => {
  "use strict";
  const me = document.currentScript || document.querySelector('script[src*="widget.js"]');
  if (!me || window.roleqaWidget) return;
  const d = me.dataset;
  const base = new URL("./", me.src); // the API lives beside this script
  const url = (path) => new URL(path, base).href;
  const title = (d.title || "Ask about this role").slice(0, 80);
  const guide = (d.guide || "").split(",").map((s) => s.trim()).filter(Boolean);
  const greeting = d.greeting || "Hi! Ask me about this role. I answer from our careers guide and show my sources.";
  const accent = d.accent && CSS.supports("color", d.accent) ? d.accent : "#4f46e5";
  const CSS_TEXT = `
:host{all:initial!important;display:inline!important}
.w{all:initial;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1f2328}
:where(.w *){box-sizing:border-box;margin:0;padding:0;font:inherit;color:inherit;letter-spacing:normal;text-transform:none}
button{cursor:pointer;border:0;background:none}
.fab{position:fixed;bottom:20px;right:20px;z-index:2147483646;display:flex;align-items:center;gap:8px;padding:12px 18px;border-radius:999px;background:var(--a);color:#fff;font-weight:600;box-shadow:0 6px 20px rgba(0,0,0,.25)}
.left .fab{right:auto;left:20px}
svg{width:20px;height:20px;fill:currentColor;flex:none}
.panel{position:fixed;bottom:88px;right:20px;z-index:2147483647;width:390px;max-width:calc(100vw - 40px);height:min(620px,calc(100vh - 120px));display:flex;flex-direction:column;background:#fff;border-radius:14px;box-shadow:0 12px 40px rgba(0,0,0,.3);overflow:hidden}
.left .panel{right:auto;left:20px}
.panel[hidden]{display:none}
header{flex:none;display:flex;align-items:center;gap:4px;padding:10px 10px 10px 16px;background:var(--a);color:#fff}
h2{flex:1;font-size:16px;font-weight:650}
header button{color:#fff;border-radius:6px;padding:5px 9px;font-size:13px}
header button:hover{background:rgba(255,255,255,.18)}
.x{font-size:18px;line-height:1}
.log{flex:1;overflow-y:auto;padding:14px;display:flex;flex-direction:column;gap:10px;background:#f5f6f8}
.m{max-width:90%;padding:9px 12px;border-radius:12px;white-space:pre-wrap;overflow-wrap:anywhere}
.u{align-self:flex-end;background:var(--a);color:#fff;border-bottom-right-radius:4px}
.b{align-self:flex-start;background:#fff;border:1px solid #e2e5e9;border-bottom-left-radius:4px}
.e{align-self:stretch;max-width:none;background:#fef2f2;color:#991b1b;border:1px solid #fecaca}
details{margin-top:8px;font-size:13px;white-space:normal}
summary{cursor:pointer;color:var(--a);font-weight:600;border-radius:4px}
ol{margin:6px 0 0 20px}li{margin:6px 0}
strong{font-weight:600}
blockquote{margin-top:3px;padding-left:8px;border-left:3px solid #d0d5dc;color:#4b5563;font-style:italic}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px;white-space:normal}
.chip{border:1px solid var(--a);color:var(--a);background:#fff;border-radius:14px;padding:4px 10px;font-size:13px;text-align:left}
.chip:hover{background:#f0f1ff}
.dots{display:flex;gap:4px;padding:12px}
.dots i{width:7px;height:7px;border-radius:50%;background:#8a929e;animation:bl 1.2s infinite}
.dots i:nth-child(2){animation-delay:.2s}.dots i:nth-child(3){animation-delay:.4s}
@keyframes bl{0%,80%,100%{opacity:.25}40%{opacity:1}}
form{flex:none;display:flex;gap:8px;padding:10px;border-top:1px solid #e2e5e9;background:#fff}
textarea{flex:1;resize:none;min-height:42px;max-height:120px;border:1px solid #c5cbd3;border-radius:10px;padding:9px 10px;background:#fff;color:#1f2328}
textarea::placeholder{color:#6b7280}
.send{border-radius:10px;background:var(--a);color:#fff;padding:0 13px}
.send:disabled,textarea:disabled{opacity:.5;cursor:not-allowed}
.note{font-size:12px;color:#5b6370;padding:0 12px 8px;background:#fff}
:focus-visible{outline:2px solid #fff;outline-offset:1px;box-shadow:0 0 0 5px #111827}
textarea:focus-visible{outline:2px solid var(--a);outline-offset:0;box-shadow:none;border-color:var(--a)}
@media (max-width:480px){.panel,.left .panel{inset:0;width:auto;max-width:none;height:auto;border-radius:0}
.fab,.left .fab{bottom:14px}.fab{right:14px}.left .fab{left:14px}}
@media (prefers-reduced-motion:reduce){.dots i{animation:none;opacity:.7}}`;

  const h = (tag, props, ...kids) => {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === "text") el.textContent = v;
      else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else if (v !== false && v != null) el.setAttribute(k, v === true ? "" : String(v));
    }
    el.append(...kids.filter(Boolean)); // strings become text nodes
    return el;
  };
  const icon = (path) => {
    const ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
    const p = document.createElementNS(ns, "path");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    p.setAttribute("d", path);
    svg.append(p);
    return svg;
  };

  let maxChars = 1000, maxHistory = 10, asked = [], busy = false, refused = false;
  let blockedUntil = 0, health = null, conversation = 0, examples = [];

  const log = h("div", { class: "log", role: "log", "aria-live": "polite", "aria-label": "Conversation" });
  const input = h("textarea", { rows: 1, placeholder: "Ask a question…", "aria-label": "Your question", maxlength: maxChars });
  const send = h("button", { class: "send", type: "submit", "aria-label": "Send question" }, icon("M3 20.5 21 12 3 3.5v6.7L15 12 3 13.8z"));
  const form = h("form", { onsubmit: (e) => { e.preventDefault(); ask(); } }, input, send);
  const panel = h("section", { class: "panel", id: "rq-panel", role: "dialog", "aria-label": title, hidden: true },
    h("header", {}, h("h2", { text: title }),
      h("button", { type: "button", onclick: reset, "aria-label": "Start a new conversation" }, "New chat"),
      h("button", { class: "x", type: "button", onclick: () => toggle(false), "aria-label": "Close chat" }, "✕")),
    log, form, h("p", { class: "note", text: "Answers quote the careers guide. Please don't share personal details." }));
  const fab = h("button", { class: "fab", type: "button", "aria-expanded": "false", "aria-controls": "rq-panel", onclick: () => toggle(panel.hidden) },
    icon("M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"), h("span", { text: title }));
  const wrap = h("div", { class: d.position === "left" ? "w left" : "w" }, fab, panel);
  wrap.style.setProperty("--a", accent);
  wrap.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !panel.hidden) { e.preventDefault(); toggle(false); }
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); ask(); }
  });
  input.addEventListener("input", grow);

  function grow() {
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight + 2, 120) + "px";
  }
  function add(el) { log.append(el); log.scrollTop = log.scrollHeight; return el; }
  function sync() {
    const wait = blockedUntil - Date.now();
    send.disabled = busy || refused || wait > 0;
    input.disabled = refused;
    log.setAttribute("aria-busy", String(busy));
    if (wait > 0) setTimeout(sync, wait + 50);
  }
  function say(text, cls = "m b") { return add(h("div", { class: cls, text })); }
  function fail(text) { return add(h("div", { class: "m e", role: "alert", text })); }
  function chips(parent, questions) {
    const list = questions.filter((q) => typeof q === "string").slice(0, 3);
    if (list.length) parent.append(h("div", { class: "chips" }, ...list.map((q) => h("button", { class: "chip", type: "button", onclick: () => ask(q) }, q))));
  }
  function greet() {
    const hello = say(greeting);
    chips(hello, examples);
    return hello;
  }
  function refuse() {
    if (refused) return;
    refused = true;
    sync();
    fail(`This website (${location.origin}) is not allowed to use the assistant. ` +
      "If you run this site, add its address to ROLEQA_ALLOWED_ORIGINS on the assistant's server.");
  }
  async function reachable() {
    // An opaque no-cors request succeeds whenever the server answers at all, so a
    // failed CORS request to a reachable server means the server refused this origin.
    try { await fetch(url("api/health"), { mode: "no-cors", credentials: "omit", cache: "no-store" }); return true; } catch { return false; }
  }
  function check(hello) {
    health = health || fetch(url("api/info"), { credentials: "omit" })
      .then((r) => (r.ok ? r.json() : null))
      .then((info) => {
        if (!info) return;
        maxChars = info.limits?.max_question_chars || maxChars;
        maxHistory = info.limits?.max_history || maxHistory;
        input.maxLength = maxChars;
        examples = Array.isArray(info.examples) ? info.examples : [];
        if (!guide.length) return examples;
        // A widget for one role suggests that role's questions.
        return fetch(url("api/guides"), { credentials: "omit" })
          .then((r) => (r.ok ? r.json() : null))
          .then((g) => {
            const mine = (g?.guides || []).filter((x) => guide.includes(x.slug));
            if (mine.length) examples = mine.flatMap((x) => x.examples || []).slice(0, 4);
            return examples;
          });
      })
      .then(() => {
        if (!asked.length && hello.isConnected) chips(hello, examples);
      })
      .catch(async () => { health = null; if (await reachable()) refuse(); });
  }
  function toggle(open) {
    panel.hidden = !open;
    fab.setAttribute("aria-expanded", String(open));
    if (!open) { fab.focus(); return; }
    if (!log.childElementCount) check(greet());
    input.focus();
  }
  function reset() {
    conversation++;
    asked = [];
    busy = false;
    log.replaceChildren();
    greet();
    if (!refused) sync();
    else { refused = false; refuse(); }
    input.focus();
  }
  function answer(data) {
    const declined = data.answered === false;
    const text = String(declined && data.lead ? data.lead : data.answer);
    const msg = h("div", { class: "m b" }, text);
    const sources = Array.isArray(data.sources) ? data.sources : [];
    if (sources.length) {
      msg.append(h("details", {}, h("summary", { text: `Sources (${sources.length})` }),
        h("ol", {}, ...sources.map((s) => h("li", {}, h("strong", { text: String(s.title || s.section || "") }),
          h("blockquote", { text: String(s.text || "") }))))));
    }
    if (declined && Array.isArray(data.suggestions)) chips(msg, data.suggestions);
    add(msg);
  }
  function problem(r, data) {
    const said = data && typeof data.error === "string" ? data.error : "";
    if (r.status === 429) {
      const s = parseInt(r.headers.get("Retry-After"), 10) || 10;
      blockedUntil = Date.now() + s * 1000;
      return said || `You're asking quickly. Please wait ${s} s and try again.`;
    }
    if (r.status === 503) return said || "The assistant is busy right now. Please try again in a moment.";
    return said || `Something went wrong (error ${r.status}). Please try again.`;
  }
  async function ask(text) {
    const q = (text ?? input.value).trim();
    if (!q || busy || refused) return;
    if (Date.now() < blockedUntil) {
      fail(`Please wait ${Math.ceil((blockedUntil - Date.now()) / 1000)} s before asking again.`);
      return;
    }
    if (text == null) { input.value = ""; grow(); }
    const mine = conversation;
    say(q, "m u");
    busy = true;
    sync();
    const typing = add(h("div", { class: "m b dots", role: "status", "aria-label": "The assistant is typing" }, h("i"), h("i"), h("i")));
    const timer = new AbortController();
    const stop = setTimeout(() => timer.abort(), 30000);
    try {
      const r = await fetch(url("api/ask"), {
        method: "POST", credentials: "omit", signal: timer.signal,
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ question: q, history: asked.slice(-maxHistory),
          ...(guide.length ? { guide: guide.length === 1 ? guide[0] : guide } : {}) }),
      });
      const data = await r.json().catch(() => null);
      if (mine !== conversation) return;
      if (r.ok && data && typeof data.answer === "string") { answer(data); asked.push(q); }
      else { fail(problem(r, data)); if (!input.value) { input.value = q; grow(); } }
    } catch (e) {
      if (mine !== conversation) return;
      if (e.name === "AbortError") fail("The assistant took too long to answer. Please try again.");
      else if (await reachable()) refuse();
      else fail("Can't reach the assistant right now. Check your connection and try again.");
    } finally {
      clearTimeout(stop);
      typing.remove();
      if (mine === conversation) { busy = false; sync(); }
    }
  }

  function mount() {
    const host = document.createElement("roleqa-chat");
    const root = host.attachShadow({ mode: "open" });
    root.append(h("style", { text: CSS_TEXT }), wrap);
    document.body.append(host);
  }
  window.roleqaWidget = { open: () => toggle(true), close: () => toggle(false) };
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
