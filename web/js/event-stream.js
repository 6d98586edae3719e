// The notebook's live events (Server-Sent Events), reconnecting after drops.
//
// EventSource retries by itself after a network error, but gives up for good when the server answers
// with an error status or the stream is closed (readyState CLOSED); then we open a new one with backoff.
// Every (re)connection starts with a `snapshot`, so missed events are never a problem.

const KINDS = ["snapshot", "status", "output", "update", "clear", "stale", "kernel", "stopped"];

export class EventStream {
    /**
     * @param {string} url the events route
     * @param {(kind: string, data: object) => void} onEvent called for every parsed event
     * @param {(state: "connecting"|"open"|"reconnecting") => void} onState connection state changes
     */
    constructor(url, onEvent, onState = () => {}) {
        this.url = url;
        this.onEvent = onEvent;
        this.onState = onState;
        this.source = null;
        this.retryDelay = 500;
        this.retryTimer = null;
        this.stopped = false;
    }

    /** Opens the stream (again). */
    start() {
        this.stopped = false;
        this.onState("connecting");
        const source = new EventSource(this.url, { withCredentials: true });
        this.source = source;
        source.addEventListener("open", () => {
            this.retryDelay = 500;
            this.onState("open");
        });
        source.addEventListener("error", () => {
            if (this.source !== source) return;
            this.onState("reconnecting");
            if (source.readyState === EventSource.CLOSED) this.scheduleReconnect();
        });
        for (const kind of KINDS) {
            source.addEventListener(kind, (event) => this.dispatch(kind, event.data));
        }
    }

    /** Closes the stream and stops reconnecting. */
    stop() {
        this.stopped = true;
        clearTimeout(this.retryTimer);
        this.source?.close();
        this.source = null;
    }

    /** Closes and reopens at once (e.g. after a restart), to get a fresh snapshot. */
    reconnect() {
        this.source?.close();
        this.source = null;
        this.start();
    }

    scheduleReconnect() {
        this.source?.close();
        this.source = null;
        if (this.stopped) return;
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => this.start(), this.retryDelay);
        this.retryDelay = Math.min(this.retryDelay * 2, 10000);
    }

    dispatch(kind, text) {
        let data;
        try {
            data = JSON.parse(text);
        } catch {
            return;
        }
        this.onEvent(kind, data);
    }
}
