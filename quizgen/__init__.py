"""quizgen: curated fact files in; cloze and multiple-choice questions, Anki decks, a quiz out."""

__version__ = "0.1.0"
