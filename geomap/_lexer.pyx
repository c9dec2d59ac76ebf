# cython: language_level=3
"""Compiled word and sentence-end scanners: the fast path of ``geomap.extract``'s lexing.

The regular expressions in ``geomap.extract.lexer`` are the specification (``SPLIT`` for words,
``SENTENCE_END_AT`` for sentence ends); these functions give the same results in one C
loop over the text. ``tests/test_lexer.py`` checks them against the expressions. Without a C
compiler geomap installs without this module and uses the expressions.
"""

from cpython.unicode cimport (
    Py_UNICODE_ISALNUM,
    Py_UNICODE_ISDECIMAL,
    Py_UNICODE_ISSPACE,
    Py_UNICODE_ISUPPER,
)

__all__ = ["split_words", "sentence_ends"]


cdef extern from "Python.h":
    int PyUnicode_KIND(object text)
    void* PyUnicode_DATA(object text)
    Py_UCS4 PyUnicode_READ(int kind, void* data, Py_ssize_t index) noexcept nogil


cdef struct Text:
    int kind
    void* data
    Py_ssize_t n


cdef inline Text _text(str text):
    cdef Text t
    t.kind = PyUnicode_KIND(text)
    t.data = PyUnicode_DATA(text)
    t.n = len(text)
    return t


cdef inline Py_UCS4 _at(Text t, Py_ssize_t i) noexcept:
    """The character at ``i``, which must be in the text."""
    return PyUnicode_READ(t.kind, t.data, i)


cdef inline bint _letter(Py_UCS4 ch) noexcept:
    # ``[^\W\d_]``: a word character that is neither a decimal digit nor "_"
    if ch < 128:
        return (u"a" <= ch <= u"z") or (u"A" <= ch <= u"Z")
    return Py_UNICODE_ISALNUM(ch) and not Py_UNICODE_ISDECIMAL(ch)


cdef inline bint _word(Py_UCS4 ch) noexcept:
    # ``\w``, as ``\b`` reads it
    if ch < 128:
        return _letter(ch) or (u"0" <= ch <= u"9") or ch == u"_"
    return Py_UNICODE_ISALNUM(ch)


cdef inline bint _space(Py_UCS4 ch) noexcept:
    # ``\s``: in ASCII, \t to \r, \x1c to \x1f and the space
    if ch < 128:
        return ch == 0x20 or 0x09 <= ch <= 0x0D or 0x1C <= ch <= 0x1F
    return Py_UNICODE_ISSPACE(ch)


cdef inline bint _capital(Py_UCS4 ch) noexcept:
    # ``[A-Z]``
    return u"A" <= ch <= u"Z"


cdef inline bint _apostrophe(Py_UCS4 ch) noexcept:
    return ch == 0x27 or ch == 0x2019  # ' and ’


cdef Py_ssize_t _word_end(Text t, Py_ssize_t p) noexcept:
    """The end of the word starting at ``p`` (a letter), by ``_SPLIT``'s alternatives in
    their order."""
    cdef Py_ssize_t n = t.n, q, r
    cdef Py_UCS4 ch = _at(t, p), nxt
    # "U.S.", "D.C.": capitals, each with its full stop (two at least)
    if _capital(ch) and p + 3 < n and _at(t, p + 1) == u".":
        q = p + 2
        while q + 1 < n and _capital(_at(t, q)) and _at(t, q + 1) == u".":
            q += 2
        if q > p + 2:
            return q
    # "St. Louis": St, Mt or Ft and its full stop, before spaces and a capital
    if (ch == u"S" or ch == u"M" or ch == u"F") and p + 2 < n:
        if _at(t, p + 1) == u"t" and _at(t, p + 2) == u".":
            r = p + 3
            while r < n and _space(_at(t, r)):
                r += 1
            if r > p + 3 and r < n and _capital(_at(t, r)):
                return p + 3
    # letters, and letters after an apostrophe that is not a final "'s" ("O'Connor")
    q = p + 1
    while q < n and _letter(_at(t, q)):
        q += 1
    while q + 1 < n and _apostrophe(_at(t, q)):
        nxt = _at(t, q + 1)
        if (nxt == u"s" or nxt == u"S") and (q + 2 == n or not _word(_at(t, q + 2))):
            break
        if not _letter(nxt):
            break
        q += 2
        while q < n and _letter(_at(t, q)):
            q += 1
    return q


cdef bint _joined(Text t, Py_ssize_t a, Py_ssize_t b) noexcept:
    """``geomap.extract.lexer.joined``: the gap from ``a`` to ``b`` is one space or hyphen, or
    up to two spaces with no line break."""
    cdef Py_UCS4 ch
    if b - a == 1:
        ch = _at(t, a)
        if ch == u" " or ch == u"-" or ch == 0x2010 or ch == 0x2011 or ch == 0x2013:
            return True  # " ", "-", "‐", "‑", "–"
        return _space(ch) and ch != u"\n"
    if b - a == 2:
        return (
            _space(_at(t, a)) and _space(_at(t, a + 1))
            and _at(t, a) != u"\n" and _at(t, a + 1) != u"\n"
        )
    return False


