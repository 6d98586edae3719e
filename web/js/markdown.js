// Markdown cells: markdown-it (Debian's libjs-markdown-it, a global script) with raw HTML off, and the
// result rebuilt node by node from an allow list into the live page, so neither markup nor a link
// scheme we did not expect can reach it. `$…$` and `$$…$$` are math, typeset by KaTeX (Debian's
// libjs-katex, which builds DOM nodes itself) when it is loaded, and shown as TeX source otherwise.
//
// The page's Content-Security-Policy refuses every style attribute — also those parsed from HTML text,
// even in an inert document — but not styles set through the CSSOM (`element.style`). So nothing here
// writes a style attribute: a table column's alignment is a class (`align-right`, …) instead of
// markdown-it's `style="text-align:…"`, and the few style attributes KaTeX would set are applied
// through the CSSOM.

const ALLOWED_TAGS = new Set([
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "img", "hr", "br", "table", "thead", "tbody", "tr", "th", "td",
]);
const ALLOWED_ATTRIBUTES = { a: ["href", "title"], img: ["src", "alt", "title"], ol: ["start"] };
const MATH_CLASSES = new Set(["math-inline", "math-display"]);
/** The classes a table cell may carry: its column's alignment (`tableAlignment`). */
const ALIGNMENT_CLASSES = new Set(["align-left", "align-center", "align-right"]);

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
    renderer.core.ruler.push("table_alignment", tableAlignment);
    for (const kind of ["inline", "display"]) {
        renderer.renderer.rules[`math_${kind}`] = (tokens, index) =>
            `<span class="math-${kind}">${renderer.utils.escapeHtml(tokens[index].content)}</span>`;
    }
    return renderer;
}

/**
 * A table column's alignment as a class: markdown-it writes `style="text-align:right"` on each `th`/`td`,
 * which the CSP would refuse; the page's and the export's style sheets align `.align-right` and the others.
 */
function tableAlignment(state) {
    for (const token of state.tokens) {
        if (token.type !== "th_open" && token.type !== "td_open") continue;
        const alignment = /^text-align:(left|center|right)$/.exec(token.attrGet("style") ?? "");
        token.attrs = alignment ? [["class", `align-${alignment[1]}`]] : null;
    }
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
 *
 * KaTeX builds DOM nodes and sets nearly all its sizes through the CSSOM, which the CSP allows; a few
 * nodes (the SVG of `\vec`, the MathML of `\pmb` and `\fcolorbox`) get a `style` attribute, which it
 * refuses. So this builds the tree `katex.render` would append (`__renderToDomTree(…).toNode()`) with
 * those styles carried aside in `data-katex-style` and then set through the CSSOM: the same styles, applied.
 */
function typeset(span) {
    const katex = window.katex;
    if (typeof katex?.render !== "function") return;
    const tex = span.textContent;
    const options = { displayMode: span.className === "math-display", throwOnError: true };
    try {
        if (typeof katex.__renderToDomTree !== "function") {
            katex.render(tex, span, options);
            return;
        }
        const tree = katex.__renderToDomTree(tex, options);
        moveStyleAttributes(tree);
        const holder = document.createElement("span");
        holder.append(tree.toNode());
        for (const element of holder.querySelectorAll("[data-katex-style]")) {
            element.style.cssText = element.getAttribute("data-katex-style");
            element.removeAttribute("data-katex-style");
        }
        span.replaceChildren(...holder.childNodes);
    } catch (error) {
        span.textContent = tex;
        span.classList.add("math-error");
        span.title = String(error?.message ?? error);
    }
}

/** Renames each `style` attribute of a KaTeX tree (before `toNode`) to `data-katex-style`. */
function moveStyleAttributes(node) {
    const attributes = node?.attributes;
    if (attributes && Object.prototype.hasOwnProperty.call(attributes, "style")) {
        attributes["data-katex-style"] = String(attributes.style);
        delete attributes.style;
    }
    for (const child of node?.children ?? []) moveStyleAttributes(child);
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
    if (tag === "th" || tag === "td") {
        const alignment = node.className;
        if (ALIGNMENT_CLASSES.has(alignment)) copy.className = alignment;
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
