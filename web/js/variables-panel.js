// The variables panel: every session variable with its type, shape and dtype; tensors open a mini heatmap.

import { api } from "./api.js";
import { byId, el } from "./dom.js";
import { formatShape } from "./format.js";

export class VariablesPanel {
    constructor(notebookId) {
        this.notebookId = notebookId;
        this.panel = byId("variables");
        this.list = byId("variables-list");
        this.empty = byId("variables-empty");
        this.age = byId("variables-age");
        this.toggleButton = byId("toggle-variables");
        this.open = new Set();
        this.version = 0;
        this.timer = null;
        this.toggleButton.addEventListener("click", () => this.toggle());
        byId("refresh-variables").addEventListener("click", () => this.refresh());
    }

    get visible() {
        return !this.panel.hidden;
    }

    toggle() {
        this.panel.hidden = !this.panel.hidden;
        this.toggleButton.setAttribute("aria-pressed", String(this.visible));
        document.body.classList.toggle("with-variables", this.visible);
        if (this.visible) this.refresh();
    }

    /** A cell finished: the variables may have changed. */
    changed() {
        this.version += 1;
        if (!this.visible) return;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.refresh(), 200);
    }

    async refresh() {
        let answer;
        try {
            answer = await api.variables(this.notebookId);
        } catch (error) {
            this.list.replaceChildren();
            this.showAge(null);
            this.empty.hidden = false;
            this.empty.textContent = error.status === 404 ? "Run a cell to see its variables here." : `Could not load the variables: ${error.message}`;
            return;
        }
        if (answer?.busy) {
            // A cell runs and the kernel has no earlier list: keep the one shown, or say when one comes.
            if (this.list.children.length > 0) {
                this.showAge("as before the running cell; the kernel is busy");
            } else {
                this.showAge(null);
                this.empty.hidden = false;
                this.empty.textContent = "The kernel is busy running a cell; its variables show when the cell ends.";
            }
            return;
        }
        const variables = Array.isArray(answer?.variables) ? answer.variables : Array.isArray(answer) ? answer : [];
        const asOf = Number.isInteger(answer?.asOf) ? answer.asOf : null;
        this.showAge(asOf === null ? null : `as of In [${asOf}]; a cell is running`);
        this.empty.hidden = variables.length > 0;
        this.empty.textContent = "Run a cell to see its variables here.";
        this.list.replaceChildren(...variables.map((variable) => this.row(variable)));
        // A list from before the running cell is refreshed when that cell ends (`changed`).
    }

    /** Says which moment the list shows (null: now). */
    showAge(text) {
        this.age.hidden = !text;
        this.age.textContent = text ?? "";
        this.panel.classList.toggle("dated", Boolean(text));
    }

    row(variable) {
        const name = String(variable.name ?? "");
        // Lists and dicts report a length as their shape; only tensors (with a dtype) have a heatmap.
        const isTensor = Array.isArray(variable.shape) && Boolean(variable.dtype);
        const details = [variable.type, formatShape(variable.shape), variable.dtype].filter(Boolean).join(" · ");
        const head = el("div", { class: "variable-head" }, [
            el("code", { class: "variable-name", text: name }),
            el("span", { class: "variable-type", text: details }),
        ]);
        const summary = el("div", { class: "variable-summary", text: variable.summary ?? "" });
        const item = el("li", { class: "variable", dataset: { name } }, [head, summary]);
        if (!isTensor) return item;
        const button = el("button", { type: "button", class: "link-button heatmap-toggle", "aria-expanded": "false", text: "heatmap" });
        const figure = el("div", { class: "heatmap", hidden: true });
        const show = (visible) => {
            figure.hidden = !visible;
            button.setAttribute("aria-expanded", String(visible));
            if (visible) {
                this.open.add(name);
                const image = el("img", { src: api.heatmapURL(this.notebookId, name, this.version), alt: `heatmap of ${name}` });
                image.addEventListener("error", () => figure.replaceChildren(el("span", { class: "muted", text: "no heatmap for this value" })));
                figure.replaceChildren(image);
            } else {
                this.open.delete(name);
            }
        };
        button.addEventListener("click", () => show(figure.hidden));
        head.append(button);
        item.append(figure);
        if (this.open.has(name)) show(true);
        return item;
    }
}
