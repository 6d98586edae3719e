import Testing

@testable import Lang

/// Expected outputs were printed by CPython 3.11 running the same code.
@Suite("Interpreter: exceptions are objects")
struct ExceptionTests {
    @Test("a caught builtin error is an instance of its class: type, isinstance, args, str, repr")
    func caughtBuiltinError() {
        assertEvaluates(
            """
            try:
                1 / 0
            except ZeroDivisionError as e:
                print(type(e), type(e).__name__, e.__class__.__name__)
                print(isinstance(e, ZeroDivisionError), isinstance(e, ArithmeticError), isinstance(e, Exception))
                print(isinstance(e, BaseException), isinstance(e, ValueError), isinstance(e, (KeyError, ArithmeticError)))
                print(e.args, str(e), repr(e))
                print(e)
                print(f"{e!r} {e}", type(e) is ZeroDivisionError)
            """,
            prints: """
                <class 'ZeroDivisionError'> ZeroDivisionError ZeroDivisionError
                True True True
                True False True
                ('division by zero',) division by zero ZeroDivisionError('division by zero')
                division by zero
                ZeroDivisionError('division by zero') division by zero True

                """)
    }

    @Test("exception classes construct instances with Python's str, repr, args and attributes")
    func constructedInstances() {
        assertEvaluates(
            """
            print(repr(ValueError()), repr(ValueError(1, 2)), str(ValueError(1, 2)), str(ValueError(3)), ValueError(1, 2).args)
            print(str(KeyError('k')), repr(KeyError('k')), repr(str(KeyError())), str(KeyError(1, 2)))
            e = ValueError('v')
            print(e.__cause__, e.__context__, e.__suppress_context__, e.__traceback__, e.with_traceback(None) is e)
            e.args = [1, 2]
            print(e.args, e)
            print(StopIteration(3).value, StopIteration().value, repr(StopIteration()))
            print(ZeroDivisionError, type(ValueError), ValueError.__name__, ValueError.__bases__, BaseException.__bases__)
            print(ZeroDivisionError.__mro__)
            print(KeyboardInterrupt.__mro__)
            try:
                ValueError.x = 1
            except TypeError as error:
                print(error)
            try:
                ValueError(x=1)
            except TypeError as error:
                print(error)
            """,
            prints: """
                ValueError() ValueError(1, 2) (1, 2) 3 (1, 2)
                'k' KeyError('k') '' (1, 2)
                None None False None True
                (1, 2) (1, 2)
                3 None StopIteration()
                <class 'ZeroDivisionError'> <class 'type'> ValueError (<class 'Exception'>,) (<class 'object'>,)
                (<class 'ZeroDivisionError'>, <class 'ArithmeticError'>, <class 'Exception'>, <class 'BaseException'>, <class 'object'>)
                (<class 'KeyboardInterrupt'>, <class 'BaseException'>, <class 'object'>)
                cannot set 'x' attribute of immutable type 'ValueError'
                ValueError() takes no keyword arguments

                """)
    }

    @Test("a KeyError raised by a lookup carries the key itself, so str shows its repr")
    func keyErrors() {
        assertEvaluates(
            """
            d = {'a': 1}
            try:
                d['missing']
            except KeyError as e:
                print(e, repr(e), e.args)
            try:
                [1, 2][5]
            except LookupError as e:
                print(type(e).__name__, e)
            try:
                del d['gone']
            except KeyError as e:
                print(repr(e))
            try:
                d.pop('nothing')
            except KeyError as e:
                print(repr(e))
            try:
                '{x}'.format(y=1)
            except KeyError as e:
                print(repr(e))
            """,
            prints: """
                'missing' KeyError('missing') ('missing',)
                IndexError list index out of range
                KeyError('gone')
                KeyError('nothing')
                KeyError('x')

                """)
    }

    @Test("the builtin classes form Python's hierarchy")
    func hierarchy() {
        assertEvaluates(
            """
            pairs = [
                (ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError), (ArithmeticError, Exception),
                (IndexError, LookupError), (KeyError, LookupError), (LookupError, Exception),
                (RecursionError, RuntimeError), (NotImplementedError, RuntimeError), (RuntimeError, Exception),
                (UnboundLocalError, NameError), (ModuleNotFoundError, ImportError), (FileNotFoundError, OSError),
                (TimeoutError, OSError), (IndentationError, SyntaxError), (StopIteration, Exception),
                (AssertionError, Exception), (AttributeError, Exception), (MemoryError, Exception), (TypeError, Exception),
                (ValueError, Exception), (Exception, BaseException), (KeyboardInterrupt, BaseException),
                (KeyboardInterrupt, Exception), (SystemExit, Exception), (ValueError, ArithmeticError),
            ]
            print(all(issubclass(c, BaseException) for c, _ in pairs))
            print([issubclass(c, p) for c, p in pairs])
            """,
            prints: """
                True
                [True, True, True, True, True, True, True, True, True, True, True, True, True, True, True, True, True, True, True, True, True, True, False, False, False]

                """)
    }

