// The notebook-level progress bar of a multi-cell run (run all, run stale, run from here), and the notice
// that such a run stopped at a failing cell, with "run the rest anyway".

import { byId } from "./dom.js";

const FINAL = new Set(["done", "error", "interrupted", "died", "idle"]);
/** A cell of the run that will not run now (the run stopped, the kernel restarted): not counted as finished. */
const NOT_RUN = "not-run";

export class RunProgress {
    constructor() {
        this.row = byId("progress-row");
        this.bar = byId("run-progress");
        this.text = byId("run-progress-text");
        this.stoppedBox = byId("run-stopped");
        this.stoppedText = byId("run-stopped-text");
        this.cells = new Map();
        this.hideTimer = null;
        this.early = null;
        /** The cells a stopped run did not run, in order: what "run the rest anyway" runs. */
        this.rest = [];
    }

    /** Call before asking for a run: status events that beat the run's answer are kept for `start`. */
    arm() {
        this.early = new Map();
    }

    /** Starts following a run of these cells (ids in order). A single cell shows no bar. */
    start(cellIds, label) {
        const early = this.early ?? new Map();
        this.early = null;
        this.dismissStopped();
        if (!Array.isArray(cellIds) || cellIds.length < 2) return;
        clearTimeout(this.hideTimer);
        this.cells = new Map(cellIds.map((id) => [id, early.get(id) ?? "queued"]));
        this.label = label;
        this.row.hidden = false;
        this.update();
    }

    /** A status event for a cell. */
    status(cellId, status) {
        this.early?.set(cellId, status);
        if (!this.cells.has(cellId)) return;
        // A cell left out of a stopped run stays left out until something runs it.
        if (this.cells.get(cellId) === NOT_RUN && FINAL.has(status)) return;
        this.cells.set(cellId, status);
        this.update();
    }

    /** The kernel restarted or the queue emptied: whatever was still waiting will not run now. */
    cancelWaiting() {
        for (const [id, status] of this.cells) if (!FINAL.has(status) && status !== NOT_RUN) this.cells.set(id, NOT_RUN);
        this.update();
    }

    /**
     * The server stopped a multi-cell run at a cell that raised (`reason` "error") or whose kernel died
     * ("died"): `cellIds` were not run. `where` names the failing cell ("cell 3").
     */
    stopped(cellIds, reason, where) {
        this.rest = Array.isArray(cellIds) ? cellIds : [];
        for (const id of this.rest) if (this.cells.has(id)) this.cells.set(id, NOT_RUN);
        const count = this.rest.length;
        const why = reason === "died" ? "its kernel died" : "it raised an error";
        const label = this.cells.size > 0 && this.label ? this.label : "The run";
        const notRun = count === 1 ? "1 cell was not run" : `${count} cells were not run`;
        this.stoppedText.textContent = `${label} stopped at ${where} (${why}): ${notRun}.`;
        clearTimeout(this.hideTimer);
        this.stoppedBox.hidden = false;
        this.row.hidden = false;
        this.update();
    }

    /** Hides the stopped notice: a new run started, or the user dismissed it. */
    dismissStopped() {
        this.rest = [];
        this.stoppedBox.hidden = true;
        this.row.hidden = this.cells.size === 0;
    }

    update() {
        if (this.cells.size === 0) return;
        const statuses = [...this.cells.values()];
        const finished = statuses.filter((status) => FINAL.has(status)).length;
        const notRun = statuses.filter((status) => status === NOT_RUN).length;
        const failed = statuses.filter((status) => status === "error" || status === "died" || status === "interrupted").length;
        this.bar.max = this.cells.size;
        this.bar.value = finished;
        this.row.dataset.failed = failed > 0 ? "true" : "false";
        const parts = [`${this.label}: ${finished} of ${this.cells.size} cells ran`];
        if (failed) parts.push(`${failed} stopped with an error`);
        if (notRun) parts.push(`${notRun} not run`);
        this.text.textContent = parts.join(", ");
        if (finished + notRun === this.cells.size) {
            clearTimeout(this.hideTimer);
            this.hideTimer = setTimeout(() => {
                this.cells = new Map();
                // A stopped notice stays until it is acted on or dismissed.
                this.row.hidden = this.rest.length === 0;
            }, failed ? 4000 : 1500);
        }
    }
}
