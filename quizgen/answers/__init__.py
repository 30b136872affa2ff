"""What an answer is: its kind (money, year, person...), its value, its normalised form, where
it stands in a statement, and whether a typed reply matches it.

The lowest layer: it imports nothing else of quizgen, so the fact format, the engine, the
exporters and the quiz all judge answers the same way.
"""
