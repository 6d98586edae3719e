# A str is a sequence of code points, as in CPython: length, indexing, slicing, iteration,
# search positions, widths, equality, hashing and ordering all count and compare code points,
# never grapheme clusters or canonically equivalent spellings.
# str_code_points.out is what CPython prints for this program:
#   python3 Tests/LangTests/Golden/str_code_points.py > Tests/LangTests/Golden/str_code_points.out
crlf = "\r\n"
decomposed = "e\u0301"
composed = "\u00e9"
thumb = "👍🏽"
flag = "\U0001F1EB\U0001F1F7"
family = "👨\u200d👩\u200d👧"
word = "cafe\u0301s"
samples = [crlf, decomposed, composed, thumb, flag, family, word, ""]

print("len", [len(s) for s in samples])
print("ord", ord(composed), ord("\u0301"), ord("\U0001F44D"))
for s in [decomposed, thumb, crlf]:
    try:
        ord(s)
    except TypeError as error:
        print("TypeError:", error)

print("index", [ord(word[i]) for i in range(len(word))], ord(word[-2]), ord(word[-1]), ord(thumb[1]))
try:
    print(word[6])
except IndexError as error:
    print("IndexError:", error)
print("slice", [word[:4], word[4:], word[3:5], word[-2:], word[:-2]])
print("reverse", [ord(c) for c in word[::-1]], [ord(c) for c in thumb[::-1]], [ord(c) for c in word[::2]])
print("steps", [ord(c) for c in word[5:0:-2]], [ord(c) for c in family[::-2]], word[100:], word[-100:2])
print("iterate", [ord(c) for c in decomposed], [ord(c) for c in crlf], len(list(family)), list(crlf))
count = 0
for c in family:
    count += 1
print("for", count, [len(c) for c in thumb], list(enumerate(decomposed))[1][0])

print("find", word.find("\u0301"), word.find("s"), word.index("s"), word.find("e"), word.find("x"), word.find(""))
print("count", word.count("e"), word.count(""), "aaa".count("a"), crlf.count("\n"), family.count("\u200d"))
print("find composed", word.find(composed), (word + composed).find(composed), (composed + "x").find("e"))
try:
    word.index(composed)
except ValueError as error:
    print("ValueError:", error)

print("pad", [decomposed.center(5, "*"), decomposed.ljust(4, "."), decomposed.rjust(4), "-" + decomposed.zfill(4)])
print("pad emoji", [thumb.center(6, "*"), thumb.ljust(3, "."), thumb.rjust(3, "."), crlf.rjust(3, "|")])
print(f"[{decomposed:>5}] [{decomposed:<5}] [{decomposed:^6}] [{thumb:*^6}] [{word:.5}] [{word:10}]")
print("[{:>4}] [{:_<4}]".format(decomposed, thumb), "[%5s] [%-5s]" % (decomposed, thumb))
print("format", format(decomposed, ">4"), format(thumb, "~^5"))

print("equal", decomposed == composed, decomposed != composed, decomposed == "e\u0301", [composed] == [decomposed])
print("in", composed in decomposed, "e" in decomposed, "\u0301" in word, composed in [decomposed], decomposed in (decomposed,))
print("order", decomposed < composed, composed < decomposed, composed > decomposed, "z" < composed, sorted([composed, "f", decomposed, "e"]))
print("min max", min(composed, decomposed) == decomposed, max([decomposed, composed]) == composed)
d = {composed: "composed"}
d[decomposed] = "decomposed"
print("dict", len(d), d[composed], d[decomposed], composed in d, "e\u0301" in d, sorted(d.values()))
s = {composed, decomposed, "e\u0301", "\u00e9"}
print("set", len(s), decomposed in s, {decomposed} == {composed}, len({crlf, "\r", "\n"}))
print("starts", word.startswith("cafe"), word.endswith("\u0301s"), decomposed.startswith("e"), composed.startswith("e"), word.startswith(("x", "caf")))
print("ends", decomposed.endswith("\u0301"), (word + "e").endswith(decomposed), thumb.endswith("\U0001F3FD"), thumb.startswith("\U0001F44D"))
print("replace", [ord(c) for c in decomposed.replace("\u0301", "")], word.replace("e", "E") == "cafE\u0301s", composed.replace("e", "x") == composed, crlf.replace("\r", "R"))
print("split", [len(p) for p in word.split("e")], crlf.split("\r"), family.split("\u200d") == ["👨", "👩", "👧"], decomposed.split(composed) == [decomposed])
print("split ws", "a\r\nb\u00a0c\u2003d\x1ce".split(), " x\u0301 y ".split())
print("strip", [ord(c) for c in "a\u0301".rstrip("\u0301")], [ord(c) for c in "\u0301a".lstrip("\u0301")], len(" \u0301 ".strip()))
print("join", len("\u0301".join(["a", "b"])), len(decomposed + decomposed), len(decomposed * 3))

