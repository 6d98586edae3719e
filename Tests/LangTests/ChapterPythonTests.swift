import Testing

@testable import Lang

/// The Python the LeNet and modern-CNN chapters write: `super(Cls, self).__init__(**kwargs)`,
/// `**kwargs`, `//=`, `round`, `sorted`, methods added to a class after it was made (d2l's
/// `add_to_class`), `setattr`, `dir`. Expected texts are what CPython 3.11 printed.
@Suite("Python the chapters rely on")
struct ChapterPythonTests {
    @Test("super(Cls, self).__init__(**kwargs) and **kwargs in definitions and calls")
    func keywordArguments() {
        assertEvaluates(
            """
            class Base:
                def __init__(self, x, **kwargs):
                    self.x = x
                    self.kw = kwargs
            class Child(Base):
                def __init__(self, **kwargs):
                    super(Child, self).__init__(1, **kwargs)
            b = Child(y=2, z=3)
            print(b.x, b.kw, b.__class__.__name__, type(b).__name__)
            def f(a, *args, **kw):
                return a, args, kw
            print(f(**{'a': 1}, b=2), f(1, 2, *[3], c=4, **{'d': 5}))
            """,
            prints: """
                1 {'y': 2, 'z': 3} Child Child
                (1, (), {'b': 2}) (1, (2, 3), {'c': 4, 'd': 5})

                """)
    }

    @Test("//=, round (half to even, ndigits), int(round(x)) and sorted (key, reverse)")
    func numbers() {
        assertEvaluates(
            """
            n = 17
            n //= 2
            m = -7
            m //= 2
            print(n, m)
            print(round(2.5), round(3.5), round(-0.5), round(-1.5), round(2.675, 2), round(1234, -2), round(1250, -2), round(0.125, 2), round(7.0), round(2.5, 0))
            print(int(round(32 * 0.25)), int(round(64 * 0.5)), int(round(3 * 1.5)), type(round(2.5)).__name__)
            print(sorted([3, 1, 2], reverse=True), sorted(['bb', 'a', 'ccc', 'dd'], key=len), sorted([(1, 'b'), (1, 'a')]), sorted({3: 0, 1: 0}), sorted([1, 3, 2], key=lambda v: -v, reverse=True))
            """,
            prints: """
                8 -4
                2 4 0 -2 2.67 1200 1200 0.12 7 2.0
                8 32 4 int
                [3, 2, 1] ['a', 'bb', 'dd', 'ccc'] [(1, 'a'), (1, 'b')] [1, 3] [1, 2, 3]

                """)
    }

    @Test("methods attached after the class was made are seen by existing instances; setattr, delattr, dir")
    func lateMethods() {
        assertEvaluates(
            """
            class Base:
                def __init__(self, x):
                    self.x = x
            class Child(Base):
                pass
            a = Base(5)
            b = Child(1)
            def double(self):
                return self.x * 2
            Base.double = double
            setattr(Base, 'triple', lambda self: self.x * 3)
            print(a.double(), a.triple(), b.double())
            setattr(a, 'y', 9)
            print(a.y, hasattr(a, 'y'), getattr(a, 'z', 'none'))
            delattr(a, 'y')
            print(hasattr(a, 'y'), 'double' in dir(Base), [k for k in dir(a) if not k.startswith('_')])
            print(bool(None), not None, None is None, bool(a))
            """,
            prints: """
                10 15 2
                9 True none
                False True ['double', 'triple', 'x']
                False True True True

                """)
    }

    @Test("setattr needs a string name")
    func setattrName() {
        assertRaises("class A: pass\nsetattr(A(), 3, 1)", "TypeError", "attribute name must be string, not 'int'")
    }
}
