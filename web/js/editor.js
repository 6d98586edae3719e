// CodeMirror 5 (Debian's libjs-codemirror, loaded as a global script) for code and markdown sources.

/** True when CodeMirror loaded; the page falls back to a plain textarea otherwise. */
export function hasCodeMirror() {
    return typeof window.CodeMirror === "function";
}

/**
 * An editor in `parent` for `source`. `mode` is "python" or "markdown"; `keys` maps CodeMirror key names
 * (e.g. "Shift-Enter") to handlers; `onChange(text)` follows every edit; `onFocus` when it gains focus;
 * `placeholder` is shown while it is empty.
 */
export function createEditor(parent, { source, mode, readOnly = false, keys = {}, onChange, onFocus, label, placeholder = "" }) {
    if (!hasCodeMirror()) return textareaEditor(parent, { source, readOnly, keys, onChange, onFocus, label, placeholder });
    const cm = window.CodeMirror(parent, {
        value: source,
        mode: mode === "markdown" ? "markdown" : "python",
        lineNumbers: mode !== "markdown",
        matchBrackets: true,
        autoCloseBrackets: false,
        indentUnit: 4,
        tabSize: 4,
        indentWithTabs: false,
        lineWrapping: mode === "markdown",
        viewportMargin: Infinity,
        readOnly: readOnly ? "nocursor" : false,
        // Shown while the cell is empty (the addon, when loaded, draws it; read-only views have none).
        placeholder: readOnly ? "" : placeholder,
        extraKeys: {
            ...Object.fromEntries(Object.entries(keys).map(([key, handler]) => [key, () => handler()])),
            Tab: (editor) => (editor.somethingSelected() ? editor.indentSelection("add") : editor.replaceSelection("    ")),
            "Shift-Tab": (editor) => editor.indentSelection("subtract"),
        },
    });
    cm.getInputField().setAttribute("aria-label", label ?? "cell source");
    if (onChange) cm.on("changes", () => onChange(cm.getValue()));
    if (onFocus) cm.on("focus", () => onFocus());
    let errorLine = null;
    return {
        kind: "codemirror",
        cm,
        getValue: () => cm.getValue(),
        setValue: (text) => {
            if (cm.getValue() !== text) cm.setValue(text);
        },
        focus: (atEnd = false) => {
            cm.focus();
            if (atEnd) cm.setCursor(cm.lineCount(), 0);
        },
        blur: () => cm.getInputField().blur(),
        hasFocus: () => cm.hasFocus(),
        refresh: () => cm.refresh(),
        /** Marks the 1-based source line an error points at (null clears it). */
        markErrorLine: (line) => {
            if (errorLine !== null) cm.removeLineClass(errorLine, "background", "cm-error-line");
            errorLine = null;
            if (line === null || line === undefined) return;
            const index = Math.max(0, Math.min(cm.lineCount() - 1, Number(line) - 1));
            errorLine = cm.addLineClass(index, "background", "cm-error-line");
        },
        wrapper: cm.getWrapperElement(),
        destroy: () => cm.getWrapperElement().remove(),
    };
}

function textareaEditor(parent, { source, readOnly, keys, onChange, onFocus, label, placeholder }) {
    const area = document.createElement("textarea");
    area.className = "plain-editor";
    area.value = source;
    if (placeholder && !readOnly) area.placeholder = placeholder;
    area.readOnly = readOnly;
    area.spellcheck = false;
    area.setAttribute("aria-label", label ?? "cell source");
    area.rows = Math.max(2, source.split("\n").length);
    parent.append(area);
    area.addEventListener("input", () => {
        area.rows = Math.max(2, area.value.split("\n").length);
        onChange?.(area.value);
    });
    if (onFocus) area.addEventListener("focus", () => onFocus());
    area.addEventListener("keydown", (event) => {
        const name = [event.ctrlKey && "Ctrl", event.altKey && "Alt", event.shiftKey && "Shift", event.key === "Escape" ? "Esc" : event.key].filter(Boolean).join("-");
        const handler = keys[name];
        if (handler) {
            event.preventDefault();
            handler();
        }
    });
    return {
        kind: "textarea",
        getValue: () => area.value,
        setValue: (text) => {
            if (area.value !== text) area.value = text;
        },
        focus: () => area.focus(),
        blur: () => area.blur(),
        hasFocus: () => document.activeElement === area,
        refresh: () => {},
        markErrorLine: (line) => area.classList.toggle("has-error", line !== null && line !== undefined),
        wrapper: area,
        destroy: () => area.remove(),
    };
}
