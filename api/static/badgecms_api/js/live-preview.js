// badgecms: live "Frontend" preview mode of the page editor's preview panel.
//
// Wagtail's preview panel posts the editor form on each change and then reloads its
// frame (event "w-preview:load", cancelable). While the frame already shows the frontend
// (mode "frontend"), this script cancels that reload, asks badgecms for a preview token of
// the new form state (GET on the "Preview in frontend" action's URL) and posts it to the
// framed frontend, which re-renders in place: scroll position and open items are kept.
// While the frontend is shown it also checks the form every POLL_MS and asks the panel to
// update as soon as it changed, without waiting for Wagtail's unsaved-changes debounce
// (which waits for a pause in typing), so the frontend follows the typing itself.
// Protocol: docs/preview.md. Messages go only to the frontend's origin.
(() => {
  const MODE = "frontend";
  const MESSAGE_TYPE = "badgecms:preview";
  const POLL_MS = 200;
  let loadedMode = null; // the mode the panel's frame last finished loading

  const modeSelect = () => document.querySelector("[data-w-preview-target='mode']");
  const currentMode = () => modeSelect()?.value ?? "";
  const frame = () => document.getElementById("w-preview-iframe");
  const tokenUrl = () =>
    document.querySelector("button[data-frontend-preview]")?.getAttribute("formaction");

  async function sendToken() {
    const response = await fetch(tokenUrl(), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      cache: "no-store",
    });
    const body = await response.json();
    if (!response.ok) throw new Error(body?.error?.message || `HTTP ${response.status}`);
    const message = { type: MESSAGE_TYPE, token: body.token, preview: body.preview };
    frame()?.contentWindow?.postMessage(message, body.origin);
  }

  const previewPanel = () => {
    const element = document.querySelector("[data-controller~='w-preview']");
    return element && window.wagtail?.app?.getControllerForElementAndIdentifier(element, "w-preview");
  };
  const formState = () => {
    const form = document.querySelector("[data-edit-form]");
    return form ? new URLSearchParams(new FormData(form)).toString() : null;
  };

  let lastState = null;
  setInterval(() => {
    const panel = previewPanel();
    if (!panel || currentMode() !== MODE || loadedMode !== MODE) {
      lastState = null;
      return;
    }
    if (panel.updatePromise) return; // an update is running; look again next time
    const state = formState();
    if (lastState !== null && state !== lastState) panel.setPreviewData();
    lastState = state;
  }, POLL_MS);

  document.addEventListener("w-preview:loaded", () => {
    loadedMode = currentMode();
  });

  document.addEventListener("w-preview:load", (event) => {
    if (currentMode() !== MODE || loadedMode !== MODE || !tokenUrl()) return;
    event.preventDefault(); // keep the frontend; hand it the new state instead
    sendToken().catch(() => {
      // Fall back to reloading the frame through Wagtail (a new token in its address).
      loadedMode = null;
      const mode = modeSelect();
      mode?.dispatchEvent(new Event("change", { bubbles: true }));
    });
  });
})();
