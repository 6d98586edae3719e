// A cell's outputs: text streams, results, images and errors, all inserted as text.

import { el } from "./dom.js";

const IMAGE_URL = /^\/api\/outputs\/([0-9a-f]{64})\.png$/;

/** A DOM node for one OutputJSON, or null for a kind this page does not know. */
export function outputNode(output, options = {}) {
    switch (output?.type) {
        case "stream":
            return el("pre", { class: `output stream ${output.name === "stderr" ? "stderr" : "stdout"}`, text: output.text ?? "" });
        case "result":
            return el("pre", { class: "output result", text: output.text ?? "" });
        case "image":
            return imageNode(output, options);
        case "error":
            return errorNode(output);
        default:
            return null;
    }
}

/** The URL an image output is loaded from; the share view passes its own mapping (the token). */
export function imageSource(output, options) {
    const match = typeof output.url === "string" ? IMAGE_URL.exec(output.url) : null;
    if (!match) return null;
    return options.imageURL ? options.imageURL(match[1], output.url) : output.url;
}

function imageNode(output, options) {
    const source = imageSource(output, options);
    const figure = el("figure", { class: "output image" });
    if (!source) {
        figure.append(el("pre", { class: "output result", text: output.text ?? "[image]" }));
        return figure;
    }
    const image = el("img", { src: source, alt: output.text ?? "figure", loading: "lazy", decoding: "async" });
    const width = Number(output.width);
    const height = Number(output.height);
    if (width > 0 && height > 0) {
        image.width = width;
        image.height = height;
    }
    // A picture that cannot load (e.g. deleted, or not readable without signing in) keeps its text.
    image.addEventListener("error", () => {
        figure.replaceChildren(el("pre", { class: "output result image-missing", text: output.text || "[image]" }));
    });
    figure.append(image);
    return figure;
}

const CARET_LINE = /^\s*[\^~]+\s*$/;

function errorNode(output) {
    const box = el("div", { class: "output error", role: "alert" });
    box.append(el("div", { class: "error-title" }, [
        el("span", { class: "error-name", text: output.name ?? "Error" }),
        el("span", { class: "error-message", text: `: ${output.message ?? ""}` }),
    ]));
    const lines = Array.isArray(output.traceback) ? output.traceback : [];
    // The last traceback line repeats "Name: message", already shown as the title.
    const body = lines.length > 0 && lines[lines.length - 1] === `${output.name}: ${output.message}` ? lines.slice(0, -1) : lines;
    if (body.length > 0) {
        const pre = el("pre", { class: "traceback" });
        body.forEach((line, index) => {
            const isCaret = CARET_LINE.test(line);
            const isSource = !isCaret && index + 1 < body.length && CARET_LINE.test(body[index + 1]);
            pre.append(el("span", { class: isCaret ? "tb-line caret" : isSource ? "tb-line offending" : "tb-line", text: line }), "\n");
        });
        box.append(pre);
    }
    return box;
}

/** Replaces `target`'s content with the outputs. */
export function renderOutputs(outputs, target, options = {}) {
    target.replaceChildren();
    for (const output of outputs ?? []) appendOutput(output, target, options);
}

/** Appends one streamed output; consecutive stdout text joins the previous block, as a terminal would. */
export function appendOutput(output, target, options = {}) {
    const last = target.lastElementChild;
    if (output?.type === "stream" && last?.classList.contains("stream") && last.classList.contains(output.name === "stderr" ? "stderr" : "stdout")) {
        last.textContent += output.text ?? "";
        return;
    }
    const node = displayNode(output, options);
    if (node) target.append(node);
}

/** An output's node, marked with its display id when it is a live display. */
function displayNode(output, options) {
    const node = outputNode(output, options);
    if (node && typeof output?.displayId === "string") node.dataset.displayId = output.displayId;
    return node;
}

/** The newest redraw asked for, per output box and display id; an older picture loading late is dropped. */
const redraws = new WeakMap();

/**
 * Redraws the outputs shown under display id `id` in `target` with `output`, in place. A picture is
 * swapped in once it has loaded, so a training curve redrawn ten times a second never flickers.
 */
export function replaceDisplay(id, output, target, options = {}) {
    const generations = redraws.get(target) ?? new Map();
    redraws.set(target, generations);
    const generation = (generations.get(id) ?? 0) + 1;
    generations.set(id, generation);
    const swap = () => {
        if (generations.get(id) !== generation) return;
        for (const old of target.querySelectorAll("[data-display-id]")) {
            if (old.dataset.displayId !== id) continue;
            const node = displayNode(output, options);
            if (node) old.replaceWith(node);
        }
    };
    const source = output?.type === "image" ? imageSource(output, options) : null;
    if (!source) {
        swap();
        return;
    }
    const preload = new Image();
    preload.addEventListener("load", swap);
    preload.addEventListener("error", swap);
    preload.src = source;
}
