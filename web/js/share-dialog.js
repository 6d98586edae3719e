// Share links: create a read-only link, copy it, revoke it.

import { api } from "./api.js";
import { byId, el } from "./dom.js";
import { formatUpdated } from "./format.js";
import { notify } from "./notice.js";

export class ShareDialog {
    constructor(notebookId) {
        this.notebookId = notebookId;
        this.dialog = byId("share-dialog");
        this.list = byId("share-list");
        this.empty = byId("share-empty");
        byId("open-share").addEventListener("click", () => this.show());
        byId("create-share").addEventListener("click", () => this.create());
    }

    async show() {
        if (!this.dialog.open) this.dialog.showModal();
        await this.reload();
    }

    async reload() {
        try {
            const shares = await api.listShares(this.notebookId);
            this.render(Array.isArray(shares) ? shares : []);
        } catch (error) {
            notify(`Could not load the share links: ${error.message}`, "error");
        }
    }

    async create() {
        try {
            await api.createShare(this.notebookId);
            await this.reload();
        } catch (error) {
            notify(`Could not create a link: ${error.message}`, "error");
        }
    }

    render(shares) {
        this.empty.hidden = shares.length > 0;
        this.list.replaceChildren(...shares.map((share) => this.row(share)));
    }

    row(share) {
        const url = `${location.origin}/share/${encodeURIComponent(share.token)}`;
        const field = el("input", { type: "text", readonly: true, class: "share-url", value: url, "aria-label": "Share link" });
        const copy = el("button", { type: "button", text: "Copy" });
        copy.addEventListener("click", async () => {
            field.select();
            try {
                await navigator.clipboard.writeText(url);
                notify("Link copied.");
            } catch {
                notify("Select the link and copy it.");
            }
        });
        const open = el("a", { href: url, target: "_blank", rel: "noopener", text: "Open" });
        const revoke = el("button", { type: "button", class: "danger revoke-share", text: "Revoke" });
        revoke.addEventListener("click", async () => {
            try {
                await api.revokeShare(share.token);
                notify("Link revoked: it no longer opens the notebook.");
                await this.reload();
            } catch (error) {
                notify(`Could not revoke the link: ${error.message}`, "error");
            }
        });
        const created = share.created ? `created ${formatUpdated(share.created)}` : "";
        return el("li", { class: "share", dataset: { token: share.token } }, [
            field,
            el("div", { class: "share-actions" }, [el("span", { class: "muted", text: created }), copy, open, revoke]),
        ]);
    }
}
