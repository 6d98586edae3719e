// The home page: the user's notebooks (latest first) with create, open, rename, duplicate, delete and import,
// then the example notebooks in the book's order, each with the section of Dive into Deep Learning it follows.

import { api } from "./api.js";
import { confirmAction, promptText } from "./dialog.js";
import { byId, el } from "./dom.js";
import { formatUpdated } from "./format.js";
import { notify } from "./notice.js";

/** The sessionStorage key under which an import's notes wait for the notebook page. */
const IMPORT_NOTES = "convbook-import-notes";
const rows = byId("notebook-rows");
const exampleRows = byId("example-rows");
const message = byId("list-message");

function notebookURL(id) {
    return `/nb/${encodeURIComponent(id)}`;
}

async function load() {
    let notebooks;
    try {
        notebooks = await api.listNotebooks();
    } catch (error) {
        message.hidden = false;
        message.textContent =
            error.status === 401 || error.status === 403
                ? "Not signed in: open the link with the token that `convbook serve` printed."
                : `Could not load the notebooks: ${error.message}`;
        return;
    }
    notebooks = Array.isArray(notebooks) ? notebooks : [];
    const examples = notebooks.filter((notebook) => Number.isInteger(notebook.example?.number));
    const own = notebooks.filter((notebook) => !examples.includes(notebook));
    own.sort((a, b) => String(b.updated).localeCompare(String(a.updated)));
    examples.sort((a, b) => a.example.number - b.example.number || String(a.title).localeCompare(String(b.title)));
    message.hidden = own.length > 0;
    message.textContent =
        examples.length > 0
            ? "None yet: create one above, import a .ipynb or .py file, or open an example below."
            : "No notebooks yet: create one above or import a .ipynb file.";
    rows.replaceChildren(...own.map((notebook) => row(notebook)));
    exampleRows.replaceChildren(...examples.map((notebook) => row(notebook, notebook.example)));
    byId("examples").hidden = examples.length === 0;
    document.body.dataset.ready = "true";
}

/** "7.4 Multiple Input and Multiple Output Channels", linked to the book when the example gives its https address. */
function bookSection(example) {
    const text = `${example.section ?? ""} ${example.sectionTitle ?? ""}`.trim();
    const url = typeof example.url === "string" && example.url.startsWith("https://") ? example.url : null;
    if (!url) return el("span", { text });
    return el("a", { href: url, text, target: "_blank", rel: "noopener noreferrer", title: "This section of Dive into Deep Learning, on d2l.ai" });
}

/** A row of the list; an example's row shows its number and book section instead of when it was updated. */
function row(notebook, example = null) {
    const title = notebook.title || "Untitled";
    const link = el("a", { href: notebookURL(notebook.id), class: "notebook-link", text: example ? `${example.number}. ${title}` : title });
    const rename = el("button", { type: "button", class: "rename", text: "Rename" });
    const duplicate = el("button", { type: "button", class: "duplicate", text: "Duplicate" });
    const remove = el("button", { type: "button", class: "danger delete", text: "Delete" });
    rename.addEventListener("click", () => renameNotebook(notebook));
    duplicate.addEventListener("click", () => duplicateNotebook(notebook));
    remove.addEventListener("click", () => deleteNotebook(notebook));
    const second = example
        ? el("td", { class: "col-book muted" }, [bookSection(example)])
        : el("td", { class: "col-updated muted", text: formatUpdated(notebook.updated), title: notebook.updated ?? "" });
    return el("tr", { dataset: { id: notebook.id } }, [
        el("td", { class: "col-title" }, [link]),
        second,
        el("td", { class: "col-cells muted", text: notebook.cellCount === 1 ? "1 cell" : `${notebook.cellCount ?? 0} cells` }),
        el("td", { class: "col-actions" }, [rename, duplicate, remove]),
    ]);
}

async function renameNotebook(notebook) {
    const title = await promptText("Rename notebook", "New title", notebook.title ?? "", "Rename");
    if (title === null || title.trim() === "") return;
    try {
        await api.renameNotebook(notebook.id, title.trim(), notebook.revision);
        await load();
    } catch (error) {
        if (error.status === 409) {
            notify("The notebook changed meanwhile; the list is refreshed, try again.", "error");
            await load();
        } else {
            notify(`Could not rename: ${error.message}`, "error");
        }
    }
}

async function duplicateNotebook(notebook) {
    try {
        await api.duplicateNotebook(notebook.id, `${notebook.title || "Untitled"} (copy)`);
        await load();
        notify("Duplicated.");
    } catch (error) {
        notify(`Could not duplicate: ${error.message}`, "error");
    }
}

async function deleteNotebook(notebook) {
    const ok = await confirmAction(
        "Delete this notebook?",
        `“${notebook.title || "Untitled"}” and all its outputs will be deleted. This cannot be undone.`,
        "Delete",
        true,
    );
    if (!ok) return;
    try {
        await api.deleteNotebook(notebook.id);
        await load();
        notify("Deleted.");
    } catch (error) {
        notify(`Could not delete: ${error.message}`, "error");
    }
}

byId("create-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const field = byId("new-title");
    const title = field.value.trim() || "Untitled";
    try {
        const notebook = await api.createNotebook(title);
        location.assign(notebookURL(notebook.id));
    } catch (error) {
        notify(`Could not create the notebook: ${error.message}`, "error");
    }
});

byId("import-file").addEventListener("change", async (event) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    try {
        const notebook = await api.importNotebook(file.name, await file.arrayBuffer());
        // What the import changed (NaN or Infinity stored as null) is shown on the notebook's page.
        if (Array.isArray(notebook.notes) && notebook.notes.length > 0) {
            sessionStorage.setItem(IMPORT_NOTES, JSON.stringify({ id: notebook.id, notes: notebook.notes }));
        }
        location.assign(notebookURL(notebook.id));
    } catch (error) {
        notify(`Could not import ${file.name}: ${error.message}`, "error");
    }
});

/** The import button takes the formats the server reads (`/api/formats`). */
async function setImportFormats() {
    try {
        const readable = (await api.formats()).filter((format) => format.readable);
        byId("import-file").accept = readable.flatMap((format) => format.extensions.map((extension) => `.${extension}`)).join(",");
    } catch (error) {
        notify(`Could not list the import formats: ${error.message}`, "error");
    }
}

setImportFormats();
load();
