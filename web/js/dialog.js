// A modal choice (the page's #choice-dialog): confirmations, the conflict choice and text prompts.

import { byId, el } from "./dom.js";

let pending = null;
let installed = false;

function install(dialog, field) {
    if (installed) return;
    installed = true;
    dialog.addEventListener("close", () => pending?.finish(null));
    field.addEventListener("keydown", (event) => {
        if (event.key !== "Enter" || !pending?.primary) return;
        event.preventDefault();
        pending.finish(pending.primary);
    });
}

/**
 * Shows the dialog and resolves with the chosen value (or `null` when dismissed with Esc).
 * `choices` are `{ label, value, kind: "primary"|"danger"|undefined }`; with `input`, resolves
 * `{ value, text }` and Enter in the field picks the primary choice.
 */
export function choose({ title, message, choices, input = null }) {
    const dialog = byId("choice-dialog");
    const field = byId("choice-input");
    install(dialog, field);
    pending?.finish(null);
    byId("choice-title").textContent = title;
    byId("choice-message").textContent = message ?? "";
    byId("choice-input-label").hidden = input === null;
    if (input) {
        byId("choice-input-caption").textContent = input.label ?? "";
        field.value = input.value ?? "";
    }
    const buttons = byId("choice-buttons");
    buttons.replaceChildren();
    return new Promise((resolve) => {
        const state = {
            primary: choices.find((choice) => choice.kind === "primary")?.value ?? null,
            finish: (value) => {
                if (pending !== state) return;
                pending = null;
                if (dialog.open) dialog.close();
                resolve(input && value !== null ? { value, text: field.value } : value);
            },
        };
        pending = state;
        for (const choice of choices) {
            const button = el("button", { type: "button", class: choice.kind ?? "", text: choice.label, dataset: { choice: String(choice.value) } });
            button.addEventListener("click", () => state.finish(choice.value));
            buttons.append(button);
        }
        dialog.showModal();
        if (input) {
            field.focus();
            field.select();
        } else {
            (buttons.querySelector("button.primary") ?? buttons.querySelector("button"))?.focus();
        }
    });
}

/** A yes/no confirmation; resolves true only for the confirming button. */
export async function confirmAction(title, message, confirmLabel, danger = false) {
    const answer = await choose({
        title,
        message,
        choices: [
            { label: "Cancel", value: "cancel" },
            { label: confirmLabel, value: "ok", kind: danger ? "danger" : "primary" },
        ],
    });
    return answer === "ok";
}

/** Asks for a line of text; resolves the text, or null when cancelled. */
export async function promptText(title, label, value, okLabel = "OK") {
    const answer = await choose({
        title,
        input: { label, value },
        choices: [
            { label: "Cancel", value: "cancel" },
            { label: okLabel, value: "ok", kind: "primary" },
        ],
    });
    return answer && answer.value === "ok" ? answer.text : null;
}
