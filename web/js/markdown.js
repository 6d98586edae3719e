// Markdown cells: markdown-it (Debian's libjs-markdown-it, a global script) with raw HTML off, and the
// result rebuilt node by node from an allow list into the live page, so neither markup nor a link
// scheme we did not expect can reach it. `$…$` and `$$…$$` are math, typeset by KaTeX (Debian's
// libjs-katex, which builds DOM nodes itself) when it is loaded, and shown as TeX source otherwise.

const ALLOWED_TAGS = new Set([
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "img", "hr", "br", "table", "thead", "tbody", "tr", "th", "td",
]);
const ALLOWED_ATTRIBUTES = { a: ["href", "title"], img: ["src", "alt", "title"], ol: ["start"], th: ["align"], td: ["align"] };
const MATH_CLASSES = new Set(["math-inline", "math-display"]);

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
    renderer.inline.ruler.before("escape", "math", mathRule);
    for (const kind of ["inline", "display"]) {
        renderer.renderer.rules[`math_${kind}`] = (tokens, index) =>
            `<span class="math-${kind}">${renderer.utils.escapeHtml(tokens[index].content)}</span>`;
    }
    return renderer;
}

/**
 * The inline rule for math, with Pandoc's conventions: `$$…$$` is display math; `$…$` is inline math
 * when no space follows the opening `$` or precedes the closing one and no digit follows it, so
 * "from $5 to $10" stays text. `\$` is a literal dollar (markdown-it's escape rule sees it first).
 */
function mathRule(state, silent) {
    const source = state.src;
    const start = state.pos;
    if (source.charCodeAt(start) !== 0x24) return false;
    const display = source.charCodeAt(start + 1) === 0x24;
    const delimiter = display ? "$$" : "$";
    let end = start + delimiter.length;
    for (;;) {
        end = source.indexOf(delimiter, end);
        if (end === -1) return false;
        if (source.charCodeAt(end - 1) !== 0x5c) break;
        end += 1;
    }
    const content = source.slice(start + delimiter.length, end);
    if (content.trim() === "") return false;
    if (!display) {
        if (/^\s|\s$/.test(content)) return false;
        const after = source.charCodeAt(end + 1);
        if (after >= 0x30 && after <= 0x39) return false;
    }
    if (!silent) {
        const token = state.push(display ? "math_display" : "math_inline", "", 0);
        token.content = content;
        token.markup = delimiter;
    }
    state.pos = end + delimiter.length;
    return true;
}

/**
 * Typesets a math span in place. Bad TeX stays as its source, marked, with KaTeX's message as the
 * tooltip (KaTeX's own error rendering sets a style attribute, which our CSP refuses).
 */
function typeset(span) {
    if (typeof window.katex?.render !== "function") return;
    const tex = span.textContent;
    try {
        window.katex.render(tex, span, { displayMode: span.className === "math-display", throwOnError: true });
    } catch (error) {
        span.textContent = tex;
        span.classList.add("math-error");
        span.title = String(error?.message ?? error);
    }
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
    if (tag === "span" && MATH_CLASSES.has(node.className)) {
        const span = Object.assign(document.createElement("span"), { className: node.className, textContent: node.textContent });
        typeset(span);
        return span;
    }
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
