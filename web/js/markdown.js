// Markdown cells: markdown-it (Debian's libjs-markdown-it, a global script) with raw HTML off, and the
// result rebuilt node by node from an allow list into the live page, so neither markup nor a link
// scheme we did not expect can reach it.

const ALLOWED_TAGS = new Set([
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "img", "hr", "br", "table", "thead", "tbody", "tr", "th", "td",
]);
const ALLOWED_ATTRIBUTES = { a: ["href", "title"], img: ["src", "alt", "title"], ol: ["start"], th: ["align"], td: ["align"] };

/** True for the link targets we keep: http(s), mailto, same-page and relative paths; never javascript:/data:. */
export function isSafeURL(url) {
    const trimmed = String(url).trim().replace(/[\u0000-\u001F\u007F\s]+/g, "");
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed);
    if (!scheme) return true;
    return ["http", "https", "mailto"].includes(scheme[1].toLowerCase());
}

let renderer = null;

function markdownIt() {
    if (renderer) return renderer;
    if (typeof window.markdownit !== "function") return null;
    renderer = window.markdownit({ html: false, linkify: true, typographer: false });
    renderer.validateLink = isSafeURL;
    return renderer;
}

/** Renders markdown text into `target` (replacing its content). Falls back to plain text. */
export function renderMarkdown(text, target) {
    target.replaceChildren();
    const md = markdownIt();
    if (!md) {
        target.append(Object.assign(document.createElement("pre"), { textContent: text }));
        return;
    }
    // An inert document: nothing in it runs or loads; we copy only what the allow list names.
    const parsed = new DOMParser().parseFromString(md.render(String(text)), "text/html");
    for (const child of Array.from(parsed.body.childNodes)) {
        const copy = copyNode(child);
        if (copy) target.append(copy);
    }
}

function copyNode(node) {
    if (node.nodeType === Node.TEXT_NODE) return document.createTextNode(node.textContent);
    if (node.nodeType !== Node.ELEMENT_NODE) return null;
    const tag = node.tagName.toLowerCase();
    if (!ALLOWED_TAGS.has(tag)) return document.createTextNode(node.textContent);
    const copy = document.createElement(tag);
    for (const name of ALLOWED_ATTRIBUTES[tag] ?? []) {
        const value = node.getAttribute(name);
        if (value === null) continue;
        if ((name === "href" || name === "src") && !isSafeURL(value)) continue;
        copy.setAttribute(name, value);
    }
    if (tag === "a") {
        copy.setAttribute("rel", "noopener noreferrer");
        copy.setAttribute("target", "_blank");
    }
    if (tag === "code") {
        const language = /(?:^|\s)language-([\w-]+)/.exec(node.className);
        if (language) copy.className = `language-${language[1]}`;
    }
    for (const child of Array.from(node.childNodes)) {
        const inner = copyNode(child);
        if (inner) copy.append(inner);
    }
    return copy;
}
