// Debounced saving of cell sources, with a visible state: saved, saving, unsaved (conflict or offline).

const DELAY_MS = 600;

export class Autosave {
    /**
     * @param {(cellId: string, source: string) => Promise<void>} save saves one source (through the queue)
     * @param {(state: "saved"|"saving"|"conflict"|"offline") => void} onState
     */
    constructor(save, onState) {
        this.save = save;
        this.onState = onState;
        this.dirty = new Map();
        this.saved = new Map();
        this.timer = null;
        this.inFlight = 0;
        this.problem = null;
    }

    /** Remembers the source the server has for a cell. */
    known(cellId, source) {
        this.saved.set(cellId, source);
    }

    forget(cellId) {
        this.dirty.delete(cellId);
        this.saved.delete(cellId);
        this.report();
    }

    /** A cell's source changed in the editor. */
    changed(cellId, source) {
        if (this.saved.get(cellId) === source) this.dirty.delete(cellId);
        else this.dirty.set(cellId, source);
        this.report();
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.flush(), DELAY_MS);
    }

    get hasUnsaved() {
        return this.dirty.size > 0 || this.inFlight > 0;
    }

    /** Saves what is dirty now (or only `cellId`); resolves when those saves are acknowledged. */
    async flush(cellId = null) {
        if (cellId === null) clearTimeout(this.timer);
        const entries = [...this.dirty.entries()].filter(([id]) => cellId === null || id === cellId);
        const saves = entries.map(([id, source]) => this.saveOne(id, source));
        await Promise.all(saves);
        if (cellId !== null && this.dirty.has(cellId)) throw new Error("the cell's source is not saved");
    }

    async saveOne(cellId, source) {
        this.dirty.delete(cellId);
        this.inFlight += 1;
        this.report();
        try {
            await this.save(cellId, source);
            this.saved.set(cellId, source);
            this.problem = null;
        } catch (error) {
            // Keep the edit: a newer one may have arrived meanwhile, which wins.
            if (!this.dirty.has(cellId)) this.dirty.set(cellId, source);
            this.problem = error?.name === "ConflictDeferred" ? "conflict" : error?.status === 404 ? null : "offline";
            if (error?.status === 404) this.dirty.delete(cellId);
            if (this.problem === "offline") {
                clearTimeout(this.timer);
                this.timer = setTimeout(() => this.flush(), 3000);
            }
        } finally {
            this.inFlight -= 1;
            this.report();
        }
    }

    report() {
        if (this.inFlight > 0) this.onState("saving");
        else if (this.dirty.size > 0) this.onState(this.problem ?? "saving");
        else this.onState("saved");
    }
}
