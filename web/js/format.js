// Short human text for times and durations.

/** "12 ms", "4.2 s", "12 s", "2 min 5 s". */
export function formatElapsed(milliseconds) {
    const ms = Math.max(0, Number(milliseconds) || 0);
    if (ms < 1000) return `${Math.round(ms)} ms`;
    if (ms < 60000) return `${(ms / 1000).toFixed(ms < 10000 ? 1 : 0)} s`;
    const minutes = Math.floor(ms / 60000);
    return `${minutes} min ${Math.floor((ms % 60000) / 1000)} s`;
}

/** "just now", "5 min ago", "3 h ago", or the date for older times. */
export function formatUpdated(isoText) {
    const date = new Date(isoText);
    if (Number.isNaN(date.getTime())) return "";
    const seconds = (Date.now() - date.getTime()) / 1000;
    if (seconds < 60) return "just now";
    if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
    if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
    return date.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
}

/** "(2, 3, 3)" for a shape, "" for none. */
export function formatShape(shape) {
    return Array.isArray(shape) ? `(${shape.join(", ")}${shape.length === 1 ? "," : ""})` : "";
}
