// One cell on the page: its prompt and run state, its source (editor or rendered markdown), its outputs.

import { el } from "./dom.js";
import { createEditor } from "./editor.js";
import { formatElapsed } from "./format.js";
import { renderMarkdown } from "./markdown.js";
import { appendOutput, renderOutputs, replaceDisplay } from "./outputs.js";

const RUNNING_STATES = new Set(["queued", "running"]);

export class CellView {
    /**
     * @param {object} cell CellJSON
     * @param {object} hooks `{ keys, onChange(view, text), onFocus(view), onSelect(view), onOpenMarkdown(view) }`;
     *   `readOnly` for the share view, `imageURL` to map image URLs.
     */
    constructor(cell, hooks = {}) {
        this.id = cell.id;
        this.type = cell.type === "markdown" ? "markdown" : "code";
        this.tags = Array.isArray(cell.tags) ? [...cell.tags] : [];
        this.hooks = hooks;
        this.readOnly = Boolean(hooks.readOnly);
        this.status = cell.status ?? "idle";
        this.executionCount = cell.executionCount ?? null;
        this.runningSince = null;
        this.finalElapsed = null;
        this.editingMarkdown = false;
        this.outputs = Array.isArray(cell.outputs) ? [...cell.outputs] : [];

        this.prompt = el("div", { class: "prompt", "aria-hidden": "true" });
        this.statusText = el("span", { class: "run-state", role: "status" });
        this.staleBadge = el("span", { class: "stale-badge", text: "stale", hidden: true });
        this.gutter = el("div", { class: "gutter" }, [this.prompt, this.statusText, this.staleBadge]);
        this.sourceBox = el("div", { class: "source" });
        this.rendered = el("div", { class: "markdown-body" });
        this.outputBox = el("div", { class: "outputs", "aria-live": "polite" });
        this.root = el("section", { class: `cell ${this.type}`, dataset: { cellId: cell.id }, "aria-label": `${this.type} cell` }, [
            this.gutter,
            el("div", { class: "cell-main" }, [this.sourceBox, this.rendered, this.outputBox]),
        ]);
        this.root.addEventListener("mousedown", () => hooks.onSelect?.(this));
        this.rendered.addEventListener("dblclick", () => {
            if (!this.readOnly) hooks.onOpenMarkdown?.(this);
        });

        this.editor = createEditor(this.sourceBox, {
            source: cell.source ?? "",
            mode: this.type === "markdown" ? "markdown" : "python",
            readOnly: this.readOnly,
            keys: hooks.keys ? hooks.keys(this) : {},
            onChange: (text) => {
                this.markError(null);
                hooks.onChange?.(this, text);
            },
            onFocus: () => hooks.onFocus?.(this),
            label: `${this.type} cell source`,
            placeholder: this.type === "markdown" ? "Type markdown; Shift+Enter shows it" : "Type code; Shift+Enter runs",
        });
        this.renderMarkdownState();
        renderOutputs(this.outputs, this.outputBox, hooks);
        this.markErrorFromOutputs();
        this.setMark(cell.mark ?? (cell.stale ? { state: "stale" } : null));
        this.setStatus(this.status, { executionCount: this.executionCount });
    }

    get source() {
        return this.editor.getValue();
    }

    /** Markdown cells show their rendering, or the editor while being edited (and always when empty). */
    renderMarkdownState() {
        if (this.type !== "markdown") {
            this.rendered.hidden = true;
            this.sourceBox.hidden = false;
            return;
        }
        const text = this.source;
        const showEditor = !this.readOnly && (this.editingMarkdown || text.trim() === "");
        this.sourceBox.hidden = !showEditor;
        this.rendered.hidden = showEditor;
        if (!showEditor) renderMarkdown(text, this.rendered);
        if (showEditor) this.editor.refresh();
    }

    /** Opens a markdown cell's editor. */
    openMarkdown() {
        if (this.type !== "markdown" || this.readOnly) return;
        this.editingMarkdown = true;
        this.renderMarkdownState();
    }

    /** Renders a markdown cell (its "run"). */
    closeMarkdown() {
        if (this.type !== "markdown") return;
        this.editingMarkdown = false;
        this.renderMarkdownState();
    }

    setSelected(selected) {
        this.root.classList.toggle("selected", selected);
    }

    setEditing(editing) {
        this.root.classList.toggle("editing", editing);
    }

