"""Colour arithmetic for accessibility checks: contrast ratios and colour-blindness simulation.

* :func:`contrast_ratio` follows WCAG 2.2 (relative luminance of sRGB colours);
  body text needs at least 4.5:1.
* :func:`simulate` shows a colour as seen with protanopia, deuteranopia or
  tritanopia, using the severity-1.0 matrices of Machado, Oliveira and
  Fernandes (2009), applied to linear RGB.
* :func:`confusable_pairs` lists the colours in a set that come closer than a
  CIE ΔE\\*ab threshold under any of the three simulations, which is how the
  browser tests decide that a chart's palette stays apart for colour-blind readers.
"""

from __future__ import annotations

import itertools
import re

RGB = tuple[float, float, float]

#: Machado et al. (2009), severity 1.0, rows give linear R, G, B from linear R, G, B.
CVD_MATRICES: dict[str, tuple[RGB, RGB, RGB]] = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}

_HEX = re.compile(r"^#([0-9a-f]{3}|[0-9a-f]{6})$", re.IGNORECASE)
_RGB_FUNCTION = re.compile(r"^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$")


def parse_colour(text: str) -> tuple[RGB, float]:
    """Return ``((r, g, b), alpha)`` with channels 0-255 from ``#rgb``, ``#rrggbb``, ``rgb()`` or ``rgba()``.

    Raises
    ------
    ValueError
        For any other form (named colours are not needed: browsers report computed colours as rgb()).
    """
    value = text.strip().lower()
    found = _HEX.match(value)
    if found:
        digits = found[1] if len(found[1]) == 6 else "".join(c * 2 for c in found[1])
        return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)), 1.0
    found = _RGB_FUNCTION.match(value)
    if found:
        alpha = found[4]
        a = 1.0 if alpha is None else (float(alpha[:-1]) / 100 if alpha.endswith("%") else float(alpha))
        return (float(found[1]), float(found[2]), float(found[3])), a
    raise ValueError(f"not a colour this check understands: {text!r} (use #rrggbb, rgb() or rgba())")


def blend(colour: RGB, alpha: float, background: RGB) -> RGB:
    """Return ``colour`` at ``alpha`` painted over an opaque ``background``."""
    return tuple(alpha * c + (1 - alpha) * b for c, b in zip(colour, background))  # type: ignore[return-value]


def _linear(channel: float) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(linear: float) -> float:
    linear = min(max(linear, 0.0), 1.0)
    c = 12.92 * linear if linear <= 0.0031308 else 1.055 * linear ** (1 / 2.4) - 0.055
    return 255 * c


def relative_luminance(colour: RGB) -> float:
    """WCAG relative luminance of an sRGB colour (channels 0-255)."""
    r, g, b = (_linear(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: RGB, background: RGB) -> float:
    """WCAG contrast ratio, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def simulate(colour: RGB, kind: str) -> RGB:
    """Return ``colour`` as seen with ``kind`` ("protanopia", "deuteranopia" or "tritanopia")."""
    matrix = CVD_MATRICES[kind]
    linear = [_linear(c) for c in colour]
    return tuple(_gamma(sum(m * v for m, v in zip(row, linear))) for row in matrix)  # type: ignore[return-value]


def _lab(colour: RGB) -> RGB:
    r, g, b = (_linear(c) for c in colour)
    # sRGB to XYZ (D65), then to CIELAB.
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(first: RGB, second: RGB) -> float:
    """CIE 1976 colour difference ΔE*ab; about 2.3 is just noticeable, 10 or more is easy to tell apart."""
    return sum((a - b) ** 2 for a, b in zip(_lab(first), _lab(second))) ** 0.5


def confusable_pairs(colours: list[str], minimum: float) -> list[str]:
    """Return the pairs of ``colours`` closer than ``minimum`` ΔE for normal vision or any simulated deficiency."""
    parsed = {c: parse_colour(c)[0] for c in dict.fromkeys(colours)}
    problems = []
    for (name_a, a), (name_b, b) in itertools.combinations(parsed.items(), 2):
        for kind in ("normal", *CVD_MATRICES):
            seen_a, seen_b = (a, b) if kind == "normal" else (simulate(a, kind), simulate(b, kind))
            distance = delta_e(seen_a, seen_b)
            if distance < minimum:
                problems.append(f"{name_a} and {name_b}: ΔE {distance:.1f} with {kind}")
    return problems
