/// What makes an ``Instance`` an exception: the arguments it was made with and the exceptions it
/// is chained to (the fields of Python's `BaseException`).
///
/// Every instance of a class deriving from `BaseException` has one, set when the instance is
/// made (``Interpreter/instantiate(_:_:)``), before any `__init__` runs: as in Python,
/// `args` holds the constructor's positional arguments even when a subclass's `__init__` never
/// calls `super().__init__`.
final class ExceptionState {
    /// `args`: the positional arguments of the constructor, or those last given to
    /// `BaseException.__init__`.
    var arguments: [Value]
    /// `__cause__`: the exception named by `raise … from cause`, `None` otherwise.
    var cause: Value = .none
    /// `__context__`: the exception that was being handled when this one was raised.
    var context: Value = .none
    /// `__suppress_context__`: set by `raise … from …` (`from None` too), so that only the cause
    /// is shown.
    var suppressesContext = false

    init(arguments: [Value]) {
        self.arguments = arguments
    }
}
