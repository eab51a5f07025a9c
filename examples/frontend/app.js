// badgecms example frontend: fetch a landing page (or a draft preview) from the content API
// and render it. Text goes in with textContent; only the API's sanitised rich-text HTML
// (`intro`, `faqs[].answer`) is inserted as HTML. See docs/preview.md.

const params = new URLSearchParams(window.location.search);
const apiBase = (
  params.get("api") ||
  document.querySelector('meta[name="badgecms-api"]').content
).replace(/\/+$/, "");

// The Wagtail admin whose preview panel may send new preview tokens (live preview):
// the badgecms-admin meta tag, else the origin of the content API (same server).
const adminOrigin = new URL(
  document.querySelector('meta[name="badgecms-admin"]')?.content || apiBase,
).origin;
const PREVIEW_MESSAGE = "badgecms:preview";

const $ = (id) => document.getElementById(id);

/** Return `url` when it is an absolute http(s) URL, otherwise null. */
function webUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** The API request for this address: a preview (?token=) or a published page (?page=). */
function apiRequest(token = params.get("token")) {
  if (token) {
    return { url: `${apiBase}/api/v1/preview/?${new URLSearchParams({ token })}`, preview: true };
  }
  const page = params.get("page");
  if (page && /^\d+$/.test(page)) {
    return { url: `${apiBase}/api/v1/pages/${page}/`, preview: false };
  }
  return null;
}

function showStatus(message, isError = false) {
  const status = $("status");
  status.textContent = message;
  status.classList.toggle("error", isError);
  status.hidden = false;
}

function renderLinks(links) {
  const list = $("links");
  list.replaceChildren();
  for (const link of links) {
    const href = webUrl(link.url);
    if (!href) continue;
    const item = document.createElement("li");
    const label = document.createElement("span");
    label.className = "link-label";
    label.textContent = link.label;
    const button = document.createElement("a");
    button.className = "button";
    button.href = href;
    button.textContent = link.text;
    item.append(label, button);
    list.append(item);
  }
  $("certification-links").hidden = list.children.length === 0;
}

/** The badge gallery: each badge's art, name, level, skills and "Earn this badge" link,
 * under the group headings editors set. */
function renderBadges(heading, items) {
  $("badges-heading").textContent = heading || "Badges";
  const container = $("badge-groups");
  container.replaceChildren();
  let gallery = null;
  for (const { group_heading: groupHeading, badge } of items) {
    if (groupHeading || !gallery) {
      if (groupHeading) {
        const title = document.createElement("h3");
        title.className = "badge-group-heading";
        title.textContent = groupHeading;
        container.append(title);
      }
      gallery = document.createElement("div");
      gallery.className = "badge-gallery";
      container.append(gallery);
    }
    const card = document.createElement("article");
    card.className = "badge-card";
    const imageUrl = badge.image && webUrl(badge.image.renditions.small.url);
    if (imageUrl) {
      const image = document.createElement("img");
      image.className = "badge-art";
      image.src = imageUrl;
      image.alt = badge.image.alt;
      card.append(image);
    }
    const name = document.createElement("h3");
    name.className = "badge-name";
    name.textContent = badge.name;
    const meta = document.createElement("p");
    meta.className = "badge-meta";
    meta.textContent = [badge.level, badge.type].filter(Boolean).join(" · ");
    const skills = document.createElement("ul");
    skills.className = "badge-skills";
    for (const skill of badge.skills) {
      const item = document.createElement("li");
      item.textContent = skill;
      skills.append(item);
    }
    card.append(name, meta, skills);
    const earnUrl = webUrl(badge.earn_url) || (badge.credly && webUrl(badge.credly.url));
    if (earnUrl) {
      const earn = document.createElement("a");
      earn.className = "button badge-earn";
      earn.href = earnUrl;
      earn.textContent = "Earn this badge";
      earn.setAttribute("aria-label", `Earn this badge: ${badge.name}`);
      card.append(earn);
    }
    gallery.append(card);
  }
  $("badges").hidden = items.length === 0;
}

function renderFaqs(heading, faqs) {
  $("faq-heading").textContent = heading;
  const container = $("faq-items");
  // Items the visitor opened stay open when a live preview re-renders the list.
  const open = new Set(
    [...container.querySelectorAll("details[open]")].map((details) => details.dataset.id),
  );
  container.replaceChildren();
  for (const faq of faqs) {
    const details = document.createElement("details");
    details.className = "faq-item";
    details.dataset.id = faq.id;
    details.open = open.has(faq.id);
    const summary = document.createElement("summary");
    const question = document.createElement("h3");
    question.className = "faq-question";
    question.textContent = faq.question;
    summary.append(question);
    const answer = document.createElement("div");
    answer.className = "faq-answer rich-text";
    answer.innerHTML = faq.answer; // sanitised by badgecms (allow-list, http/https/mailto links)
    details.append(summary, answer);
    container.append(details);
  }
  $("faq").hidden = faqs.length === 0;
}

