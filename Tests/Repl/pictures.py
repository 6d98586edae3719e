"""Independent readers for what the REPL draws: a PNG decoder (8-bit RGB/RGBA, non-interlaced) and a
sixel decoder, so a drawn picture can be compared with the PNG file written beside it."""

import re
import struct
import zlib


def read_png(data):
    """(width, height, rows of (r, g, b, a)) from PNG bytes."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, chunks, header = 8, b"", None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks += body
        position += 12 + length
    width, height, depth, color, _, _, interlace = header
    assert depth == 8 and color in (2, 6) and interlace == 0, header
    channels = 4 if color == 6 else 3
    raw = zlib.decompress(chunks)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = previous[x]
            c = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[i:i + channels]) + ((255,) if channels == 3 else ()) for i in range(0, stride, channels)])
        previous = line
    return width, height, rows


def read_sixel(text):
    """(width, height, rows of (r, g, b) or None) from a sixel sequence `ESC P … q … ESC \\`."""
    body = re.search(r"\x1bP[0-9;]*q(.*?)\x1b\\", text, re.S).group(1)
    raster = re.match(r'"1;1;(\d+);(\d+)', body)
    width, height = int(raster.group(1)), int(raster.group(2))
    pixels = [[None] * width for _ in range(height)]
    palette, color, x, band = {}, 0, 0, 0
    for token in re.finditer(r'#(\d+)(?:;2;(\d+);(\d+);(\d+))?|!(\d+)([?-~])|([?-~])|(\$)|(-)|"[0-9;]*', body):
        number, r, g, b, count, repeated, single, back, down = token.groups()
        if number is not None:
            color = int(number)
            if r is not None:
                palette[color] = tuple(round(int(v) * 255 / 100) for v in (r, g, b))
        elif repeated or single:
            bits = ord(repeated or single) - 63
            for _ in range(int(count) if count else 1):
                for row in range(6):
                    if bits & (1 << row) and band + row < height:
                        pixels[band + row][x] = palette[color]
                x += 1
        elif back:
            x = 0
        elif down:
            x, band = 0, band + 6
    return width, height, pixels
