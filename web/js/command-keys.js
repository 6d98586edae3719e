// Command-mode keys (Jupyter's, plus N for the variables): they act on the selected cell while no editor or
// field has focus.

const DOUBLE_PRESS_MS = 900;

/** True when a key event belongs to a text field (an editor, the title, a dialog input). */
function isTyping(target) {
    return Boolean(target?.closest?.("input, textarea, select, [contenteditable=''], [contenteditable='true'], .CodeMirror"));
}

/**
 * Installs the document-level handler. `actions` has: edit, runAdvance, runStay, runInsert, insertAbove,
 * insertBelow, remove, toMarkdown, toCode, selectPrevious, selectNext, moveUp, moveDown, copy, cut, pasteBelow,
 * pasteAbove, undoDelete, interrupt, restart, toggleVariables, help, save.
 */
export function installCommandKeys(actions) {
    let last = { key: null, time: 0 };
    const double = (key) => {
        const now = performance.now();
        const isDouble = last.key === key && now - last.time < DOUBLE_PRESS_MS;
        last = isDouble ? { key: null, time: 0 } : { key, time: now };
        return isDouble;
    };

    document.addEventListener("keydown", (event) => {
        if (event.defaultPrevented || document.querySelector("dialog[open]")) return;
        const ctrl = event.ctrlKey || event.metaKey;
        // Saving and running work in both modes; editors also bind them, so only handle them outside editors.
        if (ctrl && event.key.toLowerCase() === "s") {
            event.preventDefault();
            actions.save();
            return;
        }
        if (isTyping(event.target)) return;
        if (event.target?.closest?.("button, a, summary") && (event.key === "Enter" || event.key === " ")) return;
        const handled = handle(event, ctrl);
        if (handled) event.preventDefault();
    });

    function handle(event, ctrl) {
        const key = event.key;
        if (key === "Enter" && event.shiftKey) return actions.runAdvance(), true;
        if (key === "Enter" && ctrl) return actions.runStay(), true;
        if (key === "Enter" && event.altKey) return actions.runInsert(), true;
        if (ctrl && event.shiftKey && key === "ArrowUp") return actions.moveUp(), true;
        if (ctrl && event.shiftKey && key === "ArrowDown") return actions.moveDown(), true;
        if (ctrl || event.altKey) return false;
        switch (key) {
            case "Enter":
                actions.edit();
                return true;
            case "ArrowUp":
            case "k":
                actions.selectPrevious();
                return true;
            case "ArrowDown":
            case "j":
                actions.selectNext();
                return true;
            case "a":
                actions.insertAbove();
                return true;
            case "b":
                actions.insertBelow();
                return true;
            case "d":
                if (double("d")) actions.remove();
                return true;
            case "i":
                if (double("i")) actions.interrupt();
                return true;
            case "0":
                if (double("0")) actions.restart();
                return true;
            case "m":
                actions.toMarkdown();
                return true;
            case "y":
                actions.toCode();
                return true;
            case "c":
                actions.copy();
                return true;
            case "x":
                actions.cut();
                return true;
            case "v":
                actions.pasteBelow();
                return true;
            case "V":
                actions.pasteAbove();
                return true;
            case "z":
                actions.undoDelete();
                return true;
            case "n":
                actions.toggleVariables();
                return true;
            case "h":
            case "?":
                actions.help();
                return true;
            default:
                return false;
        }
    }
}
