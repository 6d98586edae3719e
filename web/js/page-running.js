// The notebook page: running: one cell, several, the stale ones (asking about cells that are not repeatable), interrupt, restart.

import { api } from "./api.js";
import { choose, confirmAction } from "./dialog.js";
import { notify } from "./notice.js";
import { insertCell } from "./page-cells.js";
import { cellWithLine, listWords } from "./page-events.js";
import { report } from "./page-saving.js";
import { commandMode, current, editMode, indexOf, select } from "./page-selection.js";
import { notebookId, page } from "./page-state.js";

export async function runCell(view, after) {
    if (!view) return;
    const index = indexOf(view);
    if (view.type === "markdown") {
        view.closeMarkdown();
        page.autosave.flush(view.id).catch(() => {});
    } else {
        startRun(view);
    }
    if (after === "advance") {
        if (index + 1 < page.views.length) {
            view.blurEditor();
            select(index + 1);
        } else {
            const added = await insertCell(index + 1, "code");
            if (added) editMode(added);
        }
    } else if (after === "insert") {
        const added = await insertCell(index + 1, "code");
        if (added) editMode(added);
    } else {
        commandMode(view);
    }
}

export async function startRun(view) {
    const previous = { status: view.status };
    if (!view.isBusy) view.setStatus("queued");
    try {
        await page.autosave.flush(view.id);
        await api.run(notebookId, "cell", view.id);
    } catch (error) {
        if (view.status === "queued") view.setStatus(previous.status === "queued" ? "idle" : previous.status);
        report("The cell did not run", error);
    }
}

/**
 * "Run stale": the server answers with the cells that rebind names they read (`K = f(K)`) instead of
 * running them silently; the user decides whether they run too.
 */
export async function runStale(unrepeatable = "ask") {
    try {
        await page.autosave.flush();
        page.progress.arm();
        const response = await api.runStale(notebookId, unrepeatable);
        const asking = Array.isArray(response?.unrepeatable) ? response.unrepeatable : [];
        if (asking.length > 0 && unrepeatable === "ask") {
            page.progress.start([], "Run stale");
            const answer = await askUnrepeatable(asking, Array.isArray(response.planned) ? response.planned.length : 0);
            if (answer === "run" || answer === "skip") await runStale(answer);
            return;
        }
        const queued = Array.isArray(response?.queued) ? response.queued : [];
        if (queued.length === 0) notify("Nothing is stale: the notebook is consistent.");
        page.progress.start(queued, "Run stale");
    } catch (error) {
        report("Run stale did not start", error);
    }
}

export function askUnrepeatable(cells, planned) {
    const described = cells.map((cell) => {
        const names = Array.isArray(cell.names) ? cell.names : [];
        return `${cellWithLine(cell.cellId)} reads ${listWords(names)} and rebinds ${names.length === 1 ? "it" : "them"}`;
    });
    const one = cells.length === 1;
    return choose({
        title: one ? "Run this cell again?" : "Run these cells again?",
        message:
            `${listWords(described)}. Run again, ${one ? "it works" : "they work"} on the value ${one ? "it" : "they"} already changed ` +
            `(or on a newer one from a cell below), not on what ${one ? "it" : "they"} read the first time. ` +
            `Run stale has ${planned} cell${planned === 1 ? "" : "s"} to run.`,
        choices: [
            { label: "Cancel", value: "cancel" },
            { label: one ? "Skip it" : "Skip them", value: "skip" },
            { label: one ? "Run it too" : "Run them too", value: "run", kind: "danger" },
        ],
    });
}

export async function runMany(mode, label) {
    try {
        await page.autosave.flush();
        page.progress.arm();
        const response = await api.run(notebookId, mode, mode === "from" ? current()?.id : undefined);
        // The server announces each queued cell with a `status` event; nothing to mark here.
        const queued = Array.isArray(response?.queued) ? response.queued : [];
        page.progress.start(queued, label);
    } catch (error) {
        report(`${label} did not start`, error);
    }
}

/** "Run the rest anyway": the cells a stopped run did not run, this time not stopping at an error. */
export async function runRest() {
    const ids = page.progress.rest;
    if (ids.length === 0) return;
    try {
        await page.autosave.flush();
        page.progress.arm();
        const response = await api.runCells(notebookId, ids, false);
        page.progress.start(Array.isArray(response?.queued) ? response.queued : [], "Run the rest");
    } catch (error) {
        report("The rest did not start", error);
    }
}

export async function interrupt() {
    try {
        await api.interrupt(notebookId);
    } catch (error) {
        report("Could not interrupt", error);
    }
}

export async function restart() {
    const ok = await confirmAction("Restart the session?", "Every variable is forgotten; queued cells are cancelled. Outputs stay on the page.", "Restart", true);
    if (!ok) return;
    try {
        await api.restart(notebookId);
        notify("Session restarted.");
    } catch (error) {
        report("Could not restart", error);
    }
}