    @Test("user exception classes subclass builtin ones, with or without their own __init__")
    func userClasses() {
        assertEvaluates(
            """
            class MyError(ValueError):
                pass

            class CodeError(Exception):
                def __init__(self, message, code):
                    super().__init__(message)
                    self.code = code

            class Quiet(Exception):
                def __init__(self, code):
                    self.code = code

            class Custom(Exception):
                def __str__(self):
                    return 'custom text'

            try:
                raise MyError('bad thing')
            except ValueError as e:
                print(type(e).__name__, e, e.args, repr(e), isinstance(e, MyError), isinstance(e, ValueError))
            try:
                raise MyError
            except (KeyError, MyError) as e:
                print(repr(e), e.args, str(e) == '')
            try:
                raise CodeError('disk full', 28)
            except Exception as e:
                print(e, e.code, e.args, repr(e), e.__class__.__mro__[1].__name__)
            try:
                raise Quiet(7)
            except Quiet as e:
                print(e.args, e, e.code)
            print(Custom('x'), repr(Custom('x')), Custom('x').args)
            print(issubclass(MyError, ValueError), issubclass(MyError, Exception), issubclass(MyError, KeyError))
            try:
                try:
                    raise MyError('inner')
                except KeyError:
                    print('not here')
            except Exception as e:
                print('outer', repr(e))
            """,
            prints: """
                MyError bad thing ('bad thing',) MyError('bad thing') True True
                MyError() () True
                disk full 28 ('disk full',) CodeError('disk full') Exception
                (7,) 7 7
                custom text Custom('x') ('x',)
                True True False
                outer MyError('inner')

                """)
    }

    @Test("raise … from sets __cause__; an error raised while handling another records it as __context__")
    func chaining() {
        assertEvaluates(
            """
            try:
                try:
                    {}['k']
                except KeyError as e:
                    raise ValueError('bad key') from e
            except ValueError as err:
                print(repr(err), repr(err.__cause__), err.__suppress_context__, type(err.__context__).__name__)
            try:
                try:
                    1 / 0
                except ZeroDivisionError:
                    raise RuntimeError('no') from None
            except RuntimeError as err:
                print(err.__cause__, err.__suppress_context__, repr(err.__context__))
            try:
                raise TypeError('t') from KeyError
            except TypeError as err:
                print(repr(err.__cause__), err.__context__)
            try:
                try:
                    1 / 0
                except ZeroDivisionError:
                    [][0]
                finally:
                    print('finally runs')
            except IndexError as e:
                print('got', repr(e), repr(e.__context__))
            """,
            prints: """
                ValueError('bad key') KeyError('k') True KeyError
                None True ZeroDivisionError('division by zero')
                KeyError() None
                finally runs
                got IndexError('list index out of range') ZeroDivisionError('division by zero')

                """)
    }

    @Test("a bare raise re-raises the exception being handled, the same object; the handler's name is unbound after it")
    func reraise() {
        assertEvaluates(
            """
            def f():
                try:
                    [][1]
                except IndexError:
                    print('cleaning up')
                    raise

            try:
                f()
            except LookupError as e:
                print('caught again:', repr(e))

            try:
                try:
                    int('x')
                except ValueError as first:
                    saved = first
                    raise
            except ValueError as second:
                print(second is saved, repr(second))

            try:
                try:
                    raise KeyError('a')
                except KeyError as e:
                    raise e
            except KeyError as again:
                print(repr(again))

            def handle():
                try:
                    1 / 0
                except ZeroDivisionError:
                    helper()

            def helper():
                raise

            try:
                handle()
            except ZeroDivisionError as e:
                print('from helper:', e)

            try:
                1 / 0
            except ZeroDivisionError as e:
                pass
            try:
                e
            except NameError as missing:
                print(missing)
            """,
            prints: """
                cleaning up
                caught again: IndexError('list index out of range')
                True ValueError("invalid literal for int() with base 10: 'x'")
                KeyError('a')
                from helper: division by zero
                name 'e' is not defined

                """)
    }

