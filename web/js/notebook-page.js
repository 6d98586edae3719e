// The notebook page: loads the notebook, keeps the cells in step with the server's live events, and
// turns toolbar clicks and shortcuts into API calls.
//
// Its parts are modules of their own, sharing the page's state through page-state.js: selection and
// modes (page-selection.js), cells (page-cells.js), running (page-running.js), live events
// (page-events.js), saving (page-saving.js), title, export and toolbar (page-toolbar.js); this one starts it.

import { api } from "./api.js";
import { Autosave } from "./autosave.js";
import { installCommandKeys } from "./command-keys.js";
import { byId, el } from "./dom.js";
import { EventStream } from "./event-stream.js";
import { MutationQueue } from "./mutation-queue.js";
import { notify } from "./notice.js";
import { copyCell, cutCell, deleteCell, insertCell, makeView, moveCell, pasteCell, placeView, setType, undoDelete } from "./page-cells.js";
import { applyMarks, marksOf, onConnection, onEvent } from "./page-events.js";
import { interrupt, restart, runCell } from "./page-running.js";
import { onConflict, saveNow, showSaveState } from "./page-saving.js";
import { current, editMode, indexOf, select, updateModeClass } from "./page-selection.js";
import { container, notebookId, page } from "./page-state.js";
import { fillExportMenu, setupTitle, setupToolbar } from "./page-toolbar.js";
import { RunProgress } from "./run-progress.js";
import { ShareDialog } from "./share-dialog.js";
import { VariablesPanel } from "./variables-panel.js";

function showFatal(message) {
    container.replaceChildren(el("div", { class: "fatal" }, [el("p", { text: message }), el("a", { href: "/", text: "All notebooks" })]));
}

async function main() {
    let notebook;
    try {
        notebook = await api.getNotebook(notebookId);
    } catch (error) {
        showFatal(
            error.status === 404
                ? "This notebook does not exist (it may have been deleted)."
                : error.status === 401 || error.status === 403
                  ? "Not signed in: open the link with the token that `convbook serve` printed."
                  : `Could not load the notebook: ${error.message}`,
        );
        return;
    }
    page.progress = new RunProgress();
    page.variables = new VariablesPanel(notebookId);
    new ShareDialog(notebookId);
    page.queue = new MutationQueue(notebook.revision, onConflict, () => showSaveState(autosaveStateNow()));
    let lastAutosaveState = "saved";
    const autosaveStateNow = () => lastAutosaveState;
    page.autosave = new Autosave(
        (cellId, source) => page.queue.run("save a cell", (revision) => api.updateCell(notebookId, cellId, { source }, revision)),
        (state) => {
            lastAutosaveState = state;
            page.saveProblem = state === "conflict" || state === "offline" ? state : null;
            showSaveState(state);
        },
    );
    setupTitle(notebook);
    setupToolbar();
    const exportMenu = fillExportMenu();
    for (const cell of notebook.cells ?? []) placeView(makeView(cell), page.views.length);
    if (page.views.length === 0) await insertCell(0, "code");
    applyMarks(marksOf(notebook.cells));
    select(0);

    installCommandKeys({
        edit: () => editMode(),
        runAdvance: () => runCell(current(), "advance"),
        runStay: () => runCell(current(), "stay"),
        runInsert: () => runCell(current(), "insert"),
        insertAbove: () => insertCell(page.selected, "code").then((view) => view && select(indexOf(view))),
        insertBelow: () => insertCell(page.selected + 1, "code").then((view) => view && select(indexOf(view))),
        remove: () => deleteCell(),
        toMarkdown: () => setType("markdown"),
        toCode: () => setType("code"),
        selectPrevious: () => select(page.selected - 1),
        selectNext: () => select(page.selected + 1),
        moveUp: () => moveCell(-1),
        moveDown: () => moveCell(1),
        copy: () => copyCell(),
        cut: () => cutCell(),
        pasteBelow: () => pasteCell("below"),
        pasteAbove: () => pasteCell("above"),
        undoDelete: () => undoDelete(),
        interrupt: () => interrupt(),
        restart: () => restart(),
        toggleVariables: () => page.variables.toggle(),
        help: () => byId("help").showModal(),
        save: () => saveNow(),
    });
    document.addEventListener("focusin", updateModeClass);
    document.addEventListener("focusout", () => setTimeout(updateModeClass, 0));
    // A new or empty notebook opens ready to type, as Jupyter's does: the first cell in edit mode.
    if (page.views.length > 0 && page.views.every((view) => view.source.trim() === "")) editMode(page.views[0]);
    setInterval(() => {
        for (const view of page.views) if (view.status === "running") view.tick();
    }, 100);
    window.addEventListener("beforeunload", (event) => {
        if (!page.autosave.hasUnsaved && page.queue.pending === 0) return;
        page.autosave.flush().catch(() => {});
        event.preventDefault();
        event.returnValue = "";
    });

    page.events = new EventStream(api.eventsURL(notebookId), onEvent, onConnection);
    page.events.start();
    showImportNotes();
    await exportMenu;
    document.body.dataset.ready = "true";
}

/** The notes of the import that just made this notebook (left by the home page), once. */
function showImportNotes() {
    let pending = null;
    try {
        pending = JSON.parse(sessionStorage.getItem("convbook-import-notes") ?? "null");
    } catch {
        pending = null;
    }
    if (pending?.id !== notebookId || !Array.isArray(pending.notes)) return;
    sessionStorage.removeItem("convbook-import-notes");
    notify(`Imported. ${pending.notes.join(" ")}`, "error");
}

main();
