// The notebook page: loads the notebook, keeps the cells in step with the server's live events, and
// turns toolbar clicks and shortcuts into API calls.

import { api } from "./api.js";
import { Autosave } from "./autosave.js";
import { CellView } from "./cell-view.js";
import { installCommandKeys } from "./command-keys.js";
import { choose, confirmAction } from "./dialog.js";
import { byId, el } from "./dom.js";
import { EventStream } from "./event-stream.js";
import { MutationQueue } from "./mutation-queue.js";
import { notify } from "./notice.js";
import { RunProgress } from "./run-progress.js";
import { ShareDialog } from "./share-dialog.js";
import { VariablesPanel } from "./variables-panel.js";

const FINAL_STATES = new Set(["done", "error", "interrupted", "died", "idle"]);
const notebookId = decodeURIComponent(location.pathname.split("/")[2] ?? "");
const container = byId("cells");

let views = [];
let selected = 0;
let queue;
let autosave;
let events;
let progress;
let variables;
let saveProblem = null;
/** The last marks shown (`{cellId: mark}`), so cell numbers in their words follow moves. */
let lastMarks = {};
/** Deleted and cut cells, latest last, for Z. */
const deleted = [];
/** The cell C or X took, for V. */
let clipboard = null;

// ---- selection and modes ----

function indexOf(view) {
    return views.indexOf(view);
}

function current() {
    return views[selected] ?? null;
}

/** Selects a cell; in command mode the cell itself takes the keyboard focus. */
function select(index, { focus = true } = {}) {
    if (views.length === 0) return;
    selected = Math.max(0, Math.min(views.length - 1, index));
    views.forEach((view, i) => view.setSelected(i === selected));
    const view = views[selected];
    if (focus) {
        view.root.focus({ preventScroll: true });
        view.root.scrollIntoView({ block: "nearest" });
    }
}

function editMode(view = current()) {
    if (!view) return;
    select(indexOf(view), { focus: false });
    view.focusEditor(true);
}

function commandMode(view = current()) {
    if (!view) return;
    if (view.type === "markdown" && view.editingMarkdown && view.source.trim() !== "") view.closeMarkdown();
    view.blurEditor();
    select(indexOf(view));
}

function updateModeClass() {
    const inEditor = document.activeElement?.closest?.(".cell .source");
    document.body.classList.toggle("edit-mode", Boolean(inEditor));
    views.forEach((view) => view.setEditing(Boolean(inEditor) && view.root.contains(inEditor)));
}

// ---- cells ----

function makeView(cell) {
    const view = new CellView(cell, {
        keys: (v) => ({
            "Shift-Enter": () => runCell(v, "advance"),
            "Ctrl-Enter": () => runCell(v, "stay"),
            "Cmd-Enter": () => runCell(v, "stay"),
            "Alt-Enter": () => runCell(v, "insert"),
            Esc: () => commandMode(v),
            "Ctrl-S": () => saveNow(),
        }),
        onChange: (v, text) => autosave.changed(v.id, text),
        onFocus: (v) => select(indexOf(v), { focus: false }),
        onSelect: (v) => select(indexOf(v), { focus: false }),
        onOpenMarkdown: (v) => editMode(v),
    });
    view.root.tabIndex = -1;
    autosave.known(view.id, cell.source ?? "");
    return view;
}

function placeView(view, index) {
    const before = views[index]?.root ?? null;
    container.insertBefore(view.root, before);
    views.splice(index, 0, view);
    view.editor.refresh();
    updateEmptyHint();
}

function updateEmptyHint() {
    container.classList.toggle("empty", views.length === 0);
}

async function insertCell(index, type = "code", source = "", tags = []) {
    const at = Math.max(0, Math.min(views.length, index));
    try {
        const response = await queue.run("insert a cell", (revision) => api.insertCell(notebookId, at, type, source, revision, tags));
        const view = makeView(response.cell);
        placeView(view, at);
        return view;
    } catch (error) {
        report("Could not insert a cell", error);
        return null;
    }
}

/** A cell as the clipboard and the undo list keep it: its type, source and tags (not its outputs). */
function cellContent(view) {
    return { type: view.type, source: view.source, tags: Array.isArray(view.tags) ? [...view.tags] : [] };
}

