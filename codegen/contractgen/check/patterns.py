"""Strings that match a ``pattern``, drawn from the regular expression's parse tree.

Python's own parser (``re._parser``) reads the pattern; each node of the tree
becomes a function that draws its part of a match.  Literals, classes (ranges,
``\\d``, ``\\w``, ``\\s`` and negations), ``.``, groups, alternation, repeats
and the anchors ``^`` and ``$`` are drawn.  Lookarounds, backreferences and
word boundaries are not: :class:`Unsupported` says so, and the caller then
draws from the schema another way.

A drawn string is only meant to match; the caller validates every instance it
builds, so a pattern whose meaning differs between Python and ECMA-262 (the
dialect of JSON Schema) costs a fallback, never a wrong input.
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
import re
from collections.abc import Callable, Sequence
from re import _constants as sre  # the opcodes of the parse tree, stable since 3.11
from re import _parser as sre_parse
from typing import Any

DrawText = Callable[[random.Random], str]

UNBOUNDED_EXTRA = 8
"""Repeats without an upper bound (``*``, ``+``, ``{n,}``) draw up to this many more."""

# Characters that ``.`` and negated classes draw from: printable ASCII, a few
# letters outside it, Chinese as in the contracts, and characters outside the
# Basic Multilingual Plane, which JavaScript strings hold as two code units.
_ASCII = [chr(code) for code in range(0x20, 0x7F)]
_WIDER = [*"éßΩжñ中文奖品签到库存", "\u00a0", "\U0001f600", "\U0001f381"]
POOL: tuple[str, ...] = (*_ASCII, *_WIDER)
_LINE_ENDS = frozenset("\n\r\u2028\u2029")

_CATEGORY_CHARS = {
    sre.CATEGORY_DIGIT: "0123456789",
    sre.CATEGORY_WORD: (
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
    ),
    sre.CATEGORY_SPACE: " \t\n\r\f\v",
}
# Python's re tells which characters belong to a category.
_POSITIVE_CATEGORY = {
    sre.CATEGORY_DIGIT: re.compile(r"\d"),
    sre.CATEGORY_WORD: re.compile(r"\w"),
    sre.CATEGORY_SPACE: re.compile(r"\s"),
}
_NEGATED_CATEGORY = {
    sre.CATEGORY_NOT_DIGIT: re.compile(r"\d"),
    sre.CATEGORY_NOT_WORD: re.compile(r"\w"),
    sre.CATEGORY_NOT_SPACE: re.compile(r"\s"),
}
_ANCHORS = frozenset(
    {sre.AT_BEGINNING, sre.AT_BEGINNING_STRING, sre.AT_END, sre.AT_END_STRING}
)
_SURROGATES = (0xD800, 0xDFFF)
_REPEATS = frozenset({sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT})


class Unsupported(Exception):
    """The schema (here: the pattern) uses something the fast generator cannot draw."""


def compile_pattern(pattern: str) -> DrawText:
    """A function that draws strings matching ``pattern``.

    :raises Unsupported: when Python cannot parse the pattern, or it uses a
        construct this module does not draw.
    """
    try:
        tree = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError) as error:
        raise Unsupported(f"pattern {pattern!r}: {error}") from None

    ignore_case = bool(tree.state.flags & re.IGNORECASE)
    match = _Compiler(pattern, ignore_case).sequence(list(tree))
    if _has_anchor(list(tree)):
        return match

    # ``pattern`` is searched for, not matched whole: text around a match is
    # allowed, and handlers that forget it are worth finding.
    def draw(rng: random.Random) -> str:
        text = match(rng)
        if rng.random() < 0.2:
            text = _padding(rng) + text

        if rng.random() < 0.2:
            text += _padding(rng)

        return text

    return draw


def _has_anchor(nodes: list[tuple[Any, Any]]) -> bool:
    """Whether an ``AT`` node (``^``, ``$``, ``\\b``...) is anywhere in ``nodes``."""
    for op, value in nodes:
        if op is sre.AT:
            return True

        if op is sre.BRANCH:
            children = [node for branch in value[1] for node in branch]
        elif op in _REPEATS:
            children = list(value[2])
        elif op is sre.SUBPATTERN:
            children = list(value[-1])
        elif op in (sre.ATOMIC_GROUP, sre.ASSERT, sre.ASSERT_NOT):
            children = list(value if op is sre.ATOMIC_GROUP else value[1])
        else:
            continue

        if _has_anchor(children):
            return True

    return False


def _padding(rng: random.Random) -> str:
    return "".join(rng.choice(POOL) for _ in range(rng.randint(1, 3)))


class _Compiler:
    def __init__(self, pattern: str, ignore_case: bool) -> None:
        self.pattern = pattern
        self.ignore_case = ignore_case

    def unsupported(self, what: str) -> Unsupported:
        return Unsupported(f"pattern {self.pattern!r} uses {what}")

    def sequence(self, nodes: Sequence[tuple[Any, Any]]) -> DrawText:
        parts: list[str | DrawText] = []
        for op, value in nodes:
            part = self.node(op, value)
            if isinstance(part, str) and parts and isinstance(parts[-1], str):
                parts[-1] += part  # runs of literals become one constant
            elif part != "":
                parts.append(part)

        if not parts:
            return lambda rng: ""

        if len(parts) == 1:
            only = parts[0]
            return only if callable(only) else lambda rng: only

        def draw(rng: random.Random) -> str:
            return "".join(p if isinstance(p, str) else p(rng) for p in parts)

        return draw

    def node(self, op: Any, value: Any) -> str | DrawText:
        """A constant for a literal or an anchor, else a function."""
        if op is sre.LITERAL:
            return chr(value)

        if op is sre.AT:
            if value in _ANCHORS:
                return ""

            raise self.unsupported(f"the assertion {value}")

        if op is sre.ANY:
            return _choice_of([c for c in POOL if c not in _LINE_ENDS])

        if op is sre.NOT_LITERAL:
            return _choice_of([c for c in POOL if not self.same(c, chr(value))])

        if op is sre.IN:
            return self.char_class(value)

        if op in _REPEATS:
            low, high, inner = value
            return _repeat(self.sequence(list(inner)), low, high)

        if op is sre.SUBPATTERN:
            return self.sequence(list(value[-1]))

        if op is sre.ATOMIC_GROUP:
            return self.sequence(list(value))

        if op is sre.BRANCH:
            return _one_of([self.sequence(list(branch)) for branch in value[1]])

        raise self.unsupported(str(op).lower())

    def same(self, left: str, right: str) -> bool:
        if self.ignore_case:
            return left.casefold() == right.casefold()

        return left == right

    def char_class(self, items: list[tuple[Any, Any]]) -> DrawText:
        if items and items[0][0] is sre.NEGATE:
            rest = items[1:]
            allowed = [c for c in POOL if not self.in_class(c, rest)]
            if not allowed:
                raise self.unsupported("a negated class that excludes every character")

            return _choice_of(allowed)

        draws: list[tuple[DrawText, int]] = []
        for op, value in items:
            if op is sre.LITERAL:
                draws.append((_constant(chr(value)), 1))
            elif op is sre.RANGE:
                draws.append((_code_range(*value), value[1] - value[0] + 1))
            elif op is sre.CATEGORY and value in _CATEGORY_CHARS:
                members = _CATEGORY_CHARS[value]
                draws.append((_choice_of(list(members)), len(members)))
            elif op is sre.CATEGORY and value in _NEGATED_CATEGORY:
                test = _NEGATED_CATEGORY[value]
                others = [c for c in POOL if not test.match(c)]
                draws.append((_choice_of(others), len(others)))
            else:
                raise self.unsupported(f"{op} {value} in a class")

        return _weighted(draws)

    def in_class(self, char: str, items: list[tuple[Any, Any]]) -> bool:
        """Whether ``char``, in any case when ignoring case, is in the class."""
        forms = {char, char.lower(), char.upper()} if self.ignore_case else {char}
        return any(_member(form, op, value) for form in forms for op, value in items)


def _member(char: str, op: Any, value: Any) -> bool:
    if op is sre.LITERAL:
        return char == chr(value)

    if op is sre.RANGE:
        low, high = value
        return bool(low <= ord(char) <= high)

    if op is sre.CATEGORY and value in _POSITIVE_CATEGORY:
        # Python's classes are wider than ECMA-262's: a character that either
        # dialect puts in the class is left out of the negation.
        return bool(_POSITIVE_CATEGORY[value].match(char))

    if op is sre.CATEGORY and value in _NEGATED_CATEGORY:
        return not _NEGATED_CATEGORY[value].match(char)

    raise Unsupported(f"{op} {value} in a negated class")


def _constant(text: str) -> DrawText:
    return lambda rng: text


def _choice_of(chars: Sequence[str]) -> DrawText:
    if not chars:
        raise Unsupported("a class with no character to draw")

    choices = tuple(chars)
    return lambda rng: rng.choice(choices)


def _code_range(low: int, high: int) -> DrawText:
    if low >= _SURROGATES[0] and high <= _SURROGATES[1]:
        raise Unsupported("a class of UTF-16 surrogates only")

    # Surrogates are not characters, and JSON text cannot carry one alone.
    instead = high if _SURROGATES[0] <= low <= _SURROGATES[1] else low

    def draw(rng: random.Random) -> str:
        code = rng.randint(low, high)
        return chr(instead if _SURROGATES[0] <= code <= _SURROGATES[1] else code)

    return draw


def _one_of(draws: Sequence[DrawText]) -> DrawText:
    if len(draws) == 1:
        return draws[0]

    options = tuple(draws)
    return lambda rng: rng.choice(options)(rng)


def _weighted(draws: Sequence[tuple[DrawText, int]]) -> DrawText:
    """Draw from one of ``draws``, picked by the square root of its size.

    Big ranges then come up more often than single characters, and the single
    characters (often the interesting ones, like ``-``) still come up.
    """
    if len(draws) == 1:
        return draws[0][0]

    options = tuple(draw for draw, _ in draws)
    bounds = list(itertools.accumulate(math.sqrt(size) for _, size in draws))
    total = bounds[-1]

    def draw(rng: random.Random) -> str:
        return options[bisect.bisect(bounds, rng.random() * total)](rng)

    return draw


def _repeat(inner: DrawText, low: int, high: int) -> DrawText:
    if high == sre.MAXREPEAT:
        high = low + UNBOUNDED_EXTRA

    def draw(rng: random.Random) -> str:
        # Short repeats most of the time, any allowed count otherwise.
        if rng.random() < 0.5:
            count = rng.randint(low, min(high, low + 2))
        else:
            count = rng.randint(low, high)

        return "".join([inner(rng) for _ in range(count)])

    return draw