    /**
     * Shows the server's mark: `{ state: "stale" | "superseded", … }` or null, with `explanation` (words
     * the page made from it) as the badge's tooltip.
     */
    setMark(mark, explanation = "") {
        const state = this.type === "code" ? mark?.state ?? null : null;
        this.mark = state ? mark : null;
        this.stale = state === "stale";
        this.superseded = state === "superseded";
        this.root.classList.toggle("stale", this.stale);
        this.root.classList.toggle("superseded", this.superseded);
        this.staleBadge.hidden = !state;
        this.staleBadge.textContent = state ?? "";
        this.staleBadge.className = state === "superseded" ? "stale-badge superseded-badge" : "stale-badge";
        this.staleBadge.title = explanation;
        if (explanation) this.staleBadge.setAttribute("aria-label", explanation);
        else this.staleBadge.removeAttribute("aria-label");
    }

    /** Applies a run state from the server: queued, running, done, error, interrupted, died or idle. */
    setStatus(status, { executionCount, elapsedMs } = {}) {
        this.status = status ?? "idle";
        if (executionCount !== undefined && executionCount !== null) this.executionCount = executionCount;
        if (this.status === "running") {
            this.runningSince = performance.now() - (Number(elapsedMs) || 0);
            this.finalElapsed = null;
        } else if (RUNNING_STATES.has(this.status)) {
            this.runningSince = null;
        } else {
            if (elapsedMs !== undefined && elapsedMs !== null) this.finalElapsed = Number(elapsedMs);
            else if (this.runningSince !== null) this.finalElapsed = performance.now() - this.runningSince;
            this.runningSince = null;
        }
        for (const name of ["queued", "running", "done", "error", "interrupted", "died"]) {
            this.root.classList.toggle(`status-${name}`, this.status === name);
        }
        this.root.dataset.status = this.status;
        this.updatePrompt();
        this.tick();
    }

    get isBusy() {
        return RUNNING_STATES.has(this.status);
    }

    updatePrompt() {
        if (this.type === "markdown") {
            this.prompt.textContent = "";
            return;
        }
        const count = this.isBusy ? "*" : this.executionCount ?? " ";
        this.prompt.textContent = `[${count}]`;
    }

    /** Refreshes the elapsed-time text (called every 100 ms by the page while something runs). */
    tick() {
        let text = "";
        if (this.status === "queued") text = "queued";
        else if (this.status === "running") text = `running ${formatElapsed(performance.now() - (this.runningSince ?? performance.now()))}`;
        else if (this.status === "interrupted") text = "interrupted";
        else if (this.status === "died") text = "kernel died";
        else if ((this.status === "done" || this.status === "error") && this.finalElapsed !== null) text = formatElapsed(this.finalElapsed);
        this.statusText.textContent = text;
    }

    /** Clears the outputs when a new run starts. */
    clearOutputs() {
        this.outputs = [];
        this.clearOnNextOutput = false;
        this.outputBox.replaceChildren();
        this.markError(null);
    }

    /** The running cell's `clear_output(wait=)`: now, or (with `wait`) just before its next output arrives. */
    clearOutput(wait) {
        if (wait) this.clearOnNextOutput = true;
        else this.clearOutputs();
    }

    setOutputs(outputs) {
        this.outputs = Array.isArray(outputs) ? [...outputs] : [];
        this.clearOnNextOutput = false;
        renderOutputs(this.outputs, this.outputBox, this.hooks);
        this.markErrorFromOutputs();
    }

    /** Redraws every output shown under display id `id` with `output`, in place (Jupyter's update_display_data). */
    updateDisplay(id, output) {
        const updated = { ...output, displayId: id };
        let found = false;
        this.outputs = this.outputs.map((old) => {
            if (old?.displayId !== id) return old;
            found = true;
            return updated;
        });
        if (found) replaceDisplay(id, updated, this.outputBox, this.hooks);
    }

    appendOutput(output) {
        if (this.clearOnNextOutput) this.clearOutputs();
        this.outputs.push(output);
        appendOutput(output, this.outputBox, this.hooks);
        if (output?.type === "error") this.markErrorFromOutputs();
    }

    markErrorFromOutputs() {
        const error = this.outputs.find((output) => output?.type === "error");
        this.markError(error && Number.isInteger(error.line) ? error.line : null);
    }

    /** Marks the source line an error points at in the editor (null clears). */
    markError(line) {
        this.editor.markErrorLine(line);
        this.root.classList.toggle("has-error-line", line !== null && line !== undefined);
    }

    focusEditor(atEnd = false) {
        if (this.type === "markdown") this.openMarkdown();
        this.editor.focus(atEnd);
    }

    blurEditor() {
        this.editor.blur();
    }
}
