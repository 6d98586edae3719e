// The notebook page: cells: their views, insert, delete and undo, copy, cut and paste, move, change type.

import { api } from "./api.js";
import { CellView } from "./cell-view.js";
import { notify } from "./notice.js";
import { applyMarks } from "./page-events.js";
import { runCell } from "./page-running.js";
import { report, saveNow } from "./page-saving.js";
import { commandMode, current, editMode, indexOf, select } from "./page-selection.js";
import { container, deleted, notebookId, page } from "./page-state.js";

export function makeView(cell) {
    const view = new CellView(cell, {
        keys: (v) => ({
            "Shift-Enter": () => runCell(v, "advance"),
            "Ctrl-Enter": () => runCell(v, "stay"),
            "Cmd-Enter": () => runCell(v, "stay"),
            "Alt-Enter": () => runCell(v, "insert"),
            Esc: () => commandMode(v),
            "Ctrl-S": () => saveNow(),
        }),
        onChange: (v, text) => page.autosave.changed(v.id, text),
        onFocus: (v) => select(indexOf(v), { focus: false }),
        onSelect: (v) => select(indexOf(v), { focus: false }),
        onOpenMarkdown: (v) => editMode(v),
    });
    view.root.tabIndex = -1;
    page.autosave.known(view.id, cell.source ?? "");
    return view;
}

export function placeView(view, index) {
    const before = page.views[index]?.root ?? null;
    container.insertBefore(view.root, before);
    page.views.splice(index, 0, view);
    view.editor.refresh();
    updateEmptyHint();
}

export function updateEmptyHint() {
    container.classList.toggle("empty", page.views.length === 0);
}

export async function insertCell(index, type = "code", source = "", tags = []) {
    const at = Math.max(0, Math.min(page.views.length, index));
    try {
        const response = await page.queue.run("insert a cell", (revision) => api.insertCell(notebookId, at, type, source, revision, tags));
        const view = makeView(response.cell);
        placeView(view, at);
        return view;
    } catch (error) {
        report("Could not insert a cell", error);
        return null;
    }
}

/** A cell as the clipboard and the undo list keep it: its type, source and tags (not its outputs). */
export function cellContent(view) {
    return { type: view.type, source: view.source, tags: Array.isArray(view.tags) ? [...view.tags] : [] };
}

export async function deleteCell(view = current()) {
    if (!view) return false;
    const content = cellContent(view);
    try {
        await page.queue.run("delete a cell", (revision) => api.deleteCell(notebookId, view.id, revision));
    } catch (error) {
        report("Could not delete the cell", error);
        return false;
    }
    const index = indexOf(view);
    // Z brings it back where it was (Jupyter's "undo cell deletion").
    deleted.push({ index, ...content });
    if (deleted.length > 50) deleted.shift();
    page.views.splice(index, 1);
    view.root.remove();
    page.autosave.forget(view.id);
    updateEmptyHint();
    applyMarks(page.lastMarks);
    select(Math.min(index, page.views.length - 1));
    return true;
}

/** Z: puts the last deleted (or cut) cell back where it was, without its outputs. */
export async function undoDelete() {
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
export function copyCell(view = current()) {
    if (!view) return;
    page.clipboard = cellContent(view);
    notify("Cell copied: V pastes it below, Shift+V above.");
}

export async function cutCell(view = current()) {
    if (!view) return;
    const content = cellContent(view);
    if (await deleteCell(view)) page.clipboard = content;
}

export async function pasteCell(where) {
    if (!page.clipboard) {
        notify("Nothing to paste: C copies a cell, X cuts it.");
        return;
    }
    const index = where === "above" ? page.selected : page.selected + 1;
    const view = await insertCell(Math.min(index, page.views.length), page.clipboard.type, page.clipboard.source, page.clipboard.tags);
    if (view) select(indexOf(view));
}

export async function moveCell(delta, view = current()) {
    if (!view) return;
    const from = indexOf(view);
    const to = from + delta;
    if (to < 0 || to >= page.views.length) return;
    try {
        await page.queue.run("move a cell", (revision) => api.moveCell(notebookId, view.id, to, revision));
    } catch (error) {
        report("Could not move the cell", error);
        return;
    }
    page.views.splice(from, 1);
    view.root.remove();
    placeView(view, to);
    applyMarks(page.lastMarks);
    select(to);
}

export async function setType(type, view = current()) {
    if (!view || view.type === type) return;
    const source = view.source;
    try {
        await page.autosave.flush(view.id);
        await page.queue.run("change a cell's type", (revision) => api.updateCell(notebookId, view.id, { type }, revision));
    } catch (error) {
        report("Could not change the cell type", error);
        return;
    }
    const index = indexOf(view);
    const replacement = makeView({ id: view.id, type, source, tags: view.tags, outputs: [], stale: false });
    view.root.replaceWith(replacement.root);
    page.views[index] = replacement;
    replacement.editor.refresh();
    select(index);
}
