# Plain Python: values, control flow, functions and formatting, as CPython prints them.
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a

[fib(i) for i in range(10)]
squares = {n: n * n for n in range(5) if n % 2 == 0}
squares
words = "the quick brown fox".split()
sorted(words, key=len)
print(" ".join(w.upper() for w in words), len(words))
print(f"{3.14159:.3f}|{42:>6}|{'ab':^6}|{0.000123:.2e}|{255:x}|{1234567.891:,.2f}")
print(7 // 2, -7 // 2, 7 % -3, 2 ** 0.5, 10 / 4, divmod(17, 5))
print(round(2.5), round(3.5), round(-0.5), round(1.005, 2), abs(-7.25))
total = 0
i = 10
while i > 0:
    i -= 3
    if i == 4:
        continue
    total += i
print(total, i)
t = (1, 2, 3)
first, *rest = t
print(first, rest, t[::-1], t[-1], (1,), ())
def describe(x, *args, sep="-", **kw):
    return sep.join(str(a) for a in (x,) + args) + str(sorted(kw.items()))
describe(1, 2, 3, sep="+", b=2, a=1)
0.1 + 0.2, 1e-05, 1e16, 1.5e300 * 1e10, -0.0
text = "one\ntwo\r\nthree\rfour\x0bfive\x1csix\u2028seven\n\nlast"
print(text.splitlines())
print(len(text.splitlines(True)), "".join(text.splitlines(True)) == text, "".join(text.splitlines()) == text)
print(text.splitlines(keepends=True)[:3], "".splitlines(), "\n".splitlines(), "a\r\n".splitlines(True), "a\n\rb".splitlines())
