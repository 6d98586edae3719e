// The read-only view behind a share link: the notebook's cells and outputs, nothing to edit or run.

import { api } from "./api.js";
import { CellView } from "./cell-view.js";
import { byId, el } from "./dom.js";

const token = decodeURIComponent(location.pathname.split("/")[2] ?? "");
const container = byId("cells");

/** Pictures come through the share token: the viewer has no login for `/api/outputs/`. */
function sharedImageURL(sha256) {
    return `/api/shares/${encodeURIComponent(token)}/outputs/${encodeURIComponent(sha256)}.png`;
}

async function main() {
    let notebook;
    try {
        notebook = await api.sharedNotebook(token);
    } catch (error) {
        const text = error.status === 404 ? "This link does not open a notebook: it was revoked or never existed." : `Could not load the notebook: ${error.message}`;
        container.replaceChildren(el("div", { class: "fatal", role: "alert" }, [el("p", { text })]));
        document.body.dataset.ready = "true";
        return;
    }
    byId("title").textContent = notebook.title || "Untitled";
    document.title = `${notebook.title || "Untitled"} — Convbook (read-only)`;
    for (const cell of notebook.cells ?? []) {
        const view = new CellView({ ...cell, status: "idle", stale: false }, { readOnly: true, imageURL: sharedImageURL });
        container.append(view.root);
        view.editor.refresh();
    }
    document.body.dataset.ready = "true";
}

main();
