// Bàn làm việc: progressive enhancements only (every form works without this file).
// - Drafts survive a closed tab or a dropped connection: each form with data-draft
//   is saved in this browser's localStorage as it is typed, and restored on return.
// - The sub-topic list follows the chosen field.
// - The report editor shows a live preview rendered (and sanitised) by the server.

const DRAFT_PREFIX = "dan-y:nhap:";

function formState(form) {
  const state = {};
  for (const element of form.elements) {
    if (!element.name || element.type === "hidden" || element.type === "submit" || element.type === "password") continue;
    if (element.type === "checkbox") {
      state[element.name] ??= [];
      if (element.checked) state[element.name].push(element.value);
    } else if (element.type === "radio") {
      if (element.checked) state[element.name] = element.value;
    } else state[element.name] = element.value;
  }
  return state;
}

function restore(form, state) {
  for (const element of form.elements) {
    if (!element.name || !(element.name in state) || element.type === "hidden") continue;
    const value = state[element.name];
    if (element.type === "checkbox") element.checked = Array.isArray(value) && value.includes(element.value);
    else if (element.type === "radio") element.checked = value === element.value;
    else element.value = value;
  }
}

function time() {
  return new Date().toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit" });
}

function setupDraft(form) {
  const key = DRAFT_PREFIX + form.dataset.draft;
  const status = form.querySelector("[data-draft-status]");
  const say = (text) => {
    if (status) status.textContent = text;
  };
  const serverAnswered = document.querySelector(".error, .field-error") !== null;
  const saved = localStorage.getItem(key);
  if (saved && !serverAnswered) {
    try {
      restore(form, JSON.parse(saved).state);
      say(`Đã khôi phục bản nháp lưu trên máy này lúc ${JSON.parse(saved).at}.`);
    } catch {
      localStorage.removeItem(key);
    }
  }
  let timer;
  const save = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      localStorage.setItem(key, JSON.stringify({ at: time(), state: formState(form) }));
      say(`Đã lưu nháp trên máy này lúc ${time()}.`);
    }, 300);
  };
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("submit", () => sessionStorage.setItem("dan-y:dang-gui", key));
}

function clearSentDraft() {
  const params = new URLSearchParams(location.search);
  const sending = sessionStorage.getItem("dan-y:dang-gui");
  if (sending && params.has("da-gui")) {
    localStorage.removeItem(sending);
    sessionStorage.removeItem("dan-y:dang-gui");
  }
}

function setupSubtopics(form) {
  const field = form.querySelector("select[name=field]");
  const groups = form.querySelectorAll("label[data-group]");
  if (!field || groups.length === 0) return;
  const update = () => {
    for (const label of groups) {
      const shown = label.dataset.group === field.value;
      label.hidden = !shown;
      if (!shown) label.querySelector("input").checked = false;
    }
  };
  field.addEventListener("change", update);
  update();
}

/** The value of a devalue-encoded action result of the shape { html: string }. */
function decodeHtml(payload) {
  const table = JSON.parse(payload);
  const root = table[0];
  return typeof root?.html === "number" ? table[root.html] : "";
}

function setupPreview(textarea) {
  const target = document.getElementById(textarea.dataset.preview);
  if (!target) return;
  let timer;
  textarea.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      try {
        const response = await fetch("/ban-lam-viec/_actions/preview", {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify({ text: textarea.value }),
        });
        if (response.ok) target.innerHTML = decodeHtml(await response.text());
      } catch {
        // Offline: the preview waits; the draft is still saved locally.
      }
    }, 400);
  });
}

clearSentDraft();
for (const form of document.querySelectorAll("form[data-draft]")) {
  setupDraft(form);
  setupSubtopics(form);
}
for (const textarea of document.querySelectorAll("textarea[data-preview]")) setupPreview(textarea);
const summary = document.getElementById("tom-tat-loi");
if (summary) summary.focus();