    @Test("try/except/else/finally run in Python's order, also on return, break and continue")
    func ordering() {
        assertEvaluates(
            """
            def g(x):
                try:
                    print('try', x)
                    if x == 0:
                        return 'returned from try'
                    if x == 1:
                        raise ValueError('one')
                except ValueError as e:
                    print('except', e)
                    return 'returned from except'
                else:
                    print('else')
                    return 'returned from else'
                finally:
                    print('finally', x)

            for x in range(3):
                print(g(x))

            for i in range(3):
                try:
                    if i == 0:
                        continue
                    if i == 2:
                        break
                    print('body', i)
                finally:
                    print('finally', i)

            def h():
                try:
                    return 'try'
                finally:
                    return 'finally wins'
            print(h())

            def swallow():
                for i in range(2):
                    try:
                        raise KeyError(i)
                    finally:
                        break
                return 'swallowed'
            print(swallow())

            try:
                try:
                    pass
                except ZeroDivisionError:
                    print('not here')
                else:
                    1 / 0
            except ZeroDivisionError as e:
                print('else raised', e)

            try:
                try:
                    raise ValueError('from body')
                finally:
                    print('cleanup before propagating')
            except ValueError as e:
                print('then caught', e)

            try:
                try:
                    raise ValueError('lost')
                finally:
                    raise KeyError('replaces')
            except Exception as e:
                print(repr(e), repr(e.__context__))

            def nested():
                try:
                    try:
                        return 1
                    finally:
                        print('inner finally')
                finally:
                    print('outer finally')
            print(nested())
            """,
            prints: """
                try 0
                finally 0
                returned from try
                try 1
                except one
                finally 1
                returned from except
                try 2
                else
                finally 2
                returned from else
                finally 0
                body 1
                finally 1
                finally 2
                finally wins
                swallowed
                else raised division by zero
                cleanup before propagating
                then caught from body
                KeyError('replaces') ValueError('lost')
                inner finally
                outer finally
                1

                """)
    }

