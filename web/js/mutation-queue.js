// Every change to the notebook goes through one queue, so the page's own saves never race each other
// for the notebook revision, and a conflict (another tab saved first) always reaches the user.

/** Thrown when the user chose not to resolve a conflict now; the change stays unsaved. */
export class ConflictDeferred extends Error {
    constructor(description) {
        super(`not saved: ${description}`);
        this.name = "ConflictDeferred";
    }
}

export class MutationQueue {
    /**
     * @param {number} revision the notebook revision the page loaded
     * @param {(description: string, serverRevision: number) => Promise<"overwrite"|"reload"|"later">} onConflict
     * @param {(pending: number) => void} onPending called when the number of unfinished changes changes
     */
    constructor(revision, onConflict, onPending = () => {}) {
        this.revision = revision;
        this.onConflict = onConflict;
        this.onPending = onPending;
        this.pending = 0;
        this.tail = Promise.resolve();
    }

    /** Queues `operation(revision)`; its response's `revision` becomes the current one. */
    run(description, operation) {
        this.pending += 1;
        this.onPending(this.pending);
        const result = this.tail.then(() => this.attempt(description, operation));
        const settle = () => {
            this.pending -= 1;
            this.onPending(this.pending);
        };
        this.tail = result.then(settle, settle);
        return result;
    }

    async attempt(description, operation) {
        for (;;) {
            try {
                const response = await operation(this.revision);
                if (response && Number.isInteger(response.revision)) this.revision = response.revision;
                return response;
            } catch (error) {
                if (error?.status !== 409) throw error;
                const serverRevision = Number.isInteger(error.body?.revision) ? error.body.revision : null;
                const answer = await this.onConflict(description, serverRevision);
                if (answer === "overwrite" && serverRevision !== null) {
                    this.revision = serverRevision;
                    continue;
                }
                if (answer === "reload") location.reload();
                throw new ConflictDeferred(description);
            }
        }
    }
}
