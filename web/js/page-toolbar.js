// The notebook page: the title, the export menu and the toolbar's buttons.

import { api } from "./api.js";
import { byId, el } from "./dom.js";
import { deleteCell, insertCell, moveCell } from "./page-cells.js";
import { hideSessionEnded } from "./page-events.js";
import { interrupt, restart, runCell, runMany, runRest, runStale } from "./page-running.js";
import { report } from "./page-saving.js";
import { current, editMode, select } from "./page-selection.js";
import { container, notebookId, page } from "./page-state.js";

export function setupTitle(notebook) {
    const field = byId("title");
    field.value = notebook.title ?? "";
    document.title = `${notebook.title || "Untitled"} — Convbook`;
    let saved = field.value;
    const commit = async () => {
        const title = field.value.trim();
        if (title === saved || title === "") {
            field.value = saved;
            return;
        }
        try {
            await page.queue.run("rename the notebook", (revision) => api.renameNotebook(notebookId, title, revision));
            saved = title;
            document.title = `${title} — Convbook`;
        } catch (error) {
            report("Could not rename", error);
        }
    };
    field.addEventListener("change", commit);
    field.addEventListener("keydown", (event) => {
        if (event.key === "Enter") {
            event.preventDefault();
            field.blur();
            select(page.selected);
        } else if (event.key === "Escape") {
            field.value = saved;
            field.blur();
            select(page.selected);
        }
    });
}

/** The export menu: one download link per format the server writes (`/api/formats`). */
export async function fillExportMenu() {
    try {
        const formats = await api.formats();
        byId("export-items").replaceChildren(
            ...formats.map((format) =>
                el(
                    "a",
                    { role: "menuitem", id: `export-${format.name}`, href: api.exportURL(notebookId, format.name), download: true },
                    [`${format.title} (.${format.extensions[0]})`],
                ),
            ),
        );
    } catch (error) {
        report("list the export formats", error);
    }
}

export function setupToolbar() {
    const on = (id, handler) => byId(id).addEventListener("click", handler);
    on("add-code", () => insertCell(page.selected + 1, "code").then((view) => view && editMode(view)));
    on("add-markdown", () => insertCell(page.selected + 1, "markdown").then((view) => view && editMode(view)));
    on("move-up", () => moveCell(-1));
    on("move-down", () => moveCell(1));
    on("delete-cell", () => deleteCell());
    on("run-cell", () => runCell(current(), "advance"));
    on("run-from", () => runMany("from", "Run below"));
    on("run-all", () => runMany("all", "Run all"));
    on("run-stale", () => runStale());
    on("run-rest", () => runRest());
    on("run-stopped-dismiss", () => page.progress.dismissStopped());
    on("session-ended-run", () => {
        hideSessionEnded();
        runStale();
    });
    on("session-ended-dismiss", () => hideSessionEnded());
    on("interrupt", () => interrupt());
    on("restart", () => restart());
    on("open-help", () => byId("help").showModal());
    const menu = byId("export-menu");
    menu.addEventListener("click", (event) => {
        if (event.target.closest("a")) menu.open = false;
    });
    document.addEventListener("click", (event) => {
        if (!menu.contains(event.target)) menu.open = false;
    });
    container.addEventListener("click", (event) => {
        if (event.target === container && page.views.length === 0) insertCell(0, "code").then((view) => view && editMode(view));
    });
}