async function deleteCell(view = current()) {
    if (!view) return false;
    const content = cellContent(view);
    try {
        await queue.run("delete a cell", (revision) => api.deleteCell(notebookId, view.id, revision));
    } catch (error) {
        report("Could not delete the cell", error);
        return false;
    }
    const index = indexOf(view);
    // Z brings it back where it was (Jupyter's "undo cell deletion").
    deleted.push({ index, ...content });
    if (deleted.length > 50) deleted.shift();
    views.splice(index, 1);
    view.root.remove();
    autosave.forget(view.id);
    updateEmptyHint();
    applyMarks(lastMarks);
    select(Math.min(index, views.length - 1));
    return true;
}

/** Z: puts the last deleted (or cut) cell back where it was, without its outputs. */
async function undoDelete() {
    const last = deleted.pop();
    if (!last) {
        notify("No deleted cell to bring back.");
        return;
    }
    const view = await insertCell(last.index, last.type, last.source, last.tags);
    if (view) select(indexOf(view));
    else deleted.push(last);
}

/** C: copies the selected cell; X: cuts it (Z brings it back too); V / Shift+V: pastes below / above. */
function copyCell(view = current()) {
    if (!view) return;
    clipboard = cellContent(view);
    notify("Cell copied: V pastes it below, Shift+V above.");
}

async function cutCell(view = current()) {
    if (!view) return;
    const content = cellContent(view);
    if (await deleteCell(view)) clipboard = content;
}

async function pasteCell(where) {
    if (!clipboard) {
        notify("Nothing to paste: C copies a cell, X cuts it.");
        return;
    }
    const index = where === "above" ? selected : selected + 1;
    const view = await insertCell(Math.min(index, views.length), clipboard.type, clipboard.source, clipboard.tags);
    if (view) select(indexOf(view));
}

async function moveCell(delta, view = current()) {
    if (!view) return;
    const from = indexOf(view);
    const to = from + delta;
    if (to < 0 || to >= views.length) return;
    try {
        await queue.run("move a cell", (revision) => api.moveCell(notebookId, view.id, to, revision));
    } catch (error) {
        report("Could not move the cell", error);
        return;
    }
    views.splice(from, 1);
    view.root.remove();
    placeView(view, to);
    applyMarks(lastMarks);
    select(to);
}

async function setType(type, view = current()) {
    if (!view || view.type === type) return;
    const source = view.source;
    try {
        await autosave.flush(view.id);
        await queue.run("change a cell's type", (revision) => api.updateCell(notebookId, view.id, { type }, revision));
    } catch (error) {
        report("Could not change the cell type", error);
        return;
    }
    const index = indexOf(view);
    const replacement = makeView({ id: view.id, type, source, tags: view.tags, outputs: [], stale: false });
    view.root.replaceWith(replacement.root);
    views[index] = replacement;
    replacement.editor.refresh();
    select(index);
}

// ---- running ----