function renderPage(page) {
  document.title = page.title;
  $("title").textContent = page.title;
  $("intro-heading").textContent = page.intro_heading;
  $("intro").innerHTML = page.intro; // sanitised by badgecms
  const image = $("badge-image");
  const imageUrl = page.badge_image && webUrl(page.badge_image.url);
  image.hidden = !imageUrl;
  if (imageUrl) {
    image.src = imageUrl;
    image.width = page.badge_image.width;
    image.height = page.badge_image.height;
    image.alt = page.badge_image.alt;
  }
  renderLinks(page.certification_links);
  renderBadges(page.badges_heading, page.badges || []);
  renderFaqs(page.faq_heading, page.faqs);
  $("page").hidden = false;
  $("status").hidden = true;
}

function renderPreviewBanner(page) {
  if (!document.querySelector('meta[name="robots"]')) {
    const robots = document.createElement("meta");
    robots.name = "robots";
    robots.content = "noindex";
    document.head.append(robots);
  }
  const taken = new Date(page.preview_created_at);
  const banner = $("preview-banner");
  banner.textContent =
    `Preview of unpublished changes, taken ${taken.toLocaleString()}. ` +
    "Visitors do not see this version.";
  banner.hidden = false;
}

/**
 * Why a fetch of `url` failed, in words: the API answered but refused this page's origin
 * (CORS), or nothing answered at all. A browser tells scripts neither; an opaque
 * (`no-cors`) request succeeds when the server answers, whatever its CORS headers.
 */
async function whyUnreachable(url) {
  try {
    await fetch(url, { mode: "no-cors", cache: "no-store", credentials: "omit" });
  } catch {
    return `The content API at ${apiBase} cannot be reached: is it running at that address?`;
  }
  return (
    `The content API at ${apiBase} answered but does not allow pages from ` +
    `${window.location.origin} to read it (CORS): add that origin to the API's ` +
    "CORS_ALLOWED_ORIGINS setting."
  );
}

/**
 * Fetch and render `request` (see apiRequest) unless `isStale()` says a newer request
 * has been made meanwhile; true when a page was rendered.
 */
async function load(request, isStale = () => false) {
  let response;
  try {
    response = await fetch(request.url, {
      headers: { Accept: "application/json" },
      cache: "no-store",
      credentials: "omit",
    });
  } catch {
    showStatus(await whyUnreachable(request.url), true);
    return false;
  }
  const body = await response.json().catch(() => null);
  if (isStale()) return false;
  if (!response.ok) {
    const message = body?.error?.message || `The content API answered ${response.status}.`;
    showStatus(message, true);
    return false;
  }
  if (request.preview) renderPreviewBanner(body);
  renderPage(body);
  return true;
}

/**
 * Live preview: the admin's preview panel frames this page and posts
 * `{type: "badgecms:preview", token, preview}` after each change in the editor
 * (`preview`: the preview JSON of that token, so no request is needed). Only messages
 * from the admin's origin, sent by the window framing this one, are read. The page is
 * re-rendered in place (same scroll position, open items kept) and the address gets the
 * new token, so reloading shows the latest state.
 */
let messagesReceived = 0;

async function onMessage(event) {
  if (event.origin !== adminOrigin || event.source !== window.parent || window.parent === window) {
    return;
  }
  const { type, token, preview } = event.data || {};
  if (type !== PREVIEW_MESSAGE || typeof token !== "string" || !token) return;
  const sequence = ++messagesReceived;
  const { scrollX, scrollY } = window;
  let rendered;
  if (preview && typeof preview === "object") {
    // The admin sent the preview JSON along (what /api/v1/preview/?token= answers).
    renderPreviewBanner(preview);
    renderPage(preview);
    rendered = true;
  } else {
    rendered = await load(apiRequest(token), () => sequence !== messagesReceived);
  }
  if (rendered) {
    window.scrollTo({ left: scrollX, top: scrollY, behavior: "instant" });
    const address = new URL(window.location.href);
    address.searchParams.set("token", token);
    window.history.replaceState(null, "", address);
  }
}

async function main() {
  window.addEventListener("message", onMessage);
  const request = apiRequest();
  if (!request) {
    showStatus("Open this page with ?page=<page id> or with ?token=<preview token>.", true);
    return;
  }
  await load(request);
}

main();
