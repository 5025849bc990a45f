# SPDX-License-Identifier: LGPL-2.1-or-later
#
# What the PyGObject suites share: times from text, shares as fractions.

import fractions

import gi

gi.require_version("Attrib", "1.0")
from gi.repository import Attrib  # noqa: E402


def t(text):
    ok, value = Attrib.time_parse(text, None)
    assert ok
    return value


def share(verdict, kind, party):
    num, den = verdict.get_party_share(kind, party)
    return fractions.Fraction(num, den)