async function runCell(view, after) {
    if (!view) return;
    const index = indexOf(view);
    if (view.type === "markdown") {
        view.closeMarkdown();
        autosave.flush(view.id).catch(() => {});
    } else {
        startRun(view);
    }
    if (after === "advance") {
        if (index + 1 < views.length) {
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

async function startRun(view) {
    const previous = { status: view.status };
    if (!view.isBusy) view.setStatus("queued");
    try {
        await autosave.flush(view.id);
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
async function runStale(unrepeatable = "ask") {
    try {
        await autosave.flush();
        progress.arm();
        const response = await api.runStale(notebookId, unrepeatable);
        const asking = Array.isArray(response?.unrepeatable) ? response.unrepeatable : [];
        if (asking.length > 0 && unrepeatable === "ask") {
            progress.start([], "Run stale");
            const answer = await askUnrepeatable(asking, Array.isArray(response.planned) ? response.planned.length : 0);
            if (answer === "run" || answer === "skip") await runStale(answer);
            return;
        }
        const queued = Array.isArray(response?.queued) ? response.queued : [];
        if (queued.length === 0) notify("Nothing is stale: the notebook is consistent.");
        progress.start(queued, "Run stale");
    } catch (error) {
        report("Run stale did not start", error);
    }
}

function askUnrepeatable(cells, planned) {
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

async function runMany(mode, label) {
    try {
        await autosave.flush();
        progress.arm();
        const response = await api.run(notebookId, mode, mode === "from" ? current()?.id : undefined);
        // The server announces each queued cell with a `status` event; nothing to mark here.
        const queued = Array.isArray(response?.queued) ? response.queued : [];
        progress.start(queued, label);
    } catch (error) {
        report(`${label} did not start`, error);
    }
}

/** "Run the rest anyway": the cells a stopped run did not run, this time not stopping at an error. */
async function runRest() {
    const ids = progress.rest;
    if (ids.length === 0) return;
    try {
        await autosave.flush();
        progress.arm();
        const response = await api.runCells(notebookId, ids, false);
        progress.start(Array.isArray(response?.queued) ? response.queued : [], "Run the rest");
    } catch (error) {
        report("The rest did not start", error);
    }
}

async function interrupt() {
    try {
        await api.interrupt(notebookId);
    } catch (error) {
        report("Could not interrupt", error);
    }
}

async function restart() {
    const ok = await confirmAction("Restart the session?", "Every variable is forgotten; queued cells are cancelled. Outputs stay on the page.", "Restart", true);
    if (!ok) return;
    try {
        await api.restart(notebookId);
        notify("Session restarted.");
    } catch (error) {
        report("Could not restart", error);
    }
}

// ---- live events ----

function viewById(id) {
    return views.find((view) => view.id === id) ?? null;
}

function onEvent(kind, data) {
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
function applyStopped(data) {
    const ids = Array.isArray(data.cellIds) ? data.cellIds : [];
    for (const id of ids) viewById(id)?.setStatus("idle");
    const failed = viewById(data.cellId);
    progress.stopped(ids, data.reason, failed ? `cell ${indexOf(failed) + 1}` : "a cell");
}

function applyStatus(data) {
    const view = viewById(data.cellId);
    if (!view) return;
    if (data.status === "running" && view.status !== "running") {
        view.clearOutputs();
        hideSessionEnded();
    }
    view.setStatus(data.status, { executionCount: data.executionCount, elapsedMs: data.elapsedMs });
    progress.status(data.cellId, data.status);
    if (FINAL_STATES.has(data.status)) variables.changed();
    else showKernelState("busy");
}

function applySnapshot(data) {
    const seen = new Set();
    for (const cell of Array.isArray(data.cells) ? data.cells : []) {
        const view = viewById(cell.id);
        if (!view) continue;
        seen.add(cell.id);
        view.setStatus(cell.status, { executionCount: cell.executionCount, elapsedMs: cell.elapsedMs });
        if (Array.isArray(cell.outputs)) view.setOutputs(cell.outputs);
    }
    // Cells we thought busy that the server no longer runs finished while we were away: fetch their end.
    const missed = views.filter((view) => view.isBusy && !seen.has(view.id));
    if (missed.length > 0) refreshCells(missed.map((view) => view.id));
    if (Array.isArray(data.queue) && data.queue.length === 0) progress.cancelWaiting();
    // A (re)connection has no kernel event of its own: a queue means the kernel is busy.
    const busy = (Array.isArray(data.queue) && data.queue.length > 0) || views.some((view) => view.isBusy);
    showKernelState(busy ? "busy" : "idle");
    // What happened while this page was away: a session that ended by itself, a run that stopped early.
    if (data.kernel?.state === "ended" && !busy) applyKernel(data.kernel);
    if (data.stopped && Array.isArray(data.stopped.cellIds)) applyStopped(data.stopped);
}

async function refreshCells(ids) {
    try {
        const notebook = await api.getNotebook(notebookId);
        for (const cell of notebook.cells ?? []) {
            if (!ids.includes(cell.id)) continue;
            const view = viewById(cell.id);
            if (!view) continue;
            view.setOutputs(cell.outputs);
            view.setStatus(FINAL_STATES.has(cell.status) ? cell.status : "idle", { executionCount: cell.executionCount });
            progress.status(cell.id, view.status);
        }
        applyMarks(marksOf(notebook.cells));
    } catch (error) {
        report("Could not refresh the notebook", error);
    }
}

/** The marks of a notebook's cells (CellJSON `mark`), as a `stale` event carries them. */
function marksOf(cells) {
    const marks = {};
    for (const cell of Array.isArray(cells) ? cells : []) if (cell.mark) marks[cell.id] = cell.mark;
    return marks;
}

/** Shows the stale and superseded marks (`{cellId: mark}`, from a `stale` event or the notebook). */
function applyMarks(marks) {
    lastMarks = marks && typeof marks === "object" ? marks : {};
    for (const view of views) {
        const mark = lastMarks[view.id] ?? null;
        view.setMark(mark, describeMark(mark));
    }
    byId("run-stale").classList.toggle("attention", views.some((view) => view.stale));
}

/** "cell 6", or "a deleted cell". */
function cellName(id) {
    const view = viewById(id);
    return view ? `cell ${indexOf(view) + 1}` : "a deleted cell";
}

/** "cell 6 (K = torch.stack((K, K + 1, K + 2), 0))": its number and first line, shortened. */
function cellWithLine(id) {
    const view = viewById(id);
    if (!view) return "a deleted cell";
    const line = view.source.split("\n").find((text) => text.trim() !== "")?.trim() ?? "";
    const shown = line.length > 48 ? `${line.slice(0, 47)}…` : line;
    return shown ? `cell ${indexOf(view) + 1} (${shown})` : `cell ${indexOf(view) + 1}`;
}

function listWords(items) {
    if (items.length <= 1) return items.join("");
    return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** A mark in words, for the badge's tooltip. */
function describeMark(mark) {
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

function showKernelState(state) {
    const box = byId("kernel-state");
    const text = { idle: "kernel idle", busy: "kernel busy", restarted: "kernel restarted", died: "kernel died — restarted", ended: "kernel stopped" }[state] ?? `kernel ${state}`;
    box.dataset.state = state;
    box.textContent = text;
    // Interrupting only means something while a cell runs or waits.
    byId("interrupt").disabled = state !== "busy";
}

/** "30 min", "90 s", "2 h". */
function formatIdle(seconds) {
    const value = Number(seconds) || 0;
    if (value >= 3600 && value % 3600 === 0) return `${value / 3600} h`;
    if (value >= 60 && value % 60 === 0) return `${value / 60} min`;
    return `${value} s`;
}

/** A `kernel` event: `{state}`, or `{state: "ended", reason: "idle" | "exited", …}` for a session that ended unasked. */
function applyKernel(data) {
    const state = data?.state ?? "idle";
    showKernelState(state);
    if (state === "restarted" || state === "died" || state === "ended") {
        progress.cancelWaiting();
        variables.changed();
    }
    if (state === "ended") showSessionEnded(data);
    else if (state === "restarted") hideSessionEnded();
}

/** Says on the page that the session ended by itself and its variables are gone. */
function showSessionEnded(data) {
    const why =
        data.reason === "idle"
            ? `The session was stopped after ${formatIdle(data.idleSeconds)} idle; its variables are gone.`
            : `The session's kernel exited while idle${data.detail ? ` (${data.detail})` : ""}; its variables are gone.`;
    byId("session-ended-text").textContent = `${why} The cells that ran are marked stale; the next cell runs in a fresh session as In [1].`;
    byId("session-ended").hidden = false;
}

function hideSessionEnded() {
    byId("session-ended").hidden = true;
}

function onConnection(state) {
    const box = byId("connection-state");
    box.dataset.state = state;
    box.hidden = state === "open";
    box.textContent = state === "reconnecting" ? "reconnecting…" : "connecting…";
}

// ---- saving ----

function showSaveState(autosaveState) {
    const box = byId("save-state");
    let state = autosaveState;
    if (state === "saved" && queue.pending > 0) state = "saving";
    if (saveProblem && state !== "saved") state = saveProblem;
    const text = { saved: "saved", saving: "saving…", conflict: "conflict — not saved", offline: "offline — not saved" }[state] ?? state;
    box.dataset.state = state;
    box.textContent = text;
}

async function onConflict(description, serverRevision) {
    showSaveState("conflict");
    const answer = await choose({
        title: "Someone else saved this notebook first",
        message:
            `Another tab or window changed this notebook (now at revision ${serverRevision ?? "?"}) before your change (“${description}”) was saved. ` +
            "Keep mine saves your change on top of theirs; Reload shows their version and drops your unsaved change.",
        choices: [
            { label: "Decide later", value: "later" },
            { label: "Reload theirs", value: "reload", kind: "danger" },
            { label: "Keep mine", value: "overwrite", kind: "primary" },
        ],
    });
    return answer ?? "later";
}

async function saveNow() {
    try {
        await autosave.flush();
        if (!autosave.hasUnsaved) notify("Saved.");
    } catch (error) {
        report("Not saved", error);
    }
}

function report(what, error) {
    if (error?.name === "ConflictDeferred") {
        notify(`${what}: not saved yet because of the conflict.`, "error");
        return;
    }
    notify(`${what}: ${error?.message ?? error}`, "error");
}

// ---- title, export, toolbar ----

function setupTitle(notebook) {
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
            await queue.run("rename the notebook", (revision) => api.renameNotebook(notebookId, title, revision));
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
            select(selected);
        } else if (event.key === "Escape") {
            field.value = saved;
            field.blur();
            select(selected);
        }
    });
}

/** The export menu: one download link per format the server writes (`/api/formats`). */
async function fillExportMenu() {
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

function setupToolbar() {
    const on = (id, handler) => byId(id).addEventListener("click", handler);
    on("add-code", () => insertCell(selected + 1, "code").then((view) => view && editMode(view)));
    on("add-markdown", () => insertCell(selected + 1, "markdown").then((view) => view && editMode(view)));
    on("move-up", () => moveCell(-1));
    on("move-down", () => moveCell(1));
    on("delete-cell", () => deleteCell());
    on("run-cell", () => runCell(current(), "advance"));
    on("run-from", () => runMany("from", "Run below"));
    on("run-all", () => runMany("all", "Run all"));
    on("run-stale", () => runStale());
    on("run-rest", () => runRest());
    on("run-stopped-dismiss", () => progress.dismissStopped());
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
        if (event.target === container && views.length === 0) insertCell(0, "code").then((view) => view && editMode(view));
    });
}

// ---- start ----

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
    progress = new RunProgress();
    variables = new VariablesPanel(notebookId);
    new ShareDialog(notebookId);
    queue = new MutationQueue(notebook.revision, onConflict, () => showSaveState(autosaveStateNow()));
    let lastAutosaveState = "saved";
    const autosaveStateNow = () => lastAutosaveState;
    autosave = new Autosave(
        (cellId, source) => queue.run("save a cell", (revision) => api.updateCell(notebookId, cellId, { source }, revision)),
        (state) => {
            lastAutosaveState = state;
            saveProblem = state === "conflict" || state === "offline" ? state : null;
            showSaveState(state);
        },
    );
    setupTitle(notebook);
    setupToolbar();
    const exportMenu = fillExportMenu();
    for (const cell of notebook.cells ?? []) placeView(makeView(cell), views.length);
    if (views.length === 0) await insertCell(0, "code");
    applyMarks(marksOf(notebook.cells));
    select(0);

    installCommandKeys({
        edit: () => editMode(),
        runAdvance: () => runCell(current(), "advance"),
        runStay: () => runCell(current(), "stay"),
        runInsert: () => runCell(current(), "insert"),
        insertAbove: () => insertCell(selected, "code").then((view) => view && select(indexOf(view))),
        insertBelow: () => insertCell(selected + 1, "code").then((view) => view && select(indexOf(view))),
        remove: () => deleteCell(),
        toMarkdown: () => setType("markdown"),
        toCode: () => setType("code"),
        selectPrevious: () => select(selected - 1),
        selectNext: () => select(selected + 1),
        moveUp: () => moveCell(-1),
        moveDown: () => moveCell(1),
        copy: () => copyCell(),
        cut: () => cutCell(),
        pasteBelow: () => pasteCell("below"),
        pasteAbove: () => pasteCell("above"),
        undoDelete: () => undoDelete(),
        interrupt: () => interrupt(),
        restart: () => restart(),
        toggleVariables: () => variables.toggle(),
        help: () => byId("help").showModal(),
        save: () => saveNow(),
    });
    document.addEventListener("focusin", updateModeClass);
    document.addEventListener("focusout", () => setTimeout(updateModeClass, 0));
    // A new or empty notebook opens ready to type, as Jupyter's does: the first cell in edit mode.
    if (views.length > 0 && views.every((view) => view.source.trim() === "")) editMode(views[0]);
    setInterval(() => {
        for (const view of views) if (view.status === "running") view.tick();
    }, 100);
    window.addEventListener("beforeunload", (event) => {
        if (!autosave.hasUnsaved && queue.pending === 0) return;
        autosave.flush().catch(() => {});
        event.preventDefault();
        event.returnValue = "";
    });

    events = new EventStream(api.eventsURL(notebookId), onEvent, onConnection);
    events.start();
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
