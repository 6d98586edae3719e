// The notebook page: selection and the two modes (command and edit), as Jupyter has them.

import { page } from "./page-state.js";

export function indexOf(view) {
    return page.views.indexOf(view);
}

export function current() {
    return page.views[page.selected] ?? null;
}

/** Selects a cell; in command mode the cell itself takes the keyboard focus. */
export function select(index, { focus = true } = {}) {
    if (page.views.length === 0) return;
    page.selected = Math.max(0, Math.min(page.views.length - 1, index));
    page.views.forEach((view, i) => view.setSelected(i === page.selected));
    const view = page.views[page.selected];
    if (focus) {
        view.root.focus({ preventScroll: true });
        view.root.scrollIntoView({ block: "nearest" });
    }
}

export function editMode(view = current()) {
    if (!view) return;
    select(indexOf(view), { focus: false });
    view.focusEditor(true);
}

export function commandMode(view = current()) {
    if (!view) return;
    if (view.type === "markdown" && view.editingMarkdown && view.source.trim() !== "") view.closeMarkdown();
    view.blurEditor();
    select(indexOf(view));
}

export function updateModeClass() {
    const inEditor = document.activeElement?.closest?.(".cell .source");
    document.body.classList.toggle("edit-mode", Boolean(inEditor));
    page.views.forEach((view) => view.setEditing(Boolean(inEditor) && view.root.contains(inEditor)));
}