print("isdigit", [c.isdigit() for c in ["1", "\u00b2", "\u00bd", "\u0663", "1\u0301"]])
print("isalpha", [c.isalpha() for c in [decomposed, composed, "e", "\u0301", "\u2167", thumb]])
print("isalnum", [c.isalnum() for c in [decomposed, "\u00bd", "a1", "\u2167"]])
print("isspace", [c.isspace() for c in [crlf, "\x1c", "\u00a0", "\u200b", " \u0301"]])
print("case", [c.isupper() for c in ["E\u0301", "\u01c5", "\u0301"]], [c.islower() for c in [decomposed, "\u00df", "\u01c5"]])
print("upper", [ord(c) for c in decomposed.upper()], len("stra\u00dfe".upper()), "\u0130".lower() == "i\u0307", composed.upper() == "\u00c9")
print("title", "hello world's e\u0301t\u00e9 \u01c6a".title(), "x\u0301yZ \u01c6".capitalize(), "\u00df".title(), "\u00dfa".capitalize())

print("repr", repr(decomposed), repr(thumb), repr(family), repr("'\u0301"), repr("\u00a0\u200b\x85"), repr(crlf))
print("str", str(decomposed) == decomposed, len(str([decomposed])), len(repr(decomposed)))
print("chr", chr(0x301) == "\u0301", len(chr(0x65) + chr(0x301)), chr(0x65) + chr(0x301) == decomposed)

# Neighbouring str behaviour this relies on, as CPython has it.
print("%5s|%-5s|%.2s|%5.1s|%r|%6r|%3s|" % ("ab", "cd", "xyz", "pq", "a", 1, decomposed))
print("ab".replace("", "-"), decomposed.replace("", "|") == "|e|\u0301|", "".replace("", "x"), "aaa".replace("a", "bb", ))
print("-42".zfill(6), "+7".zfill(3), "a".center(4, "*"), "ab".center(5, "*"), "abc".center(6, "*"), "x".ljust(-3) + "|")
print("a  b c ".split(None, 1), " a\u00a0b ".strip(), "\u2003x\u2003".split(), "a,b,,c".split(",", 2), "abcabc".split("bc"))
print("hello".find("l"), "hello".find("lo"), "hello".find("ll"), "aab".find("ab"), "abababc".find("ababc"), "abababc".count("aba"))
for t in ["", "a", thumb, word]:
    print(len(t), [t[i:j] == "".join(list(t)[i:j]) for i in range(-2, 3) for j in range(-1, 3)].count(True), repr(t[::-1]))
try:
    "x".center(3, "ab")
except TypeError as error:
    print("TypeError:", error)
print("sigma", "\u039f\u0394\u039f\u03a3 \u03a3".lower(), "\u03a3\u0391\u03a3'\u0301 x".lower(), "a\u03a3b".lower(), "\u03a3\u03a3".capitalize(), "x\u03a3 \u03a3\u03a3".title())
print("numbers", [int(t) for t in ["7\n", " 12 ", "\u00a012\u2003", "\u0661\u0662", "-5\r\n"]], float("\u0663.5\n"))
print("bounds", word.find("s", 2), word.find("e", -3), word.find("\u0301", 0, 4), word.find("", 6), word.find("", 7), word.count("", 2), word.count("a", 1, -1), word.index("s", -1), "abc".find("", 2, 1), "abc".count("", 5))
