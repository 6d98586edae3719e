// The notebook page: the server's live events: cell status, outputs, stale marks and the kernel's state.

import { api } from "./api.js";
import { byId } from "./dom.js";
import { report } from "./page-saving.js";
import { indexOf } from "./page-selection.js";
import { FINAL_STATES, notebookId, page } from "./page-state.js";

export function viewById(id) {
    return page.views.find((view) => view.id === id) ?? null;
}

export function onEvent(kind, data) {
    switch (kind) {
        case "snapshot":
            applySnapshot(data);
            break;
        case "status":
            applyStatus(data);
            break;
        case "output": {
            const view = viewById(data.cellId);
            if (view && data.output) view.appendOutput(data.output);
            break;
        }
        case "update": {
            // A live display (a training curve) redrawn in place.
            const view = viewById(data.cellId);
            if (view && data.output && typeof data.displayId === "string") view.updateDisplay(data.displayId, data.output);
            break;
        }
        case "clear":
            viewById(data.cellId)?.clearOutput(data.wait === true);
            break;
        case "stale":
            applyMarks(data.marks ?? Object.fromEntries((Array.isArray(data.cellIds) ? data.cellIds : []).map((id) => [id, { state: "stale" }])));
            break;
        case "kernel":
            applyKernel(data);
            break;
        case "stopped":
            applyStopped(data);
            break;
    }
}

/** A multi-cell run stopped at a failing cell: the cells it did not run are idle again; say so. */
export function applyStopped(data) {
    const ids = Array.isArray(data.cellIds) ? data.cellIds : [];
    for (const id of ids) viewById(id)?.setStatus("idle");
    const failed = viewById(data.cellId);
    page.progress.stopped(ids, data.reason, failed ? `cell ${indexOf(failed) + 1}` : "a cell");
}

export function applyStatus(data) {
    const view = viewById(data.cellId);
    if (!view) return;
    if (data.status === "running" && view.status !== "running") {
        view.clearOutputs();
        hideSessionEnded();
    }
    view.setStatus(data.status, { executionCount: data.executionCount, elapsedMs: data.elapsedMs });
    page.progress.status(data.cellId, data.status);
    if (FINAL_STATES.has(data.status)) page.variables.changed();
    else showKernelState("busy");
}

export function applySnapshot(data) {
    const seen = new Set();
    for (const cell of Array.isArray(data.cells) ? data.cells : []) {
        const view = viewById(cell.id);
        if (!view) continue;
        seen.add(cell.id);
        view.setStatus(cell.status, { executionCount: cell.executionCount, elapsedMs: cell.elapsedMs });
        if (Array.isArray(cell.outputs)) view.setOutputs(cell.outputs);
    }
    // Cells we thought busy that the server no longer runs finished while we were away: fetch their end.
    const missed = page.views.filter((view) => view.isBusy && !seen.has(view.id));
    if (missed.length > 0) refreshCells(missed.map((view) => view.id));
    if (Array.isArray(data.queue) && data.queue.length === 0) page.progress.cancelWaiting();
    // A (re)connection has no kernel event of its own: a queue means the kernel is busy.
    const busy = (Array.isArray(data.queue) && data.queue.length > 0) || page.views.some((view) => view.isBusy);
    showKernelState(busy ? "busy" : "idle");
    // What happened while this page was away: a session that ended by itself, a run that stopped early.
    if (data.kernel?.state === "ended" && !busy) applyKernel(data.kernel);
    if (data.stopped && Array.isArray(data.stopped.cellIds)) applyStopped(data.stopped);
}

export async function refreshCells(ids) {
    try {
        const notebook = await api.getNotebook(notebookId);
        for (const cell of notebook.cells ?? []) {
            if (!ids.includes(cell.id)) continue;
            const view = viewById(cell.id);
            if (!view) continue;
            view.setOutputs(cell.outputs);
            view.setStatus(FINAL_STATES.has(cell.status) ? cell.status : "idle", { executionCount: cell.executionCount });
            page.progress.status(cell.id, view.status);
        }
        applyMarks(marksOf(notebook.cells));
    } catch (error) {
        report("Could not refresh the notebook", error);
    }
}

/** The marks of a notebook's cells (CellJSON `mark`), as a `stale` event carries them. */
export function marksOf(cells) {
    const marks = {};
    for (const cell of Array.isArray(cells) ? cells : []) if (cell.mark) marks[cell.id] = cell.mark;
    return marks;
}

