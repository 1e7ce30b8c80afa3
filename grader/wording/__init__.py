"""Every sentence the grader says to a learner about a check, one module per kind of message (a
step with a scorer of its own, ex23's and ex32's score.py, words its own failures):

    failures.py   why a file gave no answer, or why a case's answer is wrong
    slips.py      the built-in slips grader/grading/diagnose.py names (a step's own are in its toml)
    notes.py      the notes under a verdict: a lot printed, scalars not arrays, slow, which layer
    headings.py   the words around a verdict: headline, section headings, replay, what is next
    review.py     `learn review`: items due, each item's heading, when the next ones are due

The grader decides what happened (grader/grading/compare.py, grade.py, diagnose.py); these modules
say it. Failures, slips and notes are worded when the file is graded and stored with the attempt;
headings are used each time a verdict is shown (grader/presenting/).
"""
