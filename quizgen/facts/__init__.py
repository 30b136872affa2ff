"""The fact format: the models a fact file must fit, reading YAML with its lines, the rules
across fields, finding fact files and the starter file.

It knows answers (quizgen.answers) and nothing of questions, exports, the quiz or the CLI.
"""