    @Test("an uncaught user exception is reported like a builtin one: its class name, its message, the traceback")
    func uncaughtUserException() {
        let result = Session().run(
            """
            class MyError(ValueError):
                pass

            def check(x):
                if x < 0:
                    raise MyError(f'negative: {x}')

            check(-1)
            """)
        guard let error = result.error else {
            Issue.record("expected an error")
            return
        }
        #expect(
            ErrorFormatter.render(error) == """
                Traceback (most recent call last):
                  Cell [1], line 8, in <module>
                    check(-1)
                    ^^^^^^^^^
                  Cell [1], line 6, in check
                    raise MyError(f'negative: {x}')
                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
                MyError: negative: -1

                """)
        assertRaises(
            "class Custom(Exception):\n    def __str__(self):\n        return 'custom'\nraise Custom()", "Custom",
            "custom")
        assertRaises("class Bare(Exception):\n    pass\nraise Bare", "Bare")
        assertRaises("raise KeyError('k')", "KeyError", "'k'")
        assertRaises("{}['k']", "KeyError", "'k'")
    }

    @Test("what cannot be raised, caught or re-raised is a TypeError or RuntimeError, as in Python")
    func misuse() {
        assertRaises("raise 5", "TypeError", "exceptions must derive from BaseException", at: "raise 5")
        assertRaises("raise ValueError from 5", "TypeError", "exception causes must derive from BaseException")
        assertRaises(
            "try:\n    1 / 0\nexcept 5:\n    pass", "TypeError",
            "catching classes that do not inherit from BaseException is not allowed")
        assertRaises("raise", "RuntimeError", "No active exception to reraise")
        assertRaises(
            "class Needs(Exception):\n    def __init__(self, a):\n        pass\nraise Needs", "TypeError", "missing 1")
    }

    @Test("while finally runs for a pending exception, a bare raise re-raises it and a new one records it")
    func finallyHandlesPending() {
        assertEvaluates(
            """
            try:
                try:
                    1 / 0
                finally:
                    raise
            except ZeroDivisionError as e:
                print('re-raised', repr(e), e.__context__)
            try:
                try:
                    [][1]
                finally:
                    raise ValueError('from finally')
            except ValueError as e:
                print(repr(e), repr(e.__context__))
            try:
                try:
                    pass
                finally:
                    raise
            except RuntimeError as e:
                print(e)
            """,
            prints: """
                re-raised ZeroDivisionError('division by zero') None
                ValueError('from finally') IndexError('list index out of range')
                No active exception to reraise

                """)
    }

    @Test("`raise … from …` keeps its cause where name analysis reads it")
    func raiseFromNames() {
        let names = NameAnalysis.analyze("try:\n    f()\nexcept KeyError as err:\n    raise ValueError(msg) from err")
        #expect(names.uses == ["f", "KeyError", "ValueError", "msg"])
        #expect(NameAnalysis.analyze("raise Problem() from cause").uses == ["Problem", "cause"])
        let parsed = Parser.parse(Source(name: "<test>", text: "raise A from B\nraise C\nraise"))
        let kinds = parsed.statements.map(\.kind)
        guard kinds.count == 3, case .raise(let exception?, let cause?) = kinds[0],
            case .raise(let plain?, nil) = kinds[1], case .raise(nil, nil) = kinds[2]
        else {
            Issue.record("unexpected statements: \(kinds)")
            return
        }
        #expect("\(exception.kind) \(cause.kind) \(plain.kind)" == "name(\"A\") name(\"B\") name(\"C\")")
    }

    @Test("the session survives a handled error and keeps its variables")
    func sessionContinues() {
        let session = Session()
        _ = session.run("kept = [1, 2]\ntry:\n    raise ValueError('x')\nexcept ValueError as e:\n    caught = e")
        let result = session.run("print(kept, repr(caught), caught.args)")
        #expect(result.errors.isEmpty)
        #expect(result.stdout == "[1, 2] ValueError('x') ('x',)\n")
    }

    @Test("the builtin exception classes have Python's bases; aliases, and a program's own classes, catch as in Python")
    func builtinHierarchy() {
        assertEvaluates(
            """
            for cls in [
                    BaseException, SystemExit, KeyboardInterrupt, GeneratorExit, Exception, ArithmeticError,
                    FloatingPointError, OverflowError, ZeroDivisionError, AssertionError, AttributeError,
                    BufferError, EOFError, ImportError, ModuleNotFoundError, LookupError, IndexError, KeyError,
                    MemoryError, NameError, UnboundLocalError, OSError, FileExistsError, FileNotFoundError,
                    IsADirectoryError, NotADirectoryError, PermissionError, TimeoutError, ReferenceError,
                    RuntimeError, NotImplementedError, RecursionError, StopIteration, StopAsyncIteration,
                    SyntaxError, IndentationError, TabError, SystemError, TypeError, ValueError, UnicodeError,
                    Warning, UserWarning, DeprecationWarning, RuntimeWarning, FutureWarning
            ]:
                print(cls.__name__, cls.__bases__[0].__name__)
            """,
            prints: """
                BaseException object
                SystemExit BaseException
                KeyboardInterrupt BaseException
                GeneratorExit BaseException
                Exception BaseException
                ArithmeticError Exception
                FloatingPointError ArithmeticError
                OverflowError ArithmeticError
                ZeroDivisionError ArithmeticError
                AssertionError Exception
                AttributeError Exception
                BufferError Exception
                EOFError Exception
                ImportError Exception
                ModuleNotFoundError ImportError
                LookupError Exception
                IndexError LookupError
                KeyError LookupError
                MemoryError Exception
                NameError Exception
                UnboundLocalError NameError
                OSError Exception
                FileExistsError OSError
                FileNotFoundError OSError
                IsADirectoryError OSError
                NotADirectoryError OSError
                PermissionError OSError
                TimeoutError OSError
                ReferenceError Exception
                RuntimeError Exception
                NotImplementedError RuntimeError
                RecursionError RuntimeError
                StopIteration Exception
                StopAsyncIteration Exception
                SyntaxError Exception
                IndentationError SyntaxError
                TabError IndentationError
                SystemError Exception
                TypeError Exception
                ValueError Exception
                UnicodeError ValueError
                Warning Exception
                UserWarning Warning
                DeprecationWarning Warning
                RuntimeWarning Warning
                FutureWarning Warning

                """)
        assertEvaluates(
            """
            print(IOError is OSError, EnvironmentError is OSError)
            try:
                raise FileNotFoundError('gone')
            except IOError as e:
                print(type(e).__name__, e)
            class AppError(LookupError):
                pass
            try:
                raise AppError('k')
            except LookupError as e:
                print(type(e).__name__, isinstance(e, Exception), isinstance(e, KeyError))
            try:
                {}['k']
            except (AppError, LookupError) as e:
                print(type(e).__name__)
            """,
            prints: """
                True True
                FileNotFoundError gone
                AppError True False
                KeyError

                """)
    }
}
