// Small DOM builders. Every piece of user or output text goes in through textContent, never HTML.

/**
 * Creates an element: `el("button", { class: "primary", text: "Run", title: "Run the cell" }, [child…])`.
 * `text` sets textContent; `dataset` sets data-* values; other keys become attributes (never `on…`).
 */
export function el(tag, options = {}, children = []) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(options)) {
        if (value === undefined || value === null || value === false) continue;
        if (key === "text") node.textContent = String(value);
        else if (key === "class") node.className = value;
        else if (key === "dataset") Object.assign(node.dataset, value);
        else if (key.startsWith("on")) throw new Error(`el: event attributes are not allowed (${key})`);
        else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) {
        if (child === null || child === undefined || child === false) continue;
        node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
}

/** Removes every child of a node. */
export function clear(node) {
    while (node.firstChild) node.firstChild.remove();
}

/** The element with this id, or an error naming the id the page is missing. */
export function byId(id) {
    const node = document.getElementById(id);
    if (!node) throw new Error(`the page has no #${id}`);
    return node;
}

/** Shows or hides a node with the `hidden` attribute (no inline styles: the CSP forbids them). */
export function setVisible(node, visible) {
    node.hidden = !visible;
}
