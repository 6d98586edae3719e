import Figures

/// What one display output shows: a figure, or a value's `repr` as plain text.
///
/// `display(obj)` shows a figure object as its picture and anything else (a tensor, a number, a
/// string) as its `repr`, as IPython's `display` shows `text/plain`.
public enum DisplayContent: Sendable, Hashable {
    /// A figure; the host draws it.
    case figure(Figure)
    /// A value's `repr`.
    case text(String)

    /// The plain-text form: a figure's short description (`<plot 2 lines>`), or the text itself.
    public var textFallback: String {
        switch self {
        case .figure(let figure): figure.textFallback
        case .text(let text): text
        }
    }
}