def split_words(str text):
    """The words of ``text`` as ``_SPLIT`` splits them: (words, starts, ends, caps, joined).

    ``words[k]`` is ``text[starts[k]:ends[k]]``; ``caps[k]`` is ``words[k][0].isupper()``;
    ``joined[k]`` is ``_joined(text, ends[k - 1], starts[k])`` (False for the first word).
    """
    cdef Text t = _text(text)
    cdef Py_ssize_t p = 0, end, last = -1
    cdef Py_UCS4 ch
    cdef list words = [], starts = [], ends = [], caps = [], joined = []
    while p < t.n:
        ch = _at(t, p)
        if not _letter(ch):
            p += 1
            continue
        end = _word_end(t, p)
        words.append(text[p:end])
        starts.append(p)
        ends.append(end)
        caps.append(Py_UNICODE_ISUPPER(ch))
        joined.append(last >= 0 and _joined(t, last, p))
        last = p = end
    return words, starts, ends, caps, joined


cdef inline bint _stop(Py_UCS4 ch) noexcept:
    return ch == u"." or ch == u"!" or ch == u"?" or ch == 0x2026  # …


cdef inline bint _closer(Py_UCS4 ch) noexcept:
    return ch == u'"' or ch == 0x201D or ch == 0x2019 or ch == u")"  # " ” ’ )


cdef inline bint _opener(Py_UCS4 ch) noexcept:
    return ch == u'"' or ch == 0x201C or ch == 0x2018 or ch == u"("  # " “ ‘ (


cdef inline bint _sentence_start(Py_UCS4 ch) noexcept:
    return _capital(ch) or (u"0" <= ch <= u"9") or ch == 0x2022  # •


cdef inline bint _bullet(Py_UCS4 ch) noexcept:
    return ch == 0x2022 or ch == u"-" or ch == u"*"


def sentence_ends(str text):
    """The (start, end) of each sentence end in ``text``, as ``_sentence_ends`` gives them
    from ``_SENTENCE_END_AT``: after a stop, the closing quotes and spaces before the next
    sentence's start; a blank line; the line break before a bullet."""
    cdef Text t = _text(text)
    cdef Py_ssize_t n = t.n, p = 0, q, r, last
    cdef Py_UCS4 ch
    cdef list out = []
    while p < n:
        ch = _at(t, p)
        if _stop(ch):
            q = p + 1
            while q < n and _closer(_at(t, q)):
                q += 1
            r = q
            while r < n and _space(_at(t, r)):
                r += 1
            if r > q and r < n and (
                _sentence_start(_at(t, r))
                or (_opener(_at(t, r)) and r + 1 < n and _sentence_start(_at(t, r + 1)))
            ):
                out.append((p + 1, r))
                p = r
                continue
        elif ch == u"\n":
            # a blank line: up to the last line break of the spaces after this one
            last = -1
            r = p + 1
            while r < n and _space(_at(t, r)):
                if _at(t, r) == u"\n":
                    last = r
                r += 1
            if last >= 0:
                out.append((p, last + 1))
                p = last + 1
                continue
            if r < n and _bullet(_at(t, r)):
                out.append((p, p + 1))
                p += 1
                continue
        p += 1
    return out


cdef inline bint _elided(str word) noexcept:
    # ``_ELIDED.match(word)``: [dlDL], an apostrophe, a capital ("d'Ivoire")
    cdef Py_UCS4 a, b, c
    if len(word) < 3:
        return False
    a, b, c = word[0], word[1], word[2]
    return (a == u"d" or a == u"l" or a == u"D" or a == u"L") and _apostrophe(b) and _capital(c)


def name_windows(
    str text,
    list words,
    list starts,
    list ends,
    list caps,
    list joined,
    dict first_words,
    starts_of,
    key_of,
    frozenset connectors,
    frozenset division_words,
    Py_ssize_t max_tokens,
):
    """``geomap.extract.lexer.name_windows``, compiled: the runs of words that may name a place, by
    (first, last word), and the (last word, key) of each by first word."""
    cdef Text t = _text(text)
    cdef Py_ssize_t n = len(words), i, j, gap
    cdef dict windows = {}, ends_of = {}
    cdef list reach
    cdef str word
    cdef object hit, key
    for i in range(n):
        if not caps[i]:
            continue
        word = words[i]
        hit = first_words.get(word)
        if hit is None:
            hit = starts_of(word)
        key, starts_name, starts_longer = hit
        if not starts_name:
            continue
        windows[(i, i)] = key
        reach = [(i, key)]
        ends_of[i] = reach
        if not starts_longer:
            continue
        for j in range(i + 1, min(n, i + max_tokens)):
            word = words[j]
            if word == u"s" and j < n - 1:
                # "People's Republic of China": the "s" of a possessive is never a name's end
                gap = <Py_ssize_t>starts[j] - <Py_ssize_t>ends[j - 1]
                if (
                    gap == 1 and _apostrophe(_at(t, <Py_ssize_t>ends[j - 1]))
                    and caps[j + 1] and joined[j + 1]
                ):
                    continue
            if not (
                caps[j] or word in connectors or word in division_words or _elided(word)
            ):
                break
            if not joined[j]:
                break
            if word not in connectors:
                key = key_of(text[<Py_ssize_t>starts[i]:<Py_ssize_t>ends[j]])
                windows[(i, j)] = key
                reach.append((j, key))
    return windows, ends_of