/** Shows the stale and superseded marks (`{cellId: mark}`, from a `stale` event or the notebook). */
export function applyMarks(marks) {
    page.lastMarks = marks && typeof marks === "object" ? marks : {};
    for (const view of page.views) {
        const mark = page.lastMarks[view.id] ?? null;
        view.setMark(mark, describeMark(mark));
    }
    byId("run-stale").classList.toggle("attention", page.views.some((view) => view.stale));
}

/** "cell 6", or "a deleted cell". */
export function cellName(id) {
    const view = viewById(id);
    return view ? `cell ${indexOf(view) + 1}` : "a deleted cell";
}

/** "cell 6 (K = torch.stack((K, K + 1, K + 2), 0))": its number and first line, shortened. */
export function cellWithLine(id) {
    const view = viewById(id);
    if (!view) return "a deleted cell";
    const line = view.source.split("\n").find((text) => text.trim() !== "")?.trim() ?? "";
    const shown = line.length > 48 ? `${line.slice(0, 47)}…` : line;
    return shown ? `cell ${indexOf(view) + 1} (${shown})` : `cell ${indexOf(view) + 1}`;
}

export function listWords(items) {
    if (items.length <= 1) return items.join("");
    return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** A mark in words, for the badge's tooltip. */
export function describeMark(mark) {
    if (!mark) return "";
    if (mark.state === "superseded") {
        const names = Array.isArray(mark.names) ? mark.names : [];
        const by = listWords((Array.isArray(mark.by) ? mark.by : []).map(cellName));
        const what = names.length === 1 ? `${names[0]}, which it defines, was` : `${listWords(names)}, which it defines, were`;
        return `Superseded: ${what} redefined later by ${by}. Its results no longer matter; Run stale leaves it alone.`;
    }
    switch (mark.reason) {
        case "edited":
            return "Stale: edited since it ran.";
        case "session-ended":
            return "Stale: the session that ran it has ended, and its variables with it.";
        case "redefined":
            return `Stale: it read ${mark.name}, which ${cellName(mark.by)} redefined after it ran.`;
        default:
            return "Stale: its results may no longer match the code or the values it read.";
    }
}

export function showKernelState(state) {
    const box = byId("kernel-state");
    const text = { idle: "kernel idle", busy: "kernel busy", restarted: "kernel restarted", died: "kernel died — restarted", ended: "kernel stopped" }[state] ?? `kernel ${state}`;
    box.dataset.state = state;
    box.textContent = text;
    // Interrupting only means something while a cell runs or waits.
    byId("interrupt").disabled = state !== "busy";
}

/** "30 min", "90 s", "2 h". */
export function formatIdle(seconds) {
    const value = Number(seconds) || 0;
    if (value >= 3600 && value % 3600 === 0) return `${value / 3600} h`;
    if (value >= 60 && value % 60 === 0) return `${value / 60} min`;
    return `${value} s`;
}

/** A `kernel` event: `{state}`, or `{state: "ended", reason: "idle" | "exited", …}` for a session that ended unasked. */
export function applyKernel(data) {
    const state = data?.state ?? "idle";
    showKernelState(state);
    if (state === "restarted" || state === "died" || state === "ended") {
        page.progress.cancelWaiting();
        page.variables.changed();
    }
    if (state === "ended") showSessionEnded(data);
    else if (state === "restarted") hideSessionEnded();
}

/** Says on the page that the session ended by itself and its variables are gone. */
export function showSessionEnded(data) {
    const why =
        data.reason === "idle"
            ? `The session was stopped after ${formatIdle(data.idleSeconds)} idle; its variables are gone.`
            : `The session's kernel exited while idle${data.detail ? ` (${data.detail})` : ""}; its variables are gone.`;
    byId("session-ended-text").textContent = `${why} The cells that ran are marked stale; the next cell runs in a fresh session as In [1].`;
    byId("session-ended").hidden = false;
}

export function hideSessionEnded() {
    byId("session-ended").hidden = true;
}

export function onConnection(state) {
    const box = byId("connection-state");
    box.dataset.state = state;
    box.hidden = state === "open";
    box.textContent = state === "reconnecting" ? "reconnecting…" : "connecting…";
}
