// The notebook page's state, shared by its modules (notebook-page.js and the page-*.js it is made of).
// Values that change live in `page`, so every module reads and assigns the one current value.

import { byId } from "./dom.js";

/** The statuses after which a cell is no longer queued or running. */
export const FINAL_STATES = new Set(["done", "error", "interrupted", "died", "idle"]);
/** The notebook this page shows, from its URL `/nb/{id}`. */
export const notebookId = decodeURIComponent(location.pathname.split("/")[2] ?? "");
/** The element holding the cells. */
export const container = byId("cells");
/** Deleted and cut cells, latest last, for Z. */
export const deleted = [];

export const page = {
    /** The cells' views, in notebook order. */
    views: [],
    /** The index of the selected cell. */
    selected: 0,
    /** The `MutationQueue` every change goes through, in order and against the current revision. */
    queue: null,
    /** The `Autosave` of cell sources. */
    autosave: null,
    /** The server's live `EventStream`. */
    events: null,
    /** The `RunProgress` bar. */
    progress: null,
    /** The `VariablesPanel`. */
    variables: null,
    /** "conflict" or "offline" while saving cannot proceed, else null. */
    saveProblem: null,
    /** The last marks shown (`{cellId: mark}`), so cell numbers in their words follow moves. */
    lastMarks: {},
    /** The cell C or X took, for V. */
    clipboard: null,
};
