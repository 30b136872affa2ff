"""Facts in, questions out: cloze and multiple-choice questions with their wrong options, as
plain text with span offsets, seeded per fact and computed in this one process.

No Anki markup, no files written, no terminals: exporters and the quiz render what it returns.
"""
