"""Prose in, a commented fact file out: the first pass of `quizgen draft`, for a teacher to curate.

An article is split into paragraphs (Markdown headings become topics) and sentences (pysbd, a
rule-based splitter that knows "U.S." and "Dr." are not sentence ends). Each sentence is
searched for answerable spans: money, percentages, dates, years, counts with units, and names
of people, places and organisations. Every span is a whole token ("U.S.", never "U.S"), and the
one a teacher would most likely ask about becomes the answer: a figure before a name, a name
before a vague term, a name the article mentions rarely before the article's own subject
(asking "Ukraine" in an article about Ukraine tests nothing). Names are classified with a small
built-in gazetteer and cues such as a title before the name ("Prime Minister Mark Carney").

Everything here is pure (text in, text out) and deterministic, so the same article always
gives the same draft. No network and no models: pysbd is rules and lists.

The package follows the path of a draft: `article` (paragraphs and sentences), `spans`
(what can be asked), `candidates` (the facts proposed), `render` (the commented YAML) and
`files` (reading the article, writing the draft); `vocabulary` holds the word lists.
"""

from __future__ import annotations

from quizgen.draft.article import split_sentences
from quizgen.draft.candidates import Draft, make_draft
from quizgen.draft.files import read_article, write_draft
from quizgen.draft.spans import numeric_spans, whole_token

__all__ = [
    "Draft",
    "make_draft",
    "numeric_spans",
    "whole_token",
    "split_sentences",
    "read_article",
    "write_draft",
]
