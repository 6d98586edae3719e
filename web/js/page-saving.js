// The notebook page: saving: the save indicator, conflicts with another tab, saving now, reporting failures.

import { choose } from "./dialog.js";
import { byId } from "./dom.js";
import { notify } from "./notice.js";
import { page } from "./page-state.js";

export function showSaveState(autosaveState) {
    const box = byId("save-state");
    let state = autosaveState;
    if (state === "saved" && page.queue.pending > 0) state = "saving";
    if (page.saveProblem && state !== "saved") state = page.saveProblem;
    const text = { saved: "saved", saving: "saving…", conflict: "conflict — not saved", offline: "offline — not saved" }[state] ?? state;
    box.dataset.state = state;
    box.textContent = text;
}

export async function onConflict(description, serverRevision) {
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

export async function saveNow() {
    try {
        await page.autosave.flush();
        if (!page.autosave.hasUnsaved) notify("Saved.");
    } catch (error) {
        report("Not saved", error);
    }
}

export function report(what, error) {
    if (error?.name === "ConflictDeferred") {
        notify(`${what}: not saved yet because of the conflict.`, "error");
        return;
    }
    notify(`${what}: ${error?.message ?? error}`, "error");
}
