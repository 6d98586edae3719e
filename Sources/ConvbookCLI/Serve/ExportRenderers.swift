import Notebook

/// Gives HTML exports the page's markdown and math renderers (`HTMLExportAssets`): the page's
/// `markdown.js` from the web folder `BundledFolder` finds, markdown-it and KaTeX from Debian's paths.
enum ExportRenderers {
    /// Installs them; without a web folder or the Debian packages, exports keep the renderer without scripts.
    static func install(webDirectory: String? = BundledFolder.web.locate()) {
        guard let webDirectory else { return }
        HTMLExportAssets.install(HTMLExportAssets.load(webDirectory: webDirectory))
    }
}
