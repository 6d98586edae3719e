// The JSON API client: cookie authentication plus the XSRF header on every state change.

/** An API failure: the HTTP status, the server's message and the parsed body (e.g. the revision of a 409). */
export class ApiError extends Error {
    constructor(status, message, body) {
        super(message);
        this.name = "ApiError";
        this.status = status;
        this.body = body;
    }
}

const XSRF_COOKIE = "convbook_xsrf";
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The XSRF token the server set in a JS-readable cookie, or "" before login. */
export function xsrfToken() {
    for (const part of document.cookie.split(";")) {
        const [name, ...rest] = part.trim().split("=");
        if (name === XSRF_COOKIE) return decodeURIComponent(rest.join("="));
    }
    return "";
}

/**
 * Sends a request and returns the parsed JSON body (null for 204).
 * `body` may be a plain object (sent as JSON) or a Blob/ArrayBuffer (sent as bytes).
 */
export async function request(method, path, body = undefined) {
    const headers = { Accept: "application/json" };
    if (UNSAFE_METHODS.has(method)) headers["X-XSRF-Token"] = xsrfToken();
    let payload;
    if (body instanceof Blob || body instanceof ArrayBuffer) {
        payload = body;
        headers["Content-Type"] = "application/octet-stream";
    } else if (body !== undefined) {
        payload = JSON.stringify(body);
        headers["Content-Type"] = "application/json";
    }
    let response;
    try {
        response = await fetch(path, { method, headers, body: payload, credentials: "same-origin" });
    } catch (error) {
        throw new ApiError(0, "the server cannot be reached", null);
    }
    const text = await response.text();
    let parsed = null;
    if (text) {
        try {
            parsed = JSON.parse(text);
        } catch {
            parsed = null;
        }
    }
    if (!response.ok) {
        const message = parsed && typeof parsed.error === "string" ? parsed.error : `${response.status} ${response.statusText}`;
        throw new ApiError(response.status, message, parsed);
    }
    return parsed;
}

const enc = encodeURIComponent;

/** The routes of /api/openapi.json, one function each. */
export const api = {
    listNotebooks: () => request("GET", "/api/notebooks"),
    createNotebook: (title) => request("POST", "/api/notebooks", { title }),
    getNotebook: (id) => request("GET", `/api/notebooks/${enc(id)}`),
    renameNotebook: (id, title, revision) => request("PATCH", `/api/notebooks/${enc(id)}`, { title, revision }),
    deleteNotebook: (id) => request("DELETE", `/api/notebooks/${enc(id)}`),
    duplicateNotebook: (id, title) => request("POST", `/api/notebooks/${enc(id)}/duplicate`, title ? { title } : {}),
    importNotebook: (filename, bytes) => request("POST", `/api/notebooks/import?filename=${enc(filename)}`, bytes),
    formats: () => request("GET", "/api/formats"),
    exportURL: (id, format) => `/api/notebooks/${enc(id)}/export?format=${enc(format)}`,

    insertCell: (id, index, type, source, revision, tags = []) =>
        request("POST", `/api/notebooks/${enc(id)}/cells`, { index, type, source, tags, revision }),
    updateCell: (id, cellId, changes, revision) =>
        request("PATCH", `/api/notebooks/${enc(id)}/cells/${enc(cellId)}`, { ...changes, revision }),
    moveCell: (id, cellId, index, revision) =>
        request("POST", `/api/notebooks/${enc(id)}/cells/${enc(cellId)}/move`, { index, revision }),
    deleteCell: (id, cellId, revision) =>
        request("DELETE", `/api/notebooks/${enc(id)}/cells/${enc(cellId)}?revision=${enc(revision)}`),

    run: (id, mode, cellId) => request("POST", `/api/notebooks/${enc(id)}/run`, cellId ? { mode, cellId } : { mode }),
    runStale: (id, unrepeatable) => request("POST", `/api/notebooks/${enc(id)}/run`, { mode: "stale", unrepeatable }),
    runCells: (id, cellIds, stopOnError) => request("POST", `/api/notebooks/${enc(id)}/run`, { mode: "cells", cellIds, stopOnError }),
    interrupt: (id) => request("POST", `/api/notebooks/${enc(id)}/interrupt`),
    restart: (id) => request("POST", `/api/notebooks/${enc(id)}/restart`),
    eventsURL: (id) => `/api/notebooks/${enc(id)}/events`,

    variables: (id) => request("GET", `/api/notebooks/${enc(id)}/variables`),
    heatmapURL: (id, name, version) => `/api/notebooks/${enc(id)}/variables/${enc(name)}/heatmap.png?v=${enc(version)}`,

    createShare: (id) => request("POST", `/api/notebooks/${enc(id)}/shares`),
    listShares: (id) => request("GET", `/api/notebooks/${enc(id)}/shares`),
    revokeShare: (token) => request("DELETE", `/api/shares/${enc(token)}`),
    sharedNotebook: (token) => request("GET", `/api/shares/${enc(token)}`),
};
