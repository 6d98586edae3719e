/// Small counts as types, so each tile shape of the wide kernels gets its own specialized loop
/// with every count a constant.
protocol Count { static var value: Int { get } }

enum N0: Count { static var value: Int { 0 } }
enum N1: Count { static var value: Int { 1 } }
enum N2: Count { static var value: Int { 2 } }
enum N3: Count { static var value: Int { 3 } }
enum N4: Count { static var value: Int { 4 } }
enum N5: Count { static var value: Int { 5 } }
enum N6: Count { static var value: Int { 6 } }
enum N7: Count { static var value: Int { 7 } }
enum N8: Count { static var value: Int { 8 } }
enum N9: Count { static var value: Int { 9 } }
enum N10: Count { static var value: Int { 10 } }
enum N11: Count { static var value: Int { 11 } }
enum N12: Count { static var value: Int { 12 } }
enum N14: Count { static var value: Int { 14 } }
enum N16: Count { static var value: Int { 16 } }

typealias V1 = N1
typealias V2 = N2
typealias V4 = N4
