// A short message at the bottom of the page (errors, "link copied"), gone after a few seconds.

import { byId } from "./dom.js";

let timer = null;

/** Shows `text`; `kind` "error" keeps it longer and colours it. */
export function notify(text, kind = "info") {
    const box = byId("notice");
    box.textContent = text;
    box.dataset.kind = kind;
    box.hidden = false;
    clearTimeout(timer);
    timer = setTimeout(() => {
        box.hidden = true;
    }, kind === "error" ? 8000 : 3000);
}
